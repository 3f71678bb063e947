import { memo } from './memo';

/**
 * What the Markdown parser may see. micromark costs more than linear time on deep container nesting and on many
 * emphasis and link delimiters in one paragraph, and some microseconds per blank line; beyond a budget those characters
 * are blanked in the copy the parser reads, so that such text is read as plain paragraphs, and a long run of blank
 * lines as two. The copy has the same length, and every line that is not blank keeps its line break: offsets hold.
 */

/** Container markers (block quotes, list items) one line may open, counting two columns of indentation as one. */
const MAX_NESTING = 32;
/** Emphasis and link delimiters (`*`, `_`, `[`, `]`) one run of non-blank lines may hold. */
const MAX_DELIMITERS = 256;
/**
 * Blank lines one run may show the parser (micromark spends microseconds on each). Beyond, the run is shown as its
 * first blank line and one line of spaces for all the others (their line breaks become spaces): CommonMark reads any
 * number of blank lines, empty or of spaces and tabs, as it reads two – they end paragraphs, block quotes and HTML
 * blocks, and fenced code, HTML comments, indented code and list items read on past them alike – so every block
 * starts and ends where it would, and only the lines and columns inside the run differ, which nothing reads.
 */
const MAX_BLANK_LINES = 64;

const SPACE = 32, TAB = 9, LF = 10, CR = 13;
const isDelimiter = (c: number): boolean => c === 42 || c === 95 || c === 91 || c === 93; // * _ [ ]
/** Lines whose delimiters are block structure: thematic breaks ("***", "_ _ _") and link definitions ("[a]: …"). */
const STRUCTURAL_LINE = /[ \t]{0,3}(?:(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})(?![^\r\n])|\[[^\]\r\n]*\]:)/y;

