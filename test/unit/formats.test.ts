import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, type LintResult } from '../../server/src/core';
import { convertedMarkdown, readConverted } from '../../server/src/formats';
import { formatNumber, Numberer, readNumbering, renderNumbering } from '../../server/src/formats/numbering';
import { furniture, joinLines, layoutPages, pageLines } from '../../server/src/formats/pdfLayout';
import { repoRoot } from '../helpers';

const drafts = path.join(repoRoot, 'test', 'drafts');
const office = path.join(drafts, 'office');
/** The Markdown originals of the Word and PDF fixtures (scripts/office-fixtures.mjs). */
const ORIGINALS: readonly [string, string][] = [
	['de-vollstaendig.dpa.md', 'de-vollstaendig.dpa'], ['de-maengel.txt', 'de-maengel'],
	['en-plain-numbered.md', 'en-plain-numbered'], ['en-saas-defects.dpa.md', 'en-saas-defects.dpa'],
];

/**
 * The verdicts of a result: coverage with missing parts, and findings by rule, requirement and message. Line numbers
 * inside messages ("on line 64") are positions, not verdicts: the converted text has its own lines.
 */
function verdicts(r: LintResult): { coverage: string[]; findings: string[] } {
	return {
		coverage: r.coverage.map(c => `${c.requirement}: ${c.status}${c.missing.length ? ` (${c.missing.join(', ')})` : ''}`),
		findings: r.findings.map(f => `${f.rule} ${f.requirement ?? ''} ${f.message.replace(/(line|Zeile) \d+/g, '$1 N')}`).sort(),
	};
}

