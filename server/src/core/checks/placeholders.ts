import { fillInHighlight, HIGHLIGHT } from '../fillIns';
import type { Reporter } from '../messages';
import { blockTable, fact, foldedOnce, memo } from '../memo';
import { quickTest } from '../prefilter';
import { compilePattern, fold, foldText, matchesOf } from '../text';
import type { Block, DpaDocument, Fix, Sentence, Span } from '../types';

/**
 * A line of a signature block: its captions ("Unterschrift", "Ort, Datum", "Name and title", "Name, Funktion"), "For the
 * Controller:", and the German place-and-date line, a place before ", den" (Austrian ", am") and the blank or the end of
 * the line ("Uelzen, den ____", "Bern, den", "Wien, am ____"), also in the cells of a signature table ("| Kiel, den ____ |").
 */
const SIGNATURE = compilePattern('(?:^|\\|)\\s*\\p{L}[\\p{L}. -]{1,40}, (?:den|am)(?=[\\s_.…|]|$)|name,? (?:und )?(?:funktion|position|titel)|name,? (?:and )?(?:position|function|role)|unterschrift|signature|\\bsigned\\b|ort,? (?:und )?datum|datum,? (?:und )?ort|place,? (?:and )?date|date,? (?:and )?place|\\bdate:|\\bby:|name, vorname, funktion|name and title|\\btitle:|(?:^|\\|)\\s*(?:fuer|for|on behalf of) (?:den|die|the) (?:auftraggeber|auftragnehmer|verantwortlichen|auftragsverarbeiter|controller|processor|customer|client|kunden)\\s*:?\\s*$|stempel|gezeichnet', 'u');
/** Merge fields, blanks, bracketed fill-ins, label-as-value fields. */
const PLACEHOLDER_SOURCE = [
	'\\{\\{[^}\\n]{1,80}\\}\\}',
	// "[●]", "[•]", "[___]" mark a value to fill in wherever they stand (a table cell: "| Duration | [●] |"); "[x]", "[n]",
	// "[ ]", "[…]" only before the words they stand for (a lone "[x]" or "[ ]" is a checkbox, "[…]" an omission).
	'\\[(?:●|•|_+)\\]',
	'\\[(?:x{1,3}|n|#|…|\\.{2,}|\\s*)\\](?=\\s*[\\p{L}\\d])',
	'\\[[^\\]\\n]{0,80}(?:angeben|einfuegen|einsetzen|eintragen|ergaenzen|ausfuellen|specify|insert|enter|to be (?:completed|confirmed|inserted)|tbd|todo|platzhalter)[^\\]\\n]{0,40}\\]',
	'_{4,}',
	'(?:nr\\.?|no\\.)\\s*(?:\\*\\*)?[\\p{L}]{0,30}(?:\\*\\*)?-?[\\p{L}]{0,30}nummer\\b',
	'vertragsnummer:\\s*(?:\\*\\*)?[\\p{L}]{0,30}(?:\\*\\*)?-?vertragsnummer',
	'(?<=\\s)[\\p{L}]{1,30}-[\\p{L}]{0,30}nummer:*(?=\\s*$)',
	'\\b(?:tbd|todo|tba)\\b',
	// "Vertrag vom xxx", "xxx Tage": a run of x marks the value to be filled in.
	'(?<![\\p{L}])x{3,}(?![\\p{L}])',
].join('|');
const PLACEHOLDER = compilePattern(PLACEHOLDER_SOURCE, 'gu');
/**
 * Square brackets in a draft mark what is still open ("[SPECIFY TIME PERIOD]", "[Name des Verantwortlichen]",
 * "[optional wording]"). Not: Markdown links and references, footnotes, checkboxes, "[1]", "[sic]", "[…]".
 * A date stamp in brackets ("[Stand: 14.02.2025]", "[as of 1 March 2025]", "[Version 2.1]") is filled in: it says
 * when, it asks for nothing; a clause kept free on purpose ("12.3 [Intentionally left blank.]", "[Reserved]",
 * "[entfällt]") is decided, not open.
 */
