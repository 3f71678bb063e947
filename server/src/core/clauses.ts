import { BOOKMARK, firstLine, leadSkip } from './blocks';
import { blockTable, fact, foldOnce } from './memo';
import { completesTheSccs } from './sccs';
import { romanValue, withoutEmphasis } from './text';
import type { Annex, Block, Clause, ClauseRef } from './types';

interface ClauseHead {
	label?: string; style: Clause['style']; title: string; level: number;
	/** A number without a full stop ("3<tab>Instructions"): a clause only where its sub-clauses follow (see {@link confirmedHead}). */
	bare?: boolean;
	/** Numbered in Roman numerals ("Ziffer IV – Rechte und Pflichten"); the label is the number in digits. */
	roman?: boolean;
}

/**
 * Match `head` at the start of `line` and add the rest of the line as the last group, as `(.*)$` would (no match when
 * the rest holds a line separator, U+2028 or U+2029), without backtracking over the spaces between them.
 */
function withRest(head: RegExp, line: string): string[] | undefined {
	const m = head.exec(line);
	if (!m) return undefined;
	const rest = line.slice(m[0].length);
	return /[\n\r\u2028\u2029]/.test(rest) ? undefined : [...m, rest];
}

/** What a block's first line says of a clause it may start (memoised per block). */
interface HeadFact {
	/** The numbering and title at the start of the block, if it starts a clause. */
	readonly head?: ClauseHead;
	/** Where the block's first line ends, relative to it (-1: the block is one line). */
	readonly lineEnd: number;
	/** Whether the head's title is one: a short line that does not end like a sentence. */
	readonly titled: boolean;
}

/** Recognise the numbering at the start of a block. */
function clauseHead(blocks: readonly Block[], i: number): HeadFact {
	return fact(blocks, i, blockTable(blocks[i]), 'clause-head', clauseHeadFact);
}

/** Blocks after a bare number that may stand before its first sub-clause (an empty line of a Word export, a note). */
const BARE_LOOKAHEAD = 3;

/**
 * {@link clauseHead}, with a bare number taken only when the next numbered block is its first sub-clause
 * ("3<tab>Instructions" and then "3.1 …"): a list numbered without full stops ("1<tab>Employees", "2<tab>Customers")
 * is no clause. An item of a list completing the SCCs ("- Clause 7 (docking clause) does not apply.") is about a
 * clause of theirs, not a clause of this contract.
 */
function confirmedHead(blocks: readonly Block[], i: number): HeadFact {
	const fact = clauseHead(blocks, i);
	if (fact.head?.style === 'word' && completesTheSccs(blocks, i)) return NO_HEAD;
	if (!fact.head?.bare) return fact;
	for (let j = i + 1; j < blocks.length && j <= i + BARE_LOOKAHEAD; j++) {
		const next = clauseHead(blocks, j).head;
		if (!next) continue;
		return next.style === 'dotted' && next.label?.startsWith(`${fact.head.label}.`) ? fact : NO_HEAD;
	}
	return NO_HEAD;
}
const NO_HEAD: HeadFact = { lineEnd: -1, titled: false };

const clauseHeadFact = (block: Block): HeadFact => {
	const skip = leadSkip(block.text);
	const line = firstLine(block.text, skip);
	const head = readClauseHead(block, line);
	// The heading's line ends where the line it was read from ends (bullets and marks before it may span a line break).
	const lineEnd = head && skip + line.length < block.text.length ? skip + line.length : -1;
	return { head, lineEnd, titled: !!head && head.title.length <= 120 && !/[.;]\s*$/.test(head.title) };
};
const clauseRefsOf = (block: Block): ReturnType<typeof clauseRefsIn> => clauseRefsIn(block.text);

