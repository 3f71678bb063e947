import type { Reporter } from '../messages';
import { frontMatterPeriod } from '../frontMatter';
import { parsePeriodText } from '../periods';
import { defaultCatalogue } from '../catalogue';
import { foldText } from '../text';
import type { Coverage, DpaDocument, Finding, Fix, Lang, Period, PeriodRole } from '../types';
import { HAS_PLACEHOLDER } from './placeholders';

/** A sentence about the objection to a sub-processor, from the shared vocabulary (rules/vocabulary.yaml). */
let subprocessorOrObjection: RegExp | undefined;
const SUBPROCESSOR_OR_OBJECTION = (): RegExp => {
	const cues = defaultCatalogue().cues, sub = cues.get('subprocessor')!.source, objection = cues.get('objection')!.source;
	return (subprocessorOrObjection ??= new RegExp(`(?:${sub}).*(?:${objection}|im voraus|in advance|vorab)|(?:${objection})`, 'u'));
};
const ROLE_NAMES: Readonly<Partial<Record<PeriodRole, Readonly<Record<Lang, string>>>>> = {
	'subprocessor-objection': { de: 'Einspruchsfrist für Unterauftragsverarbeiter', en: 'Objection period for sub-processors' },
	'subprocessor-notice': { de: 'Vorankündigung neuer Unterauftragsverarbeiter', en: 'Advance notice of new sub-processors' },
};

function overlap(a: readonly [number, number], b: readonly [number, number]): boolean {
	return a[0] <= b[1] && b[0] <= a[1];
}

/** The edit that rewrites a period in the body to `value` (keeping the document's language). */
function harmonise(periods: readonly Period[], value: string, title: string): Fix {
	return { kind: 'harmonise-period', mechanical: true, title, edits: periods.map(p => ({ span: p.span, text: value })) };
}

/** A period's length as a key: its shortest and longest day count ("14-14", "10-18" for ten business days). */
const lengthOf = (p: Period): string => `${p.days[0]}-${p.days[1]}`;

