#!/usr/bin/env node
// End-to-end test of the packaged extension in a real VS Code (code-server, driven by headless Chromium).
//
//   npm run test:e2e                 # everything; installs code-server etc. into .cache/e2e on first run
//   E2E_BREAK=server npm run test:e2e  # removes dist/server.js from the installed extension: must fail
//   E2E_KEEP=1                        # keep the throw-away profile and workspace copy for inspection
//   E2E_VSIX=path.vsix                # test this .vsix instead of running npm run package
//   E2E_ARTIFACTS=DIR                 # screenshots and logs elsewhere than test-artifacts/e2e
//   E2E_STEPS=snippets,go-to-definition  # run only these steps after the set-up (for debugging)
//   E2E_CACHE=DIR                     # install Node 24 and code-server there instead of .cache/e2e
//
// Each step prints its elapsed time and leaves a screenshot in test-artifacts/e2e/NN-step.png.
// A failing step prints "e2e step failed: <step>" with the error, saves a screenshot and exits 1.
// See ../shared/docs/REAL-VSCODE.md for the set-up this relies on.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
	CHROMIUM_ARGS, ROOT, SetupError, ensureCodeServer, ensureNode24, findChromium, loadPlaywright, node24Env,
} from './tools.mjs';
import { Workbench } from './workbench.mjs';

const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(ROOT, 'test-artifacts', 'e2e'));
const FIXTURES = path.join(ROOT, 'test', 'e2e', 'workspace');
const BREAK = process.env.E2E_BREAK ?? '';
const KEEP = !!process.env.E2E_KEEP;
const T0 = Date.now();

const DE = 'avv-druckerei.dpa.md';
const EN = 'dpa-fleet.dpa.md';

/**
 * What the fixture drafts must show: the defects they were written with (codes and message patterns), and
 * exactly the findings the CLI (the same analysis core) reports for the file, no more and no fewer.
 */
const EXPECT = {
	de: {
		codes: ['missing-clause', 'annex-undefined', 'objection-period-inconsistent'],
		messages: [/Pflichtinhalt fehlt: Hinweis auf rechtswidrige Weisungen/, /Anlage 5 wird referenziert, ist aber nicht definiert/, /10 Tagen.*14 Tagen/],
		coverage: 20,
		fix: /Klausel „[^“]*rechtswidrige[n]? Weisungen“ einfügen/,
	},
	en: {
		codes: ['missing-clause', 'annex-undefined', 'annex-unreferenced'],
		messages: [/Mandatory content missing: Confidentiality of authorised persons/, /Annex 4 is referenced but not defined/, /Annex 1 .* is never referenced/],
		coverage: 20,
		missing: 'art28-3-b-confidentiality',
	},
};

/** The CLI's findings for a file: [{ code, message, line, col }]. */
function cliFindings(file) {
	const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'dpa-lint.js'), '--format', 'json', file], { cwd: ROOT, encoding: 'utf8' });
	if (r.status === 2 || !r.stdout) throw new Error(`dpa-lint CLI failed on ${file}: ${r.stderr}`);
	return JSON.parse(r.stdout).files[0].findings.map(f => ({
		code: f.rule, message: f.message, line: f.range.start.line + 1, col: f.range.start.character + 1,
	}));
}

/** Requirement names in one language, from the requirement files in rules/requirements/. */
async function requirementNames(lang) {
	const yaml = (await import('js-yaml')).default;
	const dir = path.join(ROOT, 'rules', 'requirements');
	const docs = readdirSync(dir).filter(f => /^\d\d-.*\.yaml$/.test(f)).sort().map(f => yaml.load(readFileSync(path.join(dir, f), 'utf8')));
	return Object.fromEntries(docs.map(r => [r.id, r.name[lang]]));
}

let stepNo = 0;
let stepName = '';
let page = null;
const timings = [];

function secs(ms) { return (ms / 1000).toFixed(1) + 's'; }
function slug(s) { return s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase(); }

class StepFailure extends Error {}

const ONLY = process.env.E2E_STEPS ? process.env.E2E_STEPS.split(',') : null;
const SETUP = ['install-tools', 'package-extension', 'install-extension', 'start-code-server', 'open-workbench'];