/** The clause number and title at the start of a block, read from `first`, its first line after bullets and marks. */
function readClauseHead(block: Block, first: string): ClauseHead | undefined {
	const line = first.replace(BOOKMARK, '').replace(/\*\*/g, '');
	const heading = block.kind === 'heading';
	let m = withRest(/^§\s*(\d+[a-z]?)(?![\d.,])\.?\s*(?:\(\s*(\d+)\s*\)\s*)?/u, line);
	if (m && (heading || line.length < 200 || !/^\s*(?:Abs|BGB|StGB|BDSG|UWG|HGB|TKG|TTDSG)/.test(m[3]))) {
		if (!/^\s*(?:Abs\.|BGB|StGB|BDSG|HGB|DSGVO)/.test(m[3])) return { label: m[1], style: 'para', title: m[3].trim(), level: 1 };
	}
	m = withRest(/^(?:Clause|Section|Article|Artikel|Ziffer|Ziff\.|Punkt|Klausel|Paragraph)\s+(\d+(?:\.\d+)*)\.?(?:\s*[-–—:.]\s*|\s+)/iu, line);
	if (m && (heading || line.length < 160) && !/^(?:GDPR|DSGVO|DS-GVO|of |der |des |Abs|para)/i.test(m[2])) {
		return { label: m[1], style: 'word', title: m[2].trim(), level: m[1].split('.').length };
	}
	// "Ziffer IV – Rechte und Pflichten", "Ziffer II a – Begriffe": the numeral in capitals (a small "i" or "c" is a list's
	// letter). Not "Section I": the SCCs group their clauses so ("SECTION II – Obligations of the Parties", then Clause 8).
	m = withRest(/^(?:Clause|Article|Artikel|Ziffer|Ziff\.|Punkt|Klausel|CLAUSE|ARTICLE|ARTIKEL|ZIFFER)\s+([IVXLC]{1,7})(?:\s?([a-z]))?(?![\p{L}\d])\.?(?:\s*[-–—:.]\s*|\s+|$)/u, line);
	if (m && (heading || line.length < 160) && romanValue(m[1]) > 0) {
		return { label: `${romanValue(m[1])}${m[2] ?? ''}`, style: 'word', title: m[3].trim(), level: 1, roman: true };
	}
	m = withRest(/^(\d{1,3}(?:\.\d{1,3})+)\.?(?:\s+|(?=\p{Lu}))/u, line);
	if (m) return { label: m[1], style: 'dotted', title: m[2].trim(), level: m[1].split('.').length };
	m = withRest(/^(\d{1,3})\.(?:\s+|(?=\p{Lu}))/u, line);
	if (m) return { label: m[1], style: 'dotted', title: m[2].trim(), level: 1 };
	// English drafting may number clauses without a full stop, the number set off by a tab ("3<tab>Instructions", which
	// Word exports may pad with spaces) before a title: a short line that does not end like a sentence. A row of a
	// table ("1<tab>Hosting GmbH<tab>Berlin") has more cells, set off the same way.
	// A single space sets the number off too ("9 Kontrollrechte des Auftraggebers / Audit rights of the Client"): a bare
	// number is taken only where its first sub-clause follows ({@link confirmedHead}).
	m = withRest(/^(\d{1,3})(?:\t|\s{2,}| )(?=\p{Lu})/u, line);
	if (m && m[2].length <= 120 && !/[.;:,]\s*$/.test(m[2]) && !/\S(?:\t|\s{2,})\S/.test(m[2])) return { label: m[1], style: 'dotted', title: m[2].trim(), level: 1, bare: true };
	m = withRest(/^(?:\((\d{1,3})\)|(\d{1,3})\))\s*/u, line);
	if (m) return { label: m[1] ?? m[2], style: 'paren', title: m[3].trim(), level: 99 };
	if (heading) return { style: 'heading', title: line.trim(), level: block.depth };
	return undefined;
}

/** The depth of the shallowest Markdown heading (7 without one): a heading's level counts from it. */
const shallowestHeading = (blocks: readonly Block[]): number => blocks.reduce((min, b) => (b.kind === 'heading' ? Math.min(min, b.depth) : min), 7);

/**
 * Where the contract body begins: the first numbered clause; without numbers, the first heading after the document
 * title (`fallback` without either). Title, parties and recitals before it are the head of the document. Read from the
 * blocks' clause heads, before the tree is built: the annexes, found from the body on, shape the tree.
 */
export function findBodyStart(blocks: readonly Block[], fallback: number): number {
	const minHeading = shallowestHeading(blocks);
	let firstHeading = true;
	// The earlier of the two is the first block that is either: the search ends there.
	for (let bi = 0; bi < blocks.length; bi++) {
		const { head } = confirmedHead(blocks, bi);
		if (!head) continue;
		if (head.label !== undefined && head.style !== 'paren') return blocks[bi].span.start;
		if (head.style === 'heading') {
			// The first heading is the document's title unless it is below the top level.
			if (!firstHeading || blocks[bi].depth - minHeading + 1 > 1) return blocks[bi].span.start;
			firstHeading = false;
		}
	}
	return fallback;
}

