import * as assert from 'node:assert/strict';
import { interpolate, isWhiteSpace } from '../../server/src/core/text';

suite('text helpers', () => {
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
