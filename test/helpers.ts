import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineIndex, type Finding, type LintResult } from '../server/src/core';

/** The repository root (tests run from out/test/...). */
export const repoRoot = path.resolve(__dirname, '..', '..');
/** The shared material beside the repository (seeds, corpus, annotations) when it is there (CI); a user's clone has none. */
export const sharedDir: string | undefined = fs.existsSync(path.resolve(repoRoot, '..', 'shared', 'seeds')) ? path.resolve(repoRoot, '..', 'shared') : undefined;

/** Temporary folders made by tests: removed when the test process ends. */
const temporary: string[] = [];
process.once('exit', () => { for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true }); });

/** A new temporary folder (`os.tmpdir()/<prefix>XXXXXX`, symbolic links resolved), removed when the test process ends. */
export function tempDir(prefix: string): string {
	const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
	temporary.push(dir);
	return dir;
}

/** The files of a folder of the repository ("test/drafts") whose names match, sorted. */
export function projectFiles(folder: string, pattern: RegExp): string[] {
	const dir = path.join(repoRoot, folder);
	return fs.readdirSync(dir).filter(f => pattern.test(f)).sort().map(f => path.join(dir, f));
}

/** The files of a ../shared folder whose names match, sorted; none without ../shared. */
export function sharedFiles(folder: string, pattern: RegExp): string[] {
	if (!sharedDir) return [];
	const dir = path.join(sharedDir, folder);
	return fs.readdirSync(dir).filter(f => pattern.test(f)).sort().map(f => path.join(dir, f));
}

/** A file of ../shared; only called inside a {@link sharedSuite}, whose tests do not run without ../shared. */
export function sharedFile(...parts: string[]): string {
	return path.join(sharedDir ?? path.resolve(repoRoot, '..', 'shared'), ...parts);
}

/**
 * A suite that needs ../shared. It runs when ../shared is there; otherwise one line says so and `this.skip()` in its
 * suiteSetup marks every test pending, so the run still counts them.
 */
export function sharedSuite(title: string, body: (this: Mocha.Suite) => void): void {
	suite(title, function () {
		suiteSetup(function () {
			if (sharedDir) return;
			console.log(`    ../shared not found: skipping ${title}`);
			this.skip();
		});
		body.call(this);
		// Tests listed from ../shared do not exist without it; one stands in so that the notice is printed.
		if (!sharedDir && !this.tests.length && !this.suites.length) test('needs ../shared', () => undefined);
	});
}

/** "L:C-L:C", 1-based lines and columns, end exclusive (vfile convention). */
export function spanToText(lines: LineIndex, span: { start: number; end: number }): string {
	const s = lines.position(span.start), e = lines.position(span.end);
	return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`;
}

/** The golden-file view of a finding: what a reviewer checks in a diff. */
export function findingView(text: string, f: Finding): Record<string, unknown> {
	const lines = new LineIndex(text);
	return {
		rule: f.rule, severity: f.severity, range: spanToText(lines, f.span), text: text.slice(f.span.start, Math.min(f.span.end, f.span.start + 80)),
		message: f.message, ...(f.requirement ? { requirement: f.requirement } : {}),
		...(f.related.length ? { related: f.related.map(r => spanToText(lines, r.span)) } : {}),
		...(f.fixes.length ? { fixes: f.fixes.map(x => x.title) } : {}),
	};
}

/** The golden-file view of a whole result: coverage statuses and every finding. */
export function resultView(result: LintResult): Record<string, unknown> {
	return {
		language: result.doc.lang,
		coverage: Object.fromEntries(result.coverage.map(c => [c.requirement, c.missing.length ? `${c.status} (missing: ${c.missing.join(', ')})` : c.status])),
		annexes: result.doc.annexes.map(a => `${a.family} ${a.label}: ${a.title}`),
		findings: result.findings.map(f => findingView(result.doc.text, f)),
	};
}

/**
 * Compare `actual` with the JSON golden file, or throw an assertion error with both sides.
 * UPDATE_GOLDEN=1 (re)writes it; a missing golden file is a failure, never silently created.
 */
export function golden(file: string, actual: unknown): void {
	const json = JSON.stringify(actual, null, '\t') + '\n';
	if (process.env.UPDATE_GOLDEN) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, json);
		return;
	}
	if (!fs.existsSync(file)) throw new Error(`golden file missing: ${path.relative(repoRoot, file)} (UPDATE_GOLDEN=1 npm test writes it; review it before committing)`);
	const expected = fs.readFileSync(file, 'utf8');
	if (expected !== json) {
		const err = new Error(`golden mismatch: ${path.relative(repoRoot, file)} (UPDATE_GOLDEN=1 npm test rewrites it; review the diff)`) as Error & { expected: unknown; actual: unknown; showDiff: boolean };
		err.expected = JSON.parse(expected);
		err.actual = actual;
		err.showDiff = true;
		throw err;
	}
}
