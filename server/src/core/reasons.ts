import type { Catalogue } from './catalogue';
import type { Reporter } from './messages';
import type { LineIndex } from './text';
import type { Coverage, ElementState, ElementVerdict } from './types';

const KEY: Readonly<Record<ElementState, string>> = {
	found: 'reasonFound', none: 'reasonNone', delegated: 'reasonDelegated', 'annex-empty': 'reasonAnnexEmpty',
	'annex-off-topic': 'reasonAnnexOffTopic', weak: 'reasonWeak',
	blank: 'reasonBlank', heading: 'reasonHeading', label: 'reasonLabel', lookalike: 'reasonLookalike',
};

/** The first words of a passage, for quoting it in a reason. */
function quote(text: string): string {
	const t = text.replace(/[*_`|]+/g, '').replace(/\s+/g, ' ').trim();
	return t.length > 60 ? t.slice(0, 57).trimEnd() + '…' : t;
}

/**
 * One sentence a lawyer can check for a coverage decision: per sub-element, the line of its evidence, or why the
 * candidate text did not count (only a heading, a blank field, delegated, a look-alike); for composites, the parts
 * that are not present; for requirements only implied by another, that.
 */
export function coverageReason(cov: Coverage, cat: Catalogue, r: Reporter, lines: LineIndex, text: string): string {
	const req = cat.requirements.find(q => q.id === cov.requirement);
	if (!req) return '';
	const line = (offset: number): number => lines.position(offset).line + 1;
	const parts: string[] = [];
	for (const v of cov.verdicts ?? []) {
		const el = req.elements.find(e => e.id === v.element);
		// Optional elements are worth a word only where they were found.
		if (!el || (el.optional && v.state !== 'found')) continue;
		parts.push(verdictText(v, el.name[r.lang], cat, r, line, text));
	}
	if (cov.impliedBy) parts.push(r.text('missing-clause', 'reasonImplied', { line: cov.evidence.length ? line(cov.evidence[cov.evidence.length - 1].start) : 1 }));
	const composite = cov.missing.filter(id => req.composite.includes(id));
	if (composite.length) parts.push(r.text('missing-clause', 'reasonComposite', { parts: composite.map(id => cat.requirements.find(q => q.id === id)?.name[r.lang] ?? id).join(', ') }));
	const key = cov.status === 'present' ? 'reasonPresent' : cov.status === 'partial' ? 'reasonPartial' : 'reasonMissing';
	return r.text('missing-clause', key, { parts: parts.join('; ') });
}

function verdictText(v: ElementVerdict, element: string, cat: Catalogue, r: Reporter, line: (o: number) => number, text: string): string {
	if (v.state === 'found' && !v.span) return r.text('missing-clause', 'reasonPresumed', { element });
	if (v.state === 'none' || !v.span) return r.text('missing-clause', 'reasonNone', { element });
	const values: Record<string, string | number> = { element, line: line(v.span.start) };
	if (v.state === 'lookalike' || v.state === 'weak') {
		values.quote = quote(text.slice(v.span.start, v.span.end));
		values.about = (v.lookalike && cat.cueAbout.get(v.lookalike)?.[r.lang]) ?? r.text('missing-clause', 'reasonLookalikeOther');
	}
	return r.text('missing-clause', KEY[v.state], values);
}
