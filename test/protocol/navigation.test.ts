import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, DocumentSymbol, Hover, Location, MarkupContent, Position, WorkspaceEdit } from 'vscode-languageserver/node';
import { sharedSuite } from '../helpers';
import { Client, editsOf, fixturesDir, seed } from './harness';

const pos = (line: number, character: number): Position => ({ line: line - 1, character: character - 1 });

sharedSuite('navigation and help on seed 002 (../shared/seeds)', () => {
	let client: Client;
	let uri: string;
	const request = <R>(method: string, line: number, column: number, extra: object = {}): Promise<R> =>
		client.connection.sendRequest(method, { textDocument: { uri }, position: pos(line, column), ...extra }) as Promise<R>;

	suiteSetup(async () => {
		client = await Client.start('in-process');
		uri = pathToFileURL(seed('002')).href;
		await client.openFile(seed('002'), 'plaintext');
	});
	suiteTeardown(() => client?.dispose()); // unset when the suite was skipped

	test('hover on an annex reference shows the annex title and its first lines', async () => {
		const hover = await request<Hover>('textDocument/hover', 65, 67);
		const value = (hover.contents as MarkupContent).value;
		assert.match(value, /^\*\*Anlage 3 – Beschreibung der Betroffenen\/Betroffenengruppen\*\*/);
		assert.match(value, /> \\- Mitglieder {2}\n> \\- Mitarbeiter/);
		assert.deepEqual(hover.range, { start: pos(65, 65), end: pos(65, 73) });
	});

	test('hover on evidence explains the requirement in the document language', async () => {
		const hover = await request<Hover>('textDocument/hover', 57, 10);
		const value = (hover.contents as MarkupContent).value;
		assert.match(value, /Beleg für \*\*Hinweis auf rechtswidrige Weisungen\*\* \(Art\\\. 28 Abs\\\. 3 Unterabs\\\. 2 DSGVO\) — Status: vorhanden/);
		assert.match(value, /informiert den Verantwortlichen unverzüglich/);
	});

	test('no hover on plain text', async () => {
		assert.equal(await request<Hover | null>('textDocument/hover', 150, 5), null);
	});

	test('definition from "Anlage 3" goes to the annex, from "§ 7" to the clause', async () => {
		const annex = await request<Location>('textDocument/definition', 65, 70);
		assert.deepEqual(annex, { uri, range: { start: pos(200, 1), end: pos(200, 9) } });
		const clause = await request<Location>('textDocument/definition', 89, 63);
		assert.equal(clause.range.start.line, 66);
		assert.match(fs.readFileSync(seed('002'), 'utf8').split('\n')[66], /^§ 7 /);
	});

	test('references of an annex: every reference and the definition', async () => {
		const refs = await request<Location[]>('textDocument/references', 126, 52, { context: { includeDeclaration: true } });
		assert.deepEqual(refs.map(r => r.range.start.line + 1), [200, 65, 126]);
		const only = await request<Location[]>('textDocument/references', 200, 8, { context: { includeDeclaration: false } });
		assert.deepEqual(only.map(r => r.range.start.line + 1), [65, 126]);
	});

	test('document symbols: the clause tree, then the annexes', async () => {
		const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as DocumentSymbol[];
		const names = symbols.map(s => s.name);
		assert.equal(names.filter(n => n.startsWith('§ ')).length, 17);
		assert.equal(names[0], '§ 1 Präambel');
		assert.deepEqual(names.slice(-5), ['Anlage 1', 'Anlage 2', 'Anlage 3', 'Anlage 4', 'Anlage 5']);
		assert.equal(symbols.at(-3)!.detail, 'Beschreibung der Betroffenen/Betroffenengruppen');
		const s12 = symbols.find(s => s.name.startsWith('§ 12'))!;
		assert.ok(s12.children!.length >= 10);
		assert.match(s12.children![9].name, /^10\) Zurzeit sind/);
		for (const s of symbols.flatMap(function all(x: DocumentSymbol): DocumentSymbol[] { return [x, ...(x.children ?? []).flatMap(all)]; })) {
			assert.ok(s.name.length > 0);
			const inRange = (p: Position): boolean => (p.line > s.range.start.line || (p.line === s.range.start.line && p.character >= s.range.start.character))
				&& (p.line < s.range.end.line || (p.line === s.range.end.line && p.character <= s.range.end.character));
			assert.ok(inRange(s.selectionRange.start) && inRange(s.selectionRange.end), `selectionRange of ${s.name} inside its range`);
		}
	});

	test('prepareRename and rename on an annex label renumber the definition, every reference and the annex list', async () => {
		const prepared = await request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', 126, 56);
		assert.deepEqual(prepared, { range: { start: pos(126, 56), end: pos(126, 57) }, placeholder: '3' });
		assert.equal(await request('textDocument/prepareRename', 150, 5), null);
		const edit = await request<WorkspaceEdit>('textDocument/rename', 200, 8, { newName: '6' });
		const lines = editsOf(edit, uri).map(e => `${e.range.start.line + 1}:${e.range.start.character + 1}=${e.newText}`);
		assert.deepEqual(lines, ['65:72=6', '126:56=6', '161:8=6', '200:8=6']);
		await assert.rejects(request('textDocument/rename', 200, 8, { newName: '4' }), /Anlage 4 exists already/);
		await assert.rejects(request('textDocument/rename', 200, 8, { newName: 'drei' }), /not an annex label/);
	});

	test('completion after "Anlage " offers the defined annexes with their titles', async () => {
		const text = client.documents.get(uri)!.getText();
		const line = text.split('\n').length;
		await client.edit(uri, [{ range: { start: pos(line, 1), end: pos(line, 1) }, newText: '\nSiehe Anlage ' }]);
		const items = await request<CompletionItem[]>('textDocument/completion', line + 1, 14);
		assert.deepEqual(items.map(i => `${i.label} ${i.detail}`), [
			'1 Beauftragte Subunternehmer', '2 Beschreibung der Datenkategorien', '3 Beschreibung der Betroffenen/Betroffenengruppen',
			'4 Verzeichnis der Verarbeitungstätigkeiten des Auftragnehmers.', '5 Umsetzung technischer und organisatorischer Maßnahmen zum Datenschutz gem. Art. 24 Abs.1 u. Art. 32 DSGVO und Anlage zum Auftragsdatenverarbeitungsvertrag',
		]);
		assert.deepEqual(items[0].textEdit, { range: { start: pos(line + 1, 14), end: pos(line + 1, 14) }, newText: '1' });
		assert.deepEqual(await request<CompletionItem[]>('textDocument/completion', line + 1, 6), []);
	});
});

