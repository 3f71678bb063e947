import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, loadConfigFor } from '../server/src/core';
import { findingView, golden, repoRoot, resultView, sharedDir } from './helpers';

/** Source fixtures live in test/ (the compiled tests run from out/test). */
const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'rules');
const goldenDir = path.join(repoRoot, 'test', 'golden');

suite('golden: one folder per rule', () => {
	const rules = fs.existsSync(fixturesDir) ? fs.readdirSync(fixturesDir).filter(d => fs.statSync(path.join(fixturesDir, d)).isDirectory()) : [];
	test('every rule of rules/rules.yaml has fixtures in German and English', () => {
		const text = fs.readFileSync(path.join(repoRoot, 'rules', 'rules.yaml'), 'utf8');
		const ids = [...text.matchAll(/^ {2}([a-z0-9-]+):\s*$/gm)].map(m => m[1]);
		const missing = ids.flatMap(id => ['de', 'en'].filter(lang => !fs.existsSync(path.join(fixturesDir, id)) || !fs.readdirSync(path.join(fixturesDir, id)).some(f => f.includes(`.${lang}.`))).map(lang => `${id} (${lang})`));
		if (missing.length) throw new Error(`rules without fixtures: ${missing.join(', ')}`);
	});
	for (const rule of rules) {
		suite(rule, () => {
			for (const file of fs.readdirSync(path.join(fixturesDir, rule)).filter(f => /\.(md|txt)$/.test(f))) {
				test(file, () => {
					const full = path.join(fixturesDir, rule, file);
					const text = fs.readFileSync(full, 'utf8');
					const result = lint(text, full, { config: loadConfigFor(full) });
					const own = result.findings.filter(f => f.rule === rule);
					golden(full.replace(/\.(md|txt)$/, '.json'), own.map(f => findingView(text, f)));
				});
			}
		});
	}
});

suite('golden: whole documents', () => {
	const docs: [string, string][] = [
		...fs.readdirSync(path.join(sharedDir, 'seeds')).filter(f => f.endsWith('.txt')).map(f => [path.join(sharedDir, 'seeds', f), `seeds/${f}`] as [string, string]),
		...fs.readdirSync(path.join(repoRoot, 'test', 'drafts')).filter(f => /\.(md|txt)$/.test(f)).map(f => [path.join(repoRoot, 'test', 'drafts', f), `drafts/${f}`] as [string, string]),
		...fs.readdirSync(path.join(repoRoot, 'examples')).filter(f => f.endsWith('.md')).map(f => [path.join(repoRoot, 'examples', f), `examples/${f}`] as [string, string]),
	];
	for (const [file, name] of docs) {
		test(name, () => {
			const text = fs.readFileSync(file, 'utf8');
			golden(path.join(goldenDir, name.replace(/\.(md|txt)$/, '.json')), resultView(lint(text, file)));
		});
	}
});
