import { parse, preprocess } from 'micromark';
import { subtokenize } from 'micromark-util-subtokenize';
import type { Event } from 'micromark-util-types';
import { frontmatter } from 'micromark-extension-frontmatter';
import { memo } from './memo';
import { isWhiteSpace } from './text';
import { parserView } from './parserBudget';
import type { Block, Span } from './types';

/** What the Markdown parser tells about each line: heading depth, or that the line is code or HTML. */
interface LineInfo { heading: number; code: boolean; html: boolean }

/**
 * Only block structure is read (headings, code, HTML blocks, lists, block quotes; paragraphs are skipped), so the
 * parser's inline constructs are switched off: CommonMark decides the blocks before it reads inlines, so the blocks
 * are the same, and the parser does not tokenise every paragraph's emphasis, links, code spans and escapes.
 */
export const BLOCKS_ONLY = { disable: { null: ['attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText', 'labelEnd', 'labelStartImage', 'labelStartLink'] } };
/**
 * The parser's settings: micromark, the CommonMark parser of remark, read with a YAML front-matter at the start of the
 * text or without. The structure is read from micromark's tokens, not from the syntax tree remark builds of them: the
 * tree's nodes are the tokens' (a test compares the two), and building it took about a tenth of a Markdown draft's analysis.
 */
const WITH_FRONT_MATTER = { extensions: [frontmatter(['yaml']), BLOCKS_ONLY] };
const PLAIN = { extensions: [BLOCKS_ONLY] };
/** Characters the parser reads at once: the parser's cost per container grows with all it has read before. */
const WINDOW = 2048;
/**
 * Lines the parser reads at once, per {@link WINDOW} characters of window size: a window ends after this many lines
 * whatever its characters. micromark's cost grows with the square of the lines in one container (each lazy line of a
 * block quote looks back over the quote's lines: 100 KB of "> a" and "b" in turn took 150 µs a line in windows of
 * 64 KB), so it is lines that bound a window. A draft's lines average 80-100 characters: its windows end by characters.
 */
const WINDOW_LINES = 64;
/**
 * A list or block quote longer than this without a place to cut is read in pieces: a window of this size (this many
 * characters or 16 × {@link WINDOW_LINES} lines) is split.
 */
const MAX_WINDOW = 32768;
/** The lines of a window of {@link MAX_WINDOW}. */
export const MAX_WINDOW_LINES = (MAX_WINDOW / WINDOW) * WINDOW_LINES;
/** Whether a window is as large as a window of {@link MAX_WINDOW} may be: that many characters, or MAX_WINDOW_LINES line breaks. */
const atBudget = (window: string): boolean => window.length >= MAX_WINDOW || lineBreaks(window) >= MAX_WINDOW_LINES;
/**
 * Lines the parser reads of one draft, re-read windows counted again; what follows is read as plain text. micromark
 * spends 10-40 µs on a line however short (a draft's lines average 80-100 characters, and its whole analysis takes
 * about 0.5 µs a character), lazy lines of a long block quote up to 75 µs: 20 MB of lines of "=" took seven minutes.
 * A Markdown draft of 4 MB (a long DPA is 200 KB) has fewer lines than this; at the budget the parser has run for a
 * few seconds.
 */
export const MAX_PARSED_LINES = 100_000;

type Mark = { span: Span; info: Partial<LineInfo> };
const NO_MARKS: readonly Mark[] = [];

/**
 * Parse Markdown with micromark and return the span of a YAML front-matter block plus per-offset structure marks.
 * The text is read in windows cut where a top-level block (or an item or paragraph of a top-level list or block
 * quote) starts, so that no parse sees more than a few windows; the parser reads {@link parserView}. A window
 * without markable text is not parsed. Once the windows parsed hold `maxLines` lines, the rest of the text is plain
 * (no marks). For tests, `reading` 'parse-all' parses every window and 'whole' the text at once.
 */
