import * as fs from 'node:fs';
import * as path from 'node:path';
import { RegExpParser, type AST } from '@eslint-community/regexpp';

type Alternative = AST.Alternative;
type Element = AST.Element;

/**
 * Which of many regular expressions a text can match at all, found in one pass over the text (the idea of RE2's
 * prefilter). Every match of a pattern contains one of a few literal strings, its needles, read from the pattern's
 * syntax tree ("(?:auftrags)?verarbeit\w*" needs "verarbeit"); each needle is known by one of its four-character
 * pieces (a needle of three by itself), its key, and is looked for only where its key is found (one pass over the
 * text, a table lookup per character); a text with no needle of a pattern cannot match the pattern, so the pattern is
 * not run. A pattern with an alternative that needs no three characters (`\d+ h`, `eu|ewr`) is always run.
 */

/** What a part of a pattern can match: `exact`, every string it matches (a few, when known); `needles`, one of which every match contains. */
interface Info { readonly exact: readonly string[] | null; readonly needles: readonly string[] | null }

const UNKNOWN: Info = { exact: null, needles: null };
const EMPTY: Info = { exact: [''], needles: null };
/** The most strings a part's exact set may have before it is only known by its needles. */
const MAX_EXACT = 16;
/** The most characters a character class may have to be read as alternatives ("[- ]", "[ae]"). */
const MAX_CLASS = 8;
/** The most repetitions a quantified string is written out for ("x{3,}": "xxx"). */
const MAX_REPEAT = 16;
/** Length of a key: a needle shorter than this says nothing. */
const KEY = 4;
/** The shortest needle the prefilter looks for (by itself). */
const SHORT = 3;

/** The needles of an exact set: the set itself when each of its strings is long enough to have a key. */
const needlesOfExact = (exact: readonly string[] | null, min: number): readonly string[] | null => (exact && exact.every(s => s.length >= min) ? minimal(exact) : null);

/** A needle set without the needles that contain another of the set ("auftragsverarbeit" beside "verarbeit"). */
function minimal(needles: readonly string[]): string[] {
	const unique = [...new Set(needles)].sort((a, b) => a.length - b.length);
	const kept: string[] = [];
	for (const n of unique) if (!kept.some(k => n.includes(k))) kept.push(n);
	return kept;
}

/** Of several needle sets every match satisfies, the most telling: the longest shortest needle, then the fewest needles. */
function best(sets: readonly (readonly string[] | null)[]): readonly string[] | null {
	let chosen: readonly string[] | null = null, chosenShortest = -1;
	for (const s of sets) {
		if (!s) continue;
		let shortest = Infinity;
		for (const n of s) shortest = Math.min(shortest, n.length);
		if (shortest > chosenShortest || (shortest === chosenShortest && s.length < chosen!.length)) { chosen = s; chosenShortest = shortest; }
	}
	return chosen;
}

function sequence(elements: readonly Element[], min: number): Info {
	let run: string[] | null = [''];
	let broken = false;
	const found: (readonly string[] | null)[] = [];
	for (const element of elements) {
		const info = infoOf(element, min);
		if (run && info.exact?.length === 1) {
			const tail = info.exact[0];
			for (let k = 0; k < run.length; k++) run[k] += tail;
			continue;
		}
		if (run && info.exact && run.length * info.exact.length <= MAX_EXACT) {
			const next: string[] = [];
			for (const a of run) for (const b of info.exact) next.push(a + b);
			run = [...new Set(next)];
			continue;
		}
		broken = true;
		if (run) found.push(needlesOfExact(run, min));
		if (info.exact) run = [...info.exact];
		else { found.push(info.needles); run = ['']; }
	}
	found.push(needlesOfExact(run, min));
	return { exact: broken ? null : run, needles: best(found) };
}

