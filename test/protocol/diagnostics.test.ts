import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Hover, type Location, type MarkupContent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { performance } from 'node:perf_hooks';
import { lint } from '../../server/src/core';
import { DEBOUNCE_MS } from '../../server/src/validation';
import { Client, draftsDir, fixturesDir, type Mode } from './harness';
import { tempDir } from '../helpers';

const maengel = path.join(draftsDir, 'de-maengel.txt');

/** "L:C-L:C" (1-based lines and columns) for comparing ranges in one assert. */
function at(d: Diagnostic): string {
	return `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`;
}

for (const mode of ['in-process', 'stdio'] as Mode[]) {
	suite(`diagnostics (${mode})`, () => {
		let client: Client;
		setup(async () => { client = await Client.start(mode); });
		teardown(() => client.dispose());

		test('a plain-text Word export gets diagnostics with code, codeDescription, source, exact range and versioned data', async () => {
			const file = maengel;
			const published = await client.openFile(file, 'plaintext');
			assert.equal(published.version, 1);
			assert.ok(published.diagnostics.length >= 3);
			for (const d of published.diagnostics) {
				assert.equal(d.source, 'dpa-lint');
				assert.equal(typeof d.code, 'string');
				assert.equal(d.codeDescription?.href, `https://github.com/dpa-lint/dpa-lint/blob/main/rules/README.md#${d.code}`);
				assert.deepEqual((d.data as { version: number; rule: string }).version, 1);
				assert.equal((d.data as { rule: string }).rule, d.code);
			}
			const mismatch = published.diagnostics.find(d => d.code === 'annex-mismatch')!;
			assert.equal(at(mismatch), '54:38-54:46');
			const line = fs.readFileSync(file, 'utf8').split('\n')[53];
			assert.equal(line.slice(mismatch.range.start.character, mismatch.range.end.character), 'Anlage 2');
			assert.equal(mismatch.severity, DiagnosticSeverity.Warning);
			assert.match(String(mismatch.message), /Anlage 3/);
			assert.equal(mismatch.relatedInformation?.length, 1);
			assert.equal(mismatch.relatedInformation![0].location.range.start.line, 107, 'related: the definition of Anlage 3');
			const fixes = (mismatch.data as { fixes: { kind: string }[] }).fixes.map(f => f.kind);
			assert.deepEqual(fixes, ['retarget-annex', 'suppress-line', 'suppress-file']);
		});

		test('both conflicting period statements are linked by relatedInformation', async () => {
			const published = await client.openFile(path.join(fixturesDir, 'objection-periods.dpa.md'));
			const d = published.diagnostics.find(x => x.code === 'objection-period-inconsistent')!;
			assert.equal(at(d), '81:80-81:88');
			assert.equal(d.severity, DiagnosticSeverity.Error);
			assert.equal(d.relatedInformation?.[0].location.range.start.line, 78);
		});
	});
}

