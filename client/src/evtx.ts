/**
 * Opening a binary .evtx: a custom editor takes the double-click and immediately replaces itself
 * with a read-only text view (scheme adsync-evtx) that the language server renders and annotates.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EvtxViewRequest } from '../../server/src/protocol';

export const EVTX_SCHEME = 'adsync-evtx';
/** The view's name ends in .adsynclog so VS Code gives it the ADSync Log language. */
const VIEW_SUFFIX = '.adsynclog';

export function evtxViewUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: EVTX_SCHEME, path: `${file.path}${VIEW_SUFFIX}` });
}

function fileOfView(view: vscode.Uri): vscode.Uri {
  return vscode.Uri.file(view.path.slice(0, -VIEW_SUFFIX.length));
}

class EvtxEditor implements vscode.CustomReadonlyEditorProvider {
  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.html = '<!DOCTYPE html><html><body><p>ADSync Doctor is reading the event log…</p></body></html>';
    if (document.uri.scheme !== 'file') {
      panel.webview.html = '<!DOCTYPE html><html><body><p>ADSync Doctor can open .evtx files on disk only.</p></body></html>';
      return;
    }
    const view = await vscode.workspace.openTextDocument(evtxViewUri(document.uri));
    await vscode.window.showTextDocument(view, { viewColumn: panel.viewColumn, preview: false });
    panel.dispose();
  }
}

export function registerEvtx(context: vscode.ExtensionContext, client: LanguageClient): void {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      try {
        return (await client.sendRequest(EvtxViewRequest.type, { path: fileOfView(uri).fsPath })).text;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(`ADSync Doctor: ${reason}`);
        return `<!-- ADSync Doctor could not open this file: ${reason.replace(/--/g, '- -')} -->\n`;
      }
    },
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EVTX_SCHEME, provider),
    vscode.window.registerCustomEditorProvider('adsyncDoctor.evtx', new EvtxEditor(), { supportsMultipleEditorsPerDocument: true }),
  );
}
