/**
 * Event Viewer "Save As" tables: CSV and tab-delimited TXT share one layout — Level (Keywords in the
 * Security log), Date and Time, Source, Event ID, Task Category — and an unnamed sixth column holding
 * the description. Headers may be localized, so unknown header names fall back to those positions.
 */
import type { EventLevel, FormatId, LogEvent, ReadError } from '../model';
import { CsvRecords } from './csvTokenizer';
import { parseLooseDate } from './dates';
import { defineReader, filtered, type EventFilter, type FormatReader, type ReadSteps } from './reader';
import { STEP } from '../steps';

/** How many distinct texts of a column are kept to be shared (see Recent). */
const RECENT = 16;

type Column = 'level' | 'time' | 'source' | 'id' | 'task' | 'description';
const positional: Column[] = ['level', 'time', 'source', 'id', 'task', 'description'];

const headerNames: Record<string, Column> = {
  level: 'level', keywords: 'level', 'date and time': 'time', source: 'source', 'event id': 'id',
  'task category': 'task', description: 'description',
};

const levelNames: Record<string, EventLevel> = {
  information: 'information', informational: 'information', informationen: 'information',
  warning: 'warning', warnung: 'warning', avertissement: 'warning', advertencia: 'warning',
  error: 'error', fehler: 'error', erreur: 'error',
  critical: 'critical', kritisch: 'critical', critique: 'critical', crítico: 'critical',
  verbose: 'verbose', ausführlich: 'verbose', détails: 'verbose',
  'audit success': 'audit-success', 'audit failure': 'audit-failure',
};

export function levelFromText(text: string): EventLevel {
  return levelNames[text.trim().toLowerCase()] ?? 'unknown';
}

/** Column positions from the header row, or null when it is not recognisably a header. */
function columnsFromHeader(values: string[]): Column[] | null {
  const mapped = values.map((v) => headerNames[v.trim().toLowerCase()]);
  const known = mapped.filter((c) => c !== undefined).length;
  if (known >= 3) {
    const columns = mapped.map((c, i) => c ?? positional[i] ?? 'task');
    if (!columns.includes('description')) columns.push('description');
    return columns;
  }
  // A localized header: five non-numeric names in Event Viewer's fixed order.
  if (values.length === 5 && values.every((v) => v.trim() !== '' && !/^\d+$/.test(v.trim()))) return positional;
  return null;
}

/** An Event ID and where its digits are in the text. */
interface EventIdToken {
  value: number;
  start: number;
  end: number;
}

/**
 * Reads field `i` as an Event ID into `id` (reused from row to row, as rows are many); false when the
 * record has no such field or it is not one number, possibly with spaces around it.
 */
function readEventId(records: CsvRecords, i: number, id: EventIdToken): boolean {
  if (i < 0 || i >= records.count) return false;
  const text = records.text;
  // The usual field is plain digits, quoted or not: read them in place (up to 15 digits the sum is exact).
  if (records.verbatim(i)) {
    const s = records.valueStart(i);
    const e = records.valueEnd(i);
    if (s < e && e - s <= 15) {
      let value = 0;
      let k = s;
      for (; k < e; k++) {
        const d = text.charCodeAt(k) - 0x30;
        if (d < 0 || d > 9) break;
        value = value * 10 + d;
      }
      if (k === e) {
        id.value = value;
        id.start = s;
        id.end = e;
        return true;
      }
    }
  }
  // Anything else (spaces, doubled quotes, over 15 digits): the value must trim to one run of digits.
  const value = records.value(i);
  const digits = /\d+/.exec(value);
  if (!digits || value.trim() !== digits[0]) return false;
  const fieldStart = records.fieldStart[i];
  id.value = Number(digits[0]);
  id.start = fieldStart + text.slice(fieldStart, records.fieldEnd[i]).indexOf(digits[0]);
  id.end = id.start + digits[0].length;
  return true;
}

/** The text with each CRLF, then each lone CR, as LF (plain replacements cost less than a pattern). */
function lfBreaks(text: string): string {
  if (text.indexOf('\r') === -1) return text;
  const lf = text.replaceAll('\r\n', '\n');
  return lf.indexOf('\r') === -1 ? lf : lf.replaceAll('\r', '\n');
}

