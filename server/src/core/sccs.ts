/** The Standard Contractual Clauses as a DPA speaks of them: by name, and in a list of the choices that complete them. */
import { foldText, matchesOf } from './text';
import type { Block } from './types';

/** The SCCs (EU and their UK addendum), by name: the instrument whose clauses an SCC completion list numbers. */
export const SCC_NAMED = /(?<![\p{L}])(?:sccs?|standard ?contractual clauses|standardvertragsklauseln|standarddatenschutzklauseln|standardschutzklauseln|idta|(?:uk|approved|international data transfer) addendum)(?![\p{L}])/u;

/** A list item: a bullet, or a letter or small roman numeral in brackets ("(a)", "b)", "(iv)"); numbered items are clauses. */
const ITEM = /^\s*(?:[-*+•◦▪–]\s|\(?(?:[a-z]|[ivx]{1,4})\)\s)/u;
/** How many items before it a list item's lead-in is looked for. */
const MAX_ITEMS = 60;
/** How much of the end of a lead-in is read for the SCCs' name. */
const LEAD_CHARS = 400;
/**
 * A lead-in that lists this contract's parts ("The following annexes form part of this DPA, as do the SCCs:", "##
 * Anlagen (inkl. Standardvertragsklauseln)"): its items are this contract's annexes, whatever else it names.
 */
const OWN_PARTS = /(?:following|folgende\p{L}*) (?:annexes|schedules|appendices|anlagen|anhaenge|documents|dokumente|bestandteile)|forms? (?:an integral )?part|bestandteil|^\W*(?:anlagen|anhaenge|annexes|schedules|appendices)\b/u;

/**
 * Whether block `i` is an item of a list that completes the SCCs: a list whose lead-in names them and introduces it
 * (ends with a colon: "… the SCCs apply with the following choices:", "Für die Standardvertragsklauseln gilt
 * Folgendes:"), or a heading naming them. Its items speak of the SCCs' clauses and annexes ("Clause 9: Option 2
 * applies", "Annex II: the measures below"), not of this contract's; a list after a lead-in that only mentions the
 * SCCs long before its colon is not one.
 */
export function completesTheSccs(blocks: readonly Block[], i: number): boolean {
	if (!ITEM.test(blocks[i].text)) return false;
	for (let j = i - 1; j >= 0 && j >= i - MAX_ITEMS; j--) {
		const b = blocks[j];
		if (b.kind !== 'heading' && ITEM.test(b.text)) continue;
		const lead = b.text.trimEnd();
		if (b.kind !== 'heading' && !lead.endsWith(':')) return false;
		// What introduces the list: the end of the lead-in (a paragraph may speak of other things first).
		const end = foldText(lead.slice(-LEAD_CHARS));
		return SCC_NAMED.test(end) && !OWN_PARTS.test(end);
	}
	return false;
}

/** What follows a reference to this contract's own part: "of this DPA", "zu diesem Vertrag", "dieses Vertrags". */
export const OWN_DOCUMENT_AFTER = /^\s*(?:\([^()]{0,60}\)\s*)?,?\s*(?:of|to|in|under|zu|zum|zur|des|der)?\s*(?:this|these|diese[mrs]?|vorliegende[nmrs]?)\s+(?:dpa|agreement|addendum|schedule|terms|clauses|vertrag\p{L}*|vereinbarung\p{L}*|avv|anlage|anhang)/u;

/** The SCCs named, then a colon within the same sentence: "the SCCs, which are incorporated … as follows:". */
const SCC_COLON = new RegExp(`${SCC_NAMED.source}[^.:;]{0,150}:`, 'u');
/** How much of the text before a reference is read for the sentence's SCC lead-in. */
const SENTENCE_CHARS = 1200;

/**
 * Whether a reference stands after a colon that introduces the SCCs' completion in its own sentence ("the SCCs are
 * incorporated as follows: … Annex I is completed with Section 15"): what follows the colon speaks of the SCCs' parts.
 * `foldedBefore` is the folded text before the reference in its block.
 */
export function inlineSccCompletion(foldedBefore: string, foldedAfter: string): boolean {
	// "… in Annex 1 of this DPA": this contract's own annex, whatever the sentence completes.
	if (OWN_DOCUMENT_AFTER.test(foldedAfter)) return false;
	const text = foldedBefore.slice(-SENTENCE_CHARS);
	// An item of the completion starts with it: right after the colon or a semicolon, or after "and" joining two such
	// items ("…; Annex I is completed with … and Annex II with …"); an annex named inside an item is another matter.
	if (!/(?:[:;]\s*|\band\s+|\bund\s+)$/u.test(text)) return false;
	// The reference's sentence: after the last full stop that ends one ("… Section 8.3;" keeps its number).
	let start = 0;
	for (const m of matchesOf(/[.!?]\s+(?=\p{L})/gu, text)) start = (m.index ?? 0) + m[0].length;
	const sentence = text.slice(start);
	const m = SCC_COLON.exec(sentence);
	return !!m && !OWN_PARTS.test(sentence.slice(0, (m.index ?? 0) + m[0].length));
}
