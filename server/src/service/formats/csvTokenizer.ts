/**
 * A CSV record tokenizer (RFC 4180, read leniently) shared by the CSV-shaped readers.
 *
 * It only splits text into records and fields; it knows nothing about headers or events.
 * Every step moves forward through the text, so it stays linear however the quotes fall,
 * and it never throws: an unterminated quote simply runs to the end of the text.
 */

/** One field of a record. */
export interface CsvField {
  /** The field's value: surrounding quotes removed and doubled quotes undone; line breaks kept as written. */
  value: string;
  /** Offset of the raw field in the text (its opening quote included). */
  start: number;
  /** Offset just after the raw field (its closing quote included). */
  end: number;
}

/** One record: its fields, and the raw extent in the text (the line break that ends it excluded). */
export interface CsvRecord {
  fields: CsvField[];
  start: number;
  end: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

/**
 * Yields the records of `text` from offset `start` (default 0).
 *
 * - Fields are split by `delimiter` (default `,`; one character). Records end at LF or CRLF; a lone CR
 *   stays inside the field, as it does not start a new line in the editor either.
 * - A field that begins with `"` is quoted: it may hold delimiters, CR/LF and tabs, and `""` stands for
 *   one quote. Characters between a closing quote and the next delimiter or line break are kept
 *   verbatim in the value (real exports do not write them; damaged ones do).
 * - An unterminated quoted field takes the rest of the text.
 * - A BOM (U+FEFF) at `start` is skipped: it belongs to no field.
 * - An empty line yields a record with one empty field; the line break after the last record does not
 *   yield an extra record.
 */
export function* csvRecords(text: string, start = 0, delimiter = ','): Generator<CsvRecord> {
  const delim = delimiter.length > 0 ? delimiter.charCodeAt(0) : 0x2c;
  const length = text.length;
  let pos = Math.max(0, Math.min(start, length));
  if (pos < length && text.charCodeAt(pos) === BOM) pos++;

  while (pos < length) {
    const recordStart = pos;
    const fields: CsvField[] = [];
    let atRecordEnd = false;
    while (!atRecordEnd) {
      const field = text.charCodeAt(pos) === QUOTE ? readQuoted(text, pos, delim) : readBare(text, pos, delim);
      fields.push({ value: field.value, start: pos, end: field.end });
      pos = field.end;
      const c = pos < length ? text.charCodeAt(pos) : -1;
      if (c === delim) {
        pos++;
        continue;
      }
      atRecordEnd = true;
    }
    const recordEnd = pos;
    // Step over the line break (CRLF or LF) that ends the record.
    if (pos < length && text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF) pos += 2;
    else if (pos < length && text.charCodeAt(pos) === LF) pos += 1;
    yield { fields, start: recordStart, end: recordEnd };
  }
}

interface Scanned {
  value: string;
  end: number;
}

/** An unquoted field: everything up to the delimiter or the line break. */
function readBare(text: string, pos: number, delim: number): Scanned {
  const end = bareEnd(text, pos, delim);
  return { value: text.slice(pos, end), end };
}

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

/** A quoted field starting at `pos` (which holds the opening quote). */
function readQuoted(text: string, pos: number, delim: number): Scanned {
  const parts: string[] = [];
  let from = pos + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q === -1) {
      // Unterminated: the field takes the rest of the text.
      parts.push(text.slice(from));
      return { value: parts.join(''), end: text.length };
    }
    parts.push(text.slice(from, q));
    if (text.charCodeAt(q + 1) === QUOTE) {
      parts.push('"');
      from = q + 2;
      continue;
    }
    // Closing quote; keep any stray characters up to the delimiter or line break.
    const end = bareEnd(text, q + 1, delim);
    if (end > q + 1) parts.push(text.slice(q + 1, end));
    return { value: parts.join(''), end };
  }
}