/**
 * Field `i` as a message: lfBreaks(value).trim(). A verbatim field with no CR is trimmed where it
 * stands; with CRs, it is put together from the stretches between them, in one copy.
 */
function messageOf(records: CsvRecords, i: number): string {
  if (i < 0 || i >= records.count) return '';
  if (!records.verbatim(i)) return lfBreaks(records.value(i)).trim();
  const text = records.text;
  const s = records.valueStart(i);
  const e = records.valueEnd(i);
  const crCount = records.findCrs(s, e);
  if (crCount === 0) return records.trimmed(i);
  // Each CR before an LF goes (the LF stays, starting the next stretch); any other CR becomes an LF.
  const parts: string[] = [];
  let from = s;
  for (let k = 0; k < crCount; k++) {
    const cr = records.crs[k];
    parts.push(text.slice(from, cr));
    if (cr + 1 >= e || text.charCodeAt(cr + 1) !== 0x0a) parts.push('\n');
    from = cr + 1;
  }
  parts.push(text.slice(from, e));
  return parts.join('').trim();
}

/**
 * The sort key of time cell `i`, whose trimmed text is `timeText`. When that text is the cell as
 * written, it is parsed where it stands in the export, which reads faster than its slice.
 */
function sortTimeOf(records: CsvRecords, i: number, timeText: string): number | null {
  const start = records.valueStart(i);
  if (records.verbatim(i) && records.valueEnd(i) - start === timeText.length) return parseLooseDate(records.text, start, records.valueEnd(i));
  return parseLooseDate(timeText);
}

/**
 * True when text[a, a + n) and text[b, b + n) are the same. Compared from the end, where the time
 * stamps of neighbouring rows differ (the seconds).
 */
function sameAt(text: string, a: number, b: number, n: number): boolean {
  for (let j = n - 1; j >= 0; j--) if (text.charCodeAt(a + j) !== text.charCodeAt(b + j)) return false;
  return true;
}

/**
 * The last few distinct texts of a column, so that rows repeating one (a level, a source) share one
 * string, and what was made of it, instead of each making a copy.
 */
class Recent<T> {
  private readonly texts: string[] = [];
  /** Where each text is in the records' text, when it was read from a plain cell (else -1). */
  private readonly starts: number[] = [];
  private readonly madeOf: (T | undefined)[] = [];
  /** Where the text cell() last returned is kept. */
  private at = 0;
  private next = 0;

  /**
   * records.cell(i), as the kept equal text when there is one: a plain cell is compared where it
   * stands, so a repeated text is never copied. A new text is kept, in place of the oldest when all
   * RECENT places are taken, with nothing made of it yet.
   */
  cell(records: CsvRecords, i: number): string | null {
    const texts = this.texts;
    if (records.plain(i)) {
      const text = records.text;
      const s = records.valueStart(i);
      const n = records.valueEnd(i) - s;
      const starts = this.starts;
      let k = this.at;
      if (k < texts.length && texts[k].length === n && starts[k] >= 0 && sameAt(text, starts[k], s, n)) return texts[k];
      for (k = 0; k < texts.length; k++) {
        if (texts[k].length === n && starts[k] >= 0 && sameAt(text, starts[k], s, n)) {
          this.at = k;
          return texts[k];
        }
      }
      return this.add(text.slice(s, s + n), s);
    }
    const cell = records.cell(i);
    if (cell === null) return null;
    for (let k = 0; k < texts.length; k++) {
      if (texts[k] === cell) {
        this.at = k;
        return texts[k];
      }
    }
    return this.add(cell, -1);
  }

  /** What was made of the text cell() last returned, if anything yet. */
  made(): T | undefined {
    return this.madeOf[this.at];
  }

  /** Keeps what was made of the text cell() last returned, and returns it. */
  make(made: T): T {
    this.madeOf[this.at] = made;
    return made;
  }

  private add(text: string, start: number): string {
    const k = this.next;
    this.texts[k] = text;
    this.starts[k] = start;
    this.madeOf[k] = undefined;
    this.at = k;
    this.next = (k + 1) % RECENT;
    return text;
  }
}

