/** Starts the bundled language server over node IPC for event-log exports and ADSync scripts. */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
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
