import JSZip from 'jszip';
import * as mammoth from 'mammoth';
import { readNumbering, renderNumbering } from './numbering';
import { ConversionError, type Converted } from './types';

/** mammoth's document model, as far as we read it (lib/documents.js). */
interface MNode {
	readonly type: string;
	readonly children?: readonly MNode[];
	readonly value?: string;
	readonly styleName?: string | null;
	readonly styleId?: string | null;
	readonly isBold?: boolean;
	readonly isItalic?: boolean;
	readonly verticalAlignment?: string;
	readonly breakType?: string;
	readonly noteType?: string;
	readonly noteId?: string;
}
interface MDocument extends MNode { readonly notes: { resolve(ref: MNode): { body: readonly MNode[] } | null } }

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const superscript = (n: number): string => String(n).split('').map(d => SUPERSCRIPT[Number(d)]).join('');

/** Refuse what is not a readable .docx with the reason a user can act on. */
async function openZip(buf: Buffer): Promise<JSZip> {
	if (buf.length === 0) throw new ConversionError('empty file (0 bytes)');
	if (buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
		// An OLE compound file: an encrypted Office document (EncryptionInfo stream) or a Word 97–2003 .doc.
		if (buf.includes(Buffer.from('EncryptionInfo', 'utf16le'))) throw new ConversionError('password-protected Word document: remove the password in Word (File > Info > Protect Document) and try again');
		throw new ConversionError('a Word 97-2003 document (.doc), not .docx: save it as .docx in Word');
	}
	let zip: JSZip;
	try { zip = await JSZip.loadAsync(buf); } catch { throw new ConversionError('not a Word document: the file is no valid .docx (zip) archive'); }
	if (!zip.file('word/document.xml')) throw new ConversionError('not a Word document: the archive has no word/document.xml');
	return zip;
}

/** Count tracked insertions and deletions that carry text (paragraph-mark changes are part of them). */
function countTrackedChanges(xml: string): { insertions: number; deletions: number } {
	const count = (tag: string): number => (xml.match(new RegExp(`<w:${tag}\\b[^>]*[^/]>`, 'g')) ?? []).length;
	return { insertions: count('ins'), deletions: count('del') };
}

/**
 * Convert a .docx to Markdown with mammoth: Word's automatic numbering rendered into the text, headings as `#`,
 * tables as pipe tables, footnotes as a paragraph after the one citing them, tracked changes accepted.
 */
export async function convertDocx(buf: Buffer): Promise<Converted> {
	const zip = await openZip(buf);
	const read = async (name: string): Promise<string | undefined> => zip.file(name)?.async('string');
	const documentXml = (await read('word/document.xml'))!;
	let rendered: { xml: string; numbered: number };
	try {
		rendered = renderNumbering(documentXml, readNumbering(await read('word/numbering.xml'), await read('word/styles.xml')));
	} catch (e) {
		throw new ConversionError(`not a readable Word document: ${(e as Error).message}`);
	}
	zip.file('word/document.xml', rendered.xml);
	const tracked = countTrackedChanges(documentXml);
	let captured: MDocument | undefined;
	try {
		await mammoth.convertToHtml({ buffer: await zip.generateAsync({ type: 'nodebuffer' }) }, { transformDocument: (d: MDocument) => (captured = d) });
	} catch (e) {
		throw new ConversionError(`not a readable Word document: ${(e as Error).message.split('\n')[0]}`);
	}
	const text = new DocxWriter(captured!).write();
	return { text, format: 'docx', trackedChanges: tracked, numbered: rendered.numbered };
}

/** Writes mammoth's document tree as Markdown. */
class DocxWriter {
	#notes = 0;
	constructor(private readonly doc: MDocument) {}

	write(): string {
		const blocks: string[] = [];
		for (const node of this.doc.children ?? []) blocks.push(...this.block(node));
		return blocks.filter(b => b.trim()).join('\n\n').replace(/[ \t]+$/gm, '') + '\n';
	}

	private block(node: MNode): string[] {
		if (node.type === 'paragraph') return this.paragraph(node);
		if (node.type === 'table') return [this.table(node)];
		return (node.children ?? []).flatMap(c => this.block(c));
	}

	private paragraph(p: MNode): string[] {
		const notes: string[] = [];
		let text = this.inline(p.children ?? [], notes).replace(/^[ \t]+/, '');
		const style = p.styleName ?? p.styleId ?? '';
		const heading = /^(?:heading|überschrift|berschrift)\s*([1-6])$/i.exec(style)?.[1] ?? (/^title$|^titel$/i.test(style) ? '1' : undefined);
		if (heading && text.trim()) text = `${'#'.repeat(Number(heading))} ${text.replace(/\*\*/g, '').replace(/\n/g, ' ')}`;
		return [text, ...notes];
	}

	/** Runs as text: bold and italic as Markdown emphasis, line breaks kept, footnote references as superscript numbers. */
	private inline(nodes: readonly MNode[], notes: string[]): string {
		let out = '';
		for (const n of nodes) {
			if (n.type === 'text') out += n.value ?? '';
			else if (n.type === 'tab') out += ' ';
			else if (n.type === 'break') out += n.breakType === 'page' || n.breakType === 'column' ? '' : '\n';
			else if (n.type === 'noteReference') {
				const note = this.doc.notes.resolve(n);
				const mark = superscript(++this.#notes);
				out += mark;
				if (note) notes.push(`${mark} ${note.body.map(b => this.inline(b.children ?? [], notes)).join(' ').trim()}`);
			} else if (n.type === 'run') {
				const inner = this.inline(n.children ?? [], notes);
				const wrap = n.isBold ? '**' : n.isItalic ? '*' : '';
				out += wrap && inner.trim() && n.verticalAlignment !== 'superscript' ? inner.replace(/^(\s*)([\s\S]*?)(\s*)$/, `$1${wrap}$2${wrap}$3`) : inner;
			} else if (n.children) out += this.inline(n.children, notes);
		}
		// Adjacent runs of the same emphasis merge: "**a****b**" → "**ab**".
		return out.replace(/\*\*\*\*/g, '');
	}

	private table(t: MNode): string {
		const rows = (t.children ?? []).filter(r => r.type === 'tableRow').map(r => (r.children ?? []).filter(c => c.type === 'tableCell').map(c => {
			const notes: string[] = [];
			const cell = (c.children ?? []).filter(p => p.type === 'paragraph').map(p => this.inline(p.children ?? [], notes).trim()).filter(Boolean).join(' ');
			return [cell, ...notes].join(' ').replace(/\n/g, ' ').replace(/\|/g, '\\|');
		}));
		if (!rows.length) return '';
		const width = Math.max(...rows.map(r => r.length));
		const line = (cells: string[]): string => `| ${[...cells, ...Array(width - cells.length).fill('')].join(' | ')} |`;
		return [line(rows[0]), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n');
	}
}