function* readTable(text: string, delimiter: string, format: FormatId, filter?: EventFilter): ReadSteps {
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  const records = new CsvRecords(text, 0, delimiter);
  const id: EventIdToken = { value: 0, start: 0, end: 0 };
  let columns: Column[] | null = null;
  let at: Record<Column, number> = columnIndexes(positional);
  // Rows of one export often share a time stamp; levels and sources come from a few texts.
  let lastTime: string | null = null;
  /** Where lastTime is in the text, when it was read from a plain cell (else -1). */
  let lastTimeAt = -1;
  let lastSort: number | null = null;
  const levels = new Recent<EventLevel>();
  const sources = new Recent<never>();
  let rounds = 0;
  while (records.next()) {
    if (++rounds % STEP === 0) yield;
    if (records.count === 1 && records.trimmed(0) === '') continue;
    if (columns === null) {
      columns = columnsFromHeader(records.values());
      if (columns !== null) {
        at = columnIndexes(columns);
        continue;
      }
      columns = positional; // no header: the rows themselves follow Event Viewer's order
    }
    if (!readEventId(records, at.id, id)) {
      const rowRange = records.range(records.start, Math.min(records.end, records.firstLineEnd()));
      errors.push({ message: `The row on line ${rowRange.start.line + 1} has no numeric Event ID column (${records.count} columns read); it was skipped.`, range: rowRange });
      continue;
    }
    // The time: a plain cell that repeats the last is recognised where it stands, with no copy.
    let timeText: string | null;
    if (records.plain(at.time)) {
      const s = records.valueStart(at.time);
      const e = records.valueEnd(at.time);
      if (lastTime !== null && lastTimeAt >= 0 && lastTime.length === e - s && sameAt(text, lastTimeAt, s, e - s)) {
        timeText = lastTime;
      } else {
        timeText = lastTime = text.slice(s, e);
        lastTimeAt = s;
        lastSort = parseLooseDate(text, s, e);
      }
    } else {
      timeText = records.cell(at.time);
      if (timeText !== lastTime) {
        lastTime = timeText;
        lastTimeAt = -1;
        lastSort = timeText ? sortTimeOf(records, at.time, timeText) : null;
      } else {
        timeText = lastTime;
      }
    }
    const source = sources.cell(records, at.source);
    if (filter && !filtered(filter, source, id.value, lastSort, records.start)) continue;
    const levelText = levels.cell(records, at.level);
    const level = levelText === null ? 'unknown' : (levels.made() ?? levels.make(levelFromText(levelText)));
    events.push({
      eventId: id.value,
      source,
      level,
      levelText,
      timeText,
      time: null,
      sortTime: lastSort,
      message: messageOf(records, at.description),
      range: records.range(records.start, records.end),
      idRange: records.range(id.start, id.end),
    });
  }
  return { format, events, errors };
}

/** Where each column is (-1 when the export has none of it). */
function columnIndexes(columns: Column[]): Record<Column, number> {
  return {
    level: columns.indexOf('level'), time: columns.indexOf('time'), source: columns.indexOf('source'),
    id: columns.indexOf('id'), task: columns.indexOf('task'), description: columns.indexOf('description'),
  };
}

/** Sniffs a table whose header or first row follows Event Viewer's layout. */
function sniffTable(head: string, delimiter: string): number {
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  const cells = firstLine.split(delimiter).map((c) => c.replace(/^"|"$/g, '').trim().toLowerCase());
  if (cells.length < 5) return 0;
  if ((cells[0] === 'level' || cells[0] === 'keywords') && cells[1] === 'date and time' && cells[3] === 'event id') return 0.95;
  if (cells.length === 5 && cells.every((c) => c !== '' && !/^\d+$/.test(c))) {
    // A localized header: trust it when the next row has a numeric fourth column.
    const second = head.split(/\r?\n/, 2)[1] ?? '';
    const row = second.split(delimiter);
    if (row.length >= 5 && /^"?\s*\d+\s*"?$/.test(row[3])) return 0.7;
  }
  return 0;
}

export function eventViewerTableReader(id: FormatId, delimiter: string): FormatReader {
  return defineReader({
    id,
    sniff: (head) => sniffTable(head, delimiter),
    steps: (text, filter) => readTable(text, delimiter, id, filter),
    filters: true,
  });
}
