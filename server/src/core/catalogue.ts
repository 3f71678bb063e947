import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { compilePattern } from './text';
import type { Localized, Severity } from './types';

/** One alternative of an element: groups that must all match one sentence ("^g": sentence or clause titles), none of `not`. */
export interface MatchSpec { readonly all: readonly string[]; readonly not: readonly string[]; readonly min: number }
export interface ElementSpec {
	readonly id: string; readonly name: Localized; readonly optional: boolean; readonly generalOnly: boolean;
	/** The element must be described in the draft itself: labels need content after them, delegation to another document is partial. */
	readonly substantive: boolean;
	readonly match: readonly MatchSpec[];
}
export interface RequirementSpec {
	readonly id: string; readonly ref: Localized; readonly name: Localized; readonly explain: Localized;
	readonly elements: readonly ElementSpec[];
	/** Requirements whose presence this one is composed of (Art. 28(3)(d) = 28(2) + 28(4)). */
	readonly composite: readonly string[];
	/** A requirement that, when present, implies this one in part (a described service implies its nature and purpose). */
	readonly impliedBy?: string;
}
/** A rule: id, default severity, messages and documentation. */
export interface RuleSpec {
	readonly id: string; readonly severity: Severity; readonly description: Localized;
	readonly messages: Readonly<Record<string, Localized>>;
}
export interface Catalogue {
	readonly cues: ReadonlyMap<string, RegExp>;
	/** Cue group names in a fixed order, and each name's position (for per-sentence memo arrays). */
	readonly cueNames: readonly string[];
	readonly cueIndex: ReadonlyMap<string, number>;
	/** Each alternative of a cue group separately, for counting distinct matches (`min`). */
	readonly cueParts: ReadonlyMap<string, readonly RegExp[]>;
	readonly requirements: readonly RequirementSpec[];
	readonly rules: ReadonlyMap<string, RuleSpec>;
	readonly docsBase: string;
}

/** Where rule documentation lives; a finding's docs URL is this plus "#rule-id". */
export const DOCS_BASE = 'https://github.com/dpa-lint/dpa-lint/blob/main/rules/README.md';

function fail(file: string, field: string, what: string): never {
	throw new Error(`${file}: field \`${field}\`: ${what}`);
}

function localized(file: string, field: string, v: unknown): Localized {
	const o = v as Record<string, unknown> | undefined;
	if (!o || typeof o.de !== 'string' || typeof o.en !== 'string') fail(file, field, 'needs a German (de) and an English (en) text');
	return { de: o.de as string, en: o.en as string };
}

/** Find the rules/ folder: next to the bundle (dist/), or up from the compiled sources (out/server/src/core). */
export function findRulesDir(start = __dirname): string {
	for (let dir = start, i = 0; i < 6; i++, dir = path.dirname(dir)) {
		const candidate = path.join(dir, 'rules');
		if (fs.existsSync(path.join(candidate, 'requirements.yaml'))) return candidate;
	}
	throw new Error(`rules/requirements.yaml not found above ${start}`);
}

/** Load and validate rules/requirements.yaml and rules/rules.yaml; a malformed file fails with file and field. */
export function loadCatalogue(dir = findRulesDir()): Catalogue {
	const reqFile = path.join(dir, 'requirements.yaml');
	const raw = yaml.load(fs.readFileSync(reqFile, 'utf8'), { schema: yaml.CORE_SCHEMA }) as { cues?: Record<string, Localized<string[]>>; requirements?: unknown[] };
	const cues = new Map<string, RegExp>();
	const cueParts = new Map<string, RegExp[]>();
	for (const [name, group] of Object.entries(raw.cues ?? {})) {
		const parts = [...(group.de ?? []), ...(group.en ?? [])];
		if (!parts.length) fail(reqFile, `cues.${name}`, 'is empty');
		try {
			cues.set(name, compilePattern(parts.map(p => `(?:${p})`).join('|'), 'u'));
			cueParts.set(name, parts.map(p => compilePattern(p, 'u')));
		} catch (e) {
			fail(reqFile, `cues.${name}`, (e as Error).message);
		}
	}
	const requirements = (raw.requirements ?? []).map((r, i) => {
		const o = r as Record<string, unknown>;
		const id = typeof o.id === 'string' ? o.id : fail(reqFile, `requirements[${i}].id`, 'missing');
		const elements = ((o.elements as unknown[]) ?? []).map((e, j) => {
			const eo = e as Record<string, unknown>;
			const match = ((eo.match as unknown[]) ?? []).map((m, k) => {
				const mo = m as { all?: string[]; not?: string[]; min?: number };
				for (const g of [...(mo.all ?? []), ...(mo.not ?? [])]) {
					if (!cues.has(g.replace(/^[\^@]/, ''))) fail(reqFile, `${id}.elements[${j}].match[${k}]`, `unknown cue group "${g}"`);
				}
				return { all: mo.all ?? [], not: mo.not ?? [], min: mo.min ?? 1 };
			});
			if (!match.length) fail(reqFile, `${id}.elements[${j}].match`, 'needs at least one alternative');
			return {
				id: String(eo.id), name: localized(reqFile, `${id}.elements[${j}].name`, eo.name),
				optional: eo.optional === true, generalOnly: eo.generalOnly === true, substantive: eo.substantive === true, match,
			};
		});
		return {
			id, ref: localized(reqFile, `${id}.ref`, o.ref), name: localized(reqFile, `${id}.name`, o.name),
			explain: localized(reqFile, `${id}.explain`, o.explain), elements, composite: (o.composite as string[] | undefined) ?? [],
			impliedBy: typeof o.impliedBy === 'string' ? o.impliedBy : undefined,
		};
	});
	const rulesFile = path.join(dir, 'rules.yaml');
	const rawRules = yaml.load(fs.readFileSync(rulesFile, 'utf8'), { schema: yaml.CORE_SCHEMA }) as { rules?: Record<string, Record<string, unknown>> };
	const rules = new Map<string, RuleSpec>();
	for (const [id, r] of Object.entries(rawRules.rules ?? {})) {
		const severity = r.severity as Severity;
		if (!['error', 'warning', 'info', 'hint'].includes(severity)) fail(rulesFile, `${id}.severity`, 'must be error, warning, info or hint');
		const messages: Record<string, Localized> = {};
		for (const [k, v] of Object.entries((r.messages as Record<string, unknown>) ?? {})) messages[k] = localized(rulesFile, `${id}.messages.${k}`, v);
		if (!messages.default) fail(rulesFile, `${id}.messages.default`, 'missing');
		rules.set(id, { id, severity, description: localized(rulesFile, `${id}.description`, r.description), messages });
	}
	const cueNames = [...cues.keys()];
	return { cues, cueNames, cueIndex: new Map(cueNames.map((n, i) => [n, i])), cueParts, requirements, rules, docsBase: DOCS_BASE };
}

let cached: Catalogue | undefined;
/** The bundled catalogue, loaded once. */
export function defaultCatalogue(): Catalogue {
	cached ??= loadCatalogue();
	return cached;
}
