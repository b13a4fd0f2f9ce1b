/** Every command of the extension, from one table: the code actions' helpers and the palette's "ADSync" commands. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, ScriptRequest } from '../../server/src/protocol';
import { analyzeLogFile } from './analyzeFile';
import { exportReport } from './exportReport';
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

/** Moves the cursor to the next (or previous) ADSync Doctor diagnostic of the active editor, wrapping around. */
function goToFinding(direction: 1 | -1): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const ranges = vscode.languages.getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'ADSync Doctor')
    .map((d) => d.range)
    .sort((a, b) => a.start.compareTo(b.start));
  if (ranges.length === 0) {
    void vscode.window.showInformationMessage('ADSync Doctor: no findings in this file.');
    return;
  }
  const here = editor.selection.active;
  const target = direction === 1
    ? ranges.find((r) => r.start.isAfter(here)) ?? ranges[0]
    : [...ranges].reverse().find((r) => r.start.isBefore(here)) ?? ranges[ranges.length - 1];
  editor.selection = new vscode.Selection(target.start, target.end);
  editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function collectLogsScript(client: LanguageClient): Promise<void> {
  const answer = await vscode.window.showInputBox({
    title: 'ADSync Doctor: collect the right log',
    prompt: 'How many days of events should the script export?',
    value: '7',
    validateInput: (v) => (/^\d{1,3}$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 366 ? null : 'A whole number of days from 1 to 366'),
  });
  if (answer === undefined) return;
  const { content } = await client.sendRequest(ScriptRequest.type, { id: 'collectLogs', args: { days: Number(answer) } });
  await openUntitledScript(content);
}

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
    'adsyncDoctor.nextFinding': () => goToFinding(1),
    'adsyncDoctor.previousFinding': () => goToFinding(-1),
    'adsyncDoctor.generateCollectLogsScript': () => collectLogsScript(client),
    'adsyncDoctor.exportReport': (format, target) => exportReport(client, format === 'markdown' || format === 'html' ? format : undefined, target instanceof vscode.Uri ? target : undefined),
    'adsyncDoctor.openSample': async () => {
      const sample = vscode.Uri.joinPath(context.extensionUri, 'samples', 'password-sync-failing.csv');
      await vscode.window.showTextDocument(sample, { preview: false });
    },
    'adsyncDoctor.openLog': async () => {
      const picked = await vscode.window.showOpenDialog({ title: 'Open an exported event log', canSelectMany: false, filters: { 'Event logs': ['evtx', 'csv', 'txt', 'xml', 'log'], 'All files': ['*'] } });
      if (picked?.[0]) await vscode.commands.executeCommand('vscode.open', picked[0]);
    },
    'adsyncDoctor.analyzeLogFile': (uri) => analyzeLogFile(client, uri instanceof vscode.Uri ? uri : undefined),
    ...Object.fromEntries(Object.entries(generators).map(([command, id]) => [command, async () => {
      const { content } = await client.sendRequest(ScriptRequest.type, { id });
      await openUntitledScript(content);
    }])),
  };
  for (const [id, handler] of Object.entries(table)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
}
