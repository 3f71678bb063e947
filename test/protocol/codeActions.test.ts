import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { assertOnlyEdited, Client, draftsDir, editsOf, fixturesDir, type Mode } from './harness';

const maengel = path.join(draftsDir, 'de-maengel.txt');

async function codeActions(client: Client, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
	const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
	return client.connection.sendRequest('textDocument/codeAction', {
		textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) },
	}) as Promise<CodeAction[]>;
}

/** Apply an action's edit through didChange; check the bytes outside the edit; resolve with the re-published diagnostics. */
async function apply(client: Client, uri: string, action: CodeAction): Promise<Diagnostic[]> {
	const edits = editsOf(action.edit, uri);
	assert.ok(edits.length > 0, `"${action.title}" has no edits`);
	const before = client.documents.get(uri)!.getText();
	const published = await client.edit(uri, edits);
	assertOnlyEdited(before, client.documents.get(uri)!.getText(), edits);
	return published.diagnostics;
}

for (const mode of ['in-process', 'stdio'] as Mode[]) {
	suite(`quick fixes (${mode})`, () => {
		let client: Client;
		setup(async () => { client = await Client.start(mode); });
		teardown(() => client.dispose());

		test('missing-clause: inserting the clause removes the finding', async () => {
			const file = path.join(fixturesDir, 'missing-infringing.dpa.md');
			const uri = pathToFileURL(file).href;
			const { diagnostics } = await client.openFile(file);
			const d = diagnostics.find(x => x.code === 'missing-clause' && (x.data as { requirement?: string }).requirement === 'art28-3-infringing-instruction')!;
			assert.ok(d, 'missing-clause for the infringing-instruction requirement');
			const actions = await codeActions(client, uri, [d]);
			assert.equal(actions[0].kind, 'quickfix');
			assert.equal(actions[0].isPreferred, true);
			assert.match(actions[0].title, /einfügen/);
			assert.deepEqual(actions[0].diagnostics, [d]);
			const after = await apply(client, uri, actions[0]);
			assert.ok(!after.some(x => x.code === 'missing-clause'), JSON.stringify(after.map(x => x.message)));
			assert.match(client.documents.get(uri)!.getText(), /Weisung/);
		});

		test('annex-mismatch: retargeting "Anlage 2" in de-maengel.txt line 54 to Anlage 3 removes the finding', async () => {
			const uri = pathToFileURL(maengel).href;
			const { diagnostics } = await client.openFile(maengel, 'plaintext');
			const d = diagnostics.find(x => x.code === 'annex-mismatch' && x.range.start.line === 53)!;
			const actions = await codeActions(client, uri, [d]);
			assert.match(actions[0].title, /Anlage 3/);
			assert.deepEqual(editsOf(actions[0].edit, uri).map(e => e.newText), ['3']);
			const after = await apply(client, uri, actions[0]);
			assert.ok(!after.some(x => x.code === 'annex-mismatch'));
			assert.match(client.documents.get(uri)!.getText().split('\n')[53], /in Anlage 3 genannten Unterauftragnehmer/);
		});

		test('objection-period-inconsistent: one action per value; harmonising removes the finding', async () => {
			const file = path.join(fixturesDir, 'objection-periods.dpa.md');
			const uri = pathToFileURL(file).href;
			const { diagnostics } = await client.openFile(file);
			const d = diagnostics.find(x => x.code === 'objection-period-inconsistent')!;
			const actions = (await codeActions(client, uri, [d])).filter(a => a.edit && !/deaktivieren/.test(a.title));
			assert.deepEqual(actions.map(a => editsOf(a.edit, uri).map(e => e.newText)), [['14 Tagen'], ['30 Tagen']]);
			const after = await apply(client, uri, actions[0]);
			assert.ok(!after.some(x => x.code === 'objection-period-inconsistent'));
		});
	});
}

