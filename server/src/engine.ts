/**
 * V8's settings for a process that lints: the language server and the CLI (`dpa-lint`, a batch over many drafts).
 * Never set by the analysis core, which may run inside someone else's process.
 *
 * V8's defaults suit a web page, where most functions and most regular expressions run a few times. An analysis runs
 * the same few thousand rule patterns and the same functions on every sentence of every draft:
 * - the language server: a regular expression is compiled to machine code before its first match. By default its
 *   first match runs in the regexp interpreter (compiled to bytecode for it) and the second compiles it again, to
 *   machine code; the first analysis of a seed draft in a fresh process took 0.95 s with the default and 0.5 s
 *   without the interpreter (npm run bench: the server's first diagnostics after opening a draft). This one is given
 *   on the command line ({@link ENGINE_NODE_ARGS}: the client and the bench start the server so, and bin/dpa-lint.js
 *   starts the CLI again so when it was started without), never set in a running process: a regular expression that
 *   ran once in the interpreter before the switch crashes V8 11 (Node 20) when it runs again.
 * - a batch (the CLI): a function is optimized after eight times the default amount of work. Each worker thread
 *   compiles all the code anew, and with the default the optimizing compiler spent 2.6-3.3 s of CPU per run over 1,000
 *   drafts, on many functions no longer hot once compiled; with this, 1.3-2.1 s, and a draft takes as long as before
 *   once the run is warm (npm run bench, the CLI part: the engine helpers' CPU by thread). A tiering budget may change
 *   in a running process: it is read when a function's budget is next set.
 */
import * as v8 from 'node:v8';

/** Node options the language server and the CLI run with (the VS Code client's server options, the bench's server, bin/dpa-lint.js). */
export const ENGINE_NODE_ARGS: readonly string[] = ['--no-regexp-tier-up'];

/**
 * The V8 settings a batch run sets at its start, on the V8 versions known to have them (10 to 13: Node 18 to 24); V8
 * prints an error for a setting it does not know, and a later version may have dropped one.
 */
export function batchFlags(v8Version = process.versions.v8): string[] {
	const major = Number(v8Version.split('.')[0]);
	return major >= 10 && major <= 13 ? [`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`] : [];
}

/** Apply {@link batchFlags} (the CLI's entry, before any draft is read). Idempotent. Whether any was set. */
export function tuneEngine(v8Version = process.versions.v8): boolean {
	const flags = batchFlags(v8Version);
	for (const f of flags) v8.setFlagsFromString(f);
	return flags.length > 0;
}

/** The work before a function is optimized in a batch: 528 KB of bytecode executed, eight times the default of V8 11 (Node 20: 66 KB). */
const BATCH_INTERRUPT_BUDGET = 8 * 67584;
