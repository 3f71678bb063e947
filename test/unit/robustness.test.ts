import * as assert from 'node:assert/strict';
import { LineIndex, lint, parseDocument } from '../../server/src/core';
import { looksBinary } from '../../server/src/drafts';

/** Bad input yields findings or a clean result, never an exception or a hang (mocha's timeout is the hang guard). */
suite('robustness', () => {
	test('broken YAML front-matter becomes front-matter-invalid at the error line', () => {
		const text = '---\ntype: dpa\nlanguage: [de\n---\n# Vertrag\n';
		const r = lint(text);
		const f = r.findings.find(x => x.rule === 'front-matter-invalid');
		assert.ok(f, 'front-matter-invalid reported');
		assert.equal(text.slice(0, f.span.start).split('\n').length, 3, 'placed on the broken line');
	});
	test('wrong types in the front-matter are reported', () => {
		const r = lint('---\ntype: dpa\nlanguage: fr\nobjection_period: soon\nannexes: 3\n---\n# DPA\n');
		const msgs = r.findings.filter(x => x.rule === 'front-matter-invalid').map(x => x.message);
		assert.equal(msgs.length, 3, msgs.join('\n'));
	});
	test('an empty file', () => {
		const r = lint('');
		assert.equal(r.coverage.length, 21);
		assert.ok(r.coverage.every(c => c.status === 'missing'));
	});
	test('only front-matter, no closing fence, only whitespace', () => {
		for (const text of ['---\ntype: dpa\n', '---\n---\n', '   \n\n\t\n', '\r\n\r\n', '---']) assert.doesNotThrow(() => lint(text), JSON.stringify(text));
	});
	test('binary bytes: detected by the reader, and the core does not throw on them', () => {
		const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
		assert.ok(looksBinary(bytes));
		assert.doesNotThrow(() => lint(bytes.toString('latin1')));
	});
	test('a 100,000-character line', () => {
		const line = 'Der Auftragnehmer verarbeitet Daten nach Weisung (Anlage 1, Ziff. 9.9) innerhalb von 14 Tagen '.repeat(1100);
		const r = lint(`---\ntype: dpa\n---\n${line}\n`);
		assert.ok(r.doc.sentences.length > 0);
	});
	test('a line of one character repeated (pathological for regular expressions)', () => {
		for (const ch of ['_', '[', '§', '1.', 'a ', '*', '(', '{{']) assert.doesNotThrow(() => lint(ch.repeat(60_000)), ch);
	});
	test('a 5 MB draft', () => {
		const para = '§ 5 Weisungen\n\nDer Auftragnehmer verarbeitet personenbezogene Daten nur auf dokumentierte Weisung des Auftraggebers. Einspruch gegen neue Unterauftragsverarbeiter binnen 14 Tagen.\n\n';
		const text = '---\ntype: dpa\n---\n' + para.repeat(Math.ceil(5_000_000 / para.length));
		assert.ok(text.length >= 5_000_000);
		const r = lint(text);
		assert.equal(r.coverage.find(c => c.requirement === 'art28-3-a-instructions')?.status, 'present');
	});
	test('UTF-16 offsets: text after emoji and combining characters keeps exact positions', () => {
		const text = '# Vertrag 👩‍⚖️\n\nSiehe Anlage 7 für Details.\n';
		const d = parseDocument(text);
		assert.equal(d.annexRefs.length, 1);
		assert.equal(text.slice(d.annexRefs[0].span.start, d.annexRefs[0].span.end), 'Anlage 7');
	});
	test('front-matter in flow style or with quoted keys still has a place for every finding', () => {
		for (const fm of ['{type: dpa, objection_period: 14 Tage}', '"type": dpa\n"objection_period": 14 Tage']) {
			const r = lint(`---\n${fm}\n---\n# AVV\n\nDer Auftraggeber kann binnen 30 Tagen der Hinzuziehung eines Unterauftragsverarbeiters widersprechen.\n`);
			assert.ok(r.findings.some(f => f.rule === 'objection-period-frontmatter'), fm);
		}
	});
	test('old Mac line endings (CR only) with blanks and signature captions', () => {
		const text = 'Vertrag\r\rzwischen\r\r______\r\rals Verantwortlicher\r\r§ 1 Gegenstand\r\rDer Auftragnehmer verarbeitet Daten.\r\rOrt, Datum\r\r______\r';
		const r = lint(text);
		const blanks = r.findings.filter(f => f.rule === 'placeholder-unfilled').map(f => new LineIndex(text).position(f.span.start).line);
		assert.deepEqual(blanks, [4], 'the party blank on line 5 is reported, the signature blank is not');
		assert.ok(r.doc.clauses.some(c => c.label === '1'));
	});
	test('an unclosed suppression comment above many table rows, a 40,000-letter word after "Nr."', () => {
		assert.doesNotThrow(() => lint('<!-- dpa-lint-disable ' + '| --- | --- |\n'.repeat(6000)));
		assert.doesNotThrow(() => lint('Nr. ' + 'a'.repeat(40_000)));
	});
	test('"disable for this file" goes after the front-matter, also when it closes with "..."', () => {
		const text = '---\ntype: dpa\n...\n# AVV\n\nSiehe Anlage 9.\n';
		const r = lint(text, undefined, { suppressionFixes: true });
		const fix = r.findings.find(f => f.rule === 'annex-undefined')!.fixes.find(x => x.kind === 'suppress-file')!;
		assert.equal(fix.edits[0].span.start, text.indexOf('# AVV'));
	});
	test('inline HTML at the start of a paragraph is still text of the paragraph', () => {
		assert.equal(parseDocument('§ 1 Gegenstand\n\n<b>Die Maßnahmen</b> ergeben sich aus Anlage 3.\n').annexRefs.length, 1);
	});
	test('the label of "New Exhibit i" is the "i" after the word, not a letter inside it', () => {
		const text = '## 1. Scope\n\n## New Exhibit i\n';
		const a = parseDocument(text).annexes[0];
		assert.equal(a.labelSpan.start, text.lastIndexOf('i'));
	});
});

