
/** Text folded for matching (lower case, umlauts as ae/oe/ue, ß as ss, typographic quotes and dashes plain) with a map back to source offsets. */
export interface Folded { readonly text: string; readonly map: Int32Array }

const FOLD: Record<string, string> = {
	'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'ß': 'ss', 'ẞ': 'ss',
	'„': '"', '“': '"', '”': '"', '«': '"', '»': '"', '‚': "'", '‘': "'", '’': "'",
	'–': '-', '—': '-', '‑': '-', '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ',
	'é': 'e', 'è': 'e', 'à': 'a', 'ç': 'c',
};

const NON_ASCII = /[^\0-\x7f]/;
const ONE_TO_ONE = /[„“”«»‚‘’–—‑\u00a0\u202f\u2009éèàç]/g;
const EXPANDING = /[äöüß]/g;

/**
 * Fold `text` for case-, umlaut- and ß-insensitive matching; `map[i]` is the source offset of folded char i (length+1
 * entries). The map is made when first read: most texts are only searched, and a map is needed where something is found.
 */
export function fold(text: string, base = 0, folded?: string): Folded {
	return new LazyFolded(text, base, folded);
}

class LazyFolded implements Folded {
	readonly text: string;
	#map: Int32Array | undefined;
	/** `folded`: the text's {@link foldText}, when it is known. */
	constructor(private readonly source: string, private readonly base: number, folded: string | undefined) {
		this.text = folded ?? foldText(source);
	}
	get map(): Int32Array {
		return (this.#map ??= foldMap(this.source, this.base));
	}
}

function foldMap(text: string, base: number): Int32Array {
	let lower = text.toLowerCase();
	if (lower.length !== text.length) return foldSlow(text, base).map;
	lower = lower.replace(ONE_TO_ONE, c => FOLD[c]);
	const expansions = lower.match(EXPANDING)?.length ?? 0;
	const map = new Int32Array(lower.length + expansions + 1);
	let o = 0, last = 0;
	EXPANDING.lastIndex = 0;
	for (let m = EXPANDING.exec(lower); m; m = EXPANDING.exec(lower)) {
		for (let i = last; i < m.index; i++) map[o++] = base + i;
		map[o++] = base + m.index;
		map[o++] = base + m.index;
		last = m.index + 1;
	}
	for (let i = last; i <= lower.length; i++) map[o++] = base + i;
	return map;
}

/** The folded text alone, as {@link fold} gives it, without the map back to the source (cheaper: most callers only match). */
export function foldText(text: string): string {
	const lower = text.toLowerCase();
	if (lower.length !== text.length) return foldSlow(text, 0).text;
	// Only characters beyond ASCII are looked up (most of a text, all of many texts, is ASCII).
	if (!NON_ASCII.test(lower)) return lower;
	let out = '', last = 0;
	for (let i = 0; i < lower.length; i++) {
		if (lower.charCodeAt(i) < 128) continue;
		const folded = FOLD[lower[i]];
		if (folded === undefined) continue;
		out += lower.slice(last, i) + folded;
		last = i + 1;
	}
	return last ? out + lower.slice(last) : lower;
}

function foldSlow(text: string, base: number): Folded {
	let out = '';
	const map: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		const lower = ch.toLowerCase();
		const rep = FOLD[lower] ?? (lower.length === 1 ? lower : ch);
		out += rep;
		for (let k = 0; k < rep.length; k++) map.push(base + i);
	}
	map.push(base + text.length);
	return { text: out, map: Int32Array.from(map) };
}

/** Fold only the literal letters of a regular expression source, leaving escapes (\S, \p{L}, \b) intact. */
export function foldPattern(source: string): string {
	let out = '';
	for (let i = 0; i < source.length; i++) {
		const ch = source[i];
		if (ch === '\\') {
			const next = source[i + 1] ?? '';
			if ((next === 'p' || next === 'P') && source[i + 2] === '{') {
				const close = source.indexOf('}', i);
				out += source.slice(i, close + 1);
				i = close;
			} else {
				out += ch + next;
				i++;
			}
			continue;
		}
		const lower = ch.toLowerCase();
		out += FOLD[lower] ?? lower;
	}
	return out;
}