suite('diagnostics: scope, settings and failures', () => {
	let client: Client | undefined;
	teardown(async () => { await client?.dispose(); client = undefined; });

	test('Markdown that is no draft is not linted unless dpaLint.lintAllMarkdown is set', async () => {
		client = await Client.start('in-process');
		const text = fs.readFileSync(path.join(fixturesDir, 'missing-infringing.dpa.md'), 'utf8').replace('type: dpa\n', '');
		const plain = await client.open('file:///tmp/notizen.md', text);
		assert.deepEqual(plain.diagnostics, []);
		client.settings = { lintAllMarkdown: true };
		const republished = client.diagnostics('file:///tmp/notizen.md');
		await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
		assert.ok((await republished).diagnostics.some(d => d.code === 'missing-clause'));
	});

	test('dpaLint.enable=false publishes nothing; dpaLint.rules overrides severities; dpaLint.language sets the message language', async () => {
		client = await Client.start('in-process', { settings: { enable: false } });
		const uri = pathToFileURL(maengel).href;
		const text = fs.readFileSync(maengel, 'utf8');
		assert.deepEqual((await client.open(uri, text, 'plaintext')).diagnostics, []);
		client.settings = { rules: { 'placeholder-unfilled': 'off', 'annex-mismatch': 'error' }, language: 'en' };
		const republished = client.diagnostics(uri);
		await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
		const diagnostics = (await republished).diagnostics;
		assert.ok(!diagnostics.some(d => d.code === 'placeholder-unfilled'));
		const mismatch = diagnostics.find(d => d.code === 'annex-mismatch')!;
		assert.equal(mismatch.severity, DiagnosticSeverity.Error);
		assert.match(String(mismatch.message), /is cited here/);
	});

	test('.dpa-lint.yaml applies in a trusted workspace, the setting wins over it, and an untrusted workspace ignores it', async () => {
		const file = path.join(fixturesDir, 'config', 'platzhalter.dpa.md');
		const placeholder = (ds: Diagnostic[]): Diagnostic | undefined => ds.find(d => d.code === 'placeholder-unfilled');
		client = await Client.start('in-process');
		assert.equal(placeholder((await client.openFile(file)).diagnostics)?.severity, DiagnosticSeverity.Hint);
		await client.dispose();
		client = await Client.start('in-process', { settings: { rules: { 'placeholder-unfilled': 'error' } } });
		assert.equal(placeholder((await client.openFile(file)).diagnostics)?.severity, DiagnosticSeverity.Error);
		await client.dispose();
		client = await Client.start('in-process', { trusted: false });
		assert.equal(placeholder((await client.openFile(file)).diagnostics)?.severity, DiagnosticSeverity.Warning);
		const republished = client.diagnostics(pathToFileURL(file).href);
		await client.connection.sendNotification('dpaLint/didChangeTrust', { trusted: true });
		assert.equal(placeholder((await republished).diagnostics)?.severity, DiagnosticSeverity.Hint);
	});

	test('typing is debounced: several quick changes give one lint of the last version', async () => {
		client = await Client.start('in-process');
		const uri = pathToFileURL(path.join(fixturesDir, 'objection-periods.dpa.md')).href;
		await client.openFile(path.join(fixturesDir, 'objection-periods.dpa.md'));
		const before = client.publishedFor(uri).length;
		const last = client.diagnostics(uri, 6);
		for (let version = 2; version <= 6; version++) {
			await client.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }],
			});
		}
		assert.equal((await last).version, 6);
		assert.equal(client.publishedFor(uri).length, before + 1);
	});

	test('a change is analysed before the debounce ends, by what the last analysis took, and published when it ends', async () => {
		// A slow core: each analysis takes 40 ms.
		const starts: number[] = [];
		client = await Client.start('in-process', {
			lint: (text, uri, options) => {
				starts.push(performance.now());
				const until = performance.now() + 40;
				while (performance.now() < until) { /* a long draft's analysis */ }
				return lint(text, uri, options);
			},
		});
		const file = path.join(fixturesDir, 'objection-periods.dpa.md');
		const uri = pathToFileURL(file).href;
		await client.openFile(file);
		for (let version = 2; version <= 3; version++) {
			const published: Promise<{ version?: number }> = client.diagnostics(uri, version);
			const sent = performance.now();
			await client.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, text: 'x' }],
			});
			const got: { version?: number } = await published;
			const publishedAfter = performance.now() - sent;
			const startedAfter = starts[starts.length - 1] - sent;
			assert.equal(got.version, version);
			assert.ok(publishedAfter >= DEBOUNCE_MS - 1, `published ${publishedAfter.toFixed(0)} ms after the change, before the debounce ended`);
			assert.ok(startedAfter < DEBOUNCE_MS - 5, `analysis started ${startedAfter.toFixed(0)} ms after the change, not ahead of the debounce's end`);
		}
	});

	test('dpaLint.run=onSave: typing does not lint, saving does', async () => {
		client = await Client.start('in-process', { settings: { run: 'onSave' } });
		const file = path.join(fixturesDir, 'objection-periods.dpa.md');
		const uri = pathToFileURL(file).href;
		await client.openFile(file);
		const before = client.publishedFor(uri).length;
		await client.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, text: 'Vorbemerkung.\n\n' }],
		});
		await new Promise(resolve => setTimeout(resolve, 600));
		assert.equal(client.publishedFor(uri).length, before, 'no lint while typing');
		const saved = client.diagnostics(uri, 2);
		await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
		assert.equal((await saved).diagnostics.find(d => d.code === 'objection-period-inconsistent')?.range.start.line, 82);
	});

	test('closing a document clears its diagnostics', async () => {
		client = await Client.start('in-process');
		const file = path.join(fixturesDir, 'objection-periods.dpa.md');
		await client.openFile(file);
		assert.deepEqual((await client.close(pathToFileURL(file).href)).diagnostics, []);
	});

	test('an exception in the core is logged and yields empty diagnostics; the server keeps answering', async () => {
		client = await Client.start('in-process', { lint: () => { throw new Error('boom in the core'); } });
		const published = await client.openFile(maengel, 'plaintext');
		assert.deepEqual(published.diagnostics, []);
		assert.ok(client.logs.some(l => l.includes('boom in the core')));
		const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: published.uri } });
		assert.deepEqual(symbols, []);
	});

	test('"Lint workspace" (dpaLint/lintFiles) publishes diagnostics for drafts on disk and skips other files', async () => {
		client = await Client.start('in-process');
		const draft = pathToFileURL(path.join(fixturesDir, 'missing-infringing.dpa.md')).href;
		const other = pathToFileURL(path.join(fixturesDir, 'annex-files', 'anlage-2-tom.md')).href;
		const published = client.diagnostics(draft);
		const result = await client.connection.sendRequest('dpaLint/lintFiles', { uris: [draft, other] }) as { linted: string[]; skipped: string[]; problems: number };
		assert.deepEqual(result.linted, [draft]);
		assert.deepEqual(result.skipped, [other]);
		assert.equal(result.problems, 1);
		assert.equal((await published).diagnostics[0].code, 'missing-clause');
	});

	test('"Lint workspace" decodes UTF-16 drafts with a byte-order mark (LE and BE) like UTF-8 ones', async () => {
		const dir = tempDir('dpa-lint-ws-');
		client = await Client.start('in-process', { workspaceFolder: dir });
		const text = fs.readFileSync(path.join(fixturesDir, 'missing-infringing.dpa.md'), 'utf8');
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		const be = Buffer.from(le);
		be.swap16();
		const files = { 'utf8.dpa.md': Buffer.from(text), 'le.dpa.md': le, 'be.dpa.md': be };
		const uris = Object.entries(files).map(([name, bytes]) => { fs.writeFileSync(path.join(dir, name), bytes); return pathToFileURL(path.join(dir, name)).href; });
		const published = uris.map(uri => client!.diagnostics(uri));
		const result = await client.connection.sendRequest('dpaLint/lintFiles', { uris }) as { linted: string[]; skipped: string[] };
		assert.deepEqual(result.linted, uris);
		const [utf8, ...utf16] = (await Promise.all(published)).map(p => p.diagnostics.map(d => `${at(d)} ${d.code} ${d.message}`));
		assert.ok(utf8.length > 0);
		for (const d of utf16) assert.deepEqual(d, utf8);
	});
});

