import { defaultCatalogue } from './catalogue';
import { fact, foldedOnce, foldOnce, memo } from './memo';
import { quickTest } from './prefilter';
import { compilePattern, foldText, matchesOf, NUMBER_WORDS } from './text';
import type { DpaDocument, Period, PeriodAnchor, PeriodRole, Sentence } from './types';

const NUM_WORD = Object.keys(NUMBER_WORDS).filter(w => w !== 'a' && w !== 'an').sort((a, b) => b.length - a.length).join('|');
// number: "14", "vierzehn", "vier (4)", "14 (vierzehn)"; then optional "volle/full"; then the unit.
// The first character is looked ahead for before the look-behind, so the engine skips to where a number can start.
const NUMBER_START = [...new Set(NUM_WORD.split('|').map(w => w[0]))].join('');
const PERIOD = new RegExp(
	`(?=[\\d${NUMBER_START}])(?<![\\p{L}\\p{N}.,/])(?:(\\d{1,4})(?:\\s*\\((${NUM_WORD})\\))?|(${NUM_WORD})(?:\\s*\\((\\d{1,4})\\))?)` +
	`[\\s\\u00a0-]*(?:volle[nr]?\\s+|full\\s+|consecutive\\s+|aufeinanderfolgende[nr]?\\s+)?` +
	`(kalendertag(?:e|en)?|werktag(?:e|en)?|arbeitstag(?:e|en)?|geschaeftstag(?:e|en)?|bankarbeitstag(?:e|en)?|tag(?:e|en)?|` +
	`kalenderwoche(?:n)?|woche(?:n)?|kalendermonat(?:e|en)?|monat(?:e|en|s)?|kalenderjahr(?:e|en|es)?|jahr(?:e|en|es)?|stunde(?:n)?|std\\.|st\\.|` +
	`(?:calendar |business |working )?days?|(?:calendar )?weeks?|(?:calendar )?months?|(?:calendar )?years?|hours?|hrs?\\b|h\\b)` +
	`(?![\\p{L}])`, 'gu');
const FORTNIGHT = /(?<![\p{L}])(?:a|one) fortnight|(?<![\p{L}])(?:ein(?:es)?|einem) halben? jahr(?:es)?/gu;
/**
 * What every period has: the word of its unit ({@link PERIOD}'s units each hold one of the words here: "kalendertag",
 * "business days", "Monats") or a short unit ("Std.", "St.", "hrs", "h") after what ends its number or the space
 * before the unit (a digit, ")", a space or "-", a number word: "24h", "vier (4) Std.", "zwei h"), and for
 * {@link FORTNIGHT} "fortnight" or "jahr". Sentences without it are not read for periods: 24 of the seeds' 1,845
 * sentences have it. A gate of the number's words instead ("ein", "zwei", "ten", …) let 1,349 through ("keine",
 * "Daten", "innerhalb"; the period pattern then took 4 ms of a full analysis of the seeds and found 19) and missed
 * numbers it did not list: "within fifteen days", "binnen elf Tagen" were never read.
 */
const PERIOD_GATE = new RegExp(
	'tag|woche|monat|jahr|stunde|day|week|month|year|hour|fortnight|' +
	`(?:std?\\.|hrs?|h)(?![\\p{L}])(?<=(?:[\\s\\u00a0\\d)-]|${NUM_WORD})(?:std?\\.|hrs?|h))`, 'u');

const FORTNIGHT_NEEDLES = quickTest(FORTNIGHT);
// "24 Stunden, 7 Tage die Woche", "24 Stunden Service": availability, not a period.
// "24 Stunden, 7 Tage die Woche" is availability; "innerhalb von 24 Stunden, nachdem ihm die Verletzung bekannt
// geworden ist" counts from an event, as "within 24 hours after becoming aware" does.
const AVAILABILITY_AFTER = /^\s*(?:,(?!\s*(?:nachdem|sobald|after|once)\b)|\/|am tag|pro tag|die woche|pro woche|in der woche|a day|per day|a week|per week|a year|per year|im jahr|pro jahr|service|support|erreichbar|bereitschaft|betrieb|hotline|verfuegbar|monitoring|ueberwachung|x\s*7)/;
const AGE_OR_DATE = /^\s*(?:alt|old|zuvor|ago|alter)\b/;

