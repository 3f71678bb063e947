import type { Catalogue, CitationSpec, CitationTopic } from '../catalogue';
import type { Reporter } from '../messages';
import { fact, foldedOnce } from '../memo';
import { Prefilter } from '../prefilter';
import { foldText, matchesOf } from '../text';
import type { DpaDocument, Lang, Sentence } from '../types';

const GDPR_PARAGRAPH = /(?<![\p{L}])(§§?)\s*(\d{1,2})((?:\s*(?:abs\.?|absatz|satz|s\.|uabs\.?|unterabs\.?|lit\.?|buchst\.?|nr\.?)\s*[\da-z]{1,3}\.?|\s*\(\d{1,2}\)|\s*\([a-z]\)|\s*(?:und|bis|to|and|or|oder|-|–|,)\s*\d{1,2}(?![\d.]))*)\s*(dsgvo|ds-gvo|eu-dsgvo|gdpr)\b/giu;

/**
 * citation-wrong, three ways (rules/citations.yaml holds the data of the last two):
 * - the GDPR cited with "§" ("§ 28 Abs. 2 DS-GVO" means "Art. 28 Abs. 2 DS-GVO"): it has articles, not paragraphs;
 * - an article cited for a topic it does not govern ("Datenschutz-Folgenabschätzung (Art. 36 DSGVO)": Art. 35);
 * - an act cited by a wrong number ("repealing Directive 94/46/EC": 95/46/EC).
 */
export function checkCitations(doc: DpaDocument, cat: Catalogue, r: Reporter): void {
	// Read per sentence and remembered with it: an edit reads again only the sentences it touched.
	const spec = cat.citations ?? NO_CITATIONS;
	const read = (u: Sentence): WrongCitation[] => wrongCitations(u.text, spec);
	for (let i = 0; i < doc.sentences.length; i++) {
		const s = doc.sentences[i];
		for (const w of fact(doc.sentences, i, 'sentence', 'citations', read)) {
			const span = { start: s.span.start + w.start, end: s.span.start + w.end };
			const fixSpan = { start: s.span.start + w.fixStart, end: s.span.start + w.fixEnd };
			const corrected = w.text.slice(0, w.fixStart - w.start) + w.fixText + w.text.slice(w.fixEnd - w.start);
			if (w.paragraph) {
				r.report('citation-wrong', span, 'default', { text: w.text, corrected }, {
					fixes: [{ kind: 'renumber', mechanical: false, title: r.text('citation-wrong', 'fix', { corrected }), edits: [{ span, text: corrected }] }],
				});
				continue;
			}
			const values: Record<string, string> = w.act !== undefined
				? { text: w.text, name: spec.acts[w.act].name[r.lang], number: w.fixText, corrected }
				: { text: w.text, topic: spec.topics[w.topic!][w.point !== undefined ? 'term' : 'name'][r.lang], expected: articleName(w.article!, w.point, r.lang), corrected };
			r.report('citation-wrong', span, w.act !== undefined ? 'act' : w.point !== undefined ? 'definition' : 'topic', values, {
				fixes: [{ kind: 'renumber', mechanical: false, title: r.text('citation-wrong', 'fix', { corrected }), edits: [{ span: fixSpan, text: w.fixText }] }],
			});
		}
	}
}

const articleName = (article: number, point: number | undefined, lang: Lang): string =>
	point === undefined ? `Art. ${article}` : lang === 'de' ? `Art. ${article} Nr. ${point}` : `Art. ${article}(${point})`;

/** No topics and no acts: the "§ … DSGVO" citations alone (a catalogue without rules/citations.yaml). */
const NO_CITATIONS: CitationSpec = { topics: [], acts: [], examples: { wrong: [], right: [] } };

/** A wrong citation in a sentence (offsets in the sentence): what to put at `fixStart`–`fixEnd` instead. */
export interface WrongCitation {
	/** The GDPR cited with "§": the whole citation is rewritten ("§ 28 Abs. 2 DS-GVO" to "Art. 28 Abs. 2 DS-GVO"). */
	readonly paragraph?: boolean;
	readonly start: number; readonly end: number; readonly text: string;
	readonly fixStart: number; readonly fixEnd: number; readonly fixText: string;
	/** The topic cited for and the article (and point of Art. 4) that governs it; or the act cited by a wrong number. */
	readonly topic?: number; readonly article?: number; readonly point?: number;
	readonly act?: number;
}

