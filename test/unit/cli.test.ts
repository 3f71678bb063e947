import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers';

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
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-'));
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
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-'));
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
		const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-')));
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
	test('UTF-16 files with a byte-order mark are decoded (LE and BE), not refused as binary', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-'));
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
