import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { findRulesDir } from './catalogue';
import type { Lang, Localized } from './types';

/** A clause of the drafting library (snippets/library.yaml): the single source for snippets and quick fixes. */
export interface LibraryClause {
	readonly id: string;
	readonly requirement: string;
	readonly covers: readonly string[];
	readonly variant: string | null;
	readonly after: readonly string[];
	readonly prefix: Localized;
	readonly title: Localized;
	readonly description: Localized;
	readonly body: Localized;
}
export interface LibraryEntry { readonly id: string; readonly prefix: Localized; readonly title: Localized; readonly description: Localized; readonly body: Localized; readonly group?: string }
export interface Library {
	readonly clauses: readonly LibraryClause[];
	readonly tomSections: readonly LibraryEntry[];
	readonly annexes: readonly LibraryEntry[];
	readonly frontmatter?: { readonly prefix: Localized; readonly body: Localized };
	/** Headings of the four TOM groups (Art. 32(1)(a)–(d)), in order. */
	readonly tomGroups: readonly { readonly id: string; readonly title: Localized }[];
	/** Single sentences for sub-elements, keyed "requirement/element". */
	readonly sentences: Readonly<Record<string, Localized>>;
}

/** Load snippets/library.yaml (next to rules/). */
export function loadLibrary(file = path.join(path.dirname(findRulesDir()), 'snippets', 'library.yaml')): Library {
	const raw = yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
	const list = (k: string): Record<string, unknown>[] => (Array.isArray(raw[k]) ? raw[k] as Record<string, unknown>[] : []);
	return {
		clauses: list('clauses').map(c => ({
			id: String(c.id), requirement: String(c.requirement), covers: (c.covers as string[]) ?? [], variant: (c.variant as string | null) ?? null,
			after: (c.after as string[]) ?? [], prefix: c.prefix as Localized, title: c.title as Localized, description: c.description as Localized, body: c.body as Localized,
		})),
		tomSections: list('tom_sections') as unknown as LibraryEntry[],
		annexes: list('annexes') as unknown as LibraryEntry[],
		frontmatter: raw.frontmatter as Library['frontmatter'],
		tomGroups: list('tom_groups') as unknown as Library['tomGroups'],
		sentences: (raw.sentences ?? {}) as Record<string, Localized>,
	};
}

let cached: Library | undefined | null;
/** The bundled library, or undefined when it cannot be read (fixes then offer no clause text). */
export function defaultLibrary(): Library | undefined {
	if (cached === undefined) {
		try { cached = loadLibrary(); } catch { cached = null; }
	}
	return cached ?? undefined;
}

/** Turn a VS Code snippet body into the plain text it inserts by default: `${1:x}` → x, `${2|a,b|}` → a, `$1` → '', `\$` → $. */
export function snippetToText(body: string): string {
	let out = '';
	for (let i = 0; i < body.length; i++) {
		const ch = body[i];
		if (ch === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1])) { out += body[++i]; continue; }
		if (ch !== '$') { out += ch; continue; }
		const rest = body.slice(i + 1);
		let m = /^\d+/.exec(rest);
		if (m) { i += m[0].length; continue; }
		m = /^\{\d+\|([^|]*)\|\}/.exec(rest);
		if (m) { out += m[1].split(',')[0].replace(/\\,/g, ','); i += m[0].length; continue; }
		m = /^\{\d+:/.exec(rest);
		if (m) {
			// ${n:default} – the default may itself contain placeholders; find the matching brace.
			let depth = 1, j = i + 1 + m[0].length;
			for (; j < body.length && depth > 0; j++) {
				if (body[j] === '\\') { j++; continue; }
				if (body[j] === '{' && body[j - 1] === '$') depth++;
				else if (body[j] === '}') depth--;
			}
			out += snippetToText(body.slice(i + 1 + m[0].length, j - 1));
			i = j - 1;
			continue;
		}
		m = /^\{\d+\}/.exec(rest);
		if (m) { i += m[0].length; continue; }
		out += ch;
	}
	return out;
}

/** The clause text for a requirement in a language, choosing the variant that fits the draft (made once per library). */
export function clauseFor(lib: Library, requirement: string, lang: Lang, variant?: string): LibraryText | undefined {
	let byKey = clauseTexts.get(lib);
	if (!byKey) clauseTexts.set(lib, byKey = new Map());
	const key = `${requirement}\u0000${lang}\u0000${variant ?? ''}`;
	if (!byKey.has(key)) byKey.set(key, pickClause(lib, requirement, lang, variant));
	return byKey.get(key);
}

/** A library clause as inserted: its title and its text in one language. */
type LibraryText = { readonly title: string; readonly text: string; readonly clause: LibraryClause };
const clauseTexts = new WeakMap<Library, Map<string, LibraryText | undefined>>();

function pickClause(lib: Library, requirement: string, lang: Lang, variant?: string): LibraryText | undefined {
	const candidates = lib.clauses.filter(c => c.requirement === requirement);
	const pickOne = candidates.find(c => variant && c.variant === variant)
		?? candidates.filter(c => c.covers.length === 1)[0]
		?? candidates.find(c => c.variant === null || c.variant === 'general' || c.variant === 'strict')
		?? candidates[0];
	if (!pickOne) return undefined;
	return { title: pickOne.title[lang], text: snippetToText(pickOne.body[lang]).trimEnd(), clause: pickOne };
}
