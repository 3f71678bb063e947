import {
	CodeActionKind, ResponseError, TextDocuments, TextDocumentSyncKind, type ClientCapabilities, type Connection, type InitializeResult,
	type Range, type ServerCapabilities, type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completionSite, defaultLibrary, newDraft } from './core';
import { Analyzer, type Analysis, type LintFunction, type Workspace } from './analysis';
import { fixAll, quickFixes, wantsFixAll } from './codeActions';
import { completionsAt } from './completion';
import { coverageReport } from './coverage';
import { hoverAt } from './hover';
import { annexFileLines, definitionAt, referencesAt } from './navigation';
import {
	COVERAGE_REQUEST, FIX_ALL_KIND, LINT_FILES_REQUEST, RENUMBER_COMMAND, SELECT_RANGE_COMMAND, TRUST_NOTIFICATION,
	type CoverageParams, type CoverageReport, type LintFilesParams, type LintFilesResult, type RenumberResult, type TrustParams, NEW_DRAFT_REQUEST, type NewDraftParams, type NewDraftResult,
} from './protocol';
import { prepareRenameAt, renameAt, renumberEdit } from './rename';
import { registerReview } from './review';
import { SettingsStore, uriToPath } from './settings';
import { documentSymbols } from './symbols';
import { Validator } from './validation';
import { VersionMap } from './versions';

/** Options for tests: a replacement lint function. */
export interface ServerOptions {
	readonly lint?: LintFunction;
	/** Called when the last scheduled analysis is done and none is pending (the host may compact memory then). */
	readonly idle?: () => void;
}

/** What the client can do, as far as the handlers care. */
interface Capabilities { pull: boolean; documentChanges: boolean; prepareRename: boolean; showDocument: boolean; workspaceFolders: boolean }

/** The server's state; rebuilt on initialize, when the client's capabilities and trust are known. */
interface Context {
	readonly connection: Connection;
	readonly documents: TextDocuments<TextDocument>;
	caps: Capabilities;
	settings: SettingsStore;
	analyzer: Analyzer;
	validator: Validator;
}

function capabilitiesOf(c: ClientCapabilities): Capabilities {
	return {
		pull: !!c.workspace?.configuration,
		documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
		prepareRename: !!c.textDocument?.rename?.prepareSupport,
		showDocument: !!c.window?.showDocument?.support,
		workspaceFolders: !!c.workspace?.workspaceFolders,
	};
}

