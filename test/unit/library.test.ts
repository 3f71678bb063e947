import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectFiles, sharedFiles, sharedSuite } from '../helpers';
import { defaultCatalogue, defaultLibrary, lint, newDraft, snippetToText, type Lang } from '../../server/src/core';

const lib = defaultLibrary()!;
/** The library's placeholders with their example values filled in ("[z. B. Beschäftigte, Kunden]" → "Beschäftigte, Kunden"). */
const fillExamples = (text: string): string => text.replace(/\[(?:z\. ?B\.|e\.g\.),?\s*([^\]]+)\]/g, '$1');

suite('drafting library', () => {
	for (const lang of ['de', 'en'] as Lang[]) {
		for (const authorisation of ['general', 'specific'] as const) {
			test(`new DPA from template (${lang}, ${authorisation} authorisation): every requirement present but where a placeholder is still open`, () => {
				const text = newDraft(lib, { lang, authorisation, controller: lang === 'de' ? 'Muster GmbH' : 'Example Ltd' });
				const r = lint(text);
				assert.equal(r.doc.lang, lang);
				// A blank field satisfies nothing: what is not present is so only because its value is still a placeholder.
				const open = r.coverage.filter(c => c.status !== 'present');
				assert.deepEqual(open.filter(c => !c.verdicts?.some(v => v.state === 'blank')).map(c => `${c.requirement}: ${c.status} (${c.reason})`), []);
				assert.deepEqual(r.findings.filter(f => f.rule !== 'placeholder-unfilled' && !(f.rule === 'missing-clause' && open.some(c => c.requirement === f.requirement))).map(f => f.message), []);
				assert.ok(text.includes(lang === 'de' ? 'Muster GmbH' : 'Example Ltd'));
				// With the example values of the placeholders filled in, every requirement is present.
				const filled = lint(fillExamples(text));
				assert.deepEqual(filled.coverage.filter(c => c.status !== 'present').map(c => `${c.requirement}: ${c.status} (${c.reason})`), []);
			});
		}
	}
	for (const clause of lib.clauses) {
		for (const lang of ['de', 'en'] as Lang[]) {
			test(`clause ${clause.id} (${lang}) alone makes ${clause.covers.join(', ')} present, with every sub-element`, () => {
				const text = `---\ntype: dpa\nlanguage: ${lang}\n---\n\n## 1. ${clause.title[lang]}\n\n${fillExamples(snippetToText(clause.body[lang]))}\n`;
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

/** Each inserted clause makes its requirement present, each inserted sentence adds its sub-element. */
function insertedTextCounts(files: readonly string[]): void {
	for (const file of files) {
		test(`${path.basename(file)}: each inserted clause makes its requirement present, each inserted sentence its sub-element`, () => {
			const text = fs.readFileSync(file, 'utf8');
			const before = lint(text, file);
			const failures: string[] = [];
			for (const f of before.findings.filter(x => x.rule === 'missing-clause')) {
				for (const fix of f.fixes) {
					const e = fix.edits[0];
					const after = lint(text.slice(0, e.span.start) + e.text + text.slice(e.span.end), file);
					const was = before.coverage.find(c => c.requirement === f.requirement)!, now = after.coverage.find(c => c.requirement === f.requirement)!;
					const ok = fix.kind === 'insert-clause' ? now.status === 'present' : now.missing.length < was.missing.length;
					if (!ok) failures.push(`${f.requirement} (${fix.title}): ${was.status} → ${now.status} ${now.missing.join(', ')}`);
				}
			}
			assert.deepEqual(failures, []);
		});
	}
}

suite('quick-fix text for missing and partial requirements (test/drafts)', () => {
	insertedTextCounts(projectFiles('test/drafts', /\.(md|txt)$/));
});

sharedSuite('quick-fix text for missing and partial requirements (../shared/seeds)', () => {
	insertedTextCounts(sharedFiles('seeds', /\.txt$/));
});

suite('sentences for partial requirements', () => {
	test('every required sub-element that can be missing alone has a sentence in both languages', () => {
		const missing: string[] = [];
		for (const r of defaultCatalogue().requirements) {
			const required = r.elements.filter(e => !e.optional);
			// A requirement with a single element is either missing (the clause fix) or partial by delegation.
			const keys = [...(required.length > 1 || required.some(e => e.substantive) ? required.map(e => e.id) : []), ...r.composite];
			for (const k of keys) {
				const s = lib.sentences[`${r.id}/${k}`];
				if (!s?.de || !s?.en) missing.push(`${r.id}/${k}`);
			}
		}
		assert.deepEqual(missing, []);
	});
});
