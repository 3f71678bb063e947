import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { batchFlags, ENGINE_NODE_ARGS } from '../../server/src/engine';

suite('engine settings', () => {
	test('a batch sets them only on the V8 versions known to have them', () => {
		assert.deepEqual(batchFlags('9.4.146.26'), []);
		assert.deepEqual(batchFlags('14.1.146'), []);
		assert.deepEqual(batchFlags('x'), []);
		assert.deepEqual(batchFlags('11.3.244.8'), ['--interrupt-budget=540672']);
	});
	// In a child process: V8's settings hold for the whole process (this one runs the other tests).
	test('V8 accepts every setting: the server\'s on the command line, the batch\'s in the running process (it prints an error for one it does not know)', () => {
		const script = `require(${JSON.stringify(require.resolve('../../server/src/engine'))}).tuneEngine(); console.log(/a+b/.test('xaab') && /a+b/.test('aab'));`;
		const r = spawnSync(process.execPath, [...ENGINE_NODE_ARGS, '-e', script], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		assert.equal(r.stdout, 'true\n');
		assert.equal(r.stderr, '');
	});
	test('the CLI runs with the language server\'s Node options: bin/dpa-lint.js started without starts itself again with them, once, keeping its arguments, output and exit status', () => {
		const bin = path.join(__dirname, '..', '..', '..', 'bin', 'dpa-lint.js');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		assert.deepEqual((require(bin) as { NODE_ARGS: string[] }).NODE_ARGS, [...ENGINE_NODE_ARGS]);
		// A module loaded first into every Node process of the run (NODE_OPTIONS is inherited) tells each one's options.
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-engine-'));
		try {
			const probe = path.join(dir, 'probe.js');
			fs.writeFileSync(probe, `process.stderr.write('node options: ' + JSON.stringify(process.execArgv) + '\\n');`);
			const env = { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(probe)}` };
			const r = spawnSync(process.execPath, [bin, '--jobs', '9x'], { encoding: 'utf8', env });
			assert.equal(r.status, 2, r.stderr);
			const started = r.stderr.split('\n').filter(l => l.startsWith('node options: '));
			assert.deepEqual(started, ['node options: []', `node options: ${JSON.stringify([...ENGINE_NODE_ARGS])}`]);
			assert.match(r.stderr, /dpa-lint: --jobs needs a whole number of at least 1, not "9x"/);
			// Started with options of its own, it runs as started.
			const kept = spawnSync(process.execPath, ['--stack-size=2000', bin, '--jobs', '9x'], { encoding: 'utf8', env });
			assert.equal(kept.status, 2);
			assert.deepEqual(kept.stderr.split('\n').filter(l => l.startsWith('node options: ')), ['node options: ["--stack-size=2000"]']);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
	test('the CLI started again stops when the process that started it is killed outright', async function () {
		if (process.platform === 'win32') this.skip();
		const bin = path.join(__dirname, '..', '..', '..', 'bin', 'dpa-lint.js');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-orphan-'));
		try {
			// Enough drafts for a run of several seconds on one thread, and a probe that records each process's id.
			const draft = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'drafts', 'de-maengel.txt'), 'utf8');
			const files = Array.from({ length: 1500 }, (_, i) => path.join(dir, `d${i}.txt`));
			for (const f of files) fs.writeFileSync(f, draft);
			const probe = path.join(dir, 'probe.js');
			fs.writeFileSync(probe, `require('fs').appendFileSync(${JSON.stringify(path.join(dir, 'pids'))}, process.pid + ' ' + JSON.stringify(process.execArgv) + '\\n');`);
			const parent = spawn(process.execPath, [bin, '--jobs', '1', ...files], { stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(probe)}` } });
			const pids = path.join(dir, 'pids');
			const childPid = await new Promise<number>((resolve, reject) => {
				const started = Date.now();
				const look = (): void => {
					const lines = fs.existsSync(pids) ? fs.readFileSync(pids, 'utf8').trim().split('\n') : [];
					const child = lines.find(l => l.includes(ENGINE_NODE_ARGS[0]));
					if (child) resolve(Number(child.split(' ')[0]));
					else if (Date.now() - started > 10000) reject(new Error('the CLI did not start itself again'));
					else setTimeout(look, 50);
				};
				look();
			});
			await new Promise(r => setTimeout(r, 300));
			parent.kill('SIGKILL');
			const alive = (): boolean => { try { process.kill(childPid, 0); return true; } catch { return false; } };
			const deadline = Date.now() + 3000;
			while (alive() && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
			assert.equal(alive(), false, 'the CLI went on after the process that started it was killed');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