suite('code actions', () => {
	let client: Client;
	setup(async () => { client = await Client.start('in-process'); });
	teardown(() => client.dispose());

	test('stale diagnostics (an older document version) yield no edits', async () => {
		const file = path.join(fixturesDir, 'objection-periods.dpa.md');
		const uri = pathToFileURL(file).href;
		const { diagnostics } = await client.openFile(file);
		const d = diagnostics.find(x => x.code === 'objection-period-inconsistent')!;
		assert.ok((await codeActions(client, uri, [d])).length > 0);
		await client.edit(uri, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, newText: 'Vorbemerkung.\n\n' }]);
		assert.deepEqual(await codeActions(client, uri, [d]), []);
	});

	test('source.fixAll.dpa-lint applies only mechanical fixes and never inserts legal text', async () => {
		const periods = path.join(fixturesDir, 'objection-periods.dpa.md');
		const uri = pathToFileURL(periods).href;
		await client.openFile(periods);
		const all = await codeActions(client, uri, [], ['source.fixAll.dpa-lint']);
		assert.equal(all.length, 1);
		assert.equal(all[0].kind, 'source.fixAll.dpa-lint');
		assert.deepEqual(editsOf(all[0].edit, uri).map(e => e.newText), ['14 Tagen']);
		assert.deepEqual(await codeActions(client, uri, [], ['source']).then(a => a.map(x => x.kind)), ['source.fixAll.dpa-lint']);
		assert.deepEqual(await codeActions(client, uri, [], ['quickfix']), []);
		const after = await apply(client, uri, all[0]);
		assert.ok(!after.some(x => x.code === 'objection-period-inconsistent'));

		const missing = path.join(fixturesDir, 'missing-infringing.dpa.md');
		await client.openFile(missing);
		assert.deepEqual(await codeActions(client, pathToFileURL(missing).href, [], ['source.fixAll']), []);
	});

	test('context.only: quick fixes are not returned for a source request', async () => {
		const file = path.join(fixturesDir, 'objection-periods.dpa.md');
		const uri = pathToFileURL(file).href;
		const { diagnostics } = await client.openFile(file);
		const d = diagnostics.find(x => x.code === 'objection-period-inconsistent')!;
		assert.ok((await codeActions(client, uri, [d], ['quickfix'])).every(a => a.kind === 'quickfix'));
		assert.ok((await codeActions(client, uri, [d], ['source.fixAll.dpa-lint'])).every(a => a.kind === 'source.fixAll.dpa-lint'));
	});

	test('select-placeholder selects the placeholder through a command and window/showDocument', async () => {
		const file = maengel;
		const uri = pathToFileURL(file).href;
		const { diagnostics } = await client.openFile(file, 'plaintext');
		const d = diagnostics.find(x => x.code === 'placeholder-unfilled')!;
		const [action] = await codeActions(client, uri, [d]);
		assert.equal(action.edit, undefined);
		assert.equal(action.command?.command, 'dpaLint.selectRange');
		assert.deepEqual(action.command?.arguments, [uri, d.range]);
		await client.connection.sendRequest('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
		assert.deepEqual(client.shown, [{ uri, selection: d.range, takeFocus: true }]);
	});

	test('"disable for this line" and "disable for this file" silence the rule', async () => {
		const file = maengel;
		const uri = pathToFileURL(file).href;
		const { diagnostics } = await client.openFile(file, 'plaintext');
		const d = diagnostics.find(x => x.code === 'placeholder-unfilled')!;
		const actions = await codeActions(client, uri, [d]);
		const line = actions.find(a => /für diese Zeile/.test(a.title))!;
		const fileWide = actions.find(a => /für diese Datei/.test(a.title))!;
		assert.equal(line.isPreferred, undefined);
		assert.match(editsOf(line.edit, uri)[0].newText, /<!-- dpa-lint-disable-next-line placeholder-unfilled -- Begründung -->/);
		const afterLine = await apply(client, uri, line);
		assert.equal(afterLine.filter(x => x.code === 'placeholder-unfilled').length, diagnostics.filter(x => x.code === 'placeholder-unfilled').length - 1);
		const fresh = afterLine.find(x => x.code === 'placeholder-unfilled')!;
		const fileAction = (await codeActions(client, uri, [fresh])).find(a => /für diese Datei/.test(a.title))!;
		assert.equal(fileAction.title, fileWide.title);
		const afterFile = await apply(client, uri, fileAction);
		assert.ok(!afterFile.some(x => x.code === 'placeholder-unfilled'));
		assert.ok(afterFile.some(x => x.code === 'annex-mismatch'));
	});

	test('without documentChanges support the edit comes as changes', async () => {
		await client.dispose();
		client = await Client.start('in-process', { documentChanges: false });
		const file = maengel;
		const uri = pathToFileURL(file).href;
		const { diagnostics } = await client.openFile(file, 'plaintext');
		const d = diagnostics.find(x => x.code === 'annex-mismatch')!;
		const [action] = await codeActions(client, uri, [d]);
		assert.equal(action.edit?.documentChanges, undefined);
		assert.equal(action.edit?.changes?.[uri]?.[0].newText, '3');
	});
});
