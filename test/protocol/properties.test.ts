import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction } from 'vscode-languageserver/node';
import { lint } from '../../server/src/core';
import { projectFiles, sharedFiles, sharedSuite } from '../helpers';
import { applyEdits, assertOnlyEdited, Client, editsOf, repoRoot } from './harness';

/** Every offered quick fix on each draft, applied alone, changes only its ranges and leaves a lintable draft. */
function quickFixProperty(drafts: readonly string[], minimum: number): void {
	let client: Client;
	suiteSetup(async () => { client = await Client.start('in-process'); });
	suiteTeardown(() => client?.dispose()); // unset when the suite was skipped

	let offered = 0;

	for (const file of drafts) {
		test(path.relative(path.join(repoRoot, '..'), file), async () => {
			const uri = pathToFileURL(file).href;
			const text = fs.readFileSync(file, 'utf8');
			const { diagnostics } = await client.open(uri, text, file.endsWith('.txt') ? 'plaintext' : 'markdown');
			let applied = 0;
			for (const d of diagnostics) {
				const actions = await client.connection.sendRequest('textDocument/codeAction', {
					textDocument: { uri }, range: d.range, context: { diagnostics: [d] },
				}) as CodeAction[];
				assert.ok(actions.length >= 2, `${d.code}: at least the two suppressions`);
				for (const action of actions) {
					if (action.command) {
						assert.equal(action.command.command, 'dpaLint.selectRange');
						continue;
					}
					const edits = editsOf(action.edit, uri);
					const fixed = applyEdits(text, edits);
					assertOnlyEdited(text, fixed, edits);
					assert.notEqual(fixed, text, `"${action.title}" changes the text`);
					const result = lint(fixed, uri);
					assert.ok(result.doc.blocks.length > 0);
					applied++;
				}
			}
			assert.ok(applied >= diagnostics.length * 2);
			offered += applied;
			await client.close(uri);
		});
	}

	test('the drafts offered enough quick fixes to make the property meaningful', () => {
		assert.ok(offered >= minimum, `only ${offered} quick fixes were offered on all drafts`);
	});
}

suite('property: every quick fix on our own drafts and LSP fixtures changes only its ranges and leaves a lintable draft', () => {
	quickFixProperty([...projectFiles('test/drafts', /\.(md|txt)$/), ...projectFiles('test/fixtures/lsp', /\.md$/)], 60);
});

sharedSuite('property: every quick fix on the seeds (../shared/seeds) changes only its ranges and leaves a lintable draft', () => {
	quickFixProperty(sharedFiles('seeds', /\.txt$/), 100);
});
