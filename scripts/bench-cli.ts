/**
 * Part of `npm run bench` (issue 11): the built CLI over 1,000 drafts, copies of the seeds (when there) and of the
 * project's drafts, with one thread (--jobs 1) and with more (--jobs 2 and --jobs <cores>: the CLI's own thread and
 * worker threads), each twice, with peers beside them: two loops on one and on two threads (what the machine's cores
 * give at the time to arithmetic and to allocating code), and two --jobs 1 processes at once over half the drafts each
 * (what two threads of this workload can gain when they share nothing), and one --jobs 1 run while an arithmetic loop
 * keeps the other core busy (what a busy neighbour core alone costs a thread: the ceiling of the ratio here).
 * It prints wall times and ratios, checks that every run printed the same JSON, and asserts nothing else.
 * BENCH_CLI_FILES changes the number of drafts (quick runs).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'dpa-lint.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CLI_NODE_ARGS: readonly string[] = (require(bin) as { NODE_ARGS: string[] }).NODE_ARGS;

/** The drafts copied: the seeds' .txt exports when `seedsDir` exists, and the project's own Markdown and text drafts. */
function sources(seedsDir: string | undefined): { seeds: string[]; own: string[] } {
	const list = (dir: string, pattern: RegExp): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => pattern.test(f)).sort().map(f => path.join(dir, f)) : []);
	return {
		seeds: seedsDir ? list(seedsDir, /\.txt$/) : [],
		own: [...list(path.join(root, 'test', 'drafts'), /\.(md|txt)$/), ...list(path.join(root, 'examples'), /\.md$/)],
	};
}

interface Run {
	readonly ms: number; readonly cpuMs?: number; readonly status: number | null; readonly hash: string; readonly bytes: number; readonly stderr: string;
	/** CPU milliseconds of each thread of the run's process, the busiest first (Linux only; see {@link threadWatch}). */
	readonly threadsMs?: readonly number[];
}

/**
 * CPU milliseconds of this process's finished children (Linux: cutime + cstime of /proc/self/stat, in clock ticks
 * of 1/100 s), undefined elsewhere. On a busy machine, wall times tell little; the CPU time tells what a run costs.
 */
function childrenCpuMs(): number | undefined {
	try {
		return statMs('/proc/self/stat', 13);
	} catch {
		return undefined;
	}
}

/**
 * Milliseconds of CPU in a Linux stat file (/proc/PID/stat or a thread's): the sum of the two fields from `field` on,
 * counted after the command name (state is field 0; utime and stime are 11 and 12, cutime and cstime 13 and 14), in
 * clock ticks of 1/100 s. Throws when the file cannot be read.
 */
function statMs(file: string, field: number): number {
	const fields = fs.readFileSync(file, 'utf8').replace(/^.*\) /s, '').split(' ');
	return (Number(fields[field]) + Number(fields[field + 1])) * 10;
}

/**
 * The CPU time of each thread of a running process, read from /proc/PID/task every 50 ms (Linux; elsewhere nothing):
 * `stop` gives each thread's last reading, the busiest first. What a thread spends after the last reading (at most
 * 50 ms) is not counted. The process's threads are its analysis threads (the CLI's own thread and its workers) and the
 * engine's helpers (V8's optimizing compiler and garbage collector, libuv's pool); by their names they cannot be told
 * apart (all are "node"), by their CPU time they can: the analysis threads are the busiest.
 */
function threadWatch(pid: number | undefined): { stop(): number[] | undefined } {
	const dir = `/proc/${pid}/task`;
	if (pid === undefined || !fs.existsSync(dir)) return { stop: () => undefined };
	const ms = new Map<string, number>();
	const read = (): void => {
		let tids: string[];
		try { tids = fs.readdirSync(dir); } catch { return; }
		for (const tid of tids) {
			try { ms.set(tid, statMs(`${dir}/${tid}/stat`, 11)); } catch { /* the thread has ended */ }
		}
	};
	read();
	const timer = setInterval(read, 50);
	return { stop: () => { clearInterval(timer); return [...ms.values()].sort((a, b) => b - a); } };
}

