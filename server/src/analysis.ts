import { performance } from 'node:perf_hooks';
import type { RemoteConsole } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { confinementRoot, resolveAnnexFile, type AnnexFileResolution } from './annexFiles';
import { lint, Session, type Lang, type LintResult } from './core';
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
	/** Milliseconds the lint of this version took (incremental when the draft has a session). */
	readonly ms: number;
}

/** The lint function; injectable so tests can make the core fail. */
export type LintFunction = typeof lint;

/** Sessions kept for incremental analysis: the drafts edited most recently (each holds about one analysis's parts). */
const MAX_SESSIONS = 3;
/**
 * Results kept for hover, navigation and code actions: the drafts used most recently. The client keeps every draft's
 * diagnostics; another draft's result is made again when asked for.
 */
const MAX_RESULTS = 8;
/** A draft with no session yet is first analysed in prefixes, the first this long, yielding between them. */
const SLICE = 32_768;

/**
 * Lints documents that are in scope and keeps the last result per document version. The drafts edited last keep a
 * session, so an edit is re-analysed incrementally; a long draft seen for the first time is analysed in slices (its
 * prefixes, each reusing the last), so that requests are answered in between and a newer version takes over.
 */
export class Analyzer {
	#cache = new Map<string, { version: number; generation: number; analysis?: Analysis; earlier?: Analysis }>();
	#sessions = new Map<string, Session>();
	/** Documents analysed before (their next analysis is worth a session). */
	#seen = new Set<string>();
	#running = new Map<string, { version: number; generation: number; done: Promise<Analysis | undefined> }>();

	constructor(
		private readonly settings: SettingsStore, private readonly console: RemoteConsole, private readonly workspace: Workspace,
		private readonly lintFn: LintFunction = lint,
	) {}

	/** The analysis of a document's current version; undefined when it is not a draft, disabled, or the core failed. */
	async analyse(document: TextDocument): Promise<Analysis | undefined> {
		const cached = this.#cache.get(document.uri);
		if (cached && cached.version === document.version && cached.generation === this.settings.generation) {
			keepRecent(this.#cache, document.uri, cached, MAX_RESULTS);
			return cached.analysis;
		}
		// One analysis per version: a second request for it waits for the first.
		const running = this.#running.get(document.uri);
		if (running && running.version === document.version && running.generation === this.settings.generation) return running.done;
		const version = document.version, generation = this.settings.generation;
		const done = this.#analyse(document, version, generation);
		this.#running.set(document.uri, { version, generation, done });
		try { return await done; } finally {
			if (this.#running.get(document.uri)?.done === done) this.#running.delete(document.uri);
		}
	}

	/**
	 * The analysis of an earlier version of the document, when its current version is not analysed yet (and the
	 * settings are the same): what requests are answered from meanwhile, mapped to the current version.
	 */
	earlier(document: TextDocument): Analysis | undefined {
		const cached = this.#cache.get(document.uri);
		if (!cached?.analysis || cached.version >= document.version || cached.generation !== this.settings.generation) return undefined;
		// The editor's document object is updated in place: the analysed version's text is the one the core read.
		cached.earlier ??= { ...cached.analysis, document: TextDocument.create(document.uri, document.languageId, cached.version, cached.analysis.result.doc.text) };
		return cached.earlier;
	}

	async #analyse(document: TextDocument, version: number, generation: number): Promise<Analysis | undefined> {
		const settings = await this.settings.get(document.uri);
		const text = document.getText();
		// A session pays off from the second version on (or for the slices of a long draft): drafts only opened need none.
		const session = text.length > 2 * SLICE || this.#seen.has(document.uri) ? this.#session(document.uri) : undefined;
		this.#seen.add(document.uri);
		if (session && session.runs === 0 && text.length > 2 * SLICE && inScope(uriFileName(document.uri), document.languageId, text, settings)) {
			const options = { ...this.settings.lintOptions(document.uri, settings), session };
			// Each prefix adds a slice, an eighth of what came before in a very long draft: few slices, each short.
			for (let end = SLICE; end < text.length - SLICE; end += Math.max(SLICE, end >> 3)) {
				const cut = text.indexOf('\n', end);
				if (cut < 0) break;
				try { this.lintFn(text.slice(0, cut + 1), document.uri, options); } catch { break; }
				await new Promise(resolve => setImmediate(resolve));
				// A newer version or other settings supersede this one: analyse that instead (the slices done so far count).
				if (document.version !== version || this.settings.generation !== generation) return this.analyse(document);
			}
		}
		const analysis = this.analyseNow(document, settings, text, session);
		if (generation === this.settings.generation) keepRecent(this.#cache, document.uri, { version, generation, analysis }, MAX_RESULTS);
		return analysis;
	}

	/** The session of a document, made the most recent; the least recently analysed beyond {@link MAX_SESSIONS} are dropped. */
	#session(uri: string): Session {
		return keepRecent(this.#sessions, uri, this.#sessions.get(uri) ?? new Session(), MAX_SESSIONS);
	}

	/** Lint synchronously with given settings (also for files read from disk), incrementally when a session is given. */
	analyseNow(document: TextDocument, settings: Settings, text = document.getText(), session?: Session): Analysis | undefined {
		if (!inScope(uriFileName(document.uri), document.languageId, text, settings)) return undefined;
		try {
			const draft = uriToPath(document.uri);
			const annexFile = draft ? (file: string) => resolveAnnexFile(draft, file, confinementRoot(draft, this.workspace.folders)) : undefined;
			const options = { ...this.settings.lintOptions(document.uri, settings), annexFile: annexFile && ((file: string) => annexFile(file).problem), session };
			const start = performance.now();
			const result = this.lintFn(text, document.uri, options);
			return { document, result, settings, lang: result.lang, annexFile, ms: performance.now() - start };
		} catch (e) {
			this.console.error(`dpa-lint: analysing ${document.uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
			return undefined;
		}
	}

	/** Drop the cached result and the session of a closed document. */
	forget(uri: string): void {
		this.#cache.delete(uri);
		this.#sessions.delete(uri);
		this.#seen.delete(uri);
	}
}

/** Set `key` as the most recently used entry of `map` (in insertion order), dropping the least recent beyond `max`. */
function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
	map.delete(key);
	map.set(key, value);
	for (const old of map.keys()) {
		if (map.size <= max) break;
		map.delete(old);
	}
	return value;
}
