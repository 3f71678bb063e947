import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { unchangedEnds } from './core';

/**
 * How an earlier version of a document and the current one correspond: the text before and after what changed in
 * between is the same, so an offset there has its counterpart in the other version; inside the change it has none.
 */
export class VersionMap {
	/** Characters at the start and at the end that are the same in both versions. */
	readonly #prefix: number;
	readonly #suffix: number;

	constructor(readonly earlier: TextDocument, readonly current: TextDocument) {
		[this.#prefix, this.#suffix] = unchangedEnds(earlier.getText(), current.getText());
	}

	/** The offset in the earlier version of the character at `offset` in the current one, if that is unchanged. */
	toEarlier(offset: number): number | undefined {
		if (offset < this.#prefix) return offset;
		const delta = this.current.getText().length - this.earlier.getText().length;
		return offset >= this.current.getText().length - this.#suffix ? offset - delta : undefined;
	}

	/**
	 * `range` of the earlier version in the current one, when all of it lies in unchanged text (before or after the
	 * change); undefined otherwise.
	 */
	toCurrent(range: Range): Range | undefined {
		const start = this.earlier.offsetAt(range.start), end = this.earlier.offsetAt(range.end);
		const after = this.earlier.getText().length - this.#suffix;
		const delta = this.current.getText().length - this.earlier.getText().length;
		if (end <= this.#prefix) return { start: this.current.positionAt(start), end: this.current.positionAt(end) };
		if (start >= after) return { start: this.current.positionAt(start + delta), end: this.current.positionAt(end + delta) };
		return undefined;
	}
}
