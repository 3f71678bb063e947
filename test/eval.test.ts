import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot, sharedFile, sharedSuite } from './helpers';

/** The accuracy bar of the issue, measured with the same script a reviewer runs (`npm run eval -- DIR`). */
function evaluation(dir: () => string): void {
	let run: SpawnSyncReturns<string>;
	let out = '';
	suiteSetup(() => {
		run = spawnSync(process.execPath, [path.join(repoRoot, 'out', 'scripts', 'eval.js'), dir()], { encoding: 'utf8' });
		out = run.stdout;
	});
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
}

suite('evaluation on our own annotated drafts (test/drafts)', () => evaluation(() => path.join(repoRoot, 'test', 'drafts')));

sharedSuite('evaluation on the annotated seeds (../shared/eval)', () => evaluation(() => sharedFile('eval')));
