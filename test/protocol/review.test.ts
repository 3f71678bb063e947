import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONVERT_REQUEST, REPORT_REQUEST, type ConvertResult, type ReportResult } from '../../server/src/reviewProtocol';
import { Client, repoRoot } from './harness';
import { tempDir } from '../helpers';

/** "Review with DPA Lint" and "Export review report" ask the server; the converted view is linted like any draft. */
suite('review of Word and PDF drafts (dpaLint/convertDocument, dpaLint/reviewReport)', () => {
	let client: Client;
	suiteSetup(async () => { client = await Client.start('in-process'); });
	suiteTeardown(() => client.dispose());

	test('a .docx becomes a Markdown view with the findings of its original, and the report names the .docx', async () => {
		const dir = tempDir('dpa-review-');
		const docx = path.join(dir, 'de-maengel.docx');
		fs.copyFileSync(path.join(repoRoot, 'test', 'drafts', 'office', 'de-maengel.docx'), docx);
		const converted = await client.connection.sendRequest(CONVERT_REQUEST, { uri: pathToFileURL(docx).href, lang: 'de' }) as ConvertResult;
		assert.match(converted.note, /^Word-Dokument, gelesen mit allen 2 Änderungen angenommen/);
		const view = `${docx}.md`;
		fs.writeFileSync(view, converted.text);
		const published = await client.open(pathToFileURL(view).href, converted.text);
		const codes = published.diagnostics.map(d => d.code);
		assert.ok(codes.includes('annex-undefined') && codes.includes('annex-mismatch') && codes.includes('missing-clause'), codes.join(', '));
		const report = await client.connection.sendRequest(REPORT_REQUEST, { uri: pathToFileURL(view).href }) as ReportResult;
		assert.equal(report.name, 'de-maengel.docx');
		assert.match(report.html, /<h2 id="doc-de-maengel.docx">de-maengel.docx<\/h2>/);
		assert.match(report.html, /<dt>Quelle:<\/dt><dd>Word-Dokument/);
	});

	test('the bundled server (dist/server.js) converts a PDF with pdfjs, which it loads from its own file beside it', async () => {
		const bundled = await Client.start('stdio');
		try {
			const uri = pathToFileURL(path.join(repoRoot, 'test', 'drafts', 'office', 'en-saas-defects.dpa.pdf')).href;
			const converted = await bundled.connection.sendRequest(CONVERT_REQUEST, { uri, lang: 'en' }) as ConvertResult;
			assert.match(converted.note, /^PDF, 6 page\(s\) of text/);
			assert.match(converted.text, /sub-processor/i);
		} finally {
			await bundled.dispose();
		}
	});

	test('a corrupt file is refused with its reason', async () => {
		const uri = pathToFileURL(path.join(repoRoot, 'test', 'drafts', 'office', 'broken', 'corrupt.docx')).href;
		await assert.rejects(client.connection.sendRequest(CONVERT_REQUEST, { uri }), /corrupt\.docx: not a Word document/);
	});
});
