import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover, Location, MarkupContent } from 'vscode-languageserver/node';
import { Client, repoRoot } from './harness';
import { tempDir } from '../helpers';

/** Every request must answer within this time, whatever the annex file is. */
const ANSWER_MS = 3000;

function within<T>(what: string, p: Promise<T>): Promise<T> {
	const late = new Promise<T>((_, reject) => {
		setTimeout(() => reject(new Error(`${what}: no answer within ${ANSWER_MS} ms`)), ANSWER_MS).unref();
	});
	return Promise.race([p, late]);
}

/** Record every path the process opens or reads while `fn` runs (the in-process server shares this `fs`). */
async function watchingFiles<T>(fn: () => Promise<T>): Promise<{ result: T; opened: string[] }> {
	// The module object itself: the namespace import above only has getters.
	const real = require('node:fs') as Record<'openSync' | 'readFileSync' | 'createReadStream', (...args: unknown[]) => unknown>;
	const saved = { openSync: real.openSync, readFileSync: real.readFileSync, createReadStream: real.createReadStream };
	const opened: string[] = [];
	for (const name of Object.keys(saved) as (keyof typeof saved)[]) {
		real[name] = (...args: unknown[]) => {
			if (typeof args[0] === 'string') opened.push(args[0]);
			return saved[name].apply(fs, args);
		};
	}
	try { return { result: await fn(), opened }; } finally { Object.assign(real, saved); }
}

/** A workspace with a draft whose front-matter names annex files in and outside it, symlinks, a device and a FIFO. */
function makeWorkspace(): { dir: string; draft: string; text: string; entries: Record<string, string> } {
	const dir = tempDir('dpa-lint-ws-');
	fs.writeFileSync(path.join(dir, 'anlage-tom.md'), '# Anlage 6 – TOM\n\nZutrittskontrolle mit Chipkarte.\n');
	fs.symlinkSync(path.join(dir, 'anlage-tom.md'), path.join(dir, 'tom-link.md'));
	fs.symlinkSync('/etc/passwd', path.join(dir, 'passwd-link.md'));
	fs.symlinkSync('/dev/zero', path.join(dir, 'zero-link.md'));
	assert.equal(spawnSync('mkfifo', [path.join(dir, 'pipe.md')]).status, 0, 'mkfifo');
	const up = '../'.repeat(path.resolve(dir).split(path.sep).length + 2);
	const entries: Record<string, string> = {
		'Anlage 1': `${up}etc/passwd`, 'Anlage 2': '/etc/passwd', 'Anlage 3': 'passwd-link.md', 'Anlage 4': '/dev/zero',
		'Anlage 5': 'zero-link.md', 'Anlage 7': 'pipe.md', 'Anlage 6': 'tom-link.md',
	};
	const text = [
		'---', 'type: dpa', 'language: de', 'annexes:',
		...Object.entries(entries).flatMap(([id, file]) => [`  - id: ${id}`, `    title: Beschreibung`, `    file: "${file}"`]),
		'---', '', '# AV-Vertrag', '',
		`§ 1 Einzelheiten: ${Object.keys(entries).join(', ')}.`, '',
	].join('\n');
	const draft = path.join(dir, 'vertrag.dpa.md');
	fs.writeFileSync(draft, text);
	return { dir, draft, text, entries };
}

for (const trusted of [true, false]) {
	suite(`annex files outside the workspace (${trusted ? 'trusted' : 'restricted'} mode)`, () => {
		let ws: ReturnType<typeof makeWorkspace>;
		let client: Client;
		let uri: string;
		let diagnostics: Diagnostic[];
		suiteSetup(async () => {
			ws = makeWorkspace();
			client = await Client.start('in-process', { workspaceFolder: ws.dir, trusted });
			uri = pathToFileURL(ws.draft).href;
			({ diagnostics } = await client.open(uri, ws.text));
		});
		suiteTeardown(async () => {
			await client?.dispose();
			if (ws) fs.rmSync(ws.dir, { recursive: true, force: true });
		});
		const referenceAt = (annex: string): { line: number; character: number } => {
			const lines = ws.text.split('\n');
			const line = lines.findIndex(l => l.startsWith('§ 1'));
			return { line, character: lines[line].indexOf(annex) + 2 };
		};

		test('each refused file is an annex-file-invalid diagnostic on its front-matter entry; the symlink inside the workspace is fine', () => {
			const lines = ws.text.split('\n');
			const invalid = diagnostics.filter(d => d.code === 'annex-file-invalid');
			const at = invalid.map(d => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character));
			assert.deepEqual(at.sort(), Object.entries(ws.entries).filter(([id]) => id !== 'Anlage 6').map(([, f]) => f).sort());
			const byFile = new Map(invalid.map(d => [lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), String(d.message)]));
			for (const f of [ws.entries['Anlage 1'], '/etc/passwd', 'passwd-link.md', '/dev/zero', 'zero-link.md']) assert.match(byFile.get(f)!, /außerhalb des Arbeitsbereichs/, f);
			assert.match(byFile.get('pipe.md')!, /keine gewöhnliche Datei/);
		});

		test('hover and definition answer, show no content and open no file outside the workspace, the device or the FIFO', async () => {
			const { opened } = await watchingFiles(async () => {
				for (const annex of ['Anlage 1', 'Anlage 2', 'Anlage 3', 'Anlage 4', 'Anlage 5', 'Anlage 7']) {
					const position = referenceAt(annex);
					const hover = await within(`hover ${annex}`, client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }) as Promise<Hover | null>);
					const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
					assert.match(value, new RegExp(`^\\*\\*${annex}`), annex);
					assert.doesNotMatch(value, /^> /m, `${annex}: no preview lines`);
					assert.doesNotMatch(value, /root:/);
					const def = await within(`definition ${annex}`, client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position }) as Promise<Location | null>);
					assert.equal(def, null, annex);
				}
			});
			assert.deepEqual(opened.filter(f => /pipe|zero|passwd/.test(f) || !path.resolve(f).startsWith(repoRoot)), []);
		});

		test('the symlink to a file inside the workspace still gives hover lines and a definition', async () => {
			const position = referenceAt('Anlage 6');
			const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }) as Hover;
			assert.match((hover.contents as MarkupContent).value, /> Zutrittskontrolle mit Chipkarte/);
			const def = await client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position }) as Location;
			assert.equal(def.uri, pathToFileURL(path.join(ws.dir, 'anlage-tom.md')).href);
		});

		test('dpaLint/lintFiles on a symlink to /dev/zero and on a FIFO answers at once and skips them', async () => {
			const uris = ['zero-link.md', 'pipe.md', 'passwd-link.md'].map(f => pathToFileURL(path.join(ws.dir, f)).href);
			const { result, opened } = await watchingFiles(() => within('lintFiles', client.connection.sendRequest('dpaLint/lintFiles', { uris }) as Promise<{ linted: string[]; skipped: string[] }>));
			assert.deepEqual(result.linted, []);
			assert.deepEqual(result.skipped, uris);
			assert.ok(process.memoryUsage().rss < 2 * 1024 ** 3, 'memory stays bounded');
			assert.deepEqual(opened, []);
		});
	});
}
