/**
 * A CLI run over many drafts on worker threads. Each worker gets file paths one at a time, reads, converts and
 * lints the file itself with the inline code (cliLint.ts) and sends back the file's output pieces; the main thread
 * prints them in the order of the files, as soon as the next one in order is there, and may lint files itself
 * between the workers' answers (then it is one of the `jobs`).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { lintFile, type FileOptions, type FileOutcome } from './cliLint';

/** What the main thread gives each worker. */
interface WorkerData { readonly dpaLintCliWorker: true; readonly options: FileOptions }
/** A request (the file's index and path) and its answer. */
interface Request { readonly index: number; readonly file: string }
interface Answer { readonly index: number; readonly outcome: FileOutcome }

/** Whether this thread is a CLI worker (the worker script is the CLI's own module, bundled or not). */
export function isCliWorker(): boolean {
	return !isMainThread && !!(workerData as Partial<WorkerData> | undefined)?.dpaLintCliWorker;
}

/**
 * The worker's side: lint the files asked for one after the other, in the order asked, and answer each, until the
 * main thread ends the worker.
 */
export function serveCliWorker(): void {
	const { options } = workerData as WorkerData;
	let queue = Promise.resolve();
	parentPort!.on('message', (req: Request) => {
		queue = queue.then(async () => parentPort!.postMessage({ index: req.index, outcome: await lintFile(req.file, options) } satisfies Answer));
	});
}

/** Files a worker holds at a time: the one it lints and the next, so that it never waits for the main thread. */
const IN_FLIGHT = 2;
/**
 * The same when the main thread lints too: it answers a worker only between two files of its own, which can take
 * half a second each while it warms up, so a worker holds enough for that.
 */
const IN_FLIGHT_BESIDE_MAIN = 8;

/** How a pool runs besides its size. */
export interface PoolOptions {
	/** How far ahead of the next file to print files are handed out (memory stays bounded when one file takes long). */
	readonly window?: number;
	/**
	 * Whether this thread lints files too, one at a time between the workers' answers, as one of the `jobs`: it starts
	 * at once, while the workers still load (a worker needs about half a second before its first file), and the run
	 * needs one thread fewer. A file that crashes this thread (only running out of memory does) ends the run.
	 */
	readonly here?: boolean;
}

/**
 * Lint `files` on `jobs` threads: worker threads running `script` (the CLI module, which serves as a worker when
 * {@link isCliWorker}), and this thread when `pool.here`. `emit` gets every file's outcome in the order of `files`.
 * A worker that dies (uncaught error, exit) costs the file it was linting an input error; the files it held besides
 * go to a fresh worker. Resolves with the number of files this thread linted.
 */
export function lintInWorkers(files: readonly string[], options: FileOptions, jobs: number, script: string,
	emit: (outcome: FileOutcome, index: number) => void, pool: PoolOptions = {}): Promise<number> {
	const here = !!pool.here;
	const workers = here ? jobs - 1 : jobs, depth = here ? IN_FLIGHT_BESIDE_MAIN : IN_FLIGHT;
	const window = pool.window ?? Math.max(64, workers * depth * 2, jobs * 16);
	return new Promise<number>((resolve, reject) => {
		const waiting = new Map<number, FileOutcome>();
		/** Per live worker, the indexes of the files it holds, in the order it lints them. */
		const held = new Map<Worker, number[]>();
		/** Files handed back by a worker that died before linting them. */
		const again: number[] = [];
		let next = 0, sent = 0, done = false;
		/** Whether this thread is linting a file; how many it linted. */
		let busyHere = false, lintedHere = 0;
		const finish = (e?: unknown): void => {
			if (done) return;
			done = true;
			for (const w of held.keys()) void w.terminate();
			if (e) reject(e); else resolve(lintedHere);
		};
		const receive = (index: number, outcome: FileOutcome): void => {
			waiting.set(index, outcome);
			try {
				for (let o; (o = waiting.get(next)) !== undefined; next++) {
					waiting.delete(next);
					emit(o, next);
				}
			} catch (e) {
				finish(e);
				return;
			}
			if (next === files.length) finish();
		};
		/** The next file to hand out, if any may be now. */
		const take = (): number | undefined => (again.length ? again.shift() : sent < files.length && sent < next + window ? sent++ : undefined);
		const pump = (): void => {
			if (done) return;
			// Fill the workers there are, the emptiest first; start new ones up to `workers` while there is work.
			for (;;) {
				let w: Worker | undefined;
				for (const [worker, list] of held) if (list.length < depth && (!w || list.length < held.get(w)!.length)) w = worker;
				const more = held.size < workers;
				if (w && held.get(w)!.length && more) w = undefined;
				if (!w && !more) break;
				const index = take();
				if (index === undefined) return;
				w ??= spawn();
				held.get(w)!.push(index);
				w.postMessage({ index, file: files[index] } satisfies Request);
			}
			// The workers hold what they can: this thread takes the next file, linted once the events waiting now (the
			// workers' answers) have been handled.
			if (!here || busyHere) return;
			const index = take();
			if (index === undefined) return;
			busyHere = true;
			setImmediate(() => {
				lintFile(files[index], options).then(outcome => {
					busyHere = false;
					lintedHere++;
					if (done) return;
					receive(index, outcome);
					pump();
				}, (e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
			});
		};
		const spawn = (): Worker => {
			const w = new Worker(script, { workerData: { dpaLintCliWorker: true, options } satisfies WorkerData });
			held.set(w, []);
			let failure = '';
			w.on('message', (a: Answer) => {
				if (done) return;
				const list = held.get(w)!;
				list.splice(list.indexOf(a.index), 1);
				receive(a.index, a.outcome);
				pump();
			});
			w.on('error', e => { failure = e instanceof Error ? e.message : String(e); });
			w.on('exit', code => {
				const list = held.get(w) ?? [];
				held.delete(w);
				if (done) return;
				const [index, ...rest] = list;
				again.unshift(...rest);
				if (index !== undefined) {
					const why = failure ? `: ${failure.split('\n')[0]}` : ` (exit code ${code})`;
					receive(index, { stderr: `dpa-lint: ${files[index]}: the worker linting it stopped${why}\n`, linted: false, errors: 0, warnings: 0, piece: '' });
				}
				pump();
			});
			return w;
		};
		if (!files.length) resolve(0);
		else pump();
	});
}
