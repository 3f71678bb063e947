import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * V8's full garbage collection (`gc`), exposed for this process when first asked for; undefined where the engine
 * refuses. The server compacts with it when idle; the benchmark and the memory tests measure the heap after it.
 */
export function fullCollection(): (() => void) | undefined {
	try {
		v8.setFlagsFromString('--expose-gc');
		return vm.runInNewContext('gc') as () => void;
	} catch {
		return undefined;
	}
}