function alternatives(alts: readonly Alternative[], min: number): Info {
	const infos = alts.map(a => sequence(a.elements, min));
	const exact = infos.every(i => i.exact) ? [...new Set(infos.flatMap(i => i.exact!))] : null;
	const needles: string[] = [];
	for (const info of infos) {
		const n = info.needles ?? needlesOfExact(info.exact, min);
		if (!n) return { exact: exact && exact.length <= MAX_EXACT ? exact : null, needles: null };
		needles.push(...n);
	}
	return { exact: exact && exact.length <= MAX_EXACT ? exact : null, needles: minimal(needles) };
}

/** The characters of a small character class, or null. */
function classChars(node: AST.CharacterClass): string[] | null {
	if (node.negate) return null;
	const chars: string[] = [];
	for (const e of node.elements) {
		if (e.type === 'Character') chars.push(String.fromCodePoint(e.value));
		else if (e.type === 'CharacterClassRange' && e.max.value - e.min.value < MAX_CLASS) {
			for (let c = e.min.value; c <= e.max.value; c++) chars.push(String.fromCodePoint(c));
		} else return null;
		if (chars.length > MAX_CLASS) return null;
	}
	return chars;
}

function infoOf(node: Element, min: number): Info {
	switch (node.type) {
		case 'Character': return { exact: [String.fromCodePoint(node.value)], needles: null };
		case 'CharacterClass': {
			const chars = classChars(node);
			return chars ? { exact: chars, needles: null } : UNKNOWN;
		}
		case 'Group':
		case 'CapturingGroup': return alternatives(node.alternatives, min);
		// Look-arounds, "^", "$" and "\b" match no characters (what a look-ahead needs is not part of the match).
		case 'Assertion': return EMPTY;
		case 'Quantifier': {
			const inner = infoOf(node.element, min);
			if (node.min === 0) return node.max === 1 && inner.exact ? { exact: [...new Set(['', ...inner.exact])], needles: null } : UNKNOWN;
			// "_{4,}" needs "____", "x{3}" is "xxx".
			if (inner.exact?.length === 1 && node.min <= MAX_REPEAT) {
				const needed = inner.exact[0].repeat(node.min);
				return { exact: node.min === node.max ? [needed] : null, needles: needlesOfExact([needed], min) };
			}
			return { exact: node.min === 1 && node.max === 1 ? inner.exact : null, needles: inner.needles ?? needlesOfExact(inner.exact, min) };
		}
		default: return UNKNOWN;
	}
}

/** A pattern by its source and flags: a regular expression, or one not compiled yet. */
export interface PatternText { readonly source: string; readonly flags: string }

/** The needles of a pattern, each at least `min` characters long (null: none known, the pattern is always run). */
export function needlesOf(pattern: PatternText, min = KEY): readonly string[] | null {
	// Case-insensitive and multi-line patterns are not read (the analysis folds case itself).
	if (/[imsv]/.test(pattern.flags)) return null;
	const key = needleKey(pattern, min);
	const known = readNeedles().get(key);
	if (known !== undefined) return known;
	const needles = readPattern(pattern, min);
	recording?.set(key, needles);
	return needles;
}

/**
 * The needles of the patterns an analysis asks for are read once, when the project is compiled, into a file beside
 * the compiled code (`npm run compile`, scripts/needles.mjs): reading them from the patterns' syntax trees took a
 * quarter of the first analysis after a start of the server, the CLI or a CLI worker (about 150 ms). A needle set is
 * known by its pattern's source, flags and shortest needle, so a pattern changed since is read afresh; a missing or
 * unreadable file means every pattern is read. test/unit/prefilter.test.ts checks the file against the patterns.
 */
