import { compilePattern } from './text';
import type { Localized } from './types';

/**
 * Topics an annex title or a reference's context can carry. The cue words are folded patterns
 * (see {@link compilePattern}); they are matched against folded text.
 */
const TOPIC_CUES: Readonly<Record<string, string>> = {
	subprocessors: 'sub-?unternehmer|unterauftrag|subdienstleister|weitere[nr]? auftragsverarbeiter|sub-?(?:-| )?processors?|sub-?contractors?|sub-?processing|other processors',
	toms: 'technische[nr]? und organisatorische[nr]? massnahmen|\\btoms?\\b|technical and organi[sz]ational|security measures|sicherheitsmassnahmen|datensicherheit|information security|art(?:\\.|ikel|icle) 32',
	'data-subjects': 'betroffene|kreis der betroffenen|betroffenengruppen|data subjects|categories of individuals',
	'data-categories': 'datenkategorien|kategorien (?:personenbezogener|der) daten|arten? (?:der )?(?:personenbezogenen )?daten|datenarten|categories of (?:personal )?data|types of (?:personal )?data|personal data categories|data categories',
	contacts: 'weisungsberechtigt|ansprechpartner|kontakte\\b|contacts\\b|kontaktpersonen|weisungsempfaenger|datenschutzbeauftragte|contact (?:persons|details|points?)|persons? (?:entitled|authori[sz]ed) to (?:issue|give) instructions|data protection officer|list of parties|liste der parteien',
	'processing-description': 'beschreibung der verarbeitung|details der datenverarbeitung|verarbeitungstaetigkeit|gegenstand(?:,)? art und zweck|art und zweck der|description of (?:the )?(?:processing|transfer)|details of (?:the )?processing|processing (?:details|activities)|nature and purpose',
	certifications: 'zertifi|certific|iso 27001|soc 2|testat',
};

const COMPILED: readonly [string, RegExp][] = Object.entries(TOPIC_CUES).map(([k, v]) => [k, compilePattern(v, 'u')]);

/** Topics named in a folded text. */
export function topicsOf(folded: string): string[] {
	return COMPILED.filter(([, re]) => re.test(folded)).map(([k]) => k);
}

/** Whether an annex with `annexTopics` can serve a reference about `topic` (a processing description covers data and subjects). */
export function annexServes(annexTopics: readonly string[], topic: string): boolean {
	if (annexTopics.includes(topic)) return true;
	if (annexTopics.includes('processing-description') && (topic === 'data-subjects' || topic === 'data-categories')) return true;
	if (annexTopics.includes('toms') && topic === 'certifications') return true;
	return false;
}

/** How each topic is named in messages, and the title an annex created for it gets. */
export const TOPICS: Readonly<Record<string, { readonly name: Localized; readonly annexTitle: Localized }>> = {
	subprocessors: { name: { de: 'die Unterauftragsverarbeiter', en: 'the sub-processors' }, annexTitle: { de: 'Unterauftragsverarbeiter', en: 'List of sub-processors' } },
	toms: { name: { de: 'die technischen und organisatorischen Maßnahmen', en: 'the technical and organisational measures' }, annexTitle: { de: 'Technische und organisatorische Maßnahmen', en: 'Technical and organisational measures' } },
	'data-subjects': { name: { de: 'die betroffenen Personen', en: 'the data subjects' }, annexTitle: { de: 'Kategorien betroffener Personen', en: 'Categories of data subjects' } },
	'data-categories': { name: { de: 'die Datenkategorien', en: 'the categories of data' }, annexTitle: { de: 'Kategorien personenbezogener Daten', en: 'Categories of personal data' } },
	contacts: { name: { de: 'die Ansprechpartner und Weisungsberechtigten', en: 'the contacts and persons entitled to instruct' }, annexTitle: { de: 'Weisungsberechtigte Personen und Ansprechpartner', en: 'Persons entitled to give instructions and contacts' } },
	'processing-description': { name: { de: 'die Beschreibung der Verarbeitung', en: 'the description of the processing' }, annexTitle: { de: 'Beschreibung der Verarbeitung', en: 'Description of the processing' } },
	certifications: { name: { de: 'die Zertifizierungen', en: 'the certifications' }, annexTitle: { de: 'Zertifizierungen', en: 'Certifications' } },
};
