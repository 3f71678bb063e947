import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CONVERT_REQUEST, REPORT_REQUEST, type ConvertParams, type ConvertResult, type ReportParams, type ReportResult } from '../../server/src/reviewProtocol';

const CONVERTIBLE = /\.(docx|pdf)$/i;

/** The Word or PDF file to review: the explorer's selection, else the active tab's file, else one the user picks. */
async function target(arg: unknown): Promise<vscode.Uri | undefined> {
	if (arg instanceof vscode.Uri && CONVERTIBLE.test(arg.path)) return arg;
	const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: unknown } | undefined;
	if (input?.uri instanceof vscode.Uri && CONVERTIBLE.test(input.uri.path)) return input.uri;
	const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Word and PDF drafts')]: ['docx', 'pdf'] }, title: vscode.l10n.t('Review with DPA Lint') });
	return picked?.[0];
}

/**
 * "Review with DPA Lint" on a .docx or .pdf: the server converts it; the Markdown is written beside it as
 * NAME.docx.md (NAME.pdf.md) and opened read-only, with every diagnostic, hover, the coverage view and navigation.
 */
export async function reviewDocument(client: LanguageClient, arg?: unknown): Promise<vscode.Uri | undefined> {
	const uri = await target(arg);
	if (!uri) return undefined;
	let result: ConvertResult;
	try {
		const params: ConvertParams = { uri: client.code2ProtocolConverter.asUri(uri), lang: vscode.env.language.startsWith('de') ? 'de' : 'en' };
		result = await client.sendRequest<ConvertResult>(CONVERT_REQUEST, params);
	} catch (e) {
		void vscode.window.showErrorMessage(vscode.l10n.t('DPA Lint: {0}', (e as Error).message));
		return undefined;
	}
	const view = uri.with({ path: `${uri.path}.md` });
	await vscode.workspace.fs.writeFile(view, Buffer.from(result.text, 'utf8'));
	const editor = await vscode.window.showTextDocument(view, { preview: false });
	await vscode.languages.setTextDocumentLanguage(editor.document, 'markdown');
	// The view stands for the original: read-only, so that no edit is mistaken for a change of the Word or PDF file.
	await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
	void vscode.window.setStatusBarMessage(vscode.l10n.t('DPA Lint: {0}', result.note), 10000);
	return view;
}

/** "DPA Lint: Export review report": the HTML report of the active draft, written beside it as NAME.review.html. */
export async function exportReport(client: LanguageClient): Promise<vscode.Uri | undefined> {
	const document = vscode.window.activeTextEditor?.document;
	if (!document) {
		void vscode.window.showInformationMessage(vscode.l10n.t('DPA Lint: open a draft first.'));
		return undefined;
	}
	const params: ReportParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
	const result = await client.sendRequest<ReportResult | null>(REPORT_REQUEST, params);
	if (!result) {
		void vscode.window.showInformationMessage(vscode.l10n.t('DPA Lint: this document is not a DPA draft.'));
		return undefined;
	}
	let out: vscode.Uri | undefined;
	if (document.uri.scheme === 'file') {
		const base = document.uri.path.replace(/\.(docx|pdf)\.md$/i, '.$1').replace(/\.(dpa\.md|md|markdown|txt)$/i, '');
		out = document.uri.with({ path: `${base}.review.html` });
	} else {
		out = await vscode.window.showSaveDialog({ filters: { HTML: ['html'] }, title: vscode.l10n.t('DPA Lint: Export review report') });
	}
	if (!out) return undefined;
	await vscode.workspace.fs.writeFile(out, Buffer.from(result.html, 'utf8'));
	const open = vscode.l10n.t('Open in browser');
	void vscode.window.showInformationMessage(vscode.l10n.t('DPA Lint: review report written to {0}', vscode.workspace.asRelativePath(out)), open).then(choice => {
		if (choice === open) void vscode.env.openExternal(out!);
	});
	return out;
}

/** Offer the review when a Word or PDF file is opened in a tab (VS Code shows it as a binary file). */
export function offerReview(client: LanguageClient): vscode.Disposable {
	const offered = new Set<string>();
	return vscode.window.tabGroups.onDidChangeTabs(e => {
		for (const tab of e.opened) {
			const uri = (tab.input as { uri?: unknown } | undefined)?.uri;
			if (!(uri instanceof vscode.Uri) || !CONVERTIBLE.test(uri.path) || offered.has(uri.toString())) continue;
			offered.add(uri.toString());
			const review = vscode.l10n.t('Review with DPA Lint');
			void vscode.window.showInformationMessage(vscode.l10n.t('{0} is a Word or PDF draft. DPA Lint can show it as Markdown with all findings.', uri.path.split('/').pop() ?? ''), review)
				.then(choice => { if (choice === review) void reviewDocument(client, uri); });
		}
	});
}
