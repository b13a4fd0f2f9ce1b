/**
 * PowerShell `Export-Csv` of event objects:
 * - `Get-WinEvent | Export-Csv`: `#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord` (Windows
 *   PowerShell; PowerShell 7 omits it), then a quoted header with `Message`, `Id`, `ProviderName`,
 *   `LevelDisplayName`, `TimeCreated`, ... in any order.
 * - `Get-EventLog | Export-Csv`: `#TYPE System.Diagnostics.EventLogEntry#...` with `EventID`,
 *   `InstanceId`, `Source`, `EntryType`, `TimeGenerated`, `Message`, ...
 * `Select-Object` may have narrowed the columns (`#TYPE Selected.…`), and `-UseCulture` may have
 * swapped the comma for the locale's list separator, so both are read from the header itself.
 */
import type { LogEvent, Range, ReadError, ReadResult } from '../model';
import { defineReader, type FormatReader, type ReadSteps } from './reader';
import { STEP } from '../steps';
import { LineIndex } from './text';
import { csvRecords, type CsvField, type CsvRecord } from './csvTokenizer';
import {
  eventIdFromInstanceId,
  joinMessage,
  levelFromName,
  levelFromText,
  parseUnsigned,
  recordIdField,
  timeFields,
  trimmedSpan,
} from './plainText';

interface Columns {
  count: number;
  id: number;
  instanceId: number;
  source: number;
  levelName: number;
  levelNumber: number;
  time: number;
  message: number;
  recordId: number;
}

function columnsOf(header: CsvRecord): Columns {
  const names = header.fields.map((f) => f.value.trim().toLowerCase());
  const find = (...candidates: string[]): number => {
    for (const c of candidates) {
      const i = names.indexOf(c);
      if (i !== -1) return i;
    }
    return -1;
  };
  return {
    count: names.length,
    id: find('id', 'eventid'),
    instanceId: find('instanceid'),
    source: find('providername', 'source'),
    levelName: find('leveldisplayname', 'entrytype'),
    levelNumber: find('level'),
    time: find('timecreated', 'timegenerated', 'timewritten'),
    message: find('message'),
    recordId: find('recordid', 'index'),
  };
}

/** Where the header starts: after a BOM and the optional `#TYPE ...` line. */
function headerStart(text: string): { start: number; typeName: string | null } {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('#TYPE', start)) return { start, typeName: null };
  const lf = text.indexOf('\n', start);
  const lineEnd = lf === -1 ? text.length : lf;
  const typeName = text.slice(start + 5, lineEnd).trim();
  start = lf === -1 ? text.length : lf + 1;
  return { start, typeName };
}

/** The header's delimiter: comma, or the `-UseCulture` separator (`;`, tab) when it clearly dominates. */
function delimiterOf(text: string, start: number): string {
  const lf = text.indexOf('\n', start);
  const line = text.slice(start, Math.min(lf === -1 ? text.length : lf, start + 65536));
  const counts = [',', ';', '\t'].map((d) => {
    let quoted = 0;
    let bare = 0;
    for (let i = line.indexOf(d); i !== -1; i = line.indexOf(d, i + 1)) {
      bare++;
      if (line[i - 1] === '"' && line[i + 1] === '"') quoted++;
    }
    return { d, score: quoted * 1000 + bare };
  });
  counts.sort((a, b) => b.score - a.score);
  return counts[0].score > 0 ? counts[0].d : ',';
}

/** Range of a field's value without its quotes or surrounding spaces. */
function valueRange(text: string, field: CsvField, index: LineIndex): Range {
  const quoted = text.charCodeAt(field.start) === 0x22;
  const closed = quoted && field.end - field.start >= 2 && text.charCodeAt(field.end - 1) === 0x22;
  const [s, e] = trimmedSpan(text, quoted ? field.start + 1 : field.start, closed ? field.end - 1 : field.end);
  return index.range(s, e);
}

/** True when the quoted field runs unterminated to the end of the text. */
function unterminated(text: string, field: CsvField): boolean {
  if (field.end !== text.length || text.charCodeAt(field.start) !== 0x22) return false;
  let quotes = 0;
  for (let i = text.indexOf('"', field.start); i !== -1 && i < field.end; i = text.indexOf('"', i + 1)) quotes++;
  return quotes % 2 === 1;
}

function cell(record: CsvRecord, column: number): string | null {
  if (column === -1 || column >= record.fields.length) return null;
  const v = record.fields[column].value.trim();
  return v.length > 0 ? v : null;
}

