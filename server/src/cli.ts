import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintFile, sarifFrame, type FileOptions, type FileOutcome, type Format, type ReportPart } from './cliLint';
import { isCliWorker, lintInWorkers, serveCliWorker } from './cliWorkers';
import { parseConfig, type LintConfig, type Lang } from './core';
import { decodeText, isDraft, readRegularFile } from './drafts';
import { reviewReport } from './report';

export { tuneEngine } from './engine';

const USAGE = `usage: dpa-lint [--format text|json|sarif|html] [--coverage] [--config FILE] [--lang de|en] [--jobs N] PATH...

Lints GDPR Art. 28 data processing agreements (Markdown drafts with front-matter "type: dpa", files named *.dpa.md,
or any file passed explicitly: plain-text .txt exports, Word .docx and text PDFs are read too).
  --format    text (default), json (the evaluation contract), sarif (SARIF 2.1.0 for code scanning)
              or html (a self-contained review report to send, on standard output)
  --coverage  also print the 21 Art. 28 requirements with status and evidence (text format)
  --config    use this .dpa-lint.yaml instead of searching upwards from each file
  --lang      language of the messages (default: the document's language)
  --jobs, -j  lint on N threads, this one and N-1 worker threads (default: one per CPU core, at most one per
              8 files); the output is the same, in the same order (html: always one thread)
Exit status: 0 no errors, 1 errors found, 2 usage or input error.`;

class UsageError extends Error {}

interface Args { format: Format; coverage: boolean; config?: string; lang?: Lang; jobs?: number; paths: string[] }

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
		} else if (a === '--jobs' || a.startsWith('--jobs=') || a.startsWith('-j')) {
			const n = /^-j./.test(a) ? a.slice(2) : value();
			if (!/^\d+$/.test(n) || Number(n) < 1) throw new UsageError(`--jobs needs a whole number of at least 1, not "${n}"`);
			args.jobs = Number(n);
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
	const options: FileOptions = { format: args.format, coverage: args.coverage, lang: args.lang, config: fixedConfig };
	// Each file's output is printed as soon as it and all files before it are linted, so a run over many drafts holds
	// a few drafts at a time (the HTML report, one document for all drafts of the run, keeps their results).
	const out = process.stdout;
	// A reader that stops early (`dpa-lint … | head`) is no error: stop quietly, as other command-line tools do.
	out.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
	const reports: ReportPart[] = [];
	const progress = new Progress(files.length);
	let inputError = false, linted = 0, errors = 0, warnings = 0, sarifResults = 0, done = 0;
	const emit = (o: FileOutcome): void => {
		if (o.stderr) { progress.clear(); process.stderr.write(o.stderr); }
		errors += o.errors;
		warnings += o.warnings;
		if (!o.linted) inputError = true;
		else {
			if (out.isTTY && o.piece) progress.clear();
			if (args.format === 'json') out.write(`${linted ? ',' : ''}\n${o.piece}`);
			else if (args.format === 'sarif' && o.piece) out.write(`${sarifResults++ ? `,\n${sarifFrame().indent}` : sarifFrame().head}${o.piece}`);
			else if (args.format === 'text') out.write(o.piece);
			linted++;
		}
		progress.update(++done);
	};
	if (args.format === 'json') out.write('{\n  "version": 1,\n  "files": [');
	// The HTML report needs every result whole: it is made in this thread.
	// A worker costs about a second of start-up (its own compiler warm-up, bundle and catalogue): by default, one thread
	// per core but no more than one per eight drafts, so a run over a few drafts stays in this thread. This thread is
	// one of them: it lints while the workers start.
	const jobs = args.format === 'html' ? 1 : Math.min(args.jobs ?? Math.max(1, Math.min(os.availableParallelism(), Math.floor(files.length / 8))), files.length);
	try {
		if (jobs > 1) await lintInWorkers(files, options, jobs, __filename, emit, { here: true });
		else {
			for (const file of files) {
				emit(await lintFile(file, options, reports));
				// A turn of the event loop between files: a signal, or the end of the process that started this one
				// (bin/dpa-lint.js), is noticed during a long run, not after it.
				await new Promise<void>(resolve => setImmediate(resolve));
			}
		}
	} finally {
		progress.clear(true);
	}
	if (args.format === 'json') out.write(`${linted ? '\n  ' : ''}]\n}\n`);
	else if (args.format === 'html') out.write(reviewReport(reports.map(r => ({ ...r, modified: fs.statSync(r.file).mtime })), { lang: args.lang }));
	else if (args.format === 'sarif') out.write(`${sarifResults ? sarifFrame().tail : sarifFrame().empty}\n`);
	else out.write(`${linted} file(s): ${errors} error(s), ${warnings} warning(s)\n`);
	if (inputError) return 2;
	return errors > 0 ? 1 : 0;
}

/**
 * "linting 345/1000 …" on standard error, rewritten in place, when it is a terminal and the run is long (more than
 * 20 files, or more than a second); cleared before anything else is printed to the terminal and at the end.
 */
class Progress {
	readonly #enabled: boolean;
	readonly #start = Date.now();
	#shown = false;
	#drawn = 0;
	#done = 0;
	#timer: NodeJS.Timeout | undefined;
	constructor(private readonly total: number) {
		this.#enabled = !!process.stderr.isTTY && total > 1;
		if (this.#enabled && total <= 20) this.#timer = setTimeout(() => this.#draw(), 1000).unref();
	}
	update(done: number): void {
		this.#done = done;
		if (!this.#enabled || done >= this.total) return;
		const now = Date.now();
		if ((this.total > 20 || now - this.#start >= 1000) && (!this.#shown || now - this.#drawn >= 100)) this.#draw();
	}
	#draw(): void {
		process.stderr.write(`\r\x1b[Klinting ${this.#done}/${this.total} …`);
		this.#shown = true;
		this.#drawn = Date.now();
	}
	/** Take the line away (before other output; for good at the end). */
	clear(end = false): void {
		if (end && this.#timer) clearTimeout(this.#timer);
		if (!this.#shown) return;
		process.stderr.write('\r\x1b[K');
		this.#shown = false;
	}
}

// Run directly (node out/server/src/cli.js …): the evaluation uses the freshly compiled CLI this way. The same module
// is the script of the worker threads of a run over many drafts (bundled in dist/cli.js, or out/server/src/cli.js).
if (isCliWorker()) serveCliWorker();
else if (require.main === module) void main(process.argv.slice(2)).then(code => { process.exitCode = code; });