export function markStructure(text: string, frontMatterEnd: number, reading: 'skip-plain' | 'parse-all' | 'whole' = 'skip-plain',
	maxLines = MAX_PARSED_LINES): { yaml?: Span; marks: Mark[] } {
	const view = parserView(text);
	const marks: Mark[] = [];
	let yamlSpan: Span | undefined;
	let parsedLines = 0;
	// The window of `size` from `pos`: to the line end after `size` characters or the end of its `size` / WINDOW ×
	// WINDOW_LINES'th line, whichever comes first. The front-matter is read whole: cut, it would be no front-matter.
	const lf = !view.includes('\r');
	const windowEnd = (pos: number, size: number): number => {
		if (reading === 'whole') return text.length;
		const byLines = nthLineEnd(view, pos, (size / WINDOW) * WINDOW_LINES, lineEndFrom(view, pos + size), lf);
		return pos === 0 && frontMatterEnd > byLines ? lineEndFrom(view, frontMatterEnd) : byLines;
	};
	for (let pos = 0, size = WINDOW; pos < text.length && parsedLines < maxLines;) {
		const end = windowEnd(pos, size);
		// A window of unchanged text is found by position (the view is the text unless a budget was exceeded).
		const read = readWindow(view.slice(pos, end), pos === 0, end < text.length, view === text ? pos : undefined, reading !== 'skip-plain');
		parsedLines += read.lines ?? 0;
		let cut = read.cut === undefined ? undefined : pos + read.cut;
		if (cut === undefined) {
			const splittable = read.last === 'list' || read.last === 'blockquote';
			if (size < MAX_WINDOW || !splittable) {
				// A window ends at a line end: while doubling does not reach past it (a long line), the window stays the
				// same and would be read again to the same effect, so those sizes are skipped.
				do size *= 2; while (windowEnd(pos, size) === end && (size < MAX_WINDOW || !splittable));
				continue;
			}
			// Over budget: what follows is read afresh from the window's last line, as plain text if it is.
			const lastLine = lineStartOf(view, end - (view.endsWith('\r\n', end) ? 2 : view[end - 1] === '\n' || view[end - 1] === '\r' ? 1 : 0), pos);
			cut = lastLine > pos ? lastLine : end;
		}
		for (const m of read.marks) {
			if (m.span.start >= cut - pos) continue;
			if (m.yaml) yamlSpan = { start: pos + m.span.start, end: pos + m.span.end };
			else marks.push({ span: { start: pos + m.span.start, end: pos + m.span.end }, info: m.info });
		}
		pos = cut;
		size = WINDOW;
	}
	return { yaml: yamlSpan, marks };
}

/**
 * What one parser window says, relative to its start: structure marks, where it may be cut, its last top-level node,
 * and when it was parsed, its lines (line breaks).
 */
interface WindowRead { readonly marks: readonly (Mark & { yaml?: boolean })[]; readonly cut?: number; readonly last?: string; readonly lines?: number }

/** Told each text the Markdown parser reads (for tests: how much the parser is given, not how long it takes). */
let parserObserver: ((read: string) => void) | undefined;

/** Watch what the Markdown parser reads (undefined: stop watching). */
export function observeParser(observer: ((read: string) => void) | undefined): void {
	parserObserver = observer;
}

/**
 * Text the parser can mark: an ATX heading needs "#", a fence "```" or "~~~", an HTML block "<", and a setext
 * underline or the front-matter a line of only "=" or "-" (after container markers). A window without any of them
 * holds no mark, and a Word export rarely has one (issue 11: the parser was a third of a full analysis).
 */
