import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COVERAGE_REQUEST, type CoverageReport } from '../../server/src/protocol';

/** The active draft's coverage as a status bar item ("Art. 28: 19/21"); hidden for other editors. */
export class CoverageStatus implements vscode.Disposable {
	readonly #item = vscode.window.createStatusBarItem('dpaLint.coverage', vscode.StatusBarAlignment.Left, 50);
	readonly #subscriptions: vscode.Disposable[];
	#timer: NodeJS.Timeout | undefined;

	constructor(private readonly client: LanguageClient) {
		this.#item.name = 'DPA Lint: Art. 28';
		this.#item.command = 'dpaLint.showCoverage';
		this.#subscriptions = [
			vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
			// Diagnostics arrive after every lint, so the coverage has changed too.
			vscode.languages.onDidChangeDiagnostics(e => {
				const active = vscode.window.activeTextEditor?.document.uri.toString();
				if (active && e.uris.some(u => u.toString() === active)) this.refresh();
			}),
		];
	}

	/** Ask the server for the active document's coverage (debounced). */
	refresh(): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.#update(), 100);
	}

	async #update(): Promise<void> {
		const document = vscode.window.activeTextEditor?.document;
		if (!document || !this.client.isRunning()) { this.#item.hide(); return; }
		let report: CoverageReport | null = null;
		try {
			report = await this.client.sendRequest<CoverageReport | null>(COVERAGE_REQUEST, { uri: this.client.code2ProtocolConverter.asUri(document.uri) });
		} catch { /* the server logs its errors; no item then */ }
		if (!report || vscode.window.activeTextEditor?.document !== document) { if (!report) this.#item.hide(); return; }
		this.#item.text = `$(law) Art. 28: ${report.covered}/${report.total}`;
		this.#item.tooltip = vscode.l10n.t('{0} of {1} Art. 28 requirements covered, {2} incomplete, {3} missing. Click for details.', report.covered, report.total, report.partial, report.missing);
		this.#item.backgroundColor = report.missing ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
		this.#item.show();
	}

	dispose(): void {
		clearTimeout(this.#timer);
		this.#item.dispose();
		this.#subscriptions.forEach(s => s.dispose());
	}
}
