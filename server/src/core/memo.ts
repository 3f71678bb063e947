/**
 * Incremental analysis by memoisation. Every expensive step of the analysis is a pure function of one unit of text
 * (a parser window, a block, a sentence) that returns positions relative to that unit; a {@link Session} keeps those
 * results keyed by the unit's text, so re-analysing an edited draft recomputes only the units the edit touched, and
 * the document-level steps (clause tree, annex resolution, coverage aggregation, period comparison) run on the cached
 * parts. The result is by construction the one a full analysis gives: a full analysis is the same code with nothing
 * memoised.
 *
 * Finding a unit by its text means hashing it; most units of an edited draft lie before or after the edit, where the
 * text is the previous version's, so a unit given with its offset is first looked up by position: the session knows
 * how much of the text at the start and at the end is unchanged.
 *
 * Memory stays bounded: a table drops what the last analysis did not use once that is more than it used, so a
 * session holds at most about three versions' worth of results.
 */

import { fold, foldText, unchangedEnds, type Folded } from './text';

interface Entry<V> { readonly value: V; used: number }
/** Where a unit was in the last analysis: its length (its text is the same when the region is unchanged) and entry. */
interface Placed<V> { readonly length: number; readonly entry: Entry<V> }

/**
 * One memo table. Each entry remembers the last analysis (generation) that used it; when the table has grown well
 * beyond what the last analysis used, the entries it did not use are dropped.
 */
class Table<V> {
	private readonly entries = new Map<string, Entry<V>>();
	/**
	 * Entries by the offset of their unit, in the last analysis (sorted by offset) and in this one (in the order they
	 * were placed): units are looked up in document order, so the next one is usually right after the last one found.
	 */
	private previousAt: number[] = [];
	private previousPlaced: Placed<V>[] = [];
	private currentAt: number[] = [];
	private currentPlaced: Placed<V>[] = [];
	/**
	 * How many of the lists' items are this analysis's (current) and the last one's (previous): the lists of two
	 * analyses ago are filled again from the start (an array that grows by push to thousands of items is copied a
	 * dozen times on the way, on every edit); what lies beyond the count is stale.
	 */
	private previousCount = 0;
	private currentCount = 0;
	private cursor = 0;
	/** Entries the current generation has used. */
	private live = 0;
	private generation = 0;

	/** The entry of a unit at `at` in the last analysis (`previous`), if it has the same length (and so text). */
	byPosition(previous: number, at: number, length: number): V | undefined {
		const offsets = this.previousAt, count = this.previousCount;
		let i = this.cursor;
		if (i >= count || offsets[i] !== previous) {
			// Not the next one: the first unit at `previous`, by bisection.
			let lo = 0, hi = count;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (offsets[mid] < previous) lo = mid + 1; else hi = mid;
			}
			i = lo;
		}
		for (; i < count && offsets[i] === previous; i++) {
			const p = this.previousPlaced[i];
			if (p.length !== length) continue;
			this.cursor = i + 1;
			this.use(p.entry);
			this.place(at, p);
			return p.entry.value;
		}
		return undefined;
	}

	get(key: string, at?: number): V | undefined {
		const e = this.entries.get(key);
		if (!e) return undefined;
		this.use(e);
		if (at !== undefined) this.place(at, { length: key.length, entry: e });
		return e.value;
	}

	set(key: string, value: V, at?: number): void {
		const e = { value, used: this.generation };
		this.entries.set(key, e);
		this.live++;
		if (at !== undefined) this.place(at, { length: key.length, entry: e });
	}

	private place(at: number, p: Placed<V>): void {
		const n = this.currentCount++;
		if (n < this.currentAt.length) { this.currentAt[n] = at; this.currentPlaced[n] = p; } else { this.currentAt.push(at); this.currentPlaced.push(p); }
	}

	private use(e: Entry<V>): void {
		if (e.used !== this.generation) { e.used = this.generation; this.live++; }
	}

	/** A new generation; first drop what the last one did not use, when that is more than it used. */
	rotate(): void {
		if (this.entries.size > 2 * this.live + 256) {
			for (const [k, e] of this.entries) if (e.used !== this.generation) this.entries.delete(k);
		}
		this.generation++;
		this.live = 0;
		// Placed in document order as a rule; otherwise sorted (stable: of two units at one offset, the first placed first).
		const n = this.currentCount, at = this.currentAt, placed = this.currentPlaced;
		let sorted = true;
		for (let i = 1; i < n && sorted; i++) sorted = at[i - 1] <= at[i];
		if (!sorted) {
			const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => at[a] - at[b] || a - b);
			const byOrder = order.map(i => placed[i]), atByOrder = order.map(i => at[i]);
			for (let i = 0; i < n; i++) { placed[i] = byOrder[i]; at[i] = atByOrder[i]; }
		}
		// The last analysis's lists are this one's to fill; what they hold beyond the count is not read. Lists much longer
		// than this analysis needed (a draft cut short) are cut, so that stale items keep no more alive than the last
		// analyses' results.
		this.currentAt = this.previousAt;
		this.currentPlaced = this.previousPlaced;
		if (this.currentAt.length > 2 * n + 1024) { this.currentAt.length = n; this.currentPlaced.length = n; }
		this.previousAt = at;
		this.previousPlaced = placed;
		this.previousCount = n;
		this.currentCount = 0;
		this.cursor = 0;
	}

	get size(): number { return this.entries.size; }
}

