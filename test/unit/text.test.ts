import * as assert from 'node:assert/strict';
import { firstLine } from '../../server/src/core/blocks';
import { interpolate, isWhiteSpace, matchesOf } from '../../server/src/core/text';

suite('text helpers', () => {
	test('matchesOf finds what matchAll finds, also empty matches and letters beyond U+FFFF, and leaves the pattern at 0', () => {
		const text = 'Anlage 1, Anhang 2 und 𝐀nnex 3; ß-Ü.';
		for (const re of [/\d+/g, /\b/gu, /(?:)/gu, /(?:)/g, /[\p{L}]*/gu, /an(\w+)\s+(\d)/gi, /x*/g]) {
			const expected = [...text.matchAll(re)].map(m => [m.index, ...m]);
			re.lastIndex = 5;
			assert.deepEqual(matchesOf(re, text).map(m => [m.index, ...m]), expected, String(re));
			assert.equal(re.lastIndex, 0, String(re));
		}
		assert.throws(() => matchesOf(/\d/, text), /global/);
	});
	test('white space by character code is what \\s and trim see, for every UTF-16 code unit', () => {
		let white = 0;
		for (let c = 0; c <= 0xffff; c++) {
			const ch = String.fromCharCode(c);
			assert.equal(isWhiteSpace(c), /\s/.test(ch), `U+${c.toString(16).padStart(4, '0')}`);
			assert.equal(isWhiteSpace(c), ch.trim() === '', `U+${c.toString(16).padStart(4, '0')} trimmed`);
			if (isWhiteSpace(c)) white++;
		}
		assert.equal(white, 25);
	});

	test('firstLine is the line from an offset up to the first line break, as LSP counts them', () => {
		for (const text of ['', 'one line', 'a\nb', 'a\r\nb', 'a\rb', 'a\rb\nc', 'a\nb\rc', '\n', '\r\n\r', 'x\u2028y\nz']) {
			for (let from = 0; from <= text.length; from++) assert.equal(firstLine(text, from), text.slice(from).split(/\r\n?|\n/)[0], JSON.stringify([text, from]));
		}
	});
	test('interpolate fills the placeholders it has values for, keeps the others, and takes values literally', () => {
		const template = 'Frist „{period}“ widerspricht „{other}“ in Zeile {line}.';
		assert.equal(interpolate(template, { period: '14 Tage', other: '30 Tage', line: 67 }), 'Frist „14 Tage“ widerspricht „30 Tage“ in Zeile 67.');
		// The same template again, with other values (templates are split once and kept).
		assert.equal(interpolate(template, { period: '$& and $1', other: '{line}', line: 0 }), 'Frist „$& and $1“ widerspricht „{line}“ in Zeile 0.');
		assert.equal(interpolate(template, { period: 'x' }), 'Frist „x“ widerspricht „{other}“ in Zeile {line}.');
		assert.equal(interpolate('{a}{b}', { a: 1, b: 2 }), '12');
		assert.equal(interpolate('no placeholder {} { x }', { x: 1 }), 'no placeholder {} { x }');
	});
});
