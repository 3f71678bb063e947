import { LSPErrorCodes, ResponseError, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { Analysis } from './analysis';
import { workspaceEdit } from './codeActions';
import { toRange, toTextEdit } from './convert';
import { annexAt, renameAnnexEdits, renumberAnnexEdits } from './core';

/** Prepare rename: the label of a defined annex under the cursor (in a reference or its definition). */
export function prepareRenameAt(analysis: Analysis, offset: number): { range: Range; placeholder: string } | null {
	const hit = annexAt(analysis.result.doc, offset);
	if (!hit?.annex) return null;
	const { text } = analysis.result.doc;
	return { range: toRange(analysis.document, hit.labelSpan), placeholder: text.slice(hit.labelSpan.start, hit.labelSpan.end) };
}

/** Rename an annex label: its definition and every reference; a rejected request when the label is invalid or taken. */
export function renameAt(analysis: Analysis, offset: number, newName: string, documentChanges: boolean): WorkspaceEdit | null {
	const annex = annexAt(analysis.result.doc, offset)?.annex;
	if (!annex) return null;
	const edits = renameAnnexEdits(analysis.result.doc, annex, newName);
	if (typeof edits === 'string') throw new ResponseError(LSPErrorCodes.RequestFailed, edits);
	return workspaceEdit(analysis.document, edits.map(e => toTextEdit(analysis.document, e)), documentChanges);
}

/** The edit that renumbers every annex in order of definition, or undefined when they are numbered already. */
export function renumberEdit(analysis: Analysis, documentChanges: boolean): WorkspaceEdit | undefined {
	const edits = renumberAnnexEdits(analysis.result.doc);
	return edits.length ? workspaceEdit(analysis.document, edits.map(e => toTextEdit(analysis.document, e)), documentChanges) : undefined;
}