const WORD = '[\\p{L}\\p{N}_]';
/** Compile a folded, Unicode-aware pattern: `\b` becomes a letter-aware boundary (JavaScript's `\b` is ASCII-only). */
export function compilePattern(source: string, flags = 'gu'): RegExp {
	return new RegExp(patternSource(source), flags);
}

/** The source {@link compilePattern} compiles for `source` (what a pattern compiled later is made of). */
export function patternSource(source: string): string {
	// Before a letter "\b" can only be a word start, after a letter only a word end: cheaper one-sided look-arounds.
	// A word start is checked after its first letter ("t(?<!W t)ls", not "(?<!W)tls"), so the engine can scan for the
	// letter instead of trying the look-behind at every position; a group of words counts as starting with a letter.
	const folded = foldPattern(source).replace(/(.?)\\b(\(\?:(?=\p{L}))?(.?)(.?)/gu, (_m, before: string, group: string | undefined, after: string, next: string) => {
		if (group) return `${before}(?<!${WORD})${group}${after}${next}`;
		if (/[\p{L}\p{N}]/u.test(after) && !/^[?*+{]$/.test(next)) return `${before}${after}(?<!${WORD}${after})${next}`;
		if (/\p{L}/u.test(after)) return `${before}(?<!${WORD})${after}${next}`;
		if (/\p{L}/u.test(before) && before !== '\\') return `${before}(?!${WORD})${after}${next}`;
		return `${before}(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))${after}${next}`;
	});
	return folded;
}

/**
 * Whether a character is white space as `\s` and String.prototype.trim see it: the white space and line terminators
 * of ECMAScript (tab, line feed, vertical tab, form feed, carriage return, the space separators, U+2028, U+2029, U+FEFF).
 */
export function isWhiteSpace(c: number): boolean {
	return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** The length of the letter (`\p{L}`) at `i`: 2 for a letter beyond U+FFFF, 0 when there is none. */
export function letterAt(text: string, i: number): number {
	const c = text.charCodeAt(i);
	if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0;
	const cp = text.codePointAt(i)!;
	return LETTER.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}
const LETTER = /\p{L}/u;

/** Roman numeral of a positive number (4 → "IV"). */
export function toRoman(n: number): string {
	const table: [number, string][] = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
	let out = '';
	for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
	return out;
}

/** Replace `{name}` placeholders. */
export function interpolate(template: string, values: Readonly<Record<string, string | number>>): string {
	// A template is split at its placeholders once ("a {x} b": "a ", "x", " b"); every finding of an analysis fills one.
	let parts = templateParts.get(template);
	if (!parts) {
		if (templateParts.size >= 4096) templateParts.clear();
		templateParts.set(template, parts = template.split(/\{(\w+)\}/));
	}
	if (parts.length === 1) return template;
	let out = parts[0];
	for (let i = 1; i < parts.length; i += 2) out += (parts[i] in values ? String(values[parts[i]]) : `{${parts[i]}}`) + parts[i + 1];
	return out;
}
/** Templates split at their placeholders (the catalogue's messages: a few hundred). */
const templateParts = new Map<string, string[]>();

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
/** Value of a Roman numeral ("IV" → 4), or NaN. */
export function romanValue(s: string): number {
	const t = s.toLowerCase();
	if (!/^[ivxlc]+$/.test(t)) return NaN;
	let total = 0;
	for (let i = 0; i < t.length; i++) {
		const v = ROMAN[t[i]], next = ROMAN[t[i + 1]] ?? 0;
		total += v < next ? -v : v;
	}
	return total;
}

/** Normalised annex label key: Arabic and Roman numbers as digits, letters upper-case. */
export function annexKey(label: string): string {
	if (/^\d+$/.test(label)) return String(Number(label));
	const roman = romanValue(label);
	if (!Number.isNaN(roman) && label.length > 0 && !(label.length === 1 && /[cl]/i.test(label))) return String(roman);
	return label.toUpperCase();
}

/** Number words in German and English (folded spellings), for periods such as "vier (4) Wochen". */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
	ein: 1, eine: 1, einen: 1, einem: 1, einer: 1, eines: 1, zwei: 2, drei: 3, vier: 4, fuenf: 5, sechs: 6, sieben: 7, acht: 8,
	neun: 9, zehn: 10, elf: 11, zwoelf: 12, dreizehn: 13, vierzehn: 14, fuenfzehn: 15, sechzehn: 16, achtzehn: 18,
	zwanzig: 20, einundzwanzig: 21, vierundzwanzig: 24, achtundzwanzig: 28, dreissig: 30, fuenfundvierzig: 45, sechzig: 60, neunzig: 90,
	zweiundsiebzig: 72, achtundvierzig: 48, hundertachtzig: 180,
	a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
	thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, eighteen: 18, twenty: 20, 'twenty-one': 21, 'twenty-four': 24, 'twenty-eight': 28,
	thirty: 30, 'forty-five': 45, 'forty-eight': 48, sixty: 60, 'seventy-two': 72, ninety: 90,
};

/** Count lines and give a 0-based line index for offsets, with UTF-16 columns (LSP positions). */
export class LineIndex {
	private readonly starts: number[];
	constructor(text: string) {
		this.starts = [0];
		if (!text.includes('\r')) {
			for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
			return;
		}
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 10) this.starts.push(i + 1);
			else if (c === 13) {
				if (text.charCodeAt(i + 1) === 10) i++;
				this.starts.push(i + 1);
			}
		}
	}
	/** LSP position of an offset. */
	position(offset: number): { line: number; character: number } {
		let lo = 0, hi = this.starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
		}
		return { line: lo, character: offset - this.starts[lo] };
	}
	/** Offset of a line start. */
	lineStart(line: number): number { return this.starts[Math.min(line, this.starts.length - 1)]; }
	get lineCount(): number { return this.starts.length; }
}

