/** Node entry of the language server: the transport (--node-ipc, --stdio, --socket) comes from argv. */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader } from 'vscode-languageserver/node';
import { PreEncodedWriter } from '../preEncoded';
import { startServer } from '../server';

// Over stdio we bring the writer, so that answers encoded ahead of time (preEncoded.ts) are written
// out as they are, not encoded again; every other transport is the library's own.
const stdio = process.argv.includes('--stdio');
const connection = stdio
  ? createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new PreEncodedWriter(process.stdout))
  : createConnection(ProposedFeatures.all);
if (stdio) {
  // stdout carries the protocol: console output goes to the client's log, as the library does for its own --stdio.
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = console.info = console.debug = log;
  console.warn = console.error = (...args: unknown[]) => connection.console.error(format(...args));
  // Leave with the client, as the library's --stdio does: 0 after a shutdown request, else 1.
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  process.stdin.on('close', () => process.exit(shutdown ? 0 : 1));
}
// A bug in one request must not end the server: log it and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
startServer(connection);
