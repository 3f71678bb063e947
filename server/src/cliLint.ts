/**
 * One file of a CLI run: read (or convert), lint, and make what the CLI prints for it. The same code runs inline
 * and on the worker threads of a run over many drafts (cliWorkers.ts), so there is one code path for the output.
 */
import * as path from 'node:path';
import { confinementRoot, resolveAnnexFile } from './annexFiles';
import { defaultCatalogue, lint, LineIndex, loadConfigFor, type AnnexFileProblem, type Coverage, type LintConfig, type LintResult, type Lang } from './core';
import { readDraft } from './drafts';
import { conversionNote, convertedMarkdown, formatOf, readConverted, type Converted } from './formats';

export type Format = 'text' | 'json' | 'sarif' | 'html';

/** What a file needs of the command line; plain data, so that it can be sent to a worker. */
export interface FileOptions {
	readonly format: Format;
	readonly coverage: boolean;
	readonly lang?: Lang;
	/** The configuration of --config; otherwise each file's .dpa-lint.yaml is looked up. */
	readonly config?: LintConfig;
}

/** What the CLI prints for one file, as plain strings and numbers (what a worker sends back). */
export interface FileOutcome {
	/** For standard error, printed before the output: the conversion note, the error line. */
	stderr: string;
	/** Whether the file was linted (it then has an output piece); false after an input error. */
	linted: boolean;
	errors: number;
	warnings: number;
	/**
	 * Its part of standard output: text, the finding lines (and the coverage table); json, its entry of the "files"
	 * array, indented; sarif, its results, indented and joined (empty without findings); html, nothing.
	 */
	piece: string;
}

/** Present for the HTML report only (never sent between threads): the report needs the whole result. */
export interface ReportPart { readonly file: string; readonly result: LintResult; readonly converted?: Converted }

/** Read, convert, lint and format one file. Never throws: an input error is a line on stderr and `linted: false`. */
export async function lintFile(file: string, options: FileOptions, report?: ReportPart[]): Promise<FileOutcome> {
	const outcome: FileOutcome = { stderr: '', linted: false, errors: 0, warnings: 0, piece: '' };
	try {
		// Word and PDF drafts are converted to Markdown first (numbering, tables, tracked changes accepted).
		const converted = formatOf(file) ? await readConverted(file) : undefined;
		if (converted) outcome.stderr += `dpa-lint: ${file}: ${conversionNote(converted, 'en')}\n`;
		const text = converted ? convertedMarkdown(converted, path.basename(file)) : readDraft(file);
		const config = options.config ?? loadConfigFor(file);
		// Annex files named in the front-matter must stay inside the working directory (or the draft's folder outside it).
		const root = confinementRoot(path.resolve(file), [process.cwd()]);
		const annexFile = (f: string): AnnexFileProblem | undefined => resolveAnnexFile(path.resolve(file), f, root).problem;
		const result = lint(text, file, { config, messageLanguage: options.lang, annexFile });
		outcome.errors = result.findings.filter(f => f.severity === 'error').length;
		outcome.warnings = result.findings.filter(f => f.severity === 'warning').length;
		// Indented after each line break of the JSON text, which are all "\n": a line separator (U+2028) in a path or a
		// message stays as it is inside its string ("^" of a multiline pattern starts a line after it too).
		if (options.format === 'json') outcome.piece = indent(JSON.stringify(jsonEntry(file, result), null, 2), '    ');
		else if (options.format === 'sarif') outcome.piece = sarifResults(file, result).map(r => JSON.stringify(r, null, 2).replace(/\n/g, `\n${sarifFrame().indent}`)).join(`,\n${sarifFrame().indent}`);
		else if (options.format === 'html') report?.push({ file, result, converted });
		else outcome.piece = textPiece(file, result, options.coverage);
		outcome.linted = true;
	} catch (e) {
		outcome.stderr += `dpa-lint: ${file}: ${(e as Error).message}\n`;
	}
	return outcome;
}

/** `text` with `by` before each of its lines ("\n" ends a line). */
export const indent = (text: string, by: string): string => by + text.replaceAll('\n', `\n${by}`);

function rangeOf(lines: LineIndex, span: { start: number; end: number }): { start: { line: number; character: number }; end: { line: number; character: number } } {
	return { start: lines.position(span.start), end: lines.position(span.end) };
}

