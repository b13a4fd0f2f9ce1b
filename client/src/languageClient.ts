/**
 * Starts the bundled language server for event-log exports and ADSync scripts. Over stdio, because
 * there the server sends a big log's outline and findings tree as bytes it encoded in steps beforehand.
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'adsync-log' },
      { language: 'powershell' },
    ],
    synchronize: { configurationSection: 'adsyncDoctor' },
    errorHandler: {
      // When the server dies, writes still on their way fail with EPIPE before the closed pipe is seen,
      // and past three errors the library's own handler stops the client for good. Those errors are
      // let pass, so the close restarts the server (as often as the library allows).
      error: (error, message, count) => (/\bEPIPE\b/.test(error.message) ? { action: ErrorAction.Continue } : defaults.error(error, message, count)),
      closed: () => defaults.closed(),
    },
  };
  const client = new LanguageClient('adsyncDoctor', 'ADSync Doctor', serverOptions, clientOptions);
  const defaults = client.createDefaultErrorHandler();
  return client;
}
