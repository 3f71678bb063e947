import * as assert from 'node:assert/strict';
import { lint, type Coverage, type LintResult } from '../../server/src/core';

/**
 * The coverage engine reads meaning, not nouns: what counts as evidence and what does not, with the reason a lawyer
 * can check. Each test is a small draft that shows one mechanism and its look-alike.
 */
const cov = (r: LintResult, id: string): Coverage => r.coverage.find(c => c.requirement === id)!;
const state = (r: LintResult, id: string, element: string): string | undefined => cov(r, id).verdicts?.find(v => v.element === element)?.state;

suite('coverage engine', () => {
	test('a sentence hard-wrapped over lines reads as on one line', () => {
		const one = 'The Vendor shall process the data only on documented instructions, unless required to do so by Union or Member State law; in that case the Vendor shall inform the Client of that legal requirement before processing, unless that law prohibits such information on important grounds of public interest.';
		// Wrapped where a line of 120 columns ends: between "before" and "processing", among others.
		const wrapped = one.replace(' process the data', '\nprocess the data').replace(' Member State', '\nMember State').replace('before processing', 'before\nprocessing');
		assert.deepEqual([state(lint(one), 'art28-3-a-legal-requirement', 'prior-notice'), state(lint(wrapped), 'art28-3-a-legal-requirement', 'prior-notice')], ['found', 'found']);
	});
	test('the items of a lead whose colon cuts a verb phrase ("The Client shall:") finish its sentence', () => {
		const item = '(a) be solely responsible for the instructions it gives;\n\n(b) pay the fees.';
		assert.equal(state(lint(`4.3 The Client shall:\n\n${item}`), 'art28-3-controller-rights', 'controller-obligations'), 'found');
		assert.equal(state(lint(`4.3 The following applies:\n\n${item}`), 'art28-3-controller-rights', 'controller-obligations'), 'none');
	});
	test('a cue group known not to match rules out only the alternatives that need it', () => {
		// The sentence's cue decisions are packed sixteen groups to a word: a group known "no" (here the flow-down
		// group, by the prefilter) must not read as "no" for the other groups of its word, which are still to be tested.
		const r = lint('The Processor may engage a sub-processor similar to the one listed as example and bears liability for it.');
		assert.equal(state(r, 'art28-3-d-subprocessors', 'conditions'), 'found');
	});

	test('a label with a blank value is a blank field, a label with its value is content', () => {
		const blank = lint('# AVV\n\n## 1. Angaben zur Verarbeitung\n\nArt der Daten: ==XY==\n\nKategorien betroffener Personen: [Bitte angeben]\n');
		assert.equal(cov(blank, 'art28-3-data-types').status, 'missing');
		assert.equal(state(blank, 'art28-3-data-types', 'data-types'), 'blank');
		assert.match(cov(blank, 'art28-3-data-types').reason!, /leeres Feld \(Zeile 5\)/);
		assert.equal(state(blank, 'art28-3-data-subjects', 'data-subjects'), 'blank');
		const filled = lint('# AVV\n\n## 1. Angaben zur Verarbeitung\n\nArt der Daten: Name, Anschrift, E-Mail-Adresse\n');
		assert.equal(cov(filled, 'art28-3-data-types').status, 'present');
		assert.match(cov(filled, 'art28-3-data-types').reason!, /^Gefunden – Datenkategorien: Zeile 5\.$/);
	});

	test('highlighted real wording is content, a highlighted fill-in is not', () => {
		const real = lint('# AVV\n\nDer Dienstleister erbringt für den Kunden Dienstleistungen ==als Hosting-Anbieter in den Bereichen Webhosting und E-Mail==.\n');
		assert.equal(cov(real, 'art28-3-subject-matter').status, 'present');
		const fill = lint('# AVV\n\nGegenstand der Verarbeitung: ==XY==\n');
		assert.equal(state(fill, 'art28-3-subject-matter', 'subject'), 'blank');
	});

	test('a heading is never evidence, however well it names the topic', () => {
		const r = lint('# Data Processing Agreement\n\n## 1. Subject-matter and duration of the processing\n\nThe Supplier may charge for support requests outside business hours.\n');
		assert.equal(cov(r, 'art28-3-duration').status, 'missing');
		assert.notEqual(state(r, 'art28-3-duration', 'duration'), 'found');
	});

	test('a delegation to another document is partial, and says so', () => {
		const r = lint('# DPA\n\n1. The subject-matter of the processing is set out in the Master Services Agreement.\n');
		assert.equal(cov(r, 'art28-3-subject-matter').status, 'partial');
		assert.equal(state(r, 'art28-3-subject-matter', 'subject'), 'delegated');
		assert.match(cov(r, 'art28-3-subject-matter').reason!, /^Incomplete – description of the subject-matter: only delegated to another document or described circularly \(line 3\)\.$/);
	});

	test('a pointer to an annex carries only what the annex says', () => {
		const head = '# DPA\n\n1. The Processor processes the types of personal data and for the purposes set out in Annex 1.\n\n';
		const offTopic = lint(head + '## Annex 1 – Data\n\nCategories of personal data: name, e-mail address, IP address.\n');
		assert.equal(cov(offTopic, 'art28-3-data-types').status, 'present');
		assert.equal(state(offTopic, 'art28-3-purpose', 'purpose'), 'annex-off-topic');
		assert.equal(cov(offTopic, 'art28-3-purpose').status, 'partial');
		const empty = lint(head + '## Annex 1 – Data\n\n');
		assert.equal(cov(empty, 'art28-3-data-types').status, 'missing');
		// An annex cited in passing leaves the sentence's own statement standing.
		const cited = lint('# DPA\n\n1. The Processor processes the data only for the purpose of providing the hosting service (Annex 1).\n\n## Annex 1 – Data\n\nCategories of personal data: name, e-mail address.\n');
		assert.equal(cov(cited, 'art28-3-purpose').status, 'present');
	});

	test('weaker than the law: "similar obligations" is partial, "the same obligations" present', () => {
		const similar = lint('# DPA\n\n1. The Processor shall impose on each sub-processor data protection obligations similar to those in this DPA.\n');
		assert.equal(cov(similar, 'art28-4-flowdown').status, 'partial');
		assert.equal(state(similar, 'art28-4-flowdown', 'same-obligations'), 'weak');
		assert.match(cov(similar, 'art28-4-flowdown').reason!, /falls short of Art\. 28: only similar or appropriate obligations instead of the same/);
		const same = lint('# DPA\n\n1. The Processor shall impose on each sub-processor the same data protection obligations as set out in this DPA.\n');
		assert.equal(cov(same, 'art28-4-flowdown').status, 'present');
	});

	test('security measures left to a policy on a web page or only promised are partial; described measures are present', () => {
		const pointed = lint('# DPA\n\n1. The Processor implements the technical and organisational measures described in its Security Policy available at https://example.com/security.\n');
		assert.equal(cov(pointed, 'art28-3-c-security').status, 'partial');
		assert.deepEqual(cov(pointed, 'art28-3-c-security').missing, ['measures-in-document']);
		const own = lint('# DPA\n\n1. The Processor implements appropriate technical and organisational measures. These include encryption at rest, multi-factor authentication and daily backups.\n');
		assert.equal(cov(own, 'art28-3-c-security').status, 'present');
		// A promise of Art. 32 measures without any of them described is the duty, not the measures (SCC Annex III: concretely).
		const plain = lint('# DPA\n\n1. The Processor implements appropriate technical and organisational measures pursuant to Art. 32 GDPR.\n');
		assert.equal(cov(plain, 'art28-3-c-security').status, 'partial');
		assert.deepEqual(cov(plain, 'art28-3-c-security').missing, ['measures-in-document']);
	});

	test('measures given only as examples in an annex are not the contract\'s measures', () => {
		const text = '# AVV\n\n1. Die technischen und organisatorischen Maßnahmen sind in Anlage 1 aufgeführt.\n\n## Anlage 1 – Technische und organisatorische Maßnahmen\n\nDie aufgeführten Maßnahmen dienen ausschließlich als Beispiele.\n\n- Verschlüsselung, Firewall, Datensicherung, Videoüberwachung\n';
		assert.equal(cov(lint(text), 'art28-3-c-security').status, 'partial');
		assert.equal(cov(lint(text.replace('Die aufgeführten Maßnahmen dienen ausschließlich als Beispiele.\n\n', '')), 'art28-3-c-security').status, 'present');
	});

	test('an audit right cut back to a report is partial, and the reason quotes the cut', () => {
		const cut = lint('# DPA\n\n1. The Customer may audit the Processor\'s compliance, including by inspections.\n\n2. The Customer agrees that its audit rights are satisfied by the Processor providing its current SOC 2 report.\n');
		assert.equal(state(cut, 'art28-3-h-audit', 'audits'), 'weak');
		assert.match(cov(cut, 'art28-3-h-audit').reason!, /\(line 5\) falls short of Art\. 28: the audit right is cut back to reports, certificates or questionnaires/);
		const full = lint('# DPA\n\n1. The Customer may audit the Processor\'s compliance, including by inspections.\n\n2. The Processor also provides its current SOC 2 report on request.\n');
		assert.equal(state(full, 'art28-3-h-audit', 'audits'), 'found');
	});

	test('a general authorisation of sub-processors without an opportunity to object is partial; consent to each engagement is present', () => {
		const general = lint('# DPA\n\n1. The Client agrees that the Vendor may use additional sub-processors whenever it sees fit.\n');
		assert.equal(cov(general, 'art28-2-authorisation').status, 'partial');
		assert.equal(state(general, 'art28-2-authorisation', 'objection'), 'none');
		const objection = lint('# DPA\n\n1. The Customer agrees that the Supplier may engage further sub-processors. The Customer may object to a new sub-processor within 14 days.\n');
		assert.equal(cov(objection, 'art28-2-authorisation').status, 'present');
		const specific = lint('# AVV\n\n1. Der Einsatz von Unterauftragnehmern ist nur zulässig, wenn der Auftraggeber zuvor seine schriftliche Zustimmung erteilt hat.\n');
		assert.equal(cov(specific, 'art28-2-authorisation').status, 'present');
		const consent = lint('# DPA\n\n1. The engagement of any sub-processor requires the prior written consent of the Customer.\n');
		assert.equal(cov(consent, 'art28-2-authorisation').status, 'present');
		const zustimmung = lint('# AVV\n\n1. Die Beauftragung von Unterauftragnehmern bedarf der vorherigen schriftlichen Zustimmung des Auftraggebers.\n');
		assert.equal(cov(zustimmung, 'art28-2-authorisation').status, 'present');
	});

	test('the preamble is read like the body', () => {
		const r = lint('# Auftragsverarbeitungsvertrag\n\nPräambel: Dieser Vertrag bezieht sich auf die Bereitstellung der Praxissoftware des Anbieters als Cloud-Dienst.\n\n## § 1 Weisungen\n\nDer Anbieter verarbeitet die Daten nur auf dokumentierte Weisung des Kunden.\n');
		assert.equal(cov(r, 'art28-3-subject-matter').status, 'present');
	});

	test('a described service implies something of nature and purpose; a delegated description delegates them', () => {
		const described = lint('# DPA\n\n1. The subject-matter of the processing is the hosting of the Customer\'s online shop.\n');
		assert.equal(cov(described, 'art28-3-nature').status, 'partial');
		assert.equal(cov(described, 'art28-3-nature').impliedBy, 'art28-3-subject-matter');
		assert.match(cov(described, 'art28-3-nature').reason!, /only implied by the description of the subject-matter/);
	});
});
