// Bundle the CLI, the language server and the VS Code client into dist/ (CommonJS for Node and the extension host).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
	{ in: 'server/src/cli.ts', out: 'dist/cli.js' },
	{ in: 'server/src/main.ts', out: 'dist/server.js' },
	{ in: 'client/src/extension.ts', out: 'dist/client.js' },
].filter(e => existsSync(e.in));

await Promise.all(entries.map(e => build({
	entryPoints: [e.in], outfile: e.out, bundle: true, platform: 'node', format: 'cjs', target: 'node18',
	external: ['vscode'], sourcemap: true, minify: process.argv.includes('--minify'), logLevel: 'warning',
})));
