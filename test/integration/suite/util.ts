/** Helpers shared by the integration tests (they run inside a real extension host). */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'adsync-doctor.adsync-doctor';

/** The workspace folder the suite runs in (test/e2e/workspace, or its copy). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs a workspace folder (test/e2e/workspace)');
  return folder.uri;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

/** Activates ADSync Doctor and returns its extension object. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}

/** Opens a fixture in an editor and returns its document. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/**
 * Opens a log fixture and returns its document once it is adsync-log: a .txt or .xml opens as plain
 * text first and ADSync Doctor switches it after reading its head. A CI run once got no quick fix
 * when it asked in between.
 */
export async function openLog(name: string): Promise<vscode.TextDocument> {
  return waitForLanguage((await openFixture(name)).uri, 'adsync-log');
}

/** Resolves with the document's diagnostics once `ready` accepts them (or rejects after `timeoutMs`). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ready: (d: readonly vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = 20_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const now = vscode.languages.getDiagnostics(uri);
    if (ready(now)) {
      resolve(now);
      return;
    }
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostics for ${uri.toString()} within ${timeoutMs} ms (have ${vscode.languages.getDiagnostics(uri).length})`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = vscode.languages.getDiagnostics(uri);
      if (ready(d)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
}

/** The diagnostic's code as text (codes may come as `{ value, target }`). */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** The position of the first `needle` in the document, plus `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in ${doc.uri.toString()}`);
  return doc.positionAt(i + delta);
}

/** Plain text of hover contents of any kind. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  const parts: string[] = [];
  for (const h of hovers) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if (c instanceof vscode.MarkdownString) parts.push(c.value);
      else parts.push((c as { value: string }).value);
    }
  }
  return parts.join('\n');
}

/**
 * Resolves with the open document once its language is `languageId`. ADSync Doctor recognises an
 * export by its content after it opens (as plaintext, csv or xml) and then switches the language,
 * which closes and reopens the document: the document object changes.
 */
export async function waitForLanguage(uri: vscode.Uri, languageId: string, timeoutMs = 15_000): Promise<vscode.TextDocument> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
    if (doc?.languageId === languageId) return doc;
    if (Date.now() > end) throw new Error(`${uri.toString()} is '${doc?.languageId ?? 'not open'}', not '${languageId}', after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