export const NEEDLES_FILE = 'needles.json';
const needleKey = (pattern: PatternText, min: number): string => `${min}/${pattern.flags}/${pattern.source}`;
let needleFile: ReadonlyMap<string, readonly string[] | null> | undefined;
function readNeedles(): ReadonlyMap<string, readonly string[] | null> {
	if (!needleFile) {
		const map = new Map<string, readonly string[] | null>();
		try {
			const data = JSON.parse(fs.readFileSync(path.join(__dirname, NEEDLES_FILE), 'utf8')) as unknown;
			if (data && typeof data === 'object') {
				for (const [k, v] of Object.entries(data)) if (v === null || (Array.isArray(v) && v.every(n => typeof n === 'string' && n.length > 0))) map.set(k, v as string[] | null);
			}
		} catch {
			// No file (a build without the step) or a broken one: every pattern is read from its syntax tree.
		}
		needleFile = map;
	}
	return needleFile;
}
/** Set while scripts/needles.mjs records the needles an analysis asks for. */
let recording: Map<string, readonly string[] | null> | undefined;

/**
 * Record the needle sets read from here on, by their key (undefined: stop). For scripts/needles.mjs, which writes them
 * to {@link NEEDLES_FILE}; the file already read is not used while recording.
 */
export function recordNeedles(into: Map<string, readonly string[] | null> | undefined): void {
	recording = into;
	needleFile = into ? new Map() : undefined;
}

/** The needles of a pattern, read from its syntax tree (see {@link needlesOf}). */
function readPattern(pattern: PatternText, min: number): readonly string[] | null {
	try {
		const ast = new RegExpParser().parsePattern(pattern.source, 0, pattern.source.length, { unicode: pattern.flags.includes('u') });
		return alternatives(ast.alternatives, min).needles;
	} catch {
		return null;
	}
}

/** Whether a text may match a pattern. */
export interface QuickTest { test(text: string): boolean }

/**
 * A quick test that a text may match `pattern`: one of its needles, of any length, is in the text (needles of one or
 * two characters searched for as they are, the others by a {@link Prefilter}). Every text passes when the pattern has
 * no needles (it must be run).
 */
export function quickTest(pattern: RegExp): QuickTest {
	const needles = needlesOf(pattern, 1);
	if (!needles) return { test: () => true };
	const short = needles.filter(n => n.length < SHORT), long = needles.filter(n => n.length >= SHORT);
	const filter = long.length ? new Prefilter([long]) : undefined;
	return { test: text => short.some(n => text.includes(n)) || (filter !== undefined && Prefilter.may(filter.scan(text), 0)) };
}

/** A character as one byte of a key: every character from U+00FF up shares the byte 0xFF (folded text is mostly Latin-1). */
const byte = (c: number): number => (c < 0xff ? c : 0xff);
/**
 * The characters of a key packed into a number (the first in the highest byte), as a signed 32-bit integer: the
 * engine keeps those unboxed, where an unsigned one from 2^31 up would be a heap number made per character.
 */
function packed(key: string): number {
	let v = 0;
	for (let i = 0; i < key.length; i++) v = (v << 8) | byte(key.charCodeAt(i));
	return v;
}
/** The slot of a key in a table of 2^bits slots. */
const slotOf = (key: number, bits: number): number => Math.imul(key, 0x9e3779b1) >>> (32 - bits);

/**
 * Where in a needle its key of `length` characters starts: the piece fewest other needles share (`shared`: how many
 * needles have each piece), then the one of the rarest letters. A key shared by many needles ("auft", "tung") would
 * have each of them checked wherever it is found.
 */
function keyAt(needle: string, length: number, shared: ReadonlyMap<string, number>): number {
	let chosen = 0, best = Infinity;
	for (let i = 0; i + length <= needle.length; i++) {
		let letters = 0;
		for (let k = i; k < i + length; k++) {
			const rank = COMMON.indexOf(needle[k]);
			letters += rank < 0 ? 0 : COMMON.length - rank;
		}
		const score = (shared.get(needle.slice(i, i + length)) ?? 0) * 1000 + letters;
		if (score < best) { best = score; chosen = i; }
	}
	return chosen;
}
/** Letters by how common they are in German and English text, the most common first (space counts as most common). */
const COMMON = ' enirstadhulgcmobwfkzvpyjxq';

