import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COVERAGE_REQUEST, type CoverageReport, type PlainRange } from '../../server/src/protocol';

const ICON: Readonly<Record<string, string>> = { present: '✔', partial: '◐', missing: '✖', 'not-applicable': '–' };
const STATUS: Readonly<Record<'de' | 'en', Readonly<Record<string, string>>>> = {
	de: { present: 'vorhanden', partial: 'unvollständig', missing: 'fehlt', 'not-applicable': 'nicht anwendbar', lacking: 'Es fehlt', line: 'Zeile', title: 'Art. 28 DSGVO: Abdeckung' },
	en: { present: 'present', partial: 'incomplete', missing: 'missing', 'not-applicable': 'not applicable', lacking: 'Missing', line: 'line', title: 'Art. 28 GDPR coverage' },
};

function escape(text: string): string {
	return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/** The coverage report as HTML: one row per requirement with status, missing parts and clickable evidence. */
export function coverageHtml(report: CoverageReport, fileName: string, nonce: string, cspSource: string): string {
	const t = STATUS[report.language];
	const rows = report.requirements.map(r => {
		const evidence = r.evidence.slice(0, 5).map((e, i) =>
			`<li><a href="#" data-range="${escape(JSON.stringify(e.range))}" id="ev-${escape(r.id)}-${i}">${t.line} ${e.range.start.line + 1}</a>: ${escape(e.text)}</li>`).join('');
		const missing = r.missing.length ? `<p class="missing">${t.lacking}: ${escape(r.missing.join(', '))}</p>` : '';
		return `<section class="${escape(r.status)}"><h2><span class="icon">${ICON[r.status]}</span> ${escape(r.name)} <small>${escape(r.ref)} · ${t[r.status]}</small></h2>`
			+ `<p class="explain">${escape(r.explain)}</p>${missing}${evidence ? `<ul>${evidence}</ul>` : ''}</section>`;
	}).join('\n');
	return `<!DOCTYPE html><html lang="${report.language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
h1 { font-size: 1.2em; } h2 { font-size: 1em; margin: 1em 0 0.2em; } small { color: var(--vscode-descriptionForeground); font-weight: normal; }
.present .icon { color: var(--vscode-testing-iconPassed); } .partial .icon { color: var(--vscode-editorWarning-foreground); }
.missing .icon, p.missing { color: var(--vscode-editorError-foreground); } .explain { margin: 0.2em 0; color: var(--vscode-descriptionForeground); }
ul { margin: 0.2em 0; padding-left: 1.4em; } a { color: var(--vscode-textLink-foreground); }
</style></head><body>
<h1>${t.title}: ${report.covered}/${report.total} — ${escape(fileName)}</h1>
${rows}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', e => {
	const a = e.target.closest('a[data-range]');
	if (!a) return;
	e.preventDefault();
	vscode.postMessage({ range: JSON.parse(a.dataset.range) });
});
</script></body></html>`;
}

/** "DPA Lint: Show Art. 28 coverage": a webview beside the editor that follows the active draft. */
export class CoveragePanel {
	static #current: CoveragePanel | undefined;
	#uri: vscode.Uri | undefined;
	#timer: NodeJS.Timeout | undefined;

	private constructor(private readonly panel: vscode.WebviewPanel, private readonly client: LanguageClient, subscriptions: vscode.Disposable[]) {
		const listeners = [
			vscode.window.onDidChangeActiveTextEditor(e => { if (e && this.#accepts(e.document)) this.#schedule(e.document.uri); }),
			vscode.languages.onDidChangeDiagnostics(e => { if (this.#uri && e.uris.some(u => u.toString() === this.#uri!.toString())) this.#schedule(this.#uri); }),
			panel.webview.onDidReceiveMessage((m: { range?: PlainRange }) => void this.#reveal(m.range)),
		];
		panel.onDidDispose(() => {
			listeners.forEach(l => l.dispose());
			CoveragePanel.#current = undefined;
		}, undefined, subscriptions);
	}

	/** Open (or reveal) the panel for the active editor's document. */
	static async show(context: vscode.ExtensionContext, client: LanguageClient): Promise<void> {
		const shown = CoveragePanel.#current?.uri?.toString();
		const document = vscode.window.activeTextEditor?.document ?? vscode.workspace.textDocuments.find(d => d.uri.toString() === shown);
		if (!document) {
			void vscode.window.showInformationMessage(vscode.l10n.t('DPA Lint: open a draft first.'));
			return;
		}
		if (!CoveragePanel.#current) {
			const panel = vscode.window.createWebviewPanel('dpaLint.coverage', vscode.l10n.t('Art. 28 coverage'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
			CoveragePanel.#current = new CoveragePanel(panel, client, context.subscriptions);
		}
		CoveragePanel.#current.panel.reveal(undefined, true);
		await CoveragePanel.#current.#render(document.uri);
	}

	/** The document the panel shows. */
	get uri(): vscode.Uri | undefined {
		return this.#uri;
	}

	#accepts(document: vscode.TextDocument): boolean {
		return document.uri.scheme !== 'output' && (document.languageId === 'markdown' || document.languageId === 'plaintext');
	}

	#schedule(uri: vscode.Uri): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.#render(uri), 150);
	}

	async #render(uri: vscode.Uri): Promise<void> {
		const report = await this.client.sendRequest<CoverageReport | null>(COVERAGE_REQUEST, { uri: this.client.code2ProtocolConverter.asUri(uri) }).catch(() => null);
		if (!report) {
			if (!this.#uri) this.panel.webview.html = `<!DOCTYPE html><html><body><p>${escape(vscode.l10n.t('This document is not a DPA draft (front-matter "type: dpa" or a name ending in .dpa.md).'))}</p></body></html>`;
			return;
		}
		this.#uri = uri;
		const name = uri.path.split('/').pop() ?? uri.toString();
		this.panel.title = `Art. 28: ${report.covered}/${report.total} – ${name}`;
		this.panel.webview.html = coverageHtml(report, name, randomBytes(16).toString('hex'), this.panel.webview.cspSource);
	}

	async #reveal(range: PlainRange | undefined): Promise<void> {
		if (!range || !this.#uri) return;
		const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
		const editor = await vscode.window.showTextDocument(this.#uri, { selection, viewColumn: vscode.ViewColumn.One, preserveFocus: false });
		editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
	}
}
