import type { LineIndex } from './text';

/** Half-open range of UTF-16 offsets into the document text (the unit of mdast offsets and LSP positions). */
export interface Span { readonly start: number; readonly end: number }

export type Lang = 'de' | 'en';
export type Localized<T = string> = Readonly<Record<Lang, T>>;
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Parsed YAML front-matter. */
export interface FrontMatter {
	readonly data: Readonly<Record<string, unknown>>;
	/** The whole `--- … ---` block, when present. */
	readonly span?: Span;
	/** Top-level key → span of the key's value (or of the key when the value is empty). */
	readonly keys: ReadonlyMap<string, Span>;
	readonly error?: { readonly message: string; readonly span: Span };
}

/** A leaf text block: a heading, paragraph line group, list item paragraph or table row. */
export interface Block {
	readonly kind: 'heading' | 'paragraph' | 'table' | 'html';
	readonly text: string;
	readonly span: Span;
	/** Markdown heading depth (1–6); 0 for plain text. */
	readonly depth: number;
}

/** A sentence inside a block. */
export interface Sentence {
	readonly span: Span;
	readonly text: string;
	/** Index of the block that contains it. */
	readonly block: number;
	/** The innermost clause containing the sentence, if any. */
	readonly clause?: Clause;
	/** The annex containing the sentence, if any (undefined for the contract body). */
	readonly annex?: Annex;
}

/** A numbered or headed clause of the contract: "§ 5", "6.1.10", "(2)", "Clause 7.7", a Markdown heading. */
export interface Clause {
	/** Normalised number, e.g. "5", "6.1.10", "5(2)"; undefined for an unnumbered heading. */
	readonly label?: string;
	/** How the number was written: "§", "dotted", "paren", "letter", "word" (Clause/Section/Ziffer), "heading". */
	readonly style: 'para' | 'dotted' | 'paren' | 'letter' | 'word' | 'heading';
	readonly title: string;
	/** Span of the clause's first line (number and title). */
	readonly span: Span;
	/** Where the clause's text ends (start of the next clause of the same or a higher level). */
	end: number;
	readonly level: number;
	parent?: Clause;
	readonly children: Clause[];
	/** The annex this clause lives in, if any. */
	readonly annex?: Annex;
	/** Numbered in Roman numerals ("Ziffer IV"); `label` holds the number in digits. */
	readonly roman?: boolean;
}

/** Annex families: one label space per word. */
/** Why the host does not read an annex file named in the front-matter (annex-file-invalid). */
export type AnnexFileProblem = 'outside' | 'missing' | 'not-regular' | 'too-large';

export type AnnexFamily = 'anlage' | 'anhang' | 'beilage' | 'annex' | 'schedule' | 'appendix' | 'exhibit' | 'attachment';

/** An annex defined by the document (a heading line "Anlage 2 – TOM", "ANNEX II", or front-matter `annexes`). */
export interface Annex {
	readonly family: AnnexFamily;
	/** The label as written: "2", "II", "B". */
	readonly label: string;
	/** What the document writes between the annex word and the label, when anything: "./" ("Beilage ./2", Austrian). */
	readonly prefix?: string;
	/** Normalised key for resolution: "2" for "II" and "2". */
	readonly key: string;
	readonly title: string;
	/** Span of the defining line. */
	readonly span: Span;
	/** Span of the label inside the defining line (for rename). */
	readonly labelSpan: Span;
	/** Where the annex's content ends. */
	end: number;
	/** Defined in a separate file (front-matter `annexes`). */
	readonly file?: string;
	/** Topics its title carries (sub-processors, TOMs, …). */
	readonly topics: readonly string[];
}

/** A reference to an annex in the text: "Anlage 3", "Annex II", "Schedule 2". */
export interface AnnexRef {
	readonly family: AnnexFamily;
	readonly label: string;
	/** As {@link Annex.prefix}: "./" in "Beilage ./4". */
	readonly prefix?: string;
	readonly key: string;
	/** Span of the whole reference ("Anlage 3"). */
	readonly span: Span;
	/** Span of the label only ("3"). */
	readonly labelSpan: Span;
	/** Resolved target, if any. */
	readonly target?: Annex;
	/** Topics named in the reference's own context. */
	readonly topics: readonly string[];
	/**
	 * In the document's head (title, parties, preamble, before the first clause): it refers to the annex it resolves to,
	 * but is not checked (a title names the main contract's annexes: "Annex 1 to the Agreement" is this DPA).
	 */
	readonly head?: boolean;
}

/** A reference to a clause of this contract: "Ziff. 6.2", "§ 7 (4)", "Clause 7.7", "Section 3". */
export interface ClauseRef {
	readonly text: string;
	readonly span: Span;
	/** Lookup path: ["7", "4"] for "§ 7 Abs. 4". */
	readonly path: readonly string[];
	readonly style: 'para' | 'dotted' | 'word';
	readonly target?: Clause;
}

