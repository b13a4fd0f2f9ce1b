/**
 * Event Viewer "Save As" tables: CSV and tab-delimited TXT share one layout — Level (Keywords in the
 * Security log), Date and Time, Source, Event ID, Task Category — and an unnamed sixth column holding
 * the description. Headers may be localized, so unknown header names fall back to those positions.
 */
import type { EventLevel, FormatId, LogEvent, ReadError, ReadResult } from '../model';
import { csvRecords, type CsvField } from './csvTokenizer';
import { parseLooseDate } from './dates';
import { LineIndex } from './text';
import type { FormatReader } from './reader';

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
function columnsFromHeader(fields: CsvField[]): Column[] | null {
  const mapped = fields.map((f) => headerNames[f.value.trim().toLowerCase()]);
  const known = mapped.filter((c) => c !== undefined).length;
  if (known >= 3) {
    const columns = mapped.map((c, i) => c ?? positional[i] ?? 'task');
    if (!columns.includes('description')) columns.push('description');
    return columns;
  }
  // A localized header: five non-numeric names in Event Viewer's fixed order.
  if (fields.length === 5 && fields.every((f) => f.value.trim() !== '' && !/^\d+$/.test(f.value.trim()))) return positional;
  return null;
}

function readTable(text: string, delimiter: string, format: FormatId): ReadResult {
  const lines = new LineIndex(text);
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  let columns: Column[] | null = null;
  for (const record of csvRecords(text, 0, delimiter)) {
    const { fields } = record;
    if (fields.length === 1 && fields[0].value.trim() === '') continue;
    if (columns === null) {
      columns = columnsFromHeader(fields);
      if (columns !== null) continue;
      columns = positional; // no header: the rows themselves follow Event Viewer's order
    }
    const cell = (c: Column): CsvField | undefined => fields[columns!.indexOf(c)];
    const idField = cell('id');
    const rowRange = lines.range(record.start, Math.min(record.end, lines.lineEnd(lines.positionAt(record.start).line)));
    const digits = idField ? /\d+/.exec(idField.value) : null;
    if (!idField || !digits || idField.value.trim() !== digits[0]) {
      const where = `line ${rowRange.start.line + 1}`;
      errors.push({ message: `The row on ${where} has no numeric Event ID column (${fields.length} columns read); it was skipped.`, range: rowRange });
      continue;
    }
    // The ID's offset inside the raw field: skip an opening quote and leading spaces.
    const raw = text.slice(idField.start, idField.end);
    const idStart = idField.start + raw.indexOf(digits[0]);
    const timeText = cell('time')?.value.trim() || null;
    const levelText = cell('level')?.value.trim() || null;
    events.push({
      eventId: Number(digits[0]),
      source: cell('source')?.value.trim() || null,
      level: levelText ? levelFromText(levelText) : 'unknown',
      levelText,
      timeText,
      time: null,
      sortTime: timeText ? parseLooseDate(timeText) : null,
      message: (cell('description')?.value ?? '').replace(/\r\n?/g, '\n').trim(),
      range: lines.range(record.start, record.end),
      idRange: lines.range(idStart, idStart + digits[0].length),
    });
  }
  return { format, events, errors };
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
  return {
    id,
    sniff: (head) => sniffTable(head, delimiter),
    read: (text) => readTable(text, delimiter, id),
  };
}