/**
 * Build the clause tree from numbered blocks and Markdown headings, with the annexes (inline, in document order, and
 * where the block of each one's heading starts: {@link annexHeadingStarts}): an annex starts its own numbering, so no
 * clause of an annex hangs under a clause of the body or of another annex, and a clause never runs on into the next
 * annex's heading.
 */
export function buildClauses(blocks: readonly Block[], annexes: readonly Annex[], headingStarts: readonly number[]): Clause[] {
	const clauses: Clause[] = [];
	const stack: Clause[] = [];
	const minHeading = shallowestHeading(blocks);
	// The annexes before the clause being built (a pointer: clauses and annexes are both in document order).
	let passed = 0;
	for (let bi = 0; bi < blocks.length; bi++) {
		const block = blocks[bi];
		const { head, lineEnd, titled } = confirmedHead(blocks, bi);
		if (!head) continue;
		// An annex heading's block belongs to its annex.
		while (passed < annexes.length && headingStarts[passed] <= block.span.start) passed++;
		const last = annexes[passed - 1];
		const annex = last && block.span.start < last.end ? last : undefined;
		// Into another annex, or out of one: the numbering starts afresh.
		if (stack.length && stack[0].annex !== annex) stack.length = 0;
		let level = head.level;
		if (head.style === 'heading') level = block.depth - minHeading + 1;
		else if (head.style === 'paren') {
			// Numbered paragraphs belong to the nearest § or numbered clause.
			let k = stack.length - 1;
			while (k >= 0 && stack[k].style === 'paren') k--;
			level = (k >= 0 ? stack[k].level : 0) + 1;
		} else if (head.style === 'dotted' && head.level === 1) {
			// "2." directly under a § is a paragraph of it (Word exports number paragraphs this way).
			// So is "2." under "Ziffer IV", numbered as a § is.
			const top = stack[0];
			if ((top?.style === 'para' || top?.roman) && block.kind !== 'heading') level = 2;
		}
		if (block.kind === 'heading' && head.style !== 'heading') {
			// A numbered Markdown heading nests by its number, but never above a shallower heading.
			level = Math.max(level, 1);
		}
		while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
		const parent = stack[stack.length - 1];
		let label = head.label;
		if (label && head.style === 'paren' && parent?.label) label = `${parent.label}(${label})`;
		else if (label && head.style === 'dotted' && level === 2 && (parent?.style === 'para' || parent?.roman) && !label.includes('.')) label = `${parent.label}(${label})`;
		// A numbered paragraph of prose has no title: only a short heading line is one.
		const title = block.kind === 'heading' || titled ? head.title : '';
		const clause: Clause = {
			label, style: head.style, title, level, parent, children: [],
			span: { start: block.span.start, end: lineEnd < 0 ? block.span.end : block.span.start + lineEnd }, end: block.span.end,
			...(annex ? { annex } : {}), ...(head.roman ? { roman: true } : {}),
		};
		parent?.children.push(clause);
		clauses.push(clause);
		stack.push(clause);
	}
	// A clause ends where the next clause of the same or a higher level begins: one pass with the clauses still open.
	const open: Clause[] = [];
	for (const c of clauses) {
		// Into another annex or out of one: every clause still open ends there.
		if (open.length && open[0].annex !== c.annex) while (open.length) open.pop()!.end = c.span.start;
		while (open.length && open[open.length - 1].level >= c.level) open.pop()!.end = c.span.start;
		open.push(c);
	}
	for (const c of open) c.end = blocks.length ? blocks[blocks.length - 1].span.end : c.end;
	// A clause never runs on into the heading of the next annex (also one whose heading is no clause: a bold line).
	let next = 0;
	for (const c of clauses) {
		while (next < annexes.length && headingStarts[next] <= c.span.start) next++;
		if (next < annexes.length && c.end > headingStarts[next]) c.end = headingStarts[next];
	}
	return clauses;
}

/** A reference to a clause; each word's start is checked after the word (see annexes.ts, REF). */
const CLAUSE_REF = /(?:(§§?)(?<=(?<![\p{L}])\1)\s*(\d+[a-z]?)(?:\s*(?:abs\.|absatz)\s*(\d+)|\s*\((\d+)\))?|(ziffern?|ziff\.?|punkte?n?|clauses?|sections?|paragraphs?|klauseln?|articles?)(?<=(?<![\p{L}])\5)\s+(\d{1,3}(?:\.\d{1,3})*|[ivxlc]{1,7}(?![\p{L}\d]))(?:\s*\((\d+|[a-z])\))?)/gu;
/**
 * The other document or statute named right after a reference ("section 3 of the Data Protection Act", "Ziffer 4 der
 * AGB"), also after a bracket the reference closes ("(as supplemented by section 205(4)) of the … Act").
 */