/** A period such as "14 Tage", "thirty (30) days", "10 Arbeitstage". */
export interface Period {
	readonly text: string;
	readonly span: Span;
	readonly value: number;
	readonly unit: 'hour' | 'day' | 'week' | 'month' | 'year';
	readonly dayKind: 'calendar' | 'working' | 'business' | 'unspecified';
	/** Normalised length in days as a closed interval (hours → fractions of a day). */
	readonly days: readonly [number, number];
	readonly role: PeriodRole;
	readonly anchor: PeriodAnchor;
	/** Sentence the period occurs in. */
	readonly sentence: Span;
}

export type PeriodRole =
	| 'subprocessor-objection' | 'subprocessor-notice' | 'subprocessor-approval-request'
	| 'relocation-objection' | 'termination' | 'audit-notice' | 'breach-notification'
	| 'deletion-return' | 'retention' | 'terms-change-objection' | 'cure-suspension' | 'dsr-forwarding' | 'other';
export type PeriodAnchor = 'receipt-of-notice' | 'before-engagement' | 'end-of-services' | 'unknown';

/** The parsed draft: front-matter, blocks, clauses, annexes, references, sentences, periods. */
export interface DpaDocument {
	readonly text: string;
	readonly uri?: string;
	readonly lang: Lang;
	readonly frontMatter: FrontMatter;
	readonly blocks: readonly Block[];
	readonly clauses: readonly Clause[];
	/** Top-level clauses (roots of the clause tree). */
	readonly clauseRoots: readonly Clause[];
	readonly annexes: readonly Annex[];
	/** Annex headings that are entries of an annex list / table of contents (not definitions). */
	readonly annexListEntries: readonly Span[];
	readonly annexRefs: readonly AnnexRef[];
	readonly clauseRefs: readonly ClauseRef[];
	readonly sentences: readonly Sentence[];
	readonly periods: readonly Period[];
	/** Offset where the contract body begins (after front-matter and the title/parties block). */
	readonly bodyStart: number;
	/** Offset where the first annex's heading begins, before its "## " or "**" (or text length). */
	readonly bodyEnd: number;
	/** Line starts of this version of the text: one index per analysis, shared by every step. */
	readonly lines: LineIndex;
}

export type CoverageStatus = 'present' | 'partial' | 'missing' | 'not-applicable';

/**
 * Why one sub-element was decided as it was: found (with the sentence), or why the best candidate did not count.
 * `lookalike` names the cue group that excluded the candidate ("the duration of an audit").
 */
export type ElementState = 'found' | 'weak' | 'delegated' | 'annex-off-topic' | 'annex-empty' | 'blank' | 'heading' | 'label' | 'lookalike' | 'none';
export interface ElementVerdict {
	readonly element: string;
	readonly state: ElementState;
	readonly span?: Span;
	/** For `lookalike` and `weak`: the cue group that excluded or weakened the candidate. */
	readonly lookalike?: string;
}

/** What the analysis decided for one Art. 28 requirement. */
export interface Coverage {
	readonly requirement: string;
	readonly status: CoverageStatus;
	readonly evidence: readonly Span[];
	/** Sub-elements not found (ids), for partial requirements. */
	readonly missing: readonly string[];
	/** Sub-elements found in the draft's own text (ids, optional ones included). */
	readonly found: readonly string[];
	/** Per sub-element: found where, or why candidate text did not count. */
	readonly verdicts?: readonly ElementVerdict[];
	/** Only implied by another requirement (nature and purpose by a described subject-matter). */
	readonly impliedBy?: string;
	/** One sentence a lawyer can check: what was found where, or why candidate text did not count (message language). */
	readonly reason?: string;
	readonly note?: string;
}

/** A text edit on the document. */
export interface Edit { readonly span: Span; readonly text: string }

/** A fix the editor can apply; `mechanical` fixes are safe for fix-all (they insert no legal text). */
export interface Fix {
	readonly title: string;
	readonly edits: readonly Edit[];
	readonly mechanical: boolean;
	readonly kind: 'insert-clause' | 'insert-sentence' | 'create-annex' | 'retarget-annex' | 'harmonise-period' | 'renumber' | 'select-placeholder' | 'suppress-line' | 'suppress-file';
	/** For select-placeholder: the span to select. */
	readonly select?: Span;
}

/** One problem found by one rule; free of any editor types. */
export interface Finding {
	readonly rule: string;
	readonly severity: Severity;
	readonly message: string;
	readonly span: Span;
	readonly requirement?: string;
	readonly docs: string;
	/** Other places involved (the conflicting period; the annex probably meant). */
	readonly related: readonly { readonly span: Span; readonly message: string; readonly uri?: string }[];
	readonly fixes: readonly Fix[];
}

/** The result of linting one document. */
export interface LintResult {
	readonly doc: DpaDocument;
	/** Language of the messages (option, configuration, else the document's). */
	readonly lang: Lang;
	readonly coverage: readonly Coverage[];
	readonly findings: readonly Finding[];
}
