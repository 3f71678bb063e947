import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { compilePattern, patternSource } from './text';
import type { Localized, Severity } from './types';

/** One alternative of an element: groups that must all match one sentence ("^g": sentence or clause titles), none of `not`. */
export interface MatchSpec {
	readonly all: readonly string[]; readonly not: readonly string[]; readonly min: number;
	/** Groups that make a match only partial: weaker than the law asks ("similar obligations" for "the same"). */
	readonly weak: readonly string[];
	/** Every match of this alternative is only partial (forwarding requests is less than assisting with them). */
	readonly partial: boolean;
}
export interface ElementSpec {
	readonly id: string; readonly name: Localized; readonly optional: boolean; readonly generalOnly: boolean;
	/** The element must be described in the draft itself: labels need content after them, delegation to another document is partial. */
	readonly substantive: boolean;
	/**
	 * What the value after a label or heading must say for the label to count ("Dauer:" needs a period or an end
	 * criterion after it); without it, any real content counts.
	 */
	readonly value?: string;
	/** A reference to another document is itself the content ("for the term of the Main Agreement" is a duration). */
	readonly referenceCounts: boolean;
	/**
	 * An element presumed present unless the draft points elsewhere for it: a sentence matching `pointer` makes it
	 * delegated (partial) when no `match` alternative finds it in the draft itself (measures "see our Security Policy").
	 */
	readonly pointer?: MatchSpec;
	/**
	 * A sentence anywhere in the draft that cuts the found element back ("audit rights are satisfied by providing our
	 * SOC 2 report"): then the element is only partial.
	 */
	readonly restrictedBy?: MatchSpec;
	/**
	 * Another requirement whose statement in an annex also states this element there, for a pointer to that annex
	 * ("Gegenstand dieser Klauseln ist die in Anhang II beschriebene Verarbeitung": the subject-matter is the processing
	 * the annex describes, so the annex's nature of the processing carries it).
	 */
	readonly annexCarriedBy?: string;
	readonly match: readonly MatchSpec[];
}
export interface RequirementSpec {
	readonly id: string; readonly ref: Localized; readonly name: Localized; readonly explain: Localized;
	readonly elements: readonly ElementSpec[];
	/** Requirements whose presence this one is composed of (Art. 28(3)(d) = 28(2) + 28(4)). */
	readonly composite: readonly string[];
	/** A requirement that, when present, implies this one in part (a described service implies its nature and purpose). */
	readonly impliedBy?: string;
	/** Contrast examples: sentences that must satisfy the requirement and look-alikes that must not. */
	readonly examples: ContrastExamples;
	/** The rule file the requirement comes from. */
	readonly file: string;
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
	/** Each alternative of a cue group that is counted (`min` above 1) separately, for counting distinct matches. */
	readonly cueParts: ReadonlyMap<string, readonly RegExp[]>;
	/** What a cue group is about, where it says so (look-alike groups: "the duration of an audit"), for reasons. */
	readonly cueAbout: ReadonlyMap<string, Localized>;
	readonly requirements: readonly RequirementSpec[];
	readonly rules: ReadonlyMap<string, RuleSpec>;
	readonly docsBase: string;
	/** Pairs of statements that cannot both hold (rules/contradictions.yaml), for the rule `contradiction`. */
	readonly contradictions?: readonly ContradictionSpec[];
	/** GDPR topics and the articles that govern them, and acts cited by number (rules/citations.yaml), for `citation-wrong`. */
	readonly citations?: CitationSpec;
}

