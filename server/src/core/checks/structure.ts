import { LINE_BREAK } from '../blocks';
import type { Reporter } from '../messages';
import { foldText, lastStartingBy, matchesOf } from '../text';
import { completesTheSccs, SCC_NAMED } from '../sccs';
import { textLanguage } from '../document';
import type { Clause, ClauseRef, DpaDocument, Span } from '../types';

/**
 * crossref-undefined: references to clause numbers the contract does not have. A reference among provisions that
 * complete the Standard Contractual Clauses ("In Clause 17, Option 1 will apply", "In Klausel 9 gilt Option 2") names
 * a clause of the SCCs, which the DPA incorporates without their text: not reported when it could be one (see
 * {@link sccClauseRef}) unless it says it means this contract ("Clause 3.3 of this DPA").
 */
export function checkCrossRefs(doc: DpaDocument, r: Reporter): void {
	if (doc.clauses.filter(c => c.label).length < 3) return;
	const named = new Map<string, boolean>();
	for (const ref of doc.clauseRefs) {
		if (ref.target || sccClauseRef(ref) && aboutTheSccs(doc, ref, named)) continue;
		r.report('crossref-undefined', ref.span, 'default', { text: ref.text });
	}
}

/** A reference that says it means this contract: "Clause 3.3 of this DPA", "Ziffer 4 dieses Vertrages", "Clause 5 hereof". */
const THIS_CONTRACT = /^\s*(?:\([\da-z]+\)\s*)?(?:(?:of|in|under) (?:this|the present) |of the (?:dpa|agreement)\b|hereof|herein|above|below|(?:dieses|dieser|des vorliegenden|der vorliegenden) |(?:der|des) (?:avv|av-vertrags?)\b|oben|unten)/u;
/** How much of a clause's own text (before its first sub-clause) is read for the instrument it speaks of. */
const CONTEXT_CHARS = 2000;

/**
 * Whether a reference could be to a clause of the SCCs: they are cited as "Clause"/"Klausel" (never "§" or "Ziffer"),
 * numbered 1 to 18, with dotted sub-clauses only in Clause 8 ("Clause 8.9", "Clause 18(b)").
 */
export function sccClauseRef(ref: ClauseRef): boolean {
	if (!/^(?:clauses?|klauseln?)\b/iu.test(ref.text)) return false;
	const [top, sub] = ref.path[0].split('.');
	const n = Number(top);
	return n >= 1 && n <= 18 && (sub === undefined || n === 8);
}

/**
 * Whether a reference is made where the text speaks of the SCCs: its block, the innermost clause holding it or that
 * clause's parent, each by its own text before its first sub-clause (a list of SCC choices under a lead-in naming
 * them), unless the reference names this contract. The block and the clause are its sentence's. `named` keeps what
 * each stretch of text says, by its start and end (a clause's own text may start where its first block does).
 */
export function aboutTheSccs(doc: DpaDocument, ref: ClauseRef, named: Map<string, boolean>): boolean {
	const { text } = doc;
	if (THIS_CONTRACT.test(foldText(text.slice(ref.span.end, ref.span.end + 40)))) return false;
	const names = (start: number, end: number): boolean => {
		const to = Math.min(end, start + CONTEXT_CHARS), key = `${start}:${to}`;
		let yes = named.get(key);
		if (yes === undefined) named.set(key, yes = SCC_NAMED.test(foldText(text.slice(start, to))));
		return yes;
	};
	const sentence = doc.sentences[lastStartingBy(doc.sentences, ref.span.start)];
	if (!sentence || ref.span.start >= sentence.span.end) return false;
	const block = doc.blocks[sentence.block];
	if (ref.span.end <= block.span.end && (names(block.span.start, block.span.end) || completesTheSccs(doc.blocks, sentence.block))) return true;
	for (let c = sentence.clause, k = 0; c && k < 2; c = c.parent, k++) if (names(c.span.start, c.children[0]?.span.start ?? c.end)) return true;
	return false;
}

/** Where missing-clause findings sit: the front-matter `type` line, else the document's first line of text. */
export function anchorSpan(doc: DpaDocument): Span {
	const type = doc.frontMatter.keys.get('type');
	if (type) return type;
	if (doc.frontMatter.span) return { start: 0, end: 3 };
	const first = doc.blocks[0];
	if (!first) return { start: 0, end: 0 };
	const nl = first.text.search(LINE_BREAK);
	return { start: first.span.start, end: nl < 0 ? first.span.end : first.span.start + nl };
}

