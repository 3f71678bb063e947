import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
	ApplyWorkspaceEditRequest, ConfigurationRequest, createConnection, createProtocolConnection, DidChangeTextDocumentNotification,
	DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest,
	LogMessageNotification, PublishDiagnosticsNotification, RegistrationRequest, ShowDocumentRequest, ShowMessageNotification,
	ShutdownRequest, StreamMessageReader, StreamMessageWriter,
	type ApplyWorkspaceEditParams, type InitializeResult, type LogMessageParams, type ShowMessageParams, type ProtocolConnection, type PublishDiagnosticsParams,
	type ShowDocumentParams, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer, type ServerOptions } from '../../server/src/server';
import { sharedFiles } from '../helpers';

/** The repository root (tests run from out/test/protocol). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** Fixtures of the protocol tests. */
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'lsp');
/** Our own complete and defective drafts (German and English, Markdown and plain text). */
export const draftsDir = path.join(repoRoot, 'test', 'drafts');

/** A seed's path by its number prefix ("002"); only inside a {@link sharedSuite}. */
export function seed(prefix: string): string {
	const file = sharedFiles('seeds', /\.txt$/).find(f => path.basename(f).startsWith(prefix));
	if (!file) throw new Error(`no seed ${prefix} in ../shared/seeds`);
	return file;
}

export type Mode = 'in-process' | 'stdio';

export interface HarnessOptions extends ServerOptions {
	/** The `dpaLint` settings section the client answers with. */
	readonly settings?: Record<string, unknown>;
	/** initializationOptions.trusted (default true). */
	readonly trusted?: boolean;
	/** Advertise `documentChanges` support (default true). */
	readonly documentChanges?: boolean;
	/** The workspace folder (default: the repository root). */
	readonly workspaceFolder?: string;
}

/** Apply LSP edits to a text (they refer to the original text, as in a WorkspaceEdit). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
	return TextDocument.applyEdits(TextDocument.create('file:///x', 'markdown', 0, text), [...edits]);
}

/** The text edits of a single-document workspace edit. */
export function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
	if (!edit) return [];
	if (edit.documentChanges) {
		return edit.documentChanges.flatMap(c => ('textDocument' in c && c.textDocument.uri === uri ? c.edits.map(e => e as TextEdit) : []));
	}
	return edit.changes?.[uri] ?? [];
}

/** An LSP client driving the real server over JSON-RPC: in-process over PassThrough streams, or a spawned `dist/server.js --stdio`. */
export class Client {
	readonly logs: string[] = [];
	readonly messages: string[] = [];
	readonly shown: ShowDocumentParams[] = [];
	readonly applied: ApplyWorkspaceEditParams[] = [];
	readonly documents = new Map<string, TextDocument>();
	#published = new Map<string, PublishDiagnosticsParams[]>();
	#waiters: { uri: string; version?: number; after: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
	#child?: cp.ChildProcess;
	settings: Record<string, unknown>;
	initializeResult!: InitializeResult;