/**
 * The memory of one draft's analyses (one per open document in the language server). Tied to one catalogue: cue
 * decisions are stored by the catalogue's cue indices, so a session used with another catalogue starts afresh.
 */
export class Session {
	private tables = new Map<string, Table<unknown>>();
	private owner: unknown;
	private text = '';
	/** Characters at the start and at the end of the text unchanged since the last analysis, and the change in length. */
	private prefix = 0;
	private suffix = 0;
	private delta = 0;
	/** Analyses run with this session (for tests and the benchmark). */
	runs = 0;
	/** The facts of each unit (block, sentence object) of the running analysis, found once per unit. */
	units = new Map<readonly object[], unknown[][]>();
	/** The strings {@link joinedOnce} made. */
	readonly joins = new Joins();

	/** Start an analysis of `text` with `owner` (the catalogue): a new generation, or a clean slate for another owner. */
	begin(owner: unknown, text: string): void {
		if (owner !== this.owner) { this.tables.clear(); this.owner = owner; this.text = ''; }
		for (const t of this.tables.values()) t.rotate();
		this.joins.rotate();
		[this.prefix, this.suffix] = unchangedEnds(this.text, text);
		this.delta = text.length - this.text.length;
		this.text = text;
		this.units = new Map();
		this.runs++;
	}

	/**
	 * Where the unit [at, at + length) of this text was in the last analysis's text, when its text is the same there
	 * (it lies in the unchanged start or end); -1 otherwise.
	 */
	previousOffset(at: number, length: number): number {
		if (at + length <= this.prefix) return at;
		if (at >= this.text.length - this.suffix) return at - this.delta;
		return -1;
	}

	table<V>(name: string): Table<V> {
		let t = this.tables.get(name) as Table<V> | undefined;
		if (!t) this.tables.set(name, (t = new Table<V>()) as Table<unknown>);
		return t;
	}

	/** Entries held, over all tables and joined strings (for tests and the benchmark). */
	get size(): number {
		let n = this.joins.size;
		for (const t of this.tables.values()) n += t.size;
		return n;
	}
}

/**
 * Strings joined from two others, by the two (see {@link joinedOnce}); like a {@link Table}, it drops what the last
 * analysis did not use once that is more than it used.
 */
class Joins {
	private readonly bySep = new Map<string, Map<string, Map<string, { value: string; used: number }>>>();
	/** Strings held (for tests and the benchmark). */
	size = 0;
	private live = 0;
	private generation = 0;

