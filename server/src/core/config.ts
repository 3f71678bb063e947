import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import * as yaml from 'js-yaml';
import { findRulesDir } from './catalogue';
import type { Lang, Severity } from './types';

export type RuleLevel = Severity | 'off';

/** Project configuration from `.dpa-lint.yaml`: per-rule severity and the message language. */
export interface LintConfig {
	readonly rules: Readonly<Record<string, RuleLevel>>;
	readonly language?: Lang;
	/** The file it came from, if any. */
	readonly file?: string;
}

let validator: ValidateFunction | undefined;
/** The validator of rules/dpa-lint.schema.json, the schema the editor's YAML support uses for `.dpa-lint.yaml` too (`markdownDescription` is for the editor). */
function validateConfig(): ValidateFunction {
	validator ??= new Ajv({ allErrors: false, keywords: ['markdownDescription'] }).compile(JSON.parse(fs.readFileSync(path.join(findRulesDir(), 'dpa-lint.schema.json'), 'utf8')));
	return validator;
}

/** One line for a schema error: the field and what it must be. */
function describe(e: ErrorObject): string {
	const field = e.instancePath.slice(1).split('/').join('.');
	const what = e.keyword === 'enum' ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
		: e.keyword === 'additionalProperties' ? `unknown key \`${(e.params as { additionalProperty: string }).additionalProperty}\` (allowed: language, rules)`
			: e.message ?? 'invalid';
	return field ? `field \`${field}\`: ${what}` : what;
}

/** Parse a config text and check it against the schema; throws with the file name and field on a bad value. */
export function parseConfig(text: string, file: string): LintConfig {
	const data = (yaml.load(text, { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
	if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file}: expected a mapping`);
	const validate = validateConfig();
	if (!validate(data)) throw new Error(`${file}: ${describe(validate.errors![0])}`);
	return { rules: (data.rules ?? {}) as Record<string, RuleLevel>, language: data.language as Lang | undefined, file };
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