/** A GDPR citation: "Art." and numbers ("33 und 34", "32 bis 36", "4 Nr. 12", "28 Abs. 3 lit. f"), then the GDPR's name. */
const ART = String.raw`(?:art(?:ikel|icles?|s)?\.?|artt\.)\s*`;
const SUB = String.raw`(?:\s*\(\s*[\da-z]{1,3}\s*\)|\s*(?:abs\.?|absatz|para(?:graph)?\.?|nr\.?|no\.?|ziff(?:er)?\.?|z\.?|point|lit\.?|buchst(?:abe)?\.?|s\.|satz|uabs\.?|unterabs(?:atz)?\.?|subpara(?:graph)?\.?|sentence)\s*[\da-z]{1,3}\b\.?)`;
const ITEM = String.raw`\d{1,2}(?!\d)${SUB}*(?:\s*ff?\.)?`;
const SEP = String.raw`\s*(?:,|und|and|or|oder|bis|to|through|sowie|-|–|&)\s*`;
const GDPR_CITATION = new RegExp(String.raw`(?<![\p{L}\d])${ART}${ITEM}(?:${SEP}(?:${ART})?${ITEM})*\s*(?:(?:der|des|of\s+the|of|the)\s+)?(?:(?:eu|uk)[- ]?)?(?:dsgvo|ds-gvo|gdpr|datenschutz-grundverordnung|general\s+data\s+protection\s+regulation)(?![\p{L}])`, 'giu');
/** Whether a folded sentence may cite the GDPR at all (most do not: the full pattern is run only then). */
const mayCite = (f: string): boolean => f.includes('dsgvo') || f.includes('ds-gvo') || f.includes('gdpr') || f.includes('grundverordnung') || f.includes('data protection regulation');
/** Every act is cited by a number with a slash between digits ("95/46", "2021/914"): most sentences have none. */
const NUMBER_WITH_SLASH = /\d\/\d/;
/** Per citation table, the prefilter of its topics' cues: a window is searched only for the topics it has a needle of. */
const topicFilters = new WeakMap<CitationSpec, Prefilter>();
const topicFilter = (spec: CitationSpec): Prefilter => {
	let f = topicFilters.get(spec);
	if (!f) topicFilters.set(spec, f = new Prefilter(spec.topics.map(t => t.cue)));
	return f;
};

/** One cited item: an article (with the point of Art. 4) and where its number stands in the citation. */
interface Item {
	readonly article: number; readonly point?: number;
	/** The first paragraph cited ("28(2)", "Art. 28 Abs. 3 lit. f": 3), where one is. */
	readonly para?: number;
	/** The items of one range ("32 bis 36", "35 f.") share their group: a range is read as one. */
	readonly group: number;
	readonly at: number; readonly length: number; readonly pointAt?: number; readonly pointLength?: number }

/**
 * The items of a citation: "Art. 33 und 34" two articles, "Art. 32 bis 36" five, "Art. 35 f." two, "Art. 12 ff."
 * eleven, "Art. 4 Nr. 1, 2" two points of Art. 4, "Art. 28 Abs. 3 und 4" one article (after a paragraph, a bare
 * number continues the paragraphs).
 */
function itemsOf(citation: string): Item[] {
	const items: Item[] = [];
	const re = /(\d{1,2})(?!\d)|\(\s*([\da-z]{1,3})\s*\)|(abs\.?|absatz|para(?:graph)?\.?|nr\.?|no\.?|ziff(?:er)?\.?|z\.?|point)\s*(\d{1,2})\b|(?:lit\.?|buchst(?:abe)?\.?|s\.|satz|uabs\.?|unterabs(?:atz)?\.?|subpara(?:graph)?\.?|sentence)\s*[\da-z]{1,3}\b|(bis|to|through|-|–)|(ff?\.)|(art(?:ikel|icles?|s)?\.?|artt\.)/giu;
	let sub = false, range = false, explicit = true;
	for (const m of matchesOf(re, citation)) {
		const at = m.index ?? 0;
		if (m[7]) { explicit = true; continue; }
		if (m[5]) { range = !sub; continue; }
		if (m[6]) {
			const last = items[items.length - 1];
			if (last) for (let a = last.article + 1; a <= last.article + (m[6].toLowerCase() === 'ff.' ? 10 : 1); a++) items.push({ article: a, group: last.group, at: last.at, length: last.length });
			continue;
		}
		if (m[1] === undefined && m[2] === undefined && m[4] === undefined) { sub = true; continue; }
		const point = m[2] ?? m[4];
		if (point !== undefined) {
			// The first paragraph or point of an article; only Art. 4's (its definitions) are kept.
			const last = items[items.length - 1];
			if (last && !sub && last.article === 4 && /^\d+$/.test(point)) {
				const pointAt = at + m[0].lastIndexOf(point);
				items[items.length - 1] = { ...last, point: Number(point), pointAt, pointLength: point.length };
			} else if (last && !sub && /^\d+$/.test(point)) items[items.length - 1] = { ...last, para: Number(point) };
			sub = true;
			continue;
		}
		const n = Number(m[1]);
		if (sub && !explicit) {
			// A bare number after a paragraph continues the paragraphs ("Abs. 3 und 4"); for Art. 4, another point.
			const last = items[items.length - 1];
			if (last?.article === 4) items.push({ article: 4, point: n, group: items.length, at: last.at, length: last.length, pointAt: at, pointLength: m[1].length });
			continue;
		}
		let group = items.length;
		if (range && items.length) {
			const from = items[items.length - 1].article;
			group = items[items.length - 1].group;
			for (let a = from + 1; a < n && a - from < 60; a++) items.push({ article: a, group, at, length: m[1].length });
		}
		items.push({ article: n, group, at, length: m[1].length });
		sub = false; range = false; explicit = false;
	}
	return items;
}

