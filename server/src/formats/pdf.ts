import { layoutPages, type PageText } from './pdfLayout';
import { ConversionError, type Converted } from './types';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loaded: Promise<PdfJs> | undefined;

/**
 * The 2D part of DOMMatrix. pdfjs creates one when its module loads and polyfills it from @napi-rs/canvas, a native
 * package the bundle does not carry; text extraction needs no more than this.
 */
class Matrix2D {
	a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
	constructor(init?: readonly number[]) {
		if (init && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init;
	}
	get is2D(): boolean { return true; }
	get isIdentity(): boolean { return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0; }
	multiplySelf(m: Matrix2D): this {
		const { a, b, c, d, e, f } = this;
		this.a = a * m.a + c * m.b; this.b = b * m.a + d * m.b; this.c = a * m.c + c * m.d;
		this.d = b * m.c + d * m.d; this.e = a * m.e + c * m.f + e; this.f = b * m.e + d * m.f + f;
		return this;
	}
	preMultiplySelf(m: Matrix2D): this {
		const copy = new Matrix2D([m.a, m.b, m.c, m.d, m.e, m.f]).multiplySelf(this);
		[this.a, this.b, this.c, this.d, this.e, this.f] = [copy.a, copy.b, copy.c, copy.d, copy.e, copy.f];
		return this;
	}
	translateSelf(x = 0, y = 0): this { return this.multiplySelf(new Matrix2D([1, 0, 0, 1, x, y])); }
	scaleSelf(x = 1, y = x): this { return this.multiplySelf(new Matrix2D([x, 0, 0, y, 0, 0])); }
	invertSelf(): this {
		const { a, b, c, d, e, f } = this;
		const det = a * d - b * c;
		if (!det) { [this.a, this.b, this.c, this.d, this.e, this.f] = [NaN, NaN, NaN, NaN, NaN, NaN]; return this; }
		[this.a, this.b, this.c, this.d] = [d / det, -b / det, -c / det, a / det];
		[this.e, this.f] = [(c * f - d * e) / det, (b * e - a * f) / det];
		return this;
	}
	multiply(m: Matrix2D): Matrix2D { return this.clone().multiplySelf(m); }
	translate(x = 0, y = 0): Matrix2D { return this.clone().translateSelf(x, y); }
	scale(x = 1, y = x): Matrix2D { return this.clone().scaleSelf(x, y); }
	inverse(): Matrix2D { return this.clone().invertSelf(); }
	private clone(): Matrix2D { return new Matrix2D([this.a, this.b, this.c, this.d, this.e, this.f]); }
}

/**
 * pdfjs-dist's legacy Node build, with its worker running in this thread (no worker file to find in a bundle).
 * Its module code warns through console.log about canvas polyfills that text extraction does not need:
 * those lines are held back so that they never mix with the CLI's output.
 */
function pdfjs(): Promise<PdfJs> {
	loaded ??= (async () => {
		(globalThis as { DOMMatrix?: unknown }).DOMMatrix ??= Matrix2D;
		const { log, warn } = console;
		console.log = console.warn = () => undefined;
		try {
			const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
			(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
			lib.GlobalWorkerOptions.workerSrc ||= 'pdf.worker.mjs';
			return lib;
		} finally {
			console.log = log;
			console.warn = warn;
		}
	})();
	return loaded;
}

/** Convert a text PDF to Markdown; a PDF without a text layer (a scan) is refused with a clear reason. */
export async function convertPdf(buf: Buffer): Promise<Converted> {
	if (buf.length === 0) throw new ConversionError('empty file (0 bytes)');
	if (!buf.subarray(0, 1024).includes(Buffer.from('%PDF-'))) throw new ConversionError('not a PDF file (no %PDF- header)');
	const lib = await pdfjs();
	const task = lib.getDocument({ data: new Uint8Array(buf), verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, stopAtErrors: false });
	let pages: PageText[];
	try {
		const pdf = await task.promise;
		pages = [];
		for (let i = 1; i <= pdf.numPages; i++) {
			const page = await pdf.getPage(i);
			const content = await page.getTextContent();
			pages.push({
				runs: content.items.flatMap(item => ('str' in item ? [{
					str: item.str, x: item.transform[4], y: item.transform[5], width: item.width,
					size: Math.hypot(item.transform[2], item.transform[3]) || item.height,
				}] : [])),
			});
			page.cleanup();
		}
		await pdf.destroy();
	} catch (e) {
		const name = (e as { name?: string }).name;
		if (name === 'PasswordException') throw new ConversionError('password-protected PDF: remove the password and try again');
		throw new ConversionError(`not a readable PDF (${(e as Error).message.split('\n')[0]})`);
	} finally {
		void task.destroy();
	}
	const chars = pages.reduce((n, p) => n + p.runs.reduce((m, r) => m + r.str.replace(/\s/g, '').length, 0), 0);
	if (chars < 20) throw new ConversionError(`no text layer in ${pages.length} page(s): a scanned PDF? Run text recognition (OCR) on it first`);
	const { text, dropped } = layoutPages(pages);
	return { text, format: 'pdf', pages: pages.length, dropped };
}
