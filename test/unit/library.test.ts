import * as assert from 'node:assert/strict';
import { defaultLibrary, lint, newDraft, snippetToText, type Lang } from '../../server/src/core';

const lib = defaultLibrary()!;

suite('drafting library', () => {
	for (const lang of ['de', 'en'] as Lang[]) {
		for (const authorisation of ['general', 'specific'] as const) {
			test(`new DPA from template (${lang}, ${authorisation} authorisation): every requirement present, only placeholders open`, () => {
				const text = newDraft(lib, { lang, authorisation, controller: lang === 'de' ? 'Muster GmbH' : 'Example Ltd' });
				const r = lint(text);
				assert.equal(r.doc.lang, lang);
				assert.deepEqual(r.coverage.filter(c => c.status !== 'present').map(c => `${c.requirement}: ${c.status}`), []);
				assert.deepEqual([...new Set(r.findings.map(f => f.rule))], ['placeholder-unfilled']);
				assert.ok(text.includes(lang === 'de' ? 'Muster GmbH' : 'Example Ltd'));
			});
		}
	}
	for (const clause of lib.clauses) {
		for (const lang of ['de', 'en'] as Lang[]) {
			test(`clause ${clause.id} (${lang}) alone makes ${clause.covers.join(', ')} present, with every sub-element`, () => {
				const text = `---\ntype: dpa\nlanguage: ${lang}\n---\n\n## 1. ${clause.title[lang]}\n\n${snippetToText(clause.body[lang])}\n`;
				const r = lint(text);
				const notPresent = clause.covers.map(id => r.coverage.find(c => c.requirement === id)!).filter(c => c.status !== 'present');
				assert.deepEqual(notPresent.map(c => `${c.requirement}: ${c.status} ${c.missing.join(', ')}`), []);
				// Without the clause, the same skeleton has none of them: the clause, not the heading, carries the requirement.
				const empty = lint(`---\ntype: dpa\nlanguage: ${lang}\n---\n\n## 1. ${clause.title[lang]}\n`);
				assert.deepEqual(clause.covers.filter(id => empty.coverage.find(c => c.requirement === id)!.status === 'present'), []);
			});
		}
	}
});
