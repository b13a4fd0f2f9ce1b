/** "ADSync: Analyze Log File…": for logs too big for the editor (over 50 MB VS Code hands none to extensions). */
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { AnalyzeFileRequest } from '../../server/src/protocol';
import { counted } from '../../server/src/service/counts';

/** Tells apart the progress of analyses run at once. */
let analyses = 0;

export async function analyzeLogFile(client: LanguageClient, target?: vscode.Uri): Promise<void> {
  const picked = target ?? (await vscode.window.showOpenDialog({
    title: 'ADSync Doctor: analyze an exported event log',
    canSelectMany: false,
    filters: { 'Event logs': ['evtx', 'csv', 'txt', 'xml', 'log'], 'All files': ['*'] },
  }))?.[0];
  if (!picked) return;
  if (picked.scheme !== 'file') {
    void vscode.window.showErrorMessage('ADSync Doctor: only files on disk can be analysed this way.');
    return;
  }
  // Cancellable: a log of a gigabyte takes tens of seconds, and the wrong file may have been picked.
  let stopped = false;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `ADSync Doctor: analysing ${vscode.workspace.asRelativePath(picked)}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => (stopped = true));
      // The server says how far the analysis has come (and how much of the file it has read); the bar moves by the difference.
      const workDoneToken = `adsync-analyze-${++analyses}`;
      let shown = 0;
      const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind !== 'report' || value.percentage === undefined) return;
        progress.report({ message: value.message, increment: value.percentage - shown });
        shown = value.percentage;
      });
      try {
        return await client.sendRequest(AnalyzeFileRequest.type, { path: picked.fsPath, uri: picked.toString(), workDoneToken }, token);
      } finally {
        listening.dispose();
      }
    },
  ).then(undefined, (error: unknown) => {
    // Stopped by the user, who needs no message saying so.
    if (!stopped) void vscode.window.showErrorMessage(`ADSync Doctor: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  if (!result) return;
  // The findings are in the sidebar now; the report is offered for the ticket.
  await vscode.commands.executeCommand('adsyncDoctor.findings.focus');
  const open = await vscode.window.showInformationMessage(
    `ADSync Doctor: ${counted(result.eventCount, 'event')} read, ${counted(result.findingCount, 'finding')} — listed in the Findings view.`,
    'Open Report',
  );
  if (open !== 'Open Report') return;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  await vscode.window.showTextDocument(doc, { preview: false });
}