function unitOf(u: string): { unit: Period['unit']; dayKind: Period['dayKind'] } {
	if (/^(?:kalendertag|calendar day)/.test(u)) return { unit: 'day', dayKind: 'calendar' };
	if (/^werktag/.test(u)) return { unit: 'day', dayKind: 'working' };
	if (/^(?:arbeitstag|working day)/.test(u)) return { unit: 'day', dayKind: 'working' };
	if (/^(?:geschaeftstag|bankarbeitstag|business day)/.test(u)) return { unit: 'day', dayKind: 'business' };
	if (/^(?:tag|day)/.test(u)) return { unit: 'day', dayKind: 'unspecified' };
	if (/woche|week/.test(u)) return { unit: 'week', dayKind: 'unspecified' };
	if (/monat|month/.test(u)) return { unit: 'month', dayKind: 'unspecified' };
	if (/jahr|year/.test(u)) return { unit: 'year', dayKind: 'unspecified' };
	return { unit: 'hour', dayKind: 'unspecified' };
}

/**
 * Length in days as an interval. Working and business days are not convertible exactly (weekends, holidays):
 * they get a deliberately loose interval so that only a clear disagreement counts (LEGAL-CATALOGUE E.2).
 */
export function daysOf(value: number, unit: Period['unit'], dayKind: Period['dayKind'], werktag = false): [number, number] {
	switch (unit) {
		case 'hour': return [value / 24, value / 24];
		case 'week': return [7 * value, 7 * value];
		case 'month': return [28 * value, 31 * value];
		case 'year': return [365 * value, 366 * value];
		default:
			if (dayKind === 'working' && werktag) return [value, value + Math.ceil(value / 6) + 1 + 2];
			if (dayKind === 'working' || dayKind === 'business') return [value, value + 2 * Math.ceil(value / 5) + 2 + 2];
			return [value, value];
	}
}

/** Parse a period given as text (front-matter `objection_period: 14 days`). */
export function parsePeriodText(s: string): { value: number; unit: Period['unit']; dayKind: Period['dayKind']; days: [number, number] } | undefined {
	const f = foldText(s);
	PERIOD.lastIndex = 0;
	const m = PERIOD.exec(f);
	if (m) {
		const value = m[1] ? Number(m[1]) : m[4] ? Number(m[4]) : NUMBER_WORDS[m[3]];
		const { unit, dayKind } = unitOf(m[5]);
		return { value, unit, dayKind, days: daysOf(value, unit, dayKind, /^werktag/.test(m[5])) };
	}
	FORTNIGHT.lastIndex = 0;
	const g = FORTNIGHT.exec(f);
	if (g) return /fortnight/.test(g[0]) ? { value: 2, unit: 'week', dayKind: 'unspecified', days: [14, 14] } : { value: 6, unit: 'month', dayKind: 'unspecified', days: [168, 186] };
	return undefined;
}

const C = (s: string): RegExp => compilePattern(s, 'u');
/** The sub-processor and objection words are the shared vocabulary (rules/vocabulary.yaml), as in coverage. */
const vocabulary = (group: string): RegExp => defaultCatalogue().cues.get(group)!;
const RELOCATION = C('verlagerung|leistungsort|standort der|relocat|location of (?:the )?processing|ort der leistungserbringung');
const APPROVAL_REQUEST = C('gesonderte[nr]? genehmigung|antrag auf|specific (?:prior )?(?:written )?authori|request for (?:specific )?authori');
// The separable verb "kündigt … an" (announces) and "vor dessen Einsatz" (before it is used) are a notice.
const NOTICE = C('\\bkuendig\\p{L}*\\b[^.;]{0,120}\\ban(?=\\s*[.;,]|\\s*$)|vor (?:dessen|deren|seinem|ihrem|dem) (?:einsatz|beginn|taetigwerden)|informier|mitteil|benachrichtig|unterricht|in kenntnis|ankuendig|vorab|im voraus|in advance|notif|notice|inform|prior to|before');
// "Ankündigung" (an announcement: the notice of a new sub-processor) is no "Kündigung".
const TERMINATION = C('(?<!an)kuendig|terminat|beendigung (?:des|dieses) vertrag|vertragslaufzeit|laufzeit');
const AUDIT = C('kontrolle|pruefung|inspektion|audit|inspection|vor-ort|on-site|besichtigung');
const BREACH = C('verletzung(?:en)? des schutzes|\\bverletzung(?:en)?\\b[^.]{0,60}\\bmelde|melde(?:t|n|pflicht)[^.]{0,60}\\bverletzung|datenpanne|datenschutzverletzung|sicherheitsvorfall|vorfall|vorfaell|breach|incident|meldung|art(?:\\.|ikel|icle) 33');
/**
 * The breach itself, not the words for reporting it ("Meldung" also announces a new sub-processor), nor a breach of
 * contract ("any failure to give such notice is a material breach of this DPA").
 */
