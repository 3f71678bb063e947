import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import { annexAt, annexReferences, clauseRefAt, definitionLabelSpan, type Annex } from './core';
import { readDraft } from './drafts';
import { uriToPath } from './settings';

/** The file an annex kept separately lives in, resolved relative to the draft; undefined outside the file system. */
export function annexFile(documentUri: string, annex: Annex): string | undefined {
	const draft = uriToPath(documentUri);
	if (!draft || !annex.file) return undefined;
	return path.resolve(path.dirname(draft), annex.file);
}

/** The first non-empty lines of an annex file, for a hover; none when it cannot be read. */
export function annexFileLines(documentUri: string, annex: Annex, max = 6): string[] {
	const file = annexFile(documentUri, annex);
	if (!file) return [];
	try {
		return readDraft(file).replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, '').split(/\r?\n/).filter(l => l.trim() !== '').slice(0, max);
	} catch { return []; }
}

function annexLocation(analysis: Analysis, annex: Annex): Location | undefined {
	const file = annexFile(analysis.document.uri, annex);
	if (annex.file) {
		if (!file || !fs.existsSync(file)) return undefined;
		return { uri: pathToFileURL(file).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
	}
	return { uri: analysis.document.uri, range: toRange(analysis.document, annex.span) };
}

/** Go to definition: from an annex reference to the annex (also in its own file), from a clause reference to the clause. */
export function definitionAt(analysis: Analysis, offset: number): Location | null {
	const { doc } = analysis.result;
	const hit = annexAt(doc, offset);
	if (hit) return hit.annex ? annexLocation(analysis, hit.annex) ?? null : null;
	const target = clauseRefAt(doc, offset)?.target;
	return target ? { uri: analysis.document.uri, range: toRange(analysis.document, target.span) } : null;
}

/** Find references: every reference to the annex at the offset, and its definition when asked for. */
export function referencesAt(analysis: Analysis, offset: number, includeDeclaration: boolean): Location[] {
	const { doc } = analysis.result;
	const annex = annexAt(doc, offset)?.annex;
	if (!annex) return [];
	const locations = annexReferences(doc, annex).map(r => ({ uri: analysis.document.uri, range: toRange(analysis.document, r.span) }));
	const declaration = annex.file ? definitionLabelSpan(doc, annex) : annex.span;
	if (includeDeclaration && declaration) locations.unshift({ uri: analysis.document.uri, range: toRange(analysis.document, declaration) });
	return locations;
}
