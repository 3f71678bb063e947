#!/usr/bin/env node
'use strict';
// The CLI runs from the bundle built by `npm run build` (dist/cli.js).
const path = require('node:path');
const fs = require('node:fs');
const { spawn } = require('node:child_process');

/**
 * Node options the CLI runs with, the language server's (server/src/engine.ts, ENGINE_NODE_ARGS; a unit test keeps the
 * two equal): a regular expression is compiled to machine code before its first match instead of after it (a seed
 * draft on its own took 0.53 s with the default, 0.37 s so). V8 takes this setting only at its start (switched in a
 * running process it crashes V8 11), so a CLI started without it starts itself again with it, once: when Node was
 * started with no options of its own (anything else, an --inspect for one, is kept as given) and V8 is a version known
 * to have the setting (10 to 13: Node 18 to 24).
 */
const NODE_ARGS = ['--no-regexp-tier-up'];

function relaunchWanted() {
	const major = Number(process.versions.v8.split('.')[0]);
	const nodeOptions = process.env.NODE_OPTIONS ?? '';
	return process.execArgv.length === 0 && major >= 10 && major <= 13 && !/--inspect|--debug/.test(nodeOptions) &&
		!NODE_ARGS.every(a => nodeOptions.split(/\s+/).includes(a));
}

/** Run the CLI in a child process with {@link NODE_ARGS}: the same arguments, standard streams, exit status and signals. */
function relaunch() {
	// A channel to the child only so that it notices when this process is gone (killed outright) and stops too.
	const child = spawn(process.execPath, [...NODE_ARGS, __filename, ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
	let started = false;
	child.once('spawn', () => { started = true; });
	const signals = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
	const forward = signal => { try { child.kill(signal); } catch { /* the child is gone */ } };
	for (const s of signals) process.on(s, forward);
	child.on('error', e => {
		if (started) return;
		// Node could not start itself again (it always can, short of running out of processes): run here.
		for (const s of signals) process.off(s, forward);
		process.stderr.write(`dpa-lint: running without its engine settings (${e.message})\n`);
		run();
	});
	child.on('exit', (code, signal) => {
		for (const s of signals) process.off(s, forward);
		if (signal) process.kill(process.pid, signal);
		else process.exitCode = code ?? 2;
	});
}

function run() {
	// Started again by the CLI itself: stop when that process is gone, without the channel keeping this one alive.
	if (process.channel) {
		process.channel.unref();
		process.on('disconnect', () => process.exit(process.exitCode ?? 130));
	}
	const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
	if (!fs.existsSync(bundle)) {
		process.stderr.write('dpa-lint: dist/cli.js is missing; run "npm run build" first\n');
		process.exit(2);
	}
	// V8's settings for a batch run, before any draft is read (loading dist/cli.js analyses nothing).
	const cli = require(bundle);
	cli.tuneEngine();
	cli.main(process.argv.slice(2)).then(code => { process.exitCode = code; });
}

if (require.main === module) {
	if (relaunchWanted()) relaunch();
	else run();
}

module.exports = { NODE_ARGS };
