/** Node entry of the language server: the transport (--node-ipc, --stdio, --socket) comes from argv. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';

const connection = createConnection(ProposedFeatures.all);
// A bug in one request must not end the server: log it and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
startServer(connection);
