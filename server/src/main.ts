import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { fullCollection } from './collector';
import { startServer } from './server';

// The transport (--stdio, --node-ipc, --socket=PORT) comes from the command line.
const connection = createConnection(ProposedFeatures.all);
// stdout may be the protocol channel: everything the core or a library prints goes to the client's log instead.
console.log = connection.console.log.bind(connection.console);
console.info = connection.console.info.bind(connection.console);
console.warn = connection.console.warn.bind(connection.console);
console.error = connection.console.error.bind(connection.console);
process.on('unhandledRejection', e => connection.console.error(`dpa-lint: unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
process.on('uncaughtException', e => connection.console.error(`dpa-lint: uncaught exception: ${e.stack ?? e.message}`));

startServer(connection, { idle: compactWhenIdle() });

/**
 * After a burst of analyses (opening many drafts, a workspace lint) the heap holds much garbage, and V8 grows the heap
 * rather than collect it; a full collection once the server is idle returns that memory. Not while typing: only when
 * no analysis has run for a moment, and at most every few seconds.
 */
function compactWhenIdle(): (() => void) | undefined {
	const gc = fullCollection();
	if (!gc) return undefined;
	// Analyses since the last compaction: a few after typing make little garbage, a burst (opening many drafts) much.
	let timer: NodeJS.Timeout | undefined, last = -Infinity, runs = 0;
	return () => {
		runs++;
		clearTimeout(timer);
		timer = setTimeout(() => {
			if (runs < 10) return;
			runs = 0;
			last = Date.now();
			// The first collection frees the garbage, the second returns the emptied pages to the system.
			gc();
			gc();
		}, Math.max(200, last + 5000 - Date.now()));
		timer.unref();
	};
}
