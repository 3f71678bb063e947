import * as fs from 'node:fs';
import * as path from 'node:path';
import { confinementRoot, resolveAnnexFile } from './annexFiles';
import { defaultCatalogue, lint, LineIndex, loadConfigFor, parseConfig, type AnnexFileProblem, type Coverage, type LintConfig, type LintResult, type Lang } from './core';
import { decodeText, isDraft, readDraft, readRegularFile } from './drafts';
import { conversionNote, convertedMarkdown, formatOf, readConverted, type Converted } from './formats';
import { reviewReport } from './report';

const USAGE = `usage: dpa-lint [--format text|json|sarif|html] [--coverage] [--config FILE] [--lang de|en] PATH...

Lints GDPR Art. 28 data processing agreements (Markdown drafts with front-matter "type: dpa", files named *.dpa.md,
or any file passed explicitly: plain-text .txt exports, Word .docx and text PDFs are read too).
  --format    text (default), json (the evaluation contract), sarif (SARIF 2.1.0 for code scanning)
              or html (a self-contained review report to send, on standard output)
  --coverage  also print the 21 Art. 28 requirements with status and evidence (text format)
  --config    use this .dpa-lint.yaml instead of searching upwards from each file
  --lang      language of the messages (default: the document's language)
Exit status: 0 no errors, 1 errors found, 2 usage or input error.`;

class UsageError extends Error {}

interface Args { format: 'text' | 'json' | 'sarif' | 'html'; coverage: boolean; config?: string; lang?: Lang; paths: string[] }

function parseArgs(argv: readonly string[]): Args {
	const args: Args = { format: 'text', coverage: false, paths: [] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = (): string => {
			const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
			if (v === undefined) throw new UsageError(`${a.split('=')[0]} needs a value`);
			return v;
		};
		if (a === '--help' || a === '-h') { process.stdout.write(USAGE + '\n'); process.exit(0); }
		else if (a.startsWith('--format')) {
			const f = value();
			if (f !== 'text' && f !== 'json' && f !== 'sarif' && f !== 'html') throw new UsageError(`unknown format "${f}"`);
			args.format = f;
		} else if (a === '--coverage') args.coverage = true;
		else if (a.startsWith('--config')) args.config = value();
		else if (a.startsWith('--lang')) {
			const l = value();
			if (l !== 'de' && l !== 'en') throw new UsageError(`unknown language "${l}"`);
			args.lang = l;
		} else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
		else args.paths.push(a);
	}
	if (!args.paths.length) throw new UsageError('no PATH given');
	return args;
}

/** Files to lint: explicit files always; in folders, Markdown drafts (front-matter `type: dpa` or `*.dpa.md`). */
function collect(p: string): string[] {
	let stat: fs.Stats;
	try { stat = fs.statSync(p); } catch { throw new UsageError(`${p}: no such file or directory`); }
	if (stat.isFile()) return [p];
	if (!stat.isDirectory()) throw new UsageError(`${p}: not a file or directory`);
	const out: string[] = [];
	const walk = (dir: string): void => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			if (e.name.startsWith('.') || e.name === 'node_modules') continue;
			const full = path.join(dir, e.name);
			if (e.isDirectory()) walk(full);
			else if (e.isFile() && /\.(md|markdown)$/i.test(e.name) && isDraft(full, readHead(full))) out.push(full);
		}
	};
	walk(p);
	if (!out.length) throw new UsageError(`${p}: no DPA drafts found (front-matter "type: dpa" or *.dpa.md)`);
	return out;
}

function readHead(file: string): string {
	try { return decodeText(readRegularFile(file, 4096, false)); } catch { return ''; }
}

