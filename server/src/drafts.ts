import * as fs from 'node:fs';
import * as path from 'node:path';

/** Largest draft the tools read; beyond it the file is refused with a clear message. */
export const MAX_DRAFT_BYTES = 20 * 1024 * 1024;

/** A file is a DPA draft when its front-matter says `type: dpa` or its name ends in `.dpa.md`. */
export function isDraft(fileName: string, text: string): boolean {
	if (/\.dpa\.md$/i.test(path.basename(fileName))) return true;
	const fm = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text.slice(0, 20000));
	return !!fm && /^type:\s*["']?dpa["']?\s*(?:#.*)?$/m.test(fm[1]);
}

/** Read a draft as UTF-8 text; refuses binary files and oversized files with a one-line reason. */
export function readDraft(file: string): string {
	const stat = fs.statSync(file);
	if (stat.size > MAX_DRAFT_BYTES) throw new Error(`file is larger than ${MAX_DRAFT_BYTES / 1024 / 1024} MB`);
	const buf = fs.readFileSync(file);
	if (looksBinary(buf)) throw new Error('not a text file (binary content)');
	return buf.toString('utf8').replace(/^\uFEFF/, '');
}

/** NUL bytes or a high share of control characters in the first 8 KB mean binary content. */
export function looksBinary(buf: Uint8Array): boolean {
	const n = Math.min(buf.length, 8192);
	let control = 0;
	for (let i = 0; i < n; i++) {
		const b = buf[i];
		if (b === 0) return true;
		if (b < 9 || (b > 13 && b < 32)) control++;
	}
	return n > 0 && control / n > 0.1;
}
