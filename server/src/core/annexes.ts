import { BOOKMARK, firstLine, LINE_BREAK, leadSkip } from './blocks';
import { blockTable, fact, foldOnce } from './memo';
import { completesTheSccs, inlineSccCompletion } from './sccs';
import { annexKey, foldText, isWhiteSpace, lastStartingBy, matchesOf, toRoman, withoutEmphasis } from './text';
import { topicsOf } from './topics';
import type { Annex, AnnexFamily, AnnexRef, Block, FrontMatter, Span } from './types';

/** Every word that names an annex (folded), singular and plural, and its family: the one list the parsers share. */
export const FAMILY: Readonly<Record<string, AnnexFamily>> = {
	anlage: 'anlage', anlagen: 'anlage', anhang: 'anhang', anhaenge: 'anhang', beilage: 'beilage', beilagen: 'beilage', annex: 'annex', annexes: 'annex',
	schedule: 'schedule', schedules: 'schedule', appendix: 'appendix', appendices: 'appendix', exhibit: 'exhibit', exhibits: 'exhibit',
	attachment: 'attachment', attachments: 'attachment',
};
const GERMAN_FAMILIES: readonly AnnexFamily[] = ['anlage', 'anhang', 'beilage'];
/** The words of {@link FAMILY} as a pattern: every annex word, or (`FAMILY_NAME`) each family's own name once. */
const alternatives = (words: Iterable<string>): string => [...new Set(words)].sort((a, b) => b.length - a.length).join('|');
const ANNEX_WORD = alternatives(Object.keys(FAMILY));
const FAMILY_NAME = alternatives(Object.values(FAMILY));
/** An annex's label: a number, a Roman numeral or a letter; Austrian contracts write "./" before it ("Beilage ./1"). */
const LABEL_PREFIX = '(?:\\.\\/\\s?)?';
const LABEL = '(?:\\d{1,3}|[ivxlc]{1,6}|[a-z])(?![\\p{L}\\p{N}])';
/** The label prefix right before a label at `at` in `text`, as written ("./", "./ "), when there is one. */
function prefixBefore(text: string, at: number): { prefix?: string } {
	const m = /\.\/\s?$/.exec(text.slice(Math.max(0, at - 3), at));
	return m ? { prefix: m[0] } : {};
}

