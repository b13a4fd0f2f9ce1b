/**
 * Starts the bundled language server for event-log exports and ADSync scripts. Over stdio, because
 * there the server sends a big log's outline and findings tree as bytes it encoded in steps beforehand.
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

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
  };
  return new LanguageClient('adsyncDoctor', 'ADSync Doctor', serverOptions, clientOptions);
}
