import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from './analysis';
import { isDiagnosticData, toTextEdit, type FixData } from './convert';
import type { Fix } from './core';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SELECT_RANGE_COMMAND } from './protocol';

/** Whether a requested kind (`only` entry) covers `kind`: "source" covers "source.fixAll.dpa-lint". */
function covers(requested: string, kind: string): boolean {
	return requested === '' || kind === requested || kind.startsWith(`${requested}.`);
}

function wanted(only: readonly string[] | undefined, kind: string, byDefault: boolean): boolean {
	return only ? only.some(k => covers(k, kind)) : byDefault;
}

/** A workspace edit on one document version (`documentChanges` when the client supports it, else `changes`). */
export function workspaceEdit(document: TextDocument, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
	return documentChanges
		? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] }
		: { changes: { [document.uri]: edits } };
}

function quickFix(document: TextDocument, diagnostic: Diagnostic, fix: FixData, preferred: boolean, documentChanges: boolean): CodeAction {
	const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
	if (preferred) action.isPreferred = true;
	if (fix.select) action.command = { title: fix.title, command: SELECT_RANGE_COMMAND, arguments: [document.uri, fix.select] };
	else action.edit = workspaceEdit(document, [...fix.edits], documentChanges);
	return action;
}

/** Quick fixes read from each of our diagnostics' `data`; diagnostics of another document version yield nothing. */
export function quickFixes(document: TextDocument, params: CodeActionParams, documentChanges: boolean): CodeAction[] {
	if (!wanted(params.context.only, CodeActionKind.QuickFix, true)) return [];
	const actions: CodeAction[] = [];
	for (const diagnostic of params.context.diagnostics) {
		if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isDiagnosticData(diagnostic.data)) continue;
		if (diagnostic.data.version !== document.version) continue;
		diagnostic.data.fixes.forEach((fix, i) => actions.push(quickFix(document, diagnostic, fix, i === 0 && !fix.kind.startsWith('suppress'), documentChanges)));
	}
	return actions;
}

/** Whether the request asks for the fix-all source action. */
export function wantsFixAll(params: CodeActionParams): boolean {
	return wanted(params.context.only, FIX_ALL_KIND, false);
}

/** The first mechanical fix of every finding, skipping edits that overlap one already taken. */
export function mechanicalEdits(analysis: Analysis): TextEdit[] {
	const taken: { start: number; end: number }[] = [];
	const edits: TextEdit[] = [];
	for (const finding of analysis.result.findings) {
		const fix: Fix | undefined = finding.fixes.find(f => f.mechanical);
		if (!fix) continue;
		const spans = fix.edits.map(e => e.span);
		const clash = spans.some(s => taken.some(t => (s.start < t.end && t.start < s.end) || (s.start === s.end && s.start === t.start)));
		if (clash) continue;
		taken.push(...spans);
		edits.push(...fix.edits.map(e => toTextEdit(analysis.document, e)));
	}
	return edits;
}

/** `source.fixAll.dpa-lint`: the mechanical fixes of the current text (never legal text); none when nothing to fix. */
export function fixAll(analysis: Analysis, documentChanges: boolean, title: string): CodeAction[] {
	const edits = mechanicalEdits(analysis);
	if (!edits.length) return [];
	return [{ title, kind: FIX_ALL_KIND, edit: workspaceEdit(analysis.document, edits, documentChanges) }];
}