const BRACKET = /\[(?!\^|bookmark:|image:|sic\]|…\]|\.\.\.\]|\d+\]|(?:stand|version|fassung|as of|last (?:updated|modified|revised)|updated|revised|dated)\b[:\s]*[^\]\n]{0,30}\d[^\]\n]{0,30}\]|(?:intentionally (?:left )?blank|reserved|deliberately (?:left )?blank|bewusst (?:frei ?gelassen|leer)|absichtlich (?:frei ?gelassen|leer)|entf(?:ä|ae)llt|nicht belegt|frei)\.?\])[^[\]\n]{2,80}\](?![(:[])/giu;
/** A highlighted drafting aid over several lines: "==Beispiele von Datenarten:" up to the closing "==". */
const HIGHLIGHT_AID = /(?<![=])==(?=[^=\n]*(?:beispiel|example|hinweis|note|option|alternative|:[ \t]*$))([^=\n]+)\n[^=]{0,3000}?==/gimu;
/** A line of a block. */
const LINE = /[^\r\n]+/g;
/** "Zwischen dem Auftraggeber und" with nothing in between: a party named only by its role. */
const ROLE_ONLY_PARTY = compilePattern('^\\s*(?:zwischen|between)\\s+(?:dem|der|den|the)\\s+(?:auftraggeber|verantwortlichen|kunden|auftragnehmer|auftragsverarbeiter|controller|customer|processor)\\s*,?\\s*(?:und|and)\\s*$', 'u');
/** A field of a signature block ("Name:", "Funktion:", "Datum:"), filled at signing. */
const SIGNATURE_FIELD = /^\s*(?:name|vorname|nachname|funktion|function|position|titel|title|datum|date|ort|place)\s*:/iu;
/** A line that is only a label and its highlighted value ("Verantwortlicher: ==NAME=="). */
const FIELD_LINE = /^\s*[\p{L} .-]{1,40}:\s*==[^=\n]*==\s*\\?\s*$/u;
/** Whether a text holds a placeholder. */
export const HAS_PLACEHOLDER = compilePattern(PLACEHOLDER_SOURCE, 'u');
/** A quick test that a text may hold a placeholder: one of the pattern's needles ("[", "{{", "nummer", "xxx") is in it. */
const PLACEHOLDER_NEEDLES = quickTest(HAS_PLACEHOLDER);
const INSTRUCTION = compilePattern('^(?:bitte|please)\\b[^\\n]{0,200}\\b(?:ausfuellen|ergaenzen|einfuegen|erstellen|beifuegen|beilegen|angeben|eintragen|auflisten|complete|insert|fill in|specify|attach|list)\\b|dienen (?:ausschliesslich |lediglich |nur )?als beispiel|(?:are|is) (?:given )?(?:only )?(?:as|by way of) examples? only', 'u');
const GENERIC_PARTY_LINE = /^(?:name|adresse|anschrift|firma|firmenname|straße(?:,? hausnummer)?|strasse|plz,? ort|ort|address|company(?: name)?|name of (?:the )?(?:company|controller|customer))\s*$/i;
const PARTY_ROLE_LINE = compilePattern('^\\s*[-(]?\\s*(?:als|as|im folgenden|hereinafter|nachfolgend)?\\s*(?:the\\s+)?["„“]?(?:verantwortliche|auftraggeber|controller|customer|auftragsverarbeiter|auftragnehmer|processor|kunde)', 'u');

const cellsOf = (text: string): string[] => text.replace(/^\s*\||\|\s*$/g, '').split(/\t|\|/).map(c => c.trim());
/** A header row: two or more labels, none with digits, addresses or sentences. */
const isHeaderRow = (text: string): boolean => {
	const cells = cellsOf(text).filter(Boolean);
	return cells.length >= 2 && cells.every(c => !/[\d@]/.test(c) && c.split(/\s+/).length <= 5 && !/[.;]$/.test(c));
};
/**
 * Whether a line reads as part of a signature block (memoised by its text, found by its offset `at` in the draft where
 * the edit left it: the lines around fill-ins are asked about again after every edit).
 */
const signatureLine = (line: string, at: number): boolean => memo('signature-line', line, isSignatureLine, at);
const isSignatureLine = (line: string): boolean => SIGNATURE.test(foldText(line));
const isSeparatorRow = (text: string): boolean => /^\s*\|?\s*:?-{3,}/.test(text);
/** {@link isHeaderRow} of block i (memoised per block: every row of a table is asked about). */
const headerRowAt = (blocks: readonly Block[], i: number): boolean => fact(blocks, i, blockTable(blocks[i]), 'header-row', headerRowOf);
const headerRowOf = (block: Block): boolean => isHeaderRow(block.text);

/** Quotation marks around a fill-in that is only named ("Auszufüllende Angaben sind durch „__________“ gekennzeichnet"). */
const OPENING_QUOTE = /["„“”‚‘'»«]$/u;
const CLOSING_QUOTE = /^["“”‘’'«»]/u;
/** A form's option box at the start of a line: unticked ("☐", "□", "[ ]") and ticked ("☒", "☑", "[x]"). */
const UNTICKED = /^\s*(?:[-*+]\s*)?(?:[☐❏❑]|\[ \])/u;
const TICKED = /^\s*(?:[-*+]\s*)?(?:[☒☑✓✔⊠]|\[[xX]\])/u;
/** A usage note that says how blanks are marked ("sind durch „____“ gekennzeichnet", "are marked with"). */
const MARKER_NOTE = /gekennzeichnet|markiert|kenntlich|are (?:marked|indicated|shown)|denotes?|indicates?/iu;

/** Whether the table starting with the header row at block i has no entries (its next rows are absent, empty or another header). */
/**
 * The label of a row of a two-column table (a label and its value, as a Word export's description of the processing
 * has them) whose value is left empty, when at least two rows around it have both: "Duration of the processing" and
 * nothing after its tab. A header row or a row of a wider table is none.
 */
function emptyField(blocks: readonly Block[], i: number): string | undefined {
	// This runs for every table row on every edit: what each row is comes from its memoised reading.
	const row = tableRowAt(blocks, i);
	if (row.emptyKey === undefined || headerRowAt(blocks, i)) return undefined;
	let filled = 0;
	for (const dir of [-1, 1]) {
		for (let j = i + dir, n = 0; j >= 0 && j < blocks.length && n < 3 && blocks[j].kind === 'table'; j += dir, n++) {
			const other = tableRowAt(blocks, j);
			if (other.separator) continue;
			if (other.labelAndValue) filled++;
			else if (other.wide) return undefined;
		}
	}
	return filled >= 2 ? row.emptyKey : undefined;
}

/** What {@link emptyField} asks of a table row, read once per row text. */
interface TableRow {
	/** The label of a row whose other cells are empty (at most two cells, a label of up to 80 characters with three letters). */
	readonly emptyKey?: string;
	readonly separator: boolean;
	/** Exactly two cells, both filled. */
	readonly labelAndValue: boolean;
	/** More than two filled cells. */
	readonly wide: boolean;
}
const tableRowAt = (blocks: readonly Block[], i: number): TableRow => fact(blocks, i, blockTable(blocks[i]), 'table-row', tableRowOf);
function tableRowOf(block: Block): TableRow {
	const cells = cellsOf(block.text);
	const key = cells[0];
	const emptyKey = key && !cells.slice(1).some(Boolean) && cells.length <= 2 && key.length <= 80 && /\p{L}{3}/u.test(key) ? key : undefined;
	return {
		...(emptyKey !== undefined ? { emptyKey } : {}), separator: isSeparatorRow(block.text),
		labelAndValue: cells.length === 2 && !!cells[0] && !!cells[1], wide: cells.filter(Boolean).length > 2,
	};
}

function emptyTable(blocks: readonly Block[], i: number): boolean {
	const header = blocks[i];
	if (!headerRowAt(blocks, i) || (i > 0 && blocks[i - 1].kind === 'table' && blocks[i - 1].span.end + 2 >= header.span.start)) return false;
	let j = i + 1;
	if (blocks[j]?.kind === 'table' && isSeparatorRow(blocks[j].text)) {
		// A Markdown table: its rows follow the separator directly.
		for (j++; j < blocks.length && blocks[j].kind === 'table'; j++) if (!cellsOf(blocks[j].text).every(c => c === '')) return false;
		return true;
	}
	// Word exports may put a footnote between the header and the rows: look a few blocks ahead for the first row.
	for (let seen = 0; j < blocks.length && seen < 3; j++) {
		const b = blocks[j];
		if (b.kind === 'heading') return true;
		if (b.kind !== 'table') { seen++; continue; }
		if (cellsOf(b.text).every(c => c === '')) continue;
		return headerRowAt(blocks, j) && cellsOf(b.text).join('|') === cellsOf(header.text).join('|');
	}
	return true;
}

/**
 * The fill-ins of a block's text, relative to it, in text order (memoised per block): placeholders, highlighted
 * fill-ins not inside one, and brackets not inside either.
 */
const fillInsOfBlock = (block: Block): Span[] => fillInsOf(block.text);
const isInstruction = (s: Sentence): boolean => INSTRUCTION.test(foldedOnce(s.text));

function fillInsOf(text: string): Span[] {
	{
		// Bracketed text is found in the original text (links and footnotes are told apart by what follows).
		const found: Span[] = [];
		// Most blocks have none of the placeholder pattern's needles ("[", "{{", "nummer", "xxx"): not folded with a map.
		const folded = foldedOnce(text);
		if (PLACEHOLDER_NEEDLES.test(folded)) {
			const f = fold(text, 0, folded);
			PLACEHOLDER.lastIndex = 0;
			for (let m = PLACEHOLDER.exec(f.text); m; m = PLACEHOLDER.exec(f.text)) found.push({ start: f.map[m.index], end: f.map[m.index + m[0].length] });
		}
		// Highlighted fill-ins ("==XY==") not already inside a placeholder; both lists in text order, one sweep.
		let k = 0, coveredTo = -1;
		const merged = found.length;
		for (const m of matchesOf(HIGHLIGHT, text)) {
			const start = m.index ?? 0;
			while (k < merged && found[k].start <= start) coveredTo = Math.max(coveredTo, found[k++].end);
			if (fillInHighlight(m[1]) && start >= coveredTo) found.push({ start, end: start + m[0].length });
		}
		found.sort((a, b) => a.start - b.start);
		// Both lists are in text order: one sweep tells whether a bracket starts inside a placeholder already found.
		const placeholders = found.length;
		k = 0; coveredTo = -1;
		for (const m of matchesOf(BRACKET, text)) {
			const start = m.index ?? 0;
			while (k < placeholders && found[k].start <= start) coveredTo = Math.max(coveredTo, found[k++].end);
			if (start >= coveredTo) found.push({ start, end: start + m[0].length });
		}
		return found.sort((a, b) => a.start - b.start);
	}
}

/** placeholder-unfilled: merge fields, blanks, bracketed fill-ins, drafting instructions, parties without a name. */
export function checkPlaceholders(doc: DpaDocument, r: Reporter): void {
	const blocks = doc.blocks;
	const lines = doc.lines;
	const lineText = (l: number): string => doc.text.slice(lines.lineStart(l), l + 1 < lines.lineCount ? lines.lineStart(l + 1) : doc.text.length);
	const signatureNear = (offset: number): boolean => {
		const line = lines.position(offset).line;
		// Look at up to three non-empty lines on each side: signature captions sit above or below the blank.
		for (const dir of [-1, 1]) {
			for (let l = line + dir, seen = 0; l >= 0 && l < lines.lineCount && seen < 3; l += dir) {
				const t = lineText(l);
				if (!t.trim()) continue;
				seen++;
				if (signatureLine(t, lines.lineStart(l))) return true;
			}
		}
		return signatureLine(lineText(line), lines.lineStart(line));
	};
	// A highlighted field among "Name:", "Funktion:", "Datum:" lines is part of a signature block.
	const signatureFieldNear = (offset: number): boolean => {
		const line = lines.position(offset).line;
		if (!FIELD_LINE.test(lineText(line))) return false;
		for (const dir of [-1, 1]) {
			for (let l = line + dir, seen = 0; l >= 0 && l < lines.lineCount && seen < 3; l += dir) {
				const t = lineText(l);
				if (!t.trim() || /^\s*<br\s*\/?>\s*$/i.test(t)) continue;
				seen++;
				if (SIGNATURE_FIELD.test(t)) return true;
			}
		}
		return SIGNATURE_FIELD.test(lineText(line));
	};
	// A blank in an option not chosen ("☐ Der Vertrag ist befristet bis zum ____" below "☒ … auf unbestimmte Zeit"): the
	// form leaves it empty by design. Only when another option of its group is ticked; with none ticked the choice
	// itself is still open and the blank is reported.
	const inOptionNotChosen = (offset: number): boolean => {
		const line = lines.position(offset).line;
		if (!UNTICKED.test(lineText(line))) return false;
		// Its group: the option lines around it, up to a line that is no option (the question, a heading, a blank line).
		const isOption = (l: number): boolean => UNTICKED.test(lineText(l)) || TICKED.test(lineText(l));
		for (const dir of [-1, 1]) for (let l = line + dir; l >= 0 && l < lines.lineCount && isOption(l); l += dir) if (TICKED.test(lineText(l))) return true;
		return false;
	};
	const fix = (span: Span): Fix[] => [{ kind: 'select-placeholder', mechanical: false, title: r.text('placeholder-unfilled', 'fix'), edits: [], select: span }];
	// Sentences are in the order of their blocks: one pointer walks them.
	let nextSentence = 0;
	// A highlighted drafting aid over several lines ("==Beispiele von Datenarten:" … "=="): its first line is reported.
	// The pattern tries its look-behind at every offset of the draft: a draft without "==" (most) is not searched.
	if (doc.text.includes('==')) for (const m of matchesOf(HIGHLIGHT_AID, doc.text)) {
		const start = m.index ?? 0, span = { start, end: start + 2 + m[1].length };
		r.report('placeholder-unfilled', span, 'instruction', { text: m[1].trim().slice(0, 57) }, { fixes: fix(span) });
	}
	blocks.forEach((block, i) => {
		if (block.kind === 'html') return;
		for (const relative of fact(blocks, i, blockTable(block), 'fill-ins', fillInsOfBlock)) {
			const span = { start: block.span.start + relative.start, end: block.span.start + relative.end };
			const original = doc.text.slice(span.start, span.end);
			if (original.startsWith('[') && !original.startsWith('[[')) {
				const after = doc.text.slice(span.end, span.end + 1);
				if (after === '(' || after === '[' || after === ':') continue; // Markdown link or reference
				if (/^\[bookmark:/i.test(original) || /^\[\^/.test(original)) continue;
				if (/^\[[xX ]\]$/.test(original) && /^\s*(?:[-*+]\s*)?$/.test(doc.text.slice(doc.text.lastIndexOf('\n', span.start - 1) + 1, span.start))) continue; // checkbox
			}
			if (/^[._]+$/.test(original) && signatureNear(span.start)) continue;
			// A blank in quotation marks in a usage note is named, not left open ("Auszufüllende Angaben sind durch
			// „__________“ gekennzeichnet"); a quoted slot for a defined name ("(nachfolgend „[Kurzbezeichnung]“)") is open.
			if (/^[._]+$/.test(original) && OPENING_QUOTE.test(doc.text.slice(Math.max(0, span.start - 1), span.start)) && CLOSING_QUOTE.test(doc.text.slice(span.end, span.end + 1)) && MARKER_NOTE.test(lineText(lines.position(span.start).line))) continue;
			if (inOptionNotChosen(span.start)) continue;
			if (original.startsWith('==') && (signatureNear(span.start) || signatureFieldNear(span.start))) continue;
			r.report('placeholder-unfilled', span, 'default', { text: original.length > 60 ? original.slice(0, 57) + '…' : original }, { fixes: fix(span) });
		}
		// A field of a two-column table left empty ("Duration of the processing<tab>" among filled rows).
		if (block.kind === 'table' && block.span.start >= doc.bodyStart) {
			const key = emptyField(blocks, i);
			if (key && !signatureNear(block.span.start)) {
				const at = block.text.indexOf(key);
				const span = { start: block.span.start + at, end: block.span.start + at + key.length };
				r.report('placeholder-unfilled', span, 'emptyField', { text: key }, { fixes: fix(span) });
			}
		}
		// A table with its header row and no entries ("Name, Vorname | Organisationseinheit | E-Mail" and nothing below).
		if (block.kind === 'table' && block.span.start >= doc.bodyStart && emptyTable(blocks, i)) {
			r.report('placeholder-unfilled', block.span, 'emptyTable', { text: block.text.replace(/\s*[\t|]\s*/g, ' | ').replace(/^\s*\|\s*|\s*\|\s*$/g, '').slice(0, 60) }, { fixes: fix(block.span) });
		}
		// Drafting instructions ("Bitte … ausfüllen", "… dienen ausschließlich als Beispiele").
		while (nextSentence < doc.sentences.length && doc.sentences[nextSentence].block < i) nextSentence++;
		for (let index = nextSentence; index < doc.sentences.length && doc.sentences[index].block === i; index++) {
			const s = doc.sentences[index];
			if (fact(doc.sentences, index, 'sentence', 'instruction', isInstruction)) r.report('placeholder-unfilled', s.span, 'instruction', { text: s.text.length > 60 ? s.text.slice(0, 57) + '…' : s.text }, { fixes: fix(s.span) });
		}
		// A party named only by its role ("Zwischen dem Auftraggeber und" and then the other party).
		if (block.span.start < doc.bodyStart) {
			for (const m of matchesOf(LINE, block.text)) {
				const t = m[0].replace(/[*_]/g, '');
				if (!ROLE_ONLY_PARTY.test(foldText(t))) continue;
				const offset = block.span.start + (m.index ?? 0), lead = m[0].length - m[0].trimStart().length;
				const span = { start: offset + lead, end: offset + m[0].trimEnd().length };
				r.report('placeholder-unfilled', span, 'party', {}, { fixes: fix(span) });
			}
		}
		// The parties block: a generic field label alone on a line, or "zwischen" followed directly by the role.
		if (block.span.start < doc.bodyStart) {
			for (const m of matchesOf(LINE, block.text)) {
				const line = m[0], offset = block.span.start + (m.index ?? 0);
				const t = line.replace(/[*_]/g, '').trim();
				if (GENERIC_PARTY_LINE.test(t) && line.includes(t)) {
					const span = { start: offset + line.indexOf(t), end: offset + line.indexOf(t) + t.length };
					r.report('placeholder-unfilled', span, 'default', { text: t }, { fixes: fix(span) });
				}
			}
			const t = foldText(block.text.trim());
			const next = blocks[i + 1];
			if (/^(?:zwischen|between)$/.test(t.replace(/[*_:]/g, '').trim()) && next && PARTY_ROLE_LINE.test(foldText(next.text))) {
				r.report('placeholder-unfilled', next.span, 'party', {}, { fixes: fix(next.span) });
			}
		}
	});
}