async function step(name, fn) {
	const no = String(++stepNo).padStart(2, '0');
	if (ONLY && !SETUP.includes(name) && !ONLY.includes(name)) { process.stdout.write(`[e2e] ${no} ${name} skipped (E2E_STEPS)\n`); return; }
	stepName = name;
	const t = Date.now();
	process.stdout.write(`[e2e] ${no} ${name} …\n`);
	try {
		await fn();
	} catch (e) {
		const shot = await screenshot(`${no}-${name}-FAILED`);
		timings.push({ name, ms: Date.now() - t, ok: false });
		console.error(`\ne2e step failed: ${name}`);
		console.error(e instanceof SetupError ? e.message : (e?.stack ?? String(e)));
		if (shot) console.error(`screenshot: ${path.relative(ROOT, shot)}`);
		for (const log of extensionLogs()) {
			const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
			if (lines.length) console.error(`--- ${path.basename(log)} (last lines) ---\n${lines.slice(-15).join('\n')}`);
		}
		throw new StepFailure(name);
	}
	await screenshot(`${no}-${name}`);
	timings.push({ name, ms: Date.now() - t, ok: true });
	process.stdout.write(`[e2e] ${no} ${name} ok (${secs(Date.now() - t)})\n`);
}

/** The extension's own logs (its output channels) and the extension host logs, from the throw-away profile. */
let logsDir = null;
function extensionLogs() {
	if (!logsDir || !existsSync(logsDir)) return [];
	const found = [];
	const walk = dir => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (/dpa-lint\.dpa-lint/.test(p) && e.name.endsWith('.log')) found.push(p);
		}
	};
	walk(logsDir);
	return found;
}

/** Throws when the extension's log says the language client gave up on its server (no diagnostics will come). */
function serverDead() {
	for (const log of extensionLogs()) {
		const text = readFileSync(log, 'utf8');
		const m = /.*(?:will not be restarted|couldn't create connection to server).*/.exec(text);
		if (m) throw new Error(`the language server did not start (${path.basename(log)}): ${m[0].replace(/^\S+ \S+ /, '')}\n${text.split('\n').filter(l => /Error|error:/.test(l)).slice(0, 5).join('\n')}`);
	}
}

function keepLogs() {
	const dest = path.join(ARTIFACTS, 'logs');
	if (!logsDir || !existsSync(logsDir)) return;
	try { cpSync(logsDir, dest, { recursive: true }); } catch { /* best effort */ }
}

/** A screenshot in the middle of the current step (e.g. with a menu open): NN-step-what.png. */
async function snap(what) { await screenshot(`${String(stepNo).padStart(2, '0')}-${stepName}-${what}`); }

async function screenshot(base) {
	if (!page) return null;
	const file = path.join(ARTIFACTS, `${slug(base)}.png`);
	try { await page.screenshot({ path: file, timeout: 10000 }); return file; } catch { return null; }
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
	});
}

/** Polls until fn() returns a truthy value; used only for things outside the page (HTTP, files). */
async function until(what, fn, timeoutMs) {
	const end = Date.now() + timeoutMs;
	let last;
	while (Date.now() < end) {
		try { const v = await fn(); if (v) return v; } catch (e) { last = e; }
		await new Promise(r => setTimeout(r, 250));
	}
	throw new Error(`timed out after ${secs(timeoutMs)} waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

function sh(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}\n${(r.stdout ?? '').slice(-3000)}${(r.stderr ?? '').slice(-3000)}`);
	return r.stdout;
}

