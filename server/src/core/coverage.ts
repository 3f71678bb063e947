import { cueAlternatives, type Catalogue, type ElementSpec, type MatchSpec } from './catalogue';
import { partyNames, roleReader } from './aliases';
import { fillInHighlight, HIGHLIGHT } from './fillIns';
import { fact, foldedOnce, joinedOnce, memo } from './memo';
import { Prefilter, type PatternText } from './prefilter';
import { compilePattern, foldText, isWhiteSpace, letterAt } from './text';
import type { Annex, Clause, Coverage, CoverageStatus, DpaDocument, ElementState, ElementVerdict, Sentence, Span } from './types';

/** A sentence prepared for matching: folded text, folded context (clause titles, previous sentence), and its role. */
interface Prepared {
	readonly sentence: Sentence;
	readonly text: string;
	readonly context: string;
	/** The previous sentence of the same paragraph (for "^" cues: "… verpflichtet ist. Sofern …, teilt er dies … mit"). */
	readonly previous?: Prepared;
	/** Memo of cue tests on the context, shared by all sentences with the same context. */
	readonly contextMemo: CueMemo;
	/** A clause heading: its words say what follows, they are not content themselves. */
	readonly heading: boolean;
	/** Short heading-like text ("Art der Daten", "Categories of data subjects:") that needs content after it. */
	readonly label: boolean;
	/** A blank field: only a label and fill-in marks ("Art der Daten: ==XY==", "[Dauer]"). */
	readonly blank: boolean;
	/** The sentence followed by the short list items after it ("die – Speicherung, – Änderung, …"), for counted cues. */
	readonly withList: string;
	/** The short list items joined in `withList`, by what they are (none: `withList` is the text). */
	readonly listItems: readonly SentenceCore[];
	/** Memo of cue tests on the text, by group index: 0 unknown, 1 no, 2 yes. */
	readonly memo: CueMemo;
	/** Annexes the sentence refers to. */
	readonly annexes: readonly Annex[];
	/** What the cues are tested on: the sentence's own core, or for an item continuing a lead, the item read with it. */
	readonly core: SentenceCore;
	/** The sentence's own core (an item's without its lead): what it is, and what it adds to a list. */
	readonly own: SentenceCore;
}

const HINT_START = compilePattern('^(?:ausfuell)?(?:hinweis(?:e)?|erlaeuterung(?:en)?|anmerkung(?:en)?|bearbeitungshinweis|notes?|drafting notes?|guidance|instructions? for completion)\\s*:', 'u');
/**
 * Fill-in marks that stand where a value belongs: "==XY==", "[Art der Daten]", "{{Firma}}", "…", "___", "xxx".
 * A sentence made only of a label and such marks is a blank field, never content.
 */
const FILL_IN = /==[^=\n]{0,80}==|\[[^\]\n]{0,80}\]|\{\{[^}\n]{0,80}\}\}|_{2,}|…|\.{3,}|\bx{2,}\b|\b(?:tbd|tba|todo|n\/a)\b/giu;
/** The sentence with real highlighted wording unmarked, so only fill-in highlights remain for {@link FILL_IN}. */
const unmarkHighlights = (text: string): string => text.replace(HIGHLIGHT, (all, inner: string) => (fillInHighlight(inner) ? all : inner));

/** What the removals in {@link isBlank} need: emphasis, pipes, highlights, brackets, "___", "…", "...", "xx", "tbd", "n/a". */
const REMOVABLE = /[*_`|=[{…]|\.\.\.|xx|tb[ad]|todo|n\/a/i;

/** Whether a folded sentence is a blank field: no words besides fill-in marks, or a label whose value after the colon is blank. */
function isBlank(original: string): boolean {
	// Most sentences have nothing the removals remove: they are read as they are.
	const plain = !REMOVABLE.test(original);
	const text = plain ? original : unmarkHighlights(original.replace(/[*_`|]+/g, ' '));
	if (!/\p{L}{2}/u.test(plain ? text : text.replace(FILL_IN, ' '))) return true;
	const colon = text.indexOf(':');
	if (colon < 0 || colon > 80) return false;
	const value = text.slice(colon + 1);
	return value.trim() !== '' && !/\p{L}{2}/u.test(plain ? value : value.replace(FILL_IN, ' '));
}

/** A drafting note saying that what it introduces are only examples, to be replaced by the real content. */
const EXAMPLES_ONLY = compilePattern('dienen (?:ausschliesslich |lediglich |nur )?als beispiel|nur beispielhaft|(?:are|is) (?:given |listed |provided )?(?:only )?(?:as|by way of) examples?(?! of)', 'u');


/**
 * The shape of a clause heading: no closing punctuation and no "and"/"oder" at its end, not in lower case (`words`: the
 * text without its number), at most 15 words.
 */
function headingShape(raw: string, words: string): boolean {
	const end = raw.trimEnd();
	if (/[.;:!?,]$/.test(end) || /\b(?:and|or|und|oder|sowie)$/u.test(end.slice(-6))) return false;
	return !/^\p{Ll}/u.test(words) && piecesUpTo(raw, 15) <= 15;
}

/** `text.split(/\s+/).length`, counted only up to `max + 1` (the questions asked are whether it is at most `max`). */
function piecesUpTo(text: string, max: number): number {
	let n = 1;
	WHITE_SPACE.lastIndex = 0;
	while (n <= max && WHITE_SPACE.exec(text)) n++;
	return n;
}
/** The number of words of `text` (pieces between white space that hold a letter), counted only up to `max + 1`. */
function wordsUpTo(text: string, max: number): number {
	let n = 0;
	for (let i = 0; i < text.length && n <= max;) {
		if (isWhiteSpace(text.charCodeAt(i))) { i++; continue; }
		let word = false;
		for (; i < text.length && !isWhiteSpace(text.charCodeAt(i)); i++) if (!word && letterAt(text, i)) word = true;
		if (word) n++;
	}
	return n;
}
const WHITE_SPACE = /\s+/g;

