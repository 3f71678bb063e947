#!/usr/bin/env node
// Neovim check: headless Neovim's built-in LSP client (0.7 API) starts `node dist/server.js --stdio`, opens a
// draft and records the diagnostics it received (test/nvim/init.lua); this script compares them with what the
// CLI reports for the same file, and checks the expected codes. Needs Debian's neovim (apt-get install -y neovim).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const NVIM = process.env.NVIM_BIN ?? 'nvim';

const cases = [
	{
		name: 'seed 002 (plain-text export, German)',
		file: path.join(ROOT, '..', 'shared', 'seeds', '002_75921ea4c1a5f065.txt'),
		codes: ['annex-mismatch', 'annex-unreferenced', 'missing-clause', 'placeholder-unfilled'],
	},
	{
		name: 'e2e fixture avv-druckerei.dpa.md (Markdown, German)',
		file: path.join(ROOT, 'test', 'e2e', 'workspace', 'avv-druckerei.dpa.md'),
		codes: ['missing-clause', 'annex-undefined', 'objection-period-inconsistent'],
		// the quick fix offered for the missing clause, as VS Code's lightbulb offers it
		fix: { code: 'missing-clause', title: /^Klausel „[^“]*rechtswidrige[n]? Weisungen“ einfügen$/ },
	},
];

const v = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
if (v.status !== 0) {
	console.error(`nvim not found (${NVIM}): apt-get install -y neovim`);
	process.exit(1);
}
console.log(`[nvim] ${v.stdout.split('\n')[0]}`);
if (!existsSync(SERVER)) {
	console.log('[nvim] dist/server.js missing: npm run build');
	const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (b.status !== 0 || !existsSync(SERVER)) { console.error('build failed or produced no dist/server.js'); process.exit(1); }
}

function cliFindings(file) {
	const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'dpa-lint.js'), '--format', 'json', file], { encoding: 'utf8' });
	if (r.status === 2) throw new Error(`dpa-lint CLI failed on ${file}: ${r.stderr}`);
	return JSON.parse(r.stdout).files[0].findings;
}

const key = d => `${d.line}:${d.code}:${d.message}`;
let passed = 0, failed = 0;
for (const c of cases) {
	const t = Date.now();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'dpa-nvim-'));
	const out = path.join(dir, 'result.json');
	try {
		if (!existsSync(c.file)) throw new Error(`${c.file} not found (the seeds live in ../shared beside the repository)`);
		const r = spawnSync(NVIM, ['--headless', '--clean', '-u', path.join(ROOT, 'test', 'nvim', 'init.lua')], {
			encoding: 'utf8', timeout: 90000,
			env: { ...process.env, DPA_SERVER: SERVER, DPA_FILE: c.file, DPA_OUT: out, DPA_TIMEOUT_MS: '30000', DPA_FIX_CODE: c.fix?.code ?? '' },
		});
		if (!existsSync(out)) throw new Error(`nvim wrote no result (exit ${r.status}, signal ${r.signal})\n${r.stdout}${r.stderr}`);
		const res = JSON.parse(readFileSync(out, 'utf8'));
		if (res.error) throw new Error(`${res.error}; server log:\n${(res.log ?? []).join('\n')}`);
		const got = res.diagnostics.map(d => ({ line: d.lnum + 1, code: d.code, message: d.message }));
		const want = cliFindings(c.file).map(f => ({ line: f.range.start.line + 1, code: f.rule, message: f.message }));
		const show = ds => ds.map(d => `    ${d.line} ${d.code} ${d.message}`).join('\n');
		if (got.length !== want.length) throw new Error(`Neovim received ${got.length} diagnostics, the CLI reports ${want.length}\n  neovim:\n${show(got)}\n  cli:\n${show(want)}`);
		const gotKeys = got.map(key).sort(), wantKeys = want.map(key).sort();
		const diff = wantKeys.filter((k, i) => k !== gotKeys[i]);
		if (diff.length) throw new Error(`diagnostics differ from the CLI's\n  neovim:\n${show(got)}\n  cli:\n${show(want)}`);
		for (const code of c.codes) if (!got.some(d => d.code === code)) throw new Error(`no ${code} diagnostic:\n${show(got)}`);
		const actions = res.code_actions ?? [];
		if (c.fix && !actions.some(a => c.fix.title.test(a))) throw new Error(`code actions for ${res.code_actions_for} do not include ${c.fix.title}: ${JSON.stringify(actions)}`);
		console.log(`[nvim] ok   ${c.name}: ${got.length} diagnostics (${[...new Set(got.map(d => d.code))].join(', ')}), ${actions.length} code actions for ${res.code_actions_for} (${actions.join(' | ')}), ${Date.now() - t} ms`);
		passed++;
	} catch (e) {
		console.error(`[nvim] FAIL ${c.name}: ${e.message}`);
		failed++;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