const CLAUSE_EXTERNAL = /^\)?(?:\.?\s*(?:s(?:atz|\.)\s*\d+|abs\.?\s*\d+|lit\.?\s*[a-z]|nr\.?\s*\d+|satz \d+|sentence \d+|\([^()\n]{1,60}\)))*\.?\s*(?:und\s+\d+\s+)?(?:der|des|dem|of the|of|in|zum|zur|to the)\s+(?:(?:eu|eea|ewr|uk|swiss|jeweiligen|geltenden)\s+)?(?:allgemeinen|agb|nutzungsbedingungen|hauptvertrag|main|master|principal|terms|services? agreement|agreement|contract|msa\b|order form|vertrag(?:es)? ueber|rahmen|leistungs|dienstleistungs|sccs?\b|standard|clauses|decision|beschluss|gdpr|dsgvo|ds-gvo|bdsg|bgb|hgb|stgb|uwg|tkg|ttdsg|regulation|verordnung|richtlinie|directive|gesetz|act\b|eu\b|uk\b|swiss|data protection|datenschutz|kommission|commission|idta|addendum|vo\b)/;
/**
 * "Ziffer 7 des Angebots", "Ziffer 8 der Besonderen Vertragsbedingungen", "Section 4 of the Order": a genitive that is
 * not "dieses Vertrags" / "of this Agreement" / "of the DPA" ("of" before "the DPA" is no way round it).
 */
/** After a § number and its parts, a statute's abbreviation as written: "StBerG", "EnWG", "StPO", "SGB X" (not this contract's "AVV"). */
const STATUTE_ABBREVIATION_AFTER = /^(?:\s*(?:Abs\.?|Absatz|Satz|S\.|Nr\.?|lit\.?|Unterabs\.?|UAbs\.?)\s*[\da-z]{1,3}\.?)*(?:\s*(?:ff?\.|und \d+|,\s*\d+))*\s+(?!(?:AVV|AV|DPA|ADV)(?![\p{L}]))\p{Lu}[\p{L}]{0,7}\p{Lu}(?![\p{L}])/u;
/** The other contract named right after the number, without an article: "(Ziff. 20 Rahmenvertrag)", "§ 9 AGB". */
const CONTRACT_NAMED_AFTER = /^\s+(?:hauptvertrag|rahmenvertrag|dienstleistungsvertrag|leistungsvertrag|nutzungsvertrag|lizenzvertrag|wartungsvertrag|agb|msa)(?![\p{L}])/u;
const OTHER_DOCUMENT = /^(?:\s*(?:abs\.?|absatz|satz|s\.|lit\.?)\s*[\da-z]{1,3}\.?)*\.?\s*(?:des|der|dem|of the|of|in the|under the|to the)\s+(?!(?:the\s+)?(?:diese[rsm]?|this|these|vorliegend\p{L}*|hiesig\p{L}*|av-?v|dpa)\b)\p{L}/u;
/** A letter right after a section's number, which statutes use ("Section 17A", "§ 26a" is read with its letter). */
const SECTION_LETTER = /^[a-z](?![\p{L}\d])/u;
/**
 * A statute named before its "§", as US codes are cited ("Cal. Civ. Code § 1798.100", "15 U.S.C. § 6801", "45 C.F.R.
 * § 164.502"): no clause of this contract, as "§ 823 BGB" is none with the statute after it.
 */
const CODE_BEFORE = /(?<![\p{L}])(?:code|u\.\s?s\.\s?c\.?|usc|c\.\s?f\.\s?r\.?|cfr|stat\.)\s*$/u;
/**
 * A possessive before the reference whose owner is another contract named just before it ("Der Hauptvertrag kann nach
 * seiner Ziffer 14 gekündigt werden", "the Main Agreement, under its Section 9"): that contract's clause. Without another
 * contract before it ("Diese Vereinbarung endet nach ihrer Ziffer 12") the possessive is this contract's.
 */