/** A paragraph number: "§ 5 ", "1.1 ", "2) ", a schedule's "B1.3 ", "(a) " (with the space after it). */
const PARAGRAPH_NUMBER = '§\\s*\\d+[a-z]?\\.?\\s+|\\(?\\d{1,3}(?:\\.\\d{1,3})*[.)]?\\s+|[a-z]\\.?\\d{1,3}(?:\\.\\d{1,3})*[.)]?\\s+|\\(?[a-z]\\)\\s+';
/** Clause numbers and bullets at the start of a sentence ("1.1 ", "§ 5 ", "- 2) ", "(a) ", a schedule's "B1.3 ") are not part of its wording. */
const LEADING_NUMBER = new RegExp(`^(?:[-*•·]\\s*)*(?:\\[bookmark: [^\\]]*\\]\\s*)?(?:${PARAGRAPH_NUMBER}|[a-z]\\.\\s+)?(?:\\[bookmark: [^\\]]*\\]\\s*)?`);

/** Whether a text's last character other than white space is a colon. */
/**
 * A lead whose colon cuts a verb phrase ("The Customer shall:", "Der Auftragnehmer verpflichtet sich:"): its items
 * finish the phrase ("(c) be responsible for the lawfulness of its instructions"), so the lead is read without the
 * colon ("the customer shall be responsible …"). A lead that names what follows ("… for the following services:")
 * keeps it.
 */
const VERB_LEAD = /\b(?:shall|will|must|should|agrees? to|undertakes? to|(?:is|are) (?:required|obliged|obligated) to|wird|werden|muss|müssen|muessen|soll|sollen|verpflichtet sich(?:,? dazu)?|verpflichten sich(?:,? dazu)?)\s*:\s*$/iu;
const VERB_LEAD_COLON = /\s*:\s*$/u;

function endsWithColon(text: string): boolean {
	let k = text.length - 1;
	while (k >= 0 && isWhiteSpace(text.charCodeAt(k))) k--;
	return k >= 0 && text.charCodeAt(k) === 58;
}

/** The start of an item of a list: a bullet, "(a)", "a)", "(iv)", "1." or "2)". */
const LIST_ITEM = /^\s*(?:[-*•·]|\(?[a-z]\)|\([ivx]{1,4}\)|[ivx]{1,4}\)|\d{1,2}[.)])\s/;

/** The groups that name what a label of a processing description stands for. */
const LABEL_GROUPS = ['subject-matter', 'nature', 'purpose', 'data-types', 'data-subjects', 'duration'];

/** Whether a sentence carries substance: not a bare label, hint or placeholder (`memo`: the sentence's cue tests). */
function isLabel(text: string, cat: Catalogue, memo: CueMemo): boolean {
	// Only whether there are at most six or eight words is asked.
	const words = wordsUpTo(text, 8);
	if (words <= 8 && endsWithColon(text)) return true;
	// "Dauer: Vertragsdauer und Löschfrist" is a label with its content.
	if (words > 6 || /:\s*\S+\s+\S+/.test(text)) return false;
	for (const g of LABEL_GROUPS) if (cueTest(cat, memo, cat.cueIndex.get(g)!, text)) return true;
	return false;
}

/** What a sentence is by its own text (memoised per session: an edit re-reads only the sentences it changed). */
interface SentenceCore {
	/** Folded words (empty when the sentence has no letters: table separators). */
	readonly text: string;
	readonly blank: boolean;
	readonly labelShape: boolean;
	readonly hintStart: boolean;
	readonly examplesOnly: boolean;
	/** Number of "==" marks, and whether the sentence opens with one. */
	readonly highlightMarks: number;
	readonly opensHighlight: boolean;
	/** Shape of a clause heading: no closing punctuation, not lower case, at most 15 words. */
	readonly headingShape: boolean;
	/** A bold run-in title, alone or after emphasis that opened before the sentence. */
	readonly runIn: boolean;
	readonly runInTail: boolean;
	/** A short list item (" - Speicherung,") that joins the sentence before it for counted cues. */
	readonly shortItem: boolean;
	readonly memo: CueMemo;
	/** The match alternatives (by catalogue index) whose sentence-only groups all hold: the only ones that can fit. */
	readonly candidates: Int32Array;
	/** Distinct places of counted cue groups in the sentence, by group index (filled as asked). */
	counts?: Map<number, number>;
	/** The same with list items joined to it, by the text so read (the last few readings; filled as asked). */
	listCounts?: Map<string, Map<number, number>>;
}

function sentenceCore(cat: Catalogue, sentences: readonly Sentence[], i: number, table: boolean): SentenceCore {
	let readers = coreReaders.get(cat);
	if (!readers) coreReaders.set(cat, readers = [(s: Sentence) => readCore(cat, s.text, false), (s: Sentence) => readCore(cat, s.text, true)]);
	return fact(sentences, i, 'sentence', table ? 'core-table' : 'core', readers[table ? 1 : 0]);
}

/** The core of a sentence read with the parties' names as their roles (memoised by that reading). */
const rolesCore = (cat: Catalogue, read: string, table: boolean): SentenceCore =>
	memo(table ? 'core-roles-table' : 'core-roles', read, t => readCore(cat, t, table));

/** Per catalogue, the readers of a sentence's core (in running text and in a table), made once. */
const coreReaders = new WeakMap<Catalogue, ((s: Sentence) => SentenceCore)[]>();

/**
 * A bold run-in label before its content ("**Whose data.** The people …", "**4. Purposes.** To let …", or its tail
 * "Duration.** For the term …" when the sentence before took the opening marks): the full stop inside the bold marks
 * ends a label, as a colon does, not a sentence.
 */
