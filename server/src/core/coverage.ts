import type { Catalogue, ElementSpec, MatchSpec } from './catalogue';
import { fillInHighlight, HIGHLIGHT } from './fillIns';
import { compilePattern, fold } from './text';
import type { Annex, Coverage, CoverageStatus, DpaDocument, ElementState, ElementVerdict, Sentence, Span } from './types';

/** A sentence prepared for matching: folded text, folded context (clause titles, previous sentence), and its role. */
interface Prepared {
	readonly sentence: Sentence;
	readonly text: string;
	readonly context: string;
	/** The previous sentence of the same paragraph (for "^" cues: "… verpflichtet ist. Sofern …, teilt er dies … mit"). */
	readonly previous?: Prepared;
	/** Memo of cue tests on the context, shared by all sentences with the same context. */
	readonly contextMemo: Int8Array;
	/** A clause heading: its words say what follows, they are not content themselves. */
	readonly heading: boolean;
	/** Short heading-like text ("Art der Daten", "Categories of data subjects:") that needs content after it. */
	readonly label: boolean;
	/** A blank field: only a label and fill-in marks ("Art der Daten: ==XY==", "[Dauer]"). */
	readonly blank: boolean;
	/** The sentence followed by the short list items after it ("die – Speicherung, – Änderung, …"), for counted cues. */
	readonly withList: string;
	/** Memo of cue tests on the text, by group index: 0 unknown, 1 no, 2 yes. */
	readonly memo: Int8Array;
	/** Annexes the sentence refers to. */
	readonly annexes: readonly Annex[];
}

const HINT_START = compilePattern('^(?:ausfuell)?(?:hinweis(?:e)?|erlaeuterung(?:en)?|anmerkung(?:en)?|bearbeitungshinweis|notes?|drafting notes?|guidance|instructions? for completion)\\s*:', 'u');
/**
 * Fill-in marks that stand where a value belongs: "==XY==", "[Art der Daten]", "{{Firma}}", "…", "___", "xxx".
 * A sentence made only of a label and such marks is a blank field, never content.
 */
const FILL_IN = /==[^=\n]{0,80}==|\[[^\]\n]{0,80}\]|\{\{[^}\n]{0,80}\}\}|_{2,}|…|\.{3,}|\bx{2,}\b|\b(?:tbd|tba|todo|n\/a)\b/giu;
/** The sentence with real highlighted wording unmarked, so only fill-in highlights remain for {@link FILL_IN}. */
const unmarkHighlights = (text: string): string => text.replace(HIGHLIGHT, (all, inner: string) => (fillInHighlight(inner) ? all : inner));