function recordToEvent(record: CsvRecord, cols: Columns, text: string, index: LineIndex): LogEvent | ReadError {
  const line = index.positionAt(record.start).line + 1;
  const range = index.range(record.start, record.end);
  // EventID is the id Event Viewer shows; InstanceId adds the classic qualifier bits above it.
  let eventId: number | null = null;
  let idRange: Range | null = null;
  let badIdText: string | null = null;
  if (cols.id !== -1) {
    const text0 = cell(record, cols.id) ?? '';
    eventId = parseUnsigned(text0);
    idRange = valueRange(text, record.fields[cols.id], index);
    if (eventId === null) badIdText = text0;
  }
  if (eventId === null && cols.instanceId !== -1) {
    const instance = parseUnsigned(cell(record, cols.instanceId) ?? '');
    if (instance !== null) {
      eventId = eventIdFromInstanceId(instance);
      idRange = valueRange(text, record.fields[cols.instanceId], index);
    } else if (badIdText === null) {
      badIdText = cell(record, cols.instanceId) ?? '';
      idRange = valueRange(text, record.fields[cols.instanceId], index);
    }
  }
  if (eventId === null || idRange === null) {
    const shown = (badIdText ?? '').length > 40 ? `${(badIdText ?? '').slice(0, 40)}…` : (badIdText ?? '');
    return {
      message: shown.length > 0
        ? `Record on line ${line}: the event id "${shown}" is not a number.`
        : `Record on line ${line} has no event id.`,
      range: idRange ?? range,
    };
  }
  const levelName = cell(record, cols.levelName);
  const levelNumber = cell(record, cols.levelNumber);
  const rawMessage = cols.message === -1 || cols.message >= record.fields.length ? '' : record.fields[cols.message].value;
  return {
    ...recordIdField(cell(record, cols.recordId)),
    eventId,
    source: cell(record, cols.source),
    level: levelName !== null ? levelFromName(levelName) : levelFromText(levelNumber),
    levelText: levelName ?? levelNumber,
    ...timeFields(cell(record, cols.time)),
    message: joinMessage(rawMessage.split(/\r\n|\r|\n/)),
    range,
    idRange,
  };
}

function* readExportCsv(text: string): ReadSteps {
  const index = new LineIndex(text);
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  const result: ReadResult = { format: 'powershell-export-csv', events, errors };
  const { start } = headerStart(text);
  // One generator for header and rows: a for-of with `break` would close it.
  const records = csvRecords(text, start, delimiterOf(text, start));
  let header: CsvRecord | null = null;
  for (let next = records.next(); !next.done; next = records.next()) {
    const r = next.value;
    if (r.fields.length === 1 && r.fields[0].value.trim().length === 0) continue;
    header = r;
    break;
  }
  if (!header) return result;
  const cols = columnsOf(header);
  if (cols.id === -1 && cols.instanceId === -1) {
    errors.push({
      message: 'The CSV header has no Id, EventID or InstanceId column, so no events can be read.',
      range: index.range(header.start, header.end),
    });
    return result;
  }
  let rounds = 0;
  for (const record of records) {
    if (++rounds % STEP === 0) yield;
    const { fields } = record;
    if (fields.length === 1 && fields[0].value.trim().length === 0 && cols.count > 1) continue;
    const line = index.positionAt(record.start).line + 1;
    const last = fields[fields.length - 1];
    if (unterminated(text, last)) {
      errors.push({
        message: `Record on line ${line} ends inside a quoted field: the export looks cut off.`,
        range: index.range(record.start, record.end),
      });
      continue;
    }
    if (fields.length < cols.count) {
      errors.push({
        message: `Record on line ${line} has ${fields.length} of the header's ${cols.count} fields: it looks truncated.`,
        range: index.range(record.start, record.end),
      });
      continue;
    }
    const event = recordToEvent(record, cols, text, index);
    if ('eventId' in event) events.push(event);
    else errors.push(event);
  }
  return result;
}

const QUOTED_NAME = /"([A-Za-z]{2,24})"/g;

function sniffExportCsv(head: string): number {
  const { start, typeName } = headerStart(head);
  if (typeName !== null && /EventLogRecord|EventLogEntry/.test(typeName)) return 0.98;
  const lf = head.indexOf('\n', start);
  const headerLine = head.slice(start, lf === -1 ? head.length : lf);
  const names = new Set<string>();
  for (const m of headerLine.matchAll(QUOTED_NAME)) names.add(m[1].toLowerCase());
  if (names.size === 0) {
    for (const n of headerLine.split(/[,;\t]/)) names.add(n.trim().toLowerCase());
  }
  const hasId = names.has('id') || names.has('eventid') || names.has('instanceid');
  if (!hasId || !names.has('message')) return 0;
  let score = 0.5;
  if (names.has('providername') || names.has('source')) score += 0.15;
  if (names.has('leveldisplayname') || names.has('entrytype')) score += 0.1;
  if (names.has('timecreated') || names.has('timegenerated')) score += 0.1;
  if (headerLine.startsWith('"')) score += 0.05;
  if (typeName !== null) score += 0.05;
  return Math.min(score, 0.95);
}

/** `Get-WinEvent | Export-Csv` and `Get-EventLog | Export-Csv`. */
export const exportCsvReader: FormatReader = defineReader({
  id: 'powershell-export-csv',
  sniff: sniffExportCsv,
  steps: readExportCsv,
});
