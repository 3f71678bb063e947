import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { LINT_FILES_REQUEST, RENUMBER_COMMAND, type LintFilesResult, type RenumberResult } from '../../server/src/protocol';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/out/**,**/dist/**}';
const BATCH = 20;

/** "DPA Lint: Lint workspace": send every Markdown and text file to the server in batches; it lints the drafts and publishes to the Problems view. */
export async function lintWorkspace(client: LanguageClient): Promise<void> {
	const files = await vscode.workspace.findFiles('**/*.{md,markdown,txt}', EXCLUDE, 10000);
	const totals = { linted: 0, problems: 0 };
	await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('DPA Lint: linting the workspace'), cancellable: true }, async (progress, token) => {
		for (let i = 0; i < files.length && !token.isCancellationRequested; i += BATCH) {
			const batch = files.slice(i, i + BATCH);
			progress.report({ message: vscode.l10n.t('{0} of {1} files', Math.min(i + BATCH, files.length), files.length), increment: (batch.length / files.length) * 100 });
			const result = await client.sendRequest<LintFilesResult>(LINT_FILES_REQUEST, { uris: batch.map(u => client.code2ProtocolConverter.asUri(u)) }, token);
			totals.linted += result.linted.length;
			totals.problems += result.problems;
		}
	});
	void vscode.window.showInformationMessage(vscode.l10n.t('DPA Lint: {0} drafts linted, {1} problems (see the Problems view).', totals.linted, totals.problems));
	if (totals.problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** "DPA Lint: Renumber annexes": the server renumbers the active draft's annexes in order of definition and updates every reference. */
export async function renumberAnnexes(client: LanguageClient): Promise<void> {
	const document = vscode.window.activeTextEditor?.document;
	if (!document) {
		void vscode.window.showInformationMessage(vscode.l10n.t('DPA Lint: open a draft first.'));
		return;
	}
	const result = await client.sendRequest(ExecuteCommandRequest.type, {
		command: RENUMBER_COMMAND, arguments: [client.code2ProtocolConverter.asUri(document.uri)],
	}) as RenumberResult | null;
	if (!result) void vscode.window.showInformationMessage(vscode.l10n.t('DPA Lint: this document is not a DPA draft.'));
	else if (!result.edits) void vscode.window.showInformationMessage(vscode.l10n.t('DPA Lint: the annexes are numbered in order already.'));
}
