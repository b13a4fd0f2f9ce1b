/**
 * A CSV record tokenizer (RFC 4180, read leniently) shared by the CSV-shaped readers.
 *
 * It only splits text into records and fields; it knows nothing about headers or events.
 * Every step moves forward through the text, so it stays linear however the quotes fall,
 * and it never throws: an unterminated quote simply runs to the end of the text.
 *
 * A big export has millions of fields, and readers use only a few of them: so the tokenizer keeps
 * the offsets of the current record's fields in arrays it reuses, and makes a string only for a
 * value a reader asks for. It also counts line breaks as it goes, so positions in the current record
 * cost no search.
 */

import type { Position, Range } from '../model';
import { LineBreaks, rangeBetween } from './text';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

/** How a field is written, which says how to get its value from the raw text. */
const enum Shape {
  /** Unquoted: the value is the raw text. */
  Bare,
  /** `"..."` with no quote inside and nothing after: the value is the text between the quotes. */
  Quoted,
  /** Doubled quotes, characters after the closing quote, or no closing quote: the value is rebuilt. */
  Escaped,
}

/**
 * Reads the records of `text` from offset `start` (default 0), one `next()` at a time.
 *
 * - Fields are split by `delimiter` (default `,`; one character). Records end at LF or CRLF; a lone CR
 *   stays inside the field, though positions count it as a line end, as the editor does.
 * - A field that begins with `"` is quoted: it may hold delimiters, CR/LF and tabs, and `""` stands for
 *   one quote. Characters between a closing quote and the next delimiter or line break are kept
 *   verbatim in the value (real exports do not write them; damaged ones do).
 * - An unterminated quoted field takes the rest of the text.
 * - A BOM (U+FEFF) at `start` is skipped: it belongs to no field.
 * - An empty line is a record with one empty field; the line break after the last record does not
 *   make an extra record.
 */
export class CsvRecords {
  /** Offset of the current record in the text. */
  start = 0;
  /** Offset just after the current record (the line break that ends it excluded). */
  end = 0;
  /** How many fields the current record has. */
  count = 0;
  /** Offset of each field in the text (its opening quote included); valid below `count`. */
  readonly fieldStart: number[] = [];
  /** Offset just after each field (its closing quote included); valid below `count`. */
  readonly fieldEnd: number[] = [];
  /** The CRs findCrs found. */
  readonly crs: number[] = [];
  private readonly shape: Shape[] = [];
  private readonly delim: number;
  private readonly delimText: string;
  /** The first delimiter at or after the last bare field's start (the text's length when none; -1 before any). */
  private nextDelim = -1;
  /**
   * The first LF at or after the last bare field's start, when nextBreak is not that LF: before the
   * field, or a lone CR (-1 before any).
   */
  private laterBreak = -1;
  private pos: number;
  /** Line and line start of the current record's start. */
  private line = 0;
  private lineStart = 0;
  /**
   * Offsets of the line ends (LFs and lone CRs, see LineBreaks) from the current record's start to the
   * next record's (the one ending it included).
   */
  private readonly breaks: number[] = [];
  private breakCount = 0;
  /** The first line end not yet in `breaks` (the text's length when there is none). */
  private nextBreak: number;
  private readonly lineBreaks: LineBreaks;

  constructor(
    readonly text: string,
    start = 0,
    delimiter = ',',
  ) {
    this.delim = delimiter.length > 0 ? delimiter.charCodeAt(0) : 0x2c;
    this.delimText = String.fromCharCode(this.delim);
    this.pos = Math.max(0, Math.min(start, text.length));
    if (this.pos < text.length && text.charCodeAt(this.pos) === BOM) this.pos++;
    this.lineBreaks = new LineBreaks(text);
    let br = this.lineBreaks.next(0);
    for (; br !== -1 && br < this.pos; br = this.lineBreaks.next(br + 1)) {
      this.line++;
      this.lineStart = br + 1;
    }
    this.nextBreak = br === -1 ? text.length : br;
  }

