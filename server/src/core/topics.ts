import { defaultCatalogue } from './catalogue';
import type { Localized } from './types';

/**
 * Topics an annex title or a reference's context can carry, each a cue group of rules/vocabulary.yaml (the
 * sub-processor topic is the same group coverage and the period check use), matched against folded text.
 */
const TOPIC_GROUPS: Readonly<Record<string, string>> = {
	subprocessors: 'subprocessor', toms: 'topic-toms', 'data-subjects': 'topic-data-subjects', 'data-categories': 'topic-data-categories',
	contacts: 'topic-contacts', 'processing-description': 'topic-processing-description', certifications: 'topic-certifications',
};

let compiled: readonly [string, RegExp][] | undefined;
const topicCues = (): readonly [string, RegExp][] => (compiled ??= Object.entries(TOPIC_GROUPS).map(([k, g]) => [k, defaultCatalogue().cues.get(g)!]));

/** Topics named in a folded text. */
export function topicsOf(folded: string): string[] {
	return topicCues().filter(([, re]) => re.test(folded)).map(([k]) => k);
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
