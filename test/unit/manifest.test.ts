import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultCatalogue } from '../../server/src/core';
import { DEFAULT_SETTINGS, normaliseSettings } from '../../server/src/settings';

const root = path.resolve(__dirname, '..', '..', '..');
const read = (f: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')) as Record<string, unknown>;

suite('extension manifest', () => {
	const pkg = read('package.json') as { contributes: { configuration: { properties: Record<string, { default: unknown; properties?: Record<string, unknown> }> }; commands: { command: string }[] } };
	const en = read('package.nls.json');
	const de = read('package.nls.de.json');

	test('every %key% of package.json exists in package.nls.json and package.nls.de.json, and no key is unused', () => {
		const keys = [...new Set([...fs.readFileSync(path.join(root, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map(m => m[1]))].sort();
		assert.deepEqual(Object.keys(en).sort(), keys);
		assert.deepEqual(Object.keys(de).sort(), keys);
		for (const k of keys) assert.notEqual(de[k], en[k], `${k} is translated`);
	});

	test('the settings match what the server reads, with the same defaults', () => {
		const props = pkg.contributes.configuration.properties;
		assert.deepEqual(Object.keys(props).sort(), ['dpaLint.enable', 'dpaLint.language', 'dpaLint.lintAllMarkdown', 'dpaLint.rules', 'dpaLint.run', 'dpaLint.trace.server']);
		const defaults = Object.fromEntries(Object.entries(props).filter(([k]) => k !== 'dpaLint.trace.server').map(([k, v]) => [k.slice('dpaLint.'.length), v.default]));
		assert.deepEqual(normaliseSettings(defaults), DEFAULT_SETTINGS);
		assert.deepEqual(Object.keys(props['dpaLint.rules'].properties!).sort(), [...defaultCatalogue().rules.keys()].sort());
	});

	test('the contributed commands are registered by the client', () => {
		const client = fs.readFileSync(path.join(root, 'client', 'src', 'extension.ts'), 'utf8');
		for (const { command } of pkg.contributes.commands) assert.match(client, new RegExp(`registerCommand\\('${command.replace('.', '\\.')}'`));
	});

	test('every client message has a German translation', () => {
		const bundle = read('l10n/bundle.l10n.de.json');
		const sources = fs.readdirSync(path.join(root, 'client', 'src')).map(f => fs.readFileSync(path.join(root, 'client', 'src', f), 'utf8')).join('\n');
		const messages = [...sources.matchAll(/l10n\.t\('((?:[^'\\]|\\.)*)'/g)].map(m => m[1].replace(/\\'/g, '\''));
		assert.ok(messages.length >= 5);
		for (const m of messages) assert.ok(m in bundle, `no German text for "${m}"`);
	});
});
