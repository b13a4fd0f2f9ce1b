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
import { CsvRecords } from './csvTokenizer';
import {
  eventIdFromInstanceId,
  joinMessage,
  levelFromName,
  levelFromText,
  parseUnsigned,
  textEvent,
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

function columnsOf(header: string[]): Columns {
  const names = header.map((v) => v.trim().toLowerCase());
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

/** Range of field `i`'s value without its quotes or surrounding spaces. */
function valueRange(records: CsvRecords, i: number): Range {
  const { text } = records;
  const start = records.fieldStart[i];
  const end = records.fieldEnd[i];
  const quoted = text.charCodeAt(start) === 0x22;
  const closed = quoted && end - start >= 2 && text.charCodeAt(end - 1) === 0x22;
  const [s, e] = trimmedSpan(text, quoted ? start + 1 : start, closed ? end - 1 : end);
  return records.range(s, e);
}

/** True when field `i` is quoted and runs unterminated to the end of the text. */
function unterminated(records: CsvRecords, i: number): boolean {
  const { text } = records;
  const start = records.fieldStart[i];
  const end = records.fieldEnd[i];
  if (end !== text.length || text.charCodeAt(start) !== 0x22) return false;
  let quotes = 0;
  for (let q = text.indexOf('"', start); q !== -1 && q < end; q = text.indexOf('"', q + 1)) quotes++;
  return quotes % 2 === 1;
}

function recordToEvent(records: CsvRecords, cols: Columns): LogEvent | ReadError {
  const range = records.range(records.start, records.end);
  const line = range.start.line + 1;
  // EventID is the id Event Viewer shows; InstanceId adds the classic qualifier bits above it.
  let eventId: number | null = null;
  let idRange: Range | null = null;
  let badIdText: string | null = null;
  if (cols.id !== -1) {
    const text0 = records.cell(cols.id) ?? '';
    eventId = parseUnsigned(text0);
    idRange = valueRange(records, cols.id);
    if (eventId === null) badIdText = text0;
  }
  if (eventId === null && cols.instanceId !== -1) {
    const instance = parseUnsigned(records.cell(cols.instanceId) ?? '');
    if (instance !== null) {
      eventId = eventIdFromInstanceId(instance);
      idRange = valueRange(records, cols.instanceId);
    } else if (badIdText === null) {
      badIdText = records.cell(cols.instanceId) ?? '';
      idRange = valueRange(records, cols.instanceId);
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
  const levelName = records.cell(cols.levelName);
  const levelNumber = records.cell(cols.levelNumber);
  const rawMessage = cols.message === -1 || cols.message >= records.count ? '' : records.value(cols.message);
  return textEvent(records.cell(cols.recordId), {
    eventId,
    source: records.cell(cols.source),
    level: levelName !== null ? levelFromName(levelName) : levelFromText(levelNumber),
    levelText: levelName ?? levelNumber,
    timeText: records.cell(cols.time),
    message: joinMessage(rawMessage.split(/\r\n|\r|\n/)),
    range,
    idRange,
  });
}

function* readExportCsv(text: string): ReadSteps {
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  const result: ReadResult = { format: 'powershell-export-csv', events, errors };
  const { start } = headerStart(text);
  const records = new CsvRecords(text, start, delimiterOf(text, start));
  let header: string[] | null = null;
  while (records.next()) {
    if (records.count === 1 && records.trimmed(0).length === 0) continue;
    header = records.values();
    break;
  }
  if (!header) return result;
  const cols = columnsOf(header);
  if (cols.id === -1 && cols.instanceId === -1) {
    errors.push({
      message: 'The CSV header has no Id, EventID or InstanceId column, so no events can be read.',
      range: records.range(records.start, records.end),
    });
    return result;
  }
  let rounds = 0;
  while (records.next()) {
    if (++rounds % STEP === 0) yield;
    const { count } = records;
    if (count === 1 && records.trimmed(0).length === 0 && cols.count > 1) continue;
    const line = records.position(records.start).line + 1;
    if (unterminated(records, count - 1)) {
      errors.push({
        message: `Record on line ${line} ends inside a quoted field: the export looks cut off.`,
        range: records.range(records.start, records.end),
      });
      continue;
    }
    if (count < cols.count) {
      errors.push({
        message: `Record on line ${line} has ${count} of the header's ${cols.count} fields: it looks truncated.`,
        range: records.range(records.start, records.end),
      });
      continue;
    }
    const event = recordToEvent(records, cols);
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
