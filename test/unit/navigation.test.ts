import * as assert from 'node:assert/strict';
import {
	annexAt, annexPreview, annexReferences, clauseRefAt, completionSite, evidenceAt, outline, parseDocument, renameAnnexEdits, renumberAnnexEdits,
	type Edit,
} from '../../server/src/core';

const joinLines = (...lines: string[]): string => lines.join('\n');

function applyAll(text: string, edits: readonly Edit[]): string {
	return [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.text + t.slice(e.span.end), text);
}

const DRAFT = joinLines(
	'---', 'type: dpa', 'language: de', '---', '',
	'# AV-Vertrag', '',
	'## § 1 Gegenstand', '',
	'(1) Einzelheiten ergeben sich aus Anlage 2 und den Anlagen 2 bis 4.', '',
	'(2) Die Maßnahmen nach Anlage IV gelten; siehe auch § 2 Abs. 1.', '',
	'## § 2 Pflichten', '',
	'(1) Der Auftragnehmer beachtet Anlage 4.', '',
	'## Anlage 2 – Beschreibung der Verarbeitung', '',
	'Hosting und Support.', '',
	'## Anlage 4 – Technische und organisatorische Maßnahmen', '',
	'Zutrittskontrolle.', '',
);

suite('core navigation helpers', () => {
	const doc = parseDocument(DRAFT);
	const at = (needle: string, delta = 0): number => DRAFT.indexOf(needle) + delta;

	test('annexAt finds references and definitions; labels implied by a range ("2 bis 4" → 3) are not written references', () => {
		assert.equal(annexAt(doc, at('Anlage 2 und'))?.annex?.title, 'Beschreibung der Verarbeitung');
		assert.equal(annexAt(doc, at('Anlage 4.', 8))?.annex?.label, '4');
		assert.equal(annexAt(doc, at('## Anlage 4', 5))?.annex?.label, '4');
		assert.equal(annexAt(doc, at('Hosting')), undefined);
		const four = doc.annexes.find(a => a.label === '4')!;
		assert.deepEqual(annexReferences(doc, four).map(r => DRAFT.slice(r.labelSpan.start, r.labelSpan.end)), ['4', 'IV', '4']);
	});

	test('clause references and evidence under an offset', () => {
		assert.equal(clauseRefAt(doc, at('§ 2 Abs. 1', 2))?.target?.label, '2(1)');
		assert.deepEqual(evidenceAt([{ requirement: 'x', status: 'present', evidence: [{ start: 10, end: 20 }], missing: [], found: [] }], 15).map(c => c.requirement), ['x']);
	});

	test('annexPreview gives the first lines after the heading', () => {
		assert.deepEqual(annexPreview(doc, doc.annexes[0]), ['Hosting und Support.']);
	});

	test('rename: definition and every written reference, keeping the Roman spelling; a taken label is refused', () => {
		const four = doc.annexes.find(a => a.label === '4')!;
		const edits = renameAnnexEdits(doc, four, '3');
		assert.ok(Array.isArray(edits));
		const renamed = applyAll(DRAFT, edits);
		assert.match(renamed, /den Anlagen 2 bis 3\./);
		assert.match(renamed, /Anlage 3\.\n/);
		assert.match(renamed, /## Anlage 3 – Technische/);
		assert.match(renamed, /nach Anlage 3 gelten/);
		assert.equal(renameAnnexEdits(doc, four, '2'), 'Anlage 2 exists already');
		assert.match(String(renameAnnexEdits(doc, four, 'x1')), /not an annex label/);
	});

	test('renumber: 2, 4 become 1, 2 everywhere; a renumbered draft needs nothing more', () => {
		const renumbered = applyAll(DRAFT, renumberAnnexEdits(doc));
		assert.match(renumbered, /aus Anlage 1 und den Anlagen 1 bis 2\./);
		assert.match(renumbered, /## Anlage 1 – Beschreibung[\s\S]*## Anlage 2 – Technische/);
		assert.deepEqual(renumberAnnexEdits(parseDocument(renumbered)), []);
	});

	test('outline: the clause tree, then the annexes; every range holds its selection', () => {
		const nodes = outline(doc);
		assert.deepEqual(nodes.map(n => n.name), ['AV-Vertrag', '§ 1 Gegenstand', '§ 2 Pflichten', 'Anlage 2', 'Anlage 4']);
		assert.deepEqual(nodes[1].children.map(c => c.name.slice(0, 3)), ['(1)', '(2)']);
		const all = (n: (typeof nodes)[number]): (typeof nodes)[number][] => [n, ...n.children.flatMap(all)];
		for (const n of nodes.flatMap(all)) assert.ok(n.span.start <= n.selectionSpan.start && n.selectionSpan.end <= n.span.end, n.name);
	});

	test('completionSite: after an annex word, and in the front-matter (keys and values), also before the closing fence exists', () => {
		const text = 'Siehe Anlage ';
		assert.deepEqual(completionSite(text, text.length), { kind: 'annex', family: 'anlage', span: { start: text.length, end: text.length } });
		assert.deepEqual(completionSite('see Schedule 1', 14), { kind: 'annex', family: 'schedule', span: { start: 13, end: 14 } });
		assert.equal(completionSite('Anlagen', 7), undefined);
		const fm = '---\ntype: dpa\nlanguage: \n';
		assert.deepEqual(completionSite(fm, fm.length - 1), { kind: 'front-matter-value', key: 'language', span: { start: fm.length - 1, end: fm.length - 1 } });
		const key = '---\ntype: dpa\nobj';
		assert.deepEqual(completionSite(key, key.length), { kind: 'front-matter-key', span: { start: key.length - 3, end: key.length }, present: ['type'] });
		assert.equal(completionSite(DRAFT, DRAFT.indexOf('# AV')), undefined);
	});
});
