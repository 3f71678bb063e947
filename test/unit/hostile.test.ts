import * as assert from 'node:assert/strict';
import { lint } from '../../server/src/core';
import { HOSTILE_FAMILIES } from '../hostile';

/**
 * Hostile but valid drafts (issue 9) are linted: no exception, no hang. 200 KB each, large enough that a quadratic
 * scan or a superlinear parse would blow the timeout; `npm run bench:hostile` prints the growth up to 5 MB.
 */
suite('hostile drafts', () => {
	for (const family of HOSTILE_FAMILIES) {
		test(family.name, function () {
			this.timeout(30_000);
			const text = family.build(200_000);
			const result = lint(text);
			assert.equal(result.coverage.length, 21);
			assert.ok(result.findings.every(f => f.span.start >= 0 && f.span.end <= text.length));
		});
	}
});
