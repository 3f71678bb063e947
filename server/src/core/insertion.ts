import { clauseFor, type Library } from './library';
import type { Clause, Coverage, DpaDocument, Edit, Lang } from './types';

/** The top-level body clause that contains an offset. */
function rootAt(doc: DpaDocument, offset: number): Clause | undefined {
	return doc.clauseRoots.find(c => !c.annex && c.span.start <= offset && offset < c.end);
}

/** End of the last non-empty block of a clause (before the annexes). */
function clauseTextEnd(doc: DpaDocument, clause: Clause): number {
	const limit = Math.min(clause.end, doc.bodyEnd);
	let end = clause.span.end;
	for (const b of doc.blocks) {
		if (b.span.start >= clause.span.start && b.span.start < limit) end = Math.max(end, b.span.end);
	}
	return end;
}

/** The number a clause inserted after `after` gets: the next number at the end, else "6a" / "6A" (no renumbering of the rest). */
function nextLabel(doc: DpaDocument, after: Clause, lang: Lang): string | undefined {
	if (!after.label) return undefined;
	const roots = doc.clauseRoots.filter(c => !c.annex && c.label);
	const last = roots[roots.length - 1] === after;
	const base = after.label.replace(/\(.*$/, '');
	if (last && /^\d+$/.test(base)) return String(Number(base) + 1);
	return `${base}${lang === 'de' ? 'a' : 'A'}`;
}

/** A heading line for a new clause, in the numbering style of the clause it follows. */
function headingLine(doc: DpaDocument, after: Clause | undefined, title: string, lang: Lang): string {
	const heading = after ? doc.text.slice(after.span.start, after.span.end) : '';
	const hashes = /^(#{1,6})\s/.exec(heading)?.[1];
	const prefix = hashes ? `${hashes} ` : '';
	const label = after ? nextLabel(doc, after, lang) : undefined;
	if (!after || !label) return `${prefix || '## '}${title}`;
	switch (after.style) {
		case 'para': return `${prefix}§ ${label} ${title}`;
		case 'word': {
			const word = /(Clause|Section|Article|Artikel|Ziffer|Klausel|Paragraph)/i.exec(heading)?.[1] ?? (lang === 'de' ? 'Ziffer' : 'Clause');
			return `${prefix}${word} ${label} – ${title}`;
		}
		case 'dotted': return `${prefix}${label}. ${title}`;
		default: return `${prefix}${title}`;
	}
}

/**
 * The edit that inserts the library clause for a missing requirement: after the clause it usually follows,
 * else after the last clause of the body (before signatures and annexes), numbered to fit.
 */
export function insertClauseEdit(doc: DpaDocument, lib: Library, requirement: string, coverage: readonly Coverage[], lang: Lang): { title: string; edit: Edit } | undefined {
	const variant = requirement === 'art28-3-d-subprocessors' && doc.frontMatter.data.subprocessor_authorisation === 'specific' ? 'specific' : undefined;
	const entry = clauseFor(lib, requirement, lang, variant);
	if (!entry) return undefined;
	let after: Clause | undefined;
	for (const id of entry.clause.after) {
		const ev = coverage.find(c => c.requirement === id && c.status !== 'missing')?.evidence.find(s => s.start < doc.bodyEnd);
		after = ev ? rootAt(doc, ev.start) : undefined;
		if (after) break;
	}
	after ??= [...doc.clauseRoots].reverse().find(c => !c.annex && c.span.start < doc.bodyEnd);
	const at = after ? clauseTextEnd(doc, after) : (doc.bodyEnd < doc.text.length ? doc.bodyEnd : doc.text.length);
	const head = headingLine(doc, after, entry.title, lang);
	const text = `\n\n${head}\n\n${entry.text}${at === doc.bodyEnd && after === undefined ? '\n\n' : ''}`;
	return { title: entry.title, edit: { span: { start: at, end: at }, text } };
}

/** The edit that appends a missing sub-element's sentence to the end of the clause holding the requirement's evidence. */
export function insertSentenceEdit(doc: DpaDocument, lib: Library, cov: Coverage, element: string, lang: Lang): Edit | undefined {
	const sentence = lib.sentences[`${cov.requirement}/${element}`];
	if (!sentence || !cov.evidence.length) return undefined;
	const ev = cov.evidence[0];
	let at = doc.blocks.findIndex(b => b.span.start <= ev.start && ev.end <= b.span.end);
	if (at < 0) return undefined;
	const block = doc.blocks[at];
	// After a finished sentence the new one continues the paragraph; after a list entry ending in ";" it gets its own.
	if (block.kind !== 'table' && /[.!?:]["“”)]?\s*$/.test(block.text)) return { span: { start: block.span.end, end: block.span.end }, text: ` ${sentence[lang].trim()}` };
	// Evidence in a table row: the sentence goes after the table as a paragraph of its own, never into a row.
	while (block.kind === 'table' && doc.blocks[at + 1]?.kind === 'table') at++;
	const end = doc.blocks[at].span.end;
	return { span: { start: end, end }, text: `\n\n${sentence[lang].trim()}` };
}
