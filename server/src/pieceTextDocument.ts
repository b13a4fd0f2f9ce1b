/**
 * The language server's copy of an open document. Unlike vscode-languageserver-textdocument, whose
 * every edit rebuilds the whole string (a 100 MB copy per keystroke in a big log: bench/results.md,
 * "typing"), this one keeps the text as a few pieces and joins them only when the whole text is
 * read, which the debounced analysis does once after the typing stops.
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineBreaks, lineAt, type TextLines } from './service/formats/text';
import type { TextEdit } from './service';
import { runToEnd, type Steps } from './service/steps';

/** Neighbouring pieces shorter than this are joined, so typing in one place keeps three pieces. */
const SMALL_PIECE = 4096;
/** How much text countLines reads between two pauses. */
const COUNT_WINDOW = 1 << 20;
/** How many windows' line starts countLines copies into the whole list between two pauses (~9,000 lines each for a CSV log). */
const COPY_PARTS = 16;
/** Edits remembered for an incremental analysis; past this, the next analysis reads the whole text. */
const MAX_LOGGED_EDITS = 2000;

export class PieceTextDocument implements TextDocument, TextLines {
  private pieces: string[];
  private size: number;
  /**
   * Offsets where lines start (after \n, \r\n or a lone \r), computed when first needed; those of
   * lines from `shiftFrom` on are `shift` short (see startAt).
   */
  private lineStarts: number[] | undefined;
  /**
   * Typing moves the start of every later line. Moving them at each key cost 0.6 ms in the middle of
   * a 1,000,000-line log; kept as one shift of the lines from `shiftFrom` on, a key moves only the
   * lines between it and the last key (none when typing on in one line).
   */
  private shiftFrom = Infinity;
  private shift = 0;
  /** The edits made since version `editsFrom`, in order. */
  private edits: TextEdit[] = [];
  private editsFrom: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.pieces = [content];
    this.size = content.length;
    this.editsFrom = currentVersion;
  }

  /** The edits that turned version `version` into this one, or null when they are not known. */
  editsSince(version: number): readonly TextEdit[] | null {
    if (version < this.editsFrom || version > this.currentVersion) return null;
    return this.edits.filter((e) => e.version > version);
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  get length(): number {
    return this.size;
  }

  /** The document read by its own pieces and line starts (see TextLines): never joined for it. */
  textLines(): TextLines {
    return this;
  }

  lineStart(line: number): number {
    return this.startAt(Math.max(0, Math.min(line, this.lineCount - 1)));
  }

  lineEnd(line: number): number {
    const l = Math.max(0, Math.min(line, this.lineCount - 1));
    return this.beforeLineBreak(this.lineEndOffset(l), this.startAt(l));
  }

  getText(range?: Range): string {
    if (range) {
      const [a, b] = [this.offsetAt(range.start), this.offsetAt(range.end)];
      return this.slice(Math.min(a, b), Math.max(a, b));
    }
    if (this.pieces.length > 1) this.pieces = [this.pieces.join('')];
    return this.pieces[0];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.size));
    const line = this.lineOf(o);
    const start = this.startAt(line);
    return { line, character: this.beforeLineBreak(o, start) - start };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.size;
    if (position.line < 0) return 0;
    const start = this.startAt(position.line);
    if (position.character <= 0) return start;
    return this.beforeLineBreak(Math.min(start + position.character, this.lineEndOffset(position.line)), start);
  }

  getLineRange(line: number): Range {
    const count = this.lineCount;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const n = Math.min(line, count - 1);
    const start = this.startAt(n);
    const end = line >= count ? this.size : this.beforeLineBreak(this.lineEndOffset(n), start);
    return { start: { line: n, character: 0 }, end: { line: n, character: end - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    const next = this.lineEndOffset(line);
    return this.slice(this.beforeLineBreak(next, this.startAt(line)), next);
  }

  /** Where the next line starts (the text's end for the last line). */
  private lineEndOffset(line: number): number {
    return line + 1 < this.lineCount ? this.startAt(line + 1) : this.size;
  }

  /** Where `line` starts (0 <= line < lineCount). */
  private startAt(line: number): number {
    const start = this.starts()[line];
    return line >= this.shiftFrom ? start + this.shift : start;
  }

  /** The line holding `offset`. */
  private lineOf(offset: number): number {
    return lineAt(this.starts(), offset, this.shiftFrom, this.shift);
  }

  /** Adds `by` to the starts of lines [from, to). */
  private move(from: number, to: number, by: number): void {
    const starts = this.lineStarts!;
    const end = Math.min(to, starts.length);
    if (by !== 0) for (let k = from; k < end; k++) starts[k] += by;
  }

  /** Line starts counted afresh (or not yet: undefined), with no shift. */
  private setLineStarts(starts: number[] | undefined): void {
    this.lineStarts = starts;
    this.shiftFrom = Infinity;
    this.shift = 0;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const { range, text } = change;
        const [from, to] = after(range.start, range.end) ? [range.end, range.start] : [range.start, range.end];
        const start = this.offsetAt(from);
        const end = this.offsetAt(to);
        this.logEdit({ version, range: { start: from, end: to }, text, removed: end - start <= SMALL_PIECE ? this.slice(start, end) : null });
        this.replace(from, to, start, end, text);
      } else {
        this.pieces = [change.text];
        this.size = change.text.length;
        this.setLineStarts(undefined);
        this.edits = [];
        this.editsFrom = version;
      }
    }
    this.currentVersion = version;
  }

  /** Remembers an edit for an incremental analysis; what it replaced is kept only when small, as only small edits are analysed that way. */
  private logEdit(edit: TextEdit): void {
    if (this.edits.length >= MAX_LOGGED_EDITS) {
      this.edits = [];
      this.editsFrom = edit.version;
      return;
    }
    this.edits.push(edit);
  }

  /** Replaces [start, end) (the offsets of positions `from` and `to`) by `text`, keeping line starts when it can. */
  private replace(from: Position, to: Position, start: number, end: number, text: string): void {
    this.splice(start, end, text);
    const starts = this.lineStarts;
    if (!starts) return;
    // A \r\n pair made or split at an edge of the edit: count the lines again when next asked.
    if ((this.charCodeAt(start - 1) === 13 && this.charCodeAt(start) === 10) || (this.charCodeAt(start + text.length - 1) === 13 && this.charCodeAt(start + text.length) === 10)) {
      this.setLineStarts(undefined);
      return;
    }
    const startLine = Math.max(0, Math.min(from.line, starts.length - 1));
    const endLine = Math.max(startLine, Math.min(to.line, starts.length - 1));
    const added = lineStartsOf(text, start);
    const shift = text.length - (end - start);
    // Lines from `next` on keep their text and move by `shift`.
    const next = startLine + 1 + added.length;
    if (added.length === endLine - startLine) {
      // Typing within a line (the usual case): the same number of lines. The shift is moved to start
      // at `next`, which makes right the starts between the two (none when typing on in one line).
      if (this.shiftFrom < next) this.move(this.shiftFrom, next, this.shift);
      else this.move(next, this.shiftFrom, -this.shift);
      for (let k = 0; k < added.length; k++) starts[startLine + 1 + k] = added[k];
      this.shiftFrom = next;
    } else {
      // Lines added or removed: every start is made right, then the lines after move as one.
      this.move(this.shiftFrom, starts.length, this.shift);
      const tail = starts.splice(endLine + 1);
      starts.length = startLine + 1;
      for (const s of added) starts.push(s);
      for (const s of tail) starts.push(s);
      this.shiftFrom = next;
      this.shift = 0;
    }
    this.shift += shift;
  }

  /** Replaces [start, end) by `text` among the pieces. */
  private splice(start: number, end: number, text: string): void {
    const pieces = this.pieces;
    let i = 0;
    let at = 0;
    // The piece holding `start` (at a boundary, the earlier piece, so typing extends it).
    while (i < pieces.length - 1 && at + pieces[i].length < start) at += pieces[i++].length;
    let j = i;
    let jAt = at;
    while (j < pieces.length - 1 && jAt + pieces[j].length < end) jAt += pieces[j++].length;
    const parts = [pieces[i].slice(0, start - at), text, pieces[j].slice(end - jAt)].filter((p) => p.length > 0);
    const merged: string[] = [];
    for (const p of parts) {
      const last = merged.length - 1;
      if (last >= 0 && merged[last].length < SMALL_PIECE && p.length < SMALL_PIECE) merged[last] += p;
      else merged.push(p);
    }
    pieces.splice(i, j - i + 1, ...merged);
    if (pieces.length === 0) pieces.push('');
    this.size += text.length - (end - start);
  }

  /** The text from `start` to `end`, taken from the pieces that hold it. */
  slice(start: number, end: number): string {
    let out = '';
    let at = 0;
    for (const p of this.pieces) {
      if (at >= end) break;
      if (at + p.length > start) out += p.slice(Math.max(0, start - at), end - at);
      at += p.length;
    }
    return out;
  }

  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.size) return NaN;
    let at = 0;
    for (const p of this.pieces) {
      if (offset < at + p.length) return p.charCodeAt(offset - at);
      at += p.length;
    }
    return NaN;
  }

  /** An offset inside a line break moves back to the end of the line's text, as LSP positions do. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    let o = offset;
    while (o > lineStart && isLineBreak(this.charCodeAt(o - 1))) o--;
    return o;
  }

  private starts(): number[] {
    if (!this.lineStarts) runToEnd(this.countLines());
    return this.lineStarts!;
  }

  /**
   * Finds where lines start, a megabyte at a time with a pause after each, so that the language
   * server can do it between requests rather than on a huge document's first keystroke.
   */
  *countLines(): Steps<void> {
    const version = this.currentVersion;
    // Each window's starts are kept apart, then copied into one array made at its length, a few windows
    // at a time: pushed as they came into one array, which grows to a million numbers for a big log, they
    // were copied whole at each growth, 3-7 ms in one step.
    const parts: number[][] = [[0]];
    let count = 1;
    let at = 0;
    for (const p of this.pieces) {
      for (let from = 0; from < p.length; ) {
        if (this.lineStarts || this.currentVersion !== version) return;
        let to = Math.min(p.length, from + COUNT_WINDOW);
        // A window never ends between the \r and \n of a pair.
        if (to < p.length && p.charCodeAt(to - 1) === 13) to++;
        const part = lineStartsOf(p.slice(from, to), at + from);
        parts.push(part);
        count += part.length;
        from = to;
        yield;
      }
      at += p.length;
    }
    const starts = new Array<number>(count);
    for (let k = 0, i = 0; i < parts.length; i++) {
      if (i % COPY_PARTS === 0) {
        yield;
        if (this.lineStarts || this.currentVersion !== version) return;
      }
      const part = parts[i];
      for (let j = 0; j < part.length; j++) starts[k++] = part[j];
    }
    // A \r\n split across two pieces was counted twice.
    this.setLineStarts(this.pieces.length === 1 ? starts : starts.filter((s, k) => k === 0 || !(this.charCodeAt(s - 1) === 13 && this.charCodeAt(s) === 10)));
  }
}

function after(a: Position, b: Position): boolean {
  return a.line > b.line || (a.line === b.line && a.character > b.character);
}

function isLineBreak(code: number): boolean {
  return code === 13 || code === 10;
}

/** Where lines start inside `text`, as offsets from `base`: after each line end the readers count too. */
function lineStartsOf(text: string, base: number): number[] {
  const starts: number[] = [];
  const breaks = new LineBreaks(text);
  for (let end = breaks.next(0); end !== -1; end = breaks.next(end + 1)) starts.push(base + end + 1);
  return starts;
}
