import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { loadConfigFor, type Lang, type LintConfig, type LintOptions, type RuleLevel } from './core';

/** The `dpaLint.*` settings the server reads. */
export interface Settings {
	readonly enable: boolean;
	readonly lintAllMarkdown: boolean;
	readonly language: 'auto' | Lang;
	readonly rules: Readonly<Record<string, RuleLevel>>;
	readonly run: 'onType' | 'onSave';
}

export const DEFAULT_SETTINGS: Settings = { enable: true, lintAllMarkdown: false, language: 'auto', rules: {}, run: 'onType' };

const LEVELS: readonly string[] = ['off', 'hint', 'info', 'warning', 'error'];

/** Settings from an untyped configuration object; unknown or ill-typed values fall back to the defaults. */
export function normaliseSettings(raw: unknown): Settings {
	const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const rules: Record<string, RuleLevel> = {};
	if (o.rules && typeof o.rules === 'object') {
		for (const [id, level] of Object.entries(o.rules as Record<string, unknown>)) {
			if (typeof level === 'string' && LEVELS.includes(level)) rules[id] = level as RuleLevel;
		}
	}
	return {
		enable: typeof o.enable === 'boolean' ? o.enable : DEFAULT_SETTINGS.enable,
		lintAllMarkdown: typeof o.lintAllMarkdown === 'boolean' ? o.lintAllMarkdown : DEFAULT_SETTINGS.lintAllMarkdown,
		language: o.language === 'de' || o.language === 'en' ? o.language : 'auto',
		rules,
		run: o.run === 'onSave' ? 'onSave' : 'onType',
	};
}

/** The file system path of a `file:` URI, else undefined. */
export function uriToPath(uri: string): string | undefined {
	if (!uri.startsWith('file:')) return undefined;
	try { return fileURLToPath(uri); } catch { return undefined; }
}

/** A file name for any URI (the path part), used to recognise `*.dpa.md`. */
export function uriFileName(uri: string): string {
	const p = uriToPath(uri);
	if (p) return p;
	try { return decodeURIComponent(new URL(uri).pathname); } catch { return uri; }
}

/**
 * Per-document settings (pulled with workspace/configuration, or pushed with didChangeConfiguration by older clients),
 * project configuration from `.dpa-lint.yaml` (not read in an untrusted workspace), and the lint options they make.
 */
export class SettingsStore {
	#perUri = new Map<string, Promise<Settings>>();
	#configs = new Map<string, LintConfig>();
	#pushed: Settings = DEFAULT_SETTINGS;
	#warned = new Set<string>();
	/** Bumped on every change, so cached analyses can tell they are outdated. */
	generation = 0;

	constructor(private readonly connection: Connection, private readonly pull: boolean, public trusted: boolean) {}

	/** The settings for a document. */
	get(uri: string): Promise<Settings> {
		if (!this.pull) return Promise.resolve(this.#pushed);
		let p = this.#perUri.get(uri);
		if (!p) {
			p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'dpaLint' })
				.then(normaliseSettings, (e: unknown) => {
					this.connection.console.error(`dpa-lint: reading settings failed: ${String(e)}`);
					return DEFAULT_SETTINGS;
				});
			this.#perUri.set(uri, p);
		}
		return p;
	}

	/** Forget cached settings (didChangeConfiguration); `pushed` is the `dpaLint` section when the client pushes settings. */
	settingsChanged(pushed?: unknown): void {
		this.#perUri.clear();
		if (!this.pull && pushed !== undefined) this.#pushed = normaliseSettings(pushed);
		this.generation++;
	}

	/** Forget the settings of a closed document. */
	forget(uri: string): void {
		this.#perUri.delete(uri);
	}

	/** Forget cached `.dpa-lint.yaml` files (one of them changed on disk). */
	configChanged(): void {
		this.#configs.clear();
		this.#warned.clear();
		this.generation++;
	}

	setTrusted(trusted: boolean): void {
		this.trusted = trusted;
		this.configChanged();
	}

	/** The lint options for a document: `.dpa-lint.yaml` rules overridden by the `dpaLint.rules` setting. */
	lintOptions(uri: string, settings: Settings): LintOptions {
		const config = this.#projectConfig(uri);
		return {
			config: { ...config, rules: { ...config.rules, ...settings.rules } },
			messageLanguage: settings.language === 'auto' ? undefined : settings.language,
			suppressionFixes: true,
		};
	}

	#projectConfig(uri: string): LintConfig {
		const file = uriToPath(uri);
		if (!file || !this.trusted) return { rules: {} };
		const dir = path.dirname(file);
		let config = this.#configs.get(dir);
		if (!config) {
			try {
				config = loadConfigFor(file);
			} catch (e) {
				const message = e instanceof Error ? e.message : String(e);
				this.connection.console.error(`dpa-lint: ${message}`);
				if (!this.#warned.has(message)) {
					this.#warned.add(message);
					void this.connection.window.showWarningMessage(`DPA Lint: ${message}`);
				}
				config = { rules: {} };
			}
			this.#configs.set(dir, config);
		}
		return config;
	}
}
