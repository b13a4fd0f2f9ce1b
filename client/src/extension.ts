/** Activation: start the language server, then the export detection and the commands. */
import type * as vscode from 'vscode';
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
  registerSidebar(context, client);
  registerStatusBar(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