const RUN_IN_LABEL = /^(\s*(?:[-*•·]\s*)?(?:\*\*|__)?(?:\d{1,3}(?:\.\d{1,3})*\.?\s+)?(?=[^*_\n.]*\p{L})[^*_\n.:;!?]{1,60})\.(?=(?:\*\*|__)\s+\S)/u;

function readCore(cat: Catalogue, raw: string, table: boolean): SentenceCore {
	// Markdown emphasis and table pipes are layout, not words: "| Betroffene | Kunden |" reads "betroffene: kunden".
	const folded = foldedOnce(raw);
	// (Tried only where a full stop stands before closing bold marks: most sentences have none, and the call on each
	// sentence cost about 3 % of a full analysis.)
	let text = (folded.includes('.**') || folded.includes('.__') ? folded.replace(RUN_IN_LABEL, '$1:') : folded).replace(/^#{1,6}\s+/, '').replace(/[*_`]+/g, '').replace(LEADING_NUMBER, '');
	// A sentence wrapped over lines (a Markdown paragraph hard-wrapped at 80 or 120 columns) reads as one line: its
	// line breaks are spaces between words ("… inform the Customer of that legal requirement before\nprocessing").
	if (text.includes('\n')) text = text.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
	const hasWords = /\p{L}/u.test(text);
	if (table) text = text.replace(/^\|\s*|\s*\|\s*$/g, '').replace(/\s*(?:\||\t)\s*/g, ': ');
	const words = raw.replace(LEADING_NUMBER, '').replace(/^[#*_\s]+/, '');
	let marks = 0;
	for (let at = raw.indexOf('=='); at >= 0; at = raw.indexOf('==', at + 2)) marks++;
	const bold = raw.includes('**') || raw.includes('__');
	const m = ruledOut(cat, text);
	return {
		text: hasWords ? text : '', blank: isBlank(raw), labelShape: hasWords && isLabel(text, cat, m),
		hintStart: HINT_START.test(text), examplesOnly: hasWords && cueState(m, examplesSlot(cat)) !== SAYS_NO && EXAMPLES_ONLY.test(text), highlightMarks: marks,
		opensHighlight: /^\W*==/.test(raw), headingShape: headingShape(raw, words),
		runIn: bold && /^[\s\d.()§-]*(?:\*\*|__)[^*_\n]{1,80}(?:\*\*|__)\s*[.:]?\s*$/u.test(raw),
		runInTail: bold && /^[^*_\n]{1,80}(?:\*\*|__)\s*[.:]?\s*$/u.test(raw),
		shortItem: /^\s*[-*•·]/.test(raw) && wordsAtMost(text, 8),
		memo: m, candidates: hasWords ? fitting(cat, m, text) : NO_CANDIDATES, counts: undefined, listCounts: undefined,
	};
}

/** Which match alternatives a sentence's folded text can fit: each needs all its sentence-only groups (tested once here, then memoised in `m`). */
function fitting(cat: Catalogue, m: CueMemo, text: string): Int32Array {
	const specs = specTable(cat);
	const fit: number[] = [];
	for (let i = 0; i < specs.textKeys.length; i++) {
		const keys = specs.textKeys[i];
		// A group already known not to match (most are, by the prefilter) rules the alternative out before any is run.
		let ok = true;
		for (let k = 0; k < keys.length && ok; k++) ok = cueState(m, keys[k]) !== SAYS_NO;
		for (let k = 0; k < keys.length && ok; k++) ok = cueTest(cat, m, keys[k], text);
		if (ok) fit.push(i);
	}
	return fit.length ? Int32Array.from(fit) : NO_CANDIDATES;
}
const NO_CANDIDATES = new Int32Array(0);

/** Whether `text` split at runs of white space has at most `max` pieces (as `text.split(/\s+/).length <= max`). */
function wordsAtMost(text: string, max: number): boolean {
	let pieces = 1;
	for (let i = 0; i < text.length; i++) {
		if (!isWhiteSpace(text.charCodeAt(i))) continue;
		if (++pieces > max) return false;
		while (i + 1 < text.length && isWhiteSpace(text.charCodeAt(i + 1))) i++;
	}
	return true;
}

/**
 * Every match alternative of the catalogue (element alternatives, pointers and their context, restrictions) by
 * index, with the groups each needs in the sentence itself: a sentence without them cannot fit the alternative.
 */
interface SpecTable {
	readonly specs: readonly MatchSpec[]; readonly index: ReadonlyMap<MatchSpec, number>; readonly textKeys: readonly (readonly number[])[];
	/** Alternatives that count places (min > 1): a sentence followed by list items can fit them without the words itself. */
	readonly counted: readonly number[];
}
const specTables = new WeakMap<Catalogue, SpecTable>();
function specTable(cat: Catalogue): SpecTable {
	let t = specTables.get(cat);
	if (!t) {
		const specs: MatchSpec[] = [];
		const add = (m: MatchSpec | undefined): void => { if (m && !specs.includes(m)) specs.push(m); };
		for (const req of cat.requirements) for (const el of req.elements) {
			el.match.forEach(add);
			add(el.restrictedBy);
			if (el.pointer) { add(el.pointer); add(pointerContext(el.pointer)); }
		}
		// Groups read in the sentence only; with a count (min > 1) the list items after it count too.
		const textKeys = specs.map(m => compiled(cat, m).all.filter(g => g.mode === 0).map(g => g.key));
		const counted = specs.flatMap((m, i) => (m.min > 1 ? [i] : []));
		specTables.set(cat, t = { specs, index: new Map(specs.map((m, i) => [m, i])), textKeys, counted });
	}
	return t;
}

/** The list items of a sentence that has none (most). */
const NO_ITEMS: readonly SentenceCore[] = [];

/** The annexes of a sentence that refers to none (most): one shared empty list. */
const NO_ANNEXES: Annex[] = [];

/** The context of a clause's sentences in one annex (or none), and the next of the same clause in other annexes. */
interface ClauseContext { readonly annex: Annex | undefined; readonly context: string; readonly contextMemo: CueMemo; readonly next: ClauseContext | undefined }

function prepare(doc: DpaDocument, cat: Catalogue): Prepared[] {
	/** The context of each clause and annex met, by clause (most clauses lie in one annex or none: a list by annex). */
	const contexts = new Map<Clause | undefined, ClauseContext>();
	const annexTitles = new Map<Annex, string>();
	const headings = new Set(doc.clauses.map(c => c.span.start));
	const annexStarts = new Set(doc.annexes.map(a => a.span.start));
	let hint = false, highlight = false;
	let examplesOnly: Annex | undefined;
	const out: Prepared[] = [];
	const contextMemos = new Map<string, CueMemo>();
	// The parties' own names read as their roles ("Limmat ist berechtigt, … zu überprüfen": the controller's right).
	const readRoles = roleReader(partyNames(doc.blocks));
	// The folded titles of a clause and the clauses above it, innermost first ("auftragsverarbeiter | pflichten").
	const chains = new Map<Clause, string>();
	const chain = (c: Clause): string => {
		let folded = chains.get(c);
		if (folded === undefined) {
			folded = foldedOnce(c.title);
			if (c.parent) folded = joinedOnce(folded, ' | ', chain(c.parent));
			chains.set(c, folded);
		}
		return folded;
	};
	let lastClause: Clause | undefined, lastAnnex: Annex | undefined, lastCtx: ClauseContext | undefined;
	let refAt = 0;
	/** The sentence before a list that ends in a colon ("… shall ensure that each person authorised to process …:"). */
	let lead: string | undefined;
	for (let i = 0; i < doc.sentences.length; i++) {
		const sentence = doc.sentences[i];
		const block = doc.blocks[sentence.block];
		const table = block?.kind === 'table';
		// An item of a list after a lead that ends in a colon, in lower case, continues the lead's sentence: "(a) is bound
		// by a written duty of confidentiality" says it of the persons the lead names. Its first sentence is read with the
		// lead before it, without its number. An item in upper case is a sentence of its own ("3. Die Wahrung der
		// Vertraulichkeit …"). (A Word export's numbered paragraph, "(a)<tab>is bound …", is a one-row table.)
		const opensBlock = doc.sentences[i - 1]?.block !== sentence.block;
		const item = lead !== undefined && opensBlock ? LIST_ITEM.exec(sentence.text) : null;
		const marker = item && /^[\s*_]*\p{Ll}/u.test(sentence.text.slice(item[0].length)) ? item[0].length : -1;
		if (opensBlock && marker < 0) lead = undefined;
		let core = sentenceCore(cat, doc.sentences, i, table);
		let read = sentence.text;
		if (readRoles && core.text) {
			read = readRoles(sentence.text);
			if (read !== sentence.text) core = rolesCore(cat, read, table);
		}
		// What the cues are tested on (the item read with its lead, both with the parties' names as their roles); the
		// sentence's own core says what it is (a hint, a label, a highlight).
		// (Joined once per session: a string made afresh would be hashed afresh as the memo's key on every edit.)
		const matched = marker >= 0 && core.text ? rolesCore(cat, joinedOnce(lead!, ' ', read.slice(marker)), table) : core;
		if (endsWithColon(sentence.text)) lead = VERB_LEAD.test(read) ? read.replace(VERB_LEAD_COLON, '') : read;
		// Table separators ("|---|---|") carry no words; a header row above one is a label.
		if (!core.text) continue;
		const headerRow = block?.kind === 'table' && /^\s*\|?\s*:?-{3,}/.test(doc.blocks[sentence.block + 1]?.text ?? '');
		// Drafting notes ("Hinweise: …") run until the next clause or annex heading; they are not contract content.
		const atHeading = headings.has(sentence.span.start);
		if (atHeading || annexStarts.has(sentence.span.start)) hint = false;
		if (core.hintStart) hint = true;
		if (hint) continue;
		// "Die aufgeführten Maßnahmen dienen ausschließlich als Beispiele": the rest of that annex is a drafting aid.
		if (sentence.annex && sentence.annex === examplesOnly) continue;
		if (sentence.annex && core.examplesOnly) { examplesOnly = sentence.annex; continue; }
		// A highlighted drafting aid over several lines ("==Beispiele von Datenarten: … ==") is not contract content.
		const marks = core.highlightMarks;
		if (highlight || (marks % 2 === 1 && core.opensHighlight)) {
			if (marks % 2 === 1) highlight = !highlight;
			continue;
		}
		// The context of a sentence is the same for all sentences of a clause and annex: made once per pair.
		let ctx = lastCtx && sentence.clause === lastClause && sentence.annex === lastAnnex ? lastCtx : undefined;
		if (!ctx) {
			const first = contexts.get(sentence.clause);
			for (let c = first; c && !ctx; c = c.next) if (c.annex === sentence.annex) ctx = c;
			if (!ctx) {
				let context = sentence.clause ? chain(sentence.clause) : '';
				if (sentence.annex) {
					// (Folded once per annex: its title is looked up by its text, and an annex holds many clauses.)
					let title = annexTitles.get(sentence.annex);
					if (title === undefined) annexTitles.set(sentence.annex, title = foldedOnce(sentence.annex.title));
					context = joinedOnce(context, ' | ', title);
				}
				let contextMemo = contextMemos.get(context);
				if (!contextMemo) contextMemos.set(context, contextMemo = memo('context', context, () => ruledOut(cat, context)));
				contexts.set(sentence.clause, ctx = { annex: sentence.annex, context, contextMemo, next: first });
			}
			lastClause = sentence.clause; lastAnnex = sentence.annex; lastCtx = ctx;
		}
		const { context, contextMemo } = ctx;
		const last = out[out.length - 1];
		const previous = last && last.sentence.block === sentence.block && doc.sentences[i - 1] === last.sentence ? last : undefined;
		// References and sentences are both in document order: one pointer walks the references.
		while (refAt < doc.annexRefs.length && doc.annexRefs[refAt].span.start < sentence.span.start) refAt++;
		let annexes: Annex[] = NO_ANNEXES;
		for (let k = refAt; k < doc.annexRefs.length && doc.annexRefs[k].span.start < sentence.span.end; k++) {
			const target = doc.annexRefs[k].target;
			if (target) (annexes === NO_ANNEXES ? annexes = [] : annexes).push(target);
		}
		// A clause heading ("1. Gegenstand und Dauer des Auftrags") is a label, however long.
		// An item of an enumeration ("5.2.3 prior consultation with …; and") is no heading: it starts in lower case or runs on.
		// A bold run-in title ("**Personal Data Breach**. The Processor …") is a heading too, though it ends in a full stop.
		const runIn = core.runIn || core.runInTail && /(?:\*\*|__)/.test(doc.text.slice(Math.max(0, sentence.span.start - 4), sentence.span.start));
		const heading = runIn || atHeading && core.headingShape;
		out.push({ sentence, core: matched, own: core, text: matched.text, context, previous, contextMemo, heading, label: heading || headerRow || core.labelShape, blank: core.blank, annexes, withList: matched.text, listItems: NO_ITEMS, memo: matched.memo });
	}
	// Short list items that follow a sentence belong to it when counting operations ("… die – Speicherung, – Änderung").
	for (let i = 0; i < out.length; i++) {
		let j = i + 1, joined = out[i].text;
		// (Joined once per session: a string made afresh would be copied and hashed afresh on every edit, where the counts
		// kept by it are looked up.)
		while (j < out.length && j - i <= 15 && out[j].sentence.annex === out[i].sentence.annex && out[j].own.shortItem) joined = joinedOnce(joined, ' ', out[j++].own.text);
		if (j > i + 1) Object.assign(out[i], { withList: joined, listItems: out.slice(i + 1, j).map(q => q.own) });
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
	return where === 'text' ? cueTest(cat, p.memo, key, p.text) : cueTest(cat, p.contextMemo, key, p.context);
}

/**
 * A catalogue's cue groups alternative by alternative, for the cue tests (made once per catalogue). A group is an
 * alternation of its alternatives, so it matches a text where one of them does; a text is tested only for the
 * alternatives it has a needle of, each on its own. A group whose alternative a sentence has a needle of was tested
 * whole before: its regular expression tried every one of its alternatives (fifty in some groups) at every place of the
 * sentence, and most such tests fail (7,600 tests in a full analysis of the seeds, 2,600 matches). A sentence has a
 * needle of 1.2 of the alternatives of a group it is tested for, on average: over the seeds' tests, running those alone
 * took 3.5 ms where the groups took 11 ms.
 */
interface CuePlan {
	/** Words of a memo's states (two bits a group, and the slot of {@link EXAMPLES_ONLY} after the groups). */
	readonly words: number;
	/** Per group by index (and the examples slot), its first alternative; `first[g + 1]` ends its alternatives. */
	readonly first: Int32Array;
	/** Per alternative, its group. */
	readonly group: Int32Array;
	/** Per alternative, its pattern (compiled when a text is first tested for it) and its source. */
	readonly patterns: (RegExp | undefined)[];
	readonly sources: readonly string[];
	/** The prefilter of the alternatives, in the order of their groups, then {@link EXAMPLES_ONLY}: one scan serves all. */
	readonly prefilter: Prefilter;
}
const cuePlans = new WeakMap<Catalogue, CuePlan>();
/** The slot of {@link EXAMPLES_ONLY} in a sentence's cue memo and prefilter: after the catalogue's groups. */
const examplesSlot = (cat: Catalogue): number => cat.cueNames.length;
function cuePlan(cat: Catalogue): CuePlan {
	let plan = cuePlans.get(cat);
	if (plan) return plan;
	const groups = cat.cueNames.length;
	const first = new Int32Array(groups + 2), group: number[] = [], patterns: (RegExp | undefined)[] = [], sources: string[] = [];
	const read: PatternText[] = [];
	const add = (g: number, pattern: RegExp | undefined, source: string): void => {
		group.push(g); patterns.push(pattern); sources.push(source); read.push(pattern ?? { source, flags: 'u' });
	};

	// A memo lists alternatives by 16 bits: a catalogue with more than that (ours has 1,606) has its groups tested whole.
	const written = cat.cueNames.map(name => cueAlternatives(cat.cues, name));
	const byAlternative = written.reduce((n, w) => n + (w?.length ?? 1), 1) < 0xffff;
	cat.cueNames.forEach((name, g) => {
		first[g] = group.length;
		// A group by its alternatives where they stand alone (see standsAlone), else whole. A counted group's alternatives
		// are compiled already (the catalogue's cueParts, from the same sources): those patterns serve here too, each
		// compiled to machine code once, not once for the count and again for the test.
		const alternatives = written[g], counted = cat.cueParts.get(name);
		if (byAlternative && alternatives?.every(standsAlone)) alternatives.forEach((source, k) => add(g, counted?.[k]?.source === source ? counted[k] : undefined, source));
		else { const re = cat.cues.get(name)!; add(g, re, re.source); }
	});
	first[groups] = group.length;
	add(groups, EXAMPLES_ONLY, EXAMPLES_ONLY.source);
	first[groups + 1] = group.length;
	plan = { words: (groups + 1 + 15) >> 4, first, group: Int32Array.from(group), patterns, sources, prefilter: new Prefilter(read) };
	cuePlans.set(cat, plan);
	return plan;
}

/**
 * Whether an alternative means alone what it means in its group's alternation: its groups and character classes are
 * closed within it ("a)|(?:b" is not, nor "[^" or "]"), and nothing in it refers to the groups it captures (a numbered
 * back-reference counts the groups of the alternatives before it; a named group may be named in another alternative
 * too). A group with an alternative that does not is tested whole.
 */
function standsAlone(source: string): boolean {
	let depth = 0, inClass = false;
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (c === '\\') {
			if (/[1-9k]/.test(source[i + 1] ?? '') && !inClass) return false;
			i++;
		} else if (inClass) {
			if (c === ']') inClass = false;
		} else if (c === '[') inClass = true;
		else if (c === '(') {
			if (source[i + 1] === '?' && source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') return false;
			depth++;
		} else if (c === ')' && --depth < 0) return false;
	}
	return depth === 0 && !inClass;
}

/** Whether alternative `part` of the plan matches `text` (compiled on first use; a broken one fails as its group does). */
function partMatches(cat: Catalogue, plan: CuePlan, part: number, text: string): boolean {
	let pattern = plan.patterns[part];
	if (!pattern) {
		try {
			pattern = new RegExp(plan.sources[part], 'u');
		} catch {
			// Closed, yet not a pattern ("a{2,1}", "\p{Foo}"): then neither is its group, which fails with its file and field.
			pattern = cat.cues.get(cat.cueNames[plan.group[part]])!;
		}
		plan.patterns[part] = pattern;
	}
	return pattern.test(text);
}

/**
 * A memo of cue tests on `text` (see {@link cueTest}): the groups it has no needle of are known not to match (its last
 * slot, after the groups, says the same of {@link EXAMPLES_ONLY}), and the alternatives it has a needle of are listed
 * after the states, two to a word, by 1 + their index in the plan (0 ends the list), in the order of the plan.
 */
function ruledOut(cat: Catalogue, text: string): CueMemo {
	const plan = cuePlan(cat), slots = examplesSlot(cat) + 1;
	const may = plan.prefilter.scan(text);
	let candidates = 0;
	for (let w = 0; w < may.length; w++) for (let x = may[w]; x; x &= x - 1) candidates++;
	const m: CueMemo = new Int32Array(plan.words + ((candidates + 1) >> 1));
	// Every group is ruled out (SAYS_NO, 01) but those an alternative of which the text has a needle of.
	for (let w = 0; w < plan.words; w++) m[w] = 0x55555555;
	if (slots & 15) m[plan.words - 1] &= (1 << ((slots & 15) << 1)) - 1;
	let k = plan.words * 2;
	for (let w = 0; w < may.length; w++) {
		for (let x = may[w]; x; x &= x - 1) {
			const part = (w << 5) + 31 - Math.clz32(x & -x), g = plan.group[part];
			m[g >> 4] &= ~(3 << ((g & 15) << 1));
			m[k >> 1] |= (part + 1) << ((k & 1) << 4);
			k++;
		}
	}
	return m;
}

/**
 * Cue tests on one text by group index, two bits a group (0 unknown, {@link SAYS_NO}, {@link SAYS_YES}), sixteen groups a
 * word, then the alternatives to test (see {@link ruledOut}): a catalogue's hundred groups and the ten alternatives a
 * sentence has a needle of, on average, fit in 64 bytes, which V8 keeps in the object itself (a typed array of more
 * has its store elsewhere, one more indirection per test and a buffer for the collector to track, per sentence).
 */
type CueMemo = Int32Array;
/** Two bits a group: SAYS_NO is 01 (ruledOut sets a word of them at once), SAYS_YES 10. */
const SAYS_NO = 1, SAYS_YES = 2;
/** The state of slot `key` in `memo`, and setting it (from unknown); {@link ruledOut} sets sixteen at a time. */
const cueState = (memo: CueMemo, key: number): number => (memo[key >> 4] >>> ((key & 15) << 1)) & 3;
const setCueState = (memo: CueMemo, key: number, state: number): void => { memo[key >> 4] |= state << ((key & 15) << 1); };

/** Whether cue group `key` matches `text`, memoised in `memo`: whether one of its alternatives listed there does. */
function cueTest(cat: Catalogue, memo: CueMemo, key: number, text: string): boolean {
	let hit = cueState(memo, key);
	if (hit === 0) {
		hit = SAYS_NO;
		const plan = cuePlan(cat), from = plan.first[key], to = plan.first[key + 1];
		for (let k = plan.words * 2; k < memo.length * 2; k++) {
			// The list is in the plan's order: a group's alternatives are together.
			const part = ((memo[k >> 1] >>> ((k & 1) << 4)) & 0xffff) - 1;
			if (part < from) continue;
			if (part >= to) break;
			if (partMatches(cat, plan, part, text)) { hit = SAYS_YES; break; }
		}
		setCueState(memo, key, hit);
	}
	return hit === SAYS_YES;
}

/** A match alternative with its groups resolved to indices once: 0 sentence only, 1 "@" (or titles), 2 "^" (or previous). */
interface CompiledSpec {
	readonly all: readonly { readonly key: number; readonly mode: 0 | 1 | 2; readonly name: string }[]; readonly not: readonly number[]; readonly weak: readonly number[];
	/** What {@link matches} answers when a look-alike or weakening group of the alternative holds, by position (made once). */
	readonly lookalikeFits: readonly Fit[]; readonly weakFits: readonly Fit[];
	/** What it answers for a `partial` alternative: partial, named after its last group that says what it falls short by. */
	readonly partialFit: Fit;
}
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
			lookalikeFits: spec.not.map(lookalike => ({ ok: false, lookalike })), weakFits: spec.weak.map(weak => ({ ok: false, weak })),
			partialFit: { ok: false, weak: spec.all.map(g => g.replace(/^[\^@]/, '')).filter(g => cat.cueAbout.has(g)).pop() ?? '' },
		};
		byCat.set(spec, c);
	}
	return c;
}

/** How one match alternative fits a sentence: no, only excluded by a look-alike group (named), or yes. */
type Fit = { ok: boolean; lookalike?: string; weak?: string };
const NO: Fit = { ok: false };
const YES: Fit = { ok: true };

/** Distinct places of a counted cue group in a text: a word listed in both languages ("hosting") counts once. */
function countPlaces(cat: Catalogue, group: string, text: string): number {
	const { parts, prefilter } = partsOf(cat, group);
	// Only the parts the text holds a needle of are searched.
	const may = prefilter.scan(text);
	const places = new Set<number>();
	for (let i = 0; i < parts.length; i++) {
		const at = Prefilter.may(may, i) ? text.search(parts[i]) : -1;
		if (at >= 0) places.add(at);
	}
	return places.size;
}

/** The parts of a counted cue group with their prefilter, per catalogue and group (made once). */
const partFilters = new WeakMap<Catalogue, Map<string, { parts: readonly RegExp[]; prefilter: Prefilter }>>();
function partsOf(cat: Catalogue, group: string): { parts: readonly RegExp[]; prefilter: Prefilter } {
	let byGroup = partFilters.get(cat);
	if (!byGroup) partFilters.set(cat, byGroup = new Map());
	let entry = byGroup.get(group);
	if (!entry) {
		const parts = cat.cueParts.get(group)!;
		byGroup.set(group, entry = { parts, prefilter: new Prefilter(parts) });
	}
	return entry;
}

/** How many readings of a sentence with list items its counts are kept for (see {@link matches}). */
const LIST_READINGS_KEPT = 64;

function matches(cat: Catalogue, spec: MatchSpec, p: Prepared): Fit {
	const c = compiled(cat, spec);
	for (let k = 0; k < c.all.length; k++) {
		const g = c.all[k];
		// "^cue": the sentence, the clause titles above it or the sentence before it; "@cue": the sentence or the titles.
		if (g.mode) {
			if (!testAt(cat, p, g.key, 'text') && !testAt(cat, p, g.key, 'context') && !(g.mode === 2 && testAt(cat, p, g.key, 'previous'))) return NO;
		} else if (spec.min > 1) {
			// Distinct places, so a word listed in both languages ("hosting") counts once; most sentences have none at all.
			if (!testAt(cat, p, g.key, 'text') && p.withList === p.text) return NO;
			// Kept with the sentence: without list items its own count; with them, by the text read with them (what the
			// count reads). One sentence may be read with different items in one draft (a table's row label "Organisatorische
			// Maßnahmen" before each of ten lists): with only the last items kept, each reading was counted again on every edit.
			const core = p.core;
			let counts: Map<number, number> | undefined;
			if (p.listItems === NO_ITEMS) counts = core.counts ??= new Map<number, number>();
			else {
				const byList = core.listCounts ??= new Map();
				counts = byList.get(p.withList);
				if (!counts) {
					// The readings made last are kept (typing in an item makes a new reading at every keystroke).
					if (byList.size >= LIST_READINGS_KEPT) byList.delete(byList.keys().next().value!);
					byList.set(p.withList, counts = new Map());
				}
			}
			let places = counts.get(g.key);
			if (places === undefined) counts.set(g.key, places = countPlaces(cat, g.name, p.withList));
			if (places < spec.min) return NO;
		} else if (!testAt(cat, p, g.key, 'text')) return NO;
	}
	for (let k = 0; k < c.not.length; k++) if (testAt(cat, p, c.not[k], 'text')) return c.lookalikeFits[k];
	if (spec.partial) return c.partialFit;
	for (let k = 0; k < c.weak.length; k++) if (testAt(cat, p, c.weak[k], 'text')) return c.weakFits[k];
	return YES;
}

const EVIDENCE_LEAD = new RegExp(`(?:[-*•·]\\s*)*(?:${PARAGRAPH_NUMBER})?`, 'iy');

/** A sentence's span without its paragraph number ("(1) ", "2.1 ", "- "), so the underline starts at the words. */
function evidenceSpan(s: Sentence): Span {
	// The pattern matches at the start of every text (all of it optional): where it ends is the lead's length.
	EVIDENCE_LEAD.lastIndex = 0;
	EVIDENCE_LEAD.test(s.text);
	const lead = EVIDENCE_LEAD.lastIndex;
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
		const title = foldText(annex.title);
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
	// Skip a lead-in label ("Die Verarbeitung betrifft folgende Kategorien:") to reach the content; a blank field right
	// after the label ("**5. Dauer der Verarbeitung**" and then "[Laufzeit eintragen]") is its value, left open.
	while (k < prepared.length && k <= i + 3 && prepared[k].label && !prepared[k].heading && !prepared[k].blank && sameUnit(prepared[k])) k++;
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
		// A value that points to an annex ("Die Dauer … ist in Anlage 1 Ziffer 5 festgelegt") gives it only where that annex does.
		const q = prepared[j];
		if (q.blank || !fits.test(q.withList)) continue;
		if (q.annexes.length && test(cat, q, 'annex-pointer', 'text') && !q.annexes.some(a => a.file || annexCarries(cat, el, a, prepared))) continue;
		return 'found';
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
		// Or the annex states the requirement that carries this element (the processing it describes is the subject-matter).
		const by = !has && el.annexCarriedBy ? cat.requirements.find(q => q.id === el.annexCarriedBy) : undefined;
		if (by) has = by.elements.some(e => annexCarries(cat, e, annex, prepared));
		memo.set(el, has);
	}
	return has;
}

