import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ENGINE_NODE_ARGS } from '../../server/src/engine';
import { TRUST_NOTIFICATION } from '../../server/src/protocol';
import { lintWorkspace, renumberAnnexes, newDraft } from './commands';
import { CoveragePanel } from './coverageView';
import { exportReport, offerReview, reviewDocument } from './review';
import { CoverageStatus } from './statusBar';

let client: LanguageClient | undefined;

/** Start the DPA Lint language server (dist/server.js over IPC) and register the commands, the status bar item and the coverage view. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
	const module = context.asAbsolutePath('dist/server.js');
	const serverOptions: ServerOptions = {
		// V8's settings for the server go on its command line (server/src/engine.ts).
		run: { module, transport: TransportKind.ipc, options: { execArgv: [...ENGINE_NODE_ARGS] } },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: [...ENGINE_NODE_ARGS, '--nolazy', '--inspect=6011'] } },
	};
	const clientOptions: LanguageClientOptions = {
		documentSelector: [
			{ scheme: 'file', language: 'markdown' },
			{ scheme: 'untitled', language: 'markdown' },
			{ scheme: 'file', language: 'plaintext' },
		],
		synchronize: {
			configurationSection: 'dpaLint',
			fileEvents: vscode.workspace.createFileSystemWatcher('**/.dpa-lint.{yaml,yml}'),
		},
		// In Restricted Mode the server reads no workspace-supplied .dpa-lint.yaml.
		initializationOptions: { trusted: vscode.workspace.isTrusted },
	};
	const lc = new LanguageClient('dpaLint', 'DPA Lint', serverOptions, clientOptions);
	client = lc;
	const status = new CoverageStatus(lc);
	context.subscriptions.push(
		status,
		vscode.commands.registerCommand('dpaLint.showCoverage', () => CoveragePanel.show(context, lc)),
		vscode.commands.registerCommand('dpaLint.lintWorkspace', () => lintWorkspace(lc)),
		vscode.commands.registerCommand('dpaLint.renumberAnnexes', () => renumberAnnexes(lc)),
		vscode.commands.registerCommand('dpaLint.newDraft', () => newDraft(lc)),
		vscode.commands.registerCommand('dpaLint.reviewDocument', (uri?: unknown) => reviewDocument(lc, uri)),
		vscode.commands.registerCommand('dpaLint.exportReport', () => exportReport(lc)),
		offerReview(lc),
		vscode.workspace.onDidGrantWorkspaceTrust(() => void lc.sendNotification(TRUST_NOTIFICATION, { trusted: true })),
	);
	await lc.start();
	status.refresh();
}

/** Stop the language server. */
export function deactivate(): Promise<void> | undefined {
	return client?.stop();
}
