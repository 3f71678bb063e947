import type { RemoteConsole } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { confinementRoot, resolveAnnexFile, type AnnexFileResolution } from './annexFiles';
import { lint, type Lang, type LintResult } from './core';
import { inScope } from './scope';
import { uriFileName, uriToPath, type Settings, type SettingsStore } from './settings';

/** The workspace folders (file-system paths) annex files must stay in; updated when the client's folders change. */
export interface Workspace { folders: readonly string[] }

/** The lint result of one document version, with the settings and message language it was made with. */
export interface Analysis {
	readonly document: TextDocument;
	readonly result: LintResult;
	/** Language of messages, hovers and coverage names. */
	readonly lang: Lang;
	readonly settings: Settings;
	/** Resolves an annex file named in the front-matter, confined to the workspace; undefined for documents not on disk. */
	readonly annexFile?: (file: string) => AnnexFileResolution;
}

/** The lint function; injectable so tests can make the core fail. */
export type LintFunction = typeof lint;

/** Lints documents that are in scope and keeps the last result per document version. */
export class Analyzer {
	#cache = new Map<string, { version: number; generation: number; analysis?: Analysis }>();

	constructor(
		private readonly settings: SettingsStore, private readonly console: RemoteConsole, private readonly workspace: Workspace,
		private readonly lintFn: LintFunction = lint,
	) {}

	/** The analysis of a document's current version; undefined when it is not a draft, disabled, or the core failed. */
	async analyse(document: TextDocument): Promise<Analysis | undefined> {
		const cached = this.#cache.get(document.uri);
		if (cached && cached.version === document.version && cached.generation === this.settings.generation) return cached.analysis;
		const generation = this.settings.generation;
		const settings = await this.settings.get(document.uri);
		const analysis = this.analyseNow(document, settings);
		if (generation === this.settings.generation) this.#cache.set(document.uri, { version: document.version, generation, analysis });
		return analysis;
	}

	/** Lint synchronously with given settings (also for files read from disk). */
	analyseNow(document: TextDocument, settings: Settings): Analysis | undefined {
		const text = document.getText();
		if (!inScope(uriFileName(document.uri), document.languageId, text, settings)) return undefined;
		try {
			const draft = uriToPath(document.uri);
			const annexFile = draft ? (file: string) => resolveAnnexFile(draft, file, confinementRoot(draft, this.workspace.folders)) : undefined;
			const options = { ...this.settings.lintOptions(document.uri, settings), annexFile: annexFile && ((file: string) => annexFile(file).problem) };
			const result = this.lintFn(text, document.uri, options);
			return { document, result, settings, lang: result.lang, annexFile };
		} catch (e) {
			this.console.error(`dpa-lint: analysing ${document.uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
			return undefined;
		}
	}

	/** Drop the cached result of a closed document. */
	forget(uri: string): void {
		this.#cache.delete(uri);
	}
}