/** objection-period-inconsistent, -frontmatter, -missing, -exceeds-notice. Periods of different roles are never compared. */
export function checkPeriods(doc: DpaDocument, coverage: readonly Coverage[], specific: boolean, r: Reporter): void {
	const lines = doc.lines;
	const fm = doc.frontMatter.data;
	/** Statements of a period already reported as inconsistent with another of their role. */
	const inconsistent = new Set<Period>();
	for (const role of ['subprocessor-objection', 'subprocessor-notice'] as const) {
		const periods = doc.periods.filter(p => p.role === role);
		const roleName = ROLE_NAMES[role]![r.lang];
		const stated = frontMatterPeriod(fm, role);
		const key = stated?.key ?? '';
		// In messages the period as text ("15 days" for `subprocessor_objection_days: 15`); beside the key, as written.
		const expectedRaw = stated?.text;
		const expected = stated ? parsePeriodText(stated.text) : undefined;
		// The body against itself: a statement that disagrees with every earlier one of the same anchor.
		const distinct = [...new Map(periods.map(p => [lengthOf(p), p])).values()];
		// What the earlier statements are, kept as the loop runs: the distinct lengths and the first of each anchor.
		const seen = new Set<string>(), lengths: (readonly [number, number])[] = [], firstOf = new Map<string, number>();
		const note = (k: number): void => {
			const q = periods[k];
			if (!firstOf.has(q.anchor)) firstOf.set(q.anchor, k);
			if (!seen.has(lengthOf(q))) { seen.add(lengthOf(q)); lengths.push(q.days); }
		};
		// The fixes do not depend on the statement reported: made once, shared by every finding of the role.
		let toFrontMatter: Period[] | undefined, harmonised: Fix[] | undefined;
		for (let i = 1; i < periods.length; i++) {
			const p = periods[i];
			note(i - 1);
			if (seen.has(lengthOf(p)) || lengths.some(d => overlap(d, p.days))) continue;
			// No earlier statement overlaps: the first one of a comparable anchor is the one contradicted.
			const first = p.anchor === 'unknown' ? 0 : Math.min(firstOf.get(p.anchor) ?? Infinity, firstOf.get('unknown') ?? Infinity);
			const earlier = periods[first];
			if (!earlier) continue;
			const fixes = expected && expectedRaw
				? [harmonise(toFrontMatter ??= periods.filter(q => !overlap(q.days, expected.days)), localPeriod(expected.value, expected.unit, expected.dayKind, doc.lang, p.text), r.text('objection-period-frontmatter', 'fix', { expected: expectedRaw }))]
				: harmonised ??= distinct.map(d => harmonise(periods.filter(q => !overlap(q.days, d.days)), d.text, r.text('objection-period-inconsistent', 'fix', { value: d.text })));
			inconsistent.add(p);
			r.report('objection-period-inconsistent', p.span, 'default', { role: roleName, value: p.text, other: earlier.text, line: lines.position(earlier.span.start).line + 1 }, {
				related: [{ span: earlier.span, message: r.text('objection-period-inconsistent', 'related', { other: earlier.text }) }],
				fixes,
			});
		}
		// The body against the front-matter: at the front-matter when no statement agrees with it, else at each deviating statement.
		if (!expected || !expectedRaw || !periods.length) continue;
		const deviating = periods.filter(p => !overlap(p.days, expected.days));
		if (!deviating.length) continue;
		const value = localPeriod(expected.value, expected.unit, expected.dayKind, doc.lang, deviating[0].text);
		const fix = harmonise(deviating, value, r.text('objection-period-frontmatter', 'fix', { expected: value }));
		const fmSpan = doc.frontMatter.keys.get(key) ?? doc.frontMatter.span ?? { start: 0, end: 0 };
		const related = (ps: readonly Period[]): Finding['related'] => ps.map(p => ({ span: p.span, message: `${roleName}: „${p.text}“` }));
		if (deviating.length === periods.length) {
			r.report('objection-period-frontmatter', fmSpan, 'default', { role: roleName, value: deviating.map(p => p.text).join(' / '), key, expected: stated!.shown }, { related: related(deviating), fixes: [fix] });
		} else {
			for (const p of deviating) {
				r.report('objection-period-frontmatter', p.span, 'default', { role: roleName, value: p.text, key, expected: stated!.shown }, {
					related: [{ span: fmSpan, message: `${key}: ${stated!.shown}` }], fixes: [fix],
				});
			}
		}
	}
	const objections = doc.periods.filter(p => p.role === 'subprocessor-objection');
	const notices = doc.periods.filter(p => p.role === 'subprocessor-notice' && p.anchor !== 'receipt-of-notice');
	// One finding per objection period longer than a notice, at its first statement: the same period stated again
	// ("30 days after notice to object … if Customer objects within 30 days") is the same defect. Not where a statement of
	// it is already reported as inconsistent with another objection period: that finding names the two periods, and
	// harmonising them settles this one or brings it back.
	const reported = new Set<string>();
	for (const o of objections) {
		const length = lengthOf(o);
		if (reported.has(length) || o.anchor === 'before-engagement') continue;
		const n = notices.find(x => x.days[1] < o.days[0]);
		if (!n) continue;
		reported.add(length);
		const same = objections.filter(q => q.anchor !== 'before-engagement' && lengthOf(q) === length);
		if (same.some(q => inconsistent.has(q))) continue;
		r.report('objection-period-exceeds-notice', o.span, 'default', { value: o.text, notice: n.text }, {
			related: [
				{ span: n.span, message: r.text('objection-period-exceeds-notice', 'related', { notice: n.text }) },
				...same.slice(1).map(q => ({ span: q.span, message: `${ROLE_NAMES['subprocessor-objection']![r.lang]}: „${q.text}“` })),
			],
		});
	}
	const auth = coverage.find(c => c.requirement === 'art28-2-authorisation');
	const general = !specific && auth !== undefined && auth.status !== 'missing';
	// A period left as a placeholder ("[ZEITRAUM ANGEBEN]") is reported as an unfilled placeholder, not as missing.
	// A notice period is the window to object in, where the draft lets the controller object at all ("notify 30 days
	// before …, and Customer may object"); a notice without any opportunity to object leaves the objection period missing.
	const notice = doc.periods.find(p => p.role === 'subprocessor-notice');
	const mayObject = !!auth?.found.includes('objection');
	if (!general || objections.length || frontMatterPeriod(fm, 'subprocessor-objection') || (notice ? mayObject : !auth?.evidence.length) || placeholderPeriod(doc)) return;
	if (notice) r.report('objection-period-missing', notice.span, 'noObjection', { notice: notice.text });
	else r.report('objection-period-missing', auth!.evidence[0], 'default', {});
}

