import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintFile, type FileOptions, type FileOutcome } from '../../server/src/cliLint';
import { lintInWorkers, type PoolOptions } from '../../server/src/cliWorkers';
import { repoRoot, tempDir } from '../helpers';

const cli = path.join(repoRoot, 'out', 'server', 'src', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: repoRoot });
const draft = path.join(repoRoot, 'test', 'drafts', 'de-maengel.txt');
const complete = path.join(repoRoot, 'test', 'drafts', 'de-vollstaendig.dpa.md');

suite('dpa-lint CLI', () => {
	test('text output: file:line:col severity rule message', () => {
		const r = run(draft);
		assert.match(r.stdout, /de-maengel\.txt:54:38 warning annex-mismatch Anlage 2 /);
		assert.match(r.stdout, /1 file\(s\): 3 error\(s\), 6 warning\(s\)/);
	});
	test('exit 0 without errors', () => {
		const r = run(complete);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(r.stdout, '1 file(s): 0 error(s), 0 warning(s)\n');
	});
	test('--coverage prints the 21 requirements', () => {
		const r = run('--coverage', draft);
		assert.match(r.stdout, /Art\. 28-Abdeckung: \d+\/21/);
		assert.equal((r.stdout.match(/^ {2}art28-/gm) ?? []).length, 21);
		// Under each requirement, the reason for its decision.
		assert.equal((r.stdout.match(/^ {6}(?:Gefunden|Unvollständig|Fehlt) – /gmu) ?? []).length, 21);
	});
	test('json output follows the evaluation contract', () => {
		const r = run('--format', 'json', draft);
		const out = JSON.parse(r.stdout);
		assert.equal(out.version, 1);
		const file = out.files[0];
		assert.equal(file.language, 'de');
		assert.equal(file.coverage.length, 21);
		for (const c of file.coverage) assert.ok(['present', 'partial', 'missing', 'not-applicable'].includes(c.status));
		// Every decision carries its reason, in the message language.
		for (const c of file.coverage) assert.match(c.reason, /^(?:Gefunden|Unvollständig|Fehlt) – .+\.$/u, c.requirement);
		const f = file.findings.find((x: { rule: string }) => x.rule === 'annex-mismatch');
		assert.deepEqual(f.range, { start: { line: 53, character: 37 }, end: { line: 53, character: 45 } });
		assert.ok('requirement' in f);
	});
	test('sarif output is SARIF 2.1.0 with rules and 1-based regions', () => {
		const out = JSON.parse(run('--format', 'sarif', draft).stdout);
		assert.equal(out.version, '2.1.0');
		const runObj = out.runs[0];
		assert.equal(runObj.tool.driver.name, 'dpa-lint');
		assert.ok(runObj.tool.driver.rules.some((x: { id: string }) => x.id === 'annex-mismatch'));
		const res = runObj.results.find((x: { ruleId: string }) => x.ruleId === 'annex-mismatch');
		assert.equal(res.locations[0].physicalLocation.region.startLine, 54);
		assert.equal(res.level, 'warning');
	});
	test('exit 1 when errors are found', () => {
		const r = run(draft);
		assert.equal(r.status, 1);
	});
	test('exit 2 with a one-line message: missing file, folder without drafts, binary file, bad option', () => {
		const dir = tempDir('dpa-lint-');
		fs.writeFileSync(path.join(dir, 'notes.md'), '# Just notes\n');
		const bin = path.join(dir, 'blob.dpa.md');
		fs.writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0, 255, 254]));
		for (const args of [['nope.md'], [dir], [bin], ['--format', 'xml', draft], []]) {
			const r = run(...args);
			assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
			assert.ok(r.stderr.trim().split('\n').length <= 2 && !/\n\s+at /.test(r.stderr), r.stderr);
		}
	});
	test('folders: drafts by front-matter or *.dpa.md; .dpa-lint.yaml found by walking up', () => {
		const dir = tempDir('dpa-lint-');
		fs.mkdirSync(path.join(dir, 'sub'));
		fs.writeFileSync(path.join(dir, '.dpa-lint.yaml'), 'rules:\n  missing-clause: off\n  placeholder-unfilled: error\n');
		fs.writeFileSync(path.join(dir, 'sub', 'a.md'), '---\ntype: dpa\n---\n# AVV\n\nZwischen {{Firma}} und uns.\n');
		fs.writeFileSync(path.join(dir, 'sub', 'b.dpa.md'), '# AVV\n');
		fs.writeFileSync(path.join(dir, 'sub', 'readme.md'), '# not a draft\n');
		const r = run(dir);
		assert.equal(r.status, 1, r.stdout);
		assert.match(r.stdout, /a\.md:6:\d+ error placeholder-unfilled/);
		assert.doesNotMatch(r.stdout, /missing-clause|readme/);
		assert.match(r.stdout, /2 file\(s\)/);
	});
	test('annex files must stay inside the working directory: outside, missing or a device is annex-file-invalid, never read', () => {
		const dir = tempDir('dpa-lint-');
		fs.writeFileSync(path.join(dir, 'tom.md'), '# Anlage 2\n');
		fs.symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
		fs.writeFileSync(path.join(dir, 'a.dpa.md'), [
			'---', 'type: dpa', 'annexes:', '  - { id: Anlage 1, title: Verarbeitung, file: ../../../../etc/passwd }',
			'  - { id: Anlage 2, title: TOM, file: tom.md }', '  - { id: Anlage 3, title: Unterauftrag, file: zero.md }', '---',
			'# AVV', '', 'Siehe Anlage 1, Anlage 2 und Anlage 3.', '',
		].join('\n'));
		const r = spawnSync(process.execPath, [cli, 'a.dpa.md'], { encoding: 'utf8', cwd: dir, timeout: 10000 });
		const invalid = r.stdout.split('\n').filter(l => l.includes('annex-file-invalid'));
		assert.equal(invalid.length, 2, r.stdout);
		assert.match(invalid[0], /^a\.dpa\.md:4:\d+ error annex-file-invalid Anlage 1: Die Datei „\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd“ liegt außerhalb/);
		assert.match(invalid[1], /^a\.dpa\.md:6:\d+ error annex-file-invalid Anlage 3: Die Datei „zero\.md“ liegt außerhalb/);
	});
	test('json output keeps a line separator (U+2028, a Word soft break) in a path and in a quoted fill-in as it is', () => {
		const dir = tempDir('dpa-lint-');
		const name = 'AVV\u2028Entwurf.txt';
		fs.writeFileSync(path.join(dir, name), 'Auftragsverarbeitungsvertrag\n\nZwischen [Name des Kunden\u2028Anschrift] und der Anbieterin.\n');
		const r = spawnSync(process.execPath, [cli, '--format', 'json', name], { encoding: 'utf8', cwd: dir });
		const file = JSON.parse(r.stdout).files[0];
		assert.equal(file.path, name);
		const fillIn = file.findings.find((f: { rule: string; message: string }) => f.rule === 'placeholder-unfilled' && f.message.includes('[Name des Kunden'));
		assert.ok(fillIn, r.stdout);
		assert.ok(fillIn.message.includes('[Name des Kunden\u2028Anschrift]'), fillIn.message);
	});
	test('UTF-16 files with a byte-order mark are decoded (LE and BE), not refused as binary', () => {
		const dir = tempDir('dpa-lint-');
		const text = fs.readFileSync(draft, 'utf8');
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		const be = Buffer.from(le);
		be.swap16();
		fs.writeFileSync(path.join(dir, 'le.txt'), le);
		fs.writeFileSync(path.join(dir, 'be.txt'), be);
		const expected = run(draft).stdout.split('\n').filter(l => l.includes(' warning ') || l.includes(' error ')).map(l => l.replace(/^[^:]*:/, ''));
		for (const name of ['le.txt', 'be.txt']) {
			const r = run(path.join(dir, name));
			assert.equal(r.status, 1, r.stderr);
			assert.deepEqual(r.stdout.split('\n').filter(l => l.includes(' warning ') || l.includes(' error ')).map(l => l.replace(/^[^:]*:/, '')), expected, name);
		}
	});
});

