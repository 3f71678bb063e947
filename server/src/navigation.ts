import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver';
import type { Analysis } from './analysis';
import { annexFilePreview } from './annexFiles';
import { toRange } from './convert';
import { annexAt, annexReferences, clauseRefAt, definitionLabelSpan, type Annex } from './core';

/** The first non-empty lines of an annex kept in its own file, for a hover; none when the file may not or cannot be read. */
export function annexFileLines(analysis: Analysis, annex: Annex): string[] {
	const resolution = annex.file ? analysis.annexFile?.(annex.file) : undefined;
	return resolution ? annexFilePreview(resolution) : [];
}

function annexLocation(analysis: Analysis, annex: Annex): Location | undefined {
	if (annex.file) {
		const file = analysis.annexFile?.(annex.file).path;
		return file ? { uri: pathToFileURL(file).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : undefined;
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