/** Write a period in the style of `like` ("14 Tage" / "14 days"). */
function localPeriod(value: number, unit: Period['unit'], dayKind: Period['dayKind'], lang: Lang, like: string): string {
	const de = lang === 'de' || /tag|woche|monat|jahr|stunde/i.test(like);
	const words: Record<Period['unit'], [string, string, string, string]> = {
		day: ['Tag', 'Tage', 'day', 'days'], week: ['Woche', 'Wochen', 'week', 'weeks'], month: ['Monat', 'Monate', 'month', 'months'],
		year: ['Jahr', 'Jahre', 'year', 'years'], hour: ['Stunde', 'Stunden', 'hour', 'hours'],
	};
	const w = words[unit];
	const kind = dayKind === 'working' ? (de ? 'Arbeits' : 'working ') : dayKind === 'business' ? (de ? 'Geschäfts' : 'business ') : dayKind === 'calendar' ? (de ? 'Kalender' : 'calendar ') : '';
	if (de) {
		// Keep the case of the text it replaces: "binnen 30 Tagen" becomes "binnen 14 Tagen", not "14 Tage".
		const dative = value !== 1 && /(?:tagen|wochen|monaten|jahren|stunden)\s*$/i.test(like);
		const noun = value === 1 ? w[0] : dative && !w[1].endsWith('n') ? `${w[1]}n` : w[1];
		return `${value} ${kind}${kind ? noun.toLowerCase() : noun}`;
	}
	return `${value} ${kind}${value === 1 ? w[2] : w[3]}`;
}

/** Whether a sentence on sub-processor objections or notice leaves its period as a placeholder ("[ZEITRAUM ANGEBEN]"). */
function placeholderPeriod(doc: DpaDocument): boolean {
	return doc.sentences.some(s => {
		const text = foldText(s.text);
		return SUBPROCESSOR_OR_OBJECTION().test(text) && HAS_PLACEHOLDER.test(text);
	});
}

/**
 * contradiction, for the time the processor has to report a personal data breach to the controller: two statements of
 * it with different lengths ("spätestens innerhalb von 24 Stunden" in 8.2 and "within 48 hours" in the security annex,
 * or in the two language versions of a bilingual draft). Only periods of a sentence about a breach itself
 * ({@link BREACH_WORDS}: not an alarm, a fault message or a patch), told to the controller: the controller's own
 * deadline towards the supervisory authority or the data subjects (Art. 33(1), 34) is another role, and so are further
 * information or a final report that follow the first notice.
 */
export function checkBreachPeriods(doc: DpaDocument, r: Reporter): void {
	const notices = doc.periods.filter(p => {
		if (p.role !== 'breach-notification') return false;
		// The words around the period, in its sentence: a breach told to the controller.
		const near = foldText(doc.text.slice(Math.max(p.sentence.start, p.span.start - 200), Math.min(p.sentence.end, p.span.end + 60)));
		return BREACH_WORDS.test(near) && TOLD.test(near) && !OTHER_ADDRESSEE.test(near) && !FOLLOW_UP.test(near);
	});
	for (let i = 1; i < notices.length; i++) {
		const p = notices[i];
		// Within one sentence two periods are a target and a limit ("möglichst innerhalb von 24 Stunden, spätestens aber 48").
		const earlier = notices.slice(0, i).find(q => q.sentence.start !== p.sentence.start && !overlap(q.days, p.days));
		if (!earlier) continue;
		const topic = r.lang === 'de' ? 'Frist für die Meldung einer Verletzung an den Verantwortlichen' : 'the deadline for reporting a breach to the controller';
		r.report('contradiction', p.span, 'period', { topic, text: p.text, other: earlier.text, line: doc.lines.position(earlier.span.start).line + 1 }, {
			related: [{ span: earlier.span, message: r.text('contradiction', 'related', { other: earlier.text }) }],
		});
		return;
	}
}
const BREACH_WORDS = /verletzung(?:en)? des schutzes|datenpanne|datenschutzverletzung|sicherheitsvorf(?:all|aell)|personal data breach|data breach|security breach|breach of (?:the )?security|security incident/u;
const TOLD = /\b(?:inform|notif|meld|benachrichtig|unterricht|mitteil|report|tell|alert)\p{L}*/u;
const OTHER_ADDRESSEE = /(?:aufsichtsbehoerde|datenschutzbehoerde|supervisory authorit|data protection (?:authorit|commission)|commissioner|\bdpc\b|\bico\b|regulator|betroffene(?:n)? person|data subjects?|art(?:\.|ikel|icle) 3[34]\s*(?:\(1\)|abs(?:\.|atz)? ?1))(?![^.]{0,40}(?:unterstuetz|assist|help))/u;
const FOLLOW_UP = /\b(?:weitere|ergaenzende|abschliessende)\w* (?:informationen|angaben|bericht)|(?:further|additional|supplementary) information|(?:final|detailed|written|full) report|\bupdates?\b/u;
