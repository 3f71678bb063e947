import * as assert from 'node:assert/strict';
import { NEW_DRAFT_REQUEST, type NewDraftResult } from '../../server/src/protocol';
import { Client } from './harness';

/** "DPA Lint: New DPA from template" asks the server for the draft; opened in the editor, only placeholders are reported. */
suite('new DPA from template (dpaLint/newDraft)', () => {
	let client: Client;
	suiteSetup(async () => { client = await Client.start('in-process'); });
	suiteTeardown(() => client.dispose());

	for (const [language, authorisation] of [['de', 'general'], ['en', 'specific']] as const) {
		test(`${language}, ${authorisation}: the draft opens with placeholder findings only`, async () => {
			const result = await client.connection.sendRequest(NEW_DRAFT_REQUEST, { language, authorisation, controller: 'Beispiel AG, Hauptstraße 1, 10115 Berlin' }) as NewDraftResult;
			assert.match(result.text, /^---\ntype: dpa\n/);
			assert.match(result.text, new RegExp(`subprocessor_authorisation: ${authorisation}`));
			const uri = `untitled:new-${language}.md`;
			const published = await client.open(uri, result.text);
			const codes = new Set(published.diagnostics.map(d => d.code));
			assert.deepEqual([...codes], ['placeholder-unfilled']);
			assert.ok(published.diagnostics.length > 10);
		});
	}
});
