// npm run fixtures:office: the Word and PDF fixtures of test/drafts/office/, made from our own drafts in test/drafts.
// .docx: written with the `docx` package, clause numbers as real Word automatic numbering (numbering.xml, not text),
// tables as Word tables, one footnote and one tracked change (an insertion and a deletion). .pdf: the same draft
// printed by headless Chromium (Debian's chromium) with a running header and page numbers in the footer.
// Also the inputs that must fail: a scanned (image-only) PDF, a password-protected .docx, a corrupt .docx, a 0-byte PDF.
import * as fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	AlignmentType, DeletedTextRun, Document, FootnoteReferenceRun, HeadingLevel, InsertedTextRun, LevelFormat, LevelSuffix, Packer,
	Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'test', 'drafts', 'office');
/** The drafts converted, and the language of the footnote and the tracked change. */
export const DRAFTS = [
	{ file: 'de-vollstaendig.dpa.md', lang: 'de' },
	{ file: 'de-maengel.txt', lang: 'de' },
	{ file: 'en-plain-numbered.md', lang: 'en' },
	{ file: 'en-saas-defects.dpa.md', lang: 'en' },
];

/** Word lists: each clause-number shape of our drafts as one abstract numbering with its level texts. */
const LISTS = {
	para: [{ format: LevelFormat.DECIMAL, text: '§ %1' }],
	dotted: [{ format: LevelFormat.DECIMAL, text: '%1.' }, { format: LevelFormat.DECIMAL, text: '%1.%2' }, { format: LevelFormat.DECIMAL, text: '%1.%2.%3' }],
	paren: [{ format: LevelFormat.DECIMAL, text: '(%1)' }],
	alpha: [{ format: LevelFormat.LOWER_LETTER, text: '(%1)' }],
	dash: [{ format: LevelFormat.DECIMAL, text: '- %1)' }],
	bullet: [{ format: LevelFormat.BULLET, text: '\u2022' }],
};

/** The list, level and number a literal label stands for: "§ 3" → para 0 [3]; "2.1" → dotted 1 [2, 1]. */
function labelOf(line) {
	let m;
	if ((m = /^§ (\d+) /.exec(line))) return { list: 'para', level: 0, values: [Number(m[1])], rest: line.slice(m[0].length) };
	if ((m = /^(\d+)\.(\d+)\.(\d+) /.exec(line))) return { list: 'dotted', level: 2, values: [m[1], m[2], m[3]].map(Number), rest: line.slice(m[0].length) };
	if ((m = /^(\d+)\.(\d+) /.exec(line))) return { list: 'dotted', level: 1, values: [m[1], m[2]].map(Number), rest: line.slice(m[0].length) };
	if ((m = /^(\d+)\. /.exec(line))) return { list: 'dotted', level: 0, values: [Number(m[1])], rest: line.slice(m[0].length) };
	if ((m = /^\((\d+)\) /.exec(line))) return { list: 'paren', level: 0, values: [Number(m[1])], rest: line.slice(m[0].length) };
	if ((m = /^\(([a-z])\) /.exec(line))) return { list: 'alpha', level: 0, values: [m[1].charCodeAt(0) - 96], rest: line.slice(m[0].length) };
	if ((m = /^- (\d+)\) /.exec(line))) return { list: 'dash', level: 0, values: [Number(m[1])], rest: line.slice(m[0].length) };
	if ((m = /^- /.exec(line))) return { list: 'bullet', level: 0, values: [], rest: line.slice(m[0].length) };
	return undefined;
}

/**
 * Decides per paragraph whether Word's counter gives the number the draft shows: then the paragraph is numbered
 * automatically (a new list instance where the draft restarts at 1); otherwise the number stays literal text,
 * as a lawyer's typed number would (numbering anomalies survive the round trip).
 */