export const MARKABLE = /[#`~<]|^[ \t>*+\-=\d.)]*[-=][ \t>*+\-=\d.)]*$/m;

/**
 * {@link MARKABLE}`.test(text)`, found by indexOf: the four characters, then each line holding a "-" or "=" read
 * whole (the pattern is tried at every offset; a Word export has no "#" and few such lines). Lines end where the
 * pattern's "^" and "$" see them: at \n, \r, U+2028 and U+2029.
 */
export function markable(text: string): boolean {
	if (text.includes('#') || text.includes('`') || text.includes('~') || text.includes('<')) return true;
	for (const mark of '-=') {
		for (let i = text.indexOf(mark); i >= 0;) {
			let start = i, end = i;
			while (start > 0 && !isLineBreak(text.charCodeAt(start - 1))) start--;
			while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
			let k = start;
			while (k < end && isUnderlineChar(text.charCodeAt(k))) k++;
			if (k === end) return true;
			i = text.indexOf(mark, end);
		}
	}
	return false;
}
const isLineBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
/** The characters of {@link MARKABLE}'s line class: space, tab, ">*+-=", ASCII digits, "." and ")". */
const isUnderlineChar = (c: number): boolean =>
	c === 32 || c === 9 || c === 62 || c === 42 || c === 43 || c === 45 || c === 61 || (c >= 48 && c <= 57) || c === 46 || c === 41;

/**
 * Where a window without {@link MARKABLE} text may be cut: the start of its last line that starts a top-level block
 * whatever came before. That is an unindented line after a blank line (a paragraph, an indented code block, an HTML
 * block of types 6 and 7 and a list item end at the blank line; an unindented line after a blank line continues no
 * item), or an unindented bullet item or an ordered item numbered 1 (they interrupt a paragraph, and are no lazy
 * continuation line of a block quote or list item); a block quote ends at a line without ">". What could reach past
 * such a line (fences, HTML comments and the like) needs markable text.
 */
function plainCut(window: string): number | undefined {
	for (let i = window.length - 1; i > 0; i--) {
		const c = window.charCodeAt(i - 1);
		if (c !== 10 && c !== 13) continue;
		if (isWhiteSpace(window.charCodeAt(i))) continue;
		ITEM.lastIndex = i;
		if (ITEM.test(window)) return i;
		// The line before: blank when only spaces and tabs stand between its line break and this one.
		let j = i - 1;
		if (c === 10 && j > 0 && window.charCodeAt(j - 1) === 13) j--;
		let k = j;
		while (k > 0 && (window.charCodeAt(k - 1) === 32 || window.charCodeAt(k - 1) === 9)) k--;
		if (k === 0) continue;
		const before = window.charCodeAt(k - 1);
		if (before === 10 || before === 13) return i;
	}
	return undefined;
}
/** A line that may open a list item or a block quote. */
const CONTAINER = /^[ \t]*(?:>|[-*+](?![^ \t\r\n])|\d{1,9}[.)](?![^ \t\r\n]))/m;
/** A list item that may interrupt a paragraph: a bullet, or an ordered item numbered 1, with content on its line. */
const ITEM = /(?:[-*+]|1[.)])[ \t]+[^ \t\r\n]/y;

/** Parse one window (memoised by its text: after an edit, only the windows it touched are parsed again). */
function readWindow(window: string, first: boolean, more: boolean, at: number | undefined, parseEvery: boolean): WindowRead {
	return memo(first ? 'window-first' : more ? 'window' : 'window-last', window, () => {
		if (!parseEvery && !markable(window)) {
			const cut = more ? plainCut(window) : window.length;
			if (cut !== undefined) return { marks: NO_MARKS, cut };
			// No place to cut (a Word export without blank lines): read on, as when the parser finds none. Only a window
			// at the budget (MAX_WINDOW characters or MAX_WINDOW_LINES lines) asks whether its last block is a list or block
			// quote (to split it): none is when no line opens one.
			if (!CONTAINER.test(window)) return { marks: NO_MARKS, cut: undefined, last: 'paragraph' };
			if (!atBudget(window)) return { marks: NO_MARKS, cut: undefined };
		}
		parserObserver?.(window);
		const read = readBlocks(window, first);
		return { marks: read.marks, cut: more ? cutPoint(read, window) : window.length, last: read.last?.type, lines: lineBreaks(window) };
	}, at);
}
/** Line breaks in a text ("\r\n" is one). */
function lineBreaks(text: string): number {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
	}
	return n;
}