const ANNEX_HEAD = new RegExp(`^(?:(?:neue|new|revised|updated|aktualisierte|geaenderte|geänderte)\\s+)?(${FAMILY_NAME})\\s+${LABEL_PREFIX}(\\d{1,3}|[ivxlc]{1,6}|[a-z])(?![\\p{L}\\p{N}])(.*)$`, 'diu');
const OWN_DOC = /^\s*(?:zum|zur|zu|to|of)\s+(?:(?:diese[mr]|the|this)\s+)?(?:av-?v|av-vertrag|auftragsverarbeitung|vertrag(?:es)? (?:zur|ueber die) auftragsverarbeitung|vereinbarung zur auftragsverarbeitung|dpa|data processing|addendum|(?:this )?agreement|clauses)/i;
const LIST_TITLE = /^(?:#+\s*)?(?:anlagen|anhaenge|beilagen|annexes|schedules|appendices|exhibits|attachments|verzeichnis der anla|verzeichnis der beila|list of (?:annexes|schedules|appendices))/i;

/** The annex a block's first line defines ("Anlage 2 – TOM"), relative to the block; undefined when it defines none. */
function annexHead(block: Block): { family: AnnexFamily; label: string; prefix?: string; rest: string; labelSpan: Span; span: Span } | undefined {
	const skip = leadSkip(block.text);
	const line = firstLine(block.text, skip);
	const m = ANNEX_HEAD.exec(line);
	if (!m) return undefined;
	const labelRaw = m[2];
	if (labelRaw.length === 1 && /[a-z]/.test(labelRaw) && !/[ivx]/.test(labelRaw)) return undefined; // "Anlage a" is prose
	const rest = m[3];
	// A heading is the annex's name alone or with a title in brackets ("Anlage 2 (zu § 5)"), then a dash, colon or full
	// stop before its title, a title in capitals on a short line, or "zum Vertrag …"; a line with a bracket that does
	// not end like a sentence is one too. A sentence may begin with the name and a bracket ("Annex I(B) on the Cover
	// Page describes … collected.").
	const endsLikeSentence = /[.;]\s*$/.test(line);
	const bracketed = /^\s*\(/.test(rest);
	const after = bracketed ? rest.replace(/^\s*\([^)]*\)/, '') : rest;
	const isDef = block.kind === 'heading' || after.trim() === '' || /^\s*[-–—:.]/.test(after) || OWN_DOC.test(foldText(after))
		|| (bracketed && !endsLikeSentence)
		|| (/^\s+\p{Lu}/u.test(after) && line.length <= 120 && !endsLikeSentence);
	if (!isDef) return undefined;
	return {
		family: FAMILY[m[1].toLowerCase()], label: labelRaw, ...prefixBefore(line, m.indices![2][0]), rest,
		labelSpan: { start: skip + m.indices![2][0], end: skip + m.indices![2][1] }, span: { start: skip, end: skip + line.trimEnd().length },
	};
}

/** Annex definitions and annex-list entries. */
export function findAnnexes(blocks: readonly Block[], bodyStart: number, text: string): { annexes: Annex[]; listEntries: Span[] } {
	const candidates: { block: number; family: AnnexFamily; label: string; prefix?: string; rest: string; labelSpan: Span; span: Span }[] = [];
	blocks.forEach((block, i) => {
		if (block.span.start < bodyStart || block.kind === 'html') return;
		const head = fact(blocks, i, blockTable(block), 'annex-head', annexHeadFact).head;
		// An item of a list completing the SCCs ("- Annex II: the measures below") fills in an annex of theirs.
		if (!head || completesTheSccs(blocks, i)) return;
		const base = block.span.start;
		candidates.push({
			block: i, family: head.family, label: head.label, ...(head.prefix ? { prefix: head.prefix } : {}), rest: head.rest,
			labelSpan: { start: base + head.labelSpan.start, end: base + head.labelSpan.end }, span: { start: base + head.span.start, end: base + head.span.end },
		});
	});
	// Runs of consecutive annex lines are a list when preceded by a list title or when their labels are defined again later.
	const listEntries: Span[] = [];
	const isList = new Set<number>();
	// How often each label is still to come: whether a run's label is defined again later is one look-up.
	const keyOf = (c: typeof candidates[number]): string => `${c.family}:${annexKey(c.label)}`;
	const remaining = new Map<string, number>();
	for (const c of candidates) remaining.set(keyOf(c), (remaining.get(keyOf(c)) ?? 0) + 1);
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
		const titled = before !== undefined && LIST_TITLE.test(foldText(before.text.trim())) && before.text.trim().length < 60;
		for (const r of run) remaining.set(keyOf(r), remaining.get(keyOf(r))! - 1);
		const repeated = run.some(r => remaining.get(keyOf(r))! > 0);
		if ((run.length >= 2 && repeated) || titled) run.forEach((_, k) => isList.add(i + k));
		i = j + 1;
	}
	const annexes: Annex[] = [];
	candidates.forEach((c, idx) => {
		if (isList.has(idx)) { listEntries.push(c.span); return; }
		let title = c.rest.replace(/^\s*[-–—:.]\s*/, '').replace(BOOKMARK, '').trim();
		if (OWN_DOC.test(foldText(title)) || title === '') {
			// "Anlage 1 zum AV-Vertrag … Nr. …" or a bare "Anlage 1": the title is the next short line.
			// The title is the next line with words (not a stray ":"), without a leading number ("1 Gegenstand …").
			const own = blocks[c.block].text.slice(leadSkip(blocks[c.block].text)).split(LINE_BREAK)[1];
			const next = blocks.slice(c.block + 1, c.block + 4).find(b => /\p{L}/u.test(b.text));
			const clean = (t: string): string => t.replace(/[*_#]/g, '').replace(/^\s*\d+(?:\.\d+)*\.?\s+/, '').trim();
			if (own && /\p{L}/u.test(own)) title = clean(own);
			else if (next && next.text.length <= 160 && !ANNEX_HEAD.test(next.text.slice(leadSkip(next.text)))) title = clean(firstLine(next.text));
		}
		annexes.push({
			family: c.family, label: c.label, ...(c.prefix ? { prefix: c.prefix } : {}), key: annexKey(c.label), title, span: c.span, labelSpan: c.labelSpan,
			end: text.length, topics: topicsOf(foldText(title)),
		});
	});
	annexes.sort((a, b) => a.span.start - b.span.start);
	for (let i = 0; i < annexes.length; i++) annexes[i].end = i + 1 < annexes.length ? annexes[i + 1].span.start : text.length;
	return { annexes, listEntries };
}

/** Annexes kept in separate files, declared in the front-matter `annexes` list, count as defined. */
export function addFrontMatterAnnexes(fm: FrontMatter, annexes: Annex[]): void {
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
			file: typeof file === 'string' ? file : undefined, topics: topicsOf(foldText(t)),
		});
	}
}

