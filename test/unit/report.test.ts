import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, type LintResult } from '../../server/src/core';
import { readConverted } from '../../server/src/formats';
import { PALETTE, reviewReport, type ReportInput } from '../../server/src/report';
import { golden, repoRoot, tempDir } from '../helpers';

const drafts = path.join(repoRoot, 'test', 'drafts');
const GENERATED = new Date(Date.UTC(2025, 2, 14));
const MODIFIED = new Date(Date.UTC(2025, 2, 1));

function input(file: string): ReportInput {
	const text = fs.readFileSync(path.join(drafts, file), 'utf8');
	return { file, result: lint(text, file), modified: MODIFIED };
}

/** The report's skeleton: headings, table headers, gap sections and the coverage grid, without the prose. */
function structure(html: string): string[] {
	const out: string[] = [];
	for (const m of html.matchAll(/<(h[1-6])[^>]*>(.*?)<\/\1>|<th scope="col">(.*?)<\/th>|<section class="gap (\w+)"|<li class="([\w-]+)">|<tr><td>/g)) {
		if (m[1]) out.push(`${m[1]} ${m[2].replace(/<[^>]+>/g, '').trim()}`);
		else if (m[3]) out.push(`  th ${m[3]}`);
		else if (m[4]) out.push(`  gap ${m[4]}`);
		else if (m[5]) out.push(`  requirement ${m[5]}`);
		else out.push('  row');
	}
	// Runs of rows and requirements collapse to a count: the golden file shows the shape, not every line.
	const collapsed: string[] = [];
	for (const line of out) {
		const last = collapsed[collapsed.length - 1];
		const m = last && /^(.*?)(?: ×(\d+))?$/.exec(last);
		if (m && m[1] === line && line.startsWith('  row')) collapsed[collapsed.length - 1] = `${line} ×${Number(m[2] ?? 1) + 1}`;
		else collapsed.push(line);
	}
	return collapsed;
}

