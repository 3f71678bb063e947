import { parseFrontMatter, locateFrontMatter } from './frontMatter';
import { splitBlocks } from './markdown';
import { extractPeriods } from './periods';
import { annexKey, fold } from './text';
import { topicsOf } from './topics';
import type { Annex, AnnexFamily, AnnexRef, Block, Clause, ClauseRef, DpaDocument, FrontMatter, Lang, Sentence, Span } from './types';

const FAMILY: Readonly<Record<string, AnnexFamily>> = {
	anlage: 'anlage', anlagen: 'anlage', anhang: 'anhang', anhaenge: 'anhang', annex: 'annex', annexes: 'annex',
	schedule: 'schedule', schedules: 'schedule', appendix: 'appendix', appendices: 'appendix', exhibit: 'exhibit', exhibits: 'exhibit',
	attachment: 'attachment', attachments: 'attachment',
};
const GERMAN_FAMILIES: readonly AnnexFamily[] = ['anlage', 'anhang'];

/** Strip list bullets, Word bookmarks and emphasis at the start of a block, returning how many characters were skipped. */
function leadSkip(text: string): number {
	const m = /^(?:\s*(?:[-*+•]\s+|\[bookmark: [^\]]*\]|\*\*|__|\*|_|#+\s+))*/.exec(text);
	return m ? m[0].length : 0;
}
const BOOKMARK = /\[bookmark: [^\]]*\]/g;

/** Parse a draft: front-matter, blocks, clause tree, annexes, references, sentences, language and periods. */
export function parseDocument(text: string, uri?: string): DpaDocument {
	const located = locateFrontMatter(text);
	const { blocks, yaml } = splitBlocks(text, located ? located.span.end : 0);
	let frontMatter: FrontMatter = { data: {}, keys: new Map() };
	const fmSpan = yaml ?? located?.span;
	if (fmSpan && located) frontMatter = parseFrontMatter(located.content, located.contentStart, fmSpan);

	const clauses = buildClauses(blocks);
	const bodyStart = findBodyStart(clauses, fmSpan?.end ?? 0);
	const { annexes, listEntries } = findAnnexes(blocks, bodyStart, text);
	addFrontMatterAnnexes(frontMatter, annexes);
	const inlineAnnexes = annexes.filter(a => !a.file).sort((a, b) => a.span.start - b.span.start);
	const bodyEnd = inlineAnnexes.length ? inlineAnnexes[0].span.start : text.length;
	for (const c of clauses) {
		const annex = inlineAnnexes.find(a => c.span.start >= a.span.start && c.span.start < a.end);
		if (annex) (c as { annex?: Annex }).annex = annex;
		// A clause never runs on into the next annex.
		const nextAnnex = inlineAnnexes.find(a => a.span.start > c.span.start);
		if (nextAnnex && c.end > nextAnnex.span.start) c.end = nextAnnex.span.start;
	}
	// An annex starts its own numbering: no clause of an annex hangs under a clause of the body (or another annex).
	for (const c of clauses) {
		if (c.parent && c.parent.annex !== c.annex) {
			c.parent.children.splice(c.parent.children.indexOf(c), 1);
			c.parent = undefined;
		}
	}
	const clauseRoots = clauses.filter(c => !c.parent);
	const sentences = splitSentences(blocks, clauses, inlineAnnexes);
	const skip = new Set([...inlineAnnexes.map(a => a.span.start), ...listEntries.map(s => s.start)]);
	const annexRefs = findAnnexRefs(text, blocks, annexes, skip, bodyStart);
	const clauseRefs = findClauseRefs(text, blocks, clauses, skip);
	const lang = detectLanguage(frontMatter, text);
	const doc: DpaDocument = {
		text, uri, lang, frontMatter, blocks, clauses, clauseRoots, annexes, annexListEntries: listEntries,
		annexRefs, clauseRefs, sentences, periods: [], bodyStart, bodyEnd,
	};
	return { ...doc, periods: extractPeriods(doc) };
}