/** Length of the list or block-quote marker at `p` ("-", "*", "+", ">", "12.", "3)"), or 0. */
function markerAt(text: string, p: number, end: number): number {
	const c = text.charCodeAt(p);
	let q = p;
	if (c === 62) return 1;
	if (c === 45 || c === 42 || c === 43) q = p + 1;
	else {
		while (q < end && q - p < 9 && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
		if (q === p || q === end || (text.charCodeAt(q) !== 46 && text.charCodeAt(q) !== 41)) return 0;
		q++;
	}
	if (q === end) return q - p;
	const next = text.charCodeAt(q);
	return next === SPACE || next === TAB ? q - p : 0;
}

/**
 * The text as the Markdown parser may read it: container markers beyond {@link MAX_NESTING} on a line become spaces,
 * in a run of lines with more than {@link MAX_DELIMITERS} delimiters, the delimiters after the line's markers
 * become letters, and a run of more than {@link MAX_BLANK_LINES} blank lines becomes two. Returns `text` itself when
 * nothing exceeds a budget.
 */
export function parserView(text: string): string {
	// Budgets run between blank lines: each stretch is seen on its own, memoised (an edit re-reads only its stretch).
	let changed = false;
	const parts: string[] = [];
	let from = 0;
	const add = (to: number): void => {
		const part = text.slice(from, to);
		const view = memo('parser-view', part, own => ({ view: viewOf(own) }), from);
		if (view.view !== undefined) changed = true;
		parts.push(view.view ?? part);
		from = to;
	};
	for (const end of stretchEnds(text)) add(end);
	add(text.length);
	return changed ? parts.join('') : text;
}

/** Line breaks with blank lines after them: a run of lines ends there, so the budgets of what follows start afresh. */
const BLANK_LINES = /(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+/g;
/** The least length of a stretch: one ends at the first end of a {@link BLANK_LINES} match this far from its start. */
const STRETCH = 4096;
const isBlankChar = (c: number): boolean => c === SPACE || c === TAB || c === LF || c === CR;

/**
 * Where the stretches of {@link parserView} end (before the last, which ends with the text): at the end of the first
 * {@link BLANK_LINES} match that lies {@link STRETCH} or more characters after the start of the stretch. A match is
 * white space only and, within a maximal run of white space, starts at the run's first line break whatever the search
 * passed before it; so the search for the next end starts at the run of white space before that distance (or at the
 * stretch's start), not at every blank line of the draft.
 */
export function stretchEnds(text: string): number[] {
	const ends: number[] = [];
	for (let from = 0; from + STRETCH <= text.length;) {
		let at = from + STRETCH;
		while (at > from && isBlankChar(text.charCodeAt(at - 1))) at--;
		BLANK_LINES.lastIndex = at;
		let m: RegExpExecArray | null;
		while ((m = BLANK_LINES.exec(text)) && m.index + m[0].length - from < STRETCH);
		if (!m) break;
		ends.push(from = m.index + m[0].length);
	}
	return ends;
}

/** Whether `text` holds more than `max` delimiters, each kind found by indexOf (most stretches hold a handful). */
function hasMoreDelimitersThan(text: string, max: number): boolean {
	let n = 0;
	for (const d of '*_[]') for (let i = text.indexOf(d); i >= 0; i = text.indexOf(d, i + 1)) if (++n > max) return true;
	return false;
}

/** {@link parserView} of one stretch, or undefined when nothing in it exceeds a budget. */
function viewOf(text: string): string | undefined {
	let codes: Uint16Array | undefined;
	const blank = (from: number, to: number, by: number): void => {
		if (!codes) {
			codes = new Uint16Array(text.length);
			for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
		}
		codes.fill(by, from, to);
	};
	// Content of the lines of the current run (after their markers) that have delimiters, and its delimiter count.
	const run: number[] = [];
	let delimiters = 0;
	// The current run of blank lines: how many, where its second line starts and where its last one ends.
	let blanks = 0, secondBlank = 0, lastBlankEnd = 0;
	const endBlanks = (): void => {
		if (blanks > MAX_BLANK_LINES) blank(secondBlank, lastBlankEnd, SPACE);
		blanks = 0;
	};
	const endRun = (): void => {
		if (delimiters > MAX_DELIMITERS) {
			for (let k = 0; k < run.length; k += 2) for (let i = run[k]; i < run[k + 1]; i++) if (isDelimiter(text.charCodeAt(i))) blank(i, i + 1, 120);
		}
		run.length = 0;
		delimiters = 0;
	};
	// Every character is read once or twice: a line's end (by indexOf, where no CR can end a line), its indentation and
	// markers, its delimiters (only when the stretch has more than a run may hold); no character past the text is read.
	const length = text.length, crs = text.includes('\r'), manyDelimiters = hasMoreDelimitersThan(text, MAX_DELIMITERS);
	for (let start = 0; start < length;) {
		let end = start;
		if (!crs) {
			end = text.indexOf('\n', start);
			if (end < 0) end = length;
		} else {
			for (let c = 0; end < length && (c = text.charCodeAt(end)) !== LF && c !== CR;) end++;
		}
		let p = start, columns = 0, markers = 0;
		for (;;) {
			for (; p < end; p++) {
				const c = text.charCodeAt(p);
				if (c === SPACE) columns++;
				else if (c === TAB) columns += 4 - (columns % 4);
				else break;
			}
			const m = p < end ? markerAt(text, p, end) : 0;
			if (!m) break;
			if (++markers + (columns >> 1) > MAX_NESTING) blank(p, p + m, SPACE);
			columns += m;
			p += m;
		}
		if (p === end && markers === 0) {
			endRun();
			if (++blanks === 2) secondBlank = start;
			lastBlankEnd = end;
		} else {
			endBlanks();
			// The delimiters of a line count unless it is structure; a line without any needs no further look.
			let count = 0;
			if (manyDelimiters) for (let i = p; i < end; i++) if (isDelimiter(text.charCodeAt(i))) count++;
			STRUCTURAL_LINE.lastIndex = start;
			if (count && !STRUCTURAL_LINE.test(text)) {
				run.push(p, end);
				delimiters += count;
			}
		}
		start = end + 1 < length && text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
	}
	endRun();
	endBlanks();
	if (!codes) return undefined;
	const parts: string[] = [];
	for (let i = 0; i < codes.length; i += 8192) parts.push(String.fromCharCode(...codes.subarray(i, i + 8192)));
	return parts.join('');
}