/** For a list of prepared sentences: the positions of the sentences each match alternative can fit, by alternative index. */
const candidateIndex = new WeakMap<readonly Prepared[], number[][]>();

/** The positions in `prepared`, in document order, of the sentences that can fit one of `specs`; the others cannot. */
function candidatesOf(cat: Catalogue, prepared: readonly Prepared[], specs: readonly MatchSpec[]): readonly number[] {
	const table = specTable(cat);
	let index = candidateIndex.get(prepared);
	if (!index) {
		index = table.specs.map(() => []);
		for (let i = 0; i < prepared.length; i++) {
			const p = prepared[i], own = p.core.candidates;
			for (let c = 0; c < own.length; c++) index[own[c]].push(i);
			if (p.withList !== p.text) for (const k of table.counted) if (!own.includes(k)) index[k].push(i);
		}
		candidateIndex.set(prepared, index);
	}
	let merged = index[table.index.get(specs[0])!];
	for (let s = 1; s < specs.length; s++) merged = unionSorted(merged, index[table.index.get(specs[s])!]);
	return merged;
}

/** The union of two ascending lists of positions, ascending, each position once. */
function unionSorted(a: readonly number[], b: readonly number[]): number[] {
	const out: number[] = [];
	let i = 0, j = 0;
	while (i < a.length || j < b.length) {
		const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
		if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
	}
	return out;
}