/** A needle in a key table: its text, where its key starts in it, and the pattern it belongs to. */
interface Needle { readonly text: string; readonly at: number; readonly pattern: number }

/**
 * The needles of one key length, by key. Two tables: `home`, a bit per slot of a sparse table (at most one in sixteen
 * set), which nearly every piece of a text meets unset, and `slots`, where a key that passes is looked up. A piece of
 * text that passes is most often a key (a needle's rarest piece is still a common piece of German or English text):
 * one in six characters of a draft is looked up. So what a look-up reads is kept close together and small, the key's
 * slot in one run of three numbers and the needles' characters in one string: for the alternatives of the catalogue's
 * cue groups (4,012 needles) 240 KB, where the sparse table itself in three arrays and the needles as strings of their
 * own would take about 1 MB, which an analysis reads beside everything else it reads (in a full analysis of the seeds
 * the scan for the cue groups' needles took 25 ns a character so, 27 before).
 */
class KeyTable {
	/** Bits of a slot of `home`, and of `slots`. */
	readonly homeBits: number;
	readonly bits: number;
	/** A bit per slot of the sparse table, set where a key hashes to: what a scan asks of every piece of a text (8 KB for 2^16 slots). */
	readonly home: Int32Array;
	/** Open addressing, at most half the slots taken: per slot its key, 1 + the index of its first needle (0: empty), the number of its needles. */
	readonly slots: Int32Array;
	/** The needles' characters, one after the other; per needle, where they start there, its length, where its key starts in it, its pattern. */
	readonly chars: string;
	readonly needles: Int32Array;
	/** How many needles the table holds. */
	readonly size: number;

	constructor(readonly length: number, byKey: ReadonlyMap<number, readonly Needle[]>) {
		this.homeBits = Math.max(10, Math.ceil(Math.log2(byKey.size * 16 + 1)));
		this.bits = Math.max(4, Math.ceil(Math.log2(byKey.size * 2 + 1)));
		this.home = new Int32Array(1 << (this.homeBits - 5));
		this.slots = new Int32Array(3 << this.bits);
		const texts: string[] = [], info: number[] = [];
		let at = 0;
		for (const [key, list] of byKey) {
			const h = slotOf(key, this.homeBits);
			this.home[h >>> 5] |= 1 << (h & 31);
			let slot = slotOf(key, this.bits);
			while (this.slots[slot * 3 + 1]) slot = (slot + 1) & ((1 << this.bits) - 1);
			this.slots[slot * 3] = key;
			this.slots[slot * 3 + 1] = info.length / 4 + 1;
			this.slots[slot * 3 + 2] = list.length;
			for (const n of list) {
				info.push(at, n.text.length, n.at, n.pattern);
				texts.push(n.text);
				at += n.text.length;
			}
		}
		// (Joined: one flat string, not a chain of pieces.)
		this.chars = texts.join('');
		this.needles = Int32Array.from(info);
		this.size = texts.length;
	}

	/** Mark in `out` the patterns of the needles of `key`, found ending at `end` of `text` (where they are there). */
	find(key: number, text: string, end: number, out: Uint32Array): void {
		const { slots, needles, chars } = this, mask = (1 << this.bits) - 1;
		for (let slot = slotOf(key, this.bits); slots[slot * 3 + 1]; slot = (slot + 1) & mask) {
			if (slots[slot * 3] !== key) continue;
			for (let n = (slots[slot * 3 + 1] - 1) * 4, last = n + slots[slot * 3 + 2] * 4; n < last; n += 4) {
				const p = needles[n + 3];
				if (out[p >> 5] & (1 << (p & 31))) continue;
				// Compared character by character: the engine does not inline startsWith here.
				const start = needles[n], length = needles[n + 1], from = end - this.length - needles[n + 2];
				if (from < 0 || from + length > text.length) continue;
				let j = 0;
				while (j < length && text.charCodeAt(from + j) === chars.charCodeAt(start + j)) j++;
				if (j === length) out[p >> 5] |= 1 << (p & 31);
			}
			return;
		}
	}
}

