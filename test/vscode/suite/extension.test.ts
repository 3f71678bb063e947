// The extension as VS Code's API sees it: diagnostics, quick fixes, completions (snippets), coverage command,
// go to definition. Runs inside the extension host (see index.ts); the workspace is a copy of test/e2e/workspace.
import * as assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';

const DE = 'avv-druckerei.dpa.md';
const EN = 'dpa-fleet.dpa.md';

function workspaceDir(): string {
	const dir = process.env.DPA_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
	assert.ok(dir, 'no workspace: open test/e2e/workspace (a copy) or set DPA_WORKSPACE');
	return dir;
}

function codeOf(d: vscode.Diagnostic): string {
	return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
}

function show(ds: readonly vscode.Diagnostic[]): string {
	return ds.map(d => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`).join('\n');
}

/** Resolves with the diagnostics of `uri` once `pred` holds (on the event, never by sleeping). */
function waitForDiagnostics(uri: vscode.Uri, pred: (ds: readonly vscode.Diagnostic[]) => boolean, timeoutMs = 45000): Promise<readonly vscode.Diagnostic[]> {
	const now = vscode.languages.getDiagnostics(uri);
	if (pred(now)) return Promise.resolve(now);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			sub.dispose();
			reject(new Error(`diagnostics of ${path.basename(uri.fsPath)} did not reach the expected state in ${timeoutMs / 1000}s:\n${show(vscode.languages.getDiagnostics(uri))}`));
		}, timeoutMs);
		const sub = vscode.languages.onDidChangeDiagnostics(e => {
			if (!e.uris.some(u => u.toString() === uri.toString())) return;
			const ds = vscode.languages.getDiagnostics(uri);
			if (pred(ds)) { clearTimeout(timer); sub.dispose(); resolve(ds); }
		});
	});
}

async function open(name: string): Promise<vscode.TextEditor> {
	const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceDir(), name)));
	return vscode.window.showTextDocument(doc);
}

const hasCodes = (codes: string[]) => (ds: readonly vscode.Diagnostic[]) => codes.every(c => ds.some(d => codeOf(d) === c));

function labelOf(item: vscode.CompletionItem): string {
	return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('DPA Lint extension', () => {
	test('activates on a Markdown draft', async () => {
		const ext = vscode.extensions.getExtension('dpa-lint.dpa-lint');
		assert.ok(ext, 'extension dpa-lint.dpa-lint is not installed');
		await open(DE);
		await ext.activate();
		assert.ok(ext.isActive);
		const commands = await vscode.commands.getCommands(true);
		assert.ok(commands.includes('dpaLint.showCoverage'), 'command dpaLint.showCoverage is not registered');
	});

	test('German draft: diagnostics with rule codes and German messages', async () => {
		const editor = await open(DE);
		const ds = await waitForDiagnostics(editor.document.uri, hasCodes(['missing-clause', 'annex-undefined', 'objection-period-inconsistent']));
		assert.equal(ds.length, 3, show(ds));
		assert.ok(ds.some(d => /Pflichtinhalt fehlt: Hinweis auf rechtswidrige Weisungen/.test(d.message)), show(ds));
		assert.ok(ds.some(d => /Anlage 5 wird referenziert, ist aber nicht definiert/.test(d.message)), show(ds));
		assert.ok(ds.every(d => d.source === undefined || /dpa/i.test(d.source)), show(ds));
	});

	test('quick fix on missing-clause inserts the clause and the diagnostic goes away', async () => {
		const editor = await open(DE);
		const uri = editor.document.uri;
		const ds = await waitForDiagnostics(uri, hasCodes(['missing-clause']));
		const missing = ds.find(d => codeOf(d) === 'missing-clause')!;
		// The quick fix is computed from the diagnostics the workbench passes as context; they reach the workbench
		// a moment after the extension host sees them, so ask again until the fix is offered (at most 15 s).
		let actions: vscode.CodeAction[] = [];
		let fix: vscode.CodeAction | undefined;
		for (const end = Date.now() + 15000; !fix && Date.now() < end;) {
			actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
				'vscode.executeCodeActionProvider', uri, missing.range, vscode.CodeActionKind.QuickFix.value);
			fix = actions.find(a => /Klausel „[^“]*rechtswidrige[n]? Weisungen“ einfügen/.test(a.title));
			if (!fix) await new Promise(r => setTimeout(r, 200));
		}
		assert.ok(fix, `no insert fix among: ${actions.map(a => a.title).join(' | ')}`);
		if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit failed');
		if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
		await waitForDiagnostics(uri, d => !d.some(x => codeOf(x) === 'missing-clause'));
		assert.match(editor.document.getText(), /Weisung[^\n]*gegen die DSGVO/);
	});

	test('completion offers the dpa- clause snippets and the tom- snippets', async () => {
		for (const [prefix, expected] of [['dpa-', 'dpa-weisung'], ['tom-', 'tom-zutritt']] as const) {
			const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# Test\n\n${prefix}` });
			await vscode.window.showTextDocument(doc);
			const list = await vscode.commands.executeCommand<vscode.CompletionList>(
				'vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, prefix.length));
			const labels = list.items.map(labelOf);
			assert.ok(labels.includes(expected), `"${prefix}" does not offer ${expected}: ${labels.filter(l => l.startsWith(prefix)).join(', ')}`);
			assert.ok(labels.filter(l => l.startsWith(prefix)).length >= 5, `few ${prefix} items: ${labels.join(', ')}`);
			await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		}
	});

	test('English draft gets English messages', async () => {
		const editor = await open(EN);
		const ds = await waitForDiagnostics(editor.document.uri, hasCodes(['missing-clause', 'annex-undefined', 'annex-unreferenced']));
		assert.ok(ds.some(d => /Mandatory content missing: Confidentiality of authorised persons/.test(d.message)), show(ds));
		assert.ok(ds.some(d => /Annex 4 is referenced but not defined/.test(d.message)), show(ds));
	});

	test('coverage command runs on the active draft', async () => {
		await open(EN);
		await vscode.commands.executeCommand('dpaLint.showCoverage');
	});

	test('go to definition on "Anlage 2" finds the annex heading', async () => {
		const editor = await open(DE);
		const lines = editor.document.getText().split('\n');
		const refLine = lines.findIndex(l => /in Anlage 2 festgelegt/.test(l));
		const defLine = lines.findIndex(l => /^## Anlage 2\b/.test(l));
		assert.ok(refLine >= 0 && defLine >= 0);
		const pos = new vscode.Position(refLine, lines[refLine].indexOf('Anlage 2') + 2);
		const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
			'vscode.executeDefinitionProvider', editor.document.uri, pos);
		const lineOf = (d: vscode.Location | vscode.LocationLink) => ('targetRange' in d ? d.targetRange : d.range).start.line;
		assert.ok(defs.some(d => lineOf(d) === defLine), `definitions at lines ${defs.map(d => lineOf(d) + 1).join(', ')}, expected ${defLine + 1}`);
	});
});