/**
 * numbering-anomaly: a numbered clause whose number does not fit its place ("38.4" between 4.2 and 4.4), that repeats
 * the number before it ("10.3" twice) or that skips one ("8.4" right after "8.2", nothing between them).
 */
export function checkNumbering(doc: DpaDocument, r: Reporter): void {
	checkHeadingNumbers(doc, r);
	for (const parent of doc.clauses) {
		// (Most clauses have no children: nothing to compare, and nothing made to find that out.)
		if (parent.style !== 'dotted' || !parent.label || !parent.children.length) continue;
		const kids = parent.children.filter(c => c.style === 'dotted' && c.label?.includes('.'));
		checkSiblingNumbers(doc, r, parent.label, kids.filter(c => c.label!.slice(0, c.label!.lastIndexOf('.')) === parent.label));
		kids.forEach((c, i) => {
			const prefix = c.label!.slice(0, c.label!.lastIndexOf('.'));
			const prev = kids[i - 1];
			if (prefix === parent.label || !prev || prev.label!.slice(0, prev.label!.lastIndexOf('.')) !== parent.label) return;
			const last = Number(prev.label!.split('.').pop());
			const expected = `${parent.label}.${Number.isFinite(last) ? last + 1 : 1}`;
			const numberEnd = c.span.start + doc.text.slice(c.span.start, c.span.end).indexOf(c.label!) + c.label!.length;
			const span = { start: c.span.start + Math.max(0, doc.text.slice(c.span.start, c.span.end).indexOf(c.label!)), end: numberEnd };
			r.report('numbering-anomaly', span, 'default', { label: c.label!, parent: parent.label!, expected }, {
				fixes: [{ kind: 'renumber', mechanical: false, title: r.text('numbering-anomaly', 'fix', { expected }), edits: [{ span, text: expected }] }],
			});
		});
	}
}

/**
 * Whether two numbered items follow each other with nothing between them: a number is reported as skipped only then,
 * since an unnumbered paragraph between them may be a number lost in a Word export.
 */
function adjacent(doc: DpaDocument, before: Clause, after: Clause): boolean {
	return !before.children.length && !doc.blocks.some(x => x.span.start > before.span.start && x.span.start < after.span.start);
}

/**
 * The repeats and skips among numbered Markdown headings ("## 9. Datensicherheit" and then "## 11.
 * Unterauftragsbearbeiter"; "## 4.8 …" and then "## 4.10 …"): each against the heading before it at its level, in
 * the body or in one annex (an annex numbers anew; a heading of a higher level starts a new run). The paragraphs
 * between two headings are the first one's content, not a number lost in an export: a heading's number is typed.
 * Siblings under a numbered clause with nothing between them are {@link checkSiblingNumbers}' to report.
 */
function checkHeadingNumbers(doc: DpaDocument, r: Reporter): void {
	let runs = new Map<number, Clause>(), region: unknown = null, b = 0;
	const blocks = doc.blocks;
	for (const c of doc.clauses) {
		while (b < blocks.length && blocks[b].span.end <= c.span.start) b++;
		const block = blocks[b];
		if (!block || block.kind !== 'heading' || block.span.start > c.span.start || !c.label || !/^\d{1,3}(?:\.\d{1,3})*$/.test(c.label)) continue;
		if (c.annex !== region) { runs = new Map(); region = c.annex; }
		for (const depth of [...runs.keys()]) if (depth > block.depth) runs.delete(depth);
		const prev = runs.get(block.depth);
		runs.set(block.depth, c);
		if (!prev) continue;
		const cut = (label: string): [string, number] => [label.slice(0, Math.max(0, label.lastIndexOf('.'))), Number(label.slice(label.lastIndexOf('.') + 1))];
		const [pp, a] = cut(prev.label!), [cp, n] = cut(c.label);
		if (pp !== cp || !(n === a || (n >= a + 2 && n <= a + 9)) || (n === a && translated(doc, prev, c))) continue;
		const parent = c.parent?.style === 'dotted' && c.parent.label && prev.parent === c.parent ? c.parent.label : undefined;
		if (parent && (n === a || adjacent(doc, prev, c))) continue;
		reportNumber(doc, r, prev, c, n === a ? 'repeatHeading' : 'gap', cp ? `${cp}.${a + 1}` : String(a + 1), {});
	}
}

