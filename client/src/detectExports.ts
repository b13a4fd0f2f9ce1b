/**
 * Switches an opened .csv/.txt/.xml/.log to the adsync-log language when the server recognises its
 * content as an event export. The name alone decides nothing: a CSV of something else stays CSV.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SniffRequest } from '../../server/src/protocol';

const CANDIDATE = /\.(csv|txt|xml|log)$/i;
const HEAD_CHARS = 8192;

export function registerExportDetection(context: vscode.ExtensionContext, client: LanguageClient): void {
  const consider = async (doc: vscode.TextDocument): Promise<void> => {
    if (doc.languageId === 'adsync-log' || !CANDIDATE.test(doc.fileName)) return;
    if (!vscode.workspace.getConfiguration('adsyncDoctor', doc.uri).get<boolean>('detectExports', true)) return;
    const head = doc.getText(new vscode.Range(0, 0, doc.positionAt(HEAD_CHARS).line + 1, 0)).slice(0, HEAD_CHARS);
    const { format } = await client.sendRequest(SniffRequest.type, { head });
    // A text that merely mentions a password-sync message is not switched; only structured exports are.
    if (format !== null && format !== 'message-only' && !doc.isClosed) await vscode.languages.setTextDocumentLanguage(doc, 'adsync-log');
  };
  const safely = (doc: vscode.TextDocument) => consider(doc).catch((e: unknown) => client.warn(`export detection failed for ${doc.uri.toString()}`, e));
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(safely));
  vscode.workspace.textDocuments.forEach(safely);
}
