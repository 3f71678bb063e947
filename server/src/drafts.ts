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

/**
 * The first `max` bytes of a regular file (the whole file when `whole` and it fits). Devices, FIFOs and folders are
 * refused before they are opened; the open is non-blocking and checked again on the descriptor, in case the file
 * was swapped in between.
 */
export function readRegularFile(file: string, max: number, whole = true): Buffer {
	if (!fs.statSync(file).isFile()) throw new Error('not a regular file');
	const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
	try {
		const stat = fs.fstatSync(fd);
		if (!stat.isFile()) throw new Error('not a regular file');
		if (whole && stat.size > max) throw new Error(`file is larger than ${max / 1024 / 1024} MB`);
		const buf = Buffer.alloc(Math.min(stat.size, max));
		let n = 0;
		while (n < buf.length) {
			const read = fs.readSync(fd, buf, n, buf.length - n, n);
			if (read === 0) break;
			n += read;
		}
		return buf.subarray(0, n);
	} finally {
		fs.closeSync(fd);
	}
}

/** Decode a text file: UTF-16 LE or BE when it starts with that byte-order mark, otherwise UTF-8 (BOM dropped). */
export function decodeText(buf: Buffer): string {
	if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
	if (buf[0] === 0xfe && buf[1] === 0xff) {
		const le = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
		le.swap16();
		return le.toString('utf16le');
	}
	return buf.toString('utf8').replace(/^\uFEFF/, '');
}

/** Whether the bytes start with a UTF-16 byte-order mark. */
function isUtf16(buf: Uint8Array): boolean {
	return (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
}

/** Read a draft as text (UTF-8, or UTF-16 with a BOM); refuses non-regular, binary and oversized files with a one-line reason. */
export function readDraft(file: string): string {
	const buf = readRegularFile(file, MAX_DRAFT_BYTES);
	if (!isUtf16(buf) && looksBinary(buf)) throw new Error('not a text file (binary content)');
	return decodeText(buf);
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
