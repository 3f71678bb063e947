import type { Lang, PeriodRole } from '../core';

/** Every user-visible word of the review report, in German and English. */
export const STRINGS = {
	de: {
		title: 'Prüfbericht Auftragsverarbeitungsvertrag', generatedBy: 'Erstellt mit DPA Lint', reportDate: 'Bericht vom', fileDate: 'Stand der Datei',
		source: 'Quelle', documentLanguage: 'Sprache des Dokuments', langName: { de: 'Deutsch', en: 'Englisch' },
		coverage: 'Art. 28 DSGVO auf einen Blick', coverageSummary: (p: number, i: number, m: number, t: number) => `${p} von ${t} Anforderungen erfüllt, ${i} unvollständig, ${m} fehlen`,
		status: { present: 'vorhanden', partial: 'unvollständig', missing: 'fehlt', 'not-applicable': 'entfällt' },
		requirement: 'Anforderung', article: 'Vorschrift', gaps: 'Lücken', noGaps: 'Alle 21 Anforderungen des Art. 28 DSGVO sind abgedeckt.',
		lawAsks: 'Was das Gesetz verlangt', found: 'Im Entwurf gefunden', nothingCounted: 'Keine Stelle des Entwurfs erfüllt diese Anforderung.',
		missingParts: 'Es fehlt', suggested: 'Formulierungsvorschlag', suggestedSentence: 'Ergänzungsvorschlag', reason: 'Begründung',
		findings: 'Weitere Feststellungen', noFindings: 'Keine weiteren Feststellungen.', clause: 'Ziffer', line: 'Zeile', severity: 'Gewicht',
		rule: 'Regel', finding: 'Feststellung', passage: 'Textstelle',
		severities: { error: 'Fehler', warning: 'Warnung', info: 'Hinweis', hint: 'Hinweis' },
		periods: 'Fristen', noPeriods: 'Der Entwurf nennt keine Fristen.', period: 'Frist', role: 'Bedeutung', days: 'Tage',
		annexes: 'Anlagen', noAnnexes: 'Der Entwurf hat keine Anlagen und verweist auf keine.', annex: 'Anlage', annexTitle: 'Titel', definedAt: 'Definiert',
		referencedFrom: 'Verwiesen aus', annexStatus: 'Befund',
		annexState: { ok: 'in Ordnung', undefined: 'verwiesen, aber nicht beigefügt', unreferenced: 'beigefügt, aber nie verwiesen', mismatch: 'Verweis passt nicht zum Titel', duplicate: 'doppelt' },
		body: 'Vertragstext', lineOfView: 'Zeilen beziehen sich auf die Markdown-Ansicht des umgewandelten Dokuments.',
		legend: 'Legende', chartLabel: (p: number, i: number, m: number) => `Abdeckung: ${p} vorhanden, ${i} unvollständig, ${m} fehlen`,
	},
	en: {
		title: 'Data processing agreement review', generatedBy: 'Made with DPA Lint', reportDate: 'Report of', fileDate: 'File dated',
		source: 'Source', documentLanguage: 'Language of the document', langName: { de: 'German', en: 'English' },
		coverage: 'Art. 28 GDPR at a glance', coverageSummary: (p: number, i: number, m: number, t: number) => `${p} of ${t} requirements met, ${i} incomplete, ${m} missing`,
		status: { present: 'present', partial: 'incomplete', missing: 'missing', 'not-applicable': 'not applicable' },
		requirement: 'Requirement', article: 'Provision', gaps: 'Gaps', noGaps: 'All 21 requirements of Art. 28 GDPR are covered.',
		lawAsks: 'What the law asks', found: 'Found in the draft', nothingCounted: 'Nothing in the draft meets this requirement.',
		missingParts: 'Missing', suggested: 'Suggested clause', suggestedSentence: 'Suggested addition', reason: 'Reason',
		findings: 'Other findings', noFindings: 'No other findings.', clause: 'Clause', line: 'Line', severity: 'Severity',
		rule: 'Rule', finding: 'Finding', passage: 'Passage',
		severities: { error: 'error', warning: 'warning', info: 'note', hint: 'hint' },
		periods: 'Periods', noPeriods: 'The draft states no periods.', period: 'Period', role: 'Meaning', days: 'days',
		annexes: 'Annexes', noAnnexes: 'The draft has no annexes and refers to none.', annex: 'Annex', annexTitle: 'Title', definedAt: 'Defined',
		referencedFrom: 'Referenced from', annexStatus: 'Verdict',
		annexState: { ok: 'fine', undefined: 'referenced, not attached', unreferenced: 'attached, never referenced', mismatch: 'reference does not fit the title', duplicate: 'duplicate' },
		body: 'Contract body', lineOfView: 'Lines refer to the Markdown view of the converted document.',
		legend: 'Legend', chartLabel: (p: number, i: number, m: number) => `Coverage: ${p} present, ${i} incomplete, ${m} missing`,
	},
} as const;

export type Strings = (typeof STRINGS)[Lang];

/** What a period is for, in both languages. */
export const PERIOD_ROLES: Readonly<Record<PeriodRole, Readonly<Record<Lang, string>>>> = {
	'subprocessor-objection': { de: 'Einspruch gegen Unterauftragsverarbeiter', en: 'objection to a sub-processor' },
	'subprocessor-notice': { de: 'Vorankündigung neuer Unterauftragsverarbeiter', en: 'notice of a new sub-processor' },
	'subprocessor-approval-request': { de: 'Genehmigungsanfrage Unterauftragsverarbeiter', en: 'approval request for a sub-processor' },
	'relocation-objection': { de: 'Einspruch gegen Verlagerung', en: 'objection to a relocation' },
	termination: { de: 'Kündigung', en: 'termination' },
	'audit-notice': { de: 'Ankündigung einer Prüfung', en: 'notice of an audit' },
	'breach-notification': { de: 'Meldung einer Datenschutzverletzung', en: 'notification of a personal data breach' },
	'deletion-return': { de: 'Löschung oder Rückgabe', en: 'deletion or return' },
	retention: { de: 'Aufbewahrung', en: 'retention' },
	'terms-change-objection': { de: 'Einspruch gegen Vertragsänderung', en: 'objection to a change of terms' },
	'cure-suspension': { de: 'Abhilfe oder Aussetzung', en: 'cure or suspension' },
	'dsr-forwarding': { de: 'Weiterleitung von Betroffenenanfragen', en: 'forwarding of data subject requests' },
	other: { de: 'sonstige', en: 'other' },
};
