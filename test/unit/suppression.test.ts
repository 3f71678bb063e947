import * as assert from 'node:assert/strict';
import { lint, type Fix, type LintResult } from '../../server/src/core';

const apply = (text: string, fix: Fix): string => {
	const e = fix.edits[0];
	return text.slice(0, e.span.start) + e.text + text.slice(e.span.end);
};
const missing = (r: LintResult) => r.findings.filter(f => f.rule === 'missing-clause');

/** The "disable" quick fixes are offered only where they work. */
suite('suppression quick fixes', () => {
	const drafts: Record<string, string> = {
		'front-matter': '---\ntype: dpa\nlanguage: de\n---\nDer Auftragnehmer verarbeitet Daten.\n',
		'front-matter, no newline after the closing fence': '---\ntype: dpa\nlanguage: de\n---',
		'Markdown without front-matter': '# Vertrag\n\nDer Auftragnehmer verarbeitet Daten.\n',
		'plain text without front-matter': 'Vertrag\n\nDer Auftragnehmer verarbeitet Daten.\n',
	};
	for (const [name, text] of Object.entries(drafts)) {
		test(`missing-clause anchored at the document (${name}): only the file-wide disable, after the front-matter; it silences all 21`, () => {
			const before = lint(text, 'avv.dpa.md', { suppressionFixes: true });
			assert.equal(missing(before).length, 21);
			for (const f of missing(before)) assert.deepEqual(f.fixes.map(x => x.kind), ['insert-clause', 'suppress-file']);
			const fixed = apply(text, missing(before)[0].fixes[1]);
			const after = lint(fixed, 'avv.dpa.md');
			assert.deepEqual(missing(after), []);
			assert.ok(!after.findings.some(f => f.rule === 'front-matter-invalid'), fixed);
			if (text.startsWith('---')) assert.match(fixed, /^---\ntype: dpa\nlanguage: de\n---\n<!-- dpa-lint-disable missing-clause -- Begründung -->\n/);
		});
	}

	test('a finding inside the front-matter gets no line comment (it would break the YAML)', () => {
		const text = '---\ntype: dpa\nlanguage: fr\n---\n# Vertrag\n';
		const f = lint(text, 'avv.dpa.md', { suppressionFixes: true }).findings.find(x => x.rule === 'front-matter-invalid')!;
		assert.deepEqual(f.fixes.map(x => x.kind), ['suppress-file']);
	});

	test('a finding on a line of the text gets both, and the line comment silences it', () => {
		const text = '---\ntype: dpa\n---\n# Vertrag\n\nZwischen {{Firma}} und uns.\n';
		const f = lint(text, 'avv.dpa.md', { suppressionFixes: true }).findings.find(x => x.rule === 'placeholder-unfilled')!;
		assert.deepEqual(f.fixes.map(x => x.kind), ['select-placeholder', 'suppress-line', 'suppress-file']);
		assert.ok(!lint(apply(text, f.fixes[1]), 'avv.dpa.md').findings.some(x => x.rule === 'placeholder-unfilled'));
	});
});
