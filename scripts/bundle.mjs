// Bundle the CLI, the language server and the VS Code client into dist/ (CommonJS for Node and the extension host).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
	{ in: 'server/src/cli.ts', out: 'dist/cli.js' },
	{ in: 'server/src/main.ts', out: 'dist/server.js' },
	{ in: 'client/src/extension.ts', out: 'dist/client.js' },
].filter(e => existsSync(e.in));

await Promise.all(entries.map(e => build({
	entryPoints: [e.in], outfile: e.out, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
	// esbuild's table has Node without Unicode property escapes (\p{L}) and would rebuild each such RegExp on every evaluation; Node 20 has them.
	supported: { 'regexp-unicode-property-escapes': true },
	external: ['vscode'], sourcemap: true, minify: process.argv.includes('--minify'), logLevel: 'warning',
})));