suite('diagnostics: incremental analysis in the server', () => {
	let client: Client;
	teardown(() => client?.dispose());

	/** A long draft (our drafts joined, about 150 KB: an agreement with its schedules) as Markdown with front-matter. */
	function longDraft(): string {
		const body = fs.readdirSync(draftsDir).filter(f => /\.(md|txt)$/.test(f)).sort()
			.map(f => fs.readFileSync(path.join(draftsDir, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n\n');
		let text = '---\ntype: dpa\nlanguage: de\n---\n\n';
		while (text.length < 150_000) text += body + '\n\n';
		return text;
	}

	test('a long draft is first analysed in slices (its prefixes), and what is published is the full analysis of the version', async () => {
		const calls: number[] = [];
		client = await Client.start('in-process', { lint: (text, uri, options) => { calls.push(text.length); return lint(text, uri, options); } });
		const text = longDraft();
		const uri = pathToFileURL(path.join(os.tmpdir(), 'long.dpa.md')).href;
		const published = await client.open(uri, text);
		const prefixes = calls.filter(n => n < text.length);
		assert.ok(prefixes.length >= 3, `slices: ${calls.join(', ')}`);
		assert.ok(prefixes.every((n, i) => i === 0 || n > prefixes[i - 1]), 'each slice is a longer prefix');
		assert.equal(calls[calls.length - 1], text.length);
		assert.equal(published.diagnostics.length, lint(text, uri).findings.length);
	});

	test('a version sent right after a long draft is opened is what gets published; later edits are analysed with the draft\'s session, each published result the full analysis of its version', async () => {
		const sessions: boolean[] = [];
		client = await Client.start('in-process', { lint: (t, u, options) => { sessions.push(!!options?.session); return lint(t, u, options); } });
		const text = longDraft();
		const uri = pathToFileURL(path.join(os.tmpdir(), 'long2.dpa.md')).href;
		const first = client.diagnostics(uri, 2);
		await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
		// Typing at once: delete the sentence "Anlage" reference somewhere in the middle.
		const at = text.indexOf('Anlage', text.length >> 1);
		const doc = TextDocument.create(uri, 'markdown', 1, text);
		const range = { start: doc.positionAt(at), end: doc.positionAt(at + 6) };
		await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range, text: 'Annex' }] });
		const v2 = text.slice(0, at) + 'Annex' + text.slice(at + 6);
		const published = await first;
		assert.equal(published.version, 2);
		const expected = lint(v2, uri, { suppressionFixes: true }).findings;
		assert.deepEqual(published.diagnostics.map(d => d.code), expected.map(f => f.rule));
		// Further edits: each published result is the full analysis of its version.
		let current = v2;
		for (let version = 3; version <= 5; version++) {
			const p = current.indexOf('\n\n', (current.length * version) / 7);
			const next = client.diagnostics(uri, version);
			const d = TextDocument.create(uri, 'markdown', version - 1, current);
			await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: d.positionAt(p), end: d.positionAt(p) }, text: '\n\nDer Auftragsverarbeiter löscht die Daten nach 30 Tagen.' }] });
			current = current.slice(0, p) + '\n\nDer Auftragsverarbeiter löscht die Daten nach 30 Tagen.' + current.slice(p);
			const got = await next;
			assert.deepEqual(got.diagnostics.map(x => `${x.code}@${x.range.start.line}:${x.range.start.character}`), lint(current, uri, { suppressionFixes: true }).findings.map(f => {
				const pos = TextDocument.create(uri, 'markdown', version, current).positionAt(f.span.start);
				return `${f.rule}@${pos.line}:${pos.character}`;
			}));
		}
		assert.ok(sessions.length > 0 && sessions.every(Boolean), 'every analysis of the long draft used its session');
	});
});

