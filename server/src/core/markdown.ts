import { remark } from 'remark';
import remarkFrontmatter from 'remark-frontmatter';
import type { Block, Span } from './types';

/** What the Markdown parser tells about each line: heading depth, or that the line is code or HTML. */
interface LineInfo { heading: number; code: boolean; html: boolean }

interface MdNode {
	type: string;
	depth?: number;
	lang?: string | null;
	position?: { start: { offset?: number }; end: { offset?: number } };
	children?: MdNode[];
}

const processor = remark().use(remarkFrontmatter, ['yaml']);

/** Parse Markdown with remark and return the span of a YAML front-matter node plus per-offset structure marks. */
function markStructure(text: string): { yaml?: Span; marks: { span: Span; info: Partial<LineInfo> }[] } {
	const tree = processor.parse(text) as MdNode;
	const marks: { span: Span; info: Partial<LineInfo> }[] = [];
	let yamlSpan: Span | undefined;
	const visit = (node: MdNode): void => {
		const start = node.position?.start.offset ?? 0, end = node.position?.end.offset ?? 0;
		switch (node.type) {
			case 'yaml': yamlSpan = { start, end }; return;
			case 'heading': marks.push({ span: { start, end }, info: { heading: node.depth ?? 1 } }); return;
			case 'code':
				// Fenced code is code; an indented "code block" in a Word export is a tab-indented table or text.
				if (/^\s*(```|~~~)/.test(text.slice(start, start + 8))) marks.push({ span: { start, end }, info: { code: true } });
				return;
			case 'html': marks.push({ span: { start, end }, info: { html: true } }); return;
			// Inline HTML (<b>, <u>, <br>) inside a paragraph is text of that paragraph, not an HTML block.
			case 'paragraph': return;
		}
		node.children?.forEach(visit);
	};
	visit(tree);
	return { yaml: yamlSpan, marks };
}

const NEWLINE = /\r\n?|\n/g;

/** A line starts a new block when it opens a list item, a number, an annex or a § clause. */
const ITEM_START = /^\s*(?:[-*+•·\uf0b7\u25aa\u25cf]\s|\d+(?:\.\d+)*[.)]?\s|\(\d+\)|\(?[a-z]\)\s|§\s*\d|(?:Anlage|ANLAGE|Anhang|ANHANG|Annex|ANNEX|Schedule|SCHEDULE|Appendix|APPENDIX|Exhibit|EXHIBIT|Attachment|ATTACHMENT)\s+[\dIVXA-Z]|(?:Clause|Section|Ziffer|Ziff\.)\s+\d)/;

/**
 * Split the text into blocks. remark decides what is a heading, HTML, code or table; plain text (Word exports)
 * is grouped into paragraphs by blank lines and split at lines that start a numbered item or an annex.
 */
export function splitBlocks(text: string, bodyFrom: number): { blocks: Block[]; yaml?: Span } {
	const { yaml, marks } = markStructure(text);
	const blocks: Block[] = [];
	let markIdx = 0;
	const sortedMarks = marks.sort((a, b) => a.span.start - b.span.start);
	let cur: { start: number; end: number; kind: Block['kind']; depth: number } | undefined;
	const flush = (): void => {
		if (cur && cur.end > cur.start) {
			blocks.push({ kind: cur.kind, depth: cur.depth, span: { start: cur.start, end: cur.end }, text: text.slice(cur.start, cur.end) });
		}
		cur = undefined;
	};
	let pos = Math.max(bodyFrom, yaml?.end ?? 0);
	while (pos < text.length) {
		// Lines end at \n, \r\n or a lone \r (old Word exports), as LSP counts them.
		NEWLINE.lastIndex = pos;
		const nl = NEWLINE.exec(text);
		const lineEnd = nl ? nl.index : text.length;
		const eol = nl ? nl.index + nl[0].length - 1 : text.length;
		while (markIdx < sortedMarks.length && sortedMarks[markIdx].span.end <= pos) markIdx++;
		const mark = markIdx < sortedMarks.length && sortedMarks[markIdx].span.start <= pos ? sortedMarks[markIdx].info : undefined;
		const line = text.slice(pos, lineEnd);
		const blank = line.trim() === '';
		if (mark?.code) { flush(); }
		else if (blank) { flush(); }
		else {
			// Leading whitespace is not part of the block.
			const lead = line.length - line.trimStart().length;
			const start = pos + lead;
			const end = pos + line.trimEnd().length;
			// remark without GFM has no tables: tab-separated Word rows and pipe rows are recognised here.
			const tabular = line.includes('\t') || /^\s*\|.*\|\s*$/.test(line);
			if (mark?.heading) {
				flush();
				blocks.push({ kind: 'heading', depth: mark.heading, span: { start, end }, text: text.slice(start, end) });
			} else if (mark?.html) {
				flush();
				blocks.push({ kind: 'html', depth: 0, span: { start, end }, text: text.slice(start, end) });
			} else if (tabular) {
				flush();
				blocks.push({ kind: 'table', depth: 0, span: { start, end }, text: text.slice(start, end) });
			} else {
				if (cur && ITEM_START.test(line)) flush();
				if (cur) cur.end = end;
				else cur = { start, end, kind: 'paragraph', depth: 0 };
			}
		}
		pos = eol + 1;
	}
	flush();
	return { blocks, yaml };
}
