import { findClauseRefs } from '../clauses';
import { aboutTheSccs, sccClauseRef } from './structure';
import { memo } from '../memo';
import type { Reporter } from '../messages';
import { foldText, letterAt, matchesOf } from '../text';
import type { Clause, ClauseRef, DpaDocument } from '../types';

/**
 * Words that name the parties, the contract or its structure: they fit every clause and say nothing about a topic.
 * Folded (umlauts as ae/oe/ue), matched against the word's stem.
 */
const GENERIC = new Set([
	'auftragnehmer', 'auftraggeber', 'verantwortlich', 'auftragsverarbeiter', 'unterauftragnehmer', 'dienstleister', 'kunde', 'anbieter',
	'vertrag', 'vertrags', 'vereinbarung', 'auftragsverarbeitungsvereinbarung', 'ziffer', 'ziff', 'klausel', 'absatz', 'abs', 'satz', 'regelung', 'bestimmung',
	'pflicht', 'verpflichtung', 'verarbeitung', 'leistung', 'processing', 'service', 'massgab', 'daten', 'anlag', 'anhang', 'partei', 'vertragspartei', 'fall', 'sinn', 'rahmen', 'art', 'dsgvo',
	'controller', 'processor', 'customer', 'supplier', 'agreement', 'dpa', 'clause', 'section', 'paragraph', 'party', 'parties',
	'provision', 'term', 'obligation', 'data', 'annex', 'schedule', 'accordance', 'pursuant', 'subject', 'set', 'out', 'described',
	'referred', 'provided', 'specified', 'stated', 'defined', 'above', 'below', 'herein', 'hereof', 'this', 'that', 'these', 'those', 'the',
	'and', 'or', 'as', 'in', 'of', 'to', 'under', 'with', 'by', 'for', 'any', 'such', 'its', 'their', 'gdpr', 'applicable', 'shall', 'may', 'will',
]);
/** German: a noun is capitalised; the words linking a noun to a reference ("gem.", "nach", "laut") are not. */
const LINK_BEFORE_DE = /(?<![a-z])(?:gem\.?|gemaess|nach|laut|lt\.?|i\.\s?s\.\s?[dv]\.?|im sinne d(?:er|es)|entsprechend)\s*$/;
const WORD = /[\p{L}][\p{L}-]*/gu;

/** A crude stem: the folded word without common German and English endings; short stems say nothing. */
function stem(word: string, lang: string): string {
	const w = foldText(word).replace(/-/g, '');
	// English derives by suffix ("notify", "notification"): the first five letters; German inflects at the end.
	return lang === 'de' ? w.replace(/(?:ungen|ung|en|ern|er|es|e|n|s)$/u, '') : w.slice(0, 5);
}

/** The words of its line around a reference: up to 120 characters before it and after it. */
function around(text: string, ref: ClauseRef): { beforeText: string; afterText: string } {
	const lineStart = Math.max(text.lastIndexOf('\n', ref.span.start - 1) + 1, ref.span.start - 120);
	const lineEndAt = text.indexOf('\n', ref.span.end);
	return { beforeText: text.slice(lineStart, ref.span.start), afterText: text.slice(ref.span.end, Math.min(lineEndAt < 0 ? text.length : lineEndAt, ref.span.end + 120)) };
}

/**
 * The topic words of a reference (see {@link topicWords}) with their stems, memoised by the words around it: most
 * references are where they were at the last analysis.
 */
function topicsOf(text: string, ref: ClauseRef, lang: string): { readonly words: readonly string[]; readonly stems: readonly string[] } {
	const { beforeText, afterText } = around(text, ref);
	return memo(lang === 'de' ? 'ref-topics:de' : 'ref-topics:en', `${beforeText}\u0000${afterText}`, own => {
		// Read from the kept key: the words found are slices of what they are read from.
		const cut = beforeText.length;
		const words = topicWords(own.slice(0, cut), own.slice(cut + 1), lang).filter(w => stem(w, lang).length >= 5);
		return { words, stems: words.map(w => stem(w, lang)) };
	});
}

/** The nouns a reference qualifies: the noun right after it ("Ziffer 6.4 vorgesehene Kontrolle") or right before it ("Ansprechpartnern gem. Ziff. 3.4"). */
function topicWords(beforeText: string, afterText: string, lang: string): string[] {
	// Stop at the sentence or clause boundary.
	// Abbreviations ("gem.", "Ziff.", "vgl.") end no sentence: blank their dot, keeping offsets.
	const before = beforeText.replace(/(?<![\p{L}])(gem|ziff|abs|vgl|lt|nr|bzw|inkl|sec|para|art|i\.\s?s\.\s?d|i\.\s?s\.\s?v)\./giu, '$1 ').split(/[.;:!?]\s|[,()]/u).pop() ?? '';
	const after = afterText.split(/[.;:!?]\s|[,()]|\s(?:und|oder|and|or)\s/u)[0] ?? '';
	const out: string[] = [];
	const words = (s: string): string[] => matchesOf(WORD, s).map(m => m[0]);
	const useful = (w: string): boolean => w.length >= 5 && !GENERIC.has(stem(w, 'de')) && !GENERIC.has(foldText(w));
	if (lang === 'de') {
		// "die in Ziffer 6.4 vorgesehene Kontrolle": the first noun among the next three words.
		const next = words(after).slice(0, 3).find(w => /^\p{Lu}/u.test(w));
		if (next && useful(next)) out.push(next);
		// "Benennung von Ansprechpartnern gem. Ziff. 3.4": the noun just before a linking word.
		const f = foldText(before);
		const link = LINK_BEFORE_DE.exec(f);
		if (link) {
			const prev = words(before.slice(0, before.length - (f.length - link.index))).pop();
			if (prev && /^\p{Lu}/u.test(prev) && useful(prev)) out.push(prev);
		}
	} else {
		// "the monitoring rights as described in Section 7": the content words just before "as … in" / "under" / "in".
		// A participle names no topic ("audit reports received under clause 11"): the noun before it does.
		const m = /((?:[\p{L}-]+\s+){0,2}?)([\p{L}-]+)\s+(?:as\s+(?:described|set out|provided|specified|referred to)\s+in|under|pursuant to|in accordance with|according to)\s*$/u.exec(before);
		const head = m && [m[2], ...words(m[1]).reverse()].find(w => useful(w) && !/(?:ed|ing)$/i.test(w));
		if (head) out.push(head);
	}
	return out;
}