const BREACH_EVENT = C('verletzung(?:en)? des schutzes|datenpanne|datenschutzverletzung|sicherheitsvorfall|data breach|security breach|breach of (?:the )?security|security incident');
const DELETION = C('loesch|rueckgabe|zurueckgeb|zurueckzugeb|vernicht|herausgab|delet|return|destroy|destruction|erase|erasure');
const RETENTION = C('aufbewahr|speicherdauer|backup|datensicherung|protokoll|logs?\\b|retain|retention|archiv|gespeichert|kept for');
const TERMS_CHANGE = C('aenderung(?:en)? (?:dieser|der|von) (?:agb|bedingungen|nutzungsbedingungen|vereinbarung)|changes to (?:these|this|the) (?:terms|dpa|agreement|addendum)|amendments? to');
const CURE = C('aussetz|suspend|suspension|abhilfe|\\bcure|remedy|restore compliance');
const DSR = C('betroffenenanfrage|antrag (?:einer|der) betroffenen|anfragen? (?:von )?betroffene|data subject request|requests?\\b[^.]{0,60}\\bfrom (?:a|any|the) data subject');
const RECEIPT = C('nach zugang|ab zugang|mit (?:dem )?zugang|beginnt mit|nach erhalt|ab erhalt|nach (?:der )?(?:mitteilung|information|benachrichtigung|unterrichtung)|after receipt|of receipt|from receipt|following (?:the )?(?:receipt|notice|notification)|of (?:being notified|the notice|such notice|notification)|(?:after|of) (?:the )?date of (?:the )?notice');
const BEFORE = C('vor (?:dem|der|deren|seine[mr]?|ihre[mr]?) |vor beginn|vorab|im voraus|in advance|prior to|before');
const AFTER_END = C('nach (?:beendigung|abschluss|ende|kuendigung)|after (?:the )?(?:end|termination|expiry|completion)|following (?:the )?(?:end|termination|expiry)|upon termination');

/**
 * A period counted from the objection ("Kommt innert 60 Tagen seit dem Einspruch keine Einigung zustande", "within 30
 * days of the objection"): it runs after the objection, so it is no window to object in. Read from the period on.
 */
const FROM_OBJECTION = C('^\\S+(?:\\s+\\S+){0,2}\\s+(?:seit|nach|ab|after|of|from|following)\\s+(?:dem |der |einem |eingang (?:des|der) |zugang (?:des|der) |the |such |an |any |receipt of (?:the |an |such )?)?(?:einspruch|widerspruch|einwand|einwendung|objection)');

const AFTER_CHANGE = C('^\\S+(?:\\s+\\S+){0,3}\\s+(?:after|following|nach|seit)\\s+(?:the |such |that |dem |der |einem |einer |diesem |dieser )?(?:replacement|change|engagement|appointment|addition|switch|austausch|wechsel|ersetzung|beauftragung|einsatz|hinzuziehung)');