/** A topic of the GDPR a draft names by its words and cites by article (rules/citations.yaml). */
export interface CitationTopic {
	readonly id: string; readonly name: Localized;
	/** The word Art. 4 defines, as a message quotes it (the name, where not given). */
	readonly term: Localized;
	/** The articles that govern the topic (Art. 28 fits every topic besides). */
	readonly articles: readonly number[];
	/** The point of Art. 4 that defines the term. */
	readonly defined?: number;
	/** A term other topics' words contain: its words count only where no other topic's words around them do. */
	readonly generic: boolean;
	/** Its words, both languages' patterns joined (folded text; global, for every match). */
	readonly cue: RegExp;
}
/** An act cited by its number, checked wherever a draft names it (the repealed directive, the SCC decisions). */
export interface CitedAct {
	readonly id: string; readonly name: Localized;
	/** The citation; its first group is the number, replaced by `number` when wrong. */
	readonly pattern: RegExp;
	/** What the sentence must say for the citation to be wrong, and what keeps it right. */
	readonly sentence?: RegExp; readonly unless?: RegExp;
	readonly number: string;
}
export interface CitationSpec { readonly topics: readonly CitationTopic[]; readonly acts: readonly CitedAct[];
	/** Sentences whose citation must be reported, and look-alikes that must not (run as tests). */
	readonly examples: { readonly wrong: readonly string[]; readonly right: readonly string[] } }

/** One contradiction pattern: a statement that forbids the topic and one that allows it, per language. */
export interface ContradictionSpec {
	readonly id: string;
	readonly topic: Localized;
	readonly prohibits: Readonly<Record<'de' | 'en', RegExp | undefined>>;
	readonly permits: Readonly<Record<'de' | 'en', RegExp | undefined>>;
	readonly unless: Readonly<Record<'de' | 'en', RegExp | undefined>>;
}

/** rules/contradictions.yaml: each entry's patterns compiled per language (alternatives joined); malformed entries fail. */
function loadContradictions(file: string): ContradictionSpec[] {
	if (!fs.existsSync(file)) return [];
	const raw = yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA }) as { contradictions?: Record<string, Record<string, unknown>> };
	return Object.entries(raw.contradictions ?? {}).map(([id, o]) => {
		const group = (field: string, required: boolean): Record<'de' | 'en', RegExp | undefined> => {
			const g = (o[field] ?? {}) as Record<string, unknown>;
			const out: Record<'de' | 'en', RegExp | undefined> = { de: undefined, en: undefined };
			for (const lang of ['de', 'en'] as const) {
				const list = g[lang];
				if (list === undefined && !required) continue;
				if (!Array.isArray(list) || !list.length || list.some(x => typeof x !== 'string')) fail(file, `${id}.${field}.${lang}`, 'must be a list of patterns');
				try {
					out[lang] = compilePattern((list as string[]).map(p => `(?:${p})`).join('|'), 'u');
				} catch (e) {
					fail(file, `${id}.${field}.${lang}`, (e as Error).message);
				}
			}
			return out;
		};
		return { id, topic: localized(file, `${id}.topic`, o.topic), prohibits: group('prohibits', true), permits: group('permits', true), unless: group('unless', false) };
	});
}

/** rules/citations.yaml: the topics with their articles and cue patterns, and the acts; malformed entries fail. */
function loadCitations(file: string): CitationSpec | undefined {
	if (!fs.existsSync(file)) return undefined;
	const raw = yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA }) as { topics?: Record<string, Record<string, unknown>>; acts?: Record<string, Record<string, unknown>>; examples?: { wrong?: unknown; right?: unknown } };
	const compile = (field: string, source: unknown, flags: string, folded = true): RegExp => {
		if (typeof source !== 'string' || !source) fail(file, field, 'must be a pattern');
		try {
			return folded ? compilePattern(source as string, flags) : new RegExp(source as string, flags);
		} catch (e) {
			return fail(file, field, (e as Error).message);
		}
	};
	const numbers = (field: string, v: unknown): number[] => {
		if (v === undefined) return [];
		if (!Array.isArray(v) || v.some(n => !Number.isInteger(n) || n < 1 || n > 99)) fail(file, field, 'must be a list of article numbers');
		return v as number[];
	};
	const topics = Object.entries(raw.topics ?? {}).map(([id, o]): CitationTopic => {
		const cues = (o.cues ?? {}) as Record<string, unknown>;
		const sources = (['de', 'en'] as const).flatMap(lang => {
			const list = cues[lang];
			if (!Array.isArray(list) || !list.length || list.some(x => typeof x !== 'string')) fail(file, `${id}.cues.${lang}`, 'must be a list of patterns');
			return list as string[];
		});
		const articles = numbers(`${id}.articles`, o.articles);
		const defined = o.defined === undefined ? undefined : numbers(`${id}.defined`, [o.defined])[0];
		if (!articles.length && defined === undefined) fail(file, id, 'needs `articles` or `defined`');
		const name = localized(file, `${id}.name`, o.name);
		return { id, name, term: o.term === undefined ? name : localized(file, `${id}.term`, o.term), articles, defined, generic: o.generic === true, cue: compile(`${id}.cues`, sources.map(p => `(?:${p})`).join('|'), 'gu') };
	});
	const acts = Object.entries(raw.acts ?? {}).map(([id, o]): CitedAct => ({
		// The citation is matched in the draft's own text (its number is replaced there), ignoring case.
		id, name: localized(file, `${id}.name`, o.name), pattern: compile(`${id}.pattern`, o.pattern, 'giu', false),
		sentence: o.sentence === undefined ? undefined : compile(`${id}.sentence`, o.sentence, 'u'),
		unless: o.unless === undefined ? undefined : compile(`${id}.unless`, o.unless, 'u'),
		number: typeof o.number === 'string' ? o.number : fail(file, `${id}.number`, 'must be a text'),
	}));
	const list = (field: string, v: unknown): string[] => {
		if (!Array.isArray(v) || v.some(x => typeof x !== 'string')) fail(file, `examples.${field}`, 'must be a list of sentences');
		return v as string[];
	};
	return { topics, acts, examples: { wrong: list('wrong', raw.examples?.wrong), right: list('right', raw.examples?.right) } };
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
		if (fs.existsSync(path.join(candidate, 'vocabulary.yaml'))) return candidate;
	}
	throw new Error(`rules/vocabulary.yaml not found above ${start}`);
}