	get(a: string, sep: string, b: string): string {
		let byA = this.bySep.get(sep);
		if (!byA) this.bySep.set(sep, byA = new Map());
		let byB = byA.get(a);
		if (!byB) byA.set(a, byB = new Map());
		let e = byB.get(b);
		if (!e) {
			byB.set(b, e = { value: a + sep + b, used: this.generation });
			this.size++;
			this.live++;
		} else if (e.used !== this.generation) {
			e.used = this.generation;
			this.live++;
		}
		return e.value;
	}

	rotate(): void {
		if (this.size > 2 * this.live + 256) {
			this.size = 0;
			for (const byA of this.bySep.values()) {
				for (const [a, byB] of byA) {
					for (const [b, e] of byB) if (e.used !== this.generation) byB.delete(b);
					if (byB.size) this.size += byB.size; else byA.delete(a);
				}
			}
		}
		this.generation++;
		this.live = 0;
	}
}

/** The session of the analysis running now (analyses are synchronous, so one at a time per thread). */
let active: Session | undefined;

/** Run `fn` analysing `text` with `session` as the memory of the memoised steps; without one, nothing is memoised. */
export function withSession<T>(session: Session | undefined, owner: unknown, text: string, fn: () => T): T {
	if (!session) {
		const outer = folds;
		folds = new Map();
		try { return fn(); } finally { folds = outer; }
	}
	const outer = active;
	session.begin(owner, text);
	active = session;
	try { return fn(); } finally {
		active = outer;
		session.units = new Map();
		lastUnits = undefined; lastKnown = []; lastSession = undefined;
	}
}

/**
 * A copy of `s` that does not keep a larger string alive: V8 represents a slice as a view of its parent, so a key
 * sliced from one version of a 200 KB draft would otherwise hold that whole version in memory.
 */