/**
 * Where the contract body begins: the first numbered clause; without numbers, the first heading after the
 * document title. Title, parties and recitals before it are the head of the document.
 */
function findBodyStart(clauses: readonly Clause[], fallback: number): number {
	const numbered = clauses.find(c => c.label !== undefined && c.style !== 'paren');
	const headings = clauses.filter(c => c.style === 'heading');
	const firstHeadingAfterTitle = headings.find(h => h !== headings[0] || h.level > 1);
	const candidates = [numbered?.span.start, firstHeadingAfterTitle?.span.start].filter((x): x is number => x !== undefined);
	return candidates.length ? Math.min(...candidates) : fallback;
}

/** Front-matter `language`, else a count of common German and English words. */
function detectLanguage(fm: FrontMatter, text: string): Lang {
	const declared = fm.data.language;
	if (declared === 'de' || declared === 'en') return declared;
	const sample = text.slice(0, 200_000);
	const de = (sample.match(/(?<![\p{L}])(?:der|die|das|und|des|wird|nicht|oder|werden|verarbeitung|auftragnehmer)(?![\p{L}])/giu) ?? []).length;
	const en = (sample.match(/(?<![\p{L}])(?:the|and|of|shall|processing|with|which|processor|controller)(?![\p{L}])/giu) ?? []).length;
	return en > de ? 'en' : 'de';
}

interface ClauseHead { label?: string; style: Clause['style']; title: string; level: number }

/** Recognise the numbering at the start of a block. */
function clauseHead(block: Block): ClauseHead | undefined {
	const skip = leadSkip(block.text);
	const line = block.text.slice(skip).split('\n')[0].replace(BOOKMARK, '').replace(/\*\*/g, '');
	const heading = block.kind === 'heading';
	let m = /^§\s*(\d+[a-z]?)(?![\d.,])\.?\s*(?:\(\s*(\d+)\s*\)\s*)?(.*)$/u.exec(line);
	if (m && (heading || line.length < 200 || !/^\s*(?:Abs|BGB|StGB|BDSG|UWG|HGB|TKG|TTDSG)/.test(m[3]))) {
		if (!/^\s*(?:Abs\.|BGB|StGB|BDSG|HGB|DSGVO)/.test(m[3])) return { label: m[1], style: 'para', title: m[3].trim(), level: 1 };
	}
	m = /^(?:Clause|Section|Article|Artikel|Ziffer|Ziff\.|Klausel|Paragraph)\s+(\d+(?:\.\d+)*)\.?(?:\s*[-–—:.]\s*|\s+)(.*)$/iu.exec(line);
	if (m && (heading || line.length < 160) && !/^(?:GDPR|DSGVO|DS-GVO|of |der |des |Abs|para)/i.test(m[2])) {
		return { label: m[1], style: 'word', title: m[2].trim(), level: m[1].split('.').length };
	}
	m = /^(\d{1,3}(?:\.\d{1,3})+)\.?(?:\s+|(?=\p{Lu}))(.*)$/u.exec(line);
	if (m) return { label: m[1], style: 'dotted', title: m[2].trim(), level: m[1].split('.').length };
	m = /^(\d{1,3})\.(?:\s+|(?=\p{Lu}))(.*)$/u.exec(line);
	if (m) return { label: m[1], style: 'dotted', title: m[2].trim(), level: 1 };
	m = /^(?:\((\d{1,3})\)|(\d{1,3})\))\s*(.*)$/u.exec(line);
	if (m) return { label: m[1] ?? m[2], style: 'paren', title: m[3].trim(), level: 99 };
	if (heading) return { style: 'heading', title: line.trim(), level: block.depth };
	return undefined;
}