/** WCAG relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(fg: string, bg: string): number {
	const lum = (hex: string): number => {
		const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255).map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
	return (a + 0.05) / (b + 0.05);
}

suite('review report (HTML)', () => {
	const de = reviewReport([input('de-maengel.txt')], { generated: GENERATED });
	const en = reviewReport([input('en-saas-defects.dpa.md')], { generated: GENERATED });

	test('golden structure, German and English', () => {
		golden(path.join(repoRoot, 'test', 'golden', 'report', 'de-maengel.json'), structure(de));
		golden(path.join(repoRoot, 'test', 'golden', 'report', 'en-saas-defects.json'), structure(en));
	});

	test('content: name and dates, the gap with law, evidence and library text, findings with clause numbers, periods, annex map', () => {
		assert.match(de, /<html lang="de">/);
		assert.match(de, /<h2 id="doc-de-maengel.txt">de-maengel.txt<\/h2>/);
		assert.match(de, /Bericht vom:<\/dt><dd>14\. März 2025<\/dd><dt>Stand der Datei:<\/dt><dd>1\. März 2025/);
		assert.match(de, /19 von 21 Anforderungen erfüllt, 1 unvollständig, 1 fehlen/);
		assert.match(de, /Was das Gesetz verlangt \(Art\. 28 Abs\. 3 Satz 2 lit\. b DSGVO\):/);
		assert.match(de, /Formulierungsvorschlag: Vertraulichkeit<\/strong><\/p><blockquote class="suggest" lang="de">Der Auftragsverarbeiter gewährleistet/);
		assert.match(de, /<span class="small">7\.1, Zeile \d+:<\/span> Nach Beendigung des Rahmenvertrags/);
		assert.match(de, /<tr><td>2\.2[^<]*<br><span class="small">Zeile 38<\/span><\/td><td class="sev-error">Fehler<\/td><td>Anlage 5 /);
		assert.match(de, /<td>Anlage 5<\/td><td>–<\/td><td>–<\/td><td>2\.2[^<]*<\/td><td>verwiesen, aber nicht beigefügt<\/td>/);
		assert.match(de, /<td>Anlage 2<\/td><td>Technische und organisatorische Massnahmen<\/td><td>Zeile \d+<\/td><td>[^<]*<\/td><td>Verweis passt nicht zum Titel \(4\.2\)<\/td>/);
		assert.match(de, /<td>zwei Wochen<\/td><td>Einspruch gegen Unterauftragsverarbeiter<\/td><td>14<\/td>/);
		assert.match(en, /<html lang="en">/);
		assert.match(en, /Objection period for sub-processors/);
	});

	test('no network, no scripts, no external assets', () => {
		for (const html of [de, en]) {
			assert.doesNotMatch(html, /<script|<link|<img|@import|url\(|https?:\/\/(?!github\.com)/);
		}
	});

	test('accessibility: language, one h1, no skipped heading level, table headers, labelled chart, contrast of every colour pair', () => {
		for (const html of [de, en]) {
			assert.match(html, /^<!doctype html>\n<html lang="(de|en)">/);
			assert.equal((html.match(/<h1[ >]/g) ?? []).length, 1);
			let level = 0;
			for (const m of html.matchAll(/<h([1-6])[ >]/g)) {
				const next = Number(m[1]);
				assert.ok(next <= level + 1, `h${next} after h${level}`);
				level = next;
			}
			for (const table of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
				assert.match(table, /^<table><thead><tr>(<th scope="col">[^<]+<\/th>)+<\/tr><\/thead>/);
			}
			assert.match(html, /<div class="bar" role="img" aria-label="[^"]+">/);
		}
		for (const [name, [fg, bg]] of Object.entries(PALETTE)) assert.ok(contrast(fg, bg) >= 4.5, `${name}: ${contrast(fg, bg).toFixed(2)}:1`);
	});

	test('a coverage reason, when the core gives one, is shown', () => {
		const r = input('de-maengel.txt').result;
		const coverage = r.coverage.map(c => (c.requirement === 'art28-3-b-confidentiality' ? { ...c, reason: '3.2 ist eine Geheimhaltungsabrede der Parteien' } : c));
		const html = reviewReport([{ file: 'x.txt', result: { ...r, coverage } as LintResult }], { generated: GENERATED });
		assert.match(html, /<strong>Begründung:<\/strong> 3\.2 ist eine Geheimhaltungsabrede der Parteien/);
	});

	test('a converted draft names its source; --lang picks the report language', async () => {
		const converted = await readConverted(path.join(drafts, 'office', 'de-maengel.docx'));
		const html = reviewReport([{ file: 'de-maengel.docx', result: input('de-maengel.txt').result, converted }], { generated: GENERATED, lang: 'en' });
		assert.match(html, /<dt>Source:<\/dt><dd>Word document, read as if all 2 tracked changes were accepted/);
		assert.match(html, /<html lang="en">/);
	});

	test('prints: headless Chromium renders it to a PDF of a few pages with selectable text', async function () {
		const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
		if (!fs.existsSync(chromium)) {
			console.log(`      (skipped: no Chromium at ${chromium}; apt-get install chromium)`);
			this.skip();
		}
		this.timeout(60000);
		const { chromium: pw } = await import('playwright-core');
		const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox'] });
		try {
			const dir = tempDir('dpa-report-');
			for (const [lang, html] of [['de', de], ['en', en]] as const) {
				const page = await browser.newPage();
				await page.setContent(html);
				const file = path.join(dir, `report-${lang}.pdf`);
				await page.pdf({ path: file, format: 'A4', printBackground: true });
				await page.close();
				const pdf = await readConverted(file);
				assert.ok(pdf.pages! >= 2 && pdf.pages! <= 8, `${lang}: ${pdf.pages} pages`);
				assert.match(pdf.text, lang === 'de' ? /Prüfbericht Auftragsverarbeitungsvertrag/ : /Data processing agreement review/);
			}
		} finally {
			await browser.close();
		}
	});
});
