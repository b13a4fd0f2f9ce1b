/**
 * Event Viewer "Save As" tables: CSV and tab-delimited TXT share one layout — Level (Keywords in the
 * Security log), Date and Time, Source, Event ID, Task Category — and an unnamed sixth column holding
 * the description. Headers may be localized, so unknown header names fall back to those positions.
 */
import type { EventLevel, FormatId, LogEvent, ReadError } from '../model';
import { csvRecords, type CsvField } from './csvTokenizer';
import { parseLooseDate } from './dates';
import { LineIndex } from './text';
import { defineReader, type FormatReader, type ReadSteps } from './reader';
import { STEP } from '../steps';

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

function* readTable(text: string, delimiter: string, format: FormatId): ReadSteps {
  const lines = new LineIndex(text);
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  let columns: Column[] | null = null;
  let at: Record<Column, number> = columnIndexes(positional);
  let lastTime: string | null = null;
  let lastSort: number | null = null;
  let rounds = 0;
  for (const record of csvRecords(text, 0, delimiter)) {
    if (++rounds % STEP === 0) yield;
    const { fields } = record;
    if (fields.length === 1 && fields[0].value.trim() === '') continue;
    if (columns === null) {
      columns = columnsFromHeader(fields);
      if (columns !== null) {
        at = columnIndexes(columns);
        continue;
      }
      columns = positional; // no header: the rows themselves follow Event Viewer's order
    }
    const idField = fields[at.id];
    const digits = idField ? /\d+/.exec(idField.value) : null;
    if (!idField || !digits || idField.value.trim() !== digits[0]) {
      const start = lines.positionAt(record.start);
      const rowRange = lines.range(record.start, Math.min(record.end, lines.lineEnd(start.line)));
      errors.push({ message: `The row on line ${start.line + 1} has no numeric Event ID column (${fields.length} columns read); it was skipped.`, range: rowRange });
      continue;
    }
    // The ID's offset inside the raw field: skip an opening quote and leading spaces.
    const idStart = idField.value === digits[0] && text.charCodeAt(idField.start) !== 34 ? idField.start : idField.start + text.slice(idField.start, idField.end).indexOf(digits[0]);
    const timeText = fields[at.time]?.value.trim() || null;
    const levelText = fields[at.level]?.value.trim() || null;
    // Rows of one export often share a time stamp: parse each distinct text once.
    if (timeText !== lastTime) {
      lastTime = timeText;
      lastSort = timeText ? parseLooseDate(timeText) : null;
    }
    const description = fields[at.description]?.value ?? '';
    events.push({
      eventId: Number(digits[0]),
      source: fields[at.source]?.value.trim() || null,
      level: levelText ? levelFromText(levelText) : 'unknown',
      levelText,
      timeText,
      time: null,
      sortTime: lastSort,
      message: (description.indexOf('\r') === -1 ? description : description.replace(/\r\n?/g, '\n')).trim(),
      range: lines.range(record.start, record.end),
      idRange: lines.range(idStart, idStart + digits[0].length),
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
    steps: (text) => readTable(text, delimiter, id),
  });
}
