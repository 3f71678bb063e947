/**
 * V8's settings for a process that lints: the CLI (`dpa-lint`, a batch over many drafts) and the language server. They
 * are set by the process's entry (bin/dpa-lint.js, main.ts) before any draft is analysed, and hold for the whole
 * process: the CLI's worker threads have them too. Never set by the analysis core, which may run inside someone
 * else's process.
 *
 * V8's defaults suit a web page, where most functions and most regular expressions run a few times. An analysis runs
 * the same few thousand rule patterns and the same functions on every sentence of every draft:
 * - every process: a regular expression is compiled to machine code before its first match. By default its first
 *   match runs in the regexp interpreter (compiled to bytecode for it) and the second compiles it again, to machine
 *   code; the first analysis of a seed draft in a fresh process took 0.95 s with the default and 0.5 s without the interpreter (npm run bench:
 *   the server's first diagnostics after opening a draft; the CLI over one draft);
 * - a batch (the CLI): a function is optimized after eight times the default amount of work. Each worker thread
 *   compiles all the code anew, and with the default the optimizing compiler spent 2.5-3.3 s of CPU per thread in a run
 *   over 1,000 drafts, on many functions no longer hot once compiled; with this, 1.3-1.8 s, and a draft takes as long as
 *   before once the run is warm (npm run bench, the CLI part: the engine helpers' CPU by thread).
 */
import * as v8 from 'node:v8';

/**
 * Apply the settings for a `batch` run (the CLI) or an `interactive` one (the language server). Idempotent. Only on
 * the V8 versions known to have both settings (10 to 13: Node 18 to 24); V8 prints an error for a setting it does not
 * know, and a later version may have dropped one.
 */
export function tuneEngine(run: 'batch' | 'interactive', v8Version = process.versions.v8): boolean {
	const major = Number(v8Version.split('.')[0]);
	if (!(major >= 10 && major <= 13)) return false;
	v8.setFlagsFromString('--no-regexp-tier-up');
	if (run === 'batch') v8.setFlagsFromString(`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`);
	return true;
}

/**
 * The work before a function is optimized in a batch: 528 KB of bytecode executed, eight times the default of V8 11
 * (Node 20: 66 KB).
 */
const BATCH_INTERRUPT_BUDGET = 8 * 67584;
