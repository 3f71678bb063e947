import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import type { Lang, Severity } from './types';

export type RuleLevel = Severity | 'off';

/** Project configuration from `.dpa-lint.yaml`: per-rule severity and the message language. */
export interface LintConfig {
	readonly rules: Readonly<Record<string, RuleLevel>>;
	readonly language?: Lang;
	/** The file it came from, if any. */
	readonly file?: string;
}

const LEVELS: readonly string[] = ['off', 'hint', 'info', 'warning', 'error'];

/** Parse a config text; throws with the file name and field on a bad value. */
export function parseConfig(text: string, file: string): LintConfig {
	const data = (yaml.load(text, { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
	if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file}: expected a mapping`);
	const rules: Record<string, RuleLevel> = {};
	const raw = (data.rules ?? {}) as Record<string, unknown>;
	for (const [id, level] of Object.entries(raw)) {
		if (typeof level !== 'string' || !LEVELS.includes(level)) throw new Error(`${file}: field \`rules.${id}\`: must be one of ${LEVELS.join(', ')}`);
		rules[id] = level as RuleLevel;
	}
	const language = data.language;
	if (language !== undefined && language !== 'de' && language !== 'en') throw new Error(`${file}: field \`language\`: must be de or en`);
	return { rules, language: language as Lang | undefined, file };
}

/** Find `.dpa-lint.yaml` (or `.dpa-lint.yml`) by walking up from a file's folder. */
export function findConfig(fromFile: string): string | undefined {
	let dir = path.dirname(path.resolve(fromFile));
	for (;;) {
		for (const name of ['.dpa-lint.yaml', '.dpa-lint.yml']) {
			const candidate = path.join(dir, name);
			if (fs.existsSync(candidate)) return candidate;
		}
		const parent = path.dirname(dir);
		if (parent === dir) return undefined;
		dir = parent;
	}
}

/** Load the config that applies to a file, or an empty config. */
export function loadConfigFor(fromFile: string): LintConfig {
	const file = findConfig(fromFile);
	return file ? parseConfig(fs.readFileSync(file, 'utf8'), file) : { rules: {} };
}
