/**
 * npm run eval -- DIR [--verbose]
 * Compares `dpa-lint --format json` with the *.truth.yaml annotations in DIR (docs/EVALUATION.md):
 * per-requirement and total accuracy, precision and recall on violations, findings recall and traps reported.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';

interface Truth {
	document: string;
	requirements: Record<string, { status: string; line?: number }>;
	findings?: { rule: string; line?: number; why?: string }[];
	not_findings?: { rule: string; line?: number; why?: string }[];
}
interface Output { files: { path: string; coverage: { requirement: string; status: string }[]; findings: { rule: string; range: { start: { line: number } } }[] }[] }

/** Finding kinds the linter must report (others, such as numbering-anomaly, are counted separately). */
const REQUIRED_KINDS = /^(annex-|objection-period-|placeholder-unfilled$|crossref-undefined$)/;
const LINE_TOLERANCE = 1;

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const dir = args.find(a => !a.startsWith('-'));
if (!dir) { process.stderr.write('usage: npm run eval -- DIR [--verbose]\n'); process.exit(2); }
const truthFiles = fs.readdirSync(dir).filter(f => f.endsWith('.truth.yaml')).sort();
if (!truthFiles.length) { process.stderr.write(`eval: no *.truth.yaml in ${dir}\n`); process.exit(2); }
const truths = truthFiles.map(f => ({ file: f, truth: yaml.load(fs.readFileSync(path.join(dir, f), 'utf8')) as Truth }));
const docs = truths.map(t => path.resolve(dir, t.truth.document));
// The CLI as compiled from the current sources (npm run eval runs tsc -b first), so the figures never come from a stale bundle.
const cli = path.join(__dirname, '..', 'server', 'src', 'cli.js');
const run = spawnSync(process.execPath, [cli, '--format', 'json', ...docs], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
if (run.status === 2 || !run.stdout) { process.stderr.write(`eval: dpa-lint failed: ${run.stderr}\n`); process.exit(2); }
const output = JSON.parse(run.stdout) as Output;

const isViolation = (s: string | undefined): boolean => s === 'missing' || s === 'partial';
const perReq = new Map<string, { n: number; agree: number; tp: number; fp: number; fn: number }>();
let findingsTotal = 0, findingsHit = 0, requiredTotal = 0, requiredHit = 0, trapsReported = 0, trapsTotal = 0;
const notes: string[] = [];
truths.forEach(({ file, truth }, i) => {
	const out = output.files.find(f => path.resolve(f.path) === docs[i]);
	if (!out) { notes.push(`${file}: no output`); return; }
	for (const [id, t] of Object.entries(truth.requirements)) {
		const got = out.coverage.find(c => c.requirement === id)?.status;
		const s = perReq.get(id) ?? { n: 0, agree: 0, tp: 0, fp: 0, fn: 0 };
		s.n++;
		if (got === t.status) s.agree++;
		else notes.push(`${file}: ${id}: expected ${t.status}${t.line ? ` (line ${t.line})` : ''}, got ${got}`);
		if (isViolation(t.status) && isViolation(got)) s.tp++;
		else if (isViolation(got)) s.fp++;
		else if (isViolation(t.status)) s.fn++;
		perReq.set(id, s);
	}
	const near = (rule: string, line?: number): boolean => out.findings.some(f => f.rule === rule && (line === undefined || Math.abs(f.range.start.line + 1 - line) <= LINE_TOLERANCE));
	for (const f of truth.findings ?? []) {
		const hit = near(f.rule, f.line);
		findingsTotal++; if (hit) findingsHit++;
		if (REQUIRED_KINDS.test(f.rule)) { requiredTotal++; if (hit) requiredHit++; }
		if (!hit) notes.push(`${file}: missed finding ${f.rule} line ${f.line}${REQUIRED_KINDS.test(f.rule) ? '' : ' (kind not required)'}: ${f.why ?? ''}`);
	}
	for (const f of truth.not_findings ?? []) {
		trapsTotal++;
		if (near(f.rule, f.line)) { trapsReported++; notes.push(`${file}: TRAP reported ${f.rule} line ${f.line}: ${f.why ?? ''}`); }
	}
	if (verbose) {
		const expected = new Set((truth.findings ?? []).map(f => `${f.rule}:${f.line}`));
		for (const f of out.findings) {
			if (f.rule === 'missing-clause') continue;
			const line = f.range.start.line + 1;
			if (![...expected].some(e => e.startsWith(f.rule + ':') && Math.abs(Number(e.split(':')[1]) - line) <= LINE_TOLERANCE)) notes.push(`${file}: extra finding ${f.rule} line ${line}`);
		}
	}
});

const pct = (a: number, b: number): string => (b ? (a / b).toFixed(2) : '  – ');
const totals = { n: 0, agree: 0, tp: 0, fp: 0, fn: 0 };
const lines = [`${'requirement'.padEnd(32)} accuracy precision recall  (tp fp fn)`];
for (const [id, s] of [...perReq.entries()]) {
	lines.push(`${id.padEnd(32)} ${pct(s.agree, s.n).padStart(8)} ${pct(s.tp, s.tp + s.fp).padStart(9)} ${pct(s.tp, s.tp + s.fn).padStart(6)}  (${s.tp} ${s.fp} ${s.fn})`);
	for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s[k];
}
process.stdout.write(lines.join('\n') + '\n\n');
if (verbose || process.env.EVAL_NOTES) process.stdout.write(notes.map(n => `  ${n}`).join('\n') + '\n\n');
process.stdout.write(`documents: ${truths.length}\n`);
process.stdout.write(`requirement decisions: accuracy ${pct(totals.agree, totals.n)} (${totals.agree}/${totals.n})\n`);
process.stdout.write(`violations: precision ${pct(totals.tp, totals.tp + totals.fp)} recall ${pct(totals.tp, totals.tp + totals.fn)} (tp ${totals.tp}, fp ${totals.fp}, fn ${totals.fn})\n`);
process.stdout.write(`findings recall: ${pct(requiredHit, requiredTotal)} (${requiredHit}/${requiredTotal}) on required kinds; ${pct(findingsHit, findingsTotal)} (${findingsHit}/${findingsTotal}) on all annotated\n`);
process.stdout.write(`traps reported: ${trapsReported} of ${trapsTotal}\n`);