/** The start of the line holding offset `at`, looking back no further than `floor`. */
function lineStartOf(text: string, at: number, floor: number): number {
	let i = at;
	while (i > floor && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
	return i;
}

/**
 * The offset after the `n`th line break from `from` ("\r\n" is one), or `limit` when that comes first. `lf`: the
 * text's only line break is "\n" (found by the engine's search for it).
 */
function nthLineEnd(text: string, from: number, n: number, limit: number, lf: boolean): number {
	let at = from;
	if (lf) {
		for (let k = 0; k < n; k++) {
			const nl = text.indexOf('\n', at);
			if (nl < 0 || nl >= limit) return limit;
			at = nl + 1;
		}
		return Math.min(at, limit);
	}
	for (let k = 0; k < n; k++) {
		NEWLINE.lastIndex = at;
		const nl = NEWLINE.exec(text);
		if (!nl || nl.index >= limit) return limit;
		at = nl.index + nl[0].length;
	}
	return Math.min(at, limit);
}

/** The offset after the line break that ends the line at `at` (the text's length when there is none). */
function lineEndFrom(text: string, at: number): number {
	if (at >= text.length) return text.length;
	NEWLINE.lastIndex = at;
	const nl = NEWLINE.exec(text);
	return nl ? nl.index + nl[0].length : text.length;
}

/**
 * The last place in a parsed window where the text can be read afresh with the same result: the line start of a
 * top-level block, of an item of a top-level list or of a block in a top-level block quote, other than the first
 * and never the last (which may run on past the window).
 */
function cutPoint(read: Blocks, view: string): number | undefined {
	const { last } = read;
	const candidates: [number | undefined, RegExp][] = [
		[read.innerCount > 1 ? read.innerLast : undefined, last?.type === 'list' ? /^ {0,3}$/ : /^ {0,3}>[ \t]*$/],
		[read.rootCount > 1 ? last?.start : undefined, /^[ \t]*$/],
	];
	for (const [start, prefix] of candidates) {
		if (start === undefined) continue;
		const lineStart = lineStartOf(view, start, 0);
		if (lineStart > 0 && prefix.test(view.slice(lineStart, start))) return lineStart;
	}
	return undefined;
}

/**
 * The block structure of a parsed text: its marks (the front-matter marked `yaml`), its top-level blocks (how many,
 * the last one's kind and start) and, when the last is a list or a block quote, its items or blocks (how many, the
 * last one's start). Kinds are named as in remark's syntax tree (mdast).
 */
export interface Blocks {
	readonly marks: (Mark & { yaml?: boolean })[];
	readonly rootCount: number;
	readonly last?: { readonly type: string; readonly start: number };
	readonly innerCount: number;
	readonly innerLast?: number;
}

/** micromark's token types that are blocks of the syntax tree, by the tree's name; an item starts at its prefix. */
const BLOCK_OF: Readonly<Record<string, string>> = {
	atxHeading: 'heading', setextHeading: 'heading', codeFenced: 'code', codeIndented: 'code', htmlFlow: 'html', yaml: 'yaml',
	paragraph: 'paragraph', definition: 'definition', thematicBreak: 'thematicBreak', blockQuote: 'blockquote',
	listOrdered: 'list', listUnordered: 'list',
};
/** Blocks that hold other blocks; the tokens inside any other are its own parts. */
const CONTAINERS = new Set(['blockquote', 'list']);

/**
 * micromark's postprocessing (its `postprocess`: the document's lines tokenised as flow, then the flow's content as
 * paragraphs and definitions, then their text as inline content) without the last level: the text of paragraphs and
 * headings, which no block depends on, stays one token. Chunks of text and strings are told apart by their content type.
 */
function blockEvents(events: Event[]): Event[] {
	for (;;) {
		for (const [kind, token] of events) if (kind === 'enter' && (token.contentType === 'text' || token.contentType === 'string')) token.contentType = undefined;
		if (subtokenize(events)) return events;
	}
}

/**
 * Parse `text` with micromark and read its blocks from the tokens (see {@link Blocks}), in document order. Iterative:
 * deep nesting must not exhaust the call stack. A block that starts at the text's end or after it still counts as a
 * block (as in remark's tree), but neither it nor anything inside it is marked. Not budgeted: micromark's time grows
 * faster than the text on deep nesting, so drafts are read through {@link markStructure}, which shows it a budgeted view.
 */
export function readBlocks(text: string, first: boolean): Blocks {
	const events = blockEvents(parse(first ? WITH_FRONT_MATTER : PLAIN).document().write(preprocess()(text, undefined, true)));
	const marks: (Mark & { yaml?: boolean })[] = [];
	// The open blocks, innermost last: their kind, or undefined for a block whose inside is not read.
	const open: (string | undefined)[] = [];
	let rootCount = 0, innerCount = 0, innerLast: number | undefined, last: { type: string; start: number } | undefined;
	// The heading last marked, until its depth is read: the length of its "#" run, or 1 for a "=" and 2 for a "-" underline.
	let heading: { heading?: number } | undefined;
	for (const [kind, token] of events) {
		const type = BLOCK_OF[token.type];
		if (type === undefined) {
			if (heading && kind === 'enter' && (token.type === 'atxHeadingSequence' || token.type === 'setextHeadingLineSequence')) {
				heading.heading = token.type === 'atxHeadingSequence' ? token.end.offset - token.start.offset : text[token.start.offset] === '=' ? 1 : 2;
				heading = undefined;
			}
			// A list's item starts at its marker ("- ", "1. "): the prefix of an item of a top-level list. `open[0]` is
			// always the current top-level block (undefined when its inside is not read) and `last` describes it.
			if (kind === 'enter' && token.type === 'listItemPrefix' && open.length === 1 && last?.type === 'list') {
				innerCount++;
				innerLast = token.start.offset;
			}
			continue;
		}
		if (kind === 'exit') {
			open.pop();
			continue;
		}
		const start = token.start.offset, end = token.end.offset;
		const parent = open.length ? open[open.length - 1] : 'root';
		if (parent === undefined || !CONTAINERS.has(parent) && parent !== 'root') {
			open.push(undefined);
			continue;
		}
		if (open.length === 0) {
			rootCount++;
			last = { type, start };
			innerCount = 0;
			innerLast = undefined;
		} else if (open.length === 1 && parent === 'blockquote') {
			innerCount++;
			innerLast = start;
		}
		if (start >= text.length) {
			open.push(undefined);
			continue;
		}
		open.push(type);
		switch (type) {
			case 'yaml': marks.push({ span: { start, end }, info: {}, yaml: true }); break;
			case 'heading': marks.push({ span: { start, end }, info: heading = { heading: 1 } }); break;
			// Fenced code is code; an indented "code block" in a Word export is a tab-indented table or text.
			case 'code': if (/^\s*(```|~~~)/.test(text.slice(start, start + 8))) marks.push({ span: { start, end }, info: { code: true } }); break;
			case 'html': marks.push({ span: { start, end }, info: { html: true } }); break;
		}
	}
	return { marks, rootCount, last, innerCount, innerLast };
}

const NEWLINE = /\r\n?|\n/g;


/** A line starts a new block when it opens a list item, a number, an annex or a § clause. */
const ITEM_START = /^\s*(?:[-*+•·\uf0b7\u25aa\u25cf]\s|\d+(?:\.\d+)*[.)]?\s|\(\d+\)|\(?[a-z]\)\s|§\s*\d|(?:Anlage|ANLAGE|Anhang|ANHANG|Annex|ANNEX|Schedule|SCHEDULE|Appendix|APPENDIX|Exhibit|EXHIBIT|Attachment|ATTACHMENT)\s+[\dIVXA-Z]|(?:Clause|Section|Ziffer|Ziff\.)\s+\d)/;

/**
 * A paragraph wrapped at a fixed width may put a reference's number at the start of a line ("… in accordance with
 * clause\n21.6 of the Agreement; and"): the line continues the sentence, it does not open a clause. So when the line
 * before ends with a word that takes a number (clause, section, Ziffer, §, Anlage, bis …), or a dotted number is
 * followed by a word in lower case ("21.6 of the Agreement") after a line that does not end a sentence. Not after
 * "and", "oder", "sowie": an item of a list ends so, and the next item begins ("…; and\n4. subject to …").
 */
const TAKES_NUMBER = /(?:^|[^\p{L}])(?:clauses?|sections?|paragraphs?|articles?|art\.|ziff(?:er|ern|\.)|nrn?\.|no\.|nos\.|anlagen?|anhang|anh\u00e4nge|annex(?:es)?|schedules?|appendix|appendices|abs\.|absatz|punkte?n?|klauseln?|§§?|to|bis|under|gem\u00e4\u00df|gem\.|nach)\s*$/iu;
const NUMBER_THEN_LOWER = /^\d{1,3}(?:\.\d{1,3})+\.?\s+\p{Ll}/u;
function continuesReference(before: string, line: string): boolean {
	if (!/^\s*\d/.test(line)) return false;
	const last = before.slice(before.lastIndexOf('\n') + 1);
	if (/[.:;!?]\s*$/.test(last)) return false;
	return TAKES_NUMBER.test(last) || NUMBER_THEN_LOWER.test(line);
}

/**
 * Split the text into blocks. micromark decides what is a heading, HTML or code (tables are recognised here); plain
 * text (Word exports) is grouped into paragraphs by blank lines and split at lines that start a numbered item or an annex.
 */
export function splitBlocks(text: string, bodyFrom: number): { blocks: Block[]; yaml?: Span } {
	const { yaml, marks } = markStructure(text, bodyFrom);
	const blocks: Block[] = [];
	let markIdx = 0;
	const sortedMarks = marks.sort((a, b) => a.span.start - b.span.start);
	let cur: { start: number; end: number; kind: Block['kind']; depth: number } | undefined;
	const flush = (): void => {
		if (cur && cur.end > cur.start) {
			blocks.push({ kind: cur.kind, depth: cur.depth, span: { start: cur.start, end: cur.end }, text: text.slice(cur.start, cur.end) });
		}
		cur = undefined;
	};
	let pos = Math.max(bodyFrom, yaml?.end ?? 0);
	// The next line feed, carriage return and tab at or after `pos` (the text's length when there is none), found by
	// the engine's search and searched again only once `pos` has passed them.
	let lf = -1, cr = -1, tab = -1;
	const next = (found: number, ch: string): number => {
		if (found >= pos) return found;
		const at = text.indexOf(ch, pos);
		return at < 0 ? text.length : at;
	};
	while (pos < text.length) {
		// Lines end at \n, \r\n or a lone \r (old Word exports), as LSP counts them.
		lf = next(lf, '\n');
		cr = next(cr, '\r');
		const lineEnd = Math.min(lf, cr);
		const eol = lineEnd < text.length && text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 1 : lineEnd;
		while (markIdx < sortedMarks.length && sortedMarks[markIdx].span.end <= pos) markIdx++;
		const mark = markIdx < sortedMarks.length && sortedMarks[markIdx].span.start <= pos ? sortedMarks[markIdx].info : undefined;
		// Leading and trailing whitespace (as String.prototype.trim sees it) is not part of the block.
		let start = pos, end = lineEnd;
		while (start < end && isWhiteSpace(text.charCodeAt(start))) start++;
		while (end > start && isWhiteSpace(text.charCodeAt(end - 1))) end--;
		if (mark?.code) { flush(); }
		else if (start === end) { flush(); }
		else {
			// CommonMark without GFM has no tables: tab-separated Word rows and pipe rows are recognised here.
			tab = next(tab, '\t');
			const tabular = tab < lineEnd || text.charCodeAt(start) === 124 && /^\s*\|.*\|\s*$/.test(text.slice(pos, lineEnd));
			if (mark?.heading) {
				flush();
				blocks.push({ kind: 'heading', depth: mark.heading, span: { start, end }, text: text.slice(start, end) });
			} else if (mark?.html) {
				flush();
				blocks.push({ kind: 'html', depth: 0, span: { start, end }, text: text.slice(start, end) });
			} else if (tabular) {
				flush();
				blocks.push({ kind: 'table', depth: 0, span: { start, end }, text: text.slice(start, end) });
			} else {
				if (cur && ITEM_START.test(text.slice(pos, lineEnd)) && !continuesReference(text.slice(cur.start, cur.end), text.slice(start, end))) flush();
				if (cur) cur.end = end;
				else cur = { start, end, kind: 'paragraph', depth: 0 };
			}
		}
		pos = eol + 1;
	}
	flush();
	return { blocks, yaml };
}
