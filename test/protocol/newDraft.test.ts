import * as assert from 'node:assert/strict';
import { NEW_DRAFT_REQUEST, type NewDraftResult } from '../../server/src/protocol';
import { Client } from './harness';

/**
 * "DPA Lint: New DPA from template" asks the server for the draft; opened in the editor, only its placeholders are
 * reported, and the description of the processing whose values are still placeholders (a blank field is no content).
 */
suite('new DPA from template (dpaLint/newDraft)', () => {
	let client: Client;
	suiteSetup(async () => { client = await Client.start('in-process'); });
	suiteTeardown(() => client.dispose());

	for (const [language, authorisation] of [['de', 'general'], ['en', 'specific']] as const) {
		test(`${language}, ${authorisation}: the draft opens with placeholder findings and the blank description fields only`, async () => {
			const result = await client.connection.sendRequest(NEW_DRAFT_REQUEST, { language, authorisation, controller: 'Beispiel AG, Hauptstraße 1, 10115 Berlin' }) as NewDraftResult;
			assert.match(result.text, /^---\ntype: dpa\n/);
			assert.match(result.text, new RegExp(`subprocessor_authorisation: ${authorisation}`));
			const uri = `untitled:new-${language}.md`;
			const published = await client.open(uri, result.text);
			const codes = new Set(published.diagnostics.map(d => d.code));
			assert.deepEqual([...codes].filter(c => c !== 'missing-clause'), ['placeholder-unfilled']);
			const blankFields = published.diagnostics.filter(d => d.code === 'missing-clause').map(d => String(d.message));
			assert.ok(blankFields.length <= 6, blankFields.join('\n'));
			for (const m of blankFields) assert.match(m, /Kategorien|Categories|Art der|Type of|Gegenstand|Subject|Zweck|Purpose|Dauer|Duration|Nature/);
			assert.ok(published.diagnostics.length > 10);
		});
	}
});
