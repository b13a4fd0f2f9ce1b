/** Every command of the extension, from one table: the code actions' helpers and the palette's "ADSync" commands. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, ScriptRequest } from '../../server/src/protocol';
import type { ScriptId } from '../../server/src/service/generators';

async function openUntitledScript(content: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'powershell', content });
  await vscode.window.showTextDocument(doc);
}

const generators: Record<string, ScriptId> = {
  'adsyncDoctor.generateInitialSyncScript': 'initialSync',
  'adsyncDoctor.generateDeltaSyncScript': 'deltaSync',
  'adsyncDoctor.generateFullPasswordSyncScript': 'fullPasswordSync',
  'adsyncDoctor.generateCheckUserScript': 'checkUserPasswordSync',
  'adsyncDoctor.generateSchedulerScript': 'scheduler',
};

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const table: Record<string, (...args: unknown[]) => unknown> = {
    [Commands.openLink]: (url) => {
      // Only https links from the knowledge base reach here; anything else is refused, never opened.
      if (typeof url !== 'string' || !url.startsWith('https://')) return;
      return vscode.env.openExternal(vscode.Uri.parse(url, true));
    },
    [Commands.openScript]: (_title, content) => typeof content === 'string' && openUntitledScript(content),
    [Commands.copyScript]: async (content) => {
      if (typeof content !== 'string') return;
      await vscode.env.clipboard.writeText(content);
      void vscode.window.showInformationMessage('ADSync Doctor: script copied to the clipboard.');
    },
    [Commands.ignoreEvent]: async (eventId) => {
      if (typeof eventId !== 'number') return;
      const config = vscode.workspace.getConfiguration('adsyncDoctor');
      const current = config.get<number[]>('ignoredEventIds', []);
      if (current.includes(eventId)) return;
      const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await config.update('ignoredEventIds', [...current, eventId], target);
    },
    'adsyncDoctor.showFixes': () => vscode.commands.executeCommand('editor.action.quickFix'),
    ...Object.fromEntries(Object.entries(generators).map(([command, id]) => [command, async () => {
      const { content } = await client.sendRequest(ScriptRequest.type, { id });
      await openUntitledScript(content);
    }])),
  };
  for (const [id, handler] of Object.entries(table)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
}
