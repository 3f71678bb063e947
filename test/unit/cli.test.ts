import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, sharedDir } from '../helpers';

const cli = path.join(repoRoot, 'out', 'server', 'src', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: repoRoot });
const seed = path.join(sharedDir, 'seeds', '002_75921ea4c1a5f065.txt');

suite('dpa-lint CLI', () => {
	test('text output: file:line:col severity rule message, exit 0 without errors', () => {
		const r = run(seed);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /002_75921ea4c1a5f065\.txt:126:49 warning annex-mismatch Anlage 3 /);
	});
	test('--coverage prints the 21 requirements', () => {
		const r = run('--coverage', seed);
		assert.match(r.stdout, /Art\. 28-Abdeckung: \d+\/21/);
		assert.equal((r.stdout.match(/^ {2}art28-/gm) ?? []).length, 21);
	});
	test('json output follows the evaluation contract', () => {
		const r = run('--format', 'json', seed);
		const out = JSON.parse(r.stdout);
		assert.equal(out.version, 1);
		const file = out.files[0];
		assert.equal(file.language, 'de');
		assert.equal(file.coverage.length, 21);
		for (const c of file.coverage) assert.ok(['present', 'partial', 'missing', 'not-applicable'].includes(c.status));
		const f = file.findings.find((x: { rule: string }) => x.rule === 'annex-mismatch');
		assert.deepEqual(f.range, { start: { line: 125, character: 48 }, end: { line: 125, character: 56 } });
		assert.ok('requirement' in f);
	});
	test('sarif output is SARIF 2.1.0 with rules and 1-based regions', () => {
		const out = JSON.parse(run('--format', 'sarif', seed).stdout);
		assert.equal(out.version, '2.1.0');
		const runObj = out.runs[0];
		assert.equal(runObj.tool.driver.name, 'dpa-lint');
		assert.ok(runObj.tool.driver.rules.some((x: { id: string }) => x.id === 'annex-mismatch'));
		const res = runObj.results.find((x: { ruleId: string }) => x.ruleId === 'annex-mismatch');
		assert.equal(res.locations[0].physicalLocation.region.startLine, 126);
		assert.equal(res.level, 'warning');
	});
	test('exit 1 when errors are found', () => {
		const r = run(path.join(sharedDir, 'seeds', '000_48faa04d8fe5d889.txt'));
		assert.equal(r.status, 1);
	});
	test('exit 2 with a one-line message: missing file, folder without drafts, binary file, bad option', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-'));
		fs.writeFileSync(path.join(dir, 'notes.md'), '# Just notes\n');
		const bin = path.join(dir, 'blob.dpa.md');
		fs.writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0, 255, 254]));
		for (const args of [['nope.md'], [dir], [bin], ['--format', 'xml', seed], []]) {
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
});
