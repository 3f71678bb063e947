/** Helpers for the text of a block: what precedes its words. */

/** Strip list bullets, Word bookmarks and emphasis at the start of a block, returning how many characters were skipped. */
export function leadSkip(text: string): number {
	// One mark at a time: a regular expression repeating the group overflows its stack on "- - - …" thousands long.
	let at = 0;
	for (LEAD.lastIndex = 0; LEAD.test(text); LEAD.lastIndex = at) at = LEAD.lastIndex;
	return at;
}
const LEAD = /\s*(?:[-*+•]\s+|\[bookmark: [^\]]*\]|\*\*|__|\*|_|#+\s+)/y;
/** Word bookmarks left in exported text ("[bookmark: _GoBack]"). */
export const BOOKMARK = /\[bookmark: [^\]]*\]/g;
/** A line break as LSP counts them: \r\n, \n or a lone \r. */
export const LINE_BREAK = /\r\n?|\n/;

/** The line of `text` that starts at `from`, without its line break (`text.slice(from).split(LINE_BREAK)[0]`, the rest not split). */
export function firstLine(text: string, from = 0): string {
	// Searched for, not walked to: most blocks are one line (a paragraph), read to its end.
	let end = text.indexOf('\n', from);
	if (end < 0) end = text.length;
	const cr = text.indexOf('\r', from);
	return text.slice(from, cr >= 0 && cr < end ? cr : end);
}
