import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex, type Finding, type LintResult } from '../server/src/core';

/** The repository root (tests run from out/test/...). */
export const repoRoot = path.resolve(__dirname, '..', '..');
/** The shared material beside the repository (seeds, corpus, annotations). */
export const sharedDir = path.resolve(repoRoot, '..', 'shared');

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
