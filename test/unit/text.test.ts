import * as assert from 'node:assert/strict';
import { isWhiteSpace } from '../../server/src/core/text';

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
});