/**
 * numbering-anomaly at the number of clause `c` (the clause `prev` before it as related place), with the renumbering to
 * `expected` as its fix; `values` adds to the message's label, previous and expected.
 */
function reportNumber(doc: DpaDocument, r: Reporter, prev: Clause, c: Clause, key: string, expected: string, values: Readonly<Record<string, string>>): void {
	const at = doc.text.slice(c.span.start, c.span.end).indexOf(c.label!);
	if (at < 0) return;
	const span = { start: c.span.start + at, end: c.span.start + at + c.label!.length };
	r.report('numbering-anomaly', span, key, { label: c.label!, previous: prev.label!, expected, ...values }, {
		related: [{ span: prev.span, message: r.text('numbering-anomaly', 'relatedNumber', { label: prev.label! }) }],
		fixes: [{ kind: 'renumber', mechanical: false, title: r.text('numbering-anomaly', 'fix', { expected }), edits: [{ span, text: expected }] }],
	});
}

/**
 * Whether two clauses with one number are one clause in two languages ("4.2 Der Auftragnehmer …" and then "4.2 The
 * Contractor …" in a bilingual draft): then the number is not repeated.
 */
function translated(doc: DpaDocument, a: Clause, b: Clause): boolean {
	const la = textLanguage(doc.text.slice(a.span.start, Math.min(a.end, a.span.start + 400)));
	const lb = textLanguage(doc.text.slice(b.span.start, Math.min(b.end, b.span.start + 400)));
	return !!la && !!lb && la !== lb;
}

/** The repeats and skips among the numbered sub-clauses `kids` of clause `parent` (their numbers all start with it). */
function checkSiblingNumbers(doc: DpaDocument, r: Reporter, parent: string, kids: readonly Clause[]): void {
	for (let i = 1; i < kids.length; i++) {
		const a = Number(kids[i - 1].label!.split('.').pop()), b = Number(kids[i].label!.split('.').pop());
		if (!Number.isInteger(a) || !Number.isInteger(b) || (b !== a && b < a + 2)) continue;
		if (b === a && translated(doc, kids[i - 1], kids[i])) continue;
		if (b !== a && !adjacent(doc, kids[i - 1], kids[i])) continue;
		reportNumber(doc, r, kids[i - 1], kids[i], b === a ? 'repeat' : 'gap', `${parent}.${a + 1}`, { parent });
	}
}

/** The item before letter a+k+1 written inline in a sentence ("shall (a) …"), for k = 0…24: made once. */
const INLINE_ITEM = Array.from({ length: 25 }, (_, k) => new RegExp(`\\S[ \\t]+\\(?${String.fromCharCode(97 + k)}\\)[ \\t]`, 'u'));

/** A list item lettered "a)", "b.", "(c)" at the start of a line (after indentation or a bullet). */
// Without the u flag (nothing in it needs it: every character is one UTF-16 unit), the engine scans faster.
const LETTER_ITEM = /^[ \t]*(?:[-*·•][ \t]*)?(\(?)([a-z])([).])(?=[ \t]|$)/gm;
/** {@link LETTER_ITEM} tried at one line start (sticky), as the scan over the whole draft finds it there. */
const LETTER_ITEM_AT = /[ \t]*(?:[-*·•][ \t]*)?(\(?)([a-z])([).])(?=[ \t]|$)/my;
/** Whether a line starting with character `c` may hold a {@link LETTER_ITEM}: blank, bullet, "(" or a small letter. */
const mayStartLetterItem = (c: number): boolean => (c >= 97 && c <= 122) || c === 32 || c === 9 || c === 45 || c === 42 || c === 40 || c === 0xb7 || c === 0x2022;

/**
 * The {@link LETTER_ITEM}s of a draft in order: tried only at the lines' starts, as the scan over the whole draft finds
 * them (a match lies within its line). The pattern's `^` also starts a line after U+2028 and U+2029, which the line
 * index does not: a draft with those is scanned whole.
 */
export function letterItems(doc: DpaDocument): RegExpExecArray[] {
	const text = doc.text;
	if (text.includes('\u2028') || text.includes('\u2029')) return matchesOf(LETTER_ITEM, text);
	const found: RegExpExecArray[] = [];
	for (let l = 0; l < doc.lines.lineCount; l++) {
		const at = doc.lines.lineStart(l);
		if (at >= text.length || !mayStartLetterItem(text.charCodeAt(at))) continue;
		LETTER_ITEM_AT.lastIndex = at;
		const m = LETTER_ITEM_AT.exec(text);
		if (m) found.push(m);
	}
	return found;
}