/** Build the clause tree from numbered blocks and Markdown headings. */
function buildClauses(blocks: readonly Block[]): Clause[] {
	const clauses: Clause[] = [];
	const stack: Clause[] = [];
	const minHeading = Math.min(7, ...blocks.filter(b => b.kind === 'heading').map(b => b.depth));
	for (const block of blocks) {
		const head = clauseHead(block);
		if (!head) continue;
		let level = head.level;
		if (head.style === 'heading') level = block.depth - minHeading + 1;
		else if (head.style === 'paren') {
			// Numbered paragraphs belong to the nearest § or numbered clause.
			const owner = [...stack].reverse().find(c => c.style !== 'paren');
			level = (owner?.level ?? 0) + 1;
		} else if (head.style === 'dotted' && head.level === 1) {
			// "2." directly under a § is a paragraph of it (Word exports number paragraphs this way).
			const top = stack[0];
			if (top?.style === 'para' && block.kind !== 'heading') level = 2;
		}
		if (block.kind === 'heading' && head.style !== 'heading') {
			// A numbered Markdown heading nests by its number, but never above a shallower heading.
			level = Math.max(level, 1);
		}
		while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
		const parent = stack[stack.length - 1];
		let label = head.label;
		if (label && head.style === 'paren' && parent?.label) label = `${parent.label}(${label})`;
		else if (label && head.style === 'dotted' && level === 2 && parent?.style === 'para' && !label.includes('.')) label = `${parent.label}(${label})`;
		const lineEnd = block.text.indexOf('\n');
		// A numbered paragraph of prose has no title: only a short heading line is one.
		const title = block.kind === 'heading' || (head.title.length <= 120 && !/[.;]\s*$/.test(head.title)) ? head.title : '';
		const clause: Clause = {
			label, style: head.style, title, level, parent, children: [],
			span: { start: block.span.start, end: lineEnd < 0 ? block.span.end : block.span.start + lineEnd }, end: block.span.end,
		};
		parent?.children.push(clause);
		clauses.push(clause);
		stack.push(clause);
	}
	// A clause ends where the next clause of the same or a higher level begins.
	for (let i = 0; i < clauses.length; i++) {
		const c = clauses[i];
		const next = clauses.slice(i + 1).find(n => n.level <= c.level);
		c.end = next ? next.span.start : (blocks.length ? blocks[blocks.length - 1].span.end : c.end);
	}
	return clauses;
}