/** Whether a folded sentence is a blank field: no words besides fill-in marks, or a label whose value after the colon is blank. */
function isBlank(original: string): boolean {
	const text = unmarkHighlights(original.replace(/[*_`|]+/g, ' '));
	const stripped = text.replace(FILL_IN, ' ');
	if (!/\p{L}{2}/u.test(stripped)) return true;
	const colon = text.indexOf(':');
	if (colon < 0 || colon > 80) return false;
	const value = text.slice(colon + 1);
	return value.trim() !== '' && !/\p{L}{2}/u.test(value.replace(FILL_IN, ' '));
}

/** A drafting note saying that what it introduces are only examples, to be replaced by the real content. */
const EXAMPLES_ONLY = compilePattern('dienen (?:ausschliesslich |lediglich |nur )?als beispiel|nur beispielhaft|(?:are|is) (?:given |listed |provided )?(?:only )?(?:as|by way of) examples?(?! of)', 'u');

/** Clause numbers and bullets at the start of a sentence ("1.1 ", "§ 5 ", "- 2) ", "(a) ") are not part of its wording. */
const LEADING_NUMBER = /^(?:[-*•·]\s*)*(?:\[bookmark: [^\]]*\]\s*)?(?:§\s*\d+[a-z]?\.?\s+|\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s+|\(?[a-z]\)\s+|[a-z]\.\s+)?(?:\[bookmark: [^\]]*\]\s*)?/;

/** Whether a sentence carries substance: not a bare label, hint or placeholder. */
function isLabel(text: string, cat: Catalogue): boolean {
	const words = text.split(/\s+/).filter(w => /\p{L}/u.test(w)).length;
	if (/:\s*$/.test(text) && words <= 8) return true;
	// "Dauer: Vertragsdauer und Löschfrist" is a label with its content.
	if (words > 6 || /:\s*\S+\s+\S+/.test(text)) return false;
	for (const g of ['subject-matter', 'nature', 'purpose', 'data-types', 'data-subjects', 'duration']) if (cat.cues.get(g)!.test(text)) return true;
	return false;
}

function prepare(doc: DpaDocument, cat: Catalogue): Prepared[] {
	const titleCache = new Map<unknown, string>();
	const headings = new Set(doc.clauses.map(c => c.span.start));
	const annexStarts = new Set(doc.annexes.map(a => a.span.start));
	let hint = false, highlight = false;
	let examplesOnly: Annex | undefined;
	const out: Prepared[] = [];
	const contextMemos = new Map<string, Int8Array>();
	let refAt = 0;
	doc.sentences.forEach((sentence, i) => {
		// Markdown emphasis and table pipes are layout, not words: "| Betroffene | Kunden |" reads "betroffene: kunden".
		let text = fold(sentence.text).text.replace(/^#{1,6}\s+/, '').replace(/[*_`]+/g, '').replace(LEADING_NUMBER, '');
		const block = doc.blocks[sentence.block];
		// Table separators ("|---|---|") carry no words; a header row above one is a label.
		if (!/\p{L}/u.test(text)) return;
		const headerRow = block?.kind === 'table' && /^\s*\|?\s*:?-{3,}/.test(doc.blocks[sentence.block + 1]?.text ?? '');
		if (block?.kind === 'table') text = text.replace(/^\|\s*|\s*\|\s*$/g, '').replace(/\s*(?:\||\t)\s*/g, ': ');
		// Drafting notes ("Hinweise: …") run until the next clause or annex heading; they are not contract content.
		if (headings.has(sentence.span.start) || annexStarts.has(sentence.span.start)) hint = false;
		if (HINT_START.test(text)) hint = true;
		if (hint) return;
		// "Die aufgeführten Maßnahmen dienen ausschließlich als Beispiele": the rest of that annex is a drafting aid.
		if (sentence.annex && sentence.annex === examplesOnly) return;
		if (sentence.annex && EXAMPLES_ONLY.test(text)) { examplesOnly = sentence.annex; return; }
		// A highlighted drafting aid over several lines ("==Beispiele von Datenarten: … ==") is not contract content.
		const marks = (sentence.text.match(/==/g) ?? []).length;
		if (highlight || (marks % 2 === 1 && /^\W*==/.test(sentence.text))) {
			if (marks % 2 === 1) highlight = !highlight;
			return;
		}
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
		const last = out[out.length - 1];
		const previous = last && last.sentence.block === sentence.block && doc.sentences[i - 1] === last.sentence ? last : undefined;
		let contextMemo = contextMemos.get(context);
		if (!contextMemo) contextMemos.set(context, contextMemo = new Int8Array(cat.cueNames.length));
		// References and sentences are both in document order: one pointer walks the references.
		while (refAt < doc.annexRefs.length && doc.annexRefs[refAt].span.start < sentence.span.start) refAt++;
		const annexes: Annex[] = [];
		for (let k = refAt; k < doc.annexRefs.length && doc.annexRefs[k].span.start < sentence.span.end; k++) {
			const target = doc.annexRefs[k].target;
			if (target) annexes.push(target);
		}
		// A clause heading ("1. Gegenstand und Dauer des Auftrags") is a label, however long.
		// An item of an enumeration ("5.2.3 prior consultation with …; and") is no heading: it starts in lower case or runs on.
		const words = sentence.text.replace(LEADING_NUMBER, '').replace(/^[#*_\s]+/, '');
		// A bold run-in title ("**Personal Data Breach**. The Processor …") is a heading too, though it ends in a full stop.
		const runIn = /^[\s\d.()§-]*(?:\*\*|__)[^*_\n]{1,80}(?:\*\*|__)\s*[.:]?\s*$/u.test(sentence.text) || /^[^*_\n]{1,80}(?:\*\*|__)\s*[.:]?\s*$/u.test(sentence.text) && /(?:\*\*|__)/.test(doc.text.slice(Math.max(0, sentence.span.start - 4), sentence.span.start));
		const heading = runIn || headings.has(sentence.span.start) && !/[.;:!?,]\s*$|\b(?:and|or|und|oder|sowie)\s*$/u.test(sentence.text) && !/^\p{Ll}/u.test(words) && sentence.text.split(/\s+/).length <= 15;
		out.push({ sentence, text, context, previous, contextMemo, heading, label: heading || headerRow || isLabel(text, cat), blank: isBlank(sentence.text), annexes, withList: text, memo: new Int8Array(cat.cueNames.length) });
	});
	// Short list items that follow a sentence belong to it when counting operations ("… die – Speicherung, – Änderung").
	for (let i = 0; i < out.length; i++) {
		let j = i + 1, joined = out[i].text;
		while (j < out.length && j - i <= 15 && out[j].sentence.annex === out[i].sentence.annex && /^\s*[-*•·]/.test(out[j].sentence.text) && out[j].text.split(/\s+/).length <= 8) joined += ' ' + out[j++].text;
		(out[i] as { withList: string }).withList = joined;
	}
	return out;
}

/** Whether a cue group matches one of the sentence's texts (memoised: many elements ask the same question). */
function test(cat: Catalogue, p: Prepared, name: string, where: 'text' | 'context' | 'previous'): boolean {
	return testAt(cat, p, cat.cueIndex.get(name)!, where);
}

/** {@link test} by the group's index (the hot path: a compiled match alternative knows its indices). */
function testAt(cat: Catalogue, p: Prepared, key: number, where: 'text' | 'context' | 'previous'): boolean {
	if (where === 'previous') return p.previous ? testAt(cat, p.previous, key, 'text') : false;
	const memo = where === 'text' ? p.memo : p.contextMemo;
	let hit = memo[key];
	if (hit === 0) {
		hit = cueList(cat)[key].test(where === 'text' ? p.text : p.context) ? 2 : 1;
		memo[key] = hit;
	}
	return hit === 2;
}

/** The cue groups of a catalogue by index. */
const cueLists = new WeakMap<Catalogue, RegExp[]>();
function cueList(cat: Catalogue): RegExp[] {
	let list = cueLists.get(cat);
	if (!list) cueLists.set(cat, list = cat.cueNames.map(n => cat.cues.get(n)!));
	return list;
}

/** A match alternative with its groups resolved to indices once: 0 sentence only, 1 "@" (or titles), 2 "^" (or previous). */
interface CompiledSpec { readonly all: readonly { readonly key: number; readonly mode: 0 | 1 | 2; readonly name: string }[]; readonly not: readonly number[]; readonly weak: readonly number[] }
const compiledSpecs = new WeakMap<Catalogue, WeakMap<MatchSpec, CompiledSpec>>();
function compiled(cat: Catalogue, spec: MatchSpec): CompiledSpec {
	let byCat = compiledSpecs.get(cat);
	if (!byCat) compiledSpecs.set(cat, byCat = new WeakMap());
	let c = byCat.get(spec);
	if (!c) {
		const key = (name: string): number => cat.cueIndex.get(name)!;
		c = {
			all: spec.all.map(g => {
				const mode = g.startsWith('^') ? 2 : g.startsWith('@') ? 1 : 0;
				const name = mode ? g.slice(1) : g;
				return { key: key(name), mode, name };
			}),
			not: spec.not.map(key), weak: spec.weak.map(key),
		};
		byCat.set(spec, c);
	}
	return c;
}

/** How one match alternative fits a sentence: no, only excluded by a look-alike group (named), or yes. */
type Fit = { ok: boolean; lookalike?: string; weak?: string };
const NO: Fit = { ok: false };
const YES: Fit = { ok: true };

function matches(cat: Catalogue, spec: MatchSpec, p: Prepared): Fit {
	const c = compiled(cat, spec);
	for (const g of c.all) {
		// "^cue": the sentence, the clause titles above it or the sentence before it; "@cue": the sentence or the titles.
		if (g.mode) {
			if (!testAt(cat, p, g.key, 'text') && !testAt(cat, p, g.key, 'context') && !(g.mode === 2 && testAt(cat, p, g.key, 'previous'))) return NO;
		} else if (spec.min > 1) {
			// Distinct places, so a word listed in both languages ("hosting") counts once; most sentences have none at all.
			if (!testAt(cat, p, g.key, 'text') && p.withList === p.text) return NO;
			const at = new Set(cat.cueParts.get(g.name)!.map(r => p.withList.search(r)).filter(i => i >= 0));
			if (at.size < spec.min) return NO;
		} else if (!testAt(cat, p, g.key, 'text')) return NO;
	}
	for (let k = 0; k < c.not.length; k++) if (testAt(cat, p, c.not[k], 'text')) return { ok: false, lookalike: spec.not[k] };
	if (spec.partial) return { ok: false, weak: '' };
	for (let k = 0; k < c.weak.length; k++) if (testAt(cat, p, c.weak[k], 'text')) return { ok: false, weak: spec.weak[k] };
	return YES;
}

/** A sentence's span without its paragraph number ("(1) ", "2.1 ", "- "), so the underline starts at the words. */
function evidenceSpan(s: Sentence): Span {
	const lead = /^(?:[-*•·]\s*)*(?:§\s*\d+[a-z]?\.?\s+|\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s+|\(?[a-z]\)\s+)?/i.exec(s.text)?.[0].length ?? 0;
	return lead < s.text.length ? { start: s.span.start + lead, end: s.span.end } : s.span;
}

/** The sentences of each annex after its heading, indexed once per analysis (an annex is asked about many times). */
const annexIndex = new WeakMap<readonly Prepared[], Map<Annex, Prepared[]>>();
function annexSentences(prepared: readonly Prepared[], annex: Annex): readonly Prepared[] {
	let index = annexIndex.get(prepared);
	if (!index) {
		annexIndex.set(prepared, index = new Map());
		for (const p of prepared) {
			const a = p.sentence.annex;
			if (!a || p.sentence.span.start <= a.span.end) continue;
			const list = index.get(a);
			if (list) list.push(p); else index.set(a, [p]);
		}
	}
	return index.get(annex) ?? [];
}

/** Whether an annex has content beyond its title, labels and drafting notes. */
const contentCache = new WeakMap<Annex, boolean>();
function annexHasContent(annex: Annex, prepared: readonly Prepared[]): boolean {
	let has = contentCache.get(annex);
	if (has === undefined) {
		const title = fold(annex.title).text;
		has = annexSentences(prepared, annex).some(p => !p.label && p.text !== title && p.text.replace(/[^\p{L}]/gu, '').length >= 12);
		contentCache.set(annex, has);
	}
	return has;
}

type ElementResult = { spans: Span[]; state: ElementState; at?: Span; lookalike?: string };

/** Which reason wins when nothing counted: the one closest to content. */
const REJECTION_ORDER: readonly ElementState[] = ['weak', 'delegated', 'annex-off-topic', 'annex-empty', 'blank', 'label', 'heading', 'lookalike'];
/** States that make a requirement partial rather than missing: something of it is there, or it is pointed to. */
export const PARTIAL_STATES: ReadonlySet<ElementState> = new Set(['weak', 'delegated', 'annex-off-topic']);

/**
 * Whether the sentences after a label or heading give its value: the first of them that is not itself a label,
 * in the same clause or annex, must be real content (not blank, not delegated) and, where the element says what its
 * value looks like, say that ("Dauer:" needs a period or an end criterion).
 */
function valueAfter(cat: Catalogue, el: ElementSpec, prepared: readonly Prepared[], i: number): 'found' | 'delegated' | 'blank' | 'label' {
	const p = prepared[i];
	const sameUnit = (q: Prepared): boolean => q.sentence.annex === p.sentence.annex && (!p.heading || q.sentence.clause === p.sentence.clause || q.sentence.clause?.parent === p.sentence.clause);
	let k = i + 1;
	// Skip a lead-in label ("Die Verarbeitung betrifft folgende Kategorien:") to reach the content.
	while (k < prepared.length && k <= i + 3 && prepared[k].label && !prepared[k].heading && sameUnit(prepared[k])) k++;
	const value = prepared[k];
	if (!value || !sameUnit(value) || value.label) return 'label';
	if (value.blank) return 'blank';
	if (!el.referenceCounts && test(cat, value, 'delegation', 'text')) return 'delegated';
	if (!el.value) return 'found';
	// Under a heading, any of the first sentences of its clause may give the value ("… The data are processed during the term of the Services.").
	const fits = cat.cues.get(el.value)!;
	for (let j = k, seen = 0; j < prepared.length && seen < (p.heading ? 5 : 1) && sameUnit(prepared[j]); j++) {
		if (prepared[j].label) continue;
		seen++;
		if (!prepared[j].blank && fits.test(prepared[j].withList)) return 'found';
	}
	return 'label';
}

/** The first group of a pointer (what the sentence is about), as a match alternative of its own; made once per pointer. */
const pointerContexts = new WeakMap<MatchSpec, MatchSpec>();
function pointerContext(pointer: MatchSpec): MatchSpec {
	let c = pointerContexts.get(pointer);
	if (!c) pointerContexts.set(pointer, c = { ...pointer, all: pointer.all.slice(0, 1) });
	return c;
}

/** Whether an annex itself states the element (memoised per annex and element): a pointer carries only what its target says. */
const carriesCache = new WeakMap<Annex, Map<ElementSpec, boolean>>();
function annexCarries(cat: Catalogue, el: ElementSpec, annex: Annex, prepared: readonly Prepared[]): boolean {
	let memo = carriesCache.get(annex);
	if (!memo) carriesCache.set(annex, memo = new Map());
	let has = memo.get(el);
	if (has === undefined) {
		memo.set(el, false); // an annex that points to itself says nothing more
		const own = annexSentences(prepared, annex);
		const r = findElement(cat, el, own);
		has = r.state === 'found' && r.at !== undefined; // found in the annex's own words, not presumed
		memo.set(el, has);
	}
	return has;
}

function findElement(cat: Catalogue, el: ElementSpec, prepared: readonly Prepared[]): ElementResult {
	const spans: Span[] = [];
	let foundAt: Span | undefined;
	const rejected = new Map<ElementState, { at: Span; lookalike?: string }>();
	const reject = (state: ElementState, p: Prepared, lookalike?: string): void => { if (!rejected.has(state)) rejected.set(state, { at: evidenceSpan(p.sentence), lookalike }); };
	prepared.forEach((p, i) => {
		let fit: Fit = NO;
		for (const m of el.match) {
			const f = matches(cat, m, p);
			if (f.ok) { fit = f; break; }
			if (f.weak !== undefined && fit.weak === undefined) fit = f;
			else if (f.lookalike && !fit.lookalike && fit.weak === undefined) fit = f;
		}
		if (!fit.ok) {
			if (fit.weak !== undefined && !p.blank && !p.heading) reject('weak', p, fit.weak || undefined);
			else if (fit.lookalike) reject('lookalike', p, fit.lookalike);
			return;
		}
		// Detection reads content: a heading alone ("## Weisungen") is never evidence, nor is a blank field.
		if (p.blank) { reject('blank', p); return; }
		if (p.heading && !el.substantive) { reject('heading', p); return; }
		const span = evidenceSpan(p.sentence);
		const found = (): void => { spans.push(span); foundAt ??= span; };
		if (!el.substantive) { found(); return; }
		if (p.annexes.length && test(cat, p, 'annex-pointer', 'text')) {
			// "… ergeben sich aus Anlage 1": counts when that annex says it; an annex about something else is a pointer to nothing.
			if (p.annexes.some(a => a.file || annexCarries(cat, el, a, prepared))) found();
			else reject(p.annexes.some(a => annexHasContent(a, prepared)) ? 'annex-off-topic' : 'annex-empty', p);
			return;
		}
		if (!el.referenceCounts && test(cat, p, 'delegation', 'text')) { reject('delegated', p); return; }
		// "Dauer: …" with its value on the same line: the value must say what the element's values say.
		const colon = el.value ? p.text.indexOf(':') : -1;
		if (colon > 2 && colon < 80 && !cat.cues.get(el.value!)!.test(p.text.slice(colon + 1))) { reject('label', p); return; }
		if (p.label) {
			// A heading or label counts only with its own value after it.
			const v = valueAfter(cat, el, prepared, i);
			if (v === 'found') found(); else reject(v === 'label' ? (p.heading ? 'heading' : 'label') : v, p);
			return;
		}
		found();
	});
	if (foundAt) {
		// Found, unless another sentence cuts it back (then only partial, with that sentence as the reason).
		const cut = el.restrictedBy && prepared.find(p => !p.heading && matches(cat, el.restrictedBy!, p).ok);
		if (cut) return { spans: [...spans, evidenceSpan(cut.sentence)], state: 'weak', at: evidenceSpan(cut.sentence), lookalike: el.restrictedBy!.all[el.restrictedBy!.all.length - 1].replace(/^[\^@]/, '') };
		return { spans, state: 'found', at: foundAt };
	}
	if (el.pointer) {
		// Presumed present unless the draft points elsewhere for it: to another document, or to an annex that does not say it.
		const context = pointerContext(el.pointer);
		const pointing = prepared.find(p => !p.heading && (matches(cat, el.pointer!, p).ok ||
			p.annexes.length > 0 && test(cat, p, 'annex-pointer', 'text') && matches(cat, context, p).ok && !p.annexes.some(a => a.file || annexCarries(cat, el, a, prepared))));
		return pointing ? { spans: [evidenceSpan(pointing.sentence)], state: 'delegated', at: evidenceSpan(pointing.sentence) } : { spans, state: 'found' };
	}
	for (const state of REJECTION_ORDER) {
		const r = rejected.get(state);
		if (r) return { spans: PARTIAL_STATES.has(state) ? [r.at] : [], state, at: r.at, lookalike: r.lookalike };
	}
	return { spans, state: 'none' };
}

/** Whether the draft authorises sub-processors only specifically (then notice and objection do not apply). */
function specificOnlyIn(doc: DpaDocument, cat: Catalogue, prepared: readonly Prepared[]): boolean {
	const declared = doc.frontMatter.data.subprocessor_authorisation;
	if (declared === 'specific') return true;
	if (declared === 'general') return false;
	const sub = cat.cues.get('subprocessor')!, specific = cat.cues.get('specific-authorisation')!, general = cat.cues.get('general-authorisation')!;
	const subSentences = prepared.filter(p => sub.test(p.text) || sub.test(p.context));
	return subSentences.some(p => specific.test(p.text)) && !subSentences.some(p => general.test(p.text));
}

/**
 * Decide present / partial / missing for each Art. 28 requirement, with evidence spans and the missing sub-elements;
 * also whether the draft authorises sub-processors only specifically (front-matter, else its wording).
 */
export function computeCoverage(doc: DpaDocument, cat: Catalogue): { coverage: Coverage[]; specificOnly: boolean } {
	const prepared = prepare(doc, cat);
	const specific = specificOnlyIn(doc, cat, prepared);
	const result = new Map<string, Coverage>();
	const ordered = [...cat.requirements.filter(r => !r.composite.length), ...cat.requirements.filter(r => r.composite.length)];
	for (const req of ordered) {
		const evidence: Span[] = [];
		const missing: string[] = [];
		const found: string[] = [];
		const verdicts: ElementVerdict[] = [];
		let foundRequired = 0, required = 0, partialOnly = false;
		const applicable = req.elements.filter(el => !(el.generalOnly && specific));
		const results = applicable.map(el => findElement(cat, el, prepared));
		// A presumption stands only beside real evidence: with nothing else of the requirement found, it is not there.
		const evidenced = results.some((r, k) => r.state === 'found' && !applicable[k].pointer);
		applicable.forEach((el, k) => {
			const r = results[k].state === 'found' && el.pointer && !evidenced ? { spans: [], state: 'none' as const } : results[k];
			evidence.push(...r.spans);
			if (r.state === 'found') found.push(el.id);
			verdicts.push({ element: el.id, state: r.state, span: r.at, lookalike: r.lookalike });
			if (el.optional) return;
			required++;
			if (r.state === 'found') foundRequired++;
			else {
				missing.push(el.id);
				if (PARTIAL_STATES.has(r.state)) partialOnly = true;
			}
		});
		let status: CoverageStatus = foundRequired === required ? 'present' : foundRequired > 0 || partialOnly ? 'partial' : 'missing';
		let impliedBy: string | undefined;
		// A described service implies something of its nature and purpose; a description delegated elsewhere delegates them too.
		// Not where the draft itself points for them to an empty annex: that says they are not there.
		const implying = req.impliedBy ? result.get(req.impliedBy) : undefined;
		const ownPointer = verdicts.some(v => v.state === 'annex-empty');
		if (status === 'missing' && implying && !ownPointer && (implying.status === 'present' || implying.verdicts?.some(v => v.state === 'delegated'))) {
			status = 'partial';
			impliedBy = req.impliedBy;
			evidence.push(...implying.evidence.slice(0, 1));
		}
		if (req.composite.length) {
			const parts = req.composite.map(id => result.get(id));
			const absent = req.composite.filter((_id, k) => parts[k]?.status !== 'present' && parts[k]?.status !== 'not-applicable');
			if (status === 'present' && absent.length) { status = 'partial'; missing.push(...absent); }
			else if (status === 'missing' && absent.length < req.composite.length) status = 'partial';
		}
		const unique = [...new Map(evidence.map(s => [s.start, s])).values()].sort((a, b) => a.start - b.start);
		result.set(req.id, { requirement: req.id, status, evidence: unique, missing, found, verdicts, ...(impliedBy ? { impliedBy } : {}) });
	}
	return { coverage: cat.requirements.map(r => result.get(r.id)!), specificOnly: specific };
}
