import { clauseFor, snippetToText, type Library } from './library';
import { foldText, toRoman } from './text';
import { topicsOf } from './topics';
import type { Lang } from './types';

/** What the "New DPA from template" command asks the user. */
export interface TemplateOptions {
	readonly lang: Lang;
	readonly authorisation: 'general' | 'specific';
	readonly controller?: string;
	readonly processor?: string;
	readonly audit?: 'strict' | 'moderate';
}

/** The clauses of a complete draft, in the order the template numbers them. */
const CLAUSE_ORDER: readonly string[] = [
	'processing-details', 'controller-rights', 'instructions', 'infringing-instruction', 'confidentiality', 'security',
	'subprocessors', 'dsr-assistance', 'assistance', 'deletion', 'audit',
];
// The details of the processing are a clause of their own (processing-details), so no description annex is needed.
const ANNEX_ORDER: readonly string[] = ['toms', 'subprocessors', 'contacts'];

const TEXT: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
	de: {
		title: 'Vertrag über die Auftragsverarbeitung gemäß Art. 28 DSGVO', between: 'zwischen', and: 'und',
		controllerRole: '– nachfolgend „Verantwortlicher“ –', processorRole: '– nachfolgend „Auftragsverarbeiter“ –',
		controllerBlank: '[Name und Anschrift des Verantwortlichen]', processorBlank: '[Name und Anschrift des Auftragsverarbeiters]',
		annex: 'Anlage', signatures: 'Unterschriften', place: 'Ort, Datum', forController: 'Für den Verantwortlichen', forProcessor: 'Für den Auftragsverarbeiter',
	},
	en: {
		title: 'Data Processing Agreement under Art. 28 GDPR', between: 'between', and: 'and',
		controllerRole: '(the "Controller")', processorRole: '(the "Processor")',
		controllerBlank: '[name and address of the Controller]', processorBlank: '[name and address of the Processor]',
		annex: 'Annex', signatures: 'Signatures', place: 'Place, date', forController: 'For the Controller', forProcessor: 'For the Processor',
	},
};


/**
 * A complete draft assembled from the drafting library: front-matter, parties, every Art. 28 clause numbered,
 * and the annexes the clauses refer to (numbered, with the references filled in). Only placeholders remain open.
 */
export function newDraft(lib: Library, o: TemplateOptions): string {
	const t = TEXT[o.lang];
	const label = (i: number): string => (o.lang === 'de' ? String(i + 1) : toRoman(i + 1));
	const annexes = ANNEX_ORDER.map((id, i) => {
		const a = lib.annexes.find(x => x.id === id)!;
		return { id, label: label(i), title: a.title[o.lang], topics: topicsOf(foldText(a.title[o.lang])), body: a.body[o.lang] };
	});
	// "Anlage [Nr.] („Kontakte“)" / "Annex [No.] (Contacts)": fill in the number of the annex with that topic.
	const fillRefs = (text: string): string => text.replace(/(Anlage|Annex) \[(?:Nr|No)\.\](?= *\(?„([^“]+)“| *\(([^)]+)\))/g, (m, word: string, de?: string, en?: string) => {
		const title = de ?? en ?? '';
		const topics = topicsOf(foldText(title));
		const target = annexes.find(a => a.title === title) ?? annexes.find(a => topics.some(x => a.topics.includes(x)));
		return target ? `${word} ${target.label}` : m;
	});
	const quote = (s: string): string => JSON.stringify(s);
	const parts: string[] = [
		'---', 'type: dpa', `language: ${o.lang}`, `title: ${quote(t.title)}`,
		`controller: ${quote(o.controller || t.controllerBlank)}`, `processor: ${quote(o.processor || t.processorBlank)}`,
		`subprocessor_authorisation: ${o.authorisation}`, '---', '', `# ${t.title}`, '',
		t.between, '', `**${o.controller || t.controllerBlank}**`, t.controllerRole, '', t.and, '', `**${o.processor || t.processorBlank}**`, t.processorRole, '',
	];
	CLAUSE_ORDER.forEach((id, i) => {
		const c = id === 'subprocessors' ? lib.clauses.find(x => x.id === `subprocessors-${o.authorisation}`)
			: id === 'audit' ? lib.clauses.find(x => x.id === `audit-${o.audit ?? 'strict'}`)
			: lib.clauses.find(x => x.id === id) ?? clauseFor(lib, id, o.lang)?.clause;
		if (!c) return;
		const heading = o.lang === 'de' ? `## § ${i + 1} ${c.title.de}` : `## Clause ${i + 1} – ${c.title.en}`;
		parts.push(heading, '', fillRefs(snippetToText(c.body[o.lang]).trimEnd()), '');
	});
	parts.push(`## ${t.signatures}`, '', `${t.place}: ____________________`, '', `${t.forController}: ____________________`, '',
		`${t.place}: ____________________`, '', `${t.forProcessor}: ____________________`, '');
	for (const a of annexes) {
		parts.push(`## ${t.annex} ${a.label} – ${a.title}`, '', fillRefs(snippetToText(a.body).trimEnd()), '');
		if (a.id === 'toms') {
			for (const g of lib.tomGroups) {
				parts.push(`### ${g.title[o.lang]}`, '');
				for (const s of lib.tomSections.filter(x => x.group === g.id)) parts.push(`#### ${s.title[o.lang]}`, '', snippetToText(s.body[o.lang]).trimEnd(), '');
			}
		}
	}
	return parts.join('\n');
}