suite('dpa-lint CLI on worker threads (--jobs)', () => {
	const drafts = [
		// The PDF first: its conversion takes longest, so the other worker finishes later files before it.
		path.join(repoRoot, 'test', 'drafts', 'office', 'en-saas-defects.dpa.pdf'),
		...fs.readdirSync(path.join(repoRoot, 'test', 'drafts')).filter(f => /\.(md|txt)$/.test(f)).sort().map(f => path.join(repoRoot, 'test', 'drafts', f)),
		path.join(repoRoot, 'test', 'drafts', 'office', 'de-maengel.docx'),
		path.join(repoRoot, 'examples'),
	];
	const same = (args: string[], jobs: string[] = ['--jobs', '2']): ReturnType<typeof run> => {
		const one = run('--jobs', '1', ...args), many = run(...jobs, ...args);
		assert.equal(many.stdout, one.stdout, `${jobs.join(' ')} ${args.join(' ')}`);
		assert.equal(many.stderr, one.stderr);
		assert.equal(many.status, one.status);
		return many;
	};
	let dir: string;
	suiteSetup(() => { dir = tempDir('dpa-lint-jobs-'); });
	suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('text, --coverage, json and sarif: the same output, order and exit status as one thread', () => {
		const text = same(drafts);
		assert.equal(text.status, 1, text.stderr);
		assert.match(text.stdout, /^9 file\(s\): \d+ error\(s\), \d+ warning\(s\)\n$/m);
		assert.match(text.stderr, /en-saas-defects\.dpa\.pdf: PDF, 6 page\(s\)[^\n]*\n[^\n]*de-maengel\.docx: Word document/);
		same(['--coverage', ...drafts], ['-j3']);
		// In the order of the arguments, the files of a folder in their order.
		const json = same(['--format', 'json', ...drafts], ['--jobs=2']);
		assert.deepEqual(JSON.parse(json.stdout).files.map((f: { path: string }) => path.basename(f.path)), [
			'en-saas-defects.dpa.pdf', 'de-maengel.txt', 'de-vollstaendig.dpa.md', 'en-complete-scc.dpa.md', 'en-plain-numbered.md', 'en-saas-defects.dpa.md',
			'de-maengel.docx', 'avv-beispiel.dpa.md', 'dpa-example.dpa.md',
		]);
		const sarif = same(['--format', 'sarif', ...drafts]);
		assert.ok(JSON.parse(sarif.stdout).runs[0].results.length > 20);
	});
	test('SARIF without any finding and JSON without any file are the same documents', () => {
		const complete = path.join(repoRoot, 'test', 'drafts', 'de-vollstaendig.dpa.md');
		const sarif = same(['--format', 'sarif', complete, complete.replace('de-vollstaendig', 'en-complete-scc')]);
		assert.equal(sarif.status, 0, sarif.stderr);
		assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results, []);
		const blob = path.join(dir, 'blob.txt');
		fs.writeFileSync(blob, Buffer.from([0, 1, 2, 3, 0, 255, 254]));
		const json = same(['--format', 'json', blob, path.join(repoRoot, 'test', 'drafts', 'office', 'broken', 'empty.pdf')]);
		assert.deepEqual(JSON.parse(json.stdout), { version: 1, files: [] });
	});
	test('files that cannot be read among others: the same lines, the others linted, exit 2', () => {
		const blob = path.join(dir, 'blob.dpa.md');
		fs.writeFileSync(blob, Buffer.from([0, 1, 2, 3, 0, 255, 254]));
		const broken = path.join(repoRoot, 'test', 'drafts', 'office', 'broken');
		const files = [drafts[1], blob, drafts[2], path.join(broken, 'corrupt.docx'), path.join(broken, 'scanned.pdf'), drafts[3], path.join(broken, 'password.docx')];
		for (const format of ['text', 'json']) {
			const r = same(['--format', format, ...files]);
			assert.equal(r.status, 2);
			const errors = r.stderr.split('\n').filter(Boolean);
			assert.equal(errors.length, 4, r.stderr);
			assert.match(errors[0], /blob\.dpa\.md: not a text file \(binary content\)$/);
			assert.match(errors[1], /corrupt\.docx: /);
			assert.match(errors[2], /scanned\.pdf: no text layer/);
			assert.match(errors[3], /password\.docx: /);
		}
		assert.match(run('--jobs', '2', ...files).stdout, /^3 file\(s\): /m);
	});
	test('--jobs 0, --jobs x, -j without a number: usage error, exit 2', () => {
		for (const args of [['--jobs', '0'], ['--jobs', 'x'], ['--jobs=-1'], ['-j', '1.5'], ['-jx']]) {
			const r = run(...args, draft, complete);
			assert.equal(r.status, 2, args.join(' '));
			assert.equal(r.stdout, '');
			assert.match(r.stderr, /^dpa-lint: --jobs needs a whole number of at least 1, not "[^"]*"\nTry dpa-lint --help\.\n$/, args.join(' '));
		}
		const r = run(draft, '-j');
		assert.equal(r.status, 2);
		assert.match(r.stderr, /^dpa-lint: -j needs a value\n/);
	});
	test('the bundled CLI (bin/dpa-lint.js, dist/cli.js) finds its worker script, and pdfjs and the Word converters from its threads; with its engine settings (engine.ts) it prints what the CLI without them prints', () => {
		assert.ok(fs.existsSync(path.join(repoRoot, 'dist', 'cli.js')), 'npm run bundle has run');
		const bundled = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'dpa-lint.js'), '--format', 'json', '--jobs', '2', ...drafts], { encoding: 'utf8', cwd: repoRoot });
		const one = run('--format', 'json', '--jobs', '1', ...drafts);
		assert.equal(bundled.stderr, one.stderr);
		assert.equal(bundled.stdout, one.stdout);
	});
});

