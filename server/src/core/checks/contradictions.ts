import type { Catalogue } from '../catalogue';
import type { Reporter } from '../messages';
import { fact, foldedOnce } from '../memo';
import { Prefilter } from '../prefilter';
import type { DpaDocument, Sentence } from '../types';

const quote = (s: Sentence): string => (s.text.length > 70 ? `${s.text.slice(0, 67).trimEnd()}…` : s.text).replace(/\s+/g, ' ').trim();

/**
 * contradiction: a sentence that forbids something and another that allows or approves the same thing, per the
 * patterns of rules/contradictions.yaml ("Unterauftragnehmer dürfen weitere Unterauftragnehmer nicht beauftragen" and
 * an annex in which the controller approves sub-processors of sub-processors). Reported at the prohibition, with the
 * permission as related place. Conditional rules ("nicht ohne vorherige Zustimmung") are no prohibition.
 */
/** Per catalogue and language, the prohibits, permits and unless pattern of each contradiction (three a contradiction), and their prefilter. */
const patternCache = new WeakMap<Catalogue, Map<string, { patterns: (RegExp | undefined)[]; prefilter: Prefilter }>>();
function patternsOf(cat: Catalogue, lang: 'de' | 'en'): { patterns: (RegExp | undefined)[]; prefilter: Prefilter } {
	let byLang = patternCache.get(cat);
	if (!byLang) patternCache.set(cat, byLang = new Map());
	let entry = byLang.get(lang);
	if (!entry) {
		const patterns = (cat.contradictions ?? []).flatMap(spec => [spec.prohibits[lang], spec.permits[lang], spec.unless[lang]]);
		byLang.set(lang, entry = { patterns, prefilter: new Prefilter(patterns.map(p => p ?? NEVER)) });
	}
	return entry;
}
/** A pattern that matches nothing, standing in for one a contradiction has not. */
const NEVER = /(?!)/u;

export function checkContradictions(doc: DpaDocument, cat: Catalogue, r: Reporter): void {
	const specs = cat.contradictions ?? [];
	if (!specs.length) return;
	// What each sentence says, per pattern (memoised per sentence): bit 1 prohibits, 2 permits, 4 unless.
	const lang = doc.lang;
	const { patterns, prefilter } = patternsOf(cat, lang);
	const read = (s: Sentence): Uint8Array => {
		const f = foldedOnce(s.text);
		// Only the patterns the sentence has a needle of are run.
		const may = prefilter.scan(f);
		const says = new Uint8Array(specs.length);
		for (let i = 0; i < patterns.length; i++) if (patterns[i] && Prefilter.may(may, i) && patterns[i]!.test(f)) says[Math.floor(i / 3)] |= 1 << (i % 3);
		return says;
	};
	const name = lang === 'de' ? 'contradictions:de' : 'contradictions:en';
	const says: Uint8Array[] = [];
	for (let i = 0; i < doc.sentences.length; i++) says.push(fact(doc.sentences, i, 'sentence', name, read));
	for (const [k, spec] of specs.entries()) {
		const prohibits = spec.prohibits[doc.lang], permits = spec.permits[doc.lang];
		if (!prohibits || !permits) continue;
		const no = says.findIndex(b => (b[k] & 1) !== 0 && (b[k] & 4) === 0);
		if (no < 0) continue;
		const yes = says.findIndex((b, i) => i !== no && (b[k] & 2) !== 0 && (b[k] & 1) === 0);
		if (yes < 0) continue;
		const [a, b] = [doc.sentences[no], doc.sentences[yes]];
		r.report('contradiction', a.span, 'default', { topic: spec.topic[r.lang], text: quote(a), other: quote(b) }, {
			related: [{ span: b.span, message: r.text('contradiction', 'related', { other: quote(b) }) }],
		});
	}
}