function serverCapabilities(caps: Capabilities): ServerCapabilities {
	return {
		textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
		codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
		hoverProvider: true,
		definitionProvider: true,
		referencesProvider: true,
		documentSymbolProvider: { label: 'DPA Lint' },
		renameProvider: caps.prepareRename ? { prepareProvider: true } : true,
		completionProvider: { triggerCharacters: [' '], resolveProvider: false },
		executeCommandProvider: { commands: [SELECT_RANGE_COMMAND, RENUMBER_COMMAND] },
		...(caps.workspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
	};
}

/** Wrap a handler: an exception is logged and answered with `fallback`, never a dead server (request errors pass). */
function guarded<P, R>(ctx: Context, name: string, fallback: R, fn: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
	return async params => {
		try {
			return await fn(params);
		} catch (e) {
			if (e instanceof ResponseError) throw e;
			ctx.connection.console.error(`dpa-lint: ${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
			return fallback;
		}
	};
}

/** The analysis of the open document at a position, with the offset; undefined when it is not open or not a draft. */
async function at(ctx: Context, p: TextDocumentPositionParams): Promise<{ analysis: Analysis; offset: number } | undefined> {
	const document = ctx.documents.get(p.textDocument.uri);
	const analysis = document && await ctx.analyzer.analyse(document);
	return analysis && { analysis, offset: analysis.document.offsetAt(p.position) };
}

/**
 * Answer a request at a position (hover, go to definition) without waiting for an analysis: from the current version's
 * analysis when it is there; else from the last analysed version's, when no line was added or removed since and the
 * position and every range of this document in the answer lie in text unchanged since (the ranges mapped to the
 * current version); else from the current version's, analysed now. What the answer says of the draft may then be one
 * edit old (typing inside a line).
 */
async function answerAt<R>(ctx: Context, p: TextDocumentPositionParams, answer: (analysis: Analysis, offset: number) => R | null, ranges: (r: R) => { range: Range }[]): Promise<R | null> {
	const document = ctx.documents.get(p.textDocument.uri);
	if (!document) return null;
	const offset = document.offsetAt(p.position);
	const earlier = ctx.analyzer.earlier(document);
	// Answers name lines ("found in line 52"): only while no line was added or removed do they hold as they are.
	if (earlier && earlier.document.lineCount === document.lineCount) {
		const map = new VersionMap(earlier.document, document);
		const at = map.toEarlier(offset);
		const r = at === undefined ? undefined : answer(earlier, at);
		if (r === null) return null;
		if (r !== undefined) {
			const mapped = ranges(r).map(holder => ({ holder, range: map.toCurrent(holder.range) }));
			if (mapped.every(m => m.range)) {
				for (const m of mapped) m.holder.range = m.range!;
				return r;
			}
		}
	}
	const a = await at(ctx, p);
	return a ? answer(a.analysis, a.offset) : null;
}

/** The analysis of an open document by uri. */
async function analysisOf(ctx: Context, uri: string): Promise<Analysis | undefined> {
	const document = ctx.documents.get(uri);
	return document && ctx.analyzer.analyse(document);
}

function registerSync(ctx: Context): void {
	const { connection, documents } = ctx;
	connection.onDidChangeConfiguration(guarded(ctx, 'configuration', undefined, params => {
		ctx.settings.settingsChanged((params.settings as { dpaLint?: unknown } | undefined)?.dpaLint);
		ctx.validator.revalidateAll();
	}));
	connection.onDidChangeWatchedFiles(guarded(ctx, 'watched files', undefined, () => {
		ctx.settings.configChanged();
		ctx.validator.revalidateAll();
	}));
	connection.onNotification(TRUST_NOTIFICATION, guarded(ctx, 'trust', undefined, (params: TrustParams) => {
		ctx.settings.setTrusted(params.trusted !== false);
		ctx.validator.revalidateAll();
	}));
	documents.onDidOpen(e => ctx.validator.schedule(e.document, 'open'));
	documents.onDidChangeContent(e => ctx.validator.schedule(e.document, 'change'));
	documents.onDidSave(e => ctx.validator.schedule(e.document, 'save'));
	documents.onDidClose(e => {
		ctx.validator.closed(e.document.uri);
		ctx.settings.forget(e.document.uri);
	});
}

function registerLanguageFeatures(ctx: Context): void {
	const { connection, documents } = ctx;
	connection.onCodeAction(guarded(ctx, 'code actions', [], async params => {
		const document = documents.get(params.textDocument.uri);
		if (!document) return [];
		const actions = quickFixes(document, params, ctx.caps.documentChanges);
		const analysis = wantsFixAll(params) ? await ctx.analyzer.analyse(document) : undefined;
		if (!analysis) return actions;
		const title = analysis.lang === 'de' ? 'Alle mechanischen DPA-Lint-Korrekturen anwenden' : 'Apply all mechanical DPA Lint fixes';
		return [...actions, ...fixAll(analysis, ctx.caps.documentChanges, title)];
	}));
	connection.onHover(guarded(ctx, 'hover', null, params => answerAt(ctx, params,
		(analysis, offset) => hoverAt(analysis, offset, annex => annexFileLines(analysis, annex)),
		hover => (hover.range ? [hover as { range: Range }] : []))));
	connection.onDefinition(guarded(ctx, 'definition', null, params => answerAt(ctx, params, definitionAt,
		location => (location.uri === params.textDocument.uri ? [location] : []))));
	connection.onReferences(guarded(ctx, 'references', [], async params => {
		const a = await at(ctx, params);
		return a ? referencesAt(a.analysis, a.offset, params.context.includeDeclaration) : [];
	}));
	connection.onDocumentSymbol(guarded(ctx, 'document symbols', [], async params => {
		const analysis = await analysisOf(ctx, params.textDocument.uri);
		return analysis ? documentSymbols(analysis) : [];
	}));
	connection.onPrepareRename(guarded(ctx, 'prepare rename', null, async params => {
		const a = await at(ctx, params);
		return a ? prepareRenameAt(a.analysis, a.offset) : null;
	}));
	connection.onRenameRequest(guarded(ctx, 'rename', null, async params => {
		const a = await at(ctx, params);
		return a ? renameAt(a.analysis, a.offset, params.newName, ctx.caps.documentChanges) : null;
	}));
	connection.onCompletion(guarded(ctx, 'completion', [], async params => {
		const document = documents.get(params.textDocument.uri);
		if (!document) return [];
		// Most keystrokes (a space) have nothing to complete: analyse only when there is a completion site.
		const offset = document.offsetAt(params.position);
		if (!completionSite(document.getText(), offset)) return [];
		// The defined annexes and the language, from the last analysis when this version is not analysed yet.
		return completionsAt(document, ctx.analyzer.earlier(document) ?? await ctx.analyzer.analyse(document), offset);
	}));
}

async function renumber(ctx: Context, uri: string): Promise<RenumberResult | null> {
	const analysis = await analysisOf(ctx, uri);
	if (!analysis) return null;
	const edit = renumberEdit(analysis, ctx.caps.documentChanges);
	if (!edit) return { applied: false, edits: 0 };
	const result = await ctx.connection.workspace.applyEdit({ label: analysis.lang === 'de' ? 'Anlagen neu nummerieren' : 'Renumber annexes', edit });
	const count = edit.documentChanges ? (edit.documentChanges[0] as { edits: unknown[] }).edits.length : Object.values(edit.changes ?? {})[0].length;
	return { applied: result.applied, edits: count };
}

function registerCustom(ctx: Context): void {
	const { connection } = ctx;
	connection.onRequest(COVERAGE_REQUEST, guarded(ctx, 'coverage', null, async (params: CoverageParams): Promise<CoverageReport | null> => {
		const analysis = await analysisOf(ctx, params.uri);
		return analysis ? coverageReport(analysis) : null;
	}));
	connection.onRequest(LINT_FILES_REQUEST, guarded(ctx, 'lint files', { linted: [], skipped: [], problems: 0 }, async (params: LintFilesParams): Promise<LintFilesResult> => {
		const linted: string[] = [], skipped: string[] = [];
		let problems = 0;
		for (const uri of params.uris) {
			const n = await ctx.validator.lintFile(uri);
			if (n === undefined) skipped.push(uri);
			else { linted.push(uri); problems += n; }
		}
		return { linted, skipped, problems };
	}));
	connection.onRequest(NEW_DRAFT_REQUEST, guarded(ctx, 'new draft', null, async (params: NewDraftParams): Promise<NewDraftResult | null> => {
		const lib = defaultLibrary();
		return lib ? { text: newDraft(lib, { lang: params.language, authorisation: params.authorisation, controller: params.controller, processor: params.processor }) } : null;
	}));
	connection.onExecuteCommand(guarded(ctx, 'command', null, async params => {
		const [uri, range] = (params.arguments ?? []) as [string | undefined, Range | undefined];
		if (!uri) return null;
		if (params.command === SELECT_RANGE_COMMAND && range && ctx.caps.showDocument) {
			await connection.window.showDocument({ uri, selection: range, takeFocus: true });
			return null;
		}
		return params.command === RENUMBER_COMMAND ? renumber(ctx, uri) : null;
	}));
}

/** Wire the DPA Lint language server to a connection and start listening: capabilities and handlers, no logic. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
	const documents = new TextDocuments(TextDocument);
	const workspace: Workspace = { folders: [] };
	const create = (caps: Capabilities, trusted: boolean): Context => {
		const settings = new SettingsStore(connection, caps.pull, trusted);
		const analyzer = new Analyzer(settings, connection.console, workspace, options.lint);
		return { connection, documents, caps, settings, analyzer, validator: new Validator(connection, documents, analyzer, settings, workspace, options.idle) };
	};
	const ctx = create({ pull: false, documentChanges: false, prepareRename: false, showDocument: false, workspaceFolders: false }, true);
	connection.onInitialize((params): InitializeResult => {
		const init = (params.initializationOptions ?? {}) as { trusted?: unknown };
		// Annex files stay inside these folders; without any, inside the draft's own folder.
		const roots = params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
		workspace.folders = roots.flatMap(uri => uriToPath(uri) ?? []);
		Object.assign(ctx, create(capabilitiesOf(params.capabilities), init.trusted !== false));
		return { capabilities: serverCapabilities(ctx.caps), serverInfo: { name: 'dpa-lint' } };
	});
	connection.onInitialized(() => {
		if (!ctx.caps.workspaceFolders) return;
		connection.workspace.onDidChangeWorkspaceFolders(guarded(ctx, 'workspace folders', undefined, e => {
			const removed = new Set(e.removed.flatMap(f => uriToPath(f.uri) ?? []));
			workspace.folders = [...workspace.folders.filter(f => !removed.has(f)), ...e.added.flatMap(f => uriToPath(f.uri) ?? [])];
			ctx.validator.revalidateAll();
		}));
	});
	registerSync(ctx);
	registerLanguageFeatures(ctx);
	registerCustom(ctx);
	registerReview(connection, uri => analysisOf(ctx, uri));
	documents.listen(connection);
	connection.listen();
}