const isNeedleList = (p: PatternText | readonly string[]): p is readonly string[] => Array.isArray(p);

export class Prefilter {
	/** Words of a pattern mask. */
	private readonly words: number;
	/** Patterns that are always run (no needle known). */
	private readonly always: Uint32Array;
	/** Needles of four characters and more by a key of four, needles of three by themselves. */
	private readonly long: KeyTable;
	private readonly short: KeyTable;
	/** How many patterns are read by their needles (the others are always run). */
	readonly filtered: number;
	/** The mask {@link Prefilter.scan} fills and returns, one per prefilter (a typed array per scanned sentence was a tenth of what an analysis allocated). */
	private readonly mask: Uint32Array;

	/** `patterns`: regular expressions (compiled or not), whose needles are read, or needles as they are (each at least three characters). */
	constructor(patterns: readonly (PatternText | readonly string[])[]) {
		this.words = Math.ceil(patterns.length / 32) || 1;
		this.always = new Uint32Array(this.words);
		this.mask = new Uint32Array(this.words);
		const byKey = [new Map<number, Needle[]>(), new Map<number, Needle[]>()];
		const all: { text: string; pattern: number }[] = [];
		patterns.forEach((p, i) => {
			const needles = isNeedleList(p) ? p : needlesOf(p, SHORT);
			if (needles) for (const text of needles) all.push({ text, pattern: i });
			else this.always[i >> 5] |= 1 << (i & 31);
		});
		this.filtered = new Set(all.map(n => n.pattern)).size;
		const shared = new Map<string, number>();
		for (const text of new Set(all.map(n => n.text))) {
			for (const piece of new Set(Array.from({ length: Math.max(0, text.length - KEY + 1) }, (_, i) => text.slice(i, i + KEY)))) shared.set(piece, (shared.get(piece) ?? 0) + 1);
		}
		for (const { text, pattern } of all) {
			const length = Math.min(text.length, KEY), at = keyAt(text, length, shared);
			const table = byKey[length === KEY ? 0 : 1], key = packed(text.slice(at, at + length));
			let list = table.get(key);
			if (!list) table.set(key, list = []);
			list.push({ text, at, pattern });
		}
		this.long = new KeyTable(KEY, byKey[0]);
		this.short = new KeyTable(SHORT, byKey[1]);
	}

	/**
	 * A mask of the patterns `text` may match (those with a needle in it), to be asked with {@link Prefilter.may}. The
	 * mask is this prefilter's own: the next scan overwrites it (read it before scanning again).
	 */
	scan(text: string): Uint32Array {
		const out = this.mask;
		out.set(this.always);
		const { long, short } = this;
		// Most pieces of a text meet an empty slot: only the others are looked up.
		const longHome = long.home, longBits = long.homeBits, shortHome = short.home, shortBits = short.homeBits, shorts = short.size > 0;
		const shortMask = 2 ** (8 * SHORT) - 1;
		let key = 0;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			key = (key << 8) | (c < 0xff ? c : 0xff);
			if (shorts && i >= SHORT - 1) {
				const slot = slotOf(key & shortMask, shortBits);
				if (shortHome[slot >>> 5] & (1 << (slot & 31))) short.find(key & shortMask, text, i + 1, out);
			}
			if (i >= KEY - 1) {
				const slot = slotOf(key, longBits);
				if (longHome[slot >>> 5] & (1 << (slot & 31))) long.find(key, text, i + 1, out);
			}
		}
		return out;
	}

	/** Whether pattern `i` may match the text of `mask`. */
	static may(mask: Uint32Array, i: number): boolean {
		return (mask[i >> 5] & (1 << (i & 31))) !== 0;
	}
}
