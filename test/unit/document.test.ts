import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldText, LineIndex, lint, parseDocument, parsePeriodText } from '../../server/src/core';
import { mayHoldPeriod } from '../../server/src/core/periods';
import { NUMBER_WORDS } from '../../server/src/core/text';
import { projectFiles, repoRoot, sharedFile, sharedFiles, sharedSuite } from '../helpers';

const seed = (name: string): string => fs.readFileSync(sharedFile('seeds', name), 'utf8');
const lineOf = (text: string, offset: number): number => new LineIndex(text).position(offset).line + 1;

suite('document model', () => {
	test('a reference number wrapped to the start of a line continues the sentence; a list item after "; and" opens a block', () => {
		const wrapped = parseDocument('## 4.6 Purposes\n\n4.6 The Supplier shall not process the data for its own purposes, save as allowed by clause\n21.6 of the Agreement, or as set out in\n4.9 below.\n');
		assert.deepEqual(wrapped.clauses.map(c => c.label), ['4.6', '4.6']);
		const list = parseDocument('The audits shall be:\n\n1. announced in writing; and\n2. carried out in office hours; or\n3. ordered by an authority.\n');
		assert.equal(list.blocks.length, 4);
		const own = parseDocument('4.1 The Supplier hosts the website.\n4.2 The Customer pays the fees.\n');
		assert.deepEqual(own.clauses.map(c => c.label), ['4.1', '4.2']);
	});
	test('a sentence may open with a quotation mark, a bracket or Markdown emphasis; an abbreviation or a lower-case word continues it', () => {
		const body = [
			'Processor keeps the logs. _Processor_ deletes them after thirty days. “Personal Data” means data of a person.',
			'See [Data Retention](#retention). **Controller** may object. The data, e.g. _names_, stay in the EU. It ends. _and_ this runs on.',
			'It reads. (a) the first item. Die Regeln, bspw. [Anlage 3](#a3), gelten.',
			'Data goes to Harbourline Logistics B.V. (the controller) daily. Acme Ltd. may object. The processor is Acme Inc. The controller agrees.',
		].join(' ');
		const d = parseDocument(`# DPA\n\n${body}\n`);
		assert.deepEqual(d.sentences.slice(1).map(s => s.text), [
			'Processor keeps the logs.', '_Processor_ deletes them after thirty days.', '“Personal Data” means data of a person.',
			'See [Data Retention](#retention).', '**Controller** may object.', 'The data, e.g. _names_, stay in the EU.', 'It ends. _and_ this runs on.',
			'It reads.', '(a) the first item.', 'Die Regeln, bspw. [Anlage 3](#a3), gelten.',
			'Data goes to Harbourline Logistics B.V. (the controller) daily.', 'Acme Ltd. may object.', 'The processor is Acme Inc.', 'The controller agrees.',
		]);
	});

	test('an annex starts its own numbering: its clauses never hang under or take the number of a clause of the body', () => {
		const text = [
			'# Vertrag über die Auftragsverarbeitung', '', '## § 1 Gegenstand', '', '(1) Der Auftragsverarbeiter verarbeitet Daten für den Verantwortlichen.', '',
			'(2) Die Laufzeit folgt dem Hauptvertrag.', '', '## § 2 Weisungen', '', 'Der Auftragsverarbeiter handelt nur auf dokumentierte Weisung.', '',
			'## Anlage 1 – Technische und organisatorische Maßnahmen', '', '1. Zutrittskontrolle: Chipkarten.', '', '2. Zugangskontrolle: Passwörter.', '',
			'## Anlage 2 – Unterauftragsverarbeiter', '', '(1) Hosting: Beispiel GmbH, Berlin.', '',
		].join('\n');
		const d = parseDocument(text);
		const at = (s: string): number => text.indexOf(s);
		const rows = d.clauses.map(c => [c.label ?? c.title, c.level, c.parent?.label ?? c.parent?.title, c.annex?.label]);
		assert.deepEqual(rows, [
			['Vertrag über die Auftragsverarbeitung', 1, undefined, undefined],
			['1', 1, undefined, undefined],
			['1(1)', 2, '1', undefined],
			['1(2)', 2, '1', undefined],
			['2', 1, undefined, undefined],
			// The annex heading's block belongs to the annex it opens (the annex starts at its label, after "## "); the
			// items of an annex are numbered afresh ("1", not "2(1)" after § 2 of the body).
			['Anlage 1 – Technische und organisatorische Maßnahmen', 2, undefined, '1'],
			['1', 1, undefined, '1'],
			['2', 1, undefined, '1'],
			['Anlage 2 – Unterauftragsverarbeiter', 2, undefined, '2'],
			['1', 3, 'Anlage 2 – Unterauftragsverarbeiter', '2'],
		]);
		// The body's last clause ends where the first annex's heading begins, the last item of an annex where the next begins.
		assert.equal(d.clauses[4].end, at('## Anlage 1'));
		assert.equal(d.clauses[7].end, at('## Anlage 2'));
		// The body ends there too, before the heading's "## " (the annex itself starts at its label).
		assert.equal(d.bodyEnd, at('## Anlage 1'));
		// Missing clauses are inserted in the body: after the clause their evidence is in, else at the end of the body,
		// before the first annex's heading (not under it).
		const inserts = lint(text).findings.flatMap(f => f.fixes).filter(f => f.kind === 'insert-clause').map(f => f.edits[0].span.start);
		assert.ok(inserts.length > 3, 'the short draft misses several clauses');
		assert.ok(inserts.every(p => p < at('## Anlage 1')), inserts.join(' '));
		assert.ok(inserts.includes(at('\n\n## Anlage 1')), inserts.join(' '));
		// An annex under a bold line (no clause head of its own) ends the body's last clause at that line, too.
		const bold = '# AV-Vertrag\n\n§ 1 Gegenstand\n\nDer Auftragsverarbeiter verarbeitet Daten.\n\n**Anlage 1 – TOM**\n\nZutrittskontrolle: Chipkarten.\n';
		assert.equal(parseDocument(bold).clauses[1].end, bold.indexOf('**Anlage'));
		assert.equal(parseDocument(bold).bodyEnd, bold.indexOf('**Anlage'));
		const boldInserts = lint(bold).findings.flatMap(f => f.fixes).filter(f => f.kind === 'insert-clause').map(f => f.edits[0].span.start);
		assert.ok(boldInserts.length && boldInserts.every(p => p === bold.indexOf('\n\n**Anlage')), boldInserts.join(' '));
	});

	test('Word export with dotted clauses, "- 4)" paragraphs and annex headings (test/drafts/de-maengel.txt)', () => {
		const text = fs.readFileSync(path.join(repoRoot, 'test', 'drafts', 'de-maengel.txt'), 'utf8');
		const d = parseDocument(text);
		const c2 = d.clauses.find(c => c.label === '2.2')!;
		assert.equal(c2.parent?.label, '2');
		assert.deepEqual(c2.children.map(c => c.label), ['2.2(1)', '2.2(2)', '2.2(3)', '2.2(4)']);
		assert.equal(d.clauses.find(c => c.label === '4')?.title, 'Unterauftragnehmer');
		assert.deepEqual(d.annexes.map(a => [a.label, lineOf(text, a.span.start), a.title]), [
			['1', 88, 'Einzelheiten der Verarbeitung'], ['2', 98, 'Technische und organisatorische Massnahmen'], ['3', 108, 'Unterauftragnehmer'],
		]);
	});
	test('Markdown headings, Roman annexes and annex ranges', () => {
		const text = '---\ntype: dpa\nlanguage: en\n---\n# DPA\n\n## Clause 7 Sub-processors\n\n7.7 See Annexes I to III and Schedule 2.\n\n## ANNEX I – List of parties\n\n## ANNEX II – Description of the processing\n';
		const d = parseDocument(text);
		assert.equal(d.lang, 'en');
		assert.deepEqual(d.annexRefs.map(r => `${r.family} ${r.key}`), ['annex 1', 'annex 2', 'annex 3', 'schedule 2']);
		assert.deepEqual(d.annexes.map(a => a.key), ['1', '2']);
		assert.ok(d.clauses.some(c => c.label === '7.7'));
	});
	test('clause references: internal resolve, statutes and other documents are skipped', () => {
		const text = '§ 1 Gegenstand\n\n§ 2 Weisungen\n\n(1) Siehe § 1 und Ziff. 9.9 sowie § 203 StGB, Art. 28 Abs. 3 DSGVO und Ziffer 6.2 der Allgemeinen Geschäftsbedingungen.\n\n§ 3 Ende\n';
		const d = parseDocument(text);
		assert.deepEqual(d.clauseRefs.map(r => [r.text, !!r.target]), [['§ 1', true], ['Ziff. 9.9', false]]);
	});
	test('a reference word counts only where a word starts (the patterns check the start after the word)', () => {
		const d = parseDocument('§ 1 Gegenstand\n\n§ 2 Weisungen\n\n(1) Die Unteranlage 3 und die Vorziffer 1 gelten nach Anlage 2 und Ziffer 1, nicht nach x§ 2 oder §§ 2.\n\n## Anlage 2\n\nText\n');
		assert.deepEqual(d.annexRefs.map(r => d.text.slice(r.span.start, r.span.end)), ['Anlage 2']);
		assert.deepEqual(d.clauseRefs.map(r => r.text), ['Ziffer 1', '§§ 2']);
	});
	test('language detection without front-matter', () => {
		assert.equal(parseDocument('The processor shall process personal data only on documented instructions of the controller.').lang, 'en');
		assert.equal(parseDocument('Der Auftragnehmer verarbeitet die Daten nur auf Weisung des Auftraggebers.').lang, 'de');
		// Whole words only: a word inside a longer one, next to an umlaut or a letter beyond ASCII, does not count.
		// One English word against German ones inside longer words (a tie would read German).
		assert.equal(parseDocument('The; Ätheroder, Dieüberthe, derthe, oderñ, øder, dieß.').lang, 'en');
		assert.equal(parseDocument('Die; theory, bathe, łthe, andø, ñof, shallow.').lang, 'de');
		// A word of the same length and first letter as a counted one is not that word: "dem", "den", "dir" are no "der".
		assert.equal(parseDocument('Dem Kunden den Bericht, dir dem Amt den Brief, dem Rat den Plan: the processor.').lang, 'en');
	});
});

