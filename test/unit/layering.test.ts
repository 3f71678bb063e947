import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers';

/** Every file under a directory. */
const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap(e => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);

/** The analysis core stays free of editor and protocol imports (tsconfig `types` cannot enforce this). */
suite('layering', () => {
	test('server/src/core imports no vscode*, no LSP and nothing outside the core', () => {
		const core = path.join(repoRoot, 'server', 'src', 'core');
		const offenders: string[] = [];
		for (const f of walk(core).filter(x => x.endsWith('.ts'))) {
			const text = fs.readFileSync(f, 'utf8');
			for (const m of text.matchAll(/from\s+'([^']+)'/g)) {
				const target = path.resolve(path.dirname(f), m[1]);
				if (/^vscode/.test(m[1]) || (m[1].startsWith('.') && !target.startsWith(core))) offenders.push(`${path.relative(core, f)}: ${m[1]}`);
			}
		}
		assert.deepEqual(offenders, []);
	});
	test('the core runs its patterns itself: no matchAll, whose copy of a pattern V8 compiles again after a full garbage collection', () => {
		const core = path.join(repoRoot, 'server', 'src', 'core');
		const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\/|(?<![:\\'"`/])\/\/.*$/gm, '');
		const offenders = walk(core).filter(f => f.endsWith('.ts') && /\.matchAll\(/.test(code(fs.readFileSync(f, 'utf8')))).map(f => path.relative(core, f));
		assert.deepEqual(offenders, []);
	});
	test('the core makes no network requests', () => {
		const dir = path.join(repoRoot, 'server', 'src');
		const net = walk(dir).filter(f => f.endsWith('.ts') && /from\s+'node:(?:https?|net|dgram|tls)'|fetch\(/.test(fs.readFileSync(f, 'utf8')));
		assert.deepEqual(net, []);
	});
});
