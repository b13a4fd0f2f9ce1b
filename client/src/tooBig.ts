/**
 * A log VS Code keeps from extensions: past 50 MB it hands them no document, so the editor shows the
 * text with no annotation at all and the user would not know why. When such a tab opens and its head
 * reads as an event export, offer to analyse the file from disk (Analyze Log File…).
 */
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SniffRequest } from '../../server/src/protocol';
import { analyzeLogFile } from './analyzeFile';
import { CANDIDATE } from './detectExports';
/** VS Code's limit, in characters; a file of fewer bytes cannot hold more characters. */
const EDITOR_LIMIT = 50 * 1024 * 1024;
const HEAD_BYTES = 16 * 1024;
/** Time for a document to reach extensions after its tab opens; one that does is annotated as usual. */
const SETTLE_MS = 3000;

/** The file's first bytes as text: UTF-16 by its byte order mark (Event Viewer's TXT), else UTF-8. */
async function head(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const bytes = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, HEAD_BYTES, 0);
    const got = bytes.subarray(0, bytesRead);
    if (got[0] === 0xff && got[1] === 0xfe) return new TextDecoder('utf-16le').decode(got);
    if (got[0] === 0xfe && got[1] === 0xff) return new TextDecoder('utf-16be').decode(got);
    return new TextDecoder('utf-8').decode(got);
  } finally {
    await handle.close();
  }
}

export function registerTooBigNotice(context: vscode.ExtensionContext, client: LanguageClient): void {
  const offered = new Set<string>();
  const consider = async (uri: vscode.Uri): Promise<void> => {
    const key = uri.toString();
    if (uri.scheme !== 'file' || !CANDIDATE.test(uri.path) || offered.has(key)) return;
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size <= EDITOR_LIMIT) return;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
    const { format } = await client.sendRequest(SniffRequest.type, { head: await head(uri.fsPath) });
    if (format === null || format === 'message-only' || offered.has(key)) return;
    offered.add(key);
    const choice = await vscode.window.showInformationMessage(
      `ADSync Doctor: ${path.basename(uri.fsPath)} (${Math.round(size / 1024 / 1024)} MB) is more than VS Code hands to extensions (50 MB), so the editor shows it without annotations. Analyze it from disk instead?`,
      'Analyze Log File',
    );
    if (choice === 'Analyze Log File') await analyzeLogFile(client, uri);
  };
  const safely = (uri: vscode.Uri) => void consider(uri).catch((e: unknown) => client.warn(`size check failed for ${uri.toString()}`, e));
  const textUri = (tab: vscode.Tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined);
  context.subscriptions.push(vscode.window.tabGroups.onDidChangeTabs((e) => e.opened.map(textUri).forEach((uri) => uri && safely(uri))));
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).map(textUri).forEach((uri) => uri && safely(uri));
}
