import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parserView, stretchEnds } from '../../server/src/core/parserBudget';
import { projectFiles } from '../helpers';

/**
 * What the Markdown parser may see (issue 9's budgets): beyond them, container markers become spaces, emphasis and
 * link delimiters letters, a long run of blank lines two; the view keeps the text's length and the line breaks of
 * every line that is not blank, so offsets hold.
 */
suite('parser budgets', () => {
	test('a draft within every budget is given to the parser as it is', () => {
		for (const f of projectFiles('test/drafts', /\.(md|txt)$/)) {
			const text = fs.readFileSync(f, 'utf8');
			assert.equal(parserView(text), text, f);
		}
	});

	test('container markers beyond the nesting budget become spaces, on their line only', () => {
		// Each "> " counts as a marker and a column: the first sixteen stay.
		const text = `${'> '.repeat(40)}x\nnext\n`;
		assert.equal(parserView(text), `${'> '.repeat(16)}${' '.repeat(48)}x\nnext\n`);
		const list = `${'- '.repeat(40)}x\r\n`;
		assert.equal(parserView(list), `${'- '.repeat(16)}${' '.repeat(48)}x\r\n`);
	});

	test('a run of lines with too many delimiters reads them as letters, but for a thematic break; the next run keeps its own', () => {
		const text = `${'*a* '.repeat(150)}\n***\nmore *b* [c]\n\nnew *run* here\n`;
		assert.equal(parserView(text), `${'xax '.repeat(150)}\n***\nmore xbx xcx\n\nnew *run* here\n`);
		// At the budget (256 delimiters in the run), nothing changes.
		const atBudget = `${'*a* '.repeat(128)}\n`;
		assert.equal(parserView(atBudget), atBudget);
	});

	test('a long run of blank lines is shown as two, with every offset kept (LF, CRLF, CR)', () => {
		for (const br of ['\n', '\r\n', '\r']) {
			const text = `a${br}${` \t${br}`.repeat(100)}b${br}`;
			const view = parserView(text);
			assert.equal(view.length, text.length, JSON.stringify(br));
			assert.equal(view.indexOf('b'), text.indexOf('b'));
			assert.equal(view.split(br).length - 1, 4, JSON.stringify(br));
			// At the budget (64 blank lines), the run is shown as it is.
			const short = `a${br}${br.repeat(64)}b`;
			assert.equal(parserView(short), short);
		}
	});

	test('stretches end where a scan over every blank line ends them, on drafts and on random white space', () => {
		// The reference: every run of blank lines in turn, the first ending 4096 or more characters after the stretch's start.
		const reference = (text: string): number[] => {
			const ends: number[] = [];
			const blank = /(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+/g;
			let from = 0;
			for (let m = blank.exec(text); m; m = blank.exec(text)) if (m.index + m[0].length - from >= 4096) ends.push(from = m.index + m[0].length);
			return ends;
		};
		const texts = projectFiles('test/drafts', /\.(md|txt)$/).map(f => fs.readFileSync(f, 'utf8'));
		let seed = 7;
		const random = (n: number): number => ((seed = (seed * 16807) % 2147483647) % n);
		const pieces = ['\n', '\r\n', '\r', ' ', '\t', 'a', 'word ', '\n\n', ' \t\n', '\u00a0', 'x'.repeat(300)];
		for (let k = 0; k < 300; k++) {
			let text = '';
			while (text.length < 20000) text += pieces[random(pieces.length)];
			texts.push(text);
		}
		texts.push(`${'x'.repeat(4095)}\n\n`, `${'x'.repeat(4094)}\n\n`, `${'x'.repeat(4000)}${'\n \t'.repeat(200)}y`);
		let crossings = 0;
		for (const text of texts) {
			const ends = stretchEnds(text);
			assert.deepEqual(ends, reference(text));
			crossings += ends.length;
		}
		assert.ok(crossings > 300, `only ${crossings} stretch ends`);
	});
});