// The word is looked for first and its start checked after it ("(anhang|…)(?<=(?<!L)\1)", not "(?<!L)(anhang|…)"):
// the engine then skips to where a word can start instead of trying the look-behind at every offset, as the catalogue's
// patterns do (text.ts, patternSource). The same matches: the look-behind reads the very word before it.
const REF = new RegExp(`(${ANNEX_WORD})(?<=(?<![\\p{L}])\\1)\\s+${LABEL_PREFIX}(${LABEL}(?:\\s*(?:,|und|and|bis|to|through|sowie|or|oder|-|–)\\s*${LABEL_PREFIX}${LABEL})*)`, 'gu');
/**
 * {@link REF}'s twin for the last reference before a place: that search runs inside annexRefsIn's loop over REF,
 * whose lastIndex it must not move.
 */
const REF_ALL = new RegExp(REF.source, 'gu');
/**
 * A reference followed by the document it belongs to ("Annex I to the Main Agreement", "Anhang II der
 * Standardvertragsklauseln", "Annex I of those clauses": clauses named before, which the document is not) is another
 * document's annex; so is one after its owner ("the SCCs' Annex II", "their Annex II").
 */
const EXTERNAL_AFTER = /^(?:\.[a-z0-9]+|\s*\([a-z0-9]+\))*\s*,?\s*(?:zum|zur|des|der|to|of|in|under)\s+(?:the\s+|dem\s+|den\s+)?(?:(?:eu|eea|ewr|uk|swiss)[- ])?(?:hauptvertrag|vertrag(?:es)? ueber|rahmenvertrag|dienstleistungsvertrag|nutzungsvertrag|leistungsvertrag|main agreement|master|principal|services? agreement|(?:customer |cloud |service )?terms|sccs?\b|standard ?contractual|standardvertragsklauseln|standarddatenschutzklauseln|allgemeinen geschaeftsbedingungen|agb|durchfuehrungsbeschluss|implementing decision|commission decision|uk addendum|idta|decision|(?:those|such|the said) (?:clauses|sccs?\b|standard))/;
/** Further references coordinated with one ("…, Annex II and Annex III", "…, Anlage 3 sowie Anlage 4"). */
/** Where the next annex is named after a reference, the words about this one end (the words of its heading kind). */
const RIGHT_CUT = new RegExp(`(?<![\\p{L}])(anlagen?|anhang|beilagen?|annex|schedule|appendix|exhibit)\\s+${LABEL_PREFIX}[\\divxlc]`, 'u');
const COORDINATED = new RegExp(`^(?:\\s*(?:,|;|&|and|or|und|oder|sowie)\\s*(?:(?:and|or|und|oder|sowie)\\s+)?(?:${ANNEX_WORD})\\s+${LABEL_PREFIX}${LABEL})+`, 'u');
/**
 * "Anlage 1 des Wartungsvertrags", "zum Kaufvertrag": a genitive or "zum" with any contract named by a compound that
 * is not this one (an AV-Vertrag, Auftragsverarbeitungsvertrag, Datenschutzvertrag).
 */
