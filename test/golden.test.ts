import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveAnnexFile } from '../server/src/annexFiles';
import { lint, loadConfigFor, type AnnexFileProblem } from '../server/src/core';
import { findingView, golden, projectFiles, repoRoot, resultView, sharedFiles, sharedSuite } from './helpers';

/** Source fixtures live in test/ (the compiled tests run from out/test). */
const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'rules');
const goldenDir = path.join(repoRoot, 'test', 'golden');

suite('golden: one folder per rule', () => {
	const rules = fs.existsSync(fixturesDir) ? fs.readdirSync(fixturesDir).filter(d => fs.statSync(path.join(fixturesDir, d)).isDirectory()) : [];
	test('every rule of rules/rules.yaml has a German and an English fixture that it reports on', () => {
		const text = fs.readFileSync(path.join(repoRoot, 'rules', 'rules.yaml'), 'utf8');
		const ids = [...text.matchAll(/^ {2}([a-z0-9-]+):\s*$/gm)].map(m => m[1]);
		assert.ok(ids.length >= 14, ids.join(', '));
		const reported = (id: string, lang: string): boolean => fs.existsSync(path.join(fixturesDir, id)) && fs.readdirSync(path.join(fixturesDir, id))
			.filter(f => f.endsWith(`.${lang}.json`))
			.some(f => (JSON.parse(fs.readFileSync(path.join(fixturesDir, id, f), 'utf8')) as { rule: string }[]).some(x => x.rule === id));
		const missing = ids.flatMap(id => ['de', 'en'].filter(lang => !reported(id, lang)).map(lang => `${id} (${lang})`));
		assert.deepEqual(missing, [], 'rules without a fixture that exercises them');
	});
	for (const rule of rules) {
		suite(rule, () => {
			for (const file of fs.readdirSync(path.join(fixturesDir, rule)).filter(f => /\.(md|txt)$/.test(f))) {
				test(file, () => {
					const full = path.join(fixturesDir, rule, file);
					const text = fs.readFileSync(full, 'utf8');
					// Annex files are judged as the CLI does, with the fixture's folder as the workspace.
					const annexFile = (f: string): AnnexFileProblem | undefined => resolveAnnexFile(full, f, path.dirname(full)).problem;
					const result = lint(text, full, { config: loadConfigFor(full), annexFile });
					const own = result.findings.filter(f => f.rule === rule);
					golden(full.replace(/\.(md|txt)$/, '.json'), own.map(f => findingView(text, f)));
				});
			}
		});
	}
});

/** Compare each document's whole result (coverage, annexes, findings) with its golden file under test/golden/<name>. */
function wholeDocuments(docs: readonly (readonly [string, string])[]): void {
	for (const [file, name] of docs) {
		test(name, () => {
			const text = fs.readFileSync(file, 'utf8');
			golden(path.join(goldenDir, name.replace(/\.(md|txt)$/, '.json')), resultView(lint(text, file)));
		});
	}
}

suite('golden: whole documents (test/drafts, examples)', () => {
	wholeDocuments([...projectFiles('test/drafts', /\.(md|txt)$/), ...projectFiles('examples', /\.md$/)]
		.map(f => [f, `${path.basename(path.dirname(f))}/${path.basename(f)}`] as const));
});

sharedSuite('golden: whole documents (../shared/seeds)', () => {
	wholeDocuments(sharedFiles('seeds', /\.txt$/).map(f => [f, `seeds/${path.basename(f)}`] as const));
});
