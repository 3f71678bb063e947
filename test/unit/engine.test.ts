import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { tuneEngine } from '../../server/src/engine';

suite('engine settings', () => {
	test('set only on the V8 versions known to have them', () => {
		assert.equal(tuneEngine('batch', '9.4.146.26'), false);
		assert.equal(tuneEngine('batch', '14.1.146'), false);
		assert.equal(tuneEngine('interactive', 'x'), false);
		const known = Number(process.versions.v8.split('.')[0]);
		assert.equal(tuneEngine('interactive'), known >= 10 && known <= 13);
	});
	test('V8 accepts every setting (it prints an error for one it does not know)', () => {
		const script = `require(${JSON.stringify(require.resolve('../../server/src/engine'))}).tuneEngine('batch'); console.log('tuned');`;
		const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
		assert.equal(r.status, 0);
		assert.equal(r.stdout, 'tuned\n');
		assert.equal(r.stderr, '');
	});
});
