import type { Catalogue, ElementSpec, MatchSpec } from './catalogue';
import { compilePattern, fold } from './text';
import type { Annex, Coverage, CoverageStatus, DpaDocument, Sentence, Span } from './types';

/** A sentence prepared for matching: folded text, folded context (clause titles, previous sentence), and its role. */
interface Prepared {
	readonly sentence: Sentence;
	readonly text: string;
	readonly context: string;
	/** The previous sentence of the same paragraph (for "^" cues: "… verpflichtet ist. Sofern …, teilt er dies … mit"). */
	readonly previous?: Prepared;
	/** Memo of cue tests on the context, shared by all sentences with the same context. */
	readonly contextMemo: Int8Array;
	/** A clause heading: its words say what follows, they are not content themselves. */
	readonly heading: boolean;
	/** Short heading-like text ("Art der Daten", "Categories of data subjects:") that needs content after it. */
	readonly label: boolean;
	/** Refers the matter to another document ("ergibt sich aus dem Hauptvertrag", "as set out in the Main Agreement"). */
	readonly delegated: boolean;
	/** The sentence followed by the short list items after it ("die – Speicherung, – Änderung, …"), for counted cues. */
	readonly withList: string;
	/** Memo of cue tests on the text, by group index: 0 unknown, 1 no, 2 yes. */
	readonly memo: Int8Array;
	/** Annexes the sentence refers to. */
	readonly annexes: readonly Annex[];
}

const HINT_START = compilePattern('^(?:ausfuell)?(?:hinweis(?:e)?|erlaeuterung(?:en)?|anmerkung(?:en)?|bearbeitungshinweis|notes?|drafting notes?|guidance|instructions? for completion)\\s*:', 'u');
const DELEGATION = compilePattern('(?:ergib\\p{L}* sich|ergeben sich|richte\\p{L}* sich nach|bestimm\\p{L}* sich nach|siehe|vgl\\.|geregelt in|festgelegt in|as (?:set out|described|specified|defined|detailed) in|refer(?:red)? to in)' +
	'[^.]{0,120}(?:hauptvertrag|allgemeinen geschaeftsbedingungen|\\bagb\\b|leistungsbeschreibung|nutzungsbedingungen|nutzungsvertrag|angebot|rahmenvertrag|dienstleistungsvertrag|main agreement|master (?:services )?agreement|principal agreement|terms of (?:service|use)|\\bterms\\b|order form|statement of work|\\bsow\\b)' +
	// A circular description is a delegation too: "Data subjects whose personal data will be processed pursuant to the Terms".
	'|(?:processed|verarbeitet\\p{L}*)\\s+(?:pursuant to|under|in accordance with|gemaess|nach|im rahmen)\\s+(?:the |des |dem |der )?[\\p{L} ]{0,30}(?:terms|agreement|hauptvertrag|vertrag\\p{L}*)\\W*$', 'u');

/** Clause numbers and bullets at the start of a sentence ("1.1 ", "§ 5 ", "- 2) ", "(a) ") are not part of its wording. */
const LEADING_NUMBER = /^(?:[-*•·]\s*)*(?:\[bookmark: [^\]]*\]\s*)?(?:§\s*\d+[a-z]?\.?\s+|\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s+|\(?[a-z]\)\s+|[a-z]\.\s+)?(?:\[bookmark: [^\]]*\]\s*)?/;

/** Whether a sentence carries substance: not a bare label, hint or placeholder. */
function isLabel(text: string, cat: Catalogue): boolean {
	const words = text.split(/\s+/).filter(w => /\p{L}/u.test(w)).length;
	if (/:\s*$/.test(text) && words <= 8) return true;
	// "Dauer: Vertragsdauer und Löschfrist" is a label with its content.
	if (words > 6 || /:\s*\S+\s+\S+/.test(text)) return false;
	for (const g of ['subject-matter', 'nature', 'purpose', 'data-types', 'data-subjects', 'duration']) if (cat.cues.get(g)!.test(text)) return true;
	return false;
}