/** A contrast example of a requirement file: a sentence and, optionally, the element it must satisfy. */
export interface ContrastExample { readonly text: string; readonly element?: string }
/** Sentences that must satisfy a requirement (present) and look-alikes that must not, per language. */
export type ContrastExamples = Readonly<Record<'de' | 'en', { readonly present: readonly ContrastExample[]; readonly lookalike: readonly ContrastExample[] }>>;

type RawCues = Record<string, Localized<string[]>>;

/** The requirement files (rules/requirements/NN-id.yaml), in the order of their names. */
export function requirementFiles(dir: string): string[] {
	const reqDir = path.join(dir, 'requirements');
	return fs.readdirSync(reqDir).filter(f => /^\d\d-.*\.yaml$/.test(f)).sort().map(f => path.join(reqDir, f));
}

function examplesOf(file: string, id: string, raw: unknown): ContrastExamples {
	const o = (raw ?? {}) as Record<string, Record<string, unknown>>;
	const list = (lang: string, kind: string): ContrastExample[] => ((o[lang]?.[kind] as unknown[]) ?? []).map((e, i) => {
		if (typeof e === 'string') return { text: e };
		const eo = e as { text?: unknown; element?: unknown };
		if (typeof eo?.text !== 'string') fail(file, `${id}.examples.${lang}.${kind}[${i}]`, 'needs a text');
		return { text: eo.text as string, element: typeof eo.element === 'string' ? eo.element : undefined };
	});
	return { de: { present: list('de', 'present'), lookalike: list('de', 'lookalike') }, en: { present: list('en', 'present'), lookalike: list('en', 'lookalike') } };
}

/**
 * The cue groups by name, each compiled when it is first asked for. The analysis tests a group alternative by
 * alternative (coverage.ts), and only a few checks run a group whole (periods, topics, a label's value), so most never
 * are: compiling the 117 groups took 100 ms of every start of the server, the CLI and each CLI worker (a group's
 * pattern has dozens of letter classes, each built from the Unicode tables). A pattern that is not one fails with its
 * file and field when compiled; the unit tests compile every group of the rules.
 */
class CuePatterns implements ReadonlyMap<string, RegExp> {
	private readonly sources = new Map<string, { readonly source: string; readonly file: string; readonly alternatives: readonly string[] }>();
	private readonly compiled = new Map<string, RegExp>();

	/** Group `name` of `file`: the source of its pattern, and of each of its alternatives (which the group joins by "|"). */
	define(name: string, source: string, alternatives: readonly string[], file: string): void {
		this.sources.set(name, { source, file, alternatives });
	}

