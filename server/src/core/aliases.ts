/**
 * The parties' own names for themselves. Many drafts name the controller and the processor by a short name instead of
 * their role ("Limmat Versicherungen AG (nachfolgend «Limmat» oder «Verantwortliche»)", "Customer is the controller and
 * Fernhill is a processor"); the cues of the requirements speak of roles. A sentence's words are read with each such
 * name standing for its role, so "Limmat ist berechtigt, … zu überprüfen" is the controller's audit right.
 *
 * A name counts only where the draft itself gives it a role: in brackets beside a role word ("«Juranet» oder
 * «Auftragsbearbeiter»"), or in a sentence saying so ("Merchant is the controller"), and only when the draft defines
 * the name in quotation marks. Role words themselves are no names.
 */
import { blockTable, fact, memo } from './memo';
import { matchesOf } from './text';
import type { Block } from './types';

export type PartyRole = 'controller' | 'processor';

/** What a role word names. */
const CONTROLLER_WORD = /^(?:controller|verantwortliche[nr]?|auftraggeber|kunde|kunden|customer|client)$/iu;
const PROCESSOR_WORD = /^(?:processor|auftragsverarbeiter|auftragsbearbeiter|auftragnehmer|supplier|vendor|provider|dienstleister|anbieter)$/iu;
const roleOf = (word: string): PartyRole | undefined => (CONTROLLER_WORD.test(word) ? 'controller' : PROCESSOR_WORD.test(word) ? 'processor' : undefined);
/** A role word or a word for any party: no name of one party. */
const notAName = (word: string): boolean => !!roleOf(word) || GENERIC.test(word);

/** An opening quotation mark, emphasis, and the article a defined term may carry inside the quotes ("the Agency"). */
const OPEN = '["„“«»‚]\\s*(?:\\*\\*)?(?:(?:the|die|der|das) )?';
const CLOSE = '(?:\\*\\*)?\\s*["“”«»‘]';
const NAME = '(\\p{Lu}[\\p{L}&-]{1,30})';
/** "(nachfolgend «Limmat» oder «Verantwortliche»)", "(the "Merchant" or "Controller")": two names in one bracket. */
const PAIR = new RegExp(`\\((?:[^()"„“«»]{0,30})${OPEN}${NAME}${CLOSE}\\s*(?:oder|or|bzw\\.?|und|and|,)\\s*(?:the |die |der |den |als )?${OPEN}([\\p{L}-]{2,40})${CLOSE}\\s*\\)`, 'gu');
/**
 * "Merchant is the controller", "Juranet handelt als Auftragsbearbeiter", "on behalf of Merchant, who acts as controller":
 * the saying (from the space before the verb), then the name right before it. The saying is searched first, since it
 * begins with a fixed space and verb; a search for the name first would try every capital letter of the draft.
 */
const STATED_ROLE = /(?: (?:who|which|der|die|welche[rs]?))? (?:is|acts as|shall act as|ist|handelt als|agiert als|fungiert als|gilt als) (?:the |a |der |die |als |ein |eine )?([Cc]ontroller|[Pp]rocessor|[Vv]erantwortliche[rn]?|[Aa]uftragsverarbeiter|[Aa]uftragsbearbeiter)(?![\p{L}])/gu;
/** The name that ends where the saying begins, not after an article or a condition ("a Processor is", "if Customer is"). */
const STATED_NAME = new RegExp(`(?<![\\p{L}])(?<!(?:a|an|each|either|any|every|where|if|when|jede[rsm]?|eine[rsm]?|soweit|wenn|falls) )${NAME},?$`, 'gu');
/**
 * The most UTF-16 code units before a saying that its name (31 letters, each maybe two units), its comma and the words
 * the look-behinds read before the name ("either ") can take.
 */