/**
 * Lengths of the common start and of the common end of `a` and `b` (not overlapping), compared a stretch at a time:
 * what an edit left unchanged, before and after it.
 */
export function unchangedEnds(a: string, b: string): [number, number] {
	const max = Math.min(a.length, b.length);
	let p = 0;
	for (let step = 4096; step >= 1; step >>= 4) while (p + step <= max && a.slice(p, p + step) === b.slice(p, p + step)) p += step;
	let s = 0;
	for (let step = 4096; step >= 1; step >>= 4) while (s + step <= max - p && a.slice(a.length - s - step, a.length - s) === b.slice(b.length - s - step, b.length - s)) s += step;
	return [p, s];
}

/**
 * The matches of a global pattern in `text`, as `[...text.matchAll(re)]` gives them for a pattern whose lastIndex is 0.
 * matchAll runs a copy of the pattern, and V8 compiles such a copy anew once a full garbage collection has emptied its
 * cache of compiled patterns (every few drafts in a long run, some dozen patterns each time); this runs the pattern
 * itself, from 0, and leaves its lastIndex at 0: not for a pattern a caller is stepping through with exec.
 */
export function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
	if (!re.global) throw new TypeError(`matchesOf needs a global pattern: /${re.source}/${re.flags}`);
	const out: RegExpExecArray[] = [];
	re.lastIndex = 0;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		out.push(m);
		// An empty match moves on by one character (a whole code point with the u flag), as matchAll does.
		if (m[0] === '') re.lastIndex += (re.unicode || re.flags.includes('v')) && (text.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
	}
	re.lastIndex = 0;
	return out;
}

/** The index of the last of `units` (sorted by start) that starts at or before `offset`; -1 when none does. */
export function lastStartingBy(units: readonly { readonly span: { readonly start: number } }[], offset: number): number {
	let lo = 0, hi = units.length - 1, found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (units[mid].span.start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
	}
	return found;
}

/** `text` without Markdown's emphasis marks ("to the _Standard Contractual Clauses_"): they are no words. */
export const withoutEmphasis = (text: string): string => text.replace(/[*_]+/g, '');