/** The first sentence, in document order, that can fit one of `specs` and passes `ok`. */
function firstOf(cat: Catalogue, prepared: readonly Prepared[], specs: readonly MatchSpec[], ok: (p: Prepared) => boolean): Prepared | undefined {
	for (const i of candidatesOf(cat, prepared, specs)) if (ok(prepared[i])) return prepared[i];
	return undefined;
}

function findElement(cat: Catalogue, el: ElementSpec, prepared: readonly Prepared[]): ElementResult {
	const spans: Span[] = [];
	let foundAt: Span | undefined;
	const rejected = new Map<ElementState, { at: Span; lookalike?: string }>();
	const reject = (state: ElementState, p: Prepared, lookalike?: string): void => { if (!rejected.has(state)) rejected.set(state, { at: evidenceSpan(p.sentence), lookalike }); };
	for (const i of candidatesOf(cat, prepared, el.match)) {
		const p = prepared[i];
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
			continue;
		}
		// Detection reads content: a heading alone ("## Weisungen") is never evidence, nor is a blank field.
		if (p.blank) { reject('blank', p); continue; }
		if (p.heading && !el.substantive) { reject('heading', p); continue; }
		const span = evidenceSpan(p.sentence);
		if (!el.substantive) { spans.push(span); foundAt ??= span; continue; }
		if (p.annexes.length && test(cat, p, 'annex-pointer', 'text')) {
			// "… ergeben sich aus Anlage 1": counts when that annex says it; an annex about something else is a pointer to nothing.
			if (p.annexes.some(a => a.file || annexCarries(cat, el, a, prepared))) { spans.push(span); foundAt ??= span; }
			else reject(p.annexes.some(a => annexHasContent(a, prepared)) ? 'annex-off-topic' : 'annex-empty', p);
			continue;
		}
		if (!el.referenceCounts && test(cat, p, 'delegation', 'text')) { reject('delegated', p); continue; }
		// "Dauer: …" with its value on the same line: the value must say what the element's values say.
		const colon = el.value ? p.text.indexOf(':') : -1;
		if (colon > 2 && colon < 80 && !cat.cues.get(el.value!)!.test(p.text.slice(colon + 1))) { reject('label', p); continue; }
		if (p.label) {
			// A heading or label counts only with its own value after it.
			const v = valueAfter(cat, el, prepared, i);
			if (v === 'found') { spans.push(span); foundAt ??= span; } else reject(v === 'label' ? (p.heading ? 'heading' : 'label') : v, p);
			continue;
		}
		spans.push(span);
		foundAt ??= span;
	}
	if (foundAt) {
		// Found, unless another sentence cuts it back (then only partial, with that sentence as the reason).
		const cut = el.restrictedBy && firstOf(cat, prepared, [el.restrictedBy], p => !p.heading && matches(cat, el.restrictedBy!, p).ok);
		if (cut) return { spans: [...spans, evidenceSpan(cut.sentence)], state: 'weak', at: evidenceSpan(cut.sentence), lookalike: el.restrictedBy!.all[el.restrictedBy!.all.length - 1].replace(/^[\^@]/, '') };
		return { spans, state: 'found', at: foundAt };
	}
	if (el.pointer) {
		// Presumed present unless the draft points elsewhere for it: to another document, or to an annex that does not say it.
		const context = pointerContext(el.pointer);
		const pointing = firstOf(cat, prepared, [el.pointer, context], p => !p.heading && (matches(cat, el.pointer!, p).ok ||
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
	// Asked of every sentence on every edit: the groups by index, looked up once.
	const sub = cat.cueIndex.get('subprocessor')!, specific = cat.cueIndex.get('specific-authorisation')!, general = cat.cueIndex.get('general-authorisation')!;
	const subSentences = prepared.filter(p => testAt(cat, p, sub, 'text') || testAt(cat, p, sub, 'context'));
	return subSentences.some(p => testAt(cat, p, specific, 'text')) && !subSentences.some(p => testAt(cat, p, general, 'text'));
}

/** The spans in order of their start, one per start: of spans that start together, the last given. */
function byStart(spans: readonly Span[]): Span[] {
	const sorted = spans.slice().sort((a, b) => a.start - b.start);
	const out: Span[] = [];
	for (let i = 0; i < sorted.length; i++) if (i + 1 === sorted.length || sorted[i + 1].start !== sorted[i].start) out.push(sorted[i]);
	return out;
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
		const unique = byStart(evidence);
		result.set(req.id, { requirement: req.id, status, evidence: unique, missing, found, verdicts, ...(impliedBy ? { impliedBy } : {}) });
	}
	return { coverage: cat.requirements.map(r => result.get(r.id)!), specificOnly: specific };
}