/** Text of a snippet body up to its first placeholder, for checking what accepting it inserted. */
function snippetLead(prefix) {
	const file = path.join(ROOT, 'snippets', 'dpa.code-snippets');
	const all = JSON.parse(readFileSync(file, 'utf8'));
	const sn = Object.values(all).find(s => s.prefix === prefix || (Array.isArray(s.prefix) && s.prefix.includes(prefix)));
	if (!sn) throw new Error(`no snippet with prefix ${prefix} in snippets/dpa.code-snippets`);
	const body = (Array.isArray(sn.body) ? sn.body : [sn.body]).find(l => l.trim() && !/^[-#|]/.test(l.trim())) ?? sn.body[0];
	return body.split(/\$\{?\d/)[0].trim().slice(0, 40);
}

async function main() {
	rmSync(ARTIFACTS, { recursive: true, force: true });
	mkdirSync(ARTIFACTS, { recursive: true });
	const profile = mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-e2e-'));
	const userData = path.join(profile, 'user-data');
	const extDir = path.join(profile, 'extensions');
	logsDir = path.join(userData, 'logs');
	const workspace = path.join(profile, 'workspace');
	let tools, vsix, server, browser, context, extPath;
	const serverLog = path.join(ARTIFACTS, 'code-server.log');

	const cleanup = async () => {
		try { await browser?.close(); } catch { /* already gone */ }
		keepLogs();
		if (server && server.exitCode === null) {
			try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
			await new Promise(r => { const t = setTimeout(r, 5000); server.once('exit', () => { clearTimeout(t); r(); }); });
			try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
		}
		if (!KEEP) rmSync(profile, { recursive: true, force: true });
		else console.log(`[e2e] kept profile ${profile}`);
	};

	try {
		await step('install-tools', async () => {
			const node24 = await ensureNode24(m => console.log(m));
			const codeServer = await ensureCodeServer(node24, m => console.log(m));
			const chromiumPath = findChromium();
			const playwright = await loadPlaywright();
			tools = { node24, codeServer, chromiumPath, playwright };
		});

		await step('package-extension', async () => {
			if (process.env.E2E_VSIX) { vsix = path.resolve(process.env.E2E_VSIX); console.log(`  E2E_VSIX: ${vsix}`); return; }
			const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
			if (!scripts.package) throw new Error('package.json has no "package" script (npm run package must produce dpa-lint.vsix)');
			sh('npm', ['run', 'package', '--silent']);
			const found = readdirSync(ROOT).filter(f => f.endsWith('.vsix')).map(f => path.join(ROOT, f));
			vsix = found.find(f => path.basename(f) === 'dpa-lint.vsix') ?? found[0];
			if (!vsix) throw new Error('npm run package produced no .vsix in the repository root');
			console.log(`  ${path.relative(ROOT, vsix)}`);
		});

		await step('install-extension', async () => {
			mkdirSync(path.join(userData, 'User'), { recursive: true });
			writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, '\t'));
			const out = sh(tools.node24.bin, [tools.codeServer.entry, '--user-data-dir', userData, '--extensions-dir', extDir, '--install-extension', vsix],
				{ env: node24Env(tools.node24) });
			if (!/successfully installed/i.test(out)) throw new Error(`code-server --install-extension did not confirm:\n${out}`);
			const installed = readdirSync(extDir).find(d => /^dpa-lint\.dpa-lint-/.test(d));
			if (!installed) throw new Error(`no dpa-lint extension folder in ${extDir}: ${readdirSync(extDir).join(', ')}`);
			extPath = path.join(extDir, installed);
			for (const f of ['package.json', 'dist/client.js', 'dist/server.js']) {
				if (!existsSync(path.join(extPath, f))) throw new Error(`the installed extension has no ${f} (is it in the .vsix?)`);
			}
			if (BREAK === 'server') {
				rmSync(path.join(extPath, 'dist', 'server.js'));
				console.log('  E2E_BREAK=server: removed dist/server.js from the installed extension; a later step must fail');
			} else if (BREAK) throw new Error(`unknown E2E_BREAK=${BREAK} (known: server)`);
			cpSync(FIXTURES, workspace, { recursive: true });
			console.log(`  ${installed}`);
		});

		await step('start-code-server', async () => {
			const port = await freePort();
			const config = path.join(profile, 'config.yaml');
			writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
			const logFd = openSync(serverLog, 'w');
			server = spawn(tools.node24.bin, [tools.codeServer.entry,
				'--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
				'--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
				// lets the workbench URL's payload name a development extension and its tests (step extension-host-suite)
				'--vscode-option', 'enable-smoke-test-driver',
				'--user-data-dir', userData, '--extensions-dir', extDir, workspace,
			], { env: node24Env(tools.node24, {
				XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_DATA_HOME: path.join(profile, 'xdg-data'),
				// no extension gallery: the machine reaches no marketplace, and the test needs none
				EXTENSIONS_GALLERY: '{}',
			}), stdio: ['ignore', logFd, logFd], detached: true });
			const url = `http://127.0.0.1:${port}`;
			await until(`code-server on ${url} (log: ${path.relative(ROOT, serverLog)})`, async () => {
				if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}: ${readFileSync(serverLog, 'utf8').slice(-2000)}`);
				const r = await fetch(`${url}/healthz`);
				return r.ok;
			}, 60000);
			tools.base = url;
			tools.url = `${url}/?folder=${encodeURIComponent(workspace)}`;
		});

		let wb;
		await step('open-workbench', async () => {
			browser = await tools.playwright.chromium.launch({ executablePath: tools.chromiumPath, args: CHROMIUM_ARGS, headless: true });
			context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
			page = await context.newPage();
			wb = new Workbench(page);
			await page.goto(tools.url);
			await wb.ready([DE, EN]);
		});

		await step('german-diagnostics', async () => {
			await wb.openFile(DE);
			const markers = await wb.waitForProblems(DE, ms => EXPECT.de.codes.every(c => ms.some(m => m.code === c)), 60000, serverDead);
			expectMarkers(markers, EXPECT.de, path.join(workspace, DE));
			await wb.waitForSquiggles(1);
			await wb.waitForStatus(new RegExp(`Art\\. 28: ${EXPECT.de.coverage}/21`), 20000);
			await wb.focusEditor();
		});

		await step('quick-fix-missing-clause', async () => {
			const markers = await wb.problems(DE);
			const missing = markers.find(m => m.code === 'missing-clause');
			await wb.gotoLine(missing.line, missing.col);
			await wb.quickFix(EXPECT.de.fix, () => snap('menu'));
			await wb.waitForProblems(DE, ms => !ms.some(m => m.code === 'missing-clause'), 30000);
			await wb.save();
			await until('the inserted clause on disk', () => /Weisung[^\n]*gegen die DSGVO/.test(readFileSync(path.join(workspace, DE), 'utf8')), 10000);
			await wb.waitForStatus(/Art\. 28: 21\/21/, 20000);
		});

		await step('snippets', async () => {
			const file = path.join(workspace, DE);
			for (const [prefix, pick, more] of [['dpa-', 'dpa-weisung', 'weisung'], ['tom-', 'tom-zutritt', 'zutritt']]) {
				await wb.focusEditor();
				// the end of the (saved) draft, as line:column from the file on disk
				const lines = readFileSync(file, 'utf8').split('\n');
				await wb.gotoLine(lines.length, lines[lines.length - 1].length + 1);
				await wb.type('\n\n');
				const offered = (await wb.suggest(prefix)).filter(l => l.startsWith(prefix));
				if (offered.length < 5) throw new Error(`typing "${prefix}" offered ${offered.length} ${prefix} snippets: ${offered.join(', ')}`);
				console.log(`  "${prefix}" offers ${offered.length} snippets: ${offered.slice(0, 6).join(', ')}, …`);
				await snap(prefix.replace('-', ''));
				await wb.acceptSuggestion(pick, more);
				const lead = snippetLead(pick);
				await wb.waitForEditorText(lead);
				await page.keyboard.press('Escape');
				await wb.save();
				if (!readFileSync(file, 'utf8').includes(lead)) throw new Error(`after accepting ${pick} the saved draft does not contain "${lead}"`);
			}
		});

		await step('english-diagnostics', async () => {
			await wb.openFile(EN);
			const markers = await wb.waitForProblems(EN, ms => EXPECT.en.codes.every(c => ms.some(m => m.code === c)), 60000);
			expectMarkers(markers, EXPECT.en, path.join(workspace, EN));
			await wb.waitForSquiggles(1);
			await wb.focusEditor();
		});

		await step('coverage-command', async () => {
			await wb.waitForStatus(new RegExp(`Art\\. 28: ${EXPECT.en.coverage}/21`), 20000);
			await wb.runCommand('DPA Lint: Show Art. 28 coverage');
			const names = await requirementNames('en');
			// The coverage view (a webview beside the editor) lists the requirements of the active (English) draft.
			const frame = await wb.waitForCoverage([names[EXPECT.en.missing], names['art28-3-a-transfers'], names['art28-3-a-legal-requirement']], 20000);
			if (frame === page.mainFrame()) throw new Error('the requirement names appear in the workbench, not in a coverage view');
		});

		await step('go-to-definition', async () => {
			await wb.openFile(DE);
			const lines = readFileSync(path.join(workspace, DE), 'utf8').split('\n');
			const refLine = lines.findIndex(l => /in Anlage 2 festgelegt/.test(l));
			const defLine = lines.findIndex(l => /^## Anlage 2\b/.test(l));
			const col = lines[refLine].indexOf('Anlage 2') + 3;
			await wb.gotoLine(refLine + 1, col);
			await page.keyboard.press('F12');
			await wb.waitForSelection(defLine + 1);
		});

		await step('export-report', async () => {
			// "DPA Lint: Export review report" writes NAME.review.html beside each draft; Chromium shows it as a reader would.
			for (const file of [DE, EN]) {
				await wb.openFile(file);
				await wb.runCommand('DPA Lint: Export review report');
				const out = path.join(workspace, file.replace(/\.dpa\.md$|\.md$/, '') + '.review.html');
				await until(`${path.basename(out)} written`, () => existsSync(out), 20000);
				const report = await context.newPage();
				await report.setContent(readFileSync(out, 'utf8'));
				await report.screenshot({ path: path.join(ARTIFACTS, `${String(stepNo).padStart(2, '0')}-export-report-${file === DE ? 'de' : 'en'}.png`), fullPage: false });
				const heading = await report.locator('h1').innerText();
				await report.close();
				if (!/Prüfbericht|review/.test(heading)) throw new Error(`the report's heading is "${heading}"`);
			}
		});

		await step('extension-host-suite', async () => {
			// The mocha suite of test/vscode (the one @vscode/test-electron runs in desktop VS Code), run inside
			// code-server's extension host: the workbench URL's payload names the extension and the tests, and the
			// workbench calls window.codeAutomationExit(code) when the suite has finished.
			sh(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'test/vscode/tsconfig.json']);
			const suiteWs = path.join(profile, 'workspace-suite');
			cpSync(FIXTURES, suiteWs, { recursive: true });
			const log = path.join(ARTIFACTS, 'extension-host-suite.log');
			writeFileSync(log, '');
			const remote = p => `vscode-remote://${new URL(tools.base).host}${p}`;
			const payload = [
				['extensionDevelopmentPath', remote(extPath)],
				['extensionTestsPath', remote(path.join(ROOT, 'out', 'test-vscode', 'suite', 'index.js'))],
				['extensionEnvironment', JSON.stringify({ DPA_WORKSPACE: suiteWs, DPA_TEST_LOG: log })],
				['skipWelcome', 'true'],
			];
			await page.close();
			page = await context.newPage();
			let exited;
			const exit = new Promise(resolve => { exited = resolve; });
			await page.exposeFunction('codeAutomationExit', code => { exited(code); });
			await page.goto(`${tools.base}/?folder=${encodeURIComponent(suiteWs)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
			let timer;
			const code = await Promise.race([exit, new Promise(r => { timer = setTimeout(() => r('timeout'), 180000); })]);
			clearTimeout(timer);
			const out = readFileSync(log, 'utf8');
			console.log(out.split('\n').filter(l => l.trim() && !l.startsWith('__RESULT__')).map(l => `  | ${l}`).join('\n'));
			if (code === 'timeout') throw new Error(`the extension-host suite did not finish within 180s (log: ${path.relative(ROOT, log)})`);
			if (code !== 0) throw new Error(`the extension-host suite failed (exit code ${code}; log: ${path.relative(ROOT, log)})`);
			if (!/__RESULT__ 0/.test(out)) throw new Error('the extension-host suite exited 0 but reported no mocha result (did it run?)');
		});
	} finally {
		await cleanup();
	}
}

function expectMarkers(markers, exp, file) {
	const show = ms => ms.map(m => `  ${m.severity ?? ''} ${m.code} [${m.line}:${m.col}] ${m.message}`).join('\n');
	const cli = cliFindings(file);
	const key = m => `${m.line}:${m.col} ${m.code} ${m.message}`;
	const got = markers.map(key).sort(), want = cli.map(key).sort();
	if (got.join('\n') !== want.join('\n')) {
		throw new Error(`${path.basename(file)}: the Problems panel shows ${markers.length} problems, the CLI reports ${cli.length}\n panel:\n${show(markers)}\n cli:\n${show(cli)}`);
	}
	for (const c of exp.codes) if (!markers.some(m => m.code === c)) throw new Error(`${path.basename(file)}: no ${c} problem:\n${show(markers)}`);
	for (const re of exp.messages) if (!markers.some(m => re.test(m.message))) throw new Error(`${path.basename(file)}: no message matching ${re}:\n${show(markers)}`);
	console.log(show(markers));
}

const SETTINGS = {
	'security.workspace.trust.enabled': false,
	'telemetry.telemetryLevel': 'off',
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.enableExperiments': false,
	'workbench.welcomePage.walkthroughs.openOnInstall': false,
	'workbench.secondarySideBar.defaultVisibility': 'hidden',
	'chat.disableAIFeatures': true,
	'chat.commandCenter.enabled': false,
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'extensions.ignoreRecommendations': true,
	'update.mode': 'none',
	'git.enabled': false,
	'editor.minimap.enabled': false,
	'editor.accessibilitySupport': 'off',
	'files.autoSave': 'off',
	'window.restoreWindows': 'none',
	'workbench.editor.enablePreview': false,
};

main().then(() => {
	const total = Date.now() - T0;
	console.log(`\n[e2e] ${timings.map(t => `${t.name} ${secs(t.ms)}`).join(', ')}`);
	console.log(`[e2e] all ${timings.length} steps passed in ${secs(total)}; screenshots in ${path.relative(ROOT, ARTIFACTS)}/`);
	console.log(`${timings.length} passed, 0 failed`);
}, e => {
	const total = Date.now() - T0;
	const passed = timings.filter(t => t.ok).length;
	console.error(`[e2e] failed after ${secs(total)}; screenshots in ${path.relative(ROOT, ARTIFACTS)}/`);
	if (!(e instanceof StepFailure)) console.error(e?.stack ?? e);
	console.log(`${passed} passed, 1 failed`);
	process.exit(1);
});

