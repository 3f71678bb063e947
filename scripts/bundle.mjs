// Bundle the CLI, the language server and the VS Code client into dist/ (CommonJS for Node and the extension host).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * pdfjs-dist (about 3.6 MB of code, two thirds of a bundle) is read only when a PDF is converted. Inside the CLI's and
 * the server's bundles, every start of the CLI, of a CLI worker thread and of the server parsed it (about 130 ms of
 * each start); so it goes into bundles of its own beside them (dist/pdfjs.js, dist/pdfjs-worker.js), imported on the
 * first PDF by their paths relative to the bundle that imports them.
 */
const PDFJS = { 'pdfjs-dist/legacy/build/pdf.mjs': 'pdfjs.js', 'pdfjs-dist/legacy/build/pdf.worker.mjs': 'pdfjs-worker.js' };
const pdfjsApart = {
	name: 'pdfjs-apart',
	setup(b) {
		b.onResolve({ filter: /^pdfjs-dist\/legacy\/build\/pdf(?:\.worker)?\.mjs$/ }, a => ({ path: `./${PDFJS[a.path]}`, external: true }));
	},
};

const entries = [
	{ in: 'server/src/cli.ts', out: 'dist/cli.js', plugins: [pdfjsApart] },
	{ in: 'server/src/main.ts', out: 'dist/server.js', plugins: [pdfjsApart] },
	{ in: 'client/src/extension.ts', out: 'dist/client.js' },
	...Object.entries(PDFJS).map(([module, file]) => ({ in: fileURLToPath(import.meta.resolve(module)), out: `dist/${file}` })),
].filter(e => existsSync(e.in));

await Promise.all(entries.map(e => build({
	entryPoints: [e.in], outfile: e.out, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
	// esbuild's table has Node without Unicode property escapes (\p{L}) and would rebuild each such RegExp on every evaluation; Node 20 has them.
	supported: { 'regexp-unicode-property-escapes': true },
	external: ['vscode'], plugins: e.plugins ?? [], sourcemap: true, minify: process.argv.includes('--minify'), logLevel: 'warning',
})));