  /** Moves to the next record; false when the text has no more. */
  next(): boolean {
    const { text, delim } = this;
    const length = text.length;
    let pos = this.pos;
    if (pos >= length) return false;
    if (this.breakCount > 0) {
      this.line += this.breakCount;
      this.lineStart = this.breaks[this.breakCount - 1] + 1;
    }
    this.start = pos;
    let n = 0;
    for (;;) {
      this.fieldStart[n] = pos;
      if (text.charCodeAt(pos) === QUOTE) pos = this.readQuoted(pos, n);
      else {
        pos = this.bareEnd(pos);
        this.shape[n] = Shape.Bare;
      }
      this.fieldEnd[n] = pos;
      n++;
      if (pos >= length || text.charCodeAt(pos) !== delim) break;
      pos++;
    }
    this.count = n;
    this.end = pos;
    // Step over the line break (CRLF or LF) that ends the record.
    if (text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF) pos += 2;
    else if (text.charCodeAt(pos) === LF) pos += 1;
    this.pos = pos;
    // Each line end is found once, so this stays linear.
    this.breakCount = 0;
    while (this.nextBreak < pos) {
      this.breaks[this.breakCount++] = this.nextBreak;
      const br = this.lineBreaks.next(this.nextBreak + 1);
      this.nextBreak = br === -1 ? length : br;
    }
    return true;
  }

  /** The LSP position of `offset`, an offset in the current record. */
  position(offset: number): Position {
    let line = this.line;
    let lineStart = this.lineStart;
    for (let k = 0; k < this.breakCount && this.breaks[k] < offset; k++) {
      line++;
      lineStart = this.breaks[k] + 1;
    }
    return { line, character: offset - lineStart };
  }

  /** The range between two offsets of the current record. */
  range(start: number, end: number): Range {
    return rangeBetween(this.position(start), this.position(end));
  }

  /**
   * Finds the CRs of text[start, end), a span of the current record, into `crs`, and returns how many.
   * Every CR is a lone CR or a CRLF's, so they are read off the record's line ends, not searched for.
   */
  findCrs(start: number, end: number): number {
    const text = this.text;
    let n = 0;
    for (let k = 0; k < this.breakCount; k++) {
      // An LF's CR, if any, is just before it.
      const cr = text.charCodeAt(this.breaks[k]) === CR ? this.breaks[k] : this.breaks[k] - 1;
      if (cr >= end) break;
      if (cr >= start && text.charCodeAt(cr) === CR) this.crs[n++] = cr;
    }
    return n;
  }

  /** Where the current record's first line ends, before its line end. */
  firstLineEnd(): number {
    let end = this.breakCount > 0 ? this.breaks[0] : this.text.length;
    if (end > this.lineStart && this.text.charCodeAt(end - 1) === CR) end--;
    return end;
  }

  /** Field `i`'s value: surrounding quotes removed and doubled quotes undone; line breaks kept as written. */
  value(i: number): string {
    if (this.verbatim(i)) return this.text.slice(this.valueStart(i), this.valueEnd(i));
    return unescape(this.text, this.fieldStart[i], this.fieldEnd[i]);
  }

  /** Every value of the current record. */
  values(): string[] {
    const values: string[] = [];
    for (let i = 0; i < this.count; i++) values.push(this.value(i));
    return values;
  }

  /** `value(i).trim()`, without the copies when the value has no surrounding spaces. */
  trimmed(i: number): string {
    if (this.verbatim(i)) {
      const s = this.valueStart(i);
      const e = this.valueEnd(i);
      if (s === e) return '';
      // Printable ASCII at both ends cannot be trimmed; anything else is left to String.trim.
      if (isPrintableAscii(this.text.charCodeAt(s)) && isPrintableAscii(this.text.charCodeAt(e - 1))) return this.text.slice(s, e);
    }
    return this.value(i).trim();
  }

  /** Field `i` trimmed, or null when the record has no such field or it is blank. */
  cell(i: number): string | null {
    return i >= 0 && i < this.count ? this.trimmed(i) || null : null;
  }

