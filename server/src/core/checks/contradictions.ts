import type { Catalogue } from '../catalogue';
import type { Reporter } from '../messages';
import { fold } from '../text';
import type { DpaDocument, Sentence } from '../types';

const quote = (s: Sentence): string => (s.text.length > 70 ? `${s.text.slice(0, 67).trimEnd()}…` : s.text).replace(/\s+/g, ' ').trim();

/**
 * contradiction: a sentence that forbids something and another that allows or approves the same thing, per the
 * patterns of rules/contradictions.yaml ("Unterauftragnehmer dürfen weitere Unterauftragnehmer nicht beauftragen" and
 * an annex in which the controller approves sub-processors of sub-processors). Reported at the prohibition, with the
 * permission as related place. Conditional rules ("nicht ohne vorherige Zustimmung") are no prohibition.
 */
export function checkContradictions(doc: DpaDocument, cat: Catalogue, r: Reporter): void {
	const specs = cat.contradictions ?? [];
	if (!specs.length) return;
	const folded = doc.sentences.map(s => fold(s.text).text);
	for (const spec of specs) {
		const prohibits = spec.prohibits[doc.lang], permits = spec.permits[doc.lang], unless = spec.unless[doc.lang];
		if (!prohibits || !permits) continue;
		const no = doc.sentences.findIndex((_, i) => prohibits.test(folded[i]) && !unless?.test(folded[i]));
		if (no < 0) continue;
		const yes = doc.sentences.findIndex((_, i) => i !== no && permits.test(folded[i]) && !prohibits.test(folded[i]));
		if (yes < 0) continue;
		const [a, b] = [doc.sentences[no], doc.sentences[yes]];
		r.report('contradiction', a.span, 'default', { topic: spec.topic[r.lang], text: quote(a), other: quote(b) }, {
			related: [{ span: b.span, message: r.text('contradiction', 'related', { other: quote(b) }) }],
		});
	}
}
