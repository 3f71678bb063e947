import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { LINT_FILES_REQUEST, NEW_DRAFT_REQUEST, RENUMBER_COMMAND, type LintFilesResult, type NewDraftParams, type NewDraftResult, type RenumberResult } from '../../server/src/protocol';

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

/** "DPA Lint: New DPA from template": ask for language, authorisation model and parties; open the complete draft in a new editor. */
export async function newDraft(client: LanguageClient): Promise<void> {
	const language = await vscode.window.showQuickPick([
		{ label: 'Deutsch', description: 'Vertrag über die Auftragsverarbeitung', value: 'de' as const },
		{ label: 'English', description: 'Data Processing Agreement', value: 'en' as const },
	], { title: vscode.l10n.t('DPA Lint: New DPA from template'), placeHolder: vscode.l10n.t('Language of the draft') });
	if (!language) return;
	const authorisation = await vscode.window.showQuickPick([
		{ label: vscode.l10n.t('General written authorisation'), description: vscode.l10n.t('list of sub-processors, notice of changes, right to object'), value: 'general' as const },
		{ label: vscode.l10n.t('Specific written authorisation'), description: vscode.l10n.t('each sub-processor approved in advance'), value: 'specific' as const },
	], { title: vscode.l10n.t('DPA Lint: New DPA from template'), placeHolder: vscode.l10n.t('Sub-processors (Art. 28(2) GDPR)') });
	if (!authorisation) return;
	const controller = await vscode.window.showInputBox({ title: vscode.l10n.t('DPA Lint: New DPA from template'), prompt: vscode.l10n.t('Controller (name and address; leave empty for a placeholder)') });
	if (controller === undefined) return;
	const processor = await vscode.window.showInputBox({ title: vscode.l10n.t('DPA Lint: New DPA from template'), prompt: vscode.l10n.t('Processor (name and address; leave empty for a placeholder)') });
	if (processor === undefined) return;
	const params: NewDraftParams = { language: language.value, authorisation: authorisation.value, controller: controller.trim() || undefined, processor: processor.trim() || undefined };
	const result = await client.sendRequest<NewDraftResult | null>(NEW_DRAFT_REQUEST, params);
	if (!result) return;
	const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.text });
	await vscode.window.showTextDocument(document);
}
