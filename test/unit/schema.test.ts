import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultCatalogue, FRONT_MATTER_KEYS, FRONT_MATTER_VALUES, loadConfigFor, parseConfig } from '../../server/src/core';
import { repoRoot, tempDir } from '../helpers';

interface Schema { properties: Record<string, { enum?: string[]; type?: string; properties?: Record<string, unknown> }>; additionalProperties?: boolean }
const schema = (name: string): Schema => JSON.parse(fs.readFileSync(path.join(repoRoot, 'rules', name), 'utf8')) as Schema;

suite('JSON schemas for .dpa-lint.yaml and the front-matter', () => {
	test('the config schema lists every rule of rules/rules.yaml, and VS Code validates .dpa-lint.yaml with it', () => {
		assert.deepEqual(Object.keys(schema('dpa-lint.schema.json').properties.rules.properties!).sort(), [...defaultCatalogue().rules.keys()].sort());
		const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
		assert.deepEqual(manifest.contributes.yamlValidation, [{ fileMatch: ['.dpa-lint.yaml', '.dpa-lint.yml'], url: './rules/dpa-lint.schema.json' }]);
		assert.match(fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8'), /^!rules\/\*\.schema\.json$/m);
	});

	test('the front-matter schema has exactly the keys and values the core checks', () => {
		const fm = schema('front-matter.schema.json').properties;
		assert.deepEqual(Object.keys(fm).sort(), Object.keys(FRONT_MATTER_KEYS).sort());
		for (const [key, type] of Object.entries(FRONT_MATTER_KEYS)) assert.equal(fm[key].type, type === 'list' ? 'array' : 'string', key);
		for (const [key, values] of Object.entries(FRONT_MATTER_VALUES)) assert.deepEqual(fm[key].enum, values, key);
	});

	test('the core checks .dpa-lint.yaml against the schema: valid configs load, each kind of error names file and field', () => {
		assert.deepEqual(parseConfig('language: en\nrules:\n  placeholder-unfilled: off\n  custom-rule: info\n', 'c.yaml'),
			{ rules: { 'placeholder-unfilled': 'off', 'custom-rule': 'info' }, language: 'en', file: 'c.yaml' });
		assert.deepEqual(parseConfig('# nothing yet\n', 'c.yaml'), { rules: {}, language: undefined, file: 'c.yaml' });
		const cases: [string, RegExp][] = [
			['rules:\n  annex-undefined: loud\n', /^Error: c\.yaml: field `rules\.annex-undefined`: must be one of off, hint, info, warning, error$/],
			['language: fr\n', /^Error: c\.yaml: field `language`: must be one of de, en$/],
			['rule:\n  annex-undefined: off\n', /^Error: c\.yaml: unknown key `rule` \(allowed: language, rules\)$/],
			['rules: [annex-undefined]\n', /^Error: c\.yaml: field `rules`: must be object$/],
		];
		for (const [text, message] of cases) assert.throws(() => parseConfig(text, 'c.yaml'), message);
	});

	test('loadConfigFor finds and validates the file', () => {
		const dir = tempDir('dpa-lint-');
		fs.writeFileSync(path.join(dir, '.dpa-lint.yaml'), 'rules:\n  missing-clause: warning\n');
		assert.deepEqual(loadConfigFor(path.join(dir, 'a.md')).rules, { 'missing-clause': 'warning' });
	});
});