/** Run the built CLI in `cwd` with `args`, its JSON written to a file (hashed), and time it. */
function runCli(cwd: string, args: readonly string[], outFile: string): Promise<Run> {
	return new Promise((resolve, reject) => {
		const fd = fs.openSync(outFile, 'w');
		const cpu = childrenCpuMs();
		const t = performance.now();
		// With the Node options bin/dpa-lint.js would start itself again with: the CLI then runs in this child, whose
		// threads are watched (started without them, the child would only wait for its own child).
		const child = spawn(process.execPath, [...CLI_NODE_ARGS, bin, ...args], { cwd, stdio: ['ignore', fd, 'pipe'] });
		// Read until the process exits (its threads' files go with it); 'close' comes later, when its output is drained.
		const watch = threadWatch(child.pid);
		let threadsMs: number[] | undefined;
		let stderr = '';
		child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
		child.on('error', reject);
		child.on('exit', () => { threadsMs ??= watch.stop(); });
		child.on('close', status => {
			const ms = performance.now() - t;
			const cpuAfter = childrenCpuMs();
			threadsMs ??= watch.stop();
			fs.closeSync(fd);
			const data = fs.readFileSync(outFile);
			fs.rmSync(outFile);
			resolve({ ms, cpuMs: cpu !== undefined && cpuAfter !== undefined ? cpuAfter - cpu : undefined, status, hash: createHash('sha256').update(data).digest('hex'), bytes: data.length, stderr, threadsMs });
		});
	});
}

/**
 * Two `--jobs 1` runs at once, over every other draft each (the same mix of drafts on both sides): the time until both
 * have finished, their CPU time together, and the worse exit status.
 */
async function runPair(cwd: string, names: readonly string[]): Promise<Run> {
	const cpu = childrenCpuMs();
	const t = performance.now();
	const halves = [names.filter((_, i) => i % 2 === 0), names.filter((_, i) => i % 2 === 1)];
	const both = await Promise.all(halves.map((half, k) => runCli(cwd, ['--format', 'json', '--jobs', '1', ...half], path.join(cwd, `.pair${k}.json`))));
	const ms = performance.now() - t;
	const cpuAfter = childrenCpuMs();
	const worst = both.find(r => r.status !== 0 && r.status !== 1) ?? both[0];
	return { ms, cpuMs: cpu !== undefined && cpuAfter !== undefined ? cpuAfter - cpu : undefined, status: worst.status, hash: '', bytes: both[0].bytes + both[1].bytes, stderr: worst.stderr };
}

/**
 * Two fixed loops for a worker thread, about a second each on one core: integer arithmetic alone (what the cores give
 * a thread that needs nothing else), and maps of strings and objects made and dropped (what they give a thread that
 * allocates and collects garbage, as an analysis does; such threads share caches, memory and the collector's helpers).
 */
const LOOPS = {
	arithmetic: `let x = 0; for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003; require('node:worker_threads').parentPort.postMessage(x);`,
	allocating: `let n = 0; for (let r = 0; r < 20; r++) { const m = new Map(); for (let i = 0; i < 100000; i++) m.set('k' + ((i * 7919) % 100003), { i, s: 'v' + i }); n += m.size; } require('node:worker_threads').parentPort.postMessage(n);`,
};

/**
 * An arithmetic loop on a worker thread of this process, running until stopped: it keeps one core busy without
 * touching memory (its few variables stay in registers), so a run beside it shows what a busy neighbour core alone
 * costs the run's thread on this machine, with nothing shared.
 */
function busyNeighbour(): { stop(): Promise<void> } {
	const flag = new Int32Array(new SharedArrayBuffer(4));
	const w = new Worker(`const { workerData: f } = require('node:worker_threads'); let x = 0;
		while (Atomics.load(f, 0) === 0) for (let i = 0; i < 1e6; i++) x = (x + i * 7) % 1000003;`, { eval: true, workerData: flag });
	return { stop: async () => { Atomics.store(flag, 0, 1); await w.terminate(); } };
}

/** Wall time of a loop on `threads` worker threads at once. */
function loopOn(code: string, threads: number): Promise<number> {
	const t = performance.now();
	return Promise.all(Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
		const w = new Worker(code, { eval: true });
		w.once('message', () => { void w.terminate(); resolve(); });
		w.once('error', reject);
	}))).then(() => performance.now() - t);
}

/**
 * How much more work the machine does per second with `threads` threads than with one, right now, for each loop: the
 * loop on one thread, on `threads` at once and on one again (a drifting machine load falls on both sides).
 */
