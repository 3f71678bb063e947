import {
	CodeActionKind, ResponseError, TextDocuments, TextDocumentSyncKind, type ClientCapabilities, type Connection, type InitializeResult,
	type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, type Analysis, type LintFunction } from './analysis';
import { fixAll, quickFixes, wantsFixAll } from './codeActions';
import { completionsAt } from './completion';
import { coverageReport } from './coverage';
import { hoverAt } from './hover';
import { annexFileLines, definitionAt, referencesAt } from './navigation';
import {
	COVERAGE_REQUEST, FIX_ALL_KIND, LINT_FILES_REQUEST, RENUMBER_COMMAND, SELECT_RANGE_COMMAND, TRUST_NOTIFICATION,
	type CoverageParams, type CoverageReport, type LintFilesParams, type LintFilesResult, type RenumberResult, type TrustParams,
} from './protocol';
import { prepareRenameAt, renameAt, renumberEdit } from './rename';
import { SettingsStore } from './settings';
import { documentSymbols } from './symbols';
import { Validator } from './validation';

/** Options for tests: a replacement lint function. */
export interface ServerOptions { readonly lint?: LintFunction }

/** What the client can do, as far as the handlers care. */
interface Capabilities { pull: boolean; documentChanges: boolean; prepareRename: boolean; showDocument: boolean }

function capabilitiesOf(c: ClientCapabilities): Capabilities {
	return {
		pull: !!c.workspace?.configuration,
		documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
		prepareRename: !!c.textDocument?.rename?.prepareSupport,
		showDocument: !!c.window?.showDocument?.support,
	};
}

