/**
 * npm run bench:hostile: time the analysis of each family of hostile drafts (issue 9) at 10 KB, 100 KB, 1 MB and 5 MB.
 * A benchmark, not a test: it prints a table whose last column is the growth of time per character from the
 * second-largest to the largest size (1.0 is linear; the smallest sizes are dominated by fixed costs), and asserts
 * nothing. HOSTILE_SIZES=10000,100000 picks other sizes.
 */
import { performance } from 'node:perf_hooks';
import { lint } from '../server/src/core';
import { HOSTILE_FAMILIES } from '../test/hostile';

const SIZES = (process.env.HOSTILE_SIZES ?? '10000,100000,1000000,5000000').split(',').map(Number);
const label = (n: number): string => (n >= 1e6 ? `${n / 1e6} MB` : `${n / 1e3} KB`);

function main(): void {
	lint(HOSTILE_FAMILIES[0].build(1000)); // warm-up: catalogue and regular expressions
	const [from, to] = SIZES.length > 1 ? [SIZES.length - 2, SIZES.length - 1] : [0, 0];
	process.stdout.write(`${'family'.padEnd(46)}${SIZES.map(s => label(s).padStart(10)).join('')}   growth (time per char, ${label(SIZES[to])} / ${label(SIZES[from])})\n`);
	for (const family of HOSTILE_FAMILIES) {
		const ms: number[] = [];
		for (const size of SIZES) {
			const text = family.build(size);
			const t = performance.now();
			lint(text);
			ms.push(performance.now() - t);
		}
		const growth = (ms[to] / SIZES[to]) / (ms[from] / SIZES[from]);
		process.stdout.write(`${family.name.padEnd(46)}${ms.map(m => `${m.toFixed(0)} ms`.padStart(10)).join('')}   ${growth.toFixed(2)}\n`);
	}
}

main();