/**
 * numbering-anomaly for lettered items: a letter that repeats or goes back within one list ("e)" after "h)"), or a list
 * that starts again under a new clause with a letter other than "a)" that does not continue the previous one. Gaps
 * ("a.", "b.", "d." after a letter lost in a Word export) are not reported. One finding per run of repeated letters.
 */
export function checkLetterItems(doc: DpaDocument, r: Reporter): void {
	let last = -1, lastLetter = '', roman = false;
	let run: { span: Span; letter: string; expected: string; related: Span[] } | undefined;
	const flush = (): void => {
		if (!run) return;
		const { span, letter, expected, related } = run;
		r.report('numbering-anomaly', span, 'letter', { label: `${letter})`, previous: `${lastBefore})`, expected: `${expected})` }, {
			related: related.map(s => ({ span: s, message: r.text('numbering-anomaly', 'relatedLetter', { label: `${letter})` }) })),
			fixes: [{ kind: 'renumber', mechanical: false, title: r.text('numbering-anomaly', 'fix', { expected: `${expected})` }), edits: [{ span, text: expected }] }],
		});
		run = undefined;
	};
	let lastBefore = '';
	for (const m of letterItems(doc)) {
		const at = (m.index ?? 0) + m[0].length - m[1].length - 2;
		if (at < doc.bodyStart) continue;
		const code = m[2].charCodeAt(0) - 97;
		const end = (m.index ?? 0) + m[0].length;
		// Abbreviations at the start of a line ("z. B.", "d. h.", "u. a.") are no list letters.
		if (m[3] === '.' && /^\s?\p{L}{1,2}\./u.test(doc.text.slice(end, end + 5))) continue;
		// A list whose first item sits inline in the lead sentence ("shall (a) … ⏎ (b) …") continues it.
		if (code > 0 && INLINE_ITEM[code - 1].test(doc.text.slice(Math.max(0, at - 300), at))) {
			last = code;
			lastLetter = m[2];
			continue;
		}
		// Roman numerals ("i)", "v)") are not letters of a list that does not reach them.
		if (m[2] === 'i' && last !== 7) { roman = true; continue; }
		if (roman && /[vx]/.test(m[2])) continue;
		roman = false;
		const span = { start: at + m[1].length, end: at + m[1].length + 1 };
		// "a)" starts a list (also under a new clause); any other letter continues the one before, so it must come later.
		if (code !== 0 && last >= 0 && code <= last) {
			if (run && run.letter === m[2]) run.related.push(span);
			else {
				flush();
				lastBefore = lastLetter;
				run = { span, letter: m[2], expected: String.fromCharCode(97 + last + 1), related: [] };
			}
		}
		last = code;
		lastLetter = m[2];
	}
	flush();
}

/** numbering-anomaly for numbered items: "1." followed directly by "3." under one clause, nothing between them. */
export function checkNumberGaps(doc: DpaDocument, r: Reporter): void {
	for (const parent of doc.clauses) {
		// A gap needs two children (most clauses have none).
		if (!parent.label || parent.children.length < 2) continue;
		const open = `${parent.label}(`;
		const kids = parent.children.filter(c => c.label?.startsWith(open) && (c.style === 'dotted' || c.style === 'paren'));
		for (let i = 1; i < kids.length; i++) {
			const a = Number(/\((\d+)\)$/.exec(kids[i - 1].label!)?.[1]), b = Number(/\((\d+)\)$/.exec(kids[i].label!)?.[1]);
			if (!(b - a >= 2) || !adjacent(doc, kids[i - 1], kids[i])) continue;
			const text = doc.text.slice(kids[i].span.start, kids[i].span.end);
			const at = text.indexOf(`${b}`);
			if (at < 0) continue;
			const span = { start: kids[i].span.start + at, end: kids[i].span.start + at + String(b).length };
			const expected = String(a + 1);
			// Written "(5)" or "5.": the message names the numbers as the draft writes them.
			const show = (n: number | string): string => (kids[i].style === 'paren' ? `(${n})` : `${n}.`);
			r.report('numbering-anomaly', span, 'gap', { label: show(b), previous: show(a), expected: show(expected) }, {
				fixes: [{ kind: 'renumber', mechanical: false, title: r.text('numbering-anomaly', 'fix', { expected: show(expected) }), edits: [{ span, text: expected }] }],
			});
		}
	}
}
