import { FRONT_MATTER_KEYS, FRONT_MATTER_VALUES } from './frontMatter';
import type { Reporter } from './messages';
import { parsePeriodText } from './periods';
import { compilePattern, fold, LineIndex } from './text';
import { annexServes } from './topics';
import type { Annex, Block, Coverage, DpaDocument, Finding, Fix, Lang, Period, PeriodRole, Span } from './types';

const TOPIC_NAMES: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
	subprocessors: { de: 'die Unterauftragsverarbeiter', en: 'the sub-processors' },
	toms: { de: 'die technischen und organisatorischen Maßnahmen', en: 'the technical and organisational measures' },
	'data-subjects': { de: 'die betroffenen Personen', en: 'the data subjects' },
	'data-categories': { de: 'die Datenkategorien', en: 'the categories of data' },
	contacts: { de: 'die Ansprechpartner und Weisungsberechtigten', en: 'the contacts and persons entitled to instruct' },
	'processing-description': { de: 'die Beschreibung der Verarbeitung', en: 'the description of the processing' },
	certifications: { de: 'die Zertifizierungen', en: 'the certifications' },
};
/** Titles for annexes created by the quick fix, by topic. */
export const ANNEX_TITLES: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
	subprocessors: { de: 'Unterauftragsverarbeiter', en: 'List of sub-processors' },
	toms: { de: 'Technische und organisatorische Maßnahmen', en: 'Technical and organisational measures' },
	'data-subjects': { de: 'Kategorien betroffener Personen', en: 'Categories of data subjects' },
	'data-categories': { de: 'Kategorien personenbezogener Daten', en: 'Categories of personal data' },
	contacts: { de: 'Weisungsberechtigte Personen und Ansprechpartner', en: 'Persons entitled to give instructions and contacts' },
	'processing-description': { de: 'Beschreibung der Verarbeitung', en: 'Description of the processing' },
	certifications: { de: 'Zertifizierungen', en: 'Certifications' },
};
const FAMILY_WORD: Readonly<Record<string, string>> = {
	anlage: 'Anlage', anhang: 'Anhang', annex: 'Annex', schedule: 'Schedule', appendix: 'Appendix', exhibit: 'Exhibit', attachment: 'Attachment',
};

/** "Anlage 3", "Annex II" as the document writes it. */
export function annexName(a: { family: string; label: string }): string {
	return `${FAMILY_WORD[a.family] ?? a.family} ${a.label}`;
}