suite('CLI worker pool', () => {
	const files = ['de-maengel.txt', 'en-saas-defects.dpa.md', 'de-vollstaendig.dpa.md', 'en-plain-numbered.md'].map(f => path.join(repoRoot, 'test', 'drafts', f));
	const options: FileOptions = { format: 'json', coverage: false };
	const inline = (list: readonly string[]) => Promise.all(list.map(f => lintFile(f, options)));
	const pool = async (list: readonly string[], jobs: number, script = cli, pooling: PoolOptions = {}) => {
		const got: { index: number; outcome: FileOutcome }[] = [];
		const here = await lintInWorkers(list, options, jobs, script, (outcome, index) => got.push({ index, outcome }), pooling);
		assert.deepEqual(got.map(g => g.index), list.map((_, i) => i));
		if (!pooling.here) assert.equal(here, 0);
		return Object.assign(got.map(g => g.outcome), { here });
	};

	test('outcomes in the order of the files, equal to those of the inline path, whatever the window', async () => {
		const list = [...files, ...files, ...files];
		const expected = await inline(list);
		assert.ok(expected.every(o => o.linted && o.piece.startsWith('    {')));
		assert.deepEqual([...await pool(list, 2)], expected);
		assert.deepEqual([...await pool(list, 3, cli, { window: 1 })], expected);
	});
	test('with this thread as one of the jobs: it lints some of the files, the workers the others, the outcomes as inline', async () => {
		const list = [...files, ...files, ...files, ...files, ...files];
		const expected = await inline(list);
		for (const pooled of [await pool(list, 2, cli, { here: true }), await pool(list, 3, cli, { here: true })]) {
			assert.deepEqual([...pooled], expected);
			assert.ok(pooled.here > 0 && pooled.here < list.length, `this thread linted ${pooled.here} of ${list.length}`);
		}
		// With a window of one file, the workers take each file in turn before this thread can.
		assert.deepEqual([...await pool(list.slice(0, 6), 2, cli, { here: true, window: 1 })], expected.slice(0, 6));
		// One job is this thread alone.
		assert.equal((await pool(list.slice(0, 3), 1, cli, { here: true })).here, 3);
	});
	test('a worker that dies costs its file an input error, the other files are linted, the pool ends', async () => {
		const dir = tempDir('dpa-lint-crash-');
		try {
			// A worker that serves as the CLI's, but exits or throws on the files named so (before linting them).
			const script = path.join(dir, 'crashing-worker.js');
			fs.writeFileSync(script, [
				`const { parentPort } = require('node:worker_threads');`,
				`parentPort.on('message', m => { if (m.file.endsWith('exit.md')) process.exit(3); if (m.file.endsWith('throw.md')) throw new Error('boom'); });`,
				`require(${JSON.stringify(cli)});`,
			].join('\n'));
			const list = [files[0], path.join(dir, 'exit.md'), files[1], path.join(dir, 'throw.md'), files[2], files[3]];
			const [a, b, c, d] = await inline(files);
			const got = [...await pool(list, 2, script)];
			assert.deepEqual([got[0], got[2], got[4], got[5]], [a, b, c, d]);
			assert.deepEqual(got[1], { stderr: `dpa-lint: ${list[1]}: the worker linting it stopped (exit code 3)\n`, linted: false, errors: 0, warnings: 0, piece: '' });
			assert.deepEqual(got[3], { stderr: `dpa-lint: ${list[3]}: the worker linting it stopped: boom\n`, linted: false, errors: 0, warnings: 0, piece: '' });
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
