/** Requests for reviewing Word and PDF drafts and exporting the review report (plain types, shared with the client). */

/** `dpaLint/convertDocument`: a .docx or .pdf on disk as the Markdown DPA Lint reads; fails with a one-line reason. */
export const CONVERT_REQUEST = 'dpaLint/convertDocument';
export interface ConvertParams { readonly uri: string; readonly lang?: 'de' | 'en' }
export interface ConvertResult { readonly text: string; readonly note: string }

/** `dpaLint/reviewReport`: the HTML review report of an open draft; null when it is not a draft. */
export const REPORT_REQUEST = 'dpaLint/reviewReport';
export interface ReportParams { readonly uri: string }
export interface ReportResult { readonly html: string; readonly name: string }
