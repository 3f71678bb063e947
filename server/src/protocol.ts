/** Custom requests, notifications and commands shared by the language server and the VS Code client (plain types only). */

/** A range in LSP coordinates (0-based lines, UTF-16 columns). */
export interface PlainRange { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } }

/** `dpaLint/coverage`: the Art. 28 coverage of one document; null when the document is not a draft. */
export const COVERAGE_REQUEST = 'dpaLint/coverage';
export interface CoverageParams { readonly uri: string }
export interface RequirementReport {
	readonly id: string;
	readonly name: string;
	readonly ref: string;
	readonly explain: string;
	readonly status: 'present' | 'partial' | 'missing' | 'not-applicable';
	/** Names of the missing sub-elements of a partial requirement. */
	readonly missing: readonly string[];
	readonly evidence: readonly { readonly range: PlainRange; readonly text: string }[];
}
export interface CoverageReport {
	readonly uri: string;
	readonly version: number;
	/** Language of names and explanations. */
	readonly language: 'de' | 'en';
	readonly total: number;
	/** Present or not applicable. */
	readonly covered: number;
	readonly partial: number;
	readonly missing: number;
	readonly requirements: readonly RequirementReport[];
}

/** `dpaLint/lintFiles`: lint files (open or on disk) and publish their diagnostics. */
export const LINT_FILES_REQUEST = 'dpaLint/lintFiles';
export interface LintFilesParams { readonly uris: readonly string[] }
export interface LintFilesResult {
	/** Drafts that were linted. */
	readonly linted: readonly string[];
	/** Files that are no drafts or could not be read. */
	readonly skipped: readonly string[];
	readonly problems: number;
}

/** `dpaLint/newDraft`: a complete draft from the drafting library (front-matter, every clause numbered, annexes). */
export const NEW_DRAFT_REQUEST = 'dpaLint/newDraft';
export interface NewDraftParams {
	readonly language: 'de' | 'en';
	readonly authorisation: 'general' | 'specific';
	readonly controller?: string;
	readonly processor?: string;
}
export interface NewDraftResult { readonly text: string }

/** Notification from the client when the workspace trust changes. */
export const TRUST_NOTIFICATION = 'dpaLint/didChangeTrust';
export interface TrustParams { readonly trusted: boolean }

/** Server command: select a range in a document (via window/showDocument); arguments [uri, range]. */
export const SELECT_RANGE_COMMAND = 'dpaLint.selectRange';
/** Server command: renumber the annexes of a document and apply the edit; arguments [uri]. */
export const RENUMBER_COMMAND = 'dpaLint.server.renumberAnnexes';
export interface RenumberResult { readonly applied: boolean; readonly edits: number }

/** Code action kind of the fix-all source action (safe for editor.codeActionsOnSave). */
export const FIX_ALL_KIND = 'source.fixAll.dpa-lint';
/** `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'dpa-lint';
