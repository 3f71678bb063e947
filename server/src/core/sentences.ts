import { enclosingAnnex } from './annexes';
import { blockTable, fact } from './memo';
import type { Annex, Block, Clause, Sentence } from './types';

/** Abbreviations a full stop ends without ending the sentence. */
const ABBREV = /(?:^|[\s(])(?:abs|art|nr|lit|ziff|vgl|bzw|ggf|gem|inkl|insb|sog|usw|evtl|max|min|ca|s|z|b|d|h|u|a|i|v|m|e|etc|e\.g|i\.e|no|para|sec|cf|st|str|dr|prof|co|kg|mio|mrd|resp|incl|approx|vs|al|ff|f|seq|ua|zzgl|bspw|bzgl|excl|esp|sch|std|cl|abschn|anh|anl|bsp|einschl|entspr|erg|grds|hrsg|jew|lfd|mind|mtl|rd|rechtl|sa|so|tel|u\.a|v\.a|z\.b|z\. b|d\.h|i\.s\.d|i\.s\.v|i\.v\.m|u\.u)\.$/i;
/** A company's legal form ending in a full stop: before a bracket it ends no sentence ("Quillon B.V. (the processor)"); before a capital it may. */
const LEGAL_FORM = /(?:^|\s)(?:inc|ltd|corp|b\.v|n\.v|s\.a|s\.l|s\.r\.l|s\.p\.a|s\.a\.s|e\.v|e\.k|l\.l\.c)\.$/i;

/** What follows a full stop: its first character after white space, and the first after the marks that may open a sentence. */
const OPENING = /\s*(?=(\S))[„“”"‘’‚'«»‹›(\[*_]*(\S)?/uy;

/** Split blocks into sentences, each knowing its clause and annex (of `annexes`: inline annexes in document order). */
export function splitSentences(blocks: readonly Block[], clauses: readonly Clause[], annexes: readonly Annex[]): Sentence[] {
	const sentences: Sentence[] = [];
	let ci = 0;
	blocks.forEach((block, bi) => {
		if (block.kind === 'html') return;
		const pieces = fact(blocks, bi, blockTable(block), 'sentences', sentencesOf);
		for (let k = 0; k < pieces.length; k += 2) {
			const s = block.span.start + pieces[k], e = block.span.start + pieces[k + 1];
			while (ci + 1 < clauses.length && clauses[ci + 1].span.start <= s) ci++;
			let clause: Clause | undefined = clauses[ci] && clauses[ci].span.start <= s ? clauses[ci] : undefined;
			while (clause && clause.end <= s) clause = clause.parent;
			const annex = enclosingAnnex(annexes, s);
			sentences.push({ span: { start: s, end: e }, text: block.text.slice(pieces[k], pieces[k + 1]), block: bi, clause, annex });
		}
	});
	return sentences;
}

const sentencesOf = (block: Block): Int32Array => sentencesIn(block.text);

/** The sentences of a block's text as start and end offsets relative to it, in pairs (memoised per block). */
function sentencesIn(t: string): Int32Array {
	{
		const out: number[] = [];
		let start = 0;
		const push = (end: number): void => {
			const raw = t.slice(start, end);
			const lead = raw.length - raw.trimStart().length;
			const s = start + lead, e = start + raw.trimEnd().length;
			if (e > s) out.push(s, e);
			start = end;
		};
		let lineStart = 0;
		for (let i = 0; i < t.length; i++) {
			const ch = t[i];
			if (i - start > 3000) { push(i); continue; }
			if (ch === '\n') {
				// A line break ends a sentence after a colon or full stop, or after a short line (Word exports: one line, one paragraph).
				const line = t.slice(lineStart, i).trim();
				lineStart = i + 1;
				if (/[.:;!?)]$/.test(line) || line.length < 50) push(i);
				continue;
			}
			if (ch !== '.' && ch !== '!' && ch !== '?') continue;
			const next = t.slice(i + 1, i + 3);
			if (!/^\s/.test(next) && i + 1 < t.length) continue;
			const word = t.slice(Math.max(start, i - 12), i + 1);
			// "am 1. Januar" is an ordinal, but "described in Annex 1. The processing …" ends a sentence after a reference.
			// So is the number of a bold label ("**5. Dauer der Verarbeitung**").
			const ordinal = /(?:^|[\s*_])\d{1,3}\.$/.test(word) && !/(?:annex|anlage|anhang|schedule|appendix|exhibit|section|clause|ziffer|ziff\.|§)\s*\d{1,3}\.$/i.test(t.slice(Math.max(start, i - 20), i + 1));
			if (ABBREV.test(word) || ordinal || (word.length < 4 && /(?<![\p{L}\p{N}])\p{Lu}\.$/u.test(word))) continue;
			// The first character after the spaces (not the rest of the block: a long block has many full stops). A
			// capital, digit, "§", dash, bullet, "(" or straight or low quotation mark opens a sentence; so do curly and
			// single quotation marks, "[" and Markdown's "_" before a capital ("_Processor_ agrees", "“Personal Data” means").
			OPENING.lastIndex = i + 1;
			const opening = OPENING.exec(t);
			const after = opening?.[1] ?? '';
			if (after === '(' && LEGAL_FORM.test(word)) continue;
			if (after && !/^[\p{Lu}\d§„"(\-–*]/u.test(after) && !(opening?.[2] && /^[\p{Lu}\d§]/u.test(opening[2]))) continue;
			push(i + 1);
		}
		push(t.length);
		return Int32Array.from(out);
	}
}