export function detached(s: string): string {
	// Concatenation then slicing flattens into a fresh string of the key's own length.
	return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * `compute(key)`, memoised by `key` in the active session's table `name` (computed afresh when no session is active).
 * `at`: the offset of the unit in the analysed text, when `key` is that text's [at, at + key.length). With a session,
 * `compute` gets the kept copy of the key ({@link detached}): what it computes from that (a folded text is often the
 * text itself) then keeps nothing of the analysed draft alive.
 */
export function memo<V>(name: string, key: string, compute: (key: string) => V, at?: number): V {
	if (!active) return compute(key);
	const table = active.table<V>(name);
	let v: V | undefined;
	if (at !== undefined) {
		const previous = active.previousOffset(at, key.length);
		if (previous >= 0) v = table.byPosition(previous, at, key.length);
	}
	if (v === undefined) v = table.get(key, at);
	if (v === undefined) {
		const own = detached(key);
		v = compute(own);
		table.set(own, v, at);
	}
	return v;
}

/**
 * `a + sep + b`, with a session the same string each time the same three are joined: a string made afresh by each
 * analysis is hashed afresh wherever it is a key (a clause's context, looked up per clause and annex on every edit),
 * a kept one keeps its hash. `a` and `b` should be strings the session keeps too (a folded title, another joined
 * string): they are looked up by identity first and kept by the joined string.
 */
export function joinedOnce(a: string, sep: string, b: string): string {
	return active ? active.joins.get(a, sep, b) : a + sep + b;
}

/**
 * {@link foldText} of a text (a block, a sentence, a title), memoised by the text in the active session: the steps that
 * read a block or sentence fold it once between them. Without a session, the folds are kept for the one analysis
 * (folding is a pure function of the text, so nothing else of the analysis changes).
 */
export function foldedOnce(text: string): string {
	if (active) return memo('fold', text, foldText);
	if (!folds) return foldText(text);
	let folded = folds.get(text);
	if (folded === undefined) folds.set(text, folded = foldText(text));
	return folded;
}
/** The folds of the analysis running without a session (see {@link foldedOnce}). */
let folds: Map<string, string> | undefined;

/** {@link fold} of a text, its folded text made once per session ({@link foldedOnce}). */
export function foldOnce(text: string): Folded {
	return fold(text, 0, foldedOnce(text));
}

/** A unit of the draft: a block or a sentence. */
interface Unit { readonly text: string; readonly span: { readonly start: number } }

/**
 * `compute(unit)`, memoised as fact `name` of the unit `units[i]` of this analysis (a block, a sentence); `table` says
 * what kind of unit it is. `compute` gets the unit, so it need not be a closure made at each look-up. All facts of a
 * unit share one look-up, so a unit is found once per analysis, not per step.
 */
export function fact<U extends Unit, V>(units: readonly U[], i: number, table: string, name: FactName, compute: (unit: U) => V): V {
	if (!active) return compute(units[i]);
	// Facts are asked for unit after unit of one list: the list last asked about is remembered.
	let known: unknown[][] | undefined;
	if (units === lastUnits && active === lastSession) known = lastKnown;
	else {
		known = active.units.get(units);
		if (!known) active.units.set(units, known = []);
		lastUnits = units; lastKnown = known; lastSession = active;
	}
	let facts = known[i];
	if (!facts) {
		const unit = units[i];
		facts = known[i] = memo<unknown[]>(table, unit.text, newRecord, unit.span.start);
	}
	const slot = FACTS[name];
	let v = facts[slot] as V | undefined;
	if (v === undefined) {
		// Computed from the unit with the record's own copy of its text: a unit's text is a slice of the analysed draft,
		// and what is computed from it (titles, folded sentences, references) is often a slice of that in turn, which
		// would keep that whole version of the draft alive with the record (typing in a 200 KB draft held 100–200 MB).
		v = compute({ ...units[i], text: facts[TEXT] as string });
		// Most units have none of a kind of thing (references, periods, fill-ins, citations): one shared empty list for
		// them all, so that a step asking every unit reads one list, not thousands of empty ones spread over the heap.
		// (Facts are read, never changed: they are kept for the next analysis.)
		facts[slot] = v = Array.isArray(v) && v.length === 0 ? (NONE as V) : v;
	}
	return v;
}

/** The one empty list every fact that is an empty list is (see {@link fact}). */
const NONE: readonly never[] = [];

/**
 * A unit's record of facts, with the kept copy of its text (see {@link memo}). Made at its full length: an empty array
 * given its last slot first grows to 43 slots (V8's growth), more than twice the 18 a record has, and every step of
 * every analysis reads these records (some 3,200 of them in a 200 KB draft).
 */
const newRecord = (text: string): unknown[] => {
	const record: unknown[] = new Array(TEXT + 1);
	record[TEXT] = text;
	return record;
};
let lastUnits: readonly Unit[] | undefined, lastKnown: unknown[][] = [], lastSession: Session | undefined;

/** The facts known of units, each with its slot in a unit's record. */
const FACTS = {
	'clause-head': 0, 'clause-refs': 1, 'fill-ins': 2, instruction: 3, 'contradictions:de': 4, 'contradictions:en': 5, language: 6,
	core: 7, 'core-table': 8, sentences: 9, periods: 10, 'annex-refs': 11, 'annex-head': 12, 'header-row': 13, 'party-names': 14,
	citations: 15, 'table-row': 16,
} as const;
/** The slot of a unit's record that holds its own copy of the unit's text. */
const TEXT = 17;
export type FactName = keyof typeof FACTS;

/** The table of a block's facts: its kind and depth are part of what it is (names made once: a name is hashed once). */
export function blockTable(block: { readonly kind: string; readonly depth: number }): string {
	const byDepth = BLOCK_TABLES.get(block.kind) ?? BLOCK_TABLES.set(block.kind, []).get(block.kind)!;
	return byDepth[block.depth] ??= `block:${block.kind}:${block.depth}`;
}
const BLOCK_TABLES = new Map<string, string[]>();
