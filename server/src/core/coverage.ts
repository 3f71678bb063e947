import type { Catalogue, ElementSpec, MatchSpec } from './catalogue';
import { fold } from './text';
import type { Coverage, DpaDocument, Sentence, Span } from './types';

/** Folded sentence text and folded clause-title context, computed once per document. */
interface Prepared { readonly sentence: Sentence; readonly text: string; readonly context: string }

function prepare(doc: DpaDocument): Prepared[] {
	const titleCache = new Map<unknown, string>();
	return doc.sentences
		.filter(s => s.span.start >= doc.bodyStart || doc.bodyStart === 0)
		.map(sentence => {
			let context = '';
			if (sentence.clause) {
				context = titleCache.get(sentence.clause) ?? '';
				if (!titleCache.has(sentence.clause)) {
					const titles: string[] = [];
					for (let c: typeof sentence.clause | undefined = sentence.clause; c; c = c.parent) titles.push(c.title);
					context = fold(titles.join(' | ')).text;
					titleCache.set(sentence.clause, context);
				}
			}
			if (sentence.annex) context += ' | ' + fold(sentence.annex.title).text;
			return { sentence, text: fold(sentence.text).text, context };
		});
}

function matches(cat: Catalogue, spec: MatchSpec, p: Prepared): boolean {
	for (const g of spec.all) {
		const inContext = g.startsWith('^');
		const name = inContext ? g.slice(1) : g;
		const re = cat.cues.get(name)!;
		if (spec.min > 1 && !inContext) {
			const parts = cat.cueParts.get(name)!;
			if (parts.filter(r => r.test(p.text)).length < spec.min) return false;
		} else if (!re.test(p.text) && !(inContext && re.test(p.context))) return false;
	}
	return !spec.not.some(g => cat.cues.get(g)!.test(p.text));
}

function findElement(cat: Catalogue, el: ElementSpec, prepared: readonly Prepared[]): Span[] {
	const out: Span[] = [];
	for (const p of prepared) if (el.match.some(m => matches(cat, m, p))) out.push(p.sentence.span);
	return out;
}

/** Whether the draft authorises sub-processors only specifically (then notice and objection do not apply). */
function specificOnly(doc: DpaDocument, cat: Catalogue, prepared: readonly Prepared[]): boolean {
	const declared = doc.frontMatter.data.subprocessor_authorisation;
	if (declared === 'specific') return true;
	if (declared === 'general') return false;
	const sub = cat.cues.get('subprocessor')!, specific = cat.cues.get('specific-authorisation')!, general = cat.cues.get('general-authorisation')!;
	const subSentences = prepared.filter(p => sub.test(p.text) || sub.test(p.context));
	return subSentences.some(p => specific.test(p.text)) && !subSentences.some(p => general.test(p.text));
}

/** Decide present / partial / missing for each Art. 28 requirement, with evidence spans and the missing sub-elements. */
export function computeCoverage(doc: DpaDocument, cat: Catalogue): Coverage[] {
	const prepared = prepare(doc);
	const specific = specificOnly(doc, cat, prepared);
	return cat.requirements.map(req => {
		const evidence: Span[] = [];
		const missing: string[] = [];
		let foundRequired = 0, required = 0;
		for (const el of req.elements) {
			if (el.generalOnly && specific) continue;
			const spans = findElement(cat, el, prepared);
			evidence.push(...spans);
			if (el.optional) continue;
			required++;
			if (spans.length) foundRequired++;
			else missing.push(el.id);
		}
		const status = foundRequired === required ? 'present' : foundRequired > 0 ? 'partial' : 'missing';
		const unique = [...new Map(evidence.map(s => [s.start, s])).values()].sort((a, b) => a.start - b.start);
		return { requirement: req.id, status, evidence: unique, missing };
	});
}
