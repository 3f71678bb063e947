import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
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

startServer(connection);