/** Decide the role of a period from its sentence, the sentence before it and the clause headings above it. */
export function classifyRole(sentence: string, context: string, at = -1): PeriodRole {
	const s = sentence, all = `${context} ${sentence}`;
	const SUBPROCESSOR = vocabulary('subprocessor'), OBJECTION = vocabulary('objection'), SUBJECT_OBJECTION = vocabulary('subject-objection');
	// A data subject who objects to processing (in a sentence on requests a sub-processor receives) is no objection to a
	// sub-processor: the same exclusion as in coverage (rules/requirements/19-art28-2-authorisation.yaml).
	const objects = (t: string): boolean => OBJECTION.test(t) && !SUBJECT_OBJECTION.test(t);
	const sub = SUBPROCESSOR.test(s) || SUBPROCESSOR.test(context);
	if (RELOCATION.test(s) && !SUBPROCESSOR.test(s) && (OBJECTION.test(s) || /zustimmung|consent/.test(s))) return 'relocation-objection';
	if (TERMS_CHANGE.test(s) && OBJECTION.test(s) && !SUBPROCESSOR.test(s)) return 'terms-change-objection';
	if (sub) {
		// "Erhebt er Einspruch, kann jede Partei mit einer Frist von einem Monat kündigen": the nearer verb decides.
		if (OBJECTION.test(s) && TERMINATION.test(s) && at >= 0 && distance(s, TERMINATION, at) < distance(s, OBJECTION, at)) return 'termination';
		if (at >= 0 && FROM_OBJECTION.test(s.slice(at))) return 'other';
		if (objects(s)) return 'subprocessor-objection';
		// "inform Customer within five business days after the replacement": told after the fact (an emergency change), which
		// is no advance notice; the advance notice is what its periods are compared with.
		if (at >= 0 && AFTER_CHANGE.test(s.slice(at))) return 'other';
		// "Notify Customer of any Personal Data Breach by Courier or its Subprocessors within 72 hours": a breach names
		// sub-processors as where it happened, and its notice is the breach notification.
		if (BREACH_EVENT.test(s)) return 'breach-notification';
		// A window counted from receipt of the notice is the time to respond to it ("beginnt mit dem Zugang der Mitteilung").
		if (RECEIPT.test(s) && !APPROVAL_REQUEST.test(s)) return 'subprocessor-objection';
		if (APPROVAL_REQUEST.test(s)) return 'subprocessor-approval-request';
		if (NOTICE.test(s)) return 'subprocessor-notice';
	}
	if (BREACH.test(s)) return 'breach-notification';
	if (AUDIT.test(s)) return 'audit-notice';
	if (TERMINATION.test(s) && !DELETION.test(s)) return 'termination';
	if (RETENTION.test(s)) return 'retention';
	if (DELETION.test(s)) return 'deletion-return';
	if (CURE.test(s)) return 'cure-suspension';
	if (DSR.test(s)) return 'dsr-forwarding';
	if (sub && objects(all)) return 'subprocessor-objection';
	return 'other';
}

/** A pattern's twin with its flags and the g flag, made once per pattern. */
const globals = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
	let g = globals.get(re);
	if (!g) globals.set(re, g = new RegExp(re.source, re.global ? re.flags : re.flags + 'g'));
	return g;
}

/** Characters between position `at` and the nearest match of `re` in `s`. */
function distance(s: string, re: RegExp, at: number): number {
	let best = Infinity;
	for (const m of matchesOf(globalOf(re), s)) best = Math.min(best, Math.abs((m.index ?? 0) - at));
	return best;
}

function anchorOf(sentenceAfter: string): PeriodAnchor {
	if (RECEIPT.test(sentenceAfter)) return 'receipt-of-notice';
	if (AFTER_END.test(sentenceAfter)) return 'end-of-services';
	if (BEFORE.test(sentenceAfter)) return 'before-engagement';
	return 'unknown';
}

/**
 * Context for role classification: the titles of the enclosing clauses, the title of the annex the sentence stands in
 * ("Appendix C – Approved Sub-processors": "Client may object … within 30 days" there is about sub-processors), and the
 * previous sentence of the same block.
 */
function contextOf(doc: DpaDocument, i: number): string {
	const s = doc.sentences[i];
	const titles: string[] = [];
	for (let c = s.clause; c; c = c.parent) titles.push(c.title);
	if (s.annex) titles.push(s.annex.title);
	const prev = i > 0 && doc.sentences[i - 1].block === s.block ? doc.sentences[i - 1].text : '';
	return foldedOnce(`${titles.join(' ')} ${prev}`);
}

/** The part of a sentence around [start, end): cut at semicolons and enumerators such as "(2)", "(b)", "2."; whole sentence when short. */
function segmentAround(text: string, start: number, end: number): { text: string; from: number } {
	if (text.length < 240) return { text, from: 0 };
	const cut = /;\s|\s\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s/g;
	let from = 0, to = text.length;
	for (let m = cut.exec(text); m; m = cut.exec(text)) {
		if (m.index + m[0].length <= start) from = m.index + 1;
		else if (m.index >= end) { to = m.index; break; }
	}
	return { text: text.slice(from, to), from };
}

/** Whether a folded text has what every period has ({@link PERIOD_GATE}); without it, it holds none. */
export const mayHoldPeriod = (folded: string): boolean => PERIOD_GATE.test(folded);

