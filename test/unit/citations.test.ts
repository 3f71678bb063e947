import * as assert from 'node:assert/strict';
import { defaultCatalogue, lint } from '../../server/src/core';
import { wrongCitations } from '../../server/src/core/checks/citations';

suite('citation-wrong: articles for their topics, acts by their numbers (rules/citations.yaml)', () => {
	const spec = defaultCatalogue().citations!;
	test('the contrast examples: each wrong citation is reported, each look-alike is not', () => {
		assert.ok(spec.examples.wrong.length >= 5 && spec.examples.right.length >= 5);
		for (const s of spec.examples.wrong) assert.equal(wrongCitations(s, spec).length, 1, s);
		for (const s of spec.examples.right) assert.deepEqual(wrongCitations(s, spec), [], s);
	});
	test('every topic names its article or its definition, with cues in both languages', () => {
		for (const t of spec.topics) {
			assert.ok(t.articles.length || t.defined !== undefined, t.id);
			assert.ok(t.name.de && t.name.en, t.id);
		}
	});
	test('the citation is the span reported, the wrong number alone is what the fix replaces', () => {
		const text = '6.1 Er unterstützt bei der Datenschutz-Folgenabschätzung (Art. 36 Abs. 1 DSGVO).\n';
		const f = lint(text).findings.find(x => x.rule === 'citation-wrong')!;
		assert.equal(text.slice(f.span.start, f.span.end), 'Art. 36 Abs. 1 DSGVO');
		const [edit] = f.fixes[0].edits;
		assert.equal(text.slice(edit.span.start, edit.span.end), '36');
		assert.equal(edit.text, '35');
		assert.match(f.message, /Art\. 35 Abs\. 1 DSGVO/);
	});
	test('a point of Art. 4 is corrected in place, after the article', () => {
		const text = 'We tell you of each personal data breach (as defined in Article 4(2) GDPR) at once.\n';
		const f = lint(text).findings.find(x => x.rule === 'citation-wrong')!;
		const [edit] = f.fixes[0].edits;
		assert.equal(text.slice(edit.span.start, edit.span.end), '2');
		assert.equal(text.slice(edit.span.start - 10, edit.span.start), 'Article 4(');
		assert.equal(edit.text, '12');
	});
	test('a range or "f." is read as one: it fits when one of its articles does', () => {
		for (const s of ['Unterstützung bei der Meldung an die Aufsichtsbehörde gemäß Art. 31 bis 34 DSGVO.', 'Unterstützung bei der Datenschutz-Folgenabschätzung (Art. 35 f. DSGVO).', 'Help with impact assessments under Articles 32 to 36 GDPR.']) {
			assert.deepEqual(wrongCitations(s, spec), [], s);
		}
		assert.equal(wrongCitations('Hilfe bei der Datenschutz-Folgenabschätzung (Art. 12 bis 22 DSGVO).', spec).length, 0, 'a range that fits nothing is not corrected');
	});
	test('paragraphs after an article are not articles ("Art. 28 Abs. 3 und 4"); another article is ("Art. 32 Abs. 1 und Art. 33")', () => {
		const topics = 'Unterstützung bei der Meldung an die Aufsichtsbehörde und der Benachrichtigung der Betroffenen nach';
		assert.deepEqual(wrongCitations(`${topics} Art. 33 Abs. 1 und 4 DSGVO.`, spec), []);
		assert.deepEqual(wrongCitations(`${topics} Art. 33 Abs. 1 und Art. 36 DSGVO.`, spec).map(w => w.fixText), ['34']);
	});
	test('the citation of another law is not read ("Art. 6 BayDSG"); a topic far before the citation is not its topic', () => {
		assert.deepEqual(wrongCitations('Bei der Datenschutz-Folgenabschätzung gilt Art. 6 BayDSG.', spec), []);
		assert.deepEqual(wrongCitations('Die Datenschutz-Folgenabschätzung obliegt dem Verantwortlichen, der Auftragsverarbeiter übermittelt ihm dafür alle Unterlagen, die er hat, und im Übrigen gilt Art. 9 DSGVO.', spec), []);
	});
});
