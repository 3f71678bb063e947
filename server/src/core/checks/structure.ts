import { LINE_BREAK } from '../blocks';
import type { Reporter } from '../messages';
import type { DpaDocument, Span } from '../types';

/** crossref-undefined: references to clause numbers the contract does not have. */
export function checkCrossRefs(doc: DpaDocument, r: Reporter): void {
	if (doc.clauses.filter(c => c.label).length < 3) return;
	for (const ref of doc.clauseRefs) {
		if (ref.target) continue;
		r.report('crossref-undefined', ref.span, 'default', { text: ref.text });
	}
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

/** numbering-anomaly: a numbered clause whose number does not fit its place ("38.4" between 4.2 and 4.4). */
export function checkNumbering(doc: DpaDocument, r: Reporter): void {
	for (const parent of doc.clauses) {
		if (parent.style !== 'dotted' || !parent.label) continue;
		const kids = parent.children.filter(c => c.style === 'dotted' && c.label?.includes('.'));
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

const GDPR_PARAGRAPH = /(?<![\p{L}])(§§?)\s*(\d{1,2})((?:\s*(?:abs\.?|absatz|satz|s\.|uabs\.?|unterabs\.?|lit\.?|buchst\.?|nr\.?)\s*[\da-z]{1,3}\.?|\s*\(\d{1,2}\)|\s*\([a-z]\)|\s*(?:und|bis|to|and|or|oder|-|–|,)\s*\d{1,2}(?![\d.]))*)\s*(dsgvo|ds-gvo|eu-dsgvo|gdpr)\b/giu;

/** citation-wrong: the GDPR has articles, not paragraphs ("§ 28 Abs. 2 DS-GVO" means "Art. 28 Abs. 2 DS-GVO"). */
export function checkCitations(doc: DpaDocument, r: Reporter): void {
	for (const m of doc.text.matchAll(GDPR_PARAGRAPH)) {
		const start = m.index ?? 0;
		const span = { start, end: start + m[0].length };
		const corrected = `${r.lang === 'de' ? 'Art.' : 'Art.'} ${m[2]}${m[3]} ${m[4]}`;
		r.report('citation-wrong', span, 'default', { text: m[0], corrected }, {
			fixes: [{ kind: 'renumber', mechanical: false, title: r.text('citation-wrong', 'fix', { corrected }), edits: [{ span, text: corrected }] }],
		});
	}
}
