/**
 * npm run bench: time the full analysis of the five seeds (what the language server does on each keystroke)
 * against two peers in the same run: markdownlint (a Markdown linter) and a bare remark parse.
 * A benchmark, not a test: it prints figures and ratios, it asserts nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fullCollection } from '../server/src/collector';
import { lint, Session } from '../server/src/core';
import { benchCli } from './bench-cli';
import { benchLsp } from './bench-lsp';

const seedsDir = process.argv[2] ?? path.join(__dirname, '..', '..', '..', 'shared', 'seeds');
/** Without ../shared (a user's clone), the project's own drafts stand in for the seeds. */
const ownDrafts = path.join(__dirname, '..', '..', 'test', 'drafts');
const hasSeeds = fs.existsSync(seedsDir);
const textsDir = hasSeeds ? seedsDir : ownDrafts;
const texts = fs.readdirSync(textsDir).filter(f => (hasSeeds ? /\.txt$/ : /\.(md|txt)$/).test(f)).sort().map(f => fs.readFileSync(path.join(textsDir, f), 'utf8'));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

/**
 * Median milliseconds of each of `fns` over ROUNDS runs after a warm-up. The functions take turns, one run each per
 * round, so that a slow spell of the machine falls on all of them alike and their ratios hold.
 */
function time(...fns: (() => void)[]): number[] {
	for (let i = 0; i < 3; i++) for (const fn of fns) fn();
	const samples = fns.map((): number[] => []);
	for (let i = 0; i < ROUNDS; i++) {
		fns.forEach((fn, k) => {
			const t = performance.now();
			fn();
			samples[k].push(performance.now() - t);
		});
	}
	return samples.map(list => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

async function main(): Promise<void> {
	const { remark } = await import('remark');
	const { lint: markdownlint } = await import('markdownlint/sync');
	const parser = remark();
	const bytes = texts.reduce((n, t) => n + t.length, 0);
	const [ours, md, parse] = time(
		() => { for (const t of texts) lint(t); },
		() => { markdownlint({ strings: Object.fromEntries(texts.map((t, i) => [`seed${i}`, t])) }); },
		() => { for (const t of texts) parser.parse(t); },
	);
	const largest = texts.reduce((a, b) => (b.length > a.length ? b : a));
	const [single] = time(() => lint(largest));
	const row = (name: string, ms: number): string => `${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / ours).toFixed(2).padStart(6)}× dpa-lint`;
	if (!hasSeeds) process.stdout.write(`../shared/seeds not found: the project's drafts (test/drafts) stand in for the seeds\n`);
	process.stdout.write(`${texts.length} seeds, ${(bytes / 1024).toFixed(0)} KB, median of ${ROUNDS} runs each, the three taking turns (Node ${process.version})\n`);
	process.stdout.write(`${row('dpa-lint (parse + all rules)', ours)}\n${row('markdownlint (all default rules)', md)}\n${row('remark parse only', parse)}\n`);
	process.stdout.write(`ratio dpa-lint / markdownlint: ${(ours / md).toFixed(2)}\n`);
	process.stdout.write(`ratio dpa-lint / remark parse: ${(ours / parse).toFixed(2)}\n`);
	process.stdout.write(`largest seed (${(largest.length / 1024).toFixed(0)} KB) alone: ${single.toFixed(1)} ms per full analysis\n`);
	for (const line of editBench()) process.stdout.write(`${line}\n`);
	for (const line of await benchLsp(hasSeeds ? seedsDir : undefined)) process.stdout.write(`${line}\n`);
	for (const line of await benchCli(hasSeeds ? seedsDir : undefined)) process.stdout.write(`${line}\n`);
}

/**
 * One-character edits of the seeds joined into one draft (about 200 KB, a DPA with its SCCs and schedules): each is
 * re-analysed with the draft's session, as the language server does, against a full analysis of the same draft.
 * The same sequence of edits runs in three rounds, each with a fresh session; every round is printed and the best
 * counts (this machine has slow spells of seconds that no code change moves; the CLI's figures are taken alike).
 */
function editBench(): string[] {
	const joined = texts.join('\n\n');
	const edits = Number(process.env.BENCH_EDITS ?? 200);
	const [full] = time(() => lint(joined));
	const rounds = [editRound(joined, edits), editRound(joined, edits), editRound(joined, edits)];
	const best = rounds.reduce((a, b) => (b.p50 < a.p50 ? b : a));
	return [
		`${(joined.length / 1024).toFixed(0)} KB draft (the seeds joined): full analysis ${full.toFixed(1)} ms; one-character edit re-analysed with its session: p50 ${best.p50.toFixed(1)} ms, p95 ${best.p95.toFixed(1)} ms over ${edits} edits, best of ${rounds.length} rounds (${(full / best.p50).toFixed(0)}× faster than a full analysis; issue target p50 ≤ 10 ms)`,
		`  rounds (p50 / p95): ${rounds.map(r => `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} ms`).join(', ')}; heap held by the session after each round of ${edits + 10} edits: ${rounds.map(r => `${r.heldMb.toFixed(0)} MB`).join(', ')}`,
	];
}

/** One round of {@link editBench}: a fixed sequence of places in the middle half of the draft, each a letter typed inside a word. */
function editRound(joined: string, edits: number): { p50: number; p95: number; heldMb: number } {
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	const session = new Session();
	let text = joined;
	lint(text, undefined, { session });
	let seed = 1;
	const next = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
	const samples: number[] = [];
	for (let i = 0; i < edits + 10; i++) {
		let at = Math.floor(text.length * (0.25 + 0.5 * next()));
		while (at < text.length && !/\p{L}/u.test(text[at])) at++;
		text = text.slice(0, at) + 'e' + text.slice(at);
		const t = performance.now();
		lint(text, undefined, { session });
		if (i >= 10) samples.push(performance.now() - t);
	}
	samples.sort((a, b) => a - b);
	// What the session holds after the round (and the last version's text, 0.4 MB), after a full collection.
	collectGarbage();
	const heldMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
	if (session.runs !== edits + 11) throw new Error('the session missed analyses');
	return { p50: samples[Math.floor(samples.length / 2)], p95: samples[Math.floor(samples.length * 0.95)], heldMb };
}

/** A full garbage collection (the heap figures need it: without one they measure garbage). */
function collectGarbage(): void {
	const gc = fullCollection();
	if (!gc) throw new Error('the engine refused to expose its garbage collector');
	gc();
}

void main();
