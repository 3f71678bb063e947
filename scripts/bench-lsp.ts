/**
 * The language-server part of `npm run bench` (issue 11): the bundled server the extension starts (dist/server.js),
 * spawned as a child process speaking LSP over stdio to a client with VS Code's capabilities (incremental sync,
 * publishDiagnostics with versions, configuration pulled and answered with the defaults, workspace folders).
 *
 * 1. edit-to-diagnostics latency: a 1 KB draft and the 199 KB joined draft (the seeds in sorted order, separated by
 *    blank lines) are open; one-character edits in the middle, one at a time, each waiting for the diagnostics of its
 *    version; p50 / p95 per document and the difference of the p50s (target: 199 KB at most 10 ms above 1 KB);
 * 2. responsiveness: hover requests on the 199 KB draft when idle, right after an edit, and during the debounced
 *    analysis of an edit;
 * 3. memory: a fresh server with 50 drafts open (copies of the seeds and of our drafts in a temporary workspace
 *    folder), its resident set size once all are diagnosed and after a few edits to each (target ≤ 150 MB).
 *
 * A benchmark, not a test: it prints figures and ratios, it asserts nothing. Every wait has a timeout that says what
 * timed out; servers are shut down (shutdown, exit; killed if they do not go) and the temporary folder is removed.
 *
 * Standalone: `node out/scripts/bench-lsp.js [seedsDir]`. Environment: BENCH_LSP_EDITS (edits per document, 40),
 * BENCH_LSP_HOVERS (hover requests per case, 20), BENCH_LSP_TIMEOUT_MS (one wait, 30000).
 */
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
	ApplyWorkspaceEditRequest, ConfigurationRequest, createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
	DidOpenTextDocumentNotification, ExitNotification, HoverRequest, InitializedNotification, InitializeRequest, LogMessageNotification,
	MessageType, PublishDiagnosticsNotification, RegistrationRequest, ShowDocumentRequest, ShowMessageRequest, ShutdownRequest,
	StreamMessageReader, StreamMessageWriter, UnregistrationRequest, WorkDoneProgressCreateRequest, WorkspaceFoldersRequest,
	type ClientCapabilities, type Position, type ProtocolConnection, type PublishDiagnosticsParams, type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ENGINE_NODE_ARGS } from '../server/src/engine';
import { DEBOUNCE_MS } from '../server/src/validation';

const repoRoot = path.resolve(__dirname, '..', '..');
const serverJs = path.join(repoRoot, 'dist', 'server.js');
const draftsDir = path.join(repoRoot, 'test', 'drafts');
const defaultSeedsDir = path.join(repoRoot, '..', 'shared', 'seeds');

const EDITS = positiveInt(process.env.BENCH_LSP_EDITS, 40);
const HOVERS = positiveInt(process.env.BENCH_LSP_HOVERS, 20);
const TIMEOUT_MS = positiveInt(process.env.BENCH_LSP_TIMEOUT_MS, 30000);
/** Edits before the measured ones (JIT warm-up), per document. */
const WARMUP_EDITS = 2;
/** Drafts open at once in the memory measurement, and the rounds of edits to each afterwards. */
const OPEN_DRAFTS = 50;
const MEMORY_EDIT_ROUNDS = 3;
/** The size of the joined draft the issue names; without ../shared our own drafts are repeated to it. */
const JOINED_TARGET = 199 * 1024;
const SMALL_TARGET = 1024;

/** What VS Code answers for the `dpaLint` section when nothing is configured (package.json defaults). */
const DEFAULT_SETTINGS = { enable: true, lintAllMarkdown: false, language: 'auto', rules: {}, run: 'onType', trace: { server: 'off' } };

/** The client capabilities that matter here, as VS Code (vscode-languageclient 10) announces them. */
const CAPABILITIES: ClientCapabilities = {
	workspace: {
		applyEdit: true, configuration: true, workspaceFolders: true,
		workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
		didChangeConfiguration: { dynamicRegistration: true },
		didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
		executeCommand: { dynamicRegistration: true },
	},
	textDocument: {
		synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
		publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
		hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
		completion: { dynamicRegistration: true, completionItem: { snippetSupport: true } },
		codeAction: { dynamicRegistration: true, isPreferredSupport: true },
		rename: { dynamicRegistration: true, prepareSupport: true },
		documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true },
	},
	window: { workDoneProgress: true, showDocument: { support: true }, showMessage: {} },
	general: { positionEncodings: ['utf-16'] },
};