/** The Markdown original as Word and PDF can carry it: without the YAML front-matter (Markdown metadata). */
function original(file: string): LintResult {
	return lint(fs.readFileSync(path.join(drafts, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''), file);
}

suite('Word and PDF drafts', () => {
	for (const [file, base] of ORIGINALS) {
		for (const ext of ['docx', 'pdf']) {
			test(`${base}.${ext}: the same coverage and findings as ${file}`, async () => {
				const converted = await readConverted(path.join(office, `${base}.${ext}`));
				const result = lint(convertedMarkdown(converted, `${base}.${ext}`), `${base}.${ext}`);
				assert.deepEqual(verdicts(result), verdicts(original(file)));
			});
		}
	}

	test('Word: automatic numbering from numbering.xml, tables, a footnote, tracked changes accepted', async () => {
		const file = path.join(office, 'de-vollstaendig.dpa.docx');
		const c = await readConverted(file);
		assert.deepEqual(c.trackedChanges, { insertions: 1, deletions: 1 });
		assert.ok((c.numbered ?? 0) > 50, `numbered: ${c.numbered}`);
		// The numbers are Word numbering in the fixture, not text: the converter wrote them.
		const docXml = spawnSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' }).stdout;
		if (docXml) assert.doesNotMatch(docXml, /<w:t[^>]*>§ 1 /);
		assert.match(c.text, /^## § 1 Gegenstand und Dauer des Auftrags$/m);
		assert.match(c.text, /^\(2\) Die Einzelheiten der Verarbeitung sind in Anlage 1 beschrieben\.$/m);
		assert.match(c.text, /^\| [^\n]+ \|\n\| --- \|/m, 'a pipe table');
		assert.match(c.text, /¹\n\n¹ Fassung nach Abstimmung der Parteien\./);
		assert.doesNotMatch(c.text, /Anlage 9/, 'the deleted text is gone');
		const md = convertedMarkdown(c, 'de-vollstaendig.dpa.docx');
		assert.match(md, /^---\ntype: dpa\nsource: "de-vollstaendig.dpa.docx"\nconverted: "Word document, read as if all 2 tracked changes were accepted/);
	});

	test('PDF: page headers, footers and page numbers dropped, clause numbers at line starts', async () => {
		const c = await readConverted(path.join(office, 'de-maengel.pdf'));
		assert.equal(c.pages, 4);
		assert.ok((c.dropped ?? 0) >= 8);
		assert.doesNotMatch(c.text, /Entwurf – vertraulich|Seite \d/);
		assert.match(c.text, /^4\.2 /m);
		assert.match(c.text, /^- 3\) /m);
	});

	test('unreadable inputs: one line each and exit 2', () => {
		const cli = path.join(repoRoot, 'out', 'server', 'src', 'cli.js');
		const expected: Record<string, RegExp> = {
			'scanned.pdf': /no text layer in 1 page\(s\): a scanned PDF\? Run text recognition \(OCR\)/,
			'password.docx': /password-protected Word document/,
			'corrupt.docx': /not a Word document: the file is no valid \.docx \(zip\) archive/,
			'empty.pdf': /empty file \(0 bytes\)/,
		};
		for (const [name, message] of Object.entries(expected)) {
			const r = spawnSync(process.execPath, [cli, path.join(office, 'broken', name)], { encoding: 'utf8' });
			assert.equal(r.status, 2, name);
			assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
			assert.match(r.stderr, message);
			assert.doesNotMatch(r.stdout, /missing-clause/);
		}
	});
});

suite('Word numbering', () => {
	const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
	const numbering = `<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="§ %1"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
</w:numbering>`;
	const styles = `<w:styles ${W}><w:style w:type="paragraph" w:styleId="Clause"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Clause2"><w:basedOn w:val="Clause"/></w:style></w:styles>`;

	test('levels, restarts below a higher level, start overrides, style numbering', () => {
		const n = new Numberer(readNumbering(numbering, styles));
		const labels = [[0], [1], [1], [2], [2], [0], [1], [2]].map(([l]) => n.next('1', l)!.label);
		assert.deepEqual(labels, ['§ 1', '1.1', '1.2', '(a)', '(b)', '§ 2', '2.1', '(a)']);
		assert.equal(n.next('2', 0)!.label, '§ 7');
		assert.deepEqual(n.resolve(undefined, undefined, 'Clause2'), { numId: '1', ilvl: 0 });
		assert.equal(n.resolve('0', 0, 'Clause'), undefined, 'numId 0 switches numbering off');
	});

	test('formats: letters past z, roman numerals', () => {
		assert.equal(formatNumber(27, 'lowerLetter'), 'aa');
		assert.equal(formatNumber(14, 'upperRoman'), 'XIV');
		assert.equal(formatNumber(4, 'lowerRoman'), 'iv');
	});

	test('the label becomes the paragraph\'s first run and its list properties go', () => {
		const doc = `<w:document ${W}><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Text</w:t></w:r></w:p></w:body></w:document>`;
		const { xml, numbered } = renderNumbering(doc, readNumbering(numbering, styles));
		assert.equal(numbered, 1);
		assert.match(xml, /<w:pPr\/?>(?:<\/w:pPr>)?<w:r><w:t xml:space="preserve">1\.1 <\/w:t><\/w:r><w:r><w:t>Text/);
	});
});

suite('PDF layout', () => {
	const run = (str: string, x: number, y: number, size = 10): { str: string; x: number; y: number; width: number; size: number } => ({ str, x, y, width: str.length * size * 0.5, size });

	test('hyphenated line breaks join; elided compounds and other lines keep their space', () => {
		assert.equal(joinLines('die Auftragsverarbei-', 'tung endet'), 'die Auftragsverarbeitung endet');
		assert.equal(joinLines('Auftragsverarbeitungs-', 'und Hauptvertrag'), 'Auftragsverarbeitungs- und Hauptvertrag');
		assert.equal(joinLines('Sub-', 'Processor'), 'Sub-Processor');
		assert.equal(joinLines('persoenliche Benutzerkonten, Zwei-', 'Faktor-Anmeldung'), 'persoenliche Benutzerkonten, Zwei-Faktor-Anmeldung');
		assert.equal(joinLines('the processing', 'ends'), 'the processing ends');
	});

	test('headers, footers and page numbers repeated on the pages are furniture', () => {
		const page = (n: number) => ({ runs: [run('Entwurf – vertraulich', 300, 800, 8), run(`${n}.1 Text der Seite ${n}`, 70, 700), run(`Seite ${n} von 3`, 280, 40, 8)] });
		const pages = [1, 2, 3].map((n, i) => pageLines(page(n), i));
		const dropped = [...furniture(pages)].map(l => l.text).sort();
		assert.deepEqual(dropped, ['Entwurf – vertraulich', 'Entwurf – vertraulich', 'Entwurf – vertraulich', 'Seite 1 von 3', 'Seite 2 von 3', 'Seite 3 von 3']);
	});

	test('paragraphs, clause numbers at line starts, headings by size, tables by columns', () => {
		const { text } = layoutPages([{ runs: [
			run('§ 4 Unterauftragsverarbeiter', 70, 780, 15),
			run('4.1 Der Auftragnehmer darf Unterauftragsverarbeiter nur mit Genehmi-', 70, 750), run('gung einsetzen, die in', 70, 736),
			run('4.2 Anlage 3 listet die Unterauftragsverarbeiter.', 70, 722),
			run('Name', 70, 690), run('Sitz', 300, 690), run('Acme GmbH', 70, 676), run('Berlin', 300, 676),
		] }]);
		assert.equal(text, '# § 4 Unterauftragsverarbeiter\n\n4.1 Der Auftragnehmer darf Unterauftragsverarbeiter nur mit Genehmigung einsetzen, die in\n\n4.2 Anlage 3 listet die Unterauftragsverarbeiter.\n\n| Name | Sitz |\n| --- | --- |\n| Acme GmbH | Berlin |\n');
	});
});