suite('requests while a newer version awaits analysis', () => {
	let client: Client;
	teardown(() => client?.dispose());

	test('hover and definition right after typing in a line are answered from the last analysis, their ranges mapped to the new version; after a line is added, or at changed text, the new version is analysed', async () => {
		let lints = 0;
		client = await Client.start('in-process', { lint: (text, uri, options) => { lints++; return lint(text, uri, options); } });
		const uri = pathToFileURL(maengel).href;
		let text = fs.readFileSync(maengel, 'utf8');
		await client.open(uri, text, 'plaintext');
		const request = <R>(method: string, position: { line: number; character: number }): Promise<R> =>
			client.connection.sendRequest(method, { textDocument: { uri }, position }) as Promise<R>;
		const change = async (version: number, from: number, to: number, insert: string): Promise<void> => {
			const doc = TextDocument.create(uri, 'plaintext', version - 1, text);
			await client.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version }, contentChanges: [{ range: { start: doc.positionAt(from), end: doc.positionAt(to) }, text: insert }],
			});
			text = text.slice(0, from) + insert + text.slice(to);
		};
		// Version 2: two spaces typed before "Anlage 2" in its line (line 54, columns 38–45), which moves two columns on.
		const reference = text.indexOf('in Anlage 2 genannten');
		const settled = client.diagnostics(uri, 2);
		await change(2, reference, reference, '  ');
		const before = lints;
		const at = { line: 53, character: 42 };
		const hover = await request<Hover>('textDocument/hover', at);
		const definition = await request<Location>('textDocument/definition', at);
		assert.equal(lints, before, 'answered without analysing the new version');
		assert.deepEqual(hover.range, { start: { line: 53, character: 39 }, end: { line: 53, character: 47 } });
		assert.match((hover.contents as MarkupContent).value, /^\*\*Anlage 2 – Technische und organisatorische Massnahmen\*\*/);
		assert.match(text.split('\n')[definition.range.start.line], /^Anlage 2/);
		// The same answers as from the analysis of version 2 itself.
		await settled;
		assert.deepEqual(await request<Hover>('textDocument/hover', at), hover);
		assert.deepEqual(await request<Location>('textDocument/definition', at), definition);
		// Version 3: a line added at the top: the lines the answer names move, so the new version is analysed.
		await change(3, 0, 0, 'Vorbemerkung.\n');
		const moved = { line: 54, character: 42 };
		const third = lints;
		const shifted = await request<Hover>('textDocument/hover', moved);
		assert.equal(lints, third + 1, 'analysed the new version');
		assert.deepEqual(shifted.range, { start: { line: 54, character: 39 }, end: { line: 54, character: 47 } });
		assert.match((shifted.contents as MarkupContent).value, /Änderungen: Zeile 55\b/, 'the lines named are those of the new version');
		// Version 4: the reference itself edited ("Anlage 2" → "Anlage 3"): the new version is analysed.
		const digit = text.indexOf('Anlage 2 genannten') + 7;
		await change(4, digit, digit + 1, '3');
		const fourth = lints;
		const changed = await request<Hover>('textDocument/hover', moved);
		assert.equal(lints, fourth + 1, 'analysed the new version');
		assert.match((changed.contents as MarkupContent).value, /^\*\*Anlage 3/);
	});
});