	/** The sources of a group's alternatives: the group matches a text where one of them, compiled alone with "u", does. */
	alternatives(name: string): readonly string[] | undefined {
		return this.sources.get(name)?.alternatives;
	}

	get(name: string): RegExp | undefined {
		let pattern = this.compiled.get(name);
		if (!pattern) {
			const defined = this.sources.get(name);
			if (!defined) return undefined;
			try {
				pattern = new RegExp(defined.source, 'u');
			} catch (e) {
				return fail(defined.file, `cues.${name}`, (e as Error).message);
			}
			this.compiled.set(name, pattern);
		}
		return pattern;
	}

	has(name: string): boolean { return this.sources.has(name); }
	get size(): number { return this.sources.size; }
	keys(): IterableIterator<string> { return this.sources.keys(); }
	*values(): IterableIterator<RegExp> { for (const name of this.sources.keys()) yield this.get(name)!; }
	*entries(): IterableIterator<[string, RegExp]> { for (const name of this.sources.keys()) yield [name, this.get(name)!]; }
	[Symbol.iterator](): IterableIterator<[string, RegExp]> { return this.entries(); }
	forEach(f: (value: RegExp, key: string, map: ReadonlyMap<string, RegExp>) => void, self?: unknown): void {
		for (const [name, pattern] of this.entries()) f.call(self, pattern, name, this);
	}
}

/**
 * The sources of the alternatives of cue group `name` when `cues` knows them (a catalogue's own groups, see
 * {@link CuePatterns}); undefined for groups given otherwise (a catalogue made with other `cues`), which are tested whole.
 */
export function cueAlternatives(cues: ReadonlyMap<string, RegExp>, name: string): readonly string[] | undefined {
	return cues instanceof CuePatterns ? cues.alternatives(name) : undefined;
}

/**
 * Load and validate the catalogue: rules/vocabulary.yaml (shared cue groups), one file per requirement under
 * rules/requirements/ (its own cue groups, elements, contrast examples) and rules/rules.yaml; a malformed file fails
 * with file and field (a cue group's pattern when it is first compiled, see {@link CuePatterns}). Cue group names form
 * one namespace: a name defined twice is an error.
 */
