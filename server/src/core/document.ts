import { addFrontMatterAnnexes, annexHeadingStarts, findAnnexes, findAnnexRefs } from './annexes';
import { buildClauses, findBodyStart, findClauseRefs } from './clauses';
import { parseFrontMatter, locateFrontMatter } from './frontMatter';
import { splitBlocks } from './markdown';
import { extractPeriods } from './periods';
import { blockTable, fact, foldedOnce } from './memo';
import { splitSentences } from './sentences';
import { foldText, letterAt, LineIndex } from './text';
import type { Block, DpaDocument, FrontMatter, Lang } from './types';

export { resolveAnnex } from './annexes';
export { resolveClause } from './clauses';

/** Parse a draft: front-matter, blocks, clause tree, annexes, references, sentences, language and periods. */
export function parseDocument(text: string, uri?: string): DpaDocument {
	const located = locateFrontMatter(text);
	const { blocks, yaml } = splitBlocks(text, located ? located.span.end : 0);
	let frontMatter: FrontMatter = { data: {}, keys: new Map() };
	const fmSpan = yaml ?? located?.span;
	if (fmSpan && located) frontMatter = parseFrontMatter(located.content, located.contentStart, fmSpan);

	const bodyStart = findBodyStart(blocks, fmSpan?.end ?? 0);
	const { annexes, listEntries } = findAnnexes(blocks, bodyStart, text);
	addFrontMatterAnnexes(frontMatter, annexes);
	const inlineAnnexes = annexes.filter(a => !a.file).sort((a, b) => a.span.start - b.span.start);
	// The body ends where the first annex's heading begins (before its "## " or "**").
	const headingStarts = annexHeadingStarts(blocks, inlineAnnexes);
	const bodyEnd = headingStarts.length ? headingStarts[0] : text.length;
	const clauses = buildClauses(blocks, inlineAnnexes, headingStarts);
	const clauseRoots = clauses.filter(c => !c.parent);
	const sentences = splitSentences(blocks, clauses, inlineAnnexes);
	const skip = new Set([...inlineAnnexes.map(a => a.span.start), ...listEntries.map(s => s.start)]);
	const annexRefs = findAnnexRefs(blocks, annexes, skip, bodyStart);
	const clauseRefs = findClauseRefs(text, blocks, clauses, skip);
	const lang = detectLanguage(frontMatter, blocks);
	const doc: DpaDocument = {
		text, uri, lang, frontMatter, blocks, clauses, clauseRoots, annexes, annexListEntries: listEntries,
		annexRefs, clauseRefs, sentences, periods: [], bodyStart, bodyEnd, lines: new LineIndex(text),
	};
	return { ...doc, periods: extractPeriods(doc) };
}

/** Front-matter `language`, else a count of common German and English words in the draft's blocks (the first 200,000 characters). */
function detectLanguage(fm: FrontMatter, blocks: readonly Block[]): Lang {
	const declared = fm.data.language;
	if (declared === 'de' || declared === 'en') return declared;
	let de = 0, en = 0, read = 0;
	for (let i = 0; i < blocks.length && read < 200_000; i++) {
		const b = blocks[i];
		const whole = read + b.text.length <= 200_000;
		const counts = whole ? fact(blocks, i, blockTable(b), 'language', languageCounts) : countWords(foldText(b.text.slice(0, 200_000 - read)));
		read += whole ? b.text.length : 200_000 - read;
		de += counts[0];
		en += counts[1];
	}
	return en > de ? 'en' : 'de';
}

const languageCounts = (block: Block): number[] => countWords(foldedOnce(block.text));

/**
 * The language of a short text by its function words, where they tell (a clause of a draft in two languages: "1.4
 * Dieser Vertrag tritt mit Unterzeichnung in Kraft." and "1.4 This Agreement enters into force upon signature.").
 */
export function textLanguage(text: string): Lang | undefined {
	const folded = foldText(text);
	const de = folded.match(GERMAN_WORDS)?.length ?? 0, en = folded.match(ENGLISH_WORDS)?.length ?? 0;
	return de > en ? 'de' : en > de ? 'en' : undefined;
}
const GERMAN_WORDS = /\b(?:der|die|das|und|des|dem|den|ein|eine|einer|eines|ist|sind|wird|werden|mit|von|zu|zum|zur|im|auf|nicht|oder|dieser|diese|dieses|kann|jede|jeder|durch|nach|bei|fuer|ueber)\b/g;
const ENGLISH_WORDS = /\b(?:the|and|of|to|is|are|be|by|with|this|these|shall|may|any|for|upon|either|not|or|which|will|from|its|each|under)\b/g;

/** Common German and common English words, by language (0 German, 1 English). */
const LANGUAGE_WORDS = new Map<string, number>([
	...['der', 'die', 'das', 'und', 'des', 'wird', 'nicht', 'oder', 'werden', 'verarbeitung', 'auftragnehmer'].map(w => [w, 0] as const),
	...['the', 'and', 'of', 'shall', 'processing', 'with', 'which', 'processor', 'controller'].map(w => [w, 1] as const),
]);
const LONGEST_WORD = Math.max(...[...LANGUAGE_WORDS.keys()].map(w => w.length));
/**
 * Per length and first character (length × 128 + its code), the words of {@link LANGUAGE_WORDS} that have them, with
 * their languages: a word of the text is compared with those in place, not cut out and looked up
 * (most words of a draft have the shape of one: "dem", "den" beside "der", "die", "das", "des").
 */
const WORD_SHAPES: ([string, number][] | undefined)[] = [];
for (const [w, lang] of LANGUAGE_WORDS) (WORD_SHAPES[w.length * 128 + w.charCodeAt(0)] ??= []).push([w, lang]);

/** Common German and common English words in a folded text: whole words, no letter before or after. */
function countWords(folded: string): number[] {
	const counts = [0, 0];
	for (let i = 0; i < folded.length;) {
		let n = letterAt(folded, i);
		if (!n) { i++; continue; }
		// A run of letters is one word.
		let j = i;
		while (n) { j += n; n = j < folded.length ? letterAt(folded, j) : 0; }
		// Only a word of a length and first letter that one of them has is compared with those.
		const first = folded.charCodeAt(i);
		const shape = j - i <= LONGEST_WORD && first < 128 ? WORD_SHAPES[(j - i) * 128 + first] : undefined;
		if (shape) {
			for (const [word, lang] of shape) {
				if (folded.startsWith(word, i)) { counts[lang]++; break; }
			}
		}
		i = j;
	}
	return counts;
}