	private constructor(readonly connection: ProtocolConnection, private readonly stop: () => void, options: HarnessOptions) {
		this.settings = options.settings ?? {};
		connection.onNotification(PublishDiagnosticsNotification.type, p => {
			const list = this.#published.get(p.uri) ?? [];
			list.push(p);
			this.#published.set(p.uri, list);
			this.#waiters = this.#waiters.filter(w => {
				if (w.uri !== p.uri || list.length <= w.after || (w.version !== undefined && p.version !== w.version)) return true;
				w.resolve(p);
				return false;
			});
		});
		connection.onNotification(LogMessageNotification.method, (p: LogMessageParams) => { this.logs.push(p.message); });
		connection.onNotification(ShowMessageNotification.method, (p: ShowMessageParams) => { this.messages.push(p.message); });
		connection.onRequest(ConfigurationRequest.type, p => p.items.map(i => (i.section === 'dpaLint' ? this.settings : null)));
		connection.onRequest(RegistrationRequest.type, () => undefined);
		connection.onRequest(ShowDocumentRequest.type, p => {
			this.shown.push(p);
			return { success: true };
		});
		connection.onRequest(ApplyWorkspaceEditRequest.type, p => {
			this.applied.push(p);
			return { applied: true };
		});
	}

	/** Start a server in the given mode and initialize it. */
	static async start(mode: Mode, options: HarnessOptions = {}): Promise<Client> {
		let client: Client;
		if (mode === 'in-process') {
			const up = new PassThrough(), down = new PassThrough();
			// Reader and writer, never the raw streams: createConnection would call process.exit when a stream ends.
			const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
			startServer(server, options);
			const connection = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
			client = new Client(connection, () => { connection.dispose(); server.dispose(); up.end(); down.end(); }, options);
		} else {
			const child = cp.spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
			const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
			client = new Client(connection, () => { connection.dispose(); child.kill(); }, options);
			client.#child = child;
		}
		client.connection.listen();
		client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
			processId: null, rootUri: pathToFileURL(options.workspaceFolder ?? repoRoot).href, locale: 'de', workspaceFolders: null,
			initializationOptions: { trusted: options.trusted ?? true },
			capabilities: {
				workspace: { configuration: true, workspaceEdit: { documentChanges: options.documentChanges ?? true }, didChangeConfiguration: { dynamicRegistration: true } },
				textDocument: {
					publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, versionSupport: true },
					rename: { prepareSupport: true }, codeAction: { isPreferredSupport: true },
				},
				window: { showDocument: { support: true } },
			},
		});
		await client.connection.sendNotification(InitializedNotification.type, {});
		return client;
	}

	/** Open a document; resolves with its first published diagnostics. */
	async open(uri: string, text: string, languageId = 'markdown', version = 1): Promise<PublishDiagnosticsParams> {
		this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
		const published = this.diagnostics(uri, version);
		await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
		return published;
	}

	/** Open a file from disk under its file URI. */
	openFile(file: string, languageId = /\.txt$/.test(file) ? 'plaintext' : 'markdown'): Promise<PublishDiagnosticsParams> {
		return this.open(pathToFileURL(file).href, fs.readFileSync(file, 'utf8'), languageId);
	}

	/** Send edits as incremental changes (last first, so positions stay valid); resolves with the re-published diagnostics. */
	async edit(uri: string, edits: readonly TextEdit[]): Promise<PublishDiagnosticsParams> {
		const doc = this.documents.get(uri)!;
		const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
		const next = TextDocument.update(TextDocument.create(uri, doc.languageId, doc.version, doc.getText()), sorted.map(e => ({ range: e.range, text: e.newText })), doc.version + 1);
		const expected = TextDocument.applyEdits(doc, [...edits]);
		if (next.getText() !== expected) throw new Error('incremental changes do not reproduce the edit');
		this.documents.set(uri, next);
		const published = this.diagnostics(uri, next.version);
		await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
			textDocument: { uri, version: next.version }, contentChanges: sorted.map(e => ({ range: e.range, text: e.newText })),
		});
		return published;
	}

	/** Close a document; resolves with the diagnostics published on close. */
	async close(uri: string): Promise<PublishDiagnosticsParams> {
		const published = this.diagnostics(uri);
		this.documents.delete(uri);
		await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
		return published;
	}

	/** The next diagnostics published for a uri (and version, if given). */
	diagnostics(uri: string, version?: number, timeoutMs = 20000): Promise<PublishDiagnosticsParams> {
		const after = this.#published.get(uri)?.length ?? 0;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} (version ${version}) within ${timeoutMs} ms`)), timeoutMs);
			timer.unref();
			this.#waiters.push({ uri, version, after, resolve: p => { clearTimeout(timer); resolve(p); } });
		});
	}

	/** Every diagnostics notification received for a uri. */
	publishedFor(uri: string): readonly PublishDiagnosticsParams[] {
		return this.#published.get(uri) ?? [];
	}

	/** Shut the server down (spawned: also `exit`) and close the connection. */
	async dispose(): Promise<void> {
		try {
			await this.connection.sendRequest(ShutdownRequest.type);
			// `exit` ends the process; in-process it would end the test runner.
			if (this.#child) await this.connection.sendNotification(ExitNotification.type);
		} catch { /* already gone */ }
		this.stop();
	}
}

/** Assert that `after` is `before` with exactly the given edits applied: every byte outside the edited ranges is unchanged. */
export function assertOnlyEdited(before: string, after: string, edits: readonly TextEdit[]): void {
	const doc = TextDocument.create('file:///x', 'markdown', 0, before);
	const spans = edits.map(e => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText }))
		.sort((a, b) => a.start - b.start || a.end - b.end);
	let pos = 0, out = 0;
	for (const s of spans) {
		const kept = before.slice(pos, s.start);
		if (after.slice(out, out + kept.length) !== kept) throw new Error(`text before offset ${s.start} changed`);
		out += kept.length;
		if (after.slice(out, out + s.text.length) !== s.text) throw new Error(`edit at ${s.start} not applied verbatim`);
		out += s.text.length;
		pos = s.end;
	}
	if (after.slice(out) !== before.slice(pos)) throw new Error(`text after offset ${pos} changed`);
}