export function loadCatalogue(dir = findRulesDir()): Catalogue {
	const cues = new CuePatterns();
	const cueFile = new Map<string, string>();
	const cueAbout = new Map<string, Localized>();
	const addCues = (file: string, raw: RawCues | undefined): void => {
		for (const [name, group] of Object.entries(raw ?? {})) {
			if (cueFile.has(name)) fail(file, `cues.${name}`, `is already defined in ${cueFile.get(name)}`);
			cueFile.set(name, file);
			const about = (group as { about?: unknown }).about;
			if (about !== undefined) cueAbout.set(name, localized(file, `cues.${name}.about`, about));
			const parts = [...(group.de ?? []), ...(group.en ?? [])];
			if (!parts.length) fail(file, `cues.${name}`, 'is empty');
			try {
				cues.define(name, patternSource(parts.map(p => `(?:${p})`).join('|')), parts.map(patternSource), file);
			} catch (e) {
				fail(file, `cues.${name}`, (e as Error).message);
			}
		}
	};
	const vocabFile = path.join(dir, 'vocabulary.yaml');
	addCues(vocabFile, (yaml.load(fs.readFileSync(vocabFile, 'utf8'), { schema: yaml.CORE_SCHEMA }) as { cues?: RawCues }).cues);
	const raws = requirementFiles(dir).map(file => {
		const o = yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
		addCues(file, o.cues as RawCues | undefined);
		return { file, o };
	});
	const requirements = raws.map(({ file: reqFile, o }) => {
		const id = typeof o.id === 'string' ? o.id : fail(reqFile, 'id', 'missing');
		const elements = ((o.elements as unknown[]) ?? []).map((e, j) => {
			const eo = e as Record<string, unknown>;
			const match = ((eo.match as unknown[]) ?? []).map((m, k) => {
				const mo = m as { all?: string[]; not?: string[]; min?: number; weak?: string[]; partial?: boolean };
				for (const g of [...(mo.all ?? []), ...(mo.not ?? []), ...(mo.weak ?? [])]) {
					if (!cues.has(g.replace(/^[\^@]/, ''))) fail(reqFile, `${id}.elements[${j}].match[${k}]`, `unknown cue group "${g}"`);
				}
				return { all: mo.all ?? [], not: mo.not ?? [], min: mo.min ?? 1, weak: mo.weak ?? [], partial: mo.partial === true };
			});
			if (!match.length) fail(reqFile, `${id}.elements[${j}].match`, 'needs at least one alternative');
			const value = typeof eo.value === 'string' ? eo.value : undefined;
			// A list of groups that must all match one sentence (`pointer`, `restrictedBy`), checked like `match.all`.
			// `restrictedBy` may also be `{ all: [groups], not: [groups] }`: a sentence matching a `not` group cuts nothing back.
			const groupsSpec = (field: 'pointer' | 'restrictedBy'): MatchSpec | undefined => {
				const given = eo[field] as string[] | { all?: string[]; not?: string[] } | undefined;
				if (given === undefined) return undefined;
				const groups = Array.isArray(given) ? given : given.all ?? [];
				const not = Array.isArray(given) ? [] : given.not ?? [];
				for (const g of [...groups, ...not]) if (!cues.has(g.replace(/^[\^@]/, ''))) fail(reqFile, `${id}.elements[${j}].${field}`, `unknown cue group "${g}"`);
				return { all: groups, not, min: 1, weak: [], partial: false };
			};
			const pointer = groupsSpec('pointer'), restrictedBy = groupsSpec('restrictedBy');
			if (value !== undefined && !cues.has(value)) fail(reqFile, `${id}.elements[${j}].value`, `unknown cue group "${value}"`);
			const annexCarriedBy = typeof eo.annexCarriedBy === 'string' ? eo.annexCarriedBy : undefined;
			if (annexCarriedBy !== undefined && !raws.some(r => r.o.id === annexCarriedBy)) {
				fail(reqFile, `${id}.elements[${j}].annexCarriedBy`, `unknown requirement "${annexCarriedBy}"`);
			}
			return {
				id: String(eo.id), name: localized(reqFile, `${id}.elements[${j}].name`, eo.name),
				optional: eo.optional === true, generalOnly: eo.generalOnly === true, substantive: eo.substantive === true, value, referenceCounts: eo.referenceCounts === true, pointer, restrictedBy, annexCarriedBy, match,
			};
		});
		return {
			id, ref: localized(reqFile, `${id}.ref`, o.ref), name: localized(reqFile, `${id}.name`, o.name),
			explain: localized(reqFile, `${id}.explain`, o.explain), elements, composite: (o.composite as string[] | undefined) ?? [],
			impliedBy: typeof o.impliedBy === 'string' ? o.impliedBy : undefined,
			examples: examplesOf(reqFile, id, o.examples), file: reqFile,
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
	// Only groups that count distinct places (an alternative with `min` above 1) need their alternatives compiled now,
	// from the sources the group keeps; the others' are compiled when a text is first tested for them (coverage.ts).
	const cueParts = new Map<string, RegExp[]>();
	for (const req of requirements) for (const el of req.elements) for (const m of el.match) {
		if (m.min <= 1) continue;
		for (const g of m.all) {
			const name = g.replace(/^[\^@]/, '');
			if (cueParts.has(name)) continue;
			try {
				cueParts.set(name, cues.alternatives(name)!.map(source => new RegExp(source, 'u')));
			} catch (e) {
				fail(cueFile.get(name)!, `cues.${name}`, (e as Error).message);
			}
		}
	}
	const cueNames = [...cues.keys()];
	const contradictions = loadContradictions(path.join(dir, 'contradictions.yaml'));
	const citations = loadCitations(path.join(dir, 'citations.yaml'));
	return { cues, cueNames, cueIndex: new Map(cueNames.map((n, i) => [n, i])), cueParts, cueAbout, requirements, rules, docsBase: DOCS_BASE, contradictions, citations };
}

let cached: Catalogue | undefined;
/** The bundled catalogue, loaded once. */
export function defaultCatalogue(): Catalogue {
	cached ??= loadCatalogue();
	return cached;
}