sharedSuite('document model on the seeds (../shared/seeds)', () => {
	test('Word export with § clauses and "- 2)" paragraphs (seed 002)', () => {
		const text = seed('002_75921ea4c1a5f065.txt');
		const d = parseDocument(text);
		const labels = d.clauses.map(c => c.label);
		for (const l of ['1', '5', '12', '5(7)', '12(10)']) assert.ok(labels.includes(l), `clause ${l}`);
		const p12 = d.clauses.find(c => c.label === '12')!;
		assert.equal(p12.title, 'Unterauftragsverhältnisse mit Subunternehmern');
		assert.ok(p12.children.some(c => c.label === '12(10)'));
	});
	test('annex list is not a definition; definitions are the later headings (seed 002)', () => {
		const text = seed('002_75921ea4c1a5f065.txt');
		const d = parseDocument(text);
		assert.deepEqual(d.annexes.map(a => [a.label, lineOf(text, a.span.start)]), [['1', 175], ['2', 186], ['3', 200], ['4', 211], ['5', 247]]);
		assert.equal(d.annexListEntries.length, 5);
		assert.equal(d.annexes[2].title, 'Beschreibung der Betroffenen/Betroffenengruppen');
	});
	test('dotted numbering 6.1.10 and annexes "Anlage N zum AV-Vertrag …" (seed 003)', () => {
		const text = seed('003_b4a005613ff132ed.txt');
		const d = parseDocument(text);
		const c = d.clauses.find(x => x.label === '6.1.10')!;
		assert.ok(c, '6.1.10');
		assert.equal(c.parent?.label, '6.1');
		assert.deepEqual(d.annexes.map(a => lineOf(text, a.span.start)), [380, 571, 600, 620]);
	});
	test('"Anlage 1 zum Vertrag über …" naming the DPA itself is neither definition nor reference (seed 004)', () => {
		const text = seed('004_17359afb4b35fa32.txt');
		const d = parseDocument(text);
		assert.ok(d.annexes.every(a => a.family === 'anhang'));
		assert.ok(!d.annexRefs.some(r => lineOf(text, r.span.start) === 1));
	});
});

