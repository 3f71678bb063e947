import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConversionError, type Converted } from './types';

export { ConversionError, type Converted } from './types';

/** Largest Word or PDF file the tools read. */
export const MAX_BINARY_BYTES = 50 * 1024 * 1024;

/** The format of a file by its extension: Word and PDF are converted, everything else is read as text. */
export function formatOf(file: string): 'docx' | 'pdf' | undefined {
	const ext = path.extname(file).toLowerCase();
	return ext === '.docx' ? 'docx' : ext === '.pdf' ? 'pdf' : undefined;
}

/**
 * Convert the bytes of a .docx or .pdf to Markdown. The converters (mammoth, jszip and xmldom for Word, pdfjs for PDF)
 * are loaded on the first file of their format: a start of the CLI, a CLI worker or the server needs none of them.
 */
export async function convertBuffer(buf: Buffer, format: 'docx' | 'pdf'): Promise<Converted> {
	return format === 'docx' ? (await import('./docx.js')).convertDocx(buf) : (await import('./pdf.js')).convertPdf(buf);
}

/** What the conversion did, in one line ("read as if the 2 tracked changes were accepted"), in German or English. */
export function conversionNote(c: Converted, lang: 'de' | 'en'): string {
	if (c.format === 'docx') {
		const { insertions = 0, deletions = 0 } = c.trackedChanges ?? {};
		const n = insertions + deletions;
		if (lang === 'de') return n ? `Word-Dokument, gelesen mit allen ${n} Änderungen angenommen (${insertions} Einfügung(en), ${deletions} Löschung(en))` : 'Word-Dokument, ohne nachverfolgte Änderungen';
		return n ? `Word document, read as if all ${n} tracked changes were accepted (${insertions} insertion(s), ${deletions} deletion(s))` : 'Word document, no tracked changes';
	}
	const dropped = c.dropped ?? 0;
	if (lang === 'de') return `PDF, ${c.pages} Seite(n) Textebene${dropped ? `; ${dropped} wiederholte Kopf-/Fußzeilen und Seitenzahlen ausgelassen` : ''}`;
	return `PDF, ${c.pages} page(s) of text${dropped ? `; ${dropped} repeated header/footer lines and page numbers left out` : ''}`;
}

/**
 * The Markdown of a converted draft as the linter and the editor see it: a front-matter marking it as a draft
 * and naming its source, then the converted text.
 */
export function convertedMarkdown(c: Converted, sourceName: string): string {
	const note = conversionNote(c, 'en');
	return `---\ntype: dpa\nsource: ${JSON.stringify(sourceName)}\nconverted: ${JSON.stringify(note)}\n---\n\n${c.text}`;
}

/** Read a .docx or .pdf file and convert it; a file that cannot be read throws a ConversionError with one line. */
export async function readConverted(file: string): Promise<Converted> {
	const format = formatOf(file);
	if (!format) throw new ConversionError('not a Word (.docx) or PDF file');
	const stat = fs.statSync(file);
	if (stat.size > MAX_BINARY_BYTES) throw new ConversionError(`file is larger than ${MAX_BINARY_BYTES / 1024 / 1024} MB`);
	return convertBuffer(fs.readFileSync(file), format);
}