const OTHER_OWNER_BEFORE = /(?:hauptvertrag|rahmenvertrag|leistungsvertrag|dienstleistungsvertrag|nutzungsvertrag|lizenzvertrag|(?:main|master|principal|services?|underlying|framework) agreement|terms of (?:service|use)|agb|geschaeftsbedingungen|order form)\p{L}*(?![\p{L}])[^.;:]{0,80}(?<![\p{L}])(?:seine[rsmn]?|ihre[rsmn]?|dessen|deren|its|their)\s*$/u;
/** This contract named between the other contract and the possessive ("… the Main Agreement, … this DPA and its Clause 9"): the clause is its. */
const THIS_CONTRACT_NAMED = /(?<![\p{L}])(?:this|the present) (?:dpa|agreement|addendum|contract)|(?<![\p{L}])(?:diese[nmrs]?|vorliegende[nmrs]?) (?:vertrag|vereinbarung|avv)/u;
const LAW_AFTER = /^(?:\s*(?:abs\.?|absatz|satz|s\.|nr\.?|lit\.?|unterabs\.?|uabs\.?)\s*[\da-z]{1,3}\.?)*(?:\s*(?:ff?\.|und \d+|,\s*\d+))*\s*(?:bgb|stgb|bdsg|hgb|uwg|tkg|ttdsg|tdddg|ao|sgb|urhg|zpo|dsgvo|ds-gvo|gdpr|ustg|gwb|betrvg|inso|kwg|vag|bundesdatenschutzgesetz|abgabenordnung|handelsgesetzbuch|strafgesetzbuch)\b/;

/** References to clauses of this contract: "§ 7 (4)", "Ziff. 6.2", "Clause 7.7", "Section 3" (not statutes or other documents). */
export function findClauseRefs(text: string, blocks: readonly Block[], clauses: readonly Clause[], skip: ReadonlySet<number>): ClauseRef[] {
	const refs: ClauseRef[] = [];
	const heads = new Set(clauses.map(c => c.span.start));
	const index = indexClauses(clauses);
	const romanClauses = clauses.some(c => c.roman);
	for (let bi = 0; bi < blocks.length; bi++) {
		const block = blocks[bi];
		if (block.kind === 'html' || skip.has(block.span.start)) continue;
		for (const r of fact(blocks, bi, blockTable(block), 'clause-refs', clauseRefsOf)) {
			const start = block.span.start + r.start, end = block.span.start + r.end;
			// The clause's own number at the start of its line is a definition, not a reference.
			if (heads.has(start) || heads.has(start - leadSkip(text.slice(Math.max(0, start - 4), start)))) continue;
			if (r.atLead && heads.has(block.span.start)) continue;
			if (r.roman && !romanClauses) continue;
			const target = resolveClause(clauses, r.path, index);
			refs.push({ text: text.slice(start, end), span: { start, end }, path: r.path, style: r.style, target });
		}
	}
	return refs;
}

/** A clause reference in a block's text, relative to it, unresolved; `atLead` when it opens the block. */
interface RawClauseRef {
	readonly start: number; readonly end: number; readonly path: string[]; readonly style: ClauseRef['style']; readonly atLead: boolean;
	/** Written in Roman numerals ("Ziffer XIV"): read only in a draft whose clauses are numbered so. */
	readonly roman?: boolean;
}