/** Wire the DPA Lint language server to a connection and start listening: capabilities and handlers, no logic. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
	const documents = new TextDocuments(TextDocument);
	let caps: Capabilities = { pull: false, documentChanges: false, prepareRename: false, showDocument: false };
	let settings = new SettingsStore(connection, false, true);
	let analyzer = new Analyzer(settings, connection.console, options.lint);
	let validator = new Validator(connection, documents, analyzer, settings);

	/** Run a handler; an exception is logged and answered with `fallback`, never a dead server. */
	const guard = <P, R>(name: string, fallback: R, fn: (params: P) => R | Promise<R>) => async (params: P): Promise<R> => {
		try {
			return await fn(params);
		} catch (e) {
			if (e instanceof ResponseError) throw e;
			connection.console.error(`dpa-lint: ${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
			return fallback;
		}
	};
	/** The analysis of an open document at a position, with the offset. */
	const at = async (p: TextDocumentPositionParams): Promise<{ analysis: Analysis; offset: number } | undefined> => {
		const document = documents.get(p.textDocument.uri);
		const analysis = document && await analyzer.analyse(document);
		return analysis && { analysis, offset: analysis.document.offsetAt(p.position) };
	};

	connection.onInitialize((params): InitializeResult => {
		caps = capabilitiesOf(params.capabilities);
		const init = (params.initializationOptions ?? {}) as { trusted?: unknown };
		settings = new SettingsStore(connection, caps.pull, init.trusted !== false);
		analyzer = new Analyzer(settings, connection.console, options.lint);
		validator = new Validator(connection, documents, analyzer, settings);
		return {
			capabilities: {
				textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
				hoverProvider: true,
				definitionProvider: true,
				referencesProvider: true,
				documentSymbolProvider: { label: 'DPA Lint' },
				renameProvider: caps.prepareRename ? { prepareProvider: true } : true,
				completionProvider: { triggerCharacters: [' '], resolveProvider: false },
				executeCommandProvider: { commands: [SELECT_RANGE_COMMAND, RENUMBER_COMMAND] },
			},
			serverInfo: { name: 'dpa-lint' },
		};
	});

	connection.onDidChangeConfiguration(guard('configuration', undefined, params => {
		settings.settingsChanged((params.settings as { dpaLint?: unknown } | undefined)?.dpaLint);
		validator.revalidateAll();
	}));
	connection.onDidChangeWatchedFiles(guard('watched files', undefined, () => {
		settings.configChanged();
		validator.revalidateAll();
	}));
	connection.onNotification(TRUST_NOTIFICATION, guard('trust', undefined, (params: TrustParams) => {
		settings.setTrusted(params.trusted !== false);
		validator.revalidateAll();
	}));

	documents.onDidOpen(e => validator.schedule(e.document, 'open'));
	documents.onDidChangeContent(e => validator.schedule(e.document, 'change'));
	documents.onDidSave(e => validator.schedule(e.document, 'save'));
	documents.onDidClose(e => validator.closed(e.document.uri));

	connection.onCodeAction(guard('code actions', [], async params => {
		const document = documents.get(params.textDocument.uri);
		if (!document) return [];
		const actions = quickFixes(document, params, caps.documentChanges);
		const analysis = wantsFixAll(params) ? await analyzer.analyse(document) : undefined;
		const title = analysis?.lang === 'de' ? 'Alle mechanischen DPA-Lint-Korrekturen anwenden' : 'Apply all mechanical DPA Lint fixes';
		return analysis ? [...actions, ...fixAll(analysis, caps.documentChanges, title)] : actions;
	}));
	connection.onHover(guard('hover', null, async params => {
		const a = await at(params);
		return a ? hoverAt(a.analysis, a.offset, annex => annexFileLines(a.analysis.document.uri, annex)) : null;
	}));
	connection.onDefinition(guard('definition', null, async params => {
		const a = await at(params);
		return a ? definitionAt(a.analysis, a.offset) : null;
	}));
	connection.onReferences(guard('references', [], async params => {
		const a = await at(params);
		return a ? referencesAt(a.analysis, a.offset, params.context.includeDeclaration) : [];
	}));
	connection.onDocumentSymbol(guard('document symbols', [], async params => {
		const document = documents.get(params.textDocument.uri);
		const analysis = document && await analyzer.analyse(document);
		return analysis ? documentSymbols(analysis) : [];
	}));
	connection.onPrepareRename(guard('prepare rename', null, async params => {
		const a = await at(params);
		return a ? prepareRenameAt(a.analysis, a.offset) : null;
	}));
	connection.onRenameRequest(guard('rename', null, async params => {
		const a = await at(params);
		return a ? renameAt(a.analysis, a.offset, params.newName, caps.documentChanges) : null;
	}));
	connection.onCompletion(guard('completion', [], async params => {
		const document = documents.get(params.textDocument.uri);
		if (!document) return [];
		return completionsAt(document, await analyzer.analyse(document), document.offsetAt(params.position));
	}));

	connection.onRequest(COVERAGE_REQUEST, guard('coverage', null, async (params: CoverageParams): Promise<CoverageReport | null> => {
		const document = documents.get(params.uri);
		const analysis = document && await analyzer.analyse(document);
		return analysis ? coverageReport(analysis) : null;
	}));
	connection.onRequest(LINT_FILES_REQUEST, guard('lint files', { linted: [], skipped: [], problems: 0 }, async (params: LintFilesParams): Promise<LintFilesResult> => {
		const linted: string[] = [], skipped: string[] = [];
		let problems = 0;
		for (const uri of params.uris) {
			const n = await validator.lintFile(uri);
			if (n === undefined) skipped.push(uri);
			else { linted.push(uri); problems += n; }
		}
		return { linted, skipped, problems };
	}));
	connection.onExecuteCommand(guard('command', null, async params => {
		const [uri, arg] = (params.arguments ?? []) as [string | undefined, unknown];
		if (params.command === SELECT_RANGE_COMMAND && uri && arg && caps.showDocument) {
			await connection.window.showDocument({ uri, selection: arg as { start: { line: number; character: number }; end: { line: number; character: number } }, takeFocus: true });
			return null;
		}
		if (params.command !== RENUMBER_COMMAND || !uri) return null;
		const document = documents.get(uri);
		const analysis = document && await analyzer.analyse(document);
		const edit = analysis && renumberEdit(analysis, caps.documentChanges);
		if (!edit) return { applied: false, edits: 0 } satisfies RenumberResult;
		const result = await connection.workspace.applyEdit({ label: 'Renumber annexes', edit });
		const count = edit.documentChanges ? (edit.documentChanges[0] as { edits: unknown[] }).edits.length : Object.values(edit.changes ?? {})[0].length;
		return { applied: result.applied, edits: count } satisfies RenumberResult;
	}));

	documents.listen(connection);
	connection.listen();
}