  /**
   * True when cell(i) is the text from valueStart(i) to valueEnd(i), so it can be compared or read
   * where it stands: the field is verbatim, not empty, and has printable ASCII at both ends (nothing
   * to trim). False says only that this shortcut does not apply.
   */
  plain(i: number): boolean {
    if (i < 0 || i >= this.count || this.shape[i] === Shape.Escaped) return false;
    const s = this.valueStart(i);
    const e = this.valueEnd(i);
    return s < e && isPrintableAscii(this.text.charCodeAt(s)) && isPrintableAscii(this.text.charCodeAt(e - 1));
  }

  /**
   * True when field `i`'s value is the text from valueStart(i) to valueEnd(i) as written: unquoted, or
   * quoted without doubled quotes and with nothing after the closing quote.
   */
  verbatim(i: number): boolean {
    return this.shape[i] !== Shape.Escaped;
  }

  /** Where field `i`'s value starts: after the opening quote, if any. */
  valueStart(i: number): number {
    return this.shape[i] === Shape.Bare ? this.fieldStart[i] : this.fieldStart[i] + 1;
  }

  /** Where a verbatim field's value ends: before the closing quote, if any. */
  valueEnd(i: number): number {
    return this.shape[i] === Shape.Quoted ? this.fieldEnd[i] - 1 : this.fieldEnd[i];
  }

  /**
   * End of the unquoted stretch at `pos`: the next delimiter, or the next LF (its CR, if any), which
   * ever comes first. Both are searched for, not stepped to: the delimiter found is kept for the next
   * field, and the LF is usually the one that ends the record, found once already as nextBreak.
   */
  private bareEnd(pos: number): number {
    const text = this.text;
    if (this.nextDelim < pos) {
      const d = text.indexOf(this.delimText, pos);
      this.nextDelim = d === -1 ? text.length : d;
    }
    let lf = this.nextBreak;
    if (lf < pos || text.charCodeAt(lf) === CR) {
      // A quoted field of this record held line breaks, or a lone CR comes first (which does not end
      // the record): the LF is searched for (and kept, as the fields after this one search from it too).
      if (this.laterBreak < pos) {
        const found = text.indexOf('\n', pos);
        this.laterBreak = found === -1 ? text.length : found;
      }
      lf = this.laterBreak;
    }
    if (this.nextDelim < lf) return this.nextDelim;
    return lf > pos && lf < text.length && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
  }

  /** Scans the quoted field that starts at `pos`, notes its shape as field `n`, and returns its end. */
  private readQuoted(pos: number, n: number): number {
    const text = this.text;
    let shape = Shape.Quoted;
    let from = pos + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q === -1) {
        // Unterminated: the field takes the rest of the text.
        this.shape[n] = Shape.Escaped;
        return text.length;
      }
      if (text.charCodeAt(q + 1) === QUOTE) {
        shape = Shape.Escaped;
        from = q + 2;
        continue;
      }
      // Closing quote; any stray characters up to the delimiter or line break belong to the field.
      const end = bareEnd(text, q + 1, this.delim);
      this.shape[n] = end > q + 1 ? Shape.Escaped : shape;
      return end;
    }
  }
}

function isPrintableAscii(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}

/** End of an unquoted stretch: the next delimiter, LF or CRLF (or the end of the text). */
function bareEnd(text: string, pos: number, delim: number): number {
  const length = text.length;
  let i = pos;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === delim || c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) break;
    i++;
  }
  return i;
}

/** The value of the quoted field text[s, e): doubled quotes undone, stray characters after the closing quote kept. */
function unescape(text: string, s: number, e: number): string {
  const parts: string[] = [];
  let from = s + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q === -1 || q >= e) {
      // No closing quote: the field ran to the end of the text.
      parts.push(text.slice(from, e));
      return parts.join('');
    }
    parts.push(text.slice(from, q));
    if (text.charCodeAt(q + 1) === QUOTE) {
      parts.push('"');
      from = q + 2;
      continue;
    }
    parts.push(text.slice(q + 1, e));
    return parts.join('');
  }
}