async function loopScaling(threads: number): Promise<{ arithmetic: number; allocating: number }> {
	const scaling = async (code: string): Promise<number> => {
		const a = await loopOn(code, 1);
		const n = await loopOn(code, threads);
		const b = await loopOn(code, 1);
		return (threads * (a + b) / 2) / n;
	};
	return { arithmetic: await scaling(LOOPS.arithmetic), allocating: await scaling(LOOPS.allocating) };
}

/** The run of `runs` that took the least time (each setting's best run counts). */
const fastest = (runs: readonly Run[]): Run => runs.reduce((a, b) => (b.ms < a.ms ? b : a));

/** Lines to print: the CLI's time over many drafts with one thread and with worker threads, and the ratios. */
export async function benchCli(seedsDir: string | undefined): Promise<string[]> {
	const count = Number(process.env.BENCH_CLI_FILES ?? 1000);
	if (!Number.isInteger(count) || count < 1) throw new Error(`BENCH_CLI_FILES must be a whole number of at least 1, not "${process.env.BENCH_CLI_FILES}"`);
	const { seeds, own } = sources(seedsDir);
	const from = [...seeds, ...own];
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-bench-cli-'));
	try {
		// Copies with their extension kept (a .txt export stays one); named explicitly, short names relative to `dir`.
		const names: string[] = [];
		let bytes = 0;
		for (let i = 0; i < count; i++) {
			const src = from[i % from.length];
			const name = `${String(i).padStart(4, '0')}-${path.basename(src)}`;
			fs.copyFileSync(src, path.join(dir, name));
			bytes += fs.statSync(src).size;
			names.push(name);
		}
		const cores = os.availableParallelism();
		const jobs = [...new Set([1, 2, cores])];
		// Two rounds, the second in reverse order (1, 2, …, …, 2, 1), so that a slow spell of the machine falls on each
		// setting alike; each setting's best run counts. Before each round, what a second thread gives the two loops at
		// that time (arithmetic alone scales as far as the cores do; allocating code less, on a machine like this one).
		const runs = new Map<number, Run[]>(jobs.map(j => [j, []]));
		const machine: { arithmetic: number; allocating: number }[] = [];
		// The other peer: two --jobs 1 processes at once, each over every other draft. They share nothing, so they show
		// what two threads of this very workload can gain on this machine at best.
		const pairs: Run[] = [];
		// And --jobs 1 beside the busy neighbour (setting -1): the ceiling of what a second thread can give here.
		const beside: Run[] = [];
		const settings = cores > 1 ? [...jobs, 0, -1] : jobs;
		for (const order of [settings, [...settings].reverse()]) {
			machine.push(await loopScaling(Math.min(2, cores)));
			for (const j of order) {
				if (j === 0) pairs.push(await runPair(dir, names));
				else if (j === -1) {
					const neighbour = busyNeighbour();
					try {
						beside.push(await runCli(dir, ['--format', 'json', '--jobs', '1', ...names], path.join(dir, '.out.json')));
					} finally {
						await neighbour.stop();
					}
				}
				else runs.get(j)!.push(await runCli(dir, ['--format', 'json', '--jobs', String(j), ...names], path.join(dir, '.out.json')));
			}
		}
		const best = (j: number): Run => fastest(runs.get(j)!);
		const one = best(1);
		const lines = [`CLI over ${count} drafts (copies of ${seeds.length} seeds and ${own.length} project drafts, ${(bytes / 1024 / 1024).toFixed(1)} MB; ` +
			`--format json, ${(one.bytes / 1024 / 1024).toFixed(1)} MB out), ${cores} core(s), Node ${process.version}, each setting run twice, best run counts`];
		if (cores > 1) {
			const show = (k: 'arithmetic' | 'allocating'): string => machine.map(m => `${m[k].toFixed(2)}×`).join(' and ');
			lines.push(`machine before each round, 2 threads at once against one: an arithmetic loop did ${show('arithmetic')} the work, an allocating loop ${show('allocating')}`);
		}
		for (const j of jobs) {
			const r = best(j);
			const label = `dpa-lint --jobs ${j}${j === 1 ? ' (one thread)' : j === cores ? ` (all ${cores} cores)` : ''}`;
			const vs = j === 1 ? '' : `   ${(one.ms / r.ms).toFixed(2).padStart(5)}× as fast as --jobs 1`;
			const cpu = r.cpuMs === undefined ? '' : `   CPU ${(r.cpuMs / 1000).toFixed(1)} s (${(r.cpuMs / r.ms).toFixed(2)} cores busy)`;
			const all = `   runs ${runs.get(j)!.map(x => (x.ms / 1000).toFixed(2)).join(', ')} s`;
			lines.push(`${label.padEnd(34)} ${(r.ms / 1000).toFixed(2).padStart(8)} s   ${(r.ms / count).toFixed(1).padStart(6)} ms/draft${vs}${cpu}${all}`);
			if (r.threadsMs) {
				const analysis = r.threadsMs.slice(0, j), helpers = r.threadsMs.slice(j).reduce((a, b) => a + b, 0);
				const sum = analysis.reduce((a, b) => a + b, 0);
				lines.push(`  CPU by thread: analysis ${analysis.map(x => (x / 1000).toFixed(2)).join(' + ')}${j > 1 ? ` = ${(sum / 1000).toFixed(2)}` : ''} s (the ${j} busiest), engine helpers (compiler, collector) ${(helpers / 1000).toFixed(2)} s`);
			}
			for (const x of runs.get(j)!) {
				if (x.status !== 0 && x.status !== 1) lines.push(`  --jobs ${j} exited with ${x.status}: ${x.stderr.trim().split('\n')[0]}`);
				if (x.hash !== one.hash) lines.push(`  --jobs ${j} printed other JSON than --jobs 1 (${x.bytes} bytes against ${one.bytes})`);
			}
		}
		if (pairs.length) {
			const r = fastest(pairs);
			const cpu = r.cpuMs === undefined ? '' : `   CPU ${(r.cpuMs / 1000).toFixed(1)} s (${(r.cpuMs / r.ms).toFixed(2)} cores busy)`;
			lines.push(`${'peer: 2 processes, half each'.padEnd(34)} ${(r.ms / 1000).toFixed(2).padStart(8)} s   ${(r.ms / count).toFixed(1).padStart(6)} ms/draft   ${(one.ms / r.ms).toFixed(2).padStart(5)}× as fast as --jobs 1${cpu}   runs ${pairs.map(x => (x.ms / 1000).toFixed(2)).join(', ')} s`);
			for (const x of pairs) if (x.status !== 0 && x.status !== 1) lines.push(`  a process of the pair exited with ${x.status}: ${x.stderr.trim().split('\n')[0]}`);
		}
		if (beside.length) {
			// How much longer --jobs 1 takes while the other core works, whatever it works on: two threads can do at most
			// 2 / that the work of one. Its analysis thread's CPU time against the one alone tells whether the thread ran
			// slower or waited (for a core, shared now by the loop and the engine's helper threads).
			const r = fastest(beside);
			const slower = r.ms / one.ms;
			const cpu = r.threadsMs?.[0] && one.threadsMs?.[0] ? `, its analysis thread ${(r.threadsMs[0] / one.threadsMs[0]).toFixed(2)}× the CPU time` : '';
			lines.push(`${'peer: --jobs 1 beside a busy core'.padEnd(34)} ${(r.ms / 1000).toFixed(2).padStart(8)} s   ${(r.ms / count).toFixed(1).padStart(6)} ms/draft   runs ${beside.map(x => (x.ms / 1000).toFixed(2)).join(', ')} s`);
			lines.push(`  the other core running an arithmetic loop that touches no memory: ${slower.toFixed(2)}× the time of --jobs 1 alone${cpu}; so two threads can do at most ${(2 / slower).toFixed(2)}× the work of one on this machine now`);
			for (const x of beside) {
				if (x.status !== 0 && x.status !== 1) lines.push(`  --jobs 1 beside a busy core exited with ${x.status}: ${x.stderr.trim().split('\n')[0]}`);
				if (x.hash !== one.hash) lines.push('  --jobs 1 beside a busy core printed other JSON than --jobs 1 alone');
			}
		}
		return lines;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

// Alone: node out/scripts/bench-cli.js [SEEDS_DIR]
if (require.main === module) {
	benchCli(process.argv[2] ?? path.join(root, '..', 'shared', 'seeds')).then(lines => process.stdout.write(lines.map(l => `${l}\n`).join('')), (e: Error) => {
		process.stderr.write(`bench-cli: ${e.message}\n`);
		process.exitCode = 1;
	});
}
