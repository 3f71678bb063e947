// npm run package: build, bundle minified, and pack dpa-lint.vsix with @vscode/vsce; prints the files and the size.
// The package holds only what the installed extension runs or shows (.vscodeignore): no test/, out/, node_modules.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const out = path.join(root, 'dpa-lint.vsix');
// The bundles contain every dependency; the license is UNLICENSED (no LICENSE file) and there is no public repository.
const flags = ['--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links'];

function run(cmd, args, capture = false) {
	const r = spawnSync(cmd, args, { cwd: root, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', shell: process.platform === 'win32' });
	if (r.status !== 0) {
		console.error(`package: ${[cmd, ...args].join(' ')} failed (exit ${r.status})`);
		process.exit(1);
	}
	return r.stdout ?? '';
}

run('npm', ['run', 'build', '--silent']);
run(process.execPath, ['scripts/bundle.mjs', '--minify']);
const files = run(process.execPath, [vsce, 'ls', ...flags.filter(f => f !== '--skip-license' && f !== '--allow-missing-repository' && f !== '--no-rewrite-relative-links')], true)
	.split('\n').map(f => f.trim()).filter(Boolean).sort();
const forbidden = files.filter(f => /^(test|out|node_modules|examples|server|client|scripts|\.ci)\//.test(f) || f.endsWith('.map'));
if (forbidden.length) {
	console.error(`package: files that do not belong in the .vsix:\n  ${forbidden.join('\n  ')}\nadjust .vscodeignore`);
	process.exit(1);
}
for (const required of ['dist/client.js', 'dist/server.js', 'dist/pdfjs.js', 'dist/pdfjs-worker.js', 'dist/needles.json', 'rules/vocabulary.yaml', 'rules/requirements/01-art28-3-subject-matter.yaml', 'rules/rules.yaml', 'snippets/library.yaml', 'package.nls.json', 'package.nls.de.json']) {
	if (!files.includes(required)) {
		console.error(`package: ${required} is missing from the .vsix`);
		process.exit(1);
	}
}
run(process.execPath, [vsce, 'package', ...flags, '--out', out]);
const kb = (statSync(out).size / 1024).toFixed(1);
console.log(`\n${files.length} files:\n  ${files.join('\n  ')}`);
console.log(`\n${path.relative(process.cwd(), out) || out}: ${kb} KB`);
