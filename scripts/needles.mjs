// Read the prefilter's needles once, when the project is compiled (server/src/core/prefilter.ts, NEEDLES_FILE):
// the compiled core analyses the project's own drafts (German and English, every rule) while it records each needle
// set it reads, and writes them beside the compiled core (out/server/src/core/) and beside the bundles (dist/).
// A pattern the drafts did not ask for is read when an analysis asks for it, as before.
//
//   node scripts/needles.mjs   after `tsc -b` (part of `npm run compile`)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const core = join(ROOT, 'out', 'server', 'src', 'core');
// Recording starts before the core is loaded: some modules read their patterns' needles as they load.
const { recordNeedles, NEEDLES_FILE } = require(join(core, 'prefilter.js'));
const recorded = new Map();
recordNeedles(recorded);
const { lint, defaultCatalogue } = require(join(core, 'index.js'));

const drafts = ['test/drafts', 'examples']
	.flatMap(dir => {
		try {
			return readdirSync(join(ROOT, dir)).filter(f => /\.(md|txt)$/.test(f)).sort().map(f => join(ROOT, dir, f));
		} catch {
			return [];
		}
	});

defaultCatalogue();
for (const file of drafts) lint(readFileSync(file, 'utf8'), file);
recordNeedles(undefined);

// Sorted by key, so that the same patterns give the same file.
const json = `${JSON.stringify(Object.fromEntries([...recorded].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))}\n`;
for (const dir of [core, join(ROOT, 'dist')]) {
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, NEEDLES_FILE), json);
}