class Counters {
	#state = new Map();
	#instance = new Map();
	#next = 1;
	place(label) {
		if (label.list === 'bullet') return { reference: 'bullet', level: 0, instance: this.#instanceOf('bullet') };
		const state = this.#state.get(label.list) ?? [];
		const expected = state.slice(0, label.level + 1);
		expected[label.level] = (state[label.level] ?? 0) + 1;
		for (let l = 0; l < label.level; l++) expected[l] ??= 1;
		const same = expected.length === label.values.length && expected.every((v, i) => v === label.values[i]);
		const restart = !same && label.values.every(v => v === 1);
		if (!same && !restart) return undefined;
		if (restart) this.#instance.set(label.list, this.#next++);
		this.#state.set(label.list, label.values);
		return { reference: label.list, level: label.level, instance: this.#instanceOf(label.list) };
	}
	#instanceOf(list) {
		if (!this.#instance.has(list)) this.#instance.set(list, this.#next++);
		return this.#instance.get(list);
	}
}

/** Runs of a line: **bold** as bold runs. */
function runs(text) {
	return text.split(/(\*\*[^*]+\*\*)/).filter(Boolean).map(part => part.startsWith('**') ? new TextRun({ text: part.slice(2, -2), bold: true }) : new TextRun(part));
}

/** The blocks of a draft: headings, tables and paragraphs (lines of a paragraph kept as line breaks). */
function blocksOf(text) {
	const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
	return body.split(/\n\s*\n/).map(b => b.replace(/^\n+|\n+$/g, '')).filter(Boolean);
}

const TRACKED = {
	// The deletion cites an annex the draft lacks: if it leaked into the text, annex-undefined would fire.
	de: { deleted: ' (siehe Anlage 9)', author: 'Kanzlei Beispiel', footnote: 'Fassung nach Abstimmung der Parteien.' },
	en: { deleted: ' (see Schedule 9)', author: 'Example LLP', footnote: 'Version as agreed between the parties.' },
};

async function makeDocx(file, lang) {
	const text = fs.readFileSync(path.join(root, 'test', 'drafts', file), 'utf8');
	const counters = new Counters();
	const children = [];
	let tracked = false, footnote = false;
	for (const block of blocksOf(text)) {
		if (block.startsWith('|')) {
			const rows = block.split('\n').filter(l => !/^\|\s*-{3,}/.test(l)).map(l => l.replace(/^\||\|$/g, '').split('|').map(c => c.trim()));
			children.push(new Table({
				width: { size: 100, type: WidthType.PERCENTAGE },
				rows: rows.map((r, i) => new TableRow({ tableHeader: i === 0, children: r.map(c => new TableCell({ children: [new Paragraph({ children: runs(c) })] })) })),
			}));
			continue;
		}
		// A Markdown list or a run of numbered lines: one Word paragraph per line.
		const lines = /^(?:- |\d+\. |\(\w\) )/m.test(block) && block.split('\n').every(l => labelOf(l.replace(/^#+ /, '')) || /^\s{2,}/.test(l)) ? block.split('\n') : [block];
		for (const raw of lines) {
			const heading = /^(#{1,6}) /.exec(raw);
			let line = heading ? raw.slice(heading[0].length) : raw;
			const label = labelOf(line);
			const numbering = label && counters.place(label);
			if (numbering) line = label.rest;
			const parts = line.split('\n');
			const content = [];
			parts.forEach((p, i) => {
				const r = runs(p);
				if (i > 0) r[0] = new TextRun({ ...r[0].options, text: r[0].options?.text ?? p, break: 1 });
				content.push(...r);
			});
			// The first long body sentence carries the tracked change (a deletion and the insertion of its last word),
			// the second one a footnote.
			if (!heading && !tracked && /\.\s*$/.test(line) && line.length > 120 && !line.includes('\n')) {
				tracked = true;
				const words = line.trimEnd().replace(/\.$/, '').split(' ');
				const last = words.pop();
				const date = '2025-03-01T10:00:00Z';
				content.splice(0, content.length, new TextRun(words.join(' ') + ' '), new InsertedTextRun({ id: 1, author: TRACKED[lang].author, date, text: last }),
					new DeletedTextRun({ id: 2, author: TRACKED[lang].author, date, text: TRACKED[lang].deleted }), new TextRun('.'));
			} else if (!heading && tracked && !footnote && /\.\s*$/.test(line) && line.length > 120 && !line.includes('\n')) {
				footnote = true;
				content.push(new FootnoteReferenceRun(1));
			}
			children.push(new Paragraph({
				children: content,
				...(heading ? { heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6][heading[1].length - 1] } : {}),
				...(numbering ? { numbering } : {}),
			}));
		}
	}
	const doc = new Document({
		creator: 'DPA Lint fixtures', title: file, description: `Generated by scripts/office-fixtures.mjs from test/drafts/${file}`,
		features: { trackRevisions: true },
		footnotes: { 1: { children: [new Paragraph(TRACKED[lang].footnote)] } },
		numbering: {
			config: Object.entries(LISTS).map(([reference, levels]) => ({
				reference,
				levels: levels.map((l, level) => ({ level, format: l.format, text: l.text, alignment: AlignmentType.START, suffix: LevelSuffix.SPACE })),
			})),
		},
		sections: [{ children }],
	});
	return Packer.toBuffer(doc);
}

/** HTML of a draft for printing: headings, paragraphs with their line breaks, tables. */
function htmlOf(text, lang) {
	const esc = s => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const inline = s => esc(s).replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>');
	const body = blocksOf(text).map(b => {
		const h = /^(#{1,6}) (.*)$/s.exec(b);
		if (h) return `<h${h[1].length}>${inline(h[2])}</h${h[1].length}>`;
		if (b.startsWith('|')) {
			const rows = b.split('\n').filter(l => !/^\|\s*-{3,}/.test(l)).map(l => l.replace(/^\||\|$/g, '').split('|').map(c => c.trim()));
			return `<table>${rows.map((r, i) => `<tr>${r.map(c => `<${i ? 'td' : 'th'}>${inline(c)}</${i ? 'td' : 'th'}>`).join('')}</tr>`).join('')}</table>`;
		}
		return b.split('\n').map(l => `<p>${inline(l)}</p>`).join('\n');
	}).join('\n');
	return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><style>
body{font:11pt/1.4 "DejaVu Serif",serif;margin:0} h1{font-size:18pt} h2{font-size:15pt} h3,h4{font-size:13pt}
p{margin:0 0 8pt} table{border-collapse:collapse;margin:0 0 8pt} th,td{border:1px solid #444;padding:3pt 6pt;text-align:left;font-size:10pt}
</style><body>${body}</body></html>`;
}

async function makePdfs(list) {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
	try {
		const page = await browser.newPage();
		for (const { file, lang } of list) {
			const text = fs.readFileSync(path.join(root, 'test', 'drafts', file), 'utf8');
			await page.setContent(htmlOf(text, lang));
			const header = lang === 'de' ? 'Entwurf – vertraulich' : 'Draft – confidential';
			const pageWord = lang === 'de' ? 'Seite' : 'Page';
			await page.pdf({
				path: path.join(outDir, `${file.replace(/\.(md|txt)$/, '')}.pdf`), format: 'A4', margin: { top: '25mm', bottom: '25mm', left: '25mm', right: '25mm' },
				displayHeaderFooter: true,
				headerTemplate: `<div style="font-size:8pt;width:100%;text-align:right;margin-right:25mm">${header}</div>`,
				footerTemplate: `<div style="font-size:8pt;width:100%;text-align:center">${pageWord} <span class="pageNumber"></span></div>`,
			});
		}
		// A scan: the first lines of a draft drawn on a canvas, printed as an image without a text layer.
		await page.setContent(`<!doctype html><body style="margin:0"><canvas id="c" width="1200" height="800"></canvas><script>
const g = document.getElementById('c').getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 1200, 800); g.fillStyle = '#000'; g.font = '28px serif';
['Vertrag über die Auftragsverarbeitung', '§ 1 Gegenstand und Dauer', '(1) Der Auftragnehmer verarbeitet personenbezogene Daten im Auftrag.'].forEach((t, i) => g.fillText(t, 60, 80 + i * 50));
document.body.innerHTML = '<img src="' + document.getElementById('c').toDataURL() + '" style="width:100%">';
</script></body>`);
		await page.pdf({ path: path.join(outDir, 'broken', 'scanned.pdf'), format: 'A4' });
	} finally {
		await browser.close();
	}
}

async function main() {
	fs.mkdirSync(path.join(outDir, 'broken'), { recursive: true });
	for (const { file, lang } of DRAFTS) fs.writeFileSync(path.join(outDir, `${file.replace(/\.(md|txt)$/, '')}.docx`), await makeDocx(file, lang));
	await makePdfs(DRAFTS);
	// Inputs that must fail with a one-line message.
	fs.writeFileSync(path.join(outDir, 'broken', 'empty.pdf'), '');
	fs.writeFileSync(path.join(outDir, 'broken', 'corrupt.docx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 0x41)]));
	const { default: officeCrypto } = await import('officecrypto-tool');
	const plain = fs.readFileSync(path.join(outDir, 'de-vollstaendig.dpa.docx'));
	fs.writeFileSync(path.join(outDir, 'broken', 'password.docx'), await officeCrypto.encrypt(plain, { password: 'vertraulich' }));
	console.log(`office fixtures written to ${path.relative(process.cwd(), outDir)}`);
}

await main();