/** One file of the JSON contract (docs/EVALUATION-CONTRACT.md). */
function jsonEntry(file: string, result: LintResult): unknown {
	const lines = result.doc.lines;
	return {
		path: file, language: result.doc.lang,
		coverage: result.coverage.map(c => ({
			requirement: c.requirement, status: c.status, evidence: c.evidence.map(s => ({ range: rangeOf(lines, s) })),
			...(c.missing.length ? { missing: c.missing } : {}), ...(c.note ? { note: c.note } : {}), reason: c.reason ?? '',
		})),
		findings: result.findings.map(f => ({
			rule: f.rule, severity: f.severity, message: f.message, range: rangeOf(lines, f.span), requirement: f.requirement ?? null, docs: f.docs,
		})),
	};
}

/** `file:line:col severity rule message` per finding, and the coverage table when asked for. */
function textPiece(file: string, result: LintResult, coverage: boolean): string {
	const lines = result.doc.lines;
	let out = '';
	for (const f of result.findings) {
		const p = lines.position(f.span.start);
		out += `${file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.rule} ${f.message}\n`;
	}
	if (coverage) out += `\n${file}\n${coverageTable(result, lines, result.lang)}\n\n`;
	return out;
}

function coverageTable(result: LintResult, lines: LineIndex, lang: Lang): string {
	const cat = defaultCatalogue();
	const statusWord: Record<Coverage['status'], string> = lang === 'de'
		? { present: 'vorhanden', partial: 'teilweise', missing: 'fehlt', 'not-applicable': 'entfällt' }
		: { present: 'present', partial: 'partial', missing: 'missing', 'not-applicable': 'n/a' };
	const rows = result.coverage.map(c => {
		const req = cat.requirements.find(r => r.id === c.requirement)!;
		const where = c.evidence.slice(0, 4).map(s => lines.position(s.start).line + 1).join(', ') + (c.evidence.length > 4 ? ', …' : '');
		const row = `  ${c.requirement.padEnd(32)} ${statusWord[c.status].padEnd(10)} ${where ? (lang === 'de' ? 'Zeile ' : 'line ') + where : ''}  ${req.name[lang]}`;
		return c.reason ? `${row}\n      ${c.reason}` : row;
	});
	const present = result.coverage.filter(c => c.status === 'present').length;
	return `${lang === 'de' ? 'Art. 28-Abdeckung' : 'Art. 28 coverage'}: ${present}/${result.coverage.length}\n${rows.join('\n')}`;
}

const level = (s: string): string => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');

/** The SARIF results of one file: all a run keeps of it. */
function sarifResults(file: string, result: LintResult): unknown[] {
	const lines = result.doc.lines;
	return result.findings.map(f => {
		const s = lines.position(f.span.start), e = lines.position(f.span.end);
		return {
			ruleId: f.rule, level: level(f.severity), message: { text: f.message },
			locations: [{ physicalLocation: {
				artifactLocation: { uri: file.split(path.sep).join('/') },
				region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
			} }],
			...(f.requirement ? { properties: { requirement: f.requirement } } : {}),
		};
	});
}

function sarif(results: readonly unknown[]): unknown {
	const cat = defaultCatalogue();
	return {
		version: '2.1.0',
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		runs: [{
			tool: { driver: {
				name: 'dpa-lint', informationUri: 'https://github.com/dpa-lint/dpa-lint', version: '0.1.0',
				rules: [...cat.rules.values()].map(r => ({
					id: r.id, shortDescription: { text: r.description.en }, fullDescription: { text: r.description.en },
					helpUri: `${cat.docsBase}#${r.id}`, defaultConfiguration: { level: level(r.severity) },
				})),
			} },
			results,
		}],
	};
}

/**
 * The SARIF document `JSON.stringify(sarif(results), null, 2)` cut around its results, so that a run streams them:
 * `head`, the files' pieces joined by `,\n` + `indent`, `tail`; `empty` is the whole document without results.
 */
export interface SarifFrame { readonly head: string; readonly indent: string; readonly tail: string; readonly empty: string }

let frame: SarifFrame | undefined;
export function sarifFrame(): SarifFrame {
	if (frame) return frame;
	const mark = '\u0000results\u0000';
	const whole = JSON.stringify(sarif([mark]), null, 2), at = whole.indexOf(JSON.stringify(mark));
	const head = whole.slice(0, at);
	frame = { head, indent: head.slice(head.lastIndexOf('\n') + 1), tail: whole.slice(at + JSON.stringify(mark).length), empty: JSON.stringify(sarif([]), null, 2) };
	return frame;
}
