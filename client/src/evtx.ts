/**
 * Opening a binary .evtx: a custom editor takes the double-click and immediately replaces itself
 * with a read-only text view (scheme adsync-evtx) that the language server renders and annotates.
 * A log whose view would be too long for an extension to see is analysed from disk instead.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EvtxViewRequest } from '../../server/src/protocol';
import { escapeHtml } from '../../server/src/service/report/escapeHtml';
import { analyzeLogFile } from './analyzeFile';

export const EVTX_SCHEME = 'adsync-evtx';
/** The view's name ends in .adsynclog so VS Code gives it the ADSync Log language. */
const VIEW_SUFFIX = '.adsynclog';
/**
 * VS Code hands no document longer than this (in characters) to extensions, so a longer view would
 * reach neither the language server nor us: opening one failed with "Assertion Failed: Argument is
 * `undefined` or `null`".
 */
const VIEW_MAX_LENGTH = 50 * 1024 * 1024;

export function evtxViewUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: EVTX_SCHEME, path: `${file.path}${VIEW_SUFFIX}` });
}

function fileOfView(view: vscode.Uri): vscode.Uri {
  return vscode.Uri.file(view.path.slice(0, -VIEW_SUFFIX.length));
}

const page = (text: string): string => `<!DOCTYPE html><html><body><p>${text}</p></body></html>`;


class EvtxEditor implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly client: LanguageClient,
    /** Views read by resolveCustomEditor, for the content provider to hand over once. */
    private readonly read: Map<string, string>,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.html = page('ADSync Doctor is reading the event log…');
    if (document.uri.scheme !== 'file') {
      panel.webview.html = page('ADSync Doctor can open .evtx files on disk only.');
      return;
    }
    const name = escapeHtml(path.basename(document.uri.fsPath));
    let view: { text: string; tooLong?: true };
    try {
      view = await this.client.sendRequest(EvtxViewRequest.type, { path: document.uri.fsPath, maxLength: VIEW_MAX_LENGTH });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      panel.webview.html = page(`ADSync Doctor could not read ${name}: ${escapeHtml(reason)}`);
      return;
    }
    if (view.tooLong) {
      panel.webview.html = page(
        `${name} is too big to show as text: one line per event would pass 50 MB, the most VS Code lets an extension see. ` +
          'ADSync Doctor reads it from disk instead; its findings go to the Findings view, and a report is offered when it is done.',
      );
      // Not awaited: VS Code shows the panel only once this returns, and the analysis ends in a question.
      void analyzeLogFile(this.client, document.uri);
      return;
    }
    const viewUri = evtxViewUri(document.uri);
    this.read.set(viewUri.toString(), view.text);
    const doc = await vscode.workspace.openTextDocument(viewUri);
    await vscode.window.showTextDocument(doc, { viewColumn: panel.viewColumn, preview: false });
    panel.dispose();
  }
}

export function registerEvtx(context: vscode.ExtensionContext, client: LanguageClient): void {
  const read = new Map<string, string>();
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const ready = read.get(uri.toString());
      if (ready !== undefined) {
        read.delete(uri.toString());
        return ready;
      }
      // Asked again (the view was closed and reopened, or reverted): read the file again.
      try {
        const view = await client.sendRequest(EvtxViewRequest.type, { path: fileOfView(uri).fsPath, maxLength: VIEW_MAX_LENGTH });
        return view.tooLong ? '<!-- ADSync Doctor: this log has grown too big to show as text; use ADSync: Analyze Log File… -->\n' : view.text;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(`ADSync Doctor: ${reason}`);
        return `<!-- ADSync Doctor could not open this file: ${reason.replace(/--/g, '- -')} -->\n`;
      }
    },
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EVTX_SCHEME, provider),
    vscode.window.registerCustomEditorProvider('adsyncDoctor.evtx', new EvtxEditor(client, read), { supportsMultipleEditorsPerDocument: true }),
  );
}