/** How far after a topic's words the citation may begin (the words between: "as defined in", "nach", "under"). */
const NEAR = 60;
/** How much of the sentence before a citation is read for the topics it cites for. */
const WINDOW = 240;

/** The wrong citations of one sentence. */
export function wrongCitations(text: string, spec: CitationSpec): WrongCitation[] {
	const out: WrongCitation[] = [];
	const folded = foldedOnce(text);
	const cites = mayCite(folded);
	if (cites && text.includes('§')) {
		for (const m of matchesOf(GDPR_PARAGRAPH, text)) {
			const start = m.index ?? 0;
			out.push({ start, end: start + m[0].length, text: m[0], fixStart: start, fixEnd: start + m[0].length, fixText: `Art. ${m[2]}${m[3]} ${m[4]}`, paragraph: true });
		}
	}
	if (cites) {
		// The words a citation cites for end where the citation before it in the sentence ends: "Rechte der
		// betroffenen Personen nach Art. 12 bis 22 DSGVO, der Meldung … gemäß Art. 33 DSGVO".
		let after = 0;
		for (const m of matchesOf(GDPR_CITATION, text)) {
			const w = wrongTopic(text, m.index ?? 0, m[0], after, spec);
			if (w) out.push(w);
			after = (m.index ?? 0) + m[0].length;
		}
	}
	if (spec.acts.length && NUMBER_WITH_SLASH.test(text)) {
		for (const [k, act] of spec.acts.entries()) {
			for (const m of matchesOf(act.pattern, text)) {
				if (m[1] === act.number || (act.sentence && !act.sentence.test(folded)) || act.unless?.test(folded)) continue;
				const start = m.index ?? 0, at = start + m[0].lastIndexOf(m[1]);
				out.push({ start, end: start + m[0].length, text: m[0], fixStart: at, fixEnd: at + m[1].length, fixText: act.number, act: k });
			}
		}
	}
	return out.sort((a, b) => a.start - b.start);
}

/** A topic's words before a citation (offsets in the folded window). */
interface Named { readonly topic: number; readonly start: number; readonly end: number }