const ANNEX_HEAD = /^(?:(?:neue|new|revised|updated|aktualisierte|geaenderte|geänderte)\s+)?(anlage|anhang|annex|schedule|appendix|exhibit|attachment)\s+(\d{1,3}|[ivxlc]{1,6}|[a-z])(?![\p{L}\p{N}])(.*)$/iu;
const OWN_DOC = /^\s*(?:zum|zur|zu|to|of)\s+(?:(?:diese[mr]|the|this)\s+)?(?:av-?v|av-vertrag|auftragsverarbeitung|vertrag(?:es)? zur auftragsverarbeitung|vereinbarung zur auftragsverarbeitung|dpa|data processing|addendum|(?:this )?agreement|clauses)/i;
const LIST_TITLE = /^(?:#+\s*)?(?:anlagen|anhaenge|annexes|schedules|appendices|exhibits|attachments|verzeichnis der anla|list of (?:annexes|schedules|appendices))/i;

/** Annex definitions and annex-list entries. */
function findAnnexes(blocks: readonly Block[], bodyStart: number, text: string): { annexes: Annex[]; listEntries: Span[] } {
	const candidates: { block: number; family: AnnexFamily; label: string; rest: string; labelSpan: Span; span: Span }[] = [];
	blocks.forEach((block, i) => {
		if (block.span.start < bodyStart || block.kind === 'html') return;
		const skip = leadSkip(block.text);
		const firstLine = block.text.slice(skip).split('\n')[0];
		const m = ANNEX_HEAD.exec(firstLine);
		if (!m) return;
		const labelRaw = m[2];
		if (labelRaw.length === 1 && /[a-z]/.test(labelRaw) && !/[ivx]/.test(labelRaw)) return; // "Anlage a" is prose
		const rest = m[3];
		const isDef = block.kind === 'heading' || rest.trim() === '' || /^\s*[-–—:.(]/.test(rest) || OWN_DOC.test(fold(rest).text)
			|| (/^\s+\p{Lu}/u.test(rest) && firstLine.length <= 120 && !/[.;]\s*$/.test(firstLine));
		if (!isDef) return;
		const start = block.span.start + skip;
		candidates.push({
			block: i, family: FAMILY[m[1].toLowerCase()], label: labelRaw.toUpperCase() === labelRaw ? labelRaw : labelRaw,
			rest, labelSpan: { start: start + m[0].indexOf(labelRaw, m[1].length), end: start + m[0].indexOf(labelRaw, m[1].length) + labelRaw.length },
			span: { start, end: start + firstLine.trimEnd().length },
		});
	});
	// Runs of consecutive annex lines are a list when preceded by a list title or when their labels are defined again later.
	const listEntries: Span[] = [];
	const isList = new Set<number>();
	for (let i = 0; i < candidates.length;) {
		let j = i;
		// A run of consecutive annex lines; it ends where a label repeats (the list is followed directly by the annexes).
		const seenKeys = new Set([`${candidates[i].family}:${annexKey(candidates[i].label)}`]);
		while (j + 1 < candidates.length && candidates[j + 1].block === candidates[j].block + 1 && !seenKeys.has(`${candidates[j + 1].family}:${annexKey(candidates[j + 1].label)}`)) {
			j++;
			seenKeys.add(`${candidates[j].family}:${annexKey(candidates[j].label)}`);
		}
		const run = candidates.slice(i, j + 1);
		const before = blocks[candidates[i].block - 1];
		const titled = before !== undefined && LIST_TITLE.test(fold(before.text.trim()).text) && before.text.trim().length < 60;
		const later = candidates.slice(j + 1);
		const repeated = run.some(r => later.some(l => l.family === r.family && annexKey(l.label) === annexKey(r.label)));
		if ((run.length >= 2 && repeated) || titled) run.forEach((_, k) => isList.add(i + k));
		i = j + 1;
	}
	const annexes: Annex[] = [];
	candidates.forEach((c, idx) => {
		if (isList.has(idx)) { listEntries.push(c.span); return; }
		let title = c.rest.replace(/^\s*[-–—:.]\s*/, '').replace(BOOKMARK, '').trim();
		if (OWN_DOC.test(fold(title).text) || title === '') {
			// "Anlage 1 zum AV-Vertrag … Nr. …" or a bare "Anlage 1": the title is the next short line.
			// The title is the next line with words (not a stray ":"), without a leading number ("1 Gegenstand …").
			const own = blocks[c.block].text.slice(leadSkip(blocks[c.block].text)).split('\n')[1];
			const next = blocks.slice(c.block + 1, c.block + 4).find(b => /\p{L}/u.test(b.text));
			const clean = (t: string): string => t.replace(/[*_#]/g, '').replace(/^\s*\d+(?:\.\d+)*\.?\s+/, '').trim();
			if (own && /\p{L}/u.test(own)) title = clean(own);
			else if (next && next.text.length <= 160 && !ANNEX_HEAD.test(next.text.slice(leadSkip(next.text)))) title = clean(next.text.split('\n')[0]);
		}
		annexes.push({
			family: c.family, label: c.label, key: annexKey(c.label), title, span: c.span, labelSpan: c.labelSpan,
			end: text.length, topics: topicsOf(fold(title).text),
		});
	});
	annexes.sort((a, b) => a.span.start - b.span.start);
	for (let i = 0; i < annexes.length; i++) annexes[i].end = i + 1 < annexes.length ? annexes[i + 1].span.start : text.length;
	return { annexes, listEntries };
}

/** Annexes kept in separate files, declared in the front-matter `annexes` list, count as defined. */
function addFrontMatterAnnexes(fm: FrontMatter, annexes: Annex[]): void {
	const list = fm.data.annexes;
	if (!Array.isArray(list)) return;
	const span = fm.keys.get('annexes') ?? fm.span ?? { start: 0, end: 0 };
	for (const item of list) {
		if (!item || typeof item !== 'object') continue;
		const { id, title, file } = item as { id?: unknown; title?: unknown; file?: unknown };
		const m = typeof id === 'string' ? ANNEX_HEAD.exec(id.trim()) : null;
		if (!m) continue;
		const t = typeof title === 'string' ? title : '';
		annexes.push({
			family: FAMILY[m[1].toLowerCase()], label: m[2], key: annexKey(m[2]), title: t, span, labelSpan: span, end: span.end,
			file: typeof file === 'string' ? file : undefined, topics: topicsOf(fold(t).text),
		});
	}
}

const REF = /(?<![\p{L}])(anlagen?|anhaenge|anhang|annex(?:es)?|schedules?|appendix|appendices|exhibits?|attachments?)\s+((?:\d{1,3}|[ivxlc]{1,6}|[a-z])(?![\p{L}\p{N}])(?:\s*(?:,|und|and|bis|to|through|sowie|or|oder|-|–)\s*(?:\d{1,3}|[ivxlc]{1,6}|[a-z])(?![\p{L}\p{N}]))*)/gu;
const EXTERNAL_AFTER = /^(?:\.[a-z0-9]+|\s*\([a-z0-9]+\))*\s*,?\s*(?:zum|zur|des|der|to|of|in|under)\s+(?:the\s+|dem\s+|den\s+)?(?:eu[- ])?(?:hauptvertrag|vertrag(?:es)? ueber|rahmenvertrag|dienstleistungsvertrag|nutzungsvertrag|leistungsvertrag|main agreement|master|principal|services? agreement|(?:customer |cloud |service )?terms|sccs?\b|standard ?contractual|standardvertragsklauseln|standarddatenschutzklauseln|allgemeinen geschaeftsbedingungen|agb|durchfuehrungsbeschluss|implementing decision|commission decision|uk addendum|idta|decision)/;
const EXTERNAL_BEFORE = /(?:sccs?|standard contractual clauses|standardvertragsklauseln|hauptvertrag(?:es|s)?|main agreement)(?:'s)?\s*$/;

/** Every annex reference outside the annex headings and annex lists. */
function findAnnexRefs(text: string, blocks: readonly Block[], annexes: readonly Annex[], skip: ReadonlySet<number>, bodyStart: number): AnnexRef[] {
	const refs: AnnexRef[] = [];
	for (const block of blocks) {
		if (block.kind === 'html' || block.span.start < bodyStart) continue;
		const f = fold(block.text, block.span.start);
		const headSkip = skip.has(block.span.start + leadSkip(block.text)) ? block.text.split('\n')[0].length : 0;
		REF.lastIndex = 0;
		for (let m = REF.exec(f.text); m; m = REF.exec(f.text)) {
			if (m.index < headSkip) continue;
			const family = FAMILY[m[1]];
			const after = f.text.slice(m.index + m[0].length, m.index + m[0].length + 80);
			const before = f.text.slice(Math.max(0, m.index - 40), m.index);
			if (EXTERNAL_AFTER.test(after) || EXTERNAL_BEFORE.test(before)) continue;
			const labels = expandLabels(m[2], f.map, m.index + m[0].length - m[2].length, text);
			const ctx = referenceContext(f.text, m.index, m.index + m[0].length);
			const topics = topicsOf(ctx);
			for (const l of labels) {
				if (l.label.length === 1 && /[a-z]/i.test(l.label) && !/[IVX]/.test(l.label) && text[l.span.start] !== text[l.span.start].toUpperCase()) continue;
				const key = annexKey(l.label);
				const target = resolveAnnex(annexes, family, key);
				const first = l === labels[0];
				const span = { start: first ? f.map[m.index] : l.span.start, end: l.span.end };
				refs.push({ family, label: l.label, key, span, labelSpan: l.span, target, topics });
			}
		}
	}
	return refs;
}

/** "1 bis 3", "I to IV", "1, 2 und 4" → the labels with their source spans. */
function expandLabels(list: string, map: Int32Array, at: number, text: string): { label: string; span: Span }[] {
	const out: { label: string; span: Span }[] = [];
	const re = /(?<![\p{L}\p{N}])(\d{1,3}|[ivxlc]{1,6}|[a-z])(?![\p{L}\p{N}])/gu;
	let prev: { key: number; roman: boolean } | undefined;
	let pendingRange = false;
	for (let m = re.exec(list); m; m = re.exec(list)) {
		const between = list.slice(0, m.index).slice(-12);
		if (m.index > 0 && /(?:bis|to|through|-|–)\s*$/.test(between)) pendingRange = true;
		const s = map[at + m.index], e = map[at + m.index + m[1].length];
		const label = text.slice(s, e);
		const key = Number(annexKey(label));
		if (pendingRange && prev && Number.isFinite(key) && key > prev.key && key - prev.key < 20) {
			for (let k = prev.key + 1; k < key; k++) out.push({ label: prev.roman ? toRoman(k) : String(k), span: { start: s, end: e } });
		}
		pendingRange = false;
		out.push({ label, span: { start: s, end: e } });
		prev = Number.isFinite(key) ? { key, roman: !/^\d/.test(label) } : undefined;
	}
	return out;
}

function toRoman(n: number): string {
	const table: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
	let out = '';
	for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
	return out;
}

/** Resolve a reference: same word and number; else the same number among annexes of a related word when its own word defines none. */
export function resolveAnnex(annexes: readonly Annex[], family: AnnexFamily, key: string): Annex | undefined {
	const same = annexes.find(a => a.family === family && a.key === key);
	if (same) return same;
	if (annexes.some(a => a.family === family)) return undefined;
	const german = GERMAN_FAMILIES.includes(family);
	return annexes.find(a => GERMAN_FAMILIES.includes(a.family) === german && a.key === key);
}

/** The words around a reference: its sentence, cut at neighbouring annex references. */
function referenceContext(folded: string, start: number, end: number): string {
	let from = start, to = end;
	while (from > 0 && !/^[.;!?]\s$/.test(folded.slice(from - 2, from)) && start - from < 300) from--;
	while (to < folded.length && !/^[.;!?](?:\s|$)/.test(folded.slice(to, to + 2)) && to - end < 300) to++;
	const left = folded.slice(from, start);
	const right = folded.slice(end, to);
	const leftCut = [...left.matchAll(new RegExp(REF.source, 'gu'))].pop();
	const rightCut = right.search(/(?<![\p{L}])(anlagen?|anhang|annex|schedule|appendix|exhibit)\s+[\divxlc]/u);
	return (leftCut ? left.slice((leftCut.index ?? 0) + leftCut[0].length) : left) + ' ' + (rightCut >= 0 ? right.slice(0, rightCut) : right);
}

const CLAUSE_REF = /(?<![\p{L}])(?:(§§?)\s*(\d+[a-z]?)(?:\s*(?:abs\.|absatz)\s*(\d+)|\s*\((\d+)\))?|(ziffern?|ziff\.?|clauses?|sections?|paragraphs?|klauseln?)\s+(\d{1,3}(?:\.\d{1,3})*)(?:\s*\((\d+|[a-z])\))?)/gu;
const CLAUSE_EXTERNAL = /^(?:\.?\s*(?:s(?:atz|\.)\s*\d+|abs\.?\s*\d+|lit\.?\s*[a-z]|nr\.?\s*\d+|satz \d+|sentence \d+|\([a-z0-9]+\)))*\.?\s*(?:und\s+\d+\s+)?(?:der|des|dem|of the|of|in|zum|zur|to the)\s+(?:(?:eu|jeweiligen|geltenden)\s+)?(?:allgemeinen|agb|nutzungsbedingungen|hauptvertrag|main|master|principal|terms|services? agreement|agreement|contract|msa\b|order form|vertrag(?:es)? ueber|rahmen|leistungs|dienstleistungs|sccs?\b|standard|clauses|decision|beschluss|gdpr|dsgvo|ds-gvo|bdsg|bgb|hgb|stgb|uwg|tkg|ttdsg|regulation|verordnung|richtlinie|directive|gesetz|act\b|eu\b|uk\b|swiss|data protection|datenschutz|kommission|commission|idta|addendum|vo\b)/;
/** "Ziffer 7 des Angebots", "Ziffer 8 der Besonderen Vertragsbedingungen", "Section 4 of the Order": a genitive that is not "dieses Vertrags" / "of this Agreement". */
const OTHER_DOCUMENT = /^(?:\s*(?:abs\.?|absatz|satz|s\.|lit\.?)\s*[\da-z]{1,3}\.?)*\.?\s*(?:des|der|dem|of the|of|in the|under the|to the)\s+(?!(?:diese[rsm]?|this|vorliegend\p{L}*|hiesig\p{L}*|av-?v|dpa)\b)\p{L}/u;
const LAW_AFTER = /^(?:\s*(?:abs\.?|absatz|satz|s\.|nr\.?|lit\.?|unterabs\.?|uabs\.?)\s*[\da-z]{1,3}\.?)*(?:\s*(?:ff?\.|und \d+|,\s*\d+))*\s*(?:bgb|stgb|bdsg|hgb|uwg|tkg|ttdsg|tdddg|ao|sgb|urhg|zpo|dsgvo|ds-gvo|gdpr|ustg|gwb|betrvg|inso|kwg|vag|bundesdatenschutzgesetz|abgabenordnung|handelsgesetzbuch|strafgesetzbuch)\b/;

/** References to clauses of this contract: "§ 7 (4)", "Ziff. 6.2", "Clause 7.7", "Section 3" (not statutes or other documents). */
function findClauseRefs(text: string, blocks: readonly Block[], clauses: readonly Clause[], skip: ReadonlySet<number>): ClauseRef[] {
	const refs: ClauseRef[] = [];
	const heads = new Set(clauses.map(c => c.span.start));
	for (const block of blocks) {
		if (block.kind === 'html' || skip.has(block.span.start)) continue;
		const f = fold(block.text, block.span.start);
		CLAUSE_REF.lastIndex = 0;
		for (let m = CLAUSE_REF.exec(f.text); m; m = CLAUSE_REF.exec(f.text)) {
			const start = f.map[m.index], end = f.map[m.index + m[0].length];
			// The clause's own number at the start of its line is a definition, not a reference.
			if (heads.has(start) || heads.has(start - leadSkip(text.slice(Math.max(0, start - 4), start)))) continue;
			if (m.index === leadSkip(block.text) && clauses.some(c => c.span.start === block.span.start)) continue;
			const after = f.text.slice(m.index + m[0].length, m.index + m[0].length + 90);
			if (LAW_AFTER.test(after) || CLAUSE_EXTERNAL.test(after) || OTHER_DOCUMENT.test(after)) continue;
			const before = f.text.slice(Math.max(0, m.index - 30), m.index);
			if (/(?:art\.?|artikel|article|gem\.\s*art\.?)\s*\d*\s*$/.test(before)) continue;
			let path: string[];
			let style: ClauseRef['style'];
			if (m[1]) {
				path = [m[2], ...(m[3] ?? m[4] ? [m[3] ?? m[4]] : [])];
				style = 'para';
			} else {
				path = [m[6], ...(m[7] && /\d/.test(m[7]) ? [m[7]] : [])];
				style = /^(ziff|nr)/.test(m[5]) || m[6].includes('.') ? 'dotted' : 'word';
			}
			const target = resolveClause(clauses, path);
			refs.push({ text: text.slice(start, end), span: { start, end }, path, style, target });
		}
	}
	return refs;
}

/** Find the clause a path names: ["6.2"] → clause 6.2; ["7", "4"] → paragraph (4) of clause 7 (or clause 7 when its paragraphs are unnumbered). */
export function resolveClause(clauses: readonly Clause[], path: readonly string[]): Clause | undefined {
	const byLabel = (label: string): Clause | undefined =>
		clauses.find(c => c.label === label && !c.annex) ?? clauses.find(c => c.label === label);
	const main = byLabel(path[0]);
	if (!main || path.length === 1) return main;
	const sub = byLabel(`${path[0]}(${path[1]})`) ?? byLabel(`${path[0]}.${path[1]}`);
	if (sub) return sub;
	// When the clause numbers its paragraphs, a paragraph it lacks is undefined; unnumbered paragraphs cannot be checked.
	return main.children.some(c => c.label?.startsWith(`${path[0]}(`)) ? undefined : main;
}

const ABBREV = /(?:^|[\s(])(?:abs|art|nr|lit|ziff|vgl|bzw|ggf|gem|inkl|insb|sog|usw|evtl|max|min|ca|s|z|b|d|h|u|a|i|v|m|e|etc|e\.g|i\.e|no|para|sec|cf|st|str|dr|prof|co|kg|mio|mrd|resp|incl|approx|vs|al|ff|f|seq|ua|zzgl|abschn|anh|anl|bsp|einschl|entspr|erg|grds|hrsg|jew|lfd|mind|mtl|rd|rechtl|sa|so|tel|u\.a|v\.a|z\.b|z\. b|d\.h|i\.s\.d|i\.s\.v|i\.v\.m|u\.u)\.$/i;

/** Split blocks into sentences, each knowing its clause and annex. */
function splitSentences(blocks: readonly Block[], clauses: readonly Clause[], annexes: readonly Annex[]): Sentence[] {
	const sentences: Sentence[] = [];
	let ci = 0;
	blocks.forEach((block, bi) => {
		if (block.kind === 'html') return;
		const t = block.text;
		let start = 0;
		const push = (end: number): void => {
			const raw = t.slice(start, end);
			const lead = raw.length - raw.trimStart().length;
			const s = block.span.start + start + lead, e = block.span.start + start + raw.trimEnd().length;
			if (e > s) {
				while (ci + 1 < clauses.length && clauses[ci + 1].span.start <= s) ci++;
				let clause: Clause | undefined = clauses[ci] && clauses[ci].span.start <= s ? clauses[ci] : undefined;
				while (clause && clause.end <= s) clause = clause.parent;
				const annex = annexes.find(a => s >= a.span.start && s < a.end);
				sentences.push({ span: { start: s, end: e }, text: t.slice(start + lead, start + raw.trimEnd().length), block: bi, clause, annex });
			}
			start = end;
		};
		let lineStart = 0;
		for (let i = 0; i < t.length; i++) {
			const ch = t[i];
			if (i - start > 3000) { push(i); continue; }
			if (ch === '\n') {
				// A line break ends a sentence after a colon or full stop, or after a short line (Word exports: one line, one paragraph).
				const line = t.slice(lineStart, i).trim();
				lineStart = i + 1;
				if (/[.:;!?)]$/.test(line) || line.length < 50) push(i);
				continue;
			}
			if (ch !== '.' && ch !== '!' && ch !== '?') continue;
			const next = t.slice(i + 1, i + 3);
			if (!/^\s/.test(next) && i + 1 < t.length) continue;
			const word = t.slice(Math.max(start, i - 12), i + 1);
			if (ABBREV.test(word) || /(?:^|\s)\d{1,3}\.$/.test(word) || /\b\p{Lu}\.$/u.test(word) && word.length < 4) continue;
			const after = t.slice(i + 1).trimStart();
			if (after && !/^[\p{Lu}\d§„"(\-–*]/u.test(after)) continue;
			push(i + 1);
		}
		push(t.length);
	});
	return sentences;
}
