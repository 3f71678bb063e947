#!/usr/bin/env node
// Proves the end-to-end test fails when the extension is broken: runs it with E2E_BREAK=server (the installed
// extension has no dist/server.js, as if the bundle were not shipped in the .vsix) and expects a non-zero exit
// with "e2e step failed: german-diagnostics". Passes extra environment through (E2E_VSIX to skip packaging).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const EXPECTED_STEP = 'german-diagnostics';
const t0 = Date.now();
const child = spawn(process.execPath, [path.join(here, 'run.mjs')], {
	env: {
		...process.env, E2E_BREAK: 'server', E2E_STEPS: EXPECTED_STEP,
		E2E_ARTIFACTS: process.env.E2E_ARTIFACTS ?? path.join(here, '..', '..', 'test-artifacts', 'e2e-break'),
	},
	stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
for (const s of [child.stdout, child.stderr]) {
	let partial = '';
	s.on('data', d => {
		output += d;
		const lines = (partial + d).split('\n');
		partial = lines.pop();
		for (const l of lines) process.stdout.write(`  > ${l}\n`);
	});
}
child.on('exit', code => {
	const secs = ((Date.now() - t0) / 1000).toFixed(1);
	const named = new RegExp(`^e2e step failed: ${EXPECTED_STEP}$`, 'm').test(output);
	if (code !== 0 && named) {
		console.log(`[e2e:break] ok: with dist/server.js missing the e2e test exits ${code} and names the step "${EXPECTED_STEP}" (${secs}s)`);
		console.log('1 passed, 0 failed');
		process.exit(0);
	}
	console.error(`[e2e:break] FAIL: expected a non-zero exit naming step "${EXPECTED_STEP}"; got exit ${code}${named ? '' : ' without that message'} (${secs}s)`);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