function wrongTopic(text: string, start: number, citation: string, after: number, spec: CitationSpec): WrongCitation | undefined {
	// Art. 28 fits every topic as the processor's duties about it (its paragraphs 3 and 4, or the article as a whole);
	// "records … as required by Article 28(2)" cites the authorisation of sub-processors.
	const items = itemsOf(citation).filter(it => (it.article !== 28 || (it.para !== undefined && it.para !== 3 && it.para !== 4)) && (it.article !== 4 || it.point !== undefined));
	if (!items.length) return undefined;
	// The words before the citation, back to the last bracket, semicolon or colon (or the citation before it); a
	// bracket the citation opens with its lead words ("(as defined in Article 4(12) GDPR)", "(gemäß Art. 35 DSGVO)")
	// is passed over, unless the term cited for is in it ("(„Verantwortlicher“ im Sinne des Art. 4 Nr. 7 DSGVO)").
	let end = start;
	let named: Named[] = [], window = '';
	const open = text.lastIndexOf('(', start);
	if (open >= after && start - open <= 40 && !/[();:]/.test(text.slice(open + 1, start))) {
		window = foldText(text.slice(open + 1, start));
		named = topicsIn(window, spec);
		end = open;
	}
	if (!named.length) {
		let from = Math.max(after, text.lastIndexOf('(', end - 1) + 1, text.lastIndexOf(')', end - 1) + 1, text.lastIndexOf(';', end - 1) + 1, text.lastIndexOf(':', end - 1) + 1);
		from = Math.max(from, end - WINDOW);
		window = foldText(text.slice(from, end));
		named = topicsIn(window, spec);
	}
	// A topic can judge an item when it has articles (or, for a point of Art. 4, a definition).
	const relevant = (t: CitationTopic, it: Item): boolean => (it.point !== undefined ? t.defined !== undefined : t.articles.length > 0);
	const judged = (list: readonly Named[]): boolean => list.some(n => items.some(it => relevant(spec.topics[n.topic], it)));
	if (!judged(named)) {
		// "its obligation under Article 33 GDPR to notify the supervisory authority of a breach": the infinitive after
		// the citation names its topic, up to the next comma or bracket.
		const rest = /^\s+to\s+[^,;:()]{1,120}/u.exec(text.slice(start + citation.length));
		if (rest) {
			named = topicsIn(foldText(rest[0]), spec).map(n => ({ ...n, start: 0, end: 0 }));
			window = '';
		}
	}
	if (!judged(named)) return undefined;
	const nearest = named.reduce((a, b) => (b.end > a.end ? b : a));
	if (window.trimEnd().length - nearest.end > NEAR) return undefined;
	const fits = (t: CitationTopic, it: Item): boolean => (it.point !== undefined ? t.defined === it.point : t.articles.includes(it.article));
	const cited = named.map(n => spec.topics[n.topic]);
	// A range fits when one of its articles does; a range that fits nothing is not corrected (which end was meant?).
	const groups = new Map<number, Item[]>();
	for (const it of items) groups.set(it.group, [...(groups.get(it.group) ?? []), it]);
	const fitting = (g: readonly Item[]): boolean => g.some(it => cited.some(t => fits(t, it)));
	const wrong = [...groups.values()].find(g => g.length === 1 && !fitting(g))?.[0];
	if (!wrong) return undefined;
	let expected: CitationTopic | undefined;
	if (groups.size === 1) {
		// One article: it is cited for the topic named right before it (a bare term between them, "… carried out on
		// behalf of the Controller, as required by Article 28(2)", governs nothing of its own).
		const near = named.filter(n => relevant(spec.topics[n.topic], wrong)).reduce<Named | undefined>((a, b) => (!a || b.end > a.end ? b : a), undefined);
		if (near && window.trimEnd().length - near.end <= NEAR) expected = spec.topics[near.topic];
	} else if ([...groups.values()].some(fitting)) {
		// Several: some fit the topics named, so the citation is about them; the one that fits none was meant for
		// the topic none of them fits.
		const unmet = named.filter(n => relevant(spec.topics[n.topic], wrong) && !items.some(it => fits(spec.topics[n.topic], it)));
		if (unmet.length) expected = spec.topics[unmet.reduce((a, b) => (b.end > a.end ? b : a)).topic];
	}
	if (!expected) return undefined;
	const article = wrong.point !== undefined ? 4 : expected.articles[0];
	const point = wrong.point !== undefined ? expected.defined : undefined;
	const fixStart = start + (point !== undefined ? wrong.pointAt! : wrong.at);
	const fixEnd = fixStart + (point !== undefined ? wrong.pointLength! : wrong.length);
	return { start, end: start + citation.length, text: citation, fixStart, fixEnd, fixText: String(point ?? article), topic: spec.topics.indexOf(expected), article, point };
}

/** The topics named in a folded window; a generic term's words inside another topic's words do not count. */
function topicsIn(window: string, spec: CitationSpec): Named[] {
	const topics = spec.topics;
	const found: Named[] = [];
	const may = topicFilter(spec).scan(window);
	for (const [k, t] of topics.entries()) {
		if (!Prefilter.may(may, k)) continue;
		for (const m of matchesOf(t.cue, window)) if (m[0]) found.push({ topic: k, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
	}
	// A generic term counts only where no other topic's words contain it or stand after it, nearer the citation
	// ("Rechte der betroffenen Personen, insbesondere bei Anträgen auf Auskunft (Art. 15 DSGVO)").
	return found.filter(n => !topics[n.topic].generic || !found.some(o => o !== n && (o.start <= n.start && o.end >= n.end && o.end - o.start > n.end - n.start || !topics[o.topic].generic && o.start >= n.end)));
}
