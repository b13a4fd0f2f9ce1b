/** Activation: start the language server, then the export detection and the commands. */
import * as vscode from 'vscode';
import { FindingsChangedNotification } from '../../server/src/protocol';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerExportDetection } from './detectExports';
import { registerEvtx } from './evtx';
import { registerStatusBar } from './statusBar';
import { registerSidebar } from './tree/sidebar';
import { createLanguageClient } from './languageClient';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createLanguageClient(context);
  registerCommands(context, client);
  registerEvtx(context, client);
  await client.start();
  registerExportDetection(context, client);
  // vscode-languageclient keeps one handler per notification method: one listener fans it out.
  const findingsChanged = new vscode.EventEmitter<{ uri: string }>();
  context.subscriptions.push(findingsChanged, client.onNotification(FindingsChangedNotification.type, (p) => findingsChanged.fire(p)));
  registerSidebar(context, client, findingsChanged.event);
  registerStatusBar(context, client, findingsChanged.event);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