function positiveInt(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Reject after `ms` with a message naming what timed out. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); });
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

/** Nearest-rank percentile of unsorted samples. */
function percentile(samples: readonly number[], q: number): number {
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const kb = (chars: number): string => `${(chars / 1024).toFixed(1)} KB`;
const p50p95 = (samples: readonly number[]): string => `p50 ${ms(percentile(samples, 0.5)).padStart(9)}   p95 ${ms(percentile(samples, 0.95)).padStart(9)}`;

/** Resident set size and its peak of a process in MB (Linux /proc; elsewhere `ps`, without the peak). */
function memoryOf(pid: number): { rss: number; peak?: number } | undefined {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const field = (name: string): number | undefined => {
			const m = new RegExp(`^${name}:\\s*(\\d+) kB`, 'm').exec(status);
			return m ? Number(m[1]) / 1024 : undefined;
		};
		const rss = field('VmRSS');
		if (rss !== undefined) return { rss, peak: field('VmHWM') };
	} catch { /* not Linux */ }
	try {
		const out = cp.execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8', timeout: 5000 }).trim();
		return out ? { rss: Number(out) / 1024 } : undefined;
	} catch {
		return undefined;
	}
}

const mb = (m: { rss: number; peak?: number } | undefined): string => (m ? `${m.rss.toFixed(0)} MB` : 'unavailable');

/** A file of a draft: where it lies in the temporary workspace and its text. */
interface Draft { readonly file: string; readonly text: string }

/** The bundled server as a child process and a client that keeps every open document and waits for diagnostics. */
class Server {
	readonly documents = new Map<string, TextDocument>();
	readonly connection: ProtocolConnection;
	readonly #child: cp.ChildProcess;
	#waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
	#exited?: Error;
	#stderr = '';
	/** Error messages the server logged. */
	readonly errors: string[] = [];
	/** Whether the server put a version into every publishDiagnostics it sent. */
	versioned = true;

