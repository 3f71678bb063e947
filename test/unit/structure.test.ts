import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { letterItems } from '../../server/src/core/checks/structure';
import { parseDocument } from '../../server/src/core/document';
import { projectFiles } from '../helpers';

suite('lettered list items', () => {
	test('tried at line starts, they are what a scan of the whole draft finds, on the drafts and on random lines', () => {
		const whole = /^[ \t]*(?:[-*·•][ \t]*)?(\(?)([a-z])([).])(?=[ \t]|$)/gm;
		const texts = projectFiles('test/drafts', /\.(md|txt)$/).map(f => fs.readFileSync(f, 'utf8'));
		let seed = 3;
		const random = (n: number): number => (seed = (seed * 16807) % 2147483647) % n;
		const pieces = ['\n', '\r\n', '\r', ' ', '\t', 'a)', '(b) ', 'c.', ' d) ', '- e) ', '• f. x', '·g)', 'z)', 'A) ', '(x', 'word ', '\u2028h) ', '1. '];
		for (let k = 0; k < 400; k++) {
			let text = '';
			// A line separator (U+2028) in one text in eight: the pattern's "^" starts a line after it too.
			const from = k % 8 ? pieces.filter(p => !p.includes('\u2028')) : pieces;
			while (text.length < 600) text += from[random(from.length)];
			texts.push(text);
		}
		let items = 0;
		for (const text of texts) {
			const expected = [...text.matchAll(whole)].map(m => [m.index, ...m]);
			const found = letterItems(parseDocument(text)).map(m => [m.index, ...m]);
			assert.deepEqual(found, expected, JSON.stringify(text.slice(0, 200)));
			items += found.length;
		}
		assert.ok(items > 2000, `only ${items} items`);
	});
});