suite('periods', () => {
	const one = (text: string) => parseDocument(text).periods;
	test('normalised values', () => {
		assert.deepEqual(parsePeriodText('2 Wochen')?.days, [14, 14]);
		assert.deepEqual(parsePeriodText('zwei Kalenderwochen')?.days, [14, 14]);
		assert.deepEqual(parsePeriodText('vier (4) Wochen')?.days, [28, 28]);
		assert.deepEqual(parsePeriodText('thirty (30) calendar days')?.days, [30, 30]);
		assert.deepEqual(parsePeriodText('one month')?.days, [28, 31]);
		assert.equal(parsePeriodText('24 Stunden')?.unit, 'hour');
		const w = parsePeriodText('10 Arbeitstage')!;
		assert.equal(w.dayKind, 'working');
		assert.ok(w.days[0] === 10 && w.days[1] > 14, 'working days are a range, never converted silently');
		assert.equal(parsePeriodText('unverzüglich'), undefined);
		assert.equal(parsePeriodText('without undue delay'), undefined);
	});
	test('roles come from the sentence, not from the number', () => {
		const ps = one('Der Auftraggeber kann der Hinzuziehung eines neuen Unterauftragsverarbeiters innerhalb von 14 Tagen widersprechen. Der Vertrag kann mit einer Frist von 6 Wochen zum Quartalsende gekündigt werden. Verletzungen meldet der Auftragnehmer binnen 24 Stunden. Backups werden nach 90 Tagen gelöscht.');
		assert.deepEqual(ps.map(p => p.role), ['subprocessor-objection', 'termination', 'breach-notification', 'retention']);
	});
	test('a data subject who objects is no objection to a sub-processor', () => {
		const ps = one('The Processor shall forward to the Customer within two (2) Business Days of its receipt any request that it or any sub-processor receives from a data subject, including one from a user who objects to profiling. The Customer may object to a new sub-processor within 10 days.');
		assert.deepEqual(ps.map(p => p.role), ['dsr-forwarding', 'subprocessor-objection']);
	});
	test('availability and frequencies are not periods', () => {
		assert.equal(one('Das Rechenzentrum ist 24 Stunden, 7 Tage die Woche besetzt. Die Prüfung wird alle zwei Jahre wiederholt.').length, 0);
	});
	test('a period in number words is read whatever its number (the gate asks for the unit, not for a list of numbers)', () => {
		// Each beside a look-alike whose number word stands without a unit.
		const days = (text: string): (readonly [number, number])[] => one(text).map(p => p.days);
		assert.deepEqual(days('The Customer may object within fifteen days of the notice.'), [[15, 15]]);
		assert.deepEqual(days('The fifteen sub-processors listed in Annex 3 are approved.'), []);
		assert.deepEqual(days('Der Auftraggeber kann binnen elf Tagen widersprechen.'), [[11, 11]]);
		assert.deepEqual(days('Die elf Unterauftragsverarbeiter gelten als genehmigt.'), []);
		assert.deepEqual(days('Backups are erased after thirteen weeks.'), [[91, 91]]);
		assert.deepEqual(days('Die Meldung erfolgt binnen 72h; die Sicherung läuft vier (4) Std. lang.').map(d => Math.round(d[0] * 24)), [72, 4]);
	});
	test('the gate lets through every text that holds a period, and keeps out sentences with none', () => {
		// What the pattern of periods reads, built from its parts: every number word, digits, "(4)", separators, units.
		const numbers = [...Object.keys(NUMBER_WORDS).filter(w => w.length > 2), '7', '14', '365', 'vier (4)', '14 (vierzehn)', 'two (2)'];
		const units = ['tage', 'tagen', 'kalendertage', 'werktagen', 'arbeitstage', 'geschaeftstage', 'bankarbeitstage', 'wochen', 'kalenderwoche',
			'monate', 'monats', 'kalendermonaten', 'jahre', 'kalenderjahres', 'stunden', 'std.', 'st.', 'days', 'calendar days', 'business days',
			'working days', 'weeks', 'calendar months', 'years', 'hours', 'hrs', 'hr', 'h'];
		let periods = 0;
		for (const n of numbers) for (const gap of ['', ' ', '-', '\u00a0', ' volle ', ' full ']) for (const u of units) {
			const text = `binnen ${n}${gap}${u}, nachdem`;
			if (parsePeriodText(text) === undefined) continue;
			periods++;
			assert.ok(mayHoldPeriod(foldText(text)), text);
		}
		assert.ok(periods > 1000, `${periods} periods built`);
		// And the sentences of real drafts: wherever the pattern finds a period, the gate lets the sentence through.
		const files = [...projectFiles('test/drafts', /\.(md|txt)$/), ...sharedFiles('seeds', /\.txt$/), ...sharedFiles('corpus', /\.md$/)];
		let sentences = 0, through = 0, found = 0;
		for (const f of files) for (const s of parseDocument(fs.readFileSync(f, 'utf8')).sentences) {
			const folded = foldText(s.text), may = mayHoldPeriod(folded);
			sentences++;
			if (may) through++;
			if (parsePeriodText(s.text) !== undefined) { found++; assert.ok(may, `${path.basename(f)}: ${s.text}`); }
		}
		assert.ok(found > 0 && through < sentences / 4, `${found} with a period, ${through} of ${sentences} through the gate`);
		for (const none of ['Der Auftragnehmer ist verpflichtet.', 'The Processor shall comply with the instructions of each Customer.', 'Die Daten werden durch den Auftraggeber bereitgestellt.'])
			assert.ok(!mayHoldPeriod(foldText(none)), none);
	});
});
