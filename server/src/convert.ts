import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit, Finding, Fix, Severity, Span } from './core';
import { DIAGNOSTIC_SOURCE } from './protocol';

/** A fix as it travels in `Diagnostic.data`: LSP edits, and the range to select for placeholders. */
export interface FixData {
	readonly title: string;
	readonly kind: Fix['kind'];
	readonly mechanical: boolean;
	readonly edits: readonly TextEdit[];
	readonly select?: Range;
}

/** `Diagnostic.data`: everything a code action needs, tied to the document version it was computed for. */
export interface DiagnosticData {
	readonly version: number;
	readonly rule: string;
	readonly requirement?: string;
	readonly fixes: readonly FixData[];
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
	error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** The LSP range of a span. */
export function toRange(doc: TextDocument, span: Span): Range {
	return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

/** The LSP edit of a core edit. */
export function toTextEdit(doc: TextDocument, edit: Edit): TextEdit {
	return { range: toRange(doc, edit.span), newText: edit.text };
}

/** The `data` form of a fix. */
export function toFixData(doc: TextDocument, fix: Fix): FixData {
	return {
		title: fix.title, kind: fix.kind, mechanical: fix.mechanical, edits: fix.edits.map(e => toTextEdit(doc, e)),
		...(fix.select ? { select: toRange(doc, fix.select) } : {}),
	};
}

/** A finding as an LSP diagnostic with code, docs link, related places and its fixes in `data`. */
export function toDiagnostic(doc: TextDocument, finding: Finding): Diagnostic {
	const data: DiagnosticData = {
		version: doc.version, rule: finding.rule, ...(finding.requirement ? { requirement: finding.requirement } : {}),
		fixes: finding.fixes.map(f => toFixData(doc, f)),
	};
	const diagnostic: Diagnostic = {
		range: toRange(doc, finding.span), severity: SEVERITY[finding.severity], code: finding.rule,
		codeDescription: { href: finding.docs }, source: DIAGNOSTIC_SOURCE, message: finding.message, data,
	};
	if (finding.related.length) {
		diagnostic.relatedInformation = finding.related.map(r => ({
			location: { uri: r.uri ?? doc.uri, range: r.uri && r.uri !== doc.uri ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : toRange(doc, r.span) },
			message: r.message,
		}));
	}
	return diagnostic;
}

/** Whether a value looks like our diagnostic data (it comes back from the client untyped). */
export function isDiagnosticData(value: unknown): value is DiagnosticData {
	const d = value as DiagnosticData | undefined;
	return !!d && typeof d === 'object' && typeof d.version === 'number' && typeof d.rule === 'string' && Array.isArray(d.fixes);
}