	constructor(private readonly folders: readonly WorkspaceFolder[]) {
		this.#child = cp.spawn(process.execPath, [...ENGINE_NODE_ARGS, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
		this.#child.stderr!.on('data', (d: Buffer) => { this.#stderr = (this.#stderr + d.toString()).slice(-2000); });
		this.#child.on('exit', (code, signal) => {
			this.#exited = new Error(`the server exited (${signal ?? `code ${code}`})${this.#stderr ? `: ${this.#stderr.trim()}` : ''}`);
			for (const w of this.#waiters) w.resolve(undefined as never);
		});
		this.#child.on('error', e => { this.#exited = e; });
		const connection = createProtocolConnection(new StreamMessageReader(this.#child.stdout!), new StreamMessageWriter(this.#child.stdin!));
		this.connection = connection;
		connection.onNotification(PublishDiagnosticsNotification.type, p => {
			if (p.version === undefined) this.versioned = false;
			this.#waiters = this.#waiters.filter(w => {
				if (w.uri !== p.uri || (w.version !== undefined && p.version !== undefined && p.version !== w.version)) return true;
				w.resolve(p);
				return false;
			});
		});
		connection.onRequest(ConfigurationRequest.type, p => p.items.map(i => (i.section === 'dpaLint' ? DEFAULT_SETTINGS : i.section ? null : { dpaLint: DEFAULT_SETTINGS })));
		connection.onRequest(WorkspaceFoldersRequest.type, () => [...this.folders]);
		// What else the server may ask: accepted, nothing shown (anything unknown is answered "method not found").
		connection.onRequest(RegistrationRequest.type, () => undefined);
		connection.onRequest(UnregistrationRequest.type, () => undefined);
		connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
		connection.onRequest(ShowMessageRequest.type, () => null);
		connection.onRequest(ShowDocumentRequest.type, () => ({ success: true }));
		connection.onRequest(ApplyWorkspaceEditRequest.type, () => ({ applied: false }));
		connection.onNotification(LogMessageNotification.type, p => { if (p.type === MessageType.Error) this.errors.push(p.message); });
		connection.onError(() => undefined);
		connection.listen();
	}

	get pid(): number {
		return this.#child.pid ?? -1;
	}

	/** initialize (with this process's id, so the server ends if the benchmark dies), initialized, the configuration push. */
	async initialize(): Promise<void> {
		await within(this.connection.sendRequest(InitializeRequest.type, {
			processId: process.pid, clientInfo: { name: 'dpa-lint bench' }, locale: 'en',
			rootUri: this.folders[0]?.uri ?? null, workspaceFolders: [...this.folders],
			initializationOptions: { trusted: true }, capabilities: CAPABILITIES,
		}), TIMEOUT_MS, 'initialize');
		await this.connection.sendNotification(InitializedNotification.type, {});
		// vscode-languageclient with synchronize.configurationSection sends the section once after start.
		await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { dpaLint: DEFAULT_SETTINGS } });
	}

	/** The next diagnostics for a uri with this version (the next at all when the server sends no versions). */
	diagnostics(uri: string, version: number | undefined, what: string, timeoutMs = TIMEOUT_MS): Promise<{ params: PublishDiagnosticsParams; at: number }> {
		const arrived = new Promise<{ params: PublishDiagnosticsParams; at: number }>((resolve, reject) => {
			if (this.#exited) { reject(this.#exited); return; }
			this.#waiters.push({ uri, version, resolve: params => (this.#exited ? reject(this.#exited) : resolve({ params, at: performance.now() })) });
		});
		return within(arrived, timeoutMs, `diagnostics for ${what}`).catch((e: unknown) => {
			this.#waiters = this.#waiters.filter(w => w.uri !== uri || w.version !== version);
			throw e;
		});
	}

	/** didOpen; the returned promise resolves with the first diagnostics and their latency. */
	async open(draft: Draft, what: string, timeoutMs = TIMEOUT_MS): Promise<{ latency: number; count: number }> {
		const uri = pathToFileURL(draft.file).href;
		const languageId = /\.txt$/i.test(draft.file) ? 'plaintext' : 'markdown';
		this.documents.set(uri, TextDocument.create(uri, languageId, 1, draft.text));
		const published = this.diagnostics(uri, 1, `${what} (didOpen, version 1)`, timeoutMs);
		const sent = performance.now();
		await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text: draft.text } });
		const { params, at } = await published;
		return { latency: at - sent, count: params.diagnostics.length };
	}

	/** One incremental change inserting `text` at `offset`, as a new version; resolves when it is sent, with the version and send time. */
	async insert(uri: string, offset: number, text: string): Promise<{ version: number; sent: number }> {
		const doc = this.documents.get(uri)!;
		const position = doc.positionAt(offset);
		const change = { range: { start: position, end: position }, text };
		const next = TextDocument.update(doc, [change], doc.version + 1);
		this.documents.set(uri, next);
		const sent = performance.now();
		await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: [change] });
		return { version: next.version, sent };
	}

	/** Insert and wait for the diagnostics of the new version; the latency from sending the change. */
	async edit(uri: string, offset: number, text: string, what: string, timeoutMs = TIMEOUT_MS): Promise<number> {
		const version = this.documents.get(uri)!.version + 1;
		const published = this.diagnostics(uri, version, `${what} (version ${version})`, timeoutMs);
		const { sent } = await this.insert(uri, offset, text);
		return (await published).at - sent;
	}

	/** A hover request; its latency. */
	async hover(uri: string, position: Position, what: string): Promise<number> {
		const sent = performance.now();
		await within(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), TIMEOUT_MS, `hover on ${what}`);
		return performance.now() - sent;
	}

	/** shutdown and exit, waiting for the process to end; killed (by its id) when it does not. */
	async dispose(): Promise<void> {
		const ended = new Promise<void>(resolve => {
			if (this.#child.exitCode !== null || this.#child.signalCode !== null) resolve();
			else this.#child.once('exit', () => resolve());
		});
		try {
			if (!this.#exited) {
				await within(this.connection.sendRequest(ShutdownRequest.type), 5000, 'shutdown request');
				await this.connection.sendNotification(ExitNotification.type);
			}
			await within(ended, 5000, 'server process to exit after the exit notification');
		} catch {
			this.#child.kill('SIGKILL');
			await within(ended, 5000, 'server process to end after SIGKILL').catch(() => undefined);
		}
		this.connection.dispose();
	}
}

