import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot, sharedDir } from './helpers';

/** The accuracy bar of the issue, measured with the same script a reviewer runs (`npm run eval -- ../shared/eval`). */
suite('evaluation on the annotated seeds', () => {
	const run = spawnSync(process.execPath, [path.join(repoRoot, 'out', 'scripts', 'eval.js'), path.join(sharedDir, 'eval')], { encoding: 'utf8' });
	const out = run.stdout;
	const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? NaN);
	test('the script runs', () => assert.equal(run.status, 0, run.stderr));
	test('at least 95 % of requirement decisions agree', () => assert.ok(num(/accuracy (\d\.\d+)/) >= 0.95, out));
	test('precision and recall on violations at least 0.85', () => {
		assert.ok(num(/violations: precision (\d\.\d+)/) >= 0.85, out);
		assert.ok(num(/violations: precision \S+ recall (\d\.\d+)/) >= 0.85, out);
	});
	test('every annotated annex, period, placeholder and cross-reference finding is reported', () => {
		const m = /findings recall: \S+ \((\d+)\/(\d+)\) on required kinds/.exec(out);
		assert.ok(m, out);
		assert.equal(m[1], m[2], out);
	});
	test('no trap is reported', () => assert.match(out, /traps reported: 0 of \d+/));
});
