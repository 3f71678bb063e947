import { performance } from 'node:perf_hooks';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer, Workspace } from './analysis';
import { confinedFile, confinementRoot } from './annexFiles';
import { toDiagnostic } from './convert';
import { readDraft } from './drafts';
import { languageOf } from './scope';
import { uriToPath, type SettingsStore } from './settings';

/** Debounce between the last keystroke and publishing its diagnostics. */
export const DEBOUNCE_MS = 200;
/**
 * The analysis of a change starts this much earlier than the debounce ends, times what the draft's last analysis took,
 * so that its diagnostics are ready when the debounce ends, for a long draft as for a short one; the lead is at most
 * half the debounce, so that typing with short pauses does not analyse every keystroke.
 */
const LEAD_FACTOR = 1.5;

/** Why a document is linted; typing ("change") is skipped in run-on-save mode. */
export type Trigger = 'open' | 'change' | 'save' | 'config';

/** Push diagnostics: debounced for open documents, on request for files on disk (workspace lint). */
export class Validator {
	#timers = new Map<string, NodeJS.Timeout>();
	#pending = new Map<string, Trigger>();
	/** Files linted from disk by "Lint workspace": their diagnostics stay when the editor closes them. */
	#fromDisk = new Set<string>();
	/** Milliseconds the last analysis of each open document took: how early the next one starts. */
	#cost = new Map<string, number>();

	constructor(
		private readonly connection: Connection, private readonly documents: TextDocuments<TextDocument>,
		private readonly analyzer: Analyzer, private readonly settings: SettingsStore, private readonly workspace: Workspace,
		private readonly idle?: () => void,
	) {}

	/**
	 * Lint a document and publish its diagnostics when the debounce delay has passed; `trigger` says why (typing is
	 * skipped in run-on-save mode). A change is analysed a little before the delay ends (see {@link LEAD_FACTOR}).
	 */
	schedule(document: TextDocument, trigger: Trigger, delay = DEBOUNCE_MS): void {
		const uri = document.uri;
		// Opening also reports a content change: a pending open, save or config run is not downgraded to "change".
		const pending = this.#pending.get(uri);
		const effective = trigger === 'change' && pending && pending !== 'change' ? pending : trigger;
		clearTimeout(this.#timers.get(uri));
		this.#pending.set(uri, effective);
		const wait = effective === 'change' ? delay : 0;
		const lead = Math.min(wait / 2, LEAD_FACTOR * (this.#cost.get(uri) ?? 0));
		const publishAt = performance.now() + wait;
		this.#timers.set(uri, setTimeout(() => {
			this.#timers.delete(uri);
			this.#pending.delete(uri);
			void this.#run(uri, effective, publishAt);
		}, wait - lead));
	}

	async #run(uri: string, trigger: Trigger, publishAt: number): Promise<void> {
		const document = this.documents.get(uri);
		if (!document) return;
		const settings = await this.settings.get(uri);
		if (trigger === 'change' && settings.run === 'onSave') return;
		await this.validate(document, publishAt);
		if (!this.#timers.size) this.idle?.();
	}

	/**
	 * Lint an open document now and publish, not before `publishAt` (performance.now()); an empty list when it is out of
	 * scope or the core failed.
	 */
	async validate(document: TextDocument, publishAt = 0): Promise<number> {
		const version = document.version;
		const analysis = await this.analyzer.analyse(document);
		if (analysis) this.#cost.set(document.uri, analysis.ms);
		const early = publishAt - performance.now();
		if (early > 0) await new Promise(resolve => setTimeout(resolve, early));
		const current = this.documents.get(document.uri);
		if (!current || current.version !== version) return 0; // a newer version is scheduled
		const diagnostics = analysis ? analysis.result.findings.map(f => toDiagnostic(document, f)) : [];
		await this.connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
		return diagnostics.length;
	}

	/** Lint every open document again (settings, configuration or trust changed). */
	revalidateAll(): void {
		for (const d of this.documents.all()) this.schedule(d, 'config');
	}

	/** A document was closed: clear its diagnostics, or re-publish those of the file on disk after a workspace lint. */
	closed(uri: string): void {
		clearTimeout(this.#timers.get(uri));
		this.#timers.delete(uri);
		this.#pending.delete(uri);
		this.#cost.delete(uri);
		this.analyzer.forget(uri);
		if (this.#fromDisk.has(uri)) void this.lintFile(uri);
		else void this.connection.sendDiagnostics({ uri, diagnostics: [] });
	}

	/** Lint one file (the open document, else the file on disk) and publish; the number of problems, or undefined when skipped. */
	async lintFile(uri: string): Promise<number | undefined> {
		const open = this.documents.get(uri);
		if (open) {
			this.#fromDisk.add(uri);
			return (await this.analyzer.analyse(open)) ? this.validate(open) : undefined;
		}
		const file = uriToPath(uri);
		// Only regular files inside the workspace (after symlinks): never a device, a FIFO or a file elsewhere.
		const real = file && confinedFile(file, confinementRoot(file, this.workspace.folders)).path;
		if (!file || !real) return undefined;
		let text: string;
		try { text = readDraft(real); } catch { return undefined; }
		const document = TextDocument.create(uri, languageOf(file), 0, text);
		const analysis = this.analyzer.analyseNow(document, await this.settings.get(uri));
		if (!analysis) return undefined;
		this.#fromDisk.add(uri);
		const diagnostics = analysis.result.findings.map(f => toDiagnostic(document, f));
		await this.connection.sendDiagnostics({ uri, diagnostics });
		return diagnostics.length;
	}
}
