import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { remark } from 'remark';
import remarkFrontmatter from 'remark-frontmatter';
import { BLOCKS_ONLY, markable, MARKABLE, markStructure, MAX_WINDOW_LINES, observeParser, readBlocks, type Blocks } from '../../server/src/core/markdown';
import { projectFiles, repoRoot, sharedFiles } from '../helpers';

/**
 * A parser window without markable text ("#", fences, "<", lines of "=" or "-") is not parsed and is cut at its last
 * unindented line after a blank line or its last unindented list item that may interrupt a paragraph. The marks must be the parser's: plain texts (Word exports, and the project's
 * drafts with their markup taken out) get markup put in at random lines – headings, setext underlines, fences, HTML
 * blocks and comments across blank lines, lists with continuation paragraphs, block quotes, indented code – and the
 * structure is compared with the one read by parsing every window.
 */

function random(seed: number): () => number {
	let s = seed % 2147483647 || 1;
	return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Markup put in at a line start: each reaches across lines, blank lines or the plain text after it in its own way. */
const MARKUP = [
	'# Heading\n', '## Heading\n\n', 'Setext title\n===\n', 'Setext title\n---\n', '---\n',
	'```\ncode\n\n\nmore code\n', '```\ncode\n```\n', '~~~\n\n', '<div>\ntext\n', '<!--\n\ncomment\n\n', '-->\n',
	'<script>\n\n', '</script>\n', '- item\n\n  continued\n', '- item\n', '1. item\n\n   more\n', '> quote\n> # quoted heading\n',
	'> quote\n', '    indented\n', '\t# tab\n', '  - nested\n    # in item\n', '\n\n', '\n', '* * *\n', '<br>\n', '1) ===\n',
	'2. second\n', '1) first\n', '* star\n', '+ plus\n', '- \n', '10. ten\n', '> quote\nlazy\n', '- item\nlazy\n===\n', '1. item\n---\n',
];

/** The text with its markup taken out: no markable character, no line of only "-" or "=". */
const plain = (text: string): string => text.replace(/[#`~<]/g, '').replace(/^[ \t>*+\-=\d.)]*[-=][ \t>*+\-=\d.)]*$/gm, 'text');

function withMarkup(text: string, rnd: () => number, count: number): string {
	let out = text;
	for (let n = 0; n < count; n++) {
		const at = out.lastIndexOf('\n', Math.floor(rnd() * out.length)) + 1;
		out = out.slice(0, at) + MARKUP[Math.floor(rnd() * MARKUP.length)] + out.slice(at);
	}
	return out;
}

suite('Markdown structure without parsing plain windows', () => {
	const files = [...projectFiles('test/drafts', /\.(md|txt)$/), ...projectFiles('examples', /\.md$/), ...sharedFiles('seeds', /\.txt$/)];
	// Each draft also without blank lines, as Word exports paragraphs: windows are cut at list items only.
	const texts = files.flatMap(f => {
		const text = plain(fs.readFileSync(f, 'utf8'));
		return [{ name: f, text }, { name: `${f} without blank lines`, text: text.replace(/\n[ \t]*(?=\n)/g, '') }];
	});

	test('plain drafts: no window is parsed, no mark is lost', () => {
		for (const { name, text } of texts) {
			assert.deepEqual(markStructure(text, 0), markStructure(text, 0, 'parse-all'), name);
			assert.deepEqual(markStructure(text, 0).marks, [], name);
		}
	});

	test('markup put in at random lines is marked as the parser marks it', function () {
		this.timeout(120_000);
		const rnd = random(11);
		// Reading a text in windows is exact but for rare lines that micromark reads by where the list they are in began
		// (a "</script>" after a lazy line of a list item): windows cut elsewhere may differ there, as often as parsing
		// every window differs from parsing the text at once.
		let compared = 0, marked = 0, fastDiffers = 0, windowsDiffer = 0;
		for (let round = 0; round < 30; round++) {
			for (const { text } of texts) {
				const mixed = withMarkup(text, rnd, 1 + Math.floor(rnd() * 6));
				const whole = markStructure(mixed, 0, 'whole');
				if (!isDeepStrictEqual(markStructure(mixed, 0), whole)) fastDiffers++;
				if (!isDeepStrictEqual(markStructure(mixed, 0, 'parse-all'), whole)) windowsDiffer++;
				compared++;
				marked += whole.marks.length;
			}
		}
		assert.ok(compared >= 200 && marked > compared, `${compared} texts compared, ${marked} marks`);
		assert.ok(fastDiffers <= windowsDiffer + compared / 100, `${fastDiffers} of ${compared} texts marked otherwise than parsed at once (${windowsDiffer} when every window is parsed)`);
	});

	test('the scan for markable text finds what its pattern finds', () => {
		// Texts of the characters that matter (line breaks of every kind the pattern's "^" and "$" know, the underline
		// class, look-alikes such as a no-break space and a full-width digit), and every line of the drafts.
		const alphabet = [' ', '\t', '\n', '\r', '\r\n', '\u2028', '\u2029', '>', '-', '=', '*', '+', '1', '9', '.', ')', 'a', '_', '\u00a0', '\uff10', '#', '<'];
		const rnd = random(5);
		let found = 0;
		for (let n = 0; n < 20_000; n++) {
			let text = '';
			for (let k = Math.floor(rnd() * 40); k >= 0; k--) text += alphabet[Math.floor(rnd() * (n % 2 ? alphabet.length - 2 : alphabet.length))];
			assert.equal(markable(text), MARKABLE.test(text), JSON.stringify(text));
			if (markable(text)) found++;
		}
		assert.ok(found > 2_000 && found < 18_000, `${found} of 20000 markable`);
		for (const { name, text } of texts) for (const line of text.split('\n')) assert.equal(markable(line), MARKABLE.test(line), `${name}: ${line}`);
	});

	test('past the budget of parsed lines the rest is plain, and what came before is marked as without a budget', () => {
		// The project's Markdown drafts one after the other, with a heading each: many windows to parse.
		const drafts = projectFiles('test/drafts', /\.md$/).map(f => fs.readFileSync(f, 'utf8').replace(/^---[\s\S]*?\n---\n/, ''));
		const text = Array.from({ length: 20 }, (_, i) => `# Teil ${i + 1}\n\n${drafts[i % drafts.length]}\n\n`).join('');
		const full = markStructure(text, 0);
		for (const budget of [1, 300, 1500]) {
			let read = 0, largest = 0;
			observeParser(window => {
				const lines = window.split(/\r\n?|\n/).length - 1;
				read += lines;
				largest = Math.max(largest, lines);
			});
			let budgeted: ReturnType<typeof markStructure>;
			try { budgeted = markStructure(text, 0, 'skip-plain', budget); } finally { observeParser(undefined); }
			assert.ok(read >= budget && read < budget + largest, `budget ${budget}: the parser read ${read} lines, at most ${largest} at once`);
			assert.ok(budgeted.marks.length > 0 && budgeted.marks.length < full.marks.length, `budget ${budget}: ${budgeted.marks.length} of ${full.marks.length} marks`);
			// The marks found are the first of the full reading, the last of them perhaps cut short by where the budget ended.
			const last = budgeted.marks.length - 1;
			assert.deepEqual(budgeted.marks.slice(0, last), full.marks.slice(0, last), `budget ${budget}`);
			assert.equal(budgeted.marks[last].span.start, full.marks[last].span.start, `budget ${budget}`);
		}
	});

	test('a window holds no more lines than its budget, however short they are', () => {
		// Lines of "=" (setext headings), lazy lines of a block quote, short list items: each once read in windows of
		// thousands of lines, which cost micromark the square of their lines.
		for (const text of ['=\n'.repeat(20_000), '> a\nb\n'.repeat(6_000), '- a\n  # b\n'.repeat(5_000), 'a\n===\n'.repeat(5_000)]) {
			let largest = 0;
			observeParser(window => { largest = Math.max(largest, window.split('\n').length - 1); });
			try { markStructure(text, 0); } finally { observeParser(undefined); }
			assert.ok(largest > 0 && largest <= MAX_WINDOW_LINES, `${JSON.stringify(text.slice(0, 8))}…: a window of ${largest} lines`);
		}
	});

	test('a front-matter is found with or without parsing', () => {
		const text = '---\ntitle: x\n---\n' + texts[0].text;
		const fast = markStructure(text, text.indexOf('---', 3) + 4);
		assert.ok(fast.yaml);
		assert.deepEqual(fast, markStructure(text, text.indexOf('---', 3) + 4, 'parse-all'));
	});
});

/**
 * The core reads the block structure from micromark's tokens, not from the syntax tree remark builds of the same tokens
 * (building the tree took about a tenth of a Markdown draft's analysis). What it reads must be what the tree says: the marks
 * (headings and their depth, fenced code, HTML blocks, the front-matter), the top-level blocks (how many, the last one's
 * kind and start) and the items or blocks of a last list or block quote. Compared on the drafts and on random texts of
 * markup and of Markdown's block characters.
 */
suite('Markdown structure read from the tokens, as remark\'s tree has it', () => {
	interface MdNode { type: string; depth?: number; position?: { start: { offset?: number }; end: { offset?: number } }; children?: MdNode[] }
	const inlineOff = function (this: { data(key: string, value?: unknown): unknown }): void {
		const extensions = (this.data('micromarkExtensions') ?? []) as unknown[];
		extensions.push(BLOCKS_ONLY);
		this.data('micromarkExtensions', extensions);
	};
	const parsers = { first: remark().use(remarkFrontmatter, ['yaml']).use(inlineOff), plain: remark().use(inlineOff) };

	/** The same reading, from the syntax tree. */
	function fromTree(text: string, first: boolean): Blocks {
		const tree = (first ? parsers.first : parsers.plain).parse(text) as unknown as MdNode;
		const at = (node: MdNode): number => node.position?.start.offset ?? 0;
		const marks: (Blocks['marks'][number])[] = [];
		const stack: MdNode[] = [...(tree.children ?? [])].reverse();
		while (stack.length) {
			const node = stack.pop()!;
			const start = at(node), end = node.position?.end.offset ?? 0;
			if (start >= text.length) continue;
			if (node.type === 'yaml') marks.push({ span: { start, end }, info: {}, yaml: true });
			else if (node.type === 'heading') marks.push({ span: { start, end }, info: { heading: node.depth ?? 1 } });
			else if (node.type === 'code') { if (/^\s*(```|~~~)/.test(text.slice(start, start + 8))) marks.push({ span: { start, end }, info: { code: true } }); }
			else if (node.type === 'html') marks.push({ span: { start, end }, info: { html: true } });
			else if (node.type !== 'paragraph') stack.push(...[...(node.children ?? [])].reverse());
		}
		const roots = tree.children ?? [];
		const last = roots[roots.length - 1];
		const inner = last && (last.type === 'list' || last.type === 'blockquote') ? last.children ?? [] : [];
		return {
			marks, rootCount: roots.length, last: last && { type: last.type, start: at(last) },
			innerCount: inner.length, innerLast: inner.length ? at(inner[inner.length - 1]) : undefined,
		};
	}

	const check = (text: string, first: boolean): void => assert.deepEqual(readBlocks(text, first), fromTree(text, first), JSON.stringify(text.slice(0, 400)));

	test('the drafts and the drafts with markup put in', function () {
		this.timeout(120_000);
		// The rules' fixtures (test/fixtures/rules/<rule>/…) too: Markdown of every kind the rules read, also in a fresh clone.
		const fixtures = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
			.flatMap(e => e.isDirectory() ? fixtures(path.join(dir, e.name)) : /\.(md|txt)$/.test(e.name) ? [path.join(dir, e.name)] : []);
		const files = [...projectFiles('test/drafts', /\.(md|txt)$/), ...projectFiles('examples', /\.md$/), ...fixtures(path.join(repoRoot, 'test', 'fixtures')), ...sharedFiles('corpus', /\.md$/)];
		const rnd = random(17);
		let marks = 0;
		for (const file of files) {
			const text = fs.readFileSync(file, 'utf8').slice(0, 20_000);
			check(text, true);
			check(text, false);
			const mixed = withMarkup(text, rnd, 1 + Math.floor(rnd() * 30));
			check(mixed, false);
			marks += readBlocks(mixed, false).marks.length;
		}
		assert.ok(files.length >= 100 && marks > files.length, `${files.length} drafts, ${marks} marks`);
	});

	test('random texts of block characters', () => {
		const alphabet = ['#', '-', '=', '*', '+', '>', '1', '.', ')', ' ', '\n', '\n', '\t', '`', '~', '<', '!', 'a', 'b', ':', '/', '[', ']', '_', '---\n', '\r\n'];
		const rnd = random(23);
		const seen = new Set<string>();
		for (let n = 0; n < 4_000; n++) {
			let text = '';
			for (let k = Math.floor(rnd() * 120); k >= 0; k--) text += alphabet[Math.floor(rnd() * alphabet.length)];
			if (n % 5 === 0) text = '---\ntitle: x\n---\n' + text;
			check(text, n % 2 === 0);
			const read = readBlocks(text, n % 2 === 0);
			if (read.last) seen.add(read.last.type);
			for (const m of read.marks) seen.add(Object.keys(m.info)[0] ?? 'yaml');
		}
		// Every kind of block came up, so each was compared.
		for (const kind of ['list', 'blockquote', 'paragraph', 'code', 'html', 'thematicBreak', 'heading', 'yaml']) assert.ok(seen.has(kind), `${kind} never read`);
	});
});