const OTHER_CONTRACT_AFTER = /^\s*(?:des|zum|zur|der)\s+(?!(?:av-?|auftragsverarbeitungs|auftragsbearbeitungs|datenschutz))\p{L}{3,}vertrag(?:s|es)?(?![\p{L}])/u;
const EXTERNAL_BEFORE = /(?:sccs?|standard contractual clauses|standardvertragsklauseln|hauptvertrag(?:es|s)?|main agreement)(?:'s)?\s*$|(?<![\p{L}])(?:their|deren)\s+$/u;

/** Every annex reference outside the annex headings and annex lists; those before `bodyStart` (the document's head) marked `head`. */
export function findAnnexRefs(blocks: readonly Block[], annexes: readonly Annex[], skip: ReadonlySet<number>, bodyStart: number): AnnexRef[] {
	const refs: AnnexRef[] = [];
	const index = indexAnnexes(annexes);
	for (let bi = 0; bi < blocks.length; bi++) {
		const block = blocks[bi];
		if (block.kind === 'html') continue;
		const raw = fact(blocks, bi, blockTable(block), 'annex-refs', annexRefsOf);
		if (!raw.length) continue;
		const head = block.span.start < bodyStart;
		// The annex a heading defines is no reference; nor is the SCCs' annex an item completing them starts with (asked
		// only of a block whose first reference opens it: the question reads the blocks before it).
		const lead = leadSkip(block.text);
		const headSkip = skip.has(block.span.start + lead) ? firstLine(block.text).length : raw[0].at <= lead && completesTheSccs(blocks, bi) ? lead + 1 : 0;
		const base = block.span.start;
		for (const r of raw) {
			if (r.at < headSkip) continue;
			const target = resolveAnnex(annexes, r.family, r.key, index);
			refs.push({ family: r.family, label: r.label, ...(r.prefix ? { prefix: r.prefix } : {}), key: r.key, span: { start: base + r.span.start, end: base + r.span.end }, labelSpan: { start: base + r.labelSpan.start, end: base + r.labelSpan.end }, target, topics: r.topics, ...(head ? { head } : {}) });
		}
	}
	return refs;
}

/** An annex reference in a block's text, relative to it, unresolved; `at` is where its match starts in the folded text. */
interface RawAnnexRef { readonly at: number; readonly family: AnnexFamily; readonly label: string; readonly prefix?: string; readonly key: string; readonly span: Span; readonly labelSpan: Span; readonly topics: readonly string[] }

/** The annex references of one block's text (memoised per block: resolution is the document's step). */
const annexHeadFact = (block: Block): { head?: ReturnType<typeof annexHead> } => ({ head: annexHead(block) });
const annexRefsOf = (block: Block): readonly RawAnnexRef[] => annexRefsIn(block.text);

function annexRefsIn(text: string): readonly RawAnnexRef[] {
	{
		const out: RawAnnexRef[] = [];
		const f = foldOnce(text);
		REF.lastIndex = 0;
		for (let m = REF.exec(f.text); m; m = REF.exec(f.text)) {
			const family = FAMILY[m[1]];
			// "Annex I, Annex II and Annex III of the EEA SCCs": what follows a coordination of references holds for each.
			// Markdown's emphasis marks are no words ("to the _Standard Contractual Clauses_").
			const after = withoutEmphasis(f.text.slice(m.index + m[0].length, m.index + m[0].length + 240)).replace(COORDINATED, '').slice(0, 80);
			const before = f.text.slice(Math.max(0, m.index - 40), m.index);
			if (EXTERNAL_AFTER.test(after) || EXTERNAL_BEFORE.test(before) || OTHER_CONTRACT_AFTER.test(after)) continue;
			// "… the SCCs are incorporated as follows: …; Annex I is completed with the information in Section 15".
			if (f.text.lastIndexOf(':', m.index) >= 0 && inlineSccCompletion(f.text.slice(0, m.index), after)) continue;
			const labels = expandLabels(m[2], f.map, m.index + m[0].length - m[2].length, text);
			const ctx = referenceContext(f.text, m.index, m.index + m[0].length);
			const topics = topicsOf(ctx);
			for (const l of labels) {
				if (l.label.length === 1 && /[a-z]/i.test(l.label) && !/[IVX]/.test(l.label) && text[l.span.start] !== text[l.span.start].toUpperCase()) continue;
				const first = l === labels[0];
				out.push({ at: m.index, family, label: l.label, ...prefixBefore(text, l.span.start), key: annexKey(l.label), span: { start: first ? f.map[m.index] : l.span.start, end: l.span.end }, labelSpan: l.span, topics });
			}
		}
		return out;
	}
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

/** The first annex of each word and number, and of each language group and number, for {@link resolveAnnex}. */
export interface AnnexIndex {
	readonly byFamily: ReadonlyMap<string, Annex>;
	readonly families: ReadonlySet<AnnexFamily>;
	readonly byGroup: ReadonlyMap<string, Annex>;
	/** Whether some annex has a German word (true) or an English one (false). */
	readonly groups: ReadonlySet<boolean>;
}

/** Index the annexes for resolving many references. */
export function indexAnnexes(annexes: readonly Annex[]): AnnexIndex {
	const byFamily = new Map<string, Annex>(), byGroup = new Map<string, Annex>();
	for (const a of annexes) {
		if (!byFamily.has(`${a.family}:${a.key}`)) byFamily.set(`${a.family}:${a.key}`, a);
		const group = `${GERMAN_FAMILIES.includes(a.family)}:${a.key}`;
		if (!byGroup.has(group)) byGroup.set(group, a);
	}
	return { byFamily, families: new Set(annexes.map(a => a.family)), byGroup, groups: new Set(annexes.map(a => GERMAN_FAMILIES.includes(a.family))) };
}

/** Resolve a reference: same word and number; else the same number among annexes of a related word when its own word defines none. */
export function resolveAnnex(annexes: readonly Annex[], family: AnnexFamily, key: string, index = indexAnnexes(annexes)): Annex | undefined {
	const same = index.byFamily.get(`${family}:${key}`);
	if (same) return same;
	if (index.families.has(family)) return undefined;
	const german = GERMAN_FAMILIES.includes(family);
	const own = index.byGroup.get(`${german}:${key}`);
	if (own || index.groups.has(german)) return own;
	// A draft in two languages names its annexes in both ("Anlage 1 – … / Annex 1 – …"; "described in Annex 1" in the
	// English text): where no annex has a word of the reference's language, the same number in the other language is it.
	return index.byGroup.get(`${!german}:${key}`);
}

/** The annex of `sorted` (inline annexes in document order, each running to the next) whose text holds `offset`. */
export function enclosingAnnex(sorted: readonly Annex[], offset: number): Annex | undefined {
	const found = lastStartingBy(sorted, offset);
	return found >= 0 && offset < sorted[found].end ? sorted[found] : undefined;
}

/**
 * Where the block of each annex's heading starts (annexes in document order): an annex starts at its label, after "## ",
 * "**" or a bookmark, and what comes before it on that line is part of its heading, not of the clause above.
 */
export function annexHeadingStarts(blocks: readonly Block[], annexes: readonly Annex[]): number[] {
	const starts: number[] = [];
	for (let a = 0, b = 0; a < annexes.length; a++) {
		while (b < blocks.length && blocks[b].span.end <= annexes[a].span.start) b++;
		starts.push(b < blocks.length && blocks[b].span.start <= annexes[a].span.start ? blocks[b].span.start : annexes[a].span.start);
	}
	return starts;
}

/** ".", ";", "!" or "?". */
const isSentenceStop = (c: number): boolean => c === 46 || c === 59 || c === 33 || c === 63;

/** The words around a reference: its sentence, cut at neighbouring annex references. */
/** A comma and a conjunction that begins a clause of its own: ", and the …", ", und die …", ", whereas …". */
const COORDINATED_CLAUSE = /,\s+(?:and|und|or|oder|while|whereas|waehrend|wohingegen)\s+(?:the|die|der|das|den|dem|its|seine?|ihre?|any|all|alle)\s/u;

function referenceContext(folded: string, start: number, end: number): string {
	let from = start, to = end;
	// Back to just after a sentence end (".", ";", "!" or "?" and white space), on to one (or the text's end).
	while (from > 0 && !(from >= 2 && isSentenceStop(folded.charCodeAt(from - 2)) && isWhiteSpace(folded.charCodeAt(from - 1))) && start - from < 300) from--;
	while (to < folded.length && !(isSentenceStop(folded.charCodeAt(to)) && (to + 1 === folded.length || isWhiteSpace(folded.charCodeAt(to + 1)))) && to - end < 300) to++;
	const left = folded.slice(from, start);
	const right = folded.slice(end, to);
	const leftCut = matchesOf(REF_ALL, left).pop();
	const rightCut = right.search(RIGHT_CUT);
	// A coordinated clause after the reference has its own subject ("… shall reflect Appendix 1 of this DPA, and the
	// technical and organisational measures … Appendix 2"): its words are about what it names, not this annex.
	const clauseCut = right.search(COORDINATED_CLAUSE);
	const rightEnd = Math.min(rightCut >= 0 ? rightCut : right.length, clauseCut >= 0 ? clauseCut : right.length);
	return (leftCut ? left.slice((leftCut.index ?? 0) + leftCut[0].length) : left) + ' ' + right.slice(0, rightEnd);
}