/** An offset in the middle of a text inside a sentence: within a word of a prose line at or after the middle. */
function middleOfSentence(text: string): number {
	let lineStart = text.lastIndexOf('\n', Math.floor(text.length / 2)) + 1;
	while (lineStart < text.length) {
		const end = text.indexOf('\n', lineStart) === -1 ? text.length : text.indexOf('\n', lineStart);
		const line = text.slice(lineStart, end);
		// A line of running text: long, several words, no table, heading or front-matter.
		if (line.length >= 60 && /^[\p{L}(„"0-9]/u.test(line) && line.split(' ').length >= 8 && !line.includes('|')) {
			const m = /\s\p{L}{4,}/u.exec(line.slice(Math.floor(line.length / 3)));
			if (m) return lineStart + Math.floor(line.length / 3) + m.index + 3; // after the second letter of a word
		}
		lineStart = end + 1;
	}
	return Math.floor(text.length / 2);
}

/** The letter typed by the i-th edit. */
const letter = (i: number): string => 'abcdefghijklmnopqrstuvwxyz'[i % 26];

/** The seeds (sorted), or none without them. */
function seedTexts(seedsDir: string): { name: string; text: string }[] {
	if (!fs.existsSync(seedsDir)) return [];
	return fs.readdirSync(seedsDir).filter(f => f.endsWith('.txt')).sort().map(f => ({ name: f, text: fs.readFileSync(path.join(seedsDir, f), 'utf8') }));
}

/** Our own drafts in test/drafts (Markdown and plain text, sorted). */
function projectDrafts(): { name: string; text: string }[] {
	return fs.readdirSync(draftsDir).filter(f => /\.(md|txt)$/.test(f)).sort().map(f => ({ name: f, text: fs.readFileSync(path.join(draftsDir, f), 'utf8') }));
}

/** The 1 KB draft: the start of our complete German draft (front-matter, parties, first clause) up to a sentence end. */
function smallDraft(): string {
	const text = fs.readFileSync(path.join(draftsDir, 'de-vollstaendig.dpa.md'), 'utf8');
	const cut = Math.max(text.lastIndexOf('. ', SMALL_TARGET - 2) + 1, text.lastIndexOf('\n', SMALL_TARGET - 1));
	return `${text.slice(0, cut).trimEnd()}\n`;
}

/** Phases 1 and 2 on one server. */
async function latencyAndHover(tmp: string, joined: Draft, joinedLabel: string, out: string[]): Promise<void> {
	const small: Draft = { file: path.join(tmp, 'small.dpa.md'), text: smallDraft() };
	for (const d of [small, joined]) fs.writeFileSync(d.file, d.text);
	const server = new Server([{ uri: pathToFileURL(tmp).href, name: path.basename(tmp) }]);
	try {
		await server.initialize();
		const smallUri = pathToFileURL(small.file).href, joinedUri = pathToFileURL(joined.file).href;
		const smallLabel = `1 KB draft (${kb(small.text.length)})`;
		const [o1, o2] = await Promise.all([server.open(small, smallLabel), server.open(joined, joinedLabel)]);
		out.push(`first diagnostics after didOpen (cold, no debounce): ${smallLabel} ${ms(o1.latency)} (${o1.count} findings), ${joinedLabel} ${ms(o2.latency)} (${o2.count} findings)`);
		if (!o1.count || !o2.count) out.push('  note: a draft without findings may be out of scope (not linted at all)');

		// 1. Edit-to-diagnostics latency: typing in the middle of a sentence, the two documents alternately.
		const cursor = new Map([[smallUri, middleOfSentence(small.text)], [joinedUri, middleOfSentence(joined.text)]]);
		const samples = new Map<string, number[]>([[smallUri, []], [joinedUri, []]]);
		const labels = new Map([[smallUri, smallLabel], [joinedUri, joinedLabel]]);
		for (let i = 0; i < WARMUP_EDITS + EDITS; i++) {
			for (const uri of [smallUri, joinedUri]) {
				const offset = cursor.get(uri)!;
				const latency = await server.edit(uri, offset, letter(i), `${labels.get(uri)!} after edit ${i + 1}`);
				cursor.set(uri, offset + 1);
				if (i >= WARMUP_EDITS) samples.get(uri)!.push(latency);
			}
		}
		const s = samples.get(smallUri)!, j = samples.get(joinedUri)!;
		const d50 = percentile(j, 0.5) - percentile(s, 0.5);
		out.push(`edit-to-diagnostics latency, didChange (one letter, incremental) → publishDiagnostics of that version; ${EDITS} edits per document after ${WARMUP_EDITS} warm-up, alternating; includes the server's ${DEBOUNCE_MS} ms debounce:`);
		out.push(`  ${smallLabel.padEnd(44)} ${p50p95(s)}   min ${ms(Math.min(...s))}`);
		out.push(`  ${joinedLabel.padEnd(44)} ${p50p95(j)}   min ${ms(Math.min(...j))}`);
		out.push(`  difference of the p50s (199 KB − 1 KB): ${ms(d50)} (issue target ≤ 10 ms: ${d50 <= 10 ? 'met' : 'not met'}); ratio of the p50s ${(percentile(j, 0.5) / percentile(s, 0.5)).toFixed(2)}`);
		out.push(`  beyond the debounce (p50 − ${DEBOUNCE_MS} ms): 1 KB ${ms(percentile(s, 0.5) - DEBOUNCE_MS)}, 199 KB ${ms(percentile(j, 0.5) - DEBOUNCE_MS)}`);

		// 2. Responsiveness: hover on the 199 KB draft, idle, right after a change, and during the debounced analysis.
		const idle: number[] = [], after: number[] = [], elsewhere: number[] = [], during: number[] = [], diagAfter: number[] = [];
		// A word a quarter into the draft: the text there is unchanged by the typing in the middle.
		const quarter = middleOfSentence(joined.text.slice(0, joined.text.length >> 1));
		const hoverAt = (): Position => server.documents.get(joinedUri)!.positionAt(cursor.get(joinedUri)!);
		for (let i = 0; i < HOVERS; i++) idle.push(await server.hover(joinedUri, hoverAt(), `${joinedLabel} (idle, ${i + 1})`));
		for (let i = 0; i < HOVERS; i++) {
			const offset = cursor.get(joinedUri)!;
			const version = server.documents.get(joinedUri)!.version + 1;
			const published = server.diagnostics(joinedUri, version, `${joinedLabel} after a change with a hover (version ${version})`);
			const { sent } = await server.insert(joinedUri, offset, letter(i));
			cursor.set(joinedUri, offset + 1);
			after.push(await server.hover(joinedUri, hoverAt(), `${joinedLabel} right after didChange version ${version}`));
			diagAfter.push((await published).at - sent);
		}
		for (let i = 0; i < HOVERS; i++) {
			const offset = cursor.get(joinedUri)!;
			const version = server.documents.get(joinedUri)!.version + 1;
			const published = server.diagnostics(joinedUri, version, `${joinedLabel} after a change with a hover elsewhere (version ${version})`);
			await server.insert(joinedUri, offset, letter(i));
			cursor.set(joinedUri, offset + 1);
			elsewhere.push(await server.hover(joinedUri, server.documents.get(joinedUri)!.positionAt(quarter), `${joinedLabel} elsewhere right after didChange version ${version}`));
			await published;
		}
		for (let i = 0; i < HOVERS; i++) {
			const offset = cursor.get(joinedUri)!;
			const version = server.documents.get(joinedUri)!.version + 1;
			const published = server.diagnostics(joinedUri, version, `${joinedLabel} after a change with a late hover (version ${version})`);
			const { sent } = await server.insert(joinedUri, offset, letter(i));
			cursor.set(joinedUri, offset + 1);
			await sleep(Math.max(0, sent + DEBOUNCE_MS + 10 - performance.now()));
			during.push(await server.hover(joinedUri, hoverAt(), `${joinedLabel} ${DEBOUNCE_MS + 10} ms after didChange version ${version}`));
			await published;
		}
		out.push(`hover latency on the ${joinedLabel}, ${HOVERS} requests each:`);
		out.push(`  ${'idle (the current version analysed)'.padEnd(56)} ${p50p95(idle)}`);
		out.push(`  ${'sent right after a didChange, at the typing'.padEnd(56)} ${p50p95(after)}`);
		out.push(`  ${'sent right after a didChange, elsewhere in the draft'.padEnd(56)} ${p50p95(elsewhere)}`);
		out.push(`  ${`sent ${DEBOUNCE_MS + 10} ms after a didChange (debounced run)`.padEnd(56)} ${p50p95(during)}`);
		out.push(`  diagnostics of the edits with a hover right after them: ${p50p95(diagAfter)}; ratio hover after an edit / idle ${(percentile(after, 0.5) / percentile(idle, 0.5)).toFixed(0)}×`);
		if (!server.versioned) out.push('  note: the server sent publishDiagnostics without a version; the next publish after each edit was taken');
	} finally {
		if (server.errors.length) out.push(`  the server logged ${server.errors.length} error(s), the first: ${server.errors[0].split('\n')[0]}`);
		await server.dispose();
	}
}

/** Phase 3: a fresh server with 50 drafts open. */
async function memory(tmp: string, sources: readonly { name: string; text: string }[], out: string[]): Promise<void> {
	const ws = path.join(tmp, 'workspace');
	const drafts: Draft[] = [];
	for (let i = 0; drafts.length < OPEN_DRAFTS; i++) {
		const dir = path.join(ws, `copy-${String(Math.floor(i / sources.length) + 1).padStart(2, '0')}`);
		fs.mkdirSync(dir, { recursive: true });
		const source = sources[i % sources.length];
		const draft = { file: path.join(dir, source.name), text: source.text };
		fs.writeFileSync(draft.file, draft.text);
		drafts.push(draft);
	}
	const chars = drafts.reduce((n, d) => n + d.text.length, 0);
	const server = new Server([{ uri: pathToFileURL(ws).href, name: 'workspace' }]);
	try {
		await server.initialize();
		const initial = memoryOf(server.pid);
		const batch = OPEN_DRAFTS * TIMEOUT_MS;
		const uris = drafts.map(d => pathToFileURL(d.file).href);
		const started = performance.now();
		const opened = await waitAll(drafts.map(d => server.open(d, path.relative(tmp, d.file), batch)), batch, 'first diagnostics of the 50 open drafts');
		const openTime = performance.now() - started;
		const burst = memoryOf(server.pid);
		// What the drafts hold once the server is idle (it compacts after a burst of analyses), not the burst's garbage.
		await sleep(1500);
		const open = memoryOf(server.pid);
		const findings = opened.reduce((n, o) => n + o.count, 0);
		// A few edits to each: one letter in the middle of every draft per round, then wait for all of them.
		const cursor = drafts.map(d => middleOfSentence(d.text));
		for (let round = 0; round < MEMORY_EDIT_ROUNDS; round++) {
			await waitAll(uris.map((uri, k) => {
				const edit = server.edit(uri, cursor[k], letter(round), `${path.relative(tmp, drafts[k].file)} edit round ${round + 1}`, batch);
				cursor[k]++;
				return edit;
			}), batch, `diagnostics of edit round ${round + 1} for the 50 drafts`);
		}
		await sleep(1500);
		const edited = memoryOf(server.pid);
		out.push(`server memory (fresh server, ${OPEN_DRAFTS} drafts open in a workspace folder, ${kb(chars)} of text, ${sources.length} distinct texts):`);
		out.push(`  RSS after initialize                               ${mb(initial)}`);
		out.push(`  RSS right when all ${OPEN_DRAFTS} drafts are diagnosed         ${mb(burst)}`);
		out.push(`  RSS with ${OPEN_DRAFTS} drafts open, 1.5 s after           ${mb(open)} (issue target ≤ 150 MB: ${open ? (open.rss <= 150 ? 'met' : 'not met') : '?'}); ${findings} findings, all ${OPEN_DRAFTS} diagnosed in ${(openTime / 1000).toFixed(1)} s`);
		out.push(`  RSS after ${MEMORY_EDIT_ROUNDS} rounds of one edit to each draft, 1.5 s after ${mb(edited)}`);
		if (edited?.peak !== undefined) out.push(`  peak RSS of the server (VmHWM)                     ${edited.peak.toFixed(0)} MB`);
	} finally {
		if (server.errors.length) out.push(`  the server logged ${server.errors.length} error(s), the first: ${server.errors[0].split('\n')[0]}`);
		await server.dispose();
	}
}

/** All of the promises, or the first failure; a timeout says how many had arrived. */
async function waitAll<T>(promises: Promise<T>[], timeoutMs: number, what: string): Promise<T[]> {
	let done = 0;
	const counted = promises.map(p => p.then(v => { done++; return v; }));
	counted.forEach(p => p.catch(() => undefined)); // each rejection is reported once, through Promise.all
	return within(Promise.all(counted), timeoutMs, what).catch((e: unknown) => {
		throw new Error(`${e instanceof Error ? e.message : String(e)} (${done} of ${promises.length} arrived)`);
	});
}

/** Run the three measurements; the lines to print. */
export async function benchLsp(seedsDir: string | undefined): Promise<string[]> {
	const out: string[] = [];
	if (!fs.existsSync(serverJs)) return [`language server: ${path.relative(process.cwd(), serverJs)} not found; run npm run build first`];
	const seeds = seedTexts(seedsDir ?? defaultSeedsDir);
	const own = projectDrafts();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-bench-lsp-'));
	const cleanup = (): void => fs.rmSync(tmp, { recursive: true, force: true });
	const interrupted = (): void => { cleanup(); process.exit(130); };
	process.once('SIGINT', interrupted);
	try {
		let joined: Draft, joinedLabel: string;
		if (seeds.length) {
			const text = seeds.map(s => s.text).join('\n\n');
			joined = { file: path.join(tmp, 'joined-seeds.txt'), text };
			joinedLabel = `199 KB joined draft (${seeds.length} seeds, ${kb(text.length)})`;
		} else {
			const one = own.map(d => d.text).join('\n\n');
			let text = one;
			while (text.length < JOINED_TARGET) text += `\n\n${one}`;
			text = `${text.slice(0, text.lastIndexOf('\n\n', JOINED_TARGET))}\n`; // cut back to ~199 KB at a paragraph end
			joined = { file: path.join(tmp, 'joined-drafts.txt'), text };
			joinedLabel = `199 KB joined draft (test/drafts repeated, ${kb(text.length)})`;
			out.push(`no seeds in ${seedsDir ?? defaultSeedsDir}: the 199 KB draft is our ${own.length} drafts of test/drafts joined and repeated to ${kb(text.length)} (${(text.length / one.length).toFixed(1)}×), the 50 open drafts are copies of those ${own.length}`);
		}
		out.push(`language server: ${path.relative(repoRoot, serverJs)} spawned over stdio (Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores), client capabilities as VS Code's (incremental sync, versioned diagnostics, configuration defaults, workspace folders)`);
		try {
			await latencyAndHover(tmp, joined, joinedLabel, out);
		} catch (e) {
			out.push(`latency and hover measurement aborted: ${e instanceof Error ? e.message : String(e)}`);
		}
		try {
			await memory(tmp, [...seeds, ...own], out);
		} catch (e) {
			out.push(`memory measurement aborted: ${e instanceof Error ? e.message : String(e)}`);
		}
	} finally {
		process.removeListener('SIGINT', interrupted);
		cleanup();
	}
	return out;
}

if (require.main === module) {
	void benchLsp(process.argv[2]).then(lines => {
		for (const line of lines) process.stdout.write(`${line}\n`);
	}, (e: unknown) => {
		process.stderr.write(`bench-lsp failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
		process.exitCode = 1;
	});
}
