import type { Analysis } from './analysis';
import { toRange } from './convert';
import { defaultCatalogue } from './core';
import type { CoverageReport } from './protocol';

/** The `dpaLint/coverage` answer: every Art. 28 requirement with status, missing parts and evidence ranges. */
export function coverageReport(analysis: Analysis): CoverageReport {
	const { coverage, doc } = analysis.result;
	const lang = analysis.lang;
	const requirements = coverage.map(c => {
		const spec = defaultCatalogue().requirements.find(r => r.id === c.requirement);
		return {
			id: c.requirement, name: spec?.name[lang] ?? c.requirement, ref: spec?.ref[lang] ?? '', explain: spec?.explain[lang] ?? '',
			status: c.status,
			missing: c.missing.map(id => spec?.elements.find(e => e.id === id)?.name[lang] ?? id),
			evidence: c.evidence.map(s => ({ range: toRange(analysis.document, s), text: doc.text.slice(s.start, Math.min(s.end, s.start + 160)).replace(/\s+/g, ' ') })),
		};
	});
	const count = (...states: string[]): number => coverage.filter(c => states.includes(c.status)).length;
	return {
		uri: analysis.document.uri, version: analysis.document.version, language: lang, total: coverage.length,
		covered: count('present', 'not-applicable'), partial: count('partial'), missing: count('missing'), requirements,
	};
}
