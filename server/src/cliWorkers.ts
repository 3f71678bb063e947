/**
 * A CLI run over many drafts on worker threads. Each worker gets file paths one at a time, reads, converts and
 * lints the file itself with the inline code (cliLint.ts) and sends back the file's output pieces; the main thread
 * prints them in the order of the files, as soon as the next one in order is there.
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
 * Lint `files` on `jobs` worker threads running `script` (the CLI module, which serves as a worker when
 * {@link isCliWorker}); `emit` gets every file's outcome in the order of `files`. A worker that dies (uncaught
 * error, exit) costs the file it was linting an input error; the files it held besides go to a fresh worker.
 * Files are handed out at most `window` ahead of the next one to print, so memory stays bounded when one file takes
 * long.
 */
export function lintInWorkers(files: readonly string[], options: FileOptions, jobs: number, script: string,
	emit: (outcome: FileOutcome, index: number) => void, window = Math.max(64, jobs * 16)): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		const waiting = new Map<number, FileOutcome>();
		/** Per live worker, the indexes of the files it holds, in the order it lints them. */
		const held = new Map<Worker, number[]>();
		/** Files handed back by a worker that died before linting them. */
		const again: number[] = [];
		let next = 0, sent = 0, done = false;
		const finish = (e?: unknown): void => {
			if (done) return;
			done = true;
			for (const w of held.keys()) void w.terminate();
			if (e) reject(e); else resolve();
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
			// Fill the workers there are, the emptiest first; start new ones up to `jobs` while there is work.
			for (;;) {
				let w: Worker | undefined;
				for (const [worker, list] of held) if (list.length < IN_FLIGHT && (!w || list.length < held.get(w)!.length)) w = worker;
				const more = held.size < jobs;
				if (w && held.get(w)!.length && more) w = undefined;
				if (!w && !more) return;
				const index = take();
				if (index === undefined) return;
				w ??= spawn();
				held.get(w)!.push(index);
				w.postMessage({ index, file: files[index] } satisfies Request);
			}
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
		if (!files.length) resolve();
		else pump();
	});
}