/** front-matter-invalid: YAML syntax errors, wrong types and values of known keys, unparseable periods. */
export function checkFrontMatter(doc: DpaDocument, r: Reporter): void {
	const fm = doc.frontMatter;
	if (fm.error) {
		r.report('front-matter-invalid', fm.error.span, 'default', { detail: fm.error.message });
		return;
	}
	for (const [key, type] of Object.entries(FRONT_MATTER_KEYS)) {
		if (!(key in fm.data)) continue;
		const value = fm.data[key];
		const span = fm.keys.get(key) ?? fm.span!;
		if (type === 'list') {
			const ok = Array.isArray(value) && value.every(v => v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string');
			if (!ok) r.report('front-matter-invalid', span, 'type', { key, expected: r.lang === 'de' ? 'eine Liste von { id, title, file }' : 'a list of { id, title, file }' });
			continue;
		}
		if (typeof value !== 'string') {
			r.report('front-matter-invalid', span, 'type', { key, expected: r.lang === 'de' ? 'ein Text' : 'a string' });
			continue;
		}
		const allowed = FRONT_MATTER_VALUES[key];
		if (allowed && !allowed.includes(value)) r.report('front-matter-invalid', span, 'value', { key, value, allowed: allowed.join(', ') });
		if ((key === 'objection_period' || key === 'notice_period') && !parsePeriodText(value)) r.report('front-matter-invalid', span, 'period', { key, value });
	}
}

/** annex-undefined, annex-unreferenced, annex-duplicate, annex-mismatch. */
export function checkAnnexes(doc: DpaDocument, r: Reporter): void {
	const seen = new Map<string, Annex>();
	const lines = new LineIndex(doc.text);
	for (const a of doc.annexes) {
		const key = `${a.family}:${a.key}`;
		const first = seen.get(key);
		if (first && !a.file && !first.file) {
			r.report('annex-duplicate', a.span, 'default', { annex: annexName(a), line: lines.position(first.span.start).line + 1 }, {
				related: [{ span: first.span, message: r.text('annex-duplicate', 'related', { annex: annexName(first) }) }],
			});
		} else if (!first) seen.set(key, a);
	}
	const listed = new Set(doc.annexListEntries.map(s => fold(doc.text.slice(s.start, s.end)).text.replace(/\s+/g, ' ').slice(0, 14)));
	const endsWithHeadings = doc.blocks.some(b => b.kind === 'heading');
	for (const ref of doc.annexRefs) {
		if (ref.target) continue;
		const name = annexName(ref);
		const topic = ref.topics[0];
		const title = topic ? ANNEX_TITLES[topic][r.lang] : (r.lang === 'de' ? '[Titel]' : '[Title]');
		const heading = `${endsWithHeadings ? '## ' : ''}${name} – ${title}`;
		const atEnd = doc.text.length;
		const sep = doc.text.endsWith('\n') ? '\n' : '\n\n';
		const fix: Fix = {
			kind: 'create-annex', mechanical: false, title: r.text('annex-undefined', 'fix', { annex: name, title }),
			edits: [{ span: { start: atEnd, end: atEnd }, text: `${sep}${heading}\n\n${r.lang === 'de' ? '[Inhalt der Anlage]' : '[Content of the annex]'}\n` }],
		};
		const isListed = [...listed].some(l => l.startsWith(fold(name).text));
		r.report('annex-undefined', ref.span, isListed ? 'listed' : 'default', { annex: name }, { fixes: [fix] });
	}
	for (const a of doc.annexes) {
		if (seen.get(`${a.family}:${a.key}`) !== a) continue;
		const referenced = doc.annexRefs.some(ref => ref.target === a && !(ref.span.start >= a.span.start && ref.span.start < a.end && !a.file));
		if (!referenced) r.report('annex-unreferenced', a.span, 'default', { annex: annexName(a), title: a.title || '–' });
	}
	for (const ref of doc.annexRefs) {
		const t = ref.target;
		if (!t || !t.topics.length || !ref.topics.length) continue;
		if (ref.topics.some(topic => annexServes(t.topics, topic))) continue;
		for (const topic of ref.topics) {
			const other = doc.annexes.find(a => a !== t && a.topics.includes(topic));
			if (!other) continue;
			r.report('annex-mismatch', ref.span, 'default', {
				annex: annexName(ref), topic: TOPIC_NAMES[topic][r.lang], title: t.title, other: annexName(other), otherTitle: other.title,
			}, {
				related: [{ span: other.span, message: r.text('annex-mismatch', 'related', { other: annexName(other) }) }],
				fixes: [{ kind: 'retarget-annex', mechanical: false, title: r.text('annex-mismatch', 'fix', { other: annexName(other) }), edits: [{ span: ref.labelSpan, text: other.label }] }],
			});
			break;
		}
	}
}

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

/** objection-period-inconsistent, -frontmatter, -missing, -exceeds-notice. Periods of different roles are never compared. */
export function checkPeriods(doc: DpaDocument, coverage: readonly Coverage[], specific: boolean, r: Reporter): void {
	const lines = new LineIndex(doc.text);
	const fm = doc.frontMatter.data;
	for (const [role, key] of [['subprocessor-objection', 'objection_period'], ['subprocessor-notice', 'notice_period']] as const) {
		const periods = doc.periods.filter(p => p.role === role);
		const roleName = ROLE_NAMES[role]![r.lang];
		const expectedRaw = typeof fm[key] === 'string' ? fm[key] as string : undefined;
		const expected = expectedRaw ? parsePeriodText(expectedRaw) : undefined;
		// The body against itself: a statement that disagrees with every earlier one of the same anchor.
		const distinct = [...new Map(periods.map(p => [`${p.days[0]}-${p.days[1]}`, p])).values()];
		for (let i = 1; i < periods.length; i++) {
			const p = periods[i];
			const earlier = periods.slice(0, i).find(q => !overlap(q.days, p.days) && (q.anchor === p.anchor || q.anchor === 'unknown' || p.anchor === 'unknown'));
			if (!earlier || periods.slice(0, i).some(q => overlap(q.days, p.days))) continue;
			const fixes = expected && expectedRaw
				? [harmonise(periods.filter(q => !overlap(q.days, expected.days)), localPeriod(expected.value, expected.unit, expected.dayKind, doc.lang, p.text), r.text('objection-period-frontmatter', 'fix', { expected: expectedRaw }))]
				: distinct.map(d => harmonise(periods.filter(q => !overlap(q.days, d.days)), d.text, r.text('objection-period-inconsistent', 'fix', { value: d.text })));
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
		const fmSpan = doc.frontMatter.keys.get(key)!;
		const related = (ps: readonly Period[]): Finding['related'] => ps.map(p => ({ span: p.span, message: `${roleName}: „${p.text}“` }));
		if (deviating.length === periods.length) {
			r.report('objection-period-frontmatter', fmSpan, 'default', { role: roleName, value: deviating.map(p => p.text).join(' / '), key, expected: expectedRaw }, { related: related(deviating), fixes: [fix] });
		} else {
			for (const p of deviating) {
				r.report('objection-period-frontmatter', p.span, 'default', { role: roleName, value: p.text, key, expected: expectedRaw }, {
					related: [{ span: fmSpan, message: `${key}: ${expectedRaw}` }], fixes: [fix],
				});
			}
		}
	}
	const objections = doc.periods.filter(p => p.role === 'subprocessor-objection');
	const notices = doc.periods.filter(p => p.role === 'subprocessor-notice' && p.anchor !== 'receipt-of-notice');
	for (const o of objections) {
		const n = notices.find(x => x.days[1] < o.days[0]);
		if (n && o.anchor !== 'before-engagement') {
			r.report('objection-period-exceeds-notice', o.span, 'default', { value: o.text, notice: n.text }, {
				related: [{ span: n.span, message: r.text('objection-period-exceeds-notice', 'related', { notice: n.text }) }],
			});
		}
	}
	const auth = coverage.find(c => c.requirement === 'art28-2-authorisation');
	const general = !specific && auth !== undefined && auth.status !== 'missing';
	// A period left as a placeholder ("[ZEITRAUM ANGEBEN]") is reported as an unfilled placeholder, not as missing.
	const placeholderPeriod = doc.sentences.some(s => SUBPROCESSOR_OR_OBJECTION.test(fold(s.text).text) && new RegExp(PLACEHOLDER.source, 'u').test(fold(s.text).text));
	const hasPeriod = objections.length || doc.periods.some(p => p.role === 'subprocessor-notice') || typeof fm.objection_period === 'string' || placeholderPeriod;
	if (general && !hasPeriod && auth?.evidence.length) {
		r.report('objection-period-missing', auth.evidence[0], 'default', {});
	}
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

const SUBPROCESSOR_OR_OBJECTION = compilePattern('(?:unterauftrag|sub-?processor|subunternehmer).*(?:einspruch|widersp|einwaend|object|im voraus|in advance|vorab)|(?:einspruch|widersp|einwaend|object)', 'u');
const SIGNATURE = compilePattern('unterschrift|signature|\\bsigned\\b|ort,? (?:und )?datum|datum,? (?:und )?ort|place,? (?:and )?date|date,? (?:and )?place|\\bdate:|\\bby:|name, vorname, funktion|name and title|\\btitle:|^\\s*(?:fuer|for|on behalf of) (?:den|die|the) (?:auftraggeber|auftragnehmer|verantwortlichen|auftragsverarbeiter|controller|processor|customer|client|kunden)\\s*:?\\s*$|stempel|gezeichnet', 'u');
const PLACEHOLDER = compilePattern([
	'\\{\\{[^}\\n]{1,80}\\}\\}',
	'\\[(?:x{1,3}|n|#|●|•|…|\\.{2,}|_+|\\s*)\\](?=\\s*[\\p{L}\\d])',
	'\\[[^\\]\\n]{0,80}(?:angeben|einfuegen|einsetzen|eintragen|ergaenzen|ausfuellen|specify|insert|enter|to be (?:completed|confirmed|inserted)|tbd|todo|platzhalter)[^\\]\\n]{0,40}\\]',
	'\\[(?:[A-ZÄÖÜ0-9][A-ZÄÖÜ0-9 ,./-]{2,60})\\]',
	'_{4,}',
	'(?:nr\\.?|no\\.)\\s*(?:\\*\\*)?[\\p{L}]*(?:\\*\\*)?-?[\\p{L}]*nummer\\b',
	'vertragsnummer:\\s*(?:\\*\\*)?[\\p{L}]*(?:\\*\\*)?-?vertragsnummer',
	'(?<=\\s)[\\p{L}]+-[\\p{L}]*nummer:*(?=\\s*$)',
	'\\b(?:tbd|todo|tba)\\b',
].join('|'), 'gu');
const INSTRUCTION = compilePattern('^(?:bitte|please)\\b[^\\n]{0,200}\\b(?:ausfuellen|ergaenzen|einfuegen|erstellen|beifuegen|beilegen|angeben|eintragen|auflisten|complete|insert|fill in|specify|attach|list)\\b|dienen (?:ausschliesslich |lediglich |nur )?als beispiel|(?:are|is) (?:given )?(?:only )?(?:as|by way of) examples? only', 'u');
const GENERIC_PARTY_LINE = /^(?:name|adresse|anschrift|firma|firmenname|straße(?:,? hausnummer)?|strasse|plz,? ort|ort|address|company(?: name)?|name of (?:the )?(?:company|controller|customer))\s*$/i;
const PARTY_ROLE_LINE = compilePattern('^\\s*[-(]?\\s*(?:als|as|im folgenden|hereinafter|nachfolgend)?\\s*(?:the\\s+)?["„“]?(?:verantwortliche|auftraggeber|controller|customer|auftragsverarbeiter|auftragnehmer|processor|kunde)', 'u');

const cellsOf = (text: string): string[] => text.replace(/^\s*\||\|\s*$/g, '').split(/\t|\|/).map(c => c.trim());
/** A header row: two or more labels, none with digits, addresses or sentences. */
const isHeaderRow = (text: string): boolean => {
	const cells = cellsOf(text).filter(Boolean);
	return cells.length >= 2 && cells.every(c => !/[\d@]/.test(c) && c.split(/\s+/).length <= 5 && !/[.;]$/.test(c));
};
const isSeparatorRow = (text: string): boolean => /^\s*\|?\s*:?-{3,}/.test(text);

/** Whether the table starting with the header row at block i has no entries (its next rows are absent, empty or another header). */
function emptyTable(blocks: readonly Block[], i: number): boolean {
	const header = blocks[i];
	if (!isHeaderRow(header.text) || (i > 0 && blocks[i - 1].kind === 'table' && blocks[i - 1].span.end + 2 >= header.span.start)) return false;
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
		return isHeaderRow(b.text) && cellsOf(b.text).join('|') === cellsOf(header.text).join('|');
	}
	return true;
}

/** placeholder-unfilled: merge fields, blanks, bracketed fill-ins, drafting instructions, parties without a name. */
export function checkPlaceholders(doc: DpaDocument, r: Reporter): void {
	const blocks = doc.blocks;
	const lineTexts = doc.text.split('\n');
	const lines = new LineIndex(doc.text);
	const signatureNear = (offset: number): boolean => {
		const line = lines.position(offset).line;
		// Look at up to four non-empty lines on each side: signature captions sit above or below the blank.
		for (const dir of [-1, 1]) {
			for (let l = line + dir, seen = 0; l >= 0 && l < lineTexts.length && seen < 4; l += dir) {
				if (!lineTexts[l].trim()) continue;
				seen++;
				if (SIGNATURE.test(fold(lineTexts[l]).text)) return true;
			}
		}
		return SIGNATURE.test(fold(lineTexts[line]).text);
	};
	const fix = (span: Span): Fix[] => [{ kind: 'select-placeholder', mechanical: false, title: r.text('placeholder-unfilled', 'fix'), edits: [], select: span }];
	const sentencesOf = new Map<number, typeof doc.sentences[number][]>();
	for (const s of doc.sentences) sentencesOf.set(s.block, [...(sentencesOf.get(s.block) ?? []), s]);
	blocks.forEach((block, i) => {
		if (block.kind === 'html') return;
		const f = fold(block.text, block.span.start);
		PLACEHOLDER.lastIndex = 0;
		for (let m = PLACEHOLDER.exec(f.text); m; m = PLACEHOLDER.exec(f.text)) {
			const span = { start: f.map[m.index], end: f.map[m.index + m[0].length] };
			const original = doc.text.slice(span.start, span.end);
			if (original.startsWith('[') && !original.startsWith('[[')) {
				const after = doc.text.slice(span.end, span.end + 1);
				if (after === '(' || after === '[' || after === ':') continue; // Markdown link or reference
				if (/^\[bookmark:/i.test(original) || /^\[\^/.test(original)) continue;
				if (/^\[[xX ]\]$/.test(original) && /^\s*(?:[-*+]\s*)?$/.test(doc.text.slice(doc.text.lastIndexOf('\n', span.start - 1) + 1, span.start))) continue; // checkbox
			}
			if (/^[._]+$/.test(original) && signatureNear(span.start)) continue;
			r.report('placeholder-unfilled', span, 'default', { text: original.length > 60 ? original.slice(0, 57) + '…' : original }, { fixes: fix(span) });
		}
		// A table with its header row and no entries ("Name, Vorname | Organisationseinheit | E-Mail" and nothing below).
		if (block.kind === 'table' && block.span.start >= doc.bodyStart && emptyTable(blocks, i)) {
			r.report('placeholder-unfilled', block.span, 'emptyTable', { text: block.text.replace(/\s*[\t|]\s*/g, ' | ').replace(/^\s*\|\s*|\s*\|\s*$/g, '').slice(0, 60) }, { fixes: fix(block.span) });
		}
		// Drafting instructions ("Bitte … ausfüllen", "… dienen ausschließlich als Beispiele").
		INSTRUCTION.lastIndex = 0;
		for (const s of sentencesOf.get(i) ?? []) {
			const fs = fold(s.text).text;
			if (INSTRUCTION.test(fs)) r.report('placeholder-unfilled', s.span, 'instruction', { text: s.text.length > 60 ? s.text.slice(0, 57) + '…' : s.text }, { fixes: fix(s.span) });
		}
		// The parties block: a generic field label alone on a line, or "zwischen" followed directly by the role.
		if (block.span.start < doc.bodyStart) {
			let offset = block.span.start;
			for (const line of block.text.split('\n')) {
				const t = line.replace(/[*_]/g, '').trim();
				if (GENERIC_PARTY_LINE.test(t) && line.includes(t)) {
					const span = { start: offset + line.indexOf(t), end: offset + line.indexOf(t) + t.length };
					r.report('placeholder-unfilled', span, 'default', { text: t }, { fixes: fix(span) });
				}
				offset += line.length + 1;
			}
			const t = fold(block.text.trim()).text;
			const next = blocks[i + 1];
			if (/^(?:zwischen|between)$/.test(t.replace(/[*_:]/g, '').trim()) && next && PARTY_ROLE_LINE.test(fold(next.text).text)) {
				r.report('placeholder-unfilled', next.span, 'party', {}, { fixes: fix(next.span) });
			}
		}
	});
}

/** crossref-undefined: references to clause numbers the contract does not have. */
export function checkCrossRefs(doc: DpaDocument, r: Reporter): void {
	if (doc.clauses.filter(c => c.label).length < 3) return;
	for (const ref of doc.clauseRefs) {
		if (ref.target) continue;
		r.report('crossref-undefined', ref.span, 'default', { text: ref.text });
	}
}

/** Where missing-clause findings sit: the front-matter `type` line, else the document's first line of text. */
export function anchorSpan(doc: DpaDocument): Span {
	const type = doc.frontMatter.keys.get('type');
	if (type) return type;
	if (doc.frontMatter.span) return { start: 0, end: 3 };
	const first = doc.blocks[0];
	if (!first) return { start: 0, end: 0 };
	const nl = first.text.indexOf('\n');
	return { start: first.span.start, end: nl < 0 ? first.span.end : first.span.start + nl };
}

/** numbering-anomaly: a numbered clause whose number does not fit its place ("38.4" between 4.2 and 4.4). */
export function checkNumbering(doc: DpaDocument, r: Reporter): void {
	for (const parent of doc.clauses) {
		if (parent.style !== 'dotted' || !parent.label) continue;
		const kids = parent.children.filter(c => c.style === 'dotted' && c.label?.includes('.'));
		kids.forEach((c, i) => {
			const prefix = c.label!.slice(0, c.label!.lastIndexOf('.'));
			const prev = kids[i - 1];
			if (prefix === parent.label || !prev || prev.label!.slice(0, prev.label!.lastIndexOf('.')) !== parent.label) return;
			const last = Number(prev.label!.split('.').pop());
			const expected = `${parent.label}.${Number.isFinite(last) ? last + 1 : 1}`;
			const numberEnd = c.span.start + doc.text.slice(c.span.start, c.span.end).indexOf(c.label!) + c.label!.length;
			const span = { start: c.span.start + Math.max(0, doc.text.slice(c.span.start, c.span.end).indexOf(c.label!)), end: numberEnd };
			r.report('numbering-anomaly', span, 'default', { label: c.label!, parent: parent.label!, expected }, {
				fixes: [{ kind: 'renumber', mechanical: false, title: r.text('numbering-anomaly', 'fix', { expected }), edits: [{ span, text: expected }] }],
			});
		});
	}
}

const GDPR_PARAGRAPH = /(?<![\p{L}])(§§?)\s*(\d{1,2})((?:\s*(?:abs\.?|absatz|satz|s\.|uabs\.?|unterabs\.?|lit\.?|buchst\.?|nr\.?)\s*[\da-z]{1,3}\.?|\s*\(\d{1,2}\)|\s*\([a-z]\)|\s*(?:und|bis|to|and|or|oder|-|–|,)\s*\d{1,2}(?![\d.]))*)\s*(dsgvo|ds-gvo|eu-dsgvo|gdpr)\b/giu;

/** citation-wrong: the GDPR has articles, not paragraphs ("§ 28 Abs. 2 DS-GVO" means "Art. 28 Abs. 2 DS-GVO"). */
export function checkCitations(doc: DpaDocument, r: Reporter): void {
	for (const m of doc.text.matchAll(GDPR_PARAGRAPH)) {
		const start = m.index ?? 0;
		const span = { start, end: start + m[0].length };
		const corrected = `${r.lang === 'de' ? 'Art.' : 'Art.'} ${m[2]}${m[3]} ${m[4]}`;
		r.report('citation-wrong', span, 'default', { text: m[0], corrected }, {
			fixes: [{ kind: 'renumber', mechanical: false, title: r.text('citation-wrong', 'fix', { corrected }), edits: [{ span, text: corrected }] }],
		});
	}
}
