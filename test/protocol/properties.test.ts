import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixData } from '../../server/src/convert';
import { lint, loadConfigFor, type LintResult } from '../../server/src/core';
import { projectFiles, sharedFiles, sharedSuite } from '../helpers';
import { applyEdits, assertOnlyEdited, Client, editsOf, repoRoot } from './harness';

const count = (r: LintResult, rule: string): number => r.findings.filter(f => f.rule === rule).length;
/** Inserted legal text with its bracketed fill-ins completed by the lawyer ("[z. B. Kunden, Beschäftigte]" → the values). */
const completeFillIns = (text: string): string => text.replace(/\[(?:z\. ?B\.|e\.g\.)?,?\s*([^\]\n]+)\]/g, '$1');

/** Where an offset of the original text is after the edits (an offset inside a replaced range: the range's start). */
function movedTo(doc: TextDocument, offset: number, edits: readonly TextEdit[]): number {
	let shift = 0;
	for (const e of [...edits].sort((a, b) => doc.offsetAt(a.range.start) - doc.offsetAt(b.range.start))) {
		const start = doc.offsetAt(e.range.start), end = doc.offsetAt(e.range.end);
		if (end <= offset) shift += e.newText.length - (end - start);
		else if (start < offset) return start + shift;
	}
	return offset + shift;
}

/** What the fix's title promises about the diagnostic it was offered for; undefined when it holds, else why not. */
function broken(fix: FixData, d: Diagnostic, before: LintResult, after: LintResult, at: number): string | undefined {
	const rule = String(d.code);
	const requirement = (d.data as { requirement?: string }).requirement;
	const cov = (r: LintResult) => r.coverage.find(c => c.requirement === requirement);
	switch (fix.kind) {
		case 'suppress-file':
			return count(after, rule) === 0 ? undefined : `${count(after, rule)} ${rule} left`;
		case 'insert-clause':
			return cov(after)?.status !== 'missing' && !after.findings.some(f => f.rule === rule && f.requirement === requirement && f.severity === 'error')
				? undefined : `${requirement} still missing`;
		case 'insert-sentence':
			return cov(after)!.missing.length < cov(before)!.missing.length ? undefined : `${requirement} still lacks ${cov(after)!.missing.join(', ')}`;
		default:
			// Line suppressions, annex, period and numbering fixes: the finding they were offered for is gone from its place.
			return after.findings.some(f => f.rule === rule && f.span.start === at) ? `${rule} still reported there` : undefined;
	}
}

/**
 * Every quick fix offered on each draft, applied alone: text outside its edits unchanged, the front-matter still
 * valid, and the diagnostic it names gone (an inserted clause: its requirement no longer missing).
 */
function quickFixProperty(drafts: readonly string[], minimum: number): void {
	let client: Client;
	// Every file is linted as a draft (the corpus has no `type: dpa`).
	suiteSetup(async () => { client = await Client.start('in-process', { settings: { lintAllMarkdown: true } }); });
	suiteTeardown(() => client?.dispose()); // unset when the suite was skipped

	let offered = 0;

	for (const file of drafts) {
		test(path.relative(path.join(repoRoot, '..'), file), async () => {
			const uri = pathToFileURL(file).href;
			const text = fs.readFileSync(file, 'utf8');
			const options = { config: loadConfigFor(file) };
			const before = lint(text, file, options);
			const { diagnostics } = await client.open(uri, text, file.endsWith('.txt') ? 'plaintext' : 'markdown');
			const failures: string[] = [];
			for (const d of diagnostics) {
				const actions = await client.connection.sendRequest('textDocument/codeAction', {
					textDocument: { uri }, range: d.range, context: { diagnostics: [d] },
				}) as CodeAction[];
				const fixes = (d.data as { fixes: FixData[] }).fixes;
				assert.ok(fixes.some(f => f.kind === 'suppress-file'), `${d.code}: the file-wide suppression is offered`);
				for (const action of actions) {
					const fix = fixes.find(f => f.title === action.title)!;
					if (action.command) {
						assert.equal(action.command.command, 'dpaLint.selectRange');
						continue;
					}
					const edits = editsOf(action.edit, uri);
					const fixed = applyEdits(text, edits);
					assertOnlyEdited(text, fixed, edits);
					assert.notEqual(fixed, text, `"${action.title}" changes the text`);
					const after = lint(fixed, file, options);
					const where = `${d.code} at ${d.range.start.line + 1}:${d.range.start.character + 1}, "${action.title}"`;
					if (count(after, 'front-matter-invalid') > count(before, 'front-matter-invalid') || (!before.doc.frontMatter.error && after.doc.frontMatter.error)) {
						failures.push(`${where}: breaks the front-matter`);
					}
					const doc = TextDocument.create(uri, 'markdown', 0, text);
					let why = broken(fix, d, before, after, movedTo(doc, doc.offsetAt(d.range.start), edits));
					// Inserted text with fill-ins does its work once they are completed; until then they are reported as open.
					if (why && (fix.kind === 'insert-sentence' || fix.kind === 'insert-clause') && edits.some(e => completeFillIns(e.newText) !== e.newText)) {
						const completed = edits.map(e => ({ ...e, newText: completeFillIns(e.newText) }));
						const open = count(after, 'placeholder-unfilled') > count(before, 'placeholder-unfilled');
						why = open ? broken(fix, d, before, lint(applyEdits(text, completed), file, options), movedTo(doc, doc.offsetAt(d.range.start), completed)) : `${why}, and its fill-ins are not reported`;
					}
					if (why) failures.push(`${where}: ${why}`);
					offered++;
				}
			}
			assert.deepEqual(failures, []);
			await client.close(uri);
		});
	}

	test('the drafts offered enough quick fixes to make the property meaningful', () => {
		assert.ok(offered >= minimum, `only ${offered} quick fixes were offered on all drafts`);
	});
}

suite('property: every quick fix on our own drafts and LSP fixtures keeps the rest and the front-matter and does what it says', () => {
	quickFixProperty([...projectFiles('test/drafts', /\.(md|txt)$/), ...projectFiles('test/fixtures/lsp', /\.md$/)], 60);
});

sharedSuite('property: every quick fix on the seeds and the corpus (../shared) keeps the rest and the front-matter and does what it says', () => {
	quickFixProperty([...sharedFiles('seeds', /\.txt$/), ...sharedFiles('corpus', /^\d.*\.md$/)], 100);
});
