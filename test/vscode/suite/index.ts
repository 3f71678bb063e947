// Entry point of the extension-host suite: VS Code (test-electron) or code-server (payload extensionTestsPath)
// loads this module in the extension host and awaits run().
import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type MochaType from 'mocha';

export function run(): Promise<void> {
	// In code-server the extension host's console is not a terminal: DPA_TEST_LOG names a file that gets the report.
	const logFile = process.env.DPA_TEST_LOG;
	const out = (line: string) => {
		console.log(line);
		if (logFile) appendFileSync(logFile, line + '\n');
	};
	const Mocha = require('mocha') as typeof MochaType;
	/** A plain reporter that writes through out(): mocha's own capture console.log when mocha is loaded. */
	class Reporter {
		constructor(runner: MochaType.Runner) {
			let passed = 0, failed = 0;
			runner.on('suite', s => { if (s.title) out(s.title); });
			runner.on('pass', t => { passed++; out(`  ✔ ${t.title} (${t.duration ?? 0} ms)`); });
			runner.on('fail', (t, err: Error) => { failed++; out(`  ✖ ${t.title}\n${String(err.stack ?? err.message).split('\n').map(l => `      ${l}`).join('\n')}`); });
			runner.on('end', () => out(`${passed} passing, ${failed} failing`));
		}
	}
	const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: Reporter as unknown as MochaType.ReporterConstructor });
	for (const f of readdirSync(__dirname).filter(f => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));
	return new Promise((resolve, reject) => {
		try {
			mocha.run(failures => {
				if (logFile) appendFileSync(logFile, `__RESULT__ ${failures}\n`);
				if (failures > 0) reject(new Error(`${failures} test(s) failed`));
				else resolve();
			});
		} catch (e) {
			reject(e);
		}
	});
}
