import { FAMILY } from './annexes';
import { annexName } from './checks';
import { annexKey, foldText, matchesOf, romanValue, toRoman } from './text';
import type { Annex, AnnexFamily, AnnexRef, Clause, ClauseRef, Coverage, DpaDocument, Edit, Span } from './types';

/** An annex reference or definition under an offset, with the annex it names (if defined). */
export interface AnnexHit {
	readonly annex?: Annex;
	readonly ref?: AnnexRef;
	/** The whole reference or definition line. */
	readonly span: Span;
	/** The label only ("3", "II"). */
	readonly labelSpan: Span;
}

function inside(span: Span, offset: number): boolean {
	return span.start <= offset && offset <= span.end;
}

/** Whether a reference's label is written where its span points (labels inside "1 bis 3" are implied, not written). */
function written(doc: DpaDocument, ref: AnnexRef): boolean {
	return doc.text.slice(ref.labelSpan.start, ref.labelSpan.end) === ref.label;
}

/** The span of the label in a front-matter `annexes` entry (`- id: Anlage 3`), for annexes kept in separate files. */
export function frontMatterLabelSpan(doc: DpaDocument, annex: Annex): Span | undefined {
	const fm = doc.frontMatter.span;
	if (!annex.file || !fm) return undefined;
	const re = /\bid:[ \t]*["']?(\p{L}+)[ \t]+(\d{1,3}|[ivxlc]{1,6}|[a-z])(?![\p{L}\p{N}])/giu;
	const text = doc.text.slice(fm.start, fm.end);
	for (let m = re.exec(text); m; m = re.exec(text)) {
		if (annexKey(m[2]) !== annex.key || annexName({ family: annex.family, label: m[2] }).toLowerCase() !== `${m[1]} ${m[2]}`.toLowerCase()) continue;
		const start = fm.start + m.index + m[0].length - m[2].length;
		return { start, end: start + m[2].length };
	}
	return undefined;
}

/** The span to jump to and rename for an annex's definition: its heading label, or its front-matter entry. */
export function definitionLabelSpan(doc: DpaDocument, annex: Annex): Span | undefined {
	return annex.file ? frontMatterLabelSpan(doc, annex) : annex.labelSpan;
}

/** The annex reference or annex definition at `offset`. */
export function annexAt(doc: DpaDocument, offset: number): AnnexHit | undefined {
	const ref = doc.annexRefs.find(r => inside(r.span, offset) && written(doc, r))
		?? doc.annexRefs.find(r => inside(r.labelSpan, offset) && written(doc, r));
	if (ref) return { annex: ref.target, ref, span: ref.span, labelSpan: ref.labelSpan };
	for (const a of doc.annexes) {
		const label = definitionLabelSpan(doc, a);
		if (!label) continue;
		const line = a.file ? label : a.span;
		if (inside(line, offset)) return { annex: a, span: line, labelSpan: label };
	}
	return undefined;
}

/** The clause reference ("Ziff. 6.2", "§ 7 (4)") at `offset`. */
export function clauseRefAt(doc: DpaDocument, offset: number): ClauseRef | undefined {
	return doc.clauseRefs.find(r => inside(r.span, offset));
}

/** Every written reference to an annex (one per label occurrence). */
export function annexReferences(doc: DpaDocument, annex: Annex): AnnexRef[] {
	const seen = new Set<number>();
	return doc.annexRefs.filter(r => {
		if (r.target !== annex || !written(doc, r) || seen.has(r.labelSpan.start)) return false;
		seen.add(r.labelSpan.start);
		return true;
	});
}

/** The first lines of an inline annex's content (after its heading), for a hover. */
export function annexPreview(doc: DpaDocument, annex: Annex, maxLines = 6): string[] {
	if (annex.file) return [];
	// The next annex's span starts after its Markdown marks ("## "); those belong to the next line.
	const body = doc.text.slice(annex.span.end, annex.end).replace(/(?:^|\n)[ \t#*_>-]*$/, '');
	const lines = body.split(/\r?\n|\r/).map(l => l.trim()).filter(l => l !== '');
	// A title on the line after a bare "Anlage 1" is shown as the title already.
	if (lines[0] && annex.title && lines[0].replace(/[*_#]/g, '').trim() === annex.title) lines.shift();
	return lines.slice(0, maxLines);
}

/** Whether a string can be an annex label ("3", "IV", "B"). */
export function isAnnexLabel(label: string): boolean {
	return /^(?:\d{1,3}|[ivxlc]{1,6}|[a-z])$/i.test(label);
}

const LIST_ENTRY = /^[^\p{L}\p{N}]*(\p{L}+)\s+(\d{1,3}|[ivxlc]{1,6}|[a-z])(?![\p{L}\p{N}])/iu;

/** Edits that give each annex in `renames` its new label: definition, every written reference and annex-list entries. */
function relabel(doc: DpaDocument, renames: ReadonlyMap<Annex, string>): Edit[] {
	const edits = new Map<number, Edit>();
	const put = (span: Span | undefined, text: string): void => {
		if (span && doc.text.slice(span.start, span.end) !== text) edits.set(span.start, { span, text });
	};
	for (const [annex, label] of renames) {
		put(definitionLabelSpan(doc, annex), label);
		for (const ref of annexReferences(doc, annex)) put(ref.labelSpan, label);
	}
	for (const entry of doc.annexListEntries) {
		const m = LIST_ENTRY.exec(doc.text.slice(entry.start, entry.end));
		if (!m) continue;
		const listed = [...renames.keys()].find(a => annexKey(m[2]) === a.key && annexName(a).split(' ')[0].toLowerCase() === m[1].toLowerCase());
		const at = entry.start + m[0].length - m[2].length;
		if (listed) put({ start: at, end: at + m[2].length }, renames.get(listed)!);
	}
	return [...edits.values()].sort((a, b) => a.span.start - b.span.start);
}

/** Edits that rename one annex's label everywhere; an error text when the label is not valid or already taken. */
export function renameAnnexEdits(doc: DpaDocument, annex: Annex, newLabel: string): Edit[] | string {
	const label = newLabel.trim();
	if (!isAnnexLabel(label)) return `"${newLabel}" is not an annex label (a number, a Roman numeral or a letter)`;
	const clash = doc.annexes.find(a => a !== annex && a.family === annex.family && a.key === annexKey(label));
	if (clash) return `${annexName(clash)} exists already`;
	return relabel(doc, new Map([[annex, label]]));
}

/** The n-th label (1-based) in the numbering style of `like`: "3", "III" or "C". */
function labelLike(like: string, n: number): string {
	if (/^\d+$/.test(like)) return String(n);
	if (like.length === 1 && /[a-z]/i.test(like) && (Number.isNaN(romanValue(like)) || !/[ivx]/i.test(like))) {
		return n <= 26 ? String.fromCharCode((like === like.toUpperCase() ? 65 : 97) + n - 1) : String(n);
	}
	const roman = toRoman(n);
	return like === like.toLowerCase() ? roman.toLowerCase() : roman;
}

/** Edits that renumber the annexes of each family 1, 2, 3 … in order of definition and update every reference. */
export function renumberAnnexEdits(doc: DpaDocument): Edit[] {
	const renames = new Map<Annex, string>();
	const families = new Map<AnnexFamily, Annex[]>();
	for (const a of doc.annexes) families.set(a.family, [...(families.get(a.family) ?? []), a]);
	for (const list of families.values()) {
		const ordered = [...list].sort((a, b) => a.span.start - b.span.start);
		const style = ordered[0].label;
		ordered.forEach((a, i) => renames.set(a, labelLike(style, i + 1)));
	}
	return relabel(doc, renames);
}

/** Coverage entries whose evidence contains `offset`. */
export function evidenceAt(coverage: readonly Coverage[], offset: number): Coverage[] {
	return coverage.filter(c => c.evidence.some(s => inside(s, offset)));
}

/** A node of the contract's outline: a clause or an annex with its clauses. */
export interface OutlineNode {
	readonly kind: 'clause' | 'annex';
	readonly name: string;
	readonly detail: string;
	readonly span: Span;
	readonly selectionSpan: Span;
	readonly children: readonly OutlineNode[];
}

function clauseName(doc: DpaDocument, c: Clause): string {
	const line = doc.text.slice(c.span.start, c.span.end).replace(/^\s*(?:#+\s+|[-*+•]\s+|\*\*|__)*/, '').replace(/\*\*|__/g, '').trim();
	const short = line.length > 80 ? `${line.slice(0, 77)}…` : line;
	return short || c.label || c.title || '…';
}

function clauseNode(doc: DpaDocument, c: Clause, limit: number, keep: (c: Clause) => boolean): OutlineNode {
	const end = Math.max(c.span.end, Math.min(c.end, limit));
	return {
		kind: 'clause', name: clauseName(doc, c), detail: '',
		span: { start: c.span.start, end }, selectionSpan: c.span,
		children: c.children.filter(keep).map(k => clauseNode(doc, k, end, keep)),
	};
}

/** The contract's structure: the clause tree of the body, then each annex with the clauses inside it. */
export function outline(doc: DpaDocument): OutlineNode[] {
	const body = doc.clauseRoots.filter(c => !c.annex).map(c => clauseNode(doc, c, doc.bodyEnd, k => !k.annex));
	const annexes = doc.annexes.map(a => {
		const heading = (c: Clause): boolean => c.span.start <= a.span.start && a.span.start < Math.max(c.span.end, c.span.start + 1);
		const own = doc.clauses.filter(c => c.annex === a && !heading(c));
		const tops = own.filter(c => !c.parent || !own.includes(c.parent));
		const span = a.file ? (definitionLabelSpan(doc, a) ?? a.span) : { start: a.span.start, end: Math.max(a.span.end, a.end) };
		const node: OutlineNode = {
			kind: 'annex', name: annexName(a), detail: a.file ? `${a.title} (${a.file})`.trim() : a.title,
			span, selectionSpan: a.file ? span : a.span,
			children: tops.map(c => clauseNode(doc, c, span.end, k => own.includes(k))),
		};
		return node;
	});
	return [...body, ...annexes];
}

/** What completion can offer at an offset: annex labels after "Anlage ", or front-matter keys or values. */
export type CompletionSite =
	| { readonly kind: 'annex'; readonly family: AnnexFamily; readonly span: Span }
	| { readonly kind: 'front-matter-key'; readonly span: Span; readonly present: readonly string[] }
	| { readonly kind: 'front-matter-value'; readonly key: string; readonly span: Span };

const ANNEX_WORD = new RegExp(`(?<![\\p{L}])(${Object.keys(FAMILY).join('|')})[ \\t\\u00a0]+([\\p{L}\\p{N}]{0,3})$`, 'u');

/** Find what can be completed at `offset` in `text`. */
export function completionSite(text: string, offset: number): CompletionSite | undefined {
	const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
	const before = text.slice(lineStart, offset);
	const fmEnd = frontMatterContentEnd(text);
	if (fmEnd !== undefined && lineStart > 0 && offset <= fmEnd) {
		const key = /^([A-Za-z_][\w-]*)?$/.exec(before);
		if (key) {
			const present = matchesOf(/^([A-Za-z_][\w-]*)[ \t]*:/gm, text.slice(0, fmEnd)).map(m => m[1]);
			return { kind: 'front-matter-key', span: { start: lineStart, end: offset }, present };
		}
		const value = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(["']?)([^"'#]*)$/.exec(before);
		if (value) return { kind: 'front-matter-value', key: value[1], span: { start: offset - value[3].length, end: offset } };
		return undefined;
	}
	// Matched on the folded line ("Anhänge" → "anhaenge"); the label's length is the same in both.
	const m = ANNEX_WORD.exec(foldText(before));
	if (!m) return undefined;
	return { kind: 'annex', family: FAMILY[m[1]], span: { start: offset - m[2].length, end: offset } };
}

/** End of the front-matter content (start of the closing fence, or of the text while it is being written). */
function frontMatterContentEnd(text: string): number | undefined {
	const open = /^---[ \t]*\r?\n/.exec(text);
	if (!open) return undefined;
	const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(open[0].length));
	return close ? open[0].length + close.index : text.length;
}