/** Every numeric period in the document with its role and anchor. "unverzüglich", "without undue delay" are not periods. */
export function extractPeriods(doc: DpaDocument): Period[] {
	const out: Period[] = [];
	doc.sentences.forEach((sentence: Sentence, i) => {
		const found = fact(doc.sentences, i, 'sentence', 'periods', periodsOf);
		for (const p of found) {
			// Memoised by what it reads: most periods are where they were at the last analysis.
			const context = contextOf(doc, i);
			const role = memo('period-role', `${p.at}\u0000${p.segment}\u0000${context}`, () => classifyRole(p.segment, context, p.at));
			const start = sentence.span.start + p.start, end = sentence.span.start + p.end;
			out.push({
				text: doc.text.slice(start, end), span: { start, end }, value: p.value, unit: p.unit, dayKind: p.dayKind, days: p.days,
				role, anchor: p.anchor, sentence: sentence.span,
			});
		}
	});
	return out;
}

/** A period found in a sentence, relative to it, with the part of the sentence its role is read from. */
interface SentencePeriod {
	readonly start: number; readonly end: number; readonly value: number; readonly unit: Period['unit']; readonly dayKind: Period['dayKind'];
	readonly days: [number, number]; readonly anchor: PeriodAnchor;
	/** The folded part of the sentence around the period, and the period's offset in it. */
	readonly segment: string; readonly at: number;
}

const NO_PERIODS: readonly SentencePeriod[] = [];

/** The periods of one sentence (memoised per sentence text). */
const periodsOf = (sentence: Sentence): readonly SentencePeriod[] => periodsIn(sentence.text);

function periodsIn(text: string): readonly SentencePeriod[] {
	{
		// Most sentences have none: asked of the folded text alone, before a map back to the source is set up.
		if (!mayHoldPeriod(foldedOnce(text))) return NO_PERIODS;
		const f = foldOnce(text);
		const found: { idx: number; len: number; value: number; unit: Period['unit']; dayKind: Period['dayKind']; days: [number, number] }[] = [];
		PERIOD.lastIndex = 0;
		for (let m = PERIOD.exec(f.text); m; m = PERIOD.exec(f.text)) {
			const after = f.text.slice(m.index + m[0].length, m.index + m[0].length + 30);
			if (AVAILABILITY_AFTER.test(after) || AGE_OR_DATE.test(after)) continue;
			const before = f.text.slice(Math.max(0, m.index - 12), m.index);
			if (/(?:24\s*\/|\d\s*x\s*|\d+\s*(?:stunden|hours|h),?\s*|\d+\s*tage(?:n)?\s*(?:die|pro|a|per)\s*)$/.test(before)) continue;
			// "every two years", "alle 6 Monate", "einmal pro Jahr": a frequency, not a period.
			if (/(?:\bevery|\balle|\bjede[nrs]?|\bje|\bper|\bpro|\bonce a|\beinmal)\s*$/.test(before)) continue;
			if (m[1] && /^0\d/.test(m[1])) continue;
			const value = m[1] ? Number(m[1]) : m[4] ? Number(m[4]) : NUMBER_WORDS[m[3]];
			if (!value || value > 3650) continue;
			const { unit, dayKind } = unitOf(m[5]);
			found.push({ idx: m.index, len: m[0].length, value, unit, dayKind, days: daysOf(value, unit, dayKind, /^werktag/.test(m[5])) });
		}
		FORTNIGHT.lastIndex = 0;
		const fortnights = FORTNIGHT_NEEDLES.test(f.text);
		for (let m = fortnights ? FORTNIGHT.exec(f.text) : null; m; m = FORTNIGHT.exec(f.text)) {
			const fortnight = /fortnight/.test(m[0]);
			found.push({ idx: m.index, len: m[0].length, value: fortnight ? 2 : 6, unit: fortnight ? 'week' : 'month', dayKind: 'unspecified', days: fortnight ? [14, 14] : [168, 186] });
		}
		return found.map(p => {
			// Long sentences list several things ("(1) … within one month of the suspension; … (4) … a new sub-processor"):
			// the role comes from the part around the period.
			const seg = segmentAround(f.text, p.idx, p.idx + p.len);
			return {
				start: f.map[p.idx], end: f.map[p.idx + p.len], value: p.value, unit: p.unit, dayKind: p.dayKind, days: p.days,
				anchor: anchorOf(f.text.slice(p.idx, p.idx + p.len + 80)), segment: seg.text, at: p.idx - seg.from,
			};
		});
	}
}