suite('navigation: annexes in separate files, front-matter, missing clauses, renumbering', () => {
	let client: Client;
	setup(async () => { client = await Client.start('in-process'); });
	teardown(() => client.dispose());
	const request = <R>(method: string, uri: string, line: number, column: number, extra: object = {}): Promise<R> =>
		client.connection.sendRequest(method, { textDocument: { uri }, position: pos(line, column), ...extra }) as Promise<R>;

	test('definition, hover, references and rename for an annex listed in the front-matter', async () => {
		const file = path.join(fixturesDir, 'annex-files', 'vertrag.dpa.md');
		const uri = pathToFileURL(file).href;
		await client.openFile(file);
		const def = await request<Location>('textDocument/definition', uri, 22, 40);
		assert.equal(def.uri, pathToFileURL(path.join(fixturesDir, 'annex-files', 'anlage-2-tom.md')).href);
		const hover = await request<Hover>('textDocument/hover', uri, 22, 40);
		const value = (hover.contents as MarkupContent).value;
		assert.match(value, /Anlage 2 – Technische und organisatorische Maßnahmen/);
		assert.match(value, /anlage\\-2\\-tom\\.md/);
		assert.match(value, /> 1\\\. Zutrittskontrolle/);
		const refs = await request<Location[]>('textDocument/references', uri, 22, 40, { context: { includeDeclaration: true } });
		assert.deepEqual(refs.map(r => `${r.range.start.line + 1}:${r.range.start.character + 1}`), ['9:16', '22:37']);
		const edit = await request<WorkspaceEdit>('textDocument/rename', uri, 22, 38, { newName: '3' });
		assert.deepEqual(editsOf(edit, uri).map(e => `${e.range.start.line + 1}:${e.range.start.character + 1}=${e.newText}`), ['9:16=3', '22:44=3']);
	});

	test('definition from "§ 1 Abs. 1" goes to paragraph (1) of § 1', async () => {
		const file = path.join(fixturesDir, 'annex-files', 'vertrag.dpa.md');
		const uri = pathToFileURL(file).href;
		await client.openFile(file);
		const def = await request<Location>('textDocument/definition', uri, 22, 145);
		assert.equal(def.range.start.line + 1, 18);
	});

	test('hover on a missing-clause diagnostic explains the requirement', async () => {
		const file = path.join(fixturesDir, 'missing-infringing.dpa.md');
		const uri = pathToFileURL(file).href;
		const { diagnostics } = await client.openFile(file);
		const d = diagnostics.find(x => x.code === 'missing-clause')!;
		const hover = await request<Hover>('textDocument/hover', uri, d.range.start.line + 1, d.range.start.character + 2);
		const value = (hover.contents as MarkupContent).value;
		assert.match(value, /^\*\*Hinweis auf rechtswidrige Weisungen\*\* \(Art\\\. 28 Abs\\\. 3 Unterabs\\\. 2 DSGVO\) — Status: fehlt/);
		assert.deepEqual(hover.range, d.range);
	});

	test('hover follows dpaLint.language', async () => {
		client.settings = { language: 'en' };
		const file = path.join(fixturesDir, 'missing-infringing.dpa.md');
		const uri = pathToFileURL(file).href;
		const { diagnostics } = await client.openFile(file);
		const d = diagnostics.find(x => x.code === 'missing-clause')!;
		const hover = await request<Hover>('textDocument/hover', uri, d.range.start.line + 1, d.range.start.character + 2);
		assert.match((hover.contents as MarkupContent).value, /^\*\*Notice of infringing instructions\*\* \(Art\\\. 28\\\(3\\\), second subparagraph, GDPR\) — status: missing/);
	});

	test('completion of front-matter keys and values', async () => {
		const uri = 'untitled:Entwurf-1';
		await client.open(uri, '---\ntype: dpa\nsubprocessor_authorisation: \n\n---\n\n# Vertrag\n');
		const values = await request<CompletionItem[]>('textDocument/completion', uri, 3, 29);
		assert.deepEqual(values.map(i => i.label), ['general', 'specific']);
		const keys = await request<CompletionItem[]>('textDocument/completion', uri, 4, 1);
		assert.ok(keys.some(k => k.label === 'objection_period' && k.textEdit?.newText === 'objection_period: '));
		assert.ok(!keys.some(k => k.label === 'type'), 'keys already present are not offered again');

		const fresh = 'untitled:Entwurf-2';
		await client.open(fresh, '---\n\n---\n');
		assert.deepEqual((await request<CompletionItem[]>('textDocument/completion', fresh, 2, 1)).map(i => i.label), ['type']);
	});

	test('"Renumber annexes" renumbers in order of definition through workspace/applyEdit', async () => {
		const file = path.join(fixturesDir, 'renumber.dpa.md');
		const uri = pathToFileURL(file).href;
		await client.openFile(file);
		const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'dpaLint.server.renumberAnnexes', arguments: [uri] });
		assert.deepEqual(result, { applied: true, edits: 6 });
		const edits = editsOf(client.applied[0].edit, uri);
		const renumbered = client.documents.get(uri)!.getText();
		const after = (await import('vscode-languageserver-textdocument')).TextDocument.applyEdits(client.documents.get(uri)!, edits);
		assert.notEqual(after, renumbered);
		assert.match(after, /in Anlage 2 beschrieben; die Unterauftragsverarbeiter nennt Anlage 3\./);
		assert.match(after, /## Anlage 3 – Unterauftragsverarbeiter/);
		assert.match(after, /- Anlage 2 – Technische/);
		await client.edit(uri, edits);
		const again = await client.connection.sendRequest('workspace/executeCommand', { command: 'dpaLint.server.renumberAnnexes', arguments: [uri] });
		assert.deepEqual(again, { applied: false, edits: 0 });
	});

	test('coverage request lists the 21 requirements with status and evidence ranges', async () => {
		const file = path.join(fixturesDir, 'missing-infringing.dpa.md');
		const uri = pathToFileURL(file).href;
		await client.openFile(file);
		const report = await client.connection.sendRequest('dpaLint/coverage', { uri }) as {
			total: number; covered: number; missing: number; requirements: { id: string; status: string; evidence: { range: unknown; text: string }[] }[];
		};
		assert.equal(report.total, 21);
		assert.equal(report.covered, 20);
		assert.equal(report.missing, 1);
		assert.equal(report.requirements.find(r => r.id === 'art28-3-infringing-instruction')!.status, 'missing');
		const instructions = report.requirements.find(r => r.id === 'art28-3-a-instructions')!;
		assert.ok(instructions.evidence.length > 0 && instructions.evidence[0].text.length > 0);
		assert.equal(await client.connection.sendRequest('dpaLint/coverage', { uri: 'file:///nicht/offen.md' }), null);
	});
});

suite('hover gives the reason for a coverage decision (test/drafts)', () => {
	let client: Client;
	const file = path.join(__dirname, '..', '..', '..', 'test', 'drafts', 'de-maengel.txt');
	const uri = pathToFileURL(file).href;
	const hoverAt = async (line: number, column: number): Promise<string> => {
		const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos(line, column) }) as Hover;
		return (hover.contents as MarkupContent).value;
	};
	suiteSetup(async () => {
		client = await Client.start('in-process');
		await client.openFile(file, 'plaintext');
	});
	suiteTeardown(() => client.dispose());

	test('on a missing requirement: what the law asks and that nothing was found', async () => {
		const value = await hoverAt(1, 5);
		assert.match(value, /\*\*Vertraulichkeit der befugten Personen\*\*.*Status: fehlt/);
		assert.match(value, /Fehlt – Verpflichtung der Beschäftigten: nichts gefunden\\\./);
	});

	test('on a partial requirement: what was found where and what is missing', async () => {
		const value = await hoverAt(72, 10);
		assert.match(value, /Unvollständig – Löschung oder Rückgabe nach Vertragsende: Zeile 72; nach Wahl des Verantwortlichen: nichts gefunden/);
	});
});
