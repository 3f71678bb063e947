import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { batchFlags, SERVER_NODE_ARGS } from '../../server/src/engine';

suite('engine settings', () => {
	test('a batch sets them only on the V8 versions known to have them', () => {
		assert.deepEqual(batchFlags('9.4.146.26'), []);
		assert.deepEqual(batchFlags('14.1.146'), []);
		assert.deepEqual(batchFlags('x'), []);
		assert.deepEqual(batchFlags('11.3.244.8'), ['--interrupt-budget=540672']);
	});
	// In a child process: V8's settings hold for the whole process (this one runs the other tests).
	test('V8 accepts every setting: the server\'s on the command line, the batch\'s in the running process (it prints an error for one it does not know)', () => {
		const script = `require(${JSON.stringify(require.resolve('../../server/src/engine'))}).tuneEngine(); console.log(/a+b/.test('xaab') && /a+b/.test('aab'));`;
		const r = spawnSync(process.execPath, [...SERVER_NODE_ARGS, '-e', script], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		assert.equal(r.stdout, 'true\n');
		assert.equal(r.stderr, '');
	});
});
