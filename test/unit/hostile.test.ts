import * as assert from 'node:assert/strict';
import { lint, type LintResult } from '../../server/src/core';
import { MAX_PARSED_LINES, MAX_WINDOW_LINES, observeParser } from '../../server/src/core/markdown';
import { HOSTILE_FAMILIES } from '../hostile';

const LINE_BREAK = /\r\n?|\n/g;
const lineBreaks = (text: string): number => text.match(LINE_BREAK)?.length ?? 0;
/** A line break with blank lines after it: a run the parser may see as two blank lines. */
const BLANK_RUN = /(?:\r\n?|\n)(?:[ \t]*(?:\r\n?|\n))+/g;

/** Lint `text`, counting the characters and line breaks the Markdown parser is given (its work, not its time). */
function lintCounting(text: string): { result: LintResult; chars: number; lines: number; largest: number } {
	let chars = 0, lines = 0, largest = 0;
	observeParser(read => {
		chars += read.length;
		const n = lineBreaks(read);
		lines += n;
		largest = Math.max(largest, n);
	});
	try {
		return { result: lint(text), chars, lines, largest };
	} finally {
		observeParser(undefined);
	}
}

/**
 * Hostile but valid drafts (issue 9) are linted: no exception, no hang. 200 KB each, large enough that a quadratic
 * scan or a superlinear parse would blow the timeout; `npm run bench:hostile` prints the growth up to 5 MB.
 */
suite('hostile drafts', () => {
	for (const family of HOSTILE_FAMILIES) {
		test(family.name, function () {
			this.timeout(30_000);
			const text = family.build(200_000);
			const { result, ...reads } = lintCounting(text);
			assert.equal(result.coverage.length, 21);
			assert.ok(result.findings.every(f => f.span.start >= 0 && f.span.end <= text.length));
			// The parser's work: windows that cannot be cut are read again, but each character and each line (a run of
			// blank lines counted as two) at most four times.
			assert.ok(reads.chars <= 4 * text.length, `the parser read ${reads.chars} characters of ${text.length}`);
			const lines = lineBreaks(text.replace(BLANK_RUN, '\n\n\n'));
			assert.ok(reads.lines <= 4 * (lines + 1), `the parser read ${reads.lines} line breaks for ${lines} lines`);
			// micromark's cost grows with the square of a window's lines in a container, and it spends microseconds on
			// each line however short: no window holds more than its budget, no draft more than the parser's budget.
			assert.ok(reads.largest <= MAX_WINDOW_LINES, `a window of ${reads.largest} lines`);
			assert.ok(reads.lines < MAX_PARSED_LINES + MAX_WINDOW_LINES, `the parser read ${reads.lines} lines`);
		});
	}

	test('the parser reads no more per character of a larger draft: long lines, long runs of blank lines', function () {
		this.timeout(30_000);
		// A window that ends in a long line once grew without growing (read again once per doubling: a logarithmic
		// factor), and micromark spends microseconds per blank line (a run of 2.5 MB of them took most of 49 s).
		for (const name of ['suppression comments above blank lines', 'clause heading, spaces before U+2028']) {
			const family = HOSTILE_FAMILIES.find(f => f.name === name)!;
			const [small, large] = [100_000, 400_000].map(size => family.build(size));
			const [a, b] = [small, large].map(lintCounting);
			assert.ok(b.chars / large.length <= 1.05 * (a.chars / small.length), `${name}: ${a.chars} characters read at ${small.length}, ${b.chars} at ${large.length}`);
			assert.ok(b.lines <= a.lines + 8, `${name}: ${a.lines} line breaks read at ${small.length}, ${b.lines} at ${large.length}`);
		}
	});
});