/** Letters an inflection adds to a German stem ("person" + "en", "ansprechpartn" + "ern"). */
const INFLECTION = 5;

/**
 * Whether a German `stem` ends a word of the folded `text`, inflected or not: as a word of its own or the last part of
 * a compound ("Kontaktpersonen" speaks of persons), not as its first part, which only qualifies the rest
 * ("personenbezogene Daten" speaks of data).
 */
function endsAWord(text: string, stem: string): boolean {
	for (let i = text.indexOf(stem); i >= 0; i = text.indexOf(stem, i + 1)) {
		let k = i + stem.length;
		while (k < text.length && k - i - stem.length <= INFLECTION && letterAt(text, k)) k++;
		if (k - i - stem.length <= INFLECTION && !letterAt(text, k)) return true;
	}
	return false;
}

/** The folded text of a clause (its title and body, including sub-clauses). */
const clauseText = (doc: DpaDocument, c: Clause): string => {
	const text = doc.text.slice(c.span.start, c.end);
	return memo('clause-text', text, foldText, c.span.start);
};

/**
 * crossref-suspicious: a reference resolves, but the clause it names says nothing about the topic the reference is
 * made for, while the clause next to it does ("die in Ziffer 6.4 vorgesehene Kontrolle", where 6.5 holds the control).
 */
export function checkSuspiciousRefs(doc: DpaDocument, r: Reporter): void {
	// Annex titles cite clauses too ("Anhang 2 – Ansprechpartner gem. Ziff. 3.5"); only the annex list is left out.
	const heads = new Set(doc.annexes.filter(a => !a.file).map(a => a.span.start));
	const refs = [...doc.clauseRefs, ...findClauseRefs(doc.text, doc.blocks.filter(b => heads.has(b.span.start)), doc.clauses, new Set())];
	const bodyLabels = new Map<string, number>();
	for (const c of doc.clauses) if (c.label !== undefined && !c.annex) bodyLabels.set(c.label, (bodyLabels.get(c.label) ?? 0) + 1);
	const named = new Map<string, boolean>();
	for (const ref of refs) {
		const target = ref.target;
		if (!target?.label || ref.path.length > 1) continue;
		// A clause of the SCCs where the DPA completes them ("in Clause 13, the supervisory authority is determined in
		// accordance with Clause 13(a)") is theirs, not this contract's (as for crossref-undefined).
		if (sccClauseRef(ref) && aboutTheSccs(doc, ref, named)) continue;
		const siblings = target.parent ? target.parent.children : doc.clauseRoots;
		const same = siblings.filter(c => c.label && c.style === target.style && c.annex === target.annex);
		const i = same.indexOf(target);
		// A number the contract uses twice (a list item "4." and section 4) does not say which clause is meant.
		if ((bodyLabels.get(target.label) ?? 0) > 1) continue;
		if (i < 0) continue;
		// The reference sits inside its own target: a self-reference ("in this clause") is never suspicious.
		if (ref.span.start >= target.span.start && ref.span.start < target.end) continue;
		const { words, stems: topics } = topicsOf(doc.text, ref, doc.lang);
		if (!topics.length) continue;
		const text = clauseText(doc, target);
		if (topics.some(t => text.includes(t))) continue;
		// The neighbour that holds the reference itself proves nothing ("the notification under clause 5.1" in 5.2).
		const neighbours = [same[i - 1], same[i + 1]].filter((c): c is Clause => !!c && !(ref.span.start >= c.span.start && ref.span.start < c.end));
		const other = neighbours.find(c => topics.every(t => (doc.lang === 'de' ? endsAWord(clauseText(doc, c), t) : clauseText(doc, c).includes(t))));
		if (!other) continue;
		const label = other.label!;
		const oldLabel = target.label;
		const at = ref.text.lastIndexOf(oldLabel);
		const edits = at < 0 ? [] : [{ span: { start: ref.span.start + at, end: ref.span.start + at + oldLabel.length }, text: label }];
		r.report('crossref-suspicious', ref.span, 'default', { text: ref.text, topic: words.join(', '), label: oldLabel, other: label }, {
			related: [{ span: other.span, message: r.text('crossref-suspicious', 'related', { other: label }) }],
			fixes: edits.length ? [{ kind: 'renumber', mechanical: false, title: r.text('crossref-suspicious', 'fix', { other: label }), edits }] : [],
		});
	}
}