function rangeOf(lines: LineIndex, span: { start: number; end: number }): { start: { line: number; character: number }; end: { line: number; character: number } } {
	return { start: lines.position(span.start), end: lines.position(span.end) };
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
	const lines = new LineIndex(result.doc.text);
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

/** Run the CLI; returns the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
	let args: Args;
	let files: string[];
	let fixedConfig: LintConfig | undefined;
	try {
		args = parseArgs(argv);
		files = [...new Set(args.paths.flatMap(collect))];
		if (args.config) {
			try { fixedConfig = parseConfig(fs.readFileSync(args.config, 'utf8'), args.config); }
			catch (e) { throw new UsageError(e instanceof UsageError ? e.message : `${args.config}: ${(e as Error).message.replace(/^.*?: /, '')}`); }
		}
	} catch (e) {
		process.stderr.write(`dpa-lint: ${(e as Error).message}\n${e instanceof UsageError ? 'Try dpa-lint --help.\n' : ''}`);
		return 2;
	}
	// Each file's output is made as soon as it is linted, so a run over many drafts holds one draft at a time (the
	// HTML report, one document for all drafts of the run, keeps their results).
	const out = process.stdout;
	const reports: { file: string; result: LintResult; converted?: Converted }[] = [];
	const sarifRuns: unknown[] = [];
	let inputError = false, linted = 0, errors = 0, warnings = 0;
	if (args.format === 'json') out.write('{\n  "version": 1,\n  "files": [');
	for (const file of files) {
		try {
			// Word and PDF drafts are converted to Markdown first (numbering, tables, tracked changes accepted).
			const converted = formatOf(file) ? await readConverted(file) : undefined;
			if (converted) process.stderr.write(`dpa-lint: ${file}: ${conversionNote(converted, 'en')}\n`);
			const text = converted ? convertedMarkdown(converted, path.basename(file)) : readDraft(file);
			const config = fixedConfig ?? loadConfigFor(file);
			// Annex files named in the front-matter must stay inside the working directory (or the draft's folder outside it).
			const root = confinementRoot(path.resolve(file), [process.cwd()]);
			const annexFile = (f: string): AnnexFileProblem | undefined => resolveAnnexFile(path.resolve(file), f, root).problem;
			const result = lint(text, file, { config, messageLanguage: args.lang, annexFile });
			errors += result.findings.filter(f => f.severity === 'error').length;
			warnings += result.findings.filter(f => f.severity === 'warning').length;
			if (args.format === 'json') out.write(`${linted ? ',' : ''}\n${JSON.stringify(jsonEntry(file, result), null, 2).replace(/^/gm, '    ')}`);
			else if (args.format === 'sarif') sarifRuns.push(...sarifResults(file, result));
			else if (args.format === 'html') reports.push({ file, result, converted });
			else writeText(file, result, args.coverage);
			linted++;
		} catch (e) {
			process.stderr.write(`dpa-lint: ${file}: ${(e as Error).message}\n`);
			inputError = true;
		}
	}
	if (args.format === 'json') out.write(`${linted ? '\n  ' : ''}]\n}\n`);
	else if (args.format === 'html') out.write(reviewReport(reports.map(r => ({ ...r, modified: fs.statSync(r.file).mtime })), { lang: args.lang }));
	else if (args.format === 'sarif') out.write(JSON.stringify(sarif(sarifRuns), null, 2) + '\n');
	else out.write(`${linted} file(s): ${errors} error(s), ${warnings} warning(s)\n`);
	if (inputError) return 2;
	return errors > 0 ? 1 : 0;
}

/** One file of the JSON contract (docs/EVALUATION-CONTRACT.md). */
function jsonEntry(file: string, result: LintResult): unknown {
	const lines = new LineIndex(result.doc.text);
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
function writeText(file: string, result: LintResult, coverage: boolean): void {
	const lines = new LineIndex(result.doc.text);
	for (const f of result.findings) {
		const p = lines.position(f.span.start);
		process.stdout.write(`${file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.rule} ${f.message}\n`);
	}
	if (coverage) process.stdout.write(`\n${file}\n${coverageTable(result, lines, result.lang)}\n\n`);
}

// Run directly (node out/server/src/cli.js …): the evaluation uses the freshly compiled CLI this way.
if (require.main === module) void main(process.argv.slice(2)).then(code => { process.exitCode = code; });
