/** "ADSync: Export Findings Report": the open logs' findings as Markdown or HTML, saved where the user says. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest } from '../../server/src/protocol';

export async function exportReport(client: LanguageClient, format?: 'markdown' | 'html', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const chosen = format ?? (await vscode.window.showQuickPick(
    [{ label: 'Markdown', description: 'for a ticket or a wiki', format: 'markdown' as const }, { label: 'HTML', description: 'a standalone page', format: 'html' as const }],
    { title: 'ADSync Doctor: export findings report' },
  ))?.format;
  if (!chosen) return undefined;
  const { content, logCount } = await client.sendRequest(ReportRequest.type, { format: chosen });
  if (logCount === 0) {
    void vscode.window.showWarningMessage('ADSync Doctor: open an exported event log first; there is nothing to report.');
    return undefined;
  }
  const extension = chosen === 'html' ? 'html' : 'md';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = target ?? (await vscode.window.showSaveDialog({
    title: 'Save the findings report',
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `adsync-doctor-report.${extension}`) } : {}),
    filters: chosen === 'html' ? { HTML: ['html'] } : { Markdown: ['md'] },
  }));
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  if (chosen === 'markdown') await vscode.window.showTextDocument(uri, { preview: false });
  else void vscode.window.showInformationMessage(`ADSync Doctor: report saved to ${vscode.workspace.asRelativePath(uri)}.`);
  return uri;
}
