/**
 * When each open document's next analysis starts: at once for a document just opened (or settings
 * changed), after a pause in the typing for an edit, so that a burst of keys is analysed once.
 */
import type { TextDocuments } from 'vscode-languageserver';

/** How long the typing must pause before an edited document is analysed again. */
export const DEBOUNCE_MS = 200;

export class AnalysisSchedule {
  /** Per document, the version waiting to be analysed, when, and its timer. */
  private readonly waiting = new Map<string, { version: number; due: number; timer: NodeJS.Timeout }>();

  constructor(private readonly start: (uri: string) => void) {}

  /**
   * Starts `uri`'s analysis `delay` ms from now, in place of any waiting one; but a run of this same
   * version already due as soon stays as it is. TextDocuments announces an open twice, as an open and
   * then as a change of content: the change must not put the open's analysis off by the debounce.
   */
  after(uri: string, version: number, delay: number): void {
    const due = Date.now() + delay;
    const waiting = this.waiting.get(uri);
    if (waiting && waiting.version === version && waiting.due <= due) return;
    clearTimeout(waiting?.timer);
    const timer = setTimeout(() => {
      this.waiting.delete(uri);
      this.start(uri);
    }, delay);
    this.waiting.set(uri, { version, due, timer });
  }

  /** Analyses `documents` as they are opened and edited, and no more once they are closed. */
  follow<T extends { uri: string; version: number }>(documents: TextDocuments<T>): void {
    documents.onDidOpen((e) => this.after(e.document.uri, e.document.version, 0));
    documents.onDidChangeContent((e) => this.after(e.document.uri, e.document.version, DEBOUNCE_MS));
    documents.onDidClose((e) => this.cancel(e.document.uri));
  }

  /** Forgets `uri`'s waiting analysis, if any (the document was closed). */
  cancel(uri: string): void {
    clearTimeout(this.waiting.get(uri)?.timer);
    this.waiting.delete(uri);
  }
}
