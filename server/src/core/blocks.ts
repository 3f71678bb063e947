/** Helpers for the text of a block: what precedes its words. */

/** Strip list bullets, Word bookmarks and emphasis at the start of a block, returning how many characters were skipped. */
export function leadSkip(text: string): number {
	const m = /^(?:\s*(?:[-*+•]\s+|\[bookmark: [^\]]*\]|\*\*|__|\*|_|#+\s+))*/.exec(text);
	return m ? m[0].length : 0;
}
/** Word bookmarks left in exported text ("[bookmark: _GoBack]"). */
export const BOOKMARK = /\[bookmark: [^\]]*\]/g;
/** A line break as LSP counts them: \r\n, \n or a lone \r. */
export const LINE_BREAK = /\r\n?|\n/;