function prepare(doc: DpaDocument, cat: Catalogue): Prepared[] {
	const titleCache = new Map<unknown, string>();
	const headings = new Set(doc.clauses.map(c => c.span.start));
	let hint = false;
	const out: Prepared[] = [];
	const contextMemos = new Map<string, Int8Array>();
	let refAt = 0;
	doc.sentences.forEach((sentence, i) => {
		if (sentence.span.start < doc.bodyStart && doc.bodyStart > 0) return;
		// Markdown emphasis and table pipes are layout, not words: "| Betroffene | Kunden |" reads "betroffene: kunden".
		let text = fold(sentence.text).text.replace(/^#{1,6}\s+/, '').replace(/[*_`]+/g, '').replace(LEADING_NUMBER, '');
		const block = doc.blocks[sentence.block];
		// Table separators ("|---|---|") carry no words; a header row above one is a label.
		if (!/\p{L}/u.test(text)) return;
		const headerRow = block?.kind === 'table' && /^\s*\|?\s*:?-{3,}/.test(doc.blocks[sentence.block + 1]?.text ?? '');
		if (block?.kind === 'table') text = text.replace(/^\|\s*|\s*\|\s*$/g, '').replace(/\s*(?:\||\t)\s*/g, ': ');
		// Drafting notes ("Hinweise: …") run until the next clause or annex heading; they are not contract content.
		if (headings.has(sentence.span.start) || doc.annexes.some(a => a.span.start === sentence.span.start)) hint = false;
		if (HINT_START.test(text)) hint = true;
		if (hint) return;
		let context = '';
		if (sentence.clause) {
			context = titleCache.get(sentence.clause) ?? '';
			if (!titleCache.has(sentence.clause)) {
				const titles: string[] = [];
				for (let c: typeof sentence.clause | undefined = sentence.clause; c; c = c.parent) titles.push(c.title);
				context = fold(titles.join(' | ')).text;
				titleCache.set(sentence.clause, context);
			}
		}
		if (sentence.annex) context += ' | ' + fold(sentence.annex.title).text;
		const last = out[out.length - 1];
		const previous = last && last.sentence.block === sentence.block && doc.sentences[i - 1] === last.sentence ? last : undefined;
		let contextMemo = contextMemos.get(context);
		if (!contextMemo) contextMemos.set(context, contextMemo = new Int8Array(cat.cueNames.length));
		// References and sentences are both in document order: one pointer walks the references.
		while (refAt < doc.annexRefs.length && doc.annexRefs[refAt].span.start < sentence.span.start) refAt++;
		const annexes: Annex[] = [];
		for (let k = refAt; k < doc.annexRefs.length && doc.annexRefs[k].span.start < sentence.span.end; k++) {
			const target = doc.annexRefs[k].target;
			if (target) annexes.push(target);
		}
		// A clause heading ("1. Gegenstand und Dauer des Auftrags") is a label, however long.
		const heading = headings.has(sentence.span.start) && !/[.;:!?]\s*$/.test(sentence.text) && sentence.text.split(/\s+/).length <= 15;
		out.push({ sentence, text, context, previous, contextMemo, heading, label: heading || headerRow || isLabel(text, cat), delegated: DELEGATION.test(text), annexes, withList: text, memo: new Int8Array(cat.cueNames.length) });
	});
	// Short list items that follow a sentence belong to it when counting operations ("… die – Speicherung, – Änderung").
	for (let i = 0; i < out.length; i++) {
		let j = i + 1, joined = out[i].text;
		while (j < out.length && j - i <= 15 && out[j].sentence.annex === out[i].sentence.annex && /^\s*[-*•·]/.test(out[j].sentence.text) && out[j].text.split(/\s+/).length <= 8) joined += ' ' + out[j++].text;
		(out[i] as { withList: string }).withList = joined;
	}
	return out;
}

/** Whether a cue group matches one of the sentence's texts (memoised: many elements ask the same question). */
function test(cat: Catalogue, p: Prepared, name: string, where: 'text' | 'context' | 'previous'): boolean {
	if (where === 'previous') return p.previous ? test(cat, p.previous, name, 'text') : false;
	const memo = where === 'text' ? p.memo : p.contextMemo;
	const key = cat.cueIndex.get(name)!;
	let hit = memo[key];
	if (hit === 0) {
		hit = cat.cues.get(name)!.test(where === 'text' ? p.text : p.context) ? 2 : 1;
		memo[key] = hit;
	}
	return hit === 2;
}

function matches(cat: Catalogue, spec: MatchSpec, p: Prepared): boolean {
	for (const g of spec.all) {
		// "^cue": the sentence, the clause titles above it or the sentence before it; "@cue": the sentence or the titles.
		const inContext = g.startsWith('^') || g.startsWith('@');
		const name = inContext ? g.slice(1) : g;
		if (inContext) {
			if (!test(cat, p, name, 'text') && !test(cat, p, name, 'context') && !(g.startsWith('^') && test(cat, p, name, 'previous'))) return false;
		} else if (spec.min > 1) {
			// Distinct places, so a word listed in both languages ("hosting") counts once.
			const at = new Set(cat.cueParts.get(name)!.map(r => p.withList.search(r)).filter(i => i >= 0));
			if (at.size < spec.min) return false;
		} else if (!test(cat, p, name, 'text')) return false;
	}
	return !spec.not.some(g => test(cat, p, g, 'text'));
}

/** A sentence's span without its paragraph number ("(1) ", "2.1 ", "- "), so the underline starts at the words. */
function evidenceSpan(s: Sentence): Span {
	const lead = /^(?:[-*•·]\s*)*(?:§\s*\d+[a-z]?\.?\s+|\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s+|\(?[a-z]\)\s+)?/i.exec(s.text)?.[0].length ?? 0;
	return lead < s.text.length ? { start: s.span.start + lead, end: s.span.end } : s.span;
}

/** Whether an annex has content beyond its title, labels and drafting notes. */
const contentCache = new WeakMap<Annex, boolean>();
function annexHasContent(annex: Annex, prepared: readonly Prepared[]): boolean {
	let has = contentCache.get(annex);
	if (has === undefined) {
		const title = fold(annex.title).text;
		has = prepared.some(p => p.sentence.annex === annex && p.sentence.span.start > annex.span.end && !p.label && p.text !== title && p.text.replace(/[^\p{L}]/gu, '').length >= 12);
		contentCache.set(annex, has);
	}
	return has;
}

type ElementResult = { spans: Span[]; state: 'found' | 'delegated' | 'none' };

function findElement(cat: Catalogue, el: ElementSpec, prepared: readonly Prepared[]): ElementResult {
	const spans: Span[] = [];
	let found = false, delegated = false;
	prepared.forEach((p, i) => {
		if (!el.match.some(m => matches(cat, m, p))) return;
		// Detection reads content: a heading alone ("## Weisungen") is never evidence.
		if (p.heading && !el.substantive) return;
		spans.push(evidenceSpan(p.sentence));
		if (!el.substantive) { found = true; return; }
		if (p.annexes.length) {
			// "… ergeben sich aus Anlage 1": counts when that annex has content.
			if (p.annexes.some(a => a.file || annexHasContent(a, prepared))) found = true;
			return;
		}
		if (p.delegated) { delegated = true; return; }
		if (p.label) {
			// A heading or table label counts when real content follows it.
			// Skip a lead-in label ("Die Verarbeitung betrifft folgende Kategorien:") to reach the content.
			let k = i + 1;
			while (k < prepared.length && k <= i + 3 && prepared[k].label && !prepared[k].heading && prepared[k].sentence.annex === p.sentence.annex) k++;
			const next = prepared[k];
			if (next && next.sentence.annex === p.sentence.annex && !next.label) {
				if (next.delegated) delegated = true; else found = true;
			}
			return;
		}
		found = true;
	});
	return { spans, state: found ? 'found' : delegated ? 'delegated' : 'none' };
}

/** Whether the draft authorises sub-processors only specifically (then notice and objection do not apply). */
function specificOnlyIn(doc: DpaDocument, cat: Catalogue, prepared: readonly Prepared[]): boolean {
	const declared = doc.frontMatter.data.subprocessor_authorisation;
	if (declared === 'specific') return true;
	if (declared === 'general') return false;
	const sub = cat.cues.get('subprocessor')!, specific = cat.cues.get('specific-authorisation')!, general = cat.cues.get('general-authorisation')!;
	const subSentences = prepared.filter(p => sub.test(p.text) || sub.test(p.context));
	return subSentences.some(p => specific.test(p.text)) && !subSentences.some(p => general.test(p.text));
}

/**
 * Decide present / partial / missing for each Art. 28 requirement, with evidence spans and the missing sub-elements;
 * also whether the draft authorises sub-processors only specifically (front-matter, else its wording).
 */
export function computeCoverage(doc: DpaDocument, cat: Catalogue): { coverage: Coverage[]; specificOnly: boolean } {
	const prepared = prepare(doc, cat);
	const specific = specificOnlyIn(doc, cat, prepared);
	const result = new Map<string, Coverage>();
	const ordered = [...cat.requirements.filter(r => !r.composite.length), ...cat.requirements.filter(r => r.composite.length)];
	for (const req of ordered) {
		const evidence: Span[] = [];
		const missing: string[] = [];
		const found: string[] = [];
		let foundRequired = 0, required = 0, partialOnly = false;
		for (const el of req.elements) {
			if (el.generalOnly && specific) continue;
			const r = findElement(cat, el, prepared);
			evidence.push(...r.spans);
			if (r.state === 'found') found.push(el.id);
			if (el.optional) continue;
			required++;
			if (r.state === 'found') foundRequired++;
			else {
				missing.push(el.id);
				if (r.state === 'delegated') partialOnly = true;
			}
		}
		let status: CoverageStatus = foundRequired === required ? 'present' : foundRequired > 0 || partialOnly ? 'partial' : 'missing';
		if (status === 'missing' && req.impliedBy && result.get(req.impliedBy)?.status === 'present') {
			status = 'partial';
			evidence.push(...result.get(req.impliedBy)!.evidence.slice(0, 1));
		}
		if (req.composite.length) {
			const parts = req.composite.map(id => result.get(id));
			const absent = req.composite.filter((_id, k) => parts[k]?.status !== 'present' && parts[k]?.status !== 'not-applicable');
			if (status === 'present' && absent.length) { status = 'partial'; missing.push(...absent); }
			else if (status === 'missing' && absent.length < req.composite.length) status = 'partial';
		}
		const unique = [...new Map(evidence.map(s => [s.start, s])).values()].sort((a, b) => a.start - b.start);
		result.set(req.id, { requirement: req.id, status, evidence: unique, missing, found });
	}
	return { coverage: cat.requirements.map(r => result.get(r.id)!), specificOnly: specific };
}
