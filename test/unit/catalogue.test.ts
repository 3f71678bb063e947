import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { defaultCatalogue, lint, loadCatalogue } from '../../server/src/core';
import { repoRoot } from '../helpers';

suite('rule catalogue', () => {
	const cat = defaultCatalogue();
	test('21 requirements with German and English names and explanations', () => {
		assert.equal(cat.requirements.length, 21);
		for (const r of cat.requirements) assert.ok(r.name.de && r.name.en && r.explain.de && r.explain.en, r.id);
	});
	test('every rule is documented in rules/README.md', () => {
		const readme = fs.readFileSync(path.join(repoRoot, 'rules', 'README.md'), 'utf8');
		const missing = [...cat.rules.keys()].filter(id => !readme.includes(`## ${id}`));
		assert.deepEqual(missing, []);
	});
	test('an element carried by an annex names a requirement that exists', () => {
		const subject = cat.requirements.find(r => r.id === 'art28-3-subject-matter')!.elements[0];
		assert.equal(subject.annexCarriedBy, 'art28-3-nature');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-rules-'));
		try {
			fs.cpSync(path.join(repoRoot, 'rules'), dir, { recursive: true });
			const file = path.join(dir, 'requirements', '01-art28-3-subject-matter.yaml');
			fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('annexCarriedBy: art28-3-nature', 'annexCarriedBy: art28-3-natur'));
			assert.throws(() => loadCatalogue(dir), /annexCarriedBy.*unknown requirement "art28-3-natur"/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
	test('every cue group of the rules compiles; a pattern that is none fails with its file and field when compiled', () => {
		// Groups are compiled when first asked for (catalogue.ts, CuePatterns): the rules' own are all compiled here.
		for (const [name, pattern] of cat.cues) assert.ok(pattern instanceof RegExp && pattern.flags === 'u', name);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-rules-'));
		try {
			fs.cpSync(path.join(repoRoot, 'rules'), dir, { recursive: true });
			const file = path.join(dir, 'vocabulary.yaml');
			const text = fs.readFileSync(file, 'utf8');
			assert.ok(text.includes(String.raw`'\bclient\b'`));
			fs.writeFileSync(file, text.replace(String.raw`'\bclient\b'`, String.raw`'(?:\bclient\b'`));
			const broken = loadCatalogue(dir);
			assert.ok(broken.cues.has('controller'));
			assert.throws(() => broken.cues.get('controller'), /vocabulary\.yaml: field `cues\.controller`: Invalid regular expression/);
			// An analysis that needs the broken alternative (a sentence naming the client) fails the same way.
			assert.throws(() => lint('The processor acts only on documented instructions from the client.', 'x.md', { catalogue: broken }), /vocabulary\.yaml: field `cues\.controller`/);
			assert.ok(broken.cues.get('on-behalf')!.test('on behalf of'));
			// A group whose alternatives are counted one by one (processing operations) has them compiled at load: it fails there.
			const nature = path.join(dir, 'requirements', '03-art28-3-nature.yaml');
			fs.writeFileSync(nature, fs.readFileSync(nature, 'utf8').replace("'erhebung|erheben'", "'(?:erhebung|erheben'"));
			assert.throws(() => loadCatalogue(dir), /03-art28-3-nature\.yaml: field `cues\.operations`: Invalid regular expression/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
	test('look-alikes are not evidence', () => {
		const nda = lint('Beide Vertragsparteien verpflichten sich gegenseitig zur Wahrung der Vertraulichkeit aller Geschäftsgeheimnisse.');
		assert.equal(nda.coverage.find(c => c.requirement === 'art28-3-b-confidentiality')!.status, 'missing');
		const staff = lint('Der Auftragnehmer verpflichtet alle Mitarbeiter, die Zugriff auf die Daten haben, zur Vertraulichkeit.');
		assert.equal(staff.coverage.find(c => c.requirement === 'art28-3-b-confidentiality')!.status, 'present');
		const nature = lint('Die Art der Verarbeitung umfasst das Speichern und Auswerten von Kundendaten.');
		assert.equal(nature.coverage.find(c => c.requirement === 'art28-3-data-types')!.status, 'missing');
		const conflict = lint('§ 1 Vorrang\n\nIm Falle eines Widerspruchs zwischen diesem Vertrag und dem Hauptvertrag geht dieser Vertrag vor. Er gilt für 14 Tage.\n');
		assert.ok(!conflict.doc.periods.some(p => p.role === 'subprocessor-objection'));
	});
	test('umlauts, ß/ss and ASCII spellings match alike', () => {
		for (const t of ['Nach Beendigung löscht der Auftragnehmer nach Wahl des Auftraggebers alle Daten oder gibt sie zurück.', 'Nach Beendigung loescht der Auftragnehmer nach Wahl des Auftraggebers alle Daten oder gibt sie zurueck.', 'NACH BEENDIGUNG LÖSCHT DER AUFTRAGNEHMER NACH WAHL DES AUFTRAGGEBERS ALLE DATEN ODER GIBT SIE ZURÜCK.']) {
			assert.equal(lint(t).coverage.find(c => c.requirement === 'art28-3-g-delete-return')!.status, 'present', t);
		}
	});
	test('rules/contradictions.yaml: every entry has a topic and prohibition and permission cues in both languages', () => {
		assert.ok(cat.contradictions?.length);
		for (const c of cat.contradictions!) {
			assert.ok(c.topic.de && c.topic.en, c.id);
			for (const lang of ['de', 'en'] as const) assert.ok(c.prohibits[lang] && c.permits[lang], `${c.id} ${lang}`);
		}
	});
	test('contradiction: a conditional rule ("nicht ohne Zustimmung") is no prohibition', () => {
		const permit = 'Der Auftraggeber stimmt der Beauftragung der folgenden Unterauftragnehmer der genehmigten Unterauftragnehmer zu.';
		const flat = lint(`Der Unterauftragnehmer darf weitere Unterauftragnehmer nicht beauftragen.\n\n${permit}\n`);
		assert.deepEqual(flat.findings.filter(f => f.rule === 'contradiction').map(f => f.related.length), [1]);
		const conditional = lint(`Der Unterauftragnehmer darf weitere Unterauftragnehmer ohne Zustimmung des Auftraggebers nicht beauftragen.\n\n${permit}\n`);
		assert.deepEqual(conditional.findings.filter(f => f.rule === 'contradiction'), []);
	});
	test('contradiction: sub-processing excluded outright, yet sub-processors approved (de, en)', () => {
		const count = (t: string): number => lint(t).findings.filter(f => f.rule === 'contradiction').length;
		const de = 'Der Auftraggeber stimmt dem Einsatz der folgenden Unterauftragnehmer zu: Rechenzentrum Nord GmbH.';
		assert.equal(count(`Der Auftragnehmer darf keine Unterauftragnehmer beauftragen.\n\n${de}\n`), 1);
		assert.equal(count(`Der Auftragnehmer darf keine Unterauftragnehmer ohne vorherige Genehmigung des Auftraggebers beauftragen.\n\n${de}\n`), 0);
		const en = 'The Controller approves the sub-processors listed in Annex 3.';
		assert.equal(count(`The Processor shall not engage any sub-processors.\n\n${en}\n`), 1);
		assert.equal(count(`The Processor shall not engage any sub-processors without the Controller's prior written authorisation.\n\n${en}\n`), 0);
	});
});
