import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnnexFileProblem } from './core';
import { decodeText, MAX_DRAFT_BYTES, readRegularFile } from './drafts';

/** Where a file to read (an annex file, a draft to lint from disk) really is, or why it is not read. */
export type AnnexFileResolution =
	| { readonly path: string; readonly problem?: undefined }
	| { readonly path?: undefined; readonly problem: AnnexFileProblem };

/** Bytes of an annex file read for a hover preview. */
const PREVIEW_BYTES = 64 * 1024;

function isInside(file: string, root: string): boolean {
	const rel = path.relative(root, file);
	return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The folder annex files must stay in: the deepest of `folders` (workspace folders, the CLI's cwd) holding the draft, else the draft's own folder. */
export function confinementRoot(draft: string, folders: readonly string[]): string {
	const holding = folders.filter(f => isInside(draft, f)).sort((a, b) => b.length - a.length);
	return holding[0] ?? path.dirname(draft);
}

/**
 * A file for reading, confined to `root`: its real path (symlinks resolved) must be inside the real root, a regular
 * file and within the size cap. Only metadata is consulted; nothing is opened.
 */
export function confinedFile(file: string, root: string): AnnexFileResolution {
	let realRoot: string, real: string;
	try { realRoot = fs.realpathSync(root); } catch { return { problem: 'outside' }; }
	try { real = fs.realpathSync(file); } catch {
		// Whether something exists outside the root is not told.
		return { problem: isInside(file, root) || isInside(file, realRoot) ? 'missing' : 'outside' };
	}
	if (!isInside(real, realRoot)) return { problem: 'outside' };
	let stat: fs.Stats;
	try { stat = fs.statSync(real); } catch { return { problem: 'missing' }; }
	if (!stat.isFile()) return { problem: 'not-regular' };
	if (stat.size > MAX_DRAFT_BYTES) return { problem: 'too-large' };
	return { path: real };
}

/** An annex file named in a draft's front-matter (relative to the draft's folder, or absolute), confined to `root`. */
export function resolveAnnexFile(draft: string, file: string, root: string): AnnexFileResolution {
	return confinedFile(path.resolve(path.dirname(draft), file), root);
}

/** The first non-empty lines of a resolved annex file (front-matter skipped), read with a size cap; none when it cannot be read. */
export function annexFilePreview(resolution: AnnexFileResolution, max = 6): string[] {
	if (!resolution.path) return [];
	try {
		const text = decodeText(readRegularFile(resolution.path, PREVIEW_BYTES, false));
		return text.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, '').split(/\r?\n/).filter(l => l.trim() !== '').slice(0, max);
	} catch { return []; }
}
