import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, repoRoot } from './harness';

suite('smoke: the bundled server', () => {
	test('dist/server.js --stdio starts and answers initialize with its capabilities', async () => {
		assert.ok(fs.existsSync(path.join(repoRoot, 'dist', 'server.js')), 'npm run bundle has run');
		const client = await Client.start('stdio');
		try {
			const caps = client.initializeResult.capabilities;
			assert.equal(client.initializeResult.serverInfo?.name, 'dpa-lint');
			assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
			assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.dpa-lint'], resolveProvider: false });
			assert.deepEqual(caps.renameProvider, { prepareProvider: true });
			assert.deepEqual(caps.completionProvider?.triggerCharacters, [' ']);
			for (const p of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider'] as const) assert.ok(caps[p], p);
			assert.deepEqual(caps.executeCommandProvider?.commands, ['dpaLint.selectRange', 'dpaLint.server.renumberAnnexes']);
		} finally {
			await client.dispose();
		}
	});
});