const STATED_REACH = 72;
/** Words that name a party in general, never one party: "each Party", "jede Vertragspartei". */
const GENERIC = /^(?:party|parties|partei|parteien|vertragspartei|vertragsparteien|partner)$/iu;
/** A name in quotation marks, as a definition gives it ("**Kestrel**" in quotes, „Limmat“). */
const QUOTED = new RegExp(`${OPEN}${NAME}${CLOSE}`, 'gu');

/** What one block says of names: the roles it gives them and the names it puts in quotation marks. */
interface BlockNames { readonly roles: readonly (readonly [string, PartyRole])[]; readonly quoted: readonly string[] }
const NO_NAMES: BlockNames = { roles: [], quoted: [] };

function namesIn(block: Block): BlockNames {
	const text = block.text;
	if (!/["„“«»‚]/.test(text) && !/ (?:is|acts|ist|handelt|agiert|fungiert|gilt) /.test(text)) return NO_NAMES;
	const roles: [string, PartyRole][] = [];
	for (const m of matchesOf(PAIR, text)) {
		const a = roleOf(m[1]), b = roleOf(m[2]);
		if (!a && b && !notAName(m[1])) roles.push([m[1], b]);
		else if (a && !b && /^\p{Lu}/u.test(m[2]) && !notAName(m[2])) roles.push([m[2], a]);
	}
	// A name starts after the saying before it ends: "Alpha is the Controller-Beta is the processor" names Beta.
	let said = 0;
	for (const m of matchesOf(STATED_ROLE, text)) {
		const from = Math.max(0, m.index - STATED_REACH);
		STATED_NAME.lastIndex = Math.max(0, said - from);
		const name = STATED_NAME.exec(text.slice(from, m.index));
		const role = roleOf(m[1]);
		if (name && role && !notAName(name[1])) roles.push([name[1], role]);
		if (name) said = m.index + m[0].length;
	}
	const quoted = matchesOf(QUOTED, text).map(m => m[1]).filter(n => !notAName(n));
	return roles.length || quoted.length ? { roles, quoted } : NO_NAMES;
}

/**
 * The draft's party names with their roles: a name given one role only (a name given both is left alone), defined in
 * quotation marks somewhere in the draft.
 */
export function partyNames(blocks: readonly Block[]): ReadonlyMap<string, PartyRole> {
	const roles = new Map<string, PartyRole | null>();
	const quoted = new Set<string>();
	for (let i = 0; i < blocks.length; i++) {
		const names = fact(blocks, i, blockTable(blocks[i]), 'party-names', namesIn);
		for (const [name, role] of names.roles) roles.set(name, roles.has(name) && roles.get(name) !== role ? null : role);
		for (const name of names.quoted) quoted.add(name);
	}
	const out = new Map<string, PartyRole>();
	for (const [name, role] of roles) if (role && quoted.has(name)) out.set(name, role);
	// A contract has a few parties; a text giving roles to many names (a list of group companies, hostile input) is
	// read by its role words alone, so a sentence is never searched for hundreds of names.
	return out.size <= MAX_NAMES ? out : new Map();
}

/** The most party names read as roles. */
const MAX_NAMES = 12;

/** Escape a name for a regular expression. */
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A function that reads a sentence with the party names standing for their roles ("Limmat ist berechtigt" →
 * "Controller ist berechtigt"), or undefined when the draft names no party so. Made once per set of names.
 */
export function roleReader(names: ReadonlyMap<string, PartyRole>): ((text: string) => string) | undefined {
	if (!names.size) return undefined;
	const key = [...names].map(([n, r]) => `${n}=${r}`).sort().join('\u0000');
	return memo('role-reader', key, () => {
		// The name is looked for first and its start checked after it (see annexes.ts, REF): every sentence is read so.
		const pattern = new RegExp(`(${[...names.keys()].map(escape).join('|')})(?<=(?<![\\p{L}\\p{N}])\\1)(?![\\p{L}\\p{N}])`, 'gu');
		return (text: string): string => text.replace(pattern, n => (names.get(n) === 'controller' ? 'Controller' : 'Processor'));
	});
}
