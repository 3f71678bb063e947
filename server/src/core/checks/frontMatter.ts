import { FRONT_MATTER_KEYS, FRONT_MATTER_VALUES } from '../frontMatter';
import type { Reporter } from '../messages';
import { parsePeriodText } from '../periods';
import type { DpaDocument } from '../types';

/** front-matter-invalid: YAML syntax errors, wrong types and values of known keys, unparseable periods. */
export function checkFrontMatter(doc: DpaDocument, r: Reporter): void {
	const fm = doc.frontMatter;
	if (fm.error) {
		r.report('front-matter-invalid', fm.error.span, 'default', { detail: fm.error.message });
		return;
	}
	for (const [key, type] of Object.entries(FRONT_MATTER_KEYS)) {
		if (!(key in fm.data)) continue;
		const value = fm.data[key];
		const span = fm.keys.get(key) ?? fm.span!;
		if (type === 'list') {
			const ok = Array.isArray(value) && value.every(v => v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string');
			if (!ok) r.report('front-matter-invalid', span, 'type', { key, expected: r.lang === 'de' ? 'eine Liste von { id, title, file }' : 'a list of { id, title, file }' });
			continue;
		}
		if (typeof value !== 'string') {
			r.report('front-matter-invalid', span, 'type', { key, expected: r.lang === 'de' ? 'ein Text' : 'a string' });
			continue;
		}
		const allowed = FRONT_MATTER_VALUES[key];
		if (allowed && !allowed.includes(value)) r.report('front-matter-invalid', span, 'value', { key, value, allowed: allowed.join(', ') });
		if ((key === 'objection_period' || key === 'notice_period') && !parsePeriodText(value)) r.report('front-matter-invalid', span, 'period', { key, value });
	}
}