/** The clause references of one block's text (memoised per block: resolution is the document's step). */
function clauseRefsIn(text: string): readonly RawClauseRef[] {
	{
		const out: RawClauseRef[] = [];
		const f = foldOnce(text);
		const lead = leadSkip(text);
		CLAUSE_REF.lastIndex = 0;
		for (let m = CLAUSE_REF.exec(f.text); m; m = CLAUSE_REF.exec(f.text)) {
			// "Article 6.6" numbers a clause (contracts numbered "Article 1 … Article 15" with "6.1"-style sub-articles);
			// "Article 28" without a dot is a statute's, and GDPR articles have no dotted numbers.
			if (m[5]?.startsWith('article') && !/^\d+\.\d/.test(m[6])) continue;
			// A statute's section may carry a letter ("Section 17A of the Data Protection Act 2018"): what follows it counts.
			// Markdown's emphasis marks are no words ("Section 4 of the _Agreement_").
			// A line break in a hard-wrapped paragraph is a space ("clause 31 (Notices) of\nthe Agreement").
			let after = withoutEmphasis(f.text.slice(m.index + m[0].length, m.index + m[0].length + 90)).replace(SECTION_LETTER, '');
			if (after.includes('\n')) after = after.replace(/[ \t]*\r?\n[ \t]*(?=\S)/g, ' ');
			if (LAW_AFTER.test(after) || CLAUSE_EXTERNAL.test(after) || OTHER_DOCUMENT.test(after) || CONTRACT_NAMED_AFTER.test(after)) continue;
			const before = f.text.slice(Math.max(0, m.index - 30), m.index);
			if (/(?:art\.?|artikel|article|gem\.\s*art\.?)\s*\d*\s*$/.test(before)) continue;
			if (m[1] && CODE_BEFORE.test(before)) continue;
			// "§ 62a StBerG", "§ 53a StPO", "§ 40 EnWG": a § followed by a statute's abbreviation (capitals at both ends, as
			// codes are written) cites that statute, whichever it is.
			if (m[1] && STATUTE_ABBREVIATION_AFTER.test(text.slice(f.map[m.index + m[0].length], f.map[m.index + m[0].length] + 60))) continue;
			const owner = OTHER_OWNER_BEFORE.exec(f.text.slice(Math.max(0, m.index - 140), m.index));
			if (owner && !THIS_CONTRACT_NAMED.test(owner[0])) continue;
			let path: string[];
			let style: ClauseRef['style'];
			if (m[1]) {
				path = [m[2], ...(m[3] ?? m[4] ? [m[3] ?? m[4]] : [])];
				style = 'para';
			} else if (/^\d/.test(m[6])) {
				path = [m[6], ...(m[7] && /\d/.test(m[7]) ? [m[7]] : [])];
				style = /^(ziff|nr)/.test(m[5]) || m[6].includes('.') ? 'dotted' : 'word';
			} else {
				// A Roman numeral in capitals, as such clauses are numbered ("Ziffer XIV"; "clause c" is a list's letter).
				const at = f.map[m.index + m[0].indexOf(m[6], m[5].length)];
				if (text.slice(at, at + m[6].length) !== m[6].toUpperCase()) continue;
				// "Ziffer II a": the clause inserted after Ziffer II.
				const letter = m[7] ? null : /^ ?([a-z])(?![\p{L}\d])/u.exec(f.text.slice(m.index + m[0].length));
				const end = m.index + m[0].length + (letter ? letter[0].length : 0);
				out.push({ start: f.map[m.index], end: f.map[end], path: [`${romanValue(m[6])}${letter ? letter[1] : ''}`, ...(m[7] && /\d/.test(m[7]) ? [m[7]] : [])], style: 'word', atLead: m.index === lead, roman: true });
				continue;
			}
			out.push({ start: f.map[m.index], end: f.map[m.index + m[0].length], path, style, atLead: m.index === lead });
		}
		return out;
	}
}

/** Clauses by label (a clause of the body before one of an annex), for {@link resolveClause}. */
export interface ClauseIndex {
	readonly byLabel: ReadonlyMap<string, Clause>;
	/** Labels of clauses that number their paragraphs ("7" when "7(1)" exists under it). */
	readonly numbered: ReadonlySet<Clause>;
}

/** Index the clauses for resolving many references. */
export function indexClauses(clauses: readonly Clause[]): ClauseIndex {
	const byLabel = new Map<string, Clause>();
	const numbered = new Set<Clause>();
	for (const c of clauses) {
		if (c.label === undefined) continue;
		const known = byLabel.get(c.label);
		if (!known || (known.annex && !c.annex)) byLabel.set(c.label, c);
		if (c.parent?.label !== undefined && c.label.startsWith(`${c.parent.label}(`)) numbered.add(c.parent);
	}
	return { byLabel, numbered };
}

/** Find the clause a path names: ["6.2"] → clause 6.2; ["7", "4"] → paragraph (4) of clause 7 (or clause 7 when its paragraphs are unnumbered). */
export function resolveClause(clauses: readonly Clause[], path: readonly string[], index = indexClauses(clauses)): Clause | undefined {
	const main = index.byLabel.get(path[0]);
	if (!main || path.length === 1) return main;
	const sub = index.byLabel.get(`${path[0]}(${path[1]})`) ?? index.byLabel.get(`${path[0]}.${path[1]}`);
	if (sub) return sub;
	// When the clause numbers its paragraphs, a paragraph it lacks is undefined; unnumbered paragraphs cannot be checked.
	return index.numbered.has(main) ? undefined : main;
}
