/**
 * PowerShell `Format-Table` output of event objects (`Get-WinEvent | Format-Table`, also
 * `Get-EventLog | Format-Table`).
 *
 * Layout: optional `   ProviderName: X` group headers, a header row, a row of dashes under each
 * header name, then one line per event. The dashes give the columns: text columns start where their
 * dashes start, number columns (Id, Index, InstanceID, ...) end where their dashes end. The last
 * column (Message) runs to the end of the line, truncated with `...`/`…`, or continued on following
 * lines whose leading columns are blank when `-Wrap` was used.
 */
import type { LogEvent, Range, ReadError } from '../model';
import { defineReader, type FormatReader, type ReadSteps } from './reader';
import { STEP } from '../steps';
import { rangeAt } from './text';
import {
  StrayLines,
  eventIdFromInstanceId,
  isBlank,
  headLines,
  joinMessage,
  levelFromText,
  parseUnsigned,
  splitLines,
  textEvent,
  trimmedSpan,
  type Line,
} from './plainText';

interface Column {
  name: string;
  /** Start and end of the column's dashes. */
  start: number;
  end: number;
  /** Number columns are right-aligned: their cells end at `end`. */
  rightAligned: boolean;
}

interface Cell {
  text: string;
  /** Offsets relative to the line, trimmed. */
  start: number;
  end: number;
}

/** Columns PowerShell right-aligns because their values are numbers. */
const NUMBER_COLUMNS = new Set([
  'id', 'eventid', 'instanceid', 'index', 'recordid', 'processid', 'threadid', 'level', 'version', 'qualifiers',
  'task', 'opcode', 'keywords',
]);

/** Which column feeds which LogEvent field (lower-case names, first match wins). */
const ROLES = {
  id: ['id', 'eventid'],
  instanceId: ['instanceid'],
  time: ['timecreated', 'timegenerated', 'time', 'timewritten'],
  level: ['leveldisplayname', 'entrytype', 'level'],
  source: ['providername', 'source'],
  message: ['message'],
  recordId: ['recordid', 'index'],
} as const;

/** Properties whose group header names the event source. */
const SOURCE_GROUPS = new Set(['providername', 'source']);

/** Only spaces and dashes (one character class, so a long near-miss line cannot backtrack). */
const DASHES = /^[ -]+$/;
const GROUP_HEADER = /^ +([A-Za-z][A-Za-z0-9]*): (.*)$/;

interface Table {
  columns: Column[];
  roles: { [K in keyof typeof ROLES]: number };
}

interface Row {
  first: Line;
  last: Line;
  cells: Cell[];
  /** Extra text of wrapped non-message cells, by column. */
  wrapped: Map<number, string[]>;
  messageLines: string[];
  /** Blank lines seen after the row, kept in case a wrapped message continues after them. */
  blanks: number;
  source: string | null;
}

function dashRuns(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) !== 45) {
      i++;
      continue;
    }
    const s = i;
    while (i < text.length && text.charCodeAt(i) === 45) i++;
    runs.push([s, i]);
  }
  return runs;
}

/** A table when `header` names every dash run of `dashes`; null otherwise. */
function tableOf(header: string, dashes: string): Table | null {
  if (!DASHES.test(dashes) || !dashes.includes('-') || header.trim().length === 0) return null;
  const columns: Column[] = [];
  for (const [start, end] of dashRuns(dashes)) {
    const name = header.slice(start, end).trim();
    if (name.length === 0) return null;
    columns.push({ name, start, end, rightAligned: NUMBER_COLUMNS.has(name.toLowerCase()) });
  }
  const find = (names: readonly string[]): number => {
    for (const n of names) {
      const i = columns.findIndex((c) => c.name.toLowerCase() === n);
      if (i !== -1) return i;
    }
    return -1;
  };
  return {
    columns,
    roles: {
      id: find(ROLES.id),
      instanceId: find(ROLES.instanceId),
      time: find(ROLES.time),
      level: find(ROLES.level),
      source: find(ROLES.source),
      message: find(ROLES.message),
      recordId: find(ROLES.recordId),
    },
  };
}

/** Cuts one line into cells by the table's columns. */
function cellsOf(text: string, table: Table): Cell[] {
  const { columns } = table;
  const starts: number[] = new Array<number>(columns.length);
  const ends: number[] = new Array<number>(columns.length);
  // Right-aligned cells first: each is the run of non-spaces that ends at its dashes' end.
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    if (!c.rightAligned) continue;
    // A line too short to reach the column's end has no value there.
    const end = Math.min(c.end, text.length);
    let s = end;
    if (text.length >= c.end) {
      while (s > 0 && text.charCodeAt(s - 1) !== 32 && text.charCodeAt(s - 1) !== 9) s--;
    }
    starts[i] = s;
    ends[i] = end;
  }
  for (let i = 0; i < columns.length; i++) {
    if (columns[i].rightAligned) continue;
    const start = Math.min(i === 0 ? 0 : columns[i].start, text.length);
    let end = text.length;
    if (i + 1 < columns.length) {
      end = columns[i + 1].rightAligned ? starts[i + 1] : columns[i + 1].start;
    }
    starts[i] = start;
    ends[i] = Math.max(start, Math.min(end, text.length));
  }
  return columns.map((_, i) => {
    const [s, e] = trimmedSpan(text, starts[i], ends[i]);
    return { text: text.slice(s, e), start: s, end: e };
  });
}

function* readFormatTable(text: string): ReadSteps {
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  const stray = new StrayLines(errors, 'Format-Table row');
  const lines = splitLines(text);
  let table: Table | null = null;
  let groupSource: string | null = null;
  let row: Row | null = null;

  const finishRow = (): void => {
    if (row && table) {
      const result = toEvent(row, table);
      if ('eventId' in result) events.push(result);
      else errors.push(result);
    }
    row = null;
  };

  for (let i = 0; i < lines.length; i++) {
    if ((i + 1) % STEP === 0) yield;
    const line = lines[i];
    if (isBlank(line)) {
      if (row) row.blanks++;
      continue;
    }
    // A header row: the next line is dashes under every header name.
    const next = i + 1 < lines.length ? lines[i + 1] : null;
    const header = next ? tableOf(line.text, next.text) : null;
    if (header) {
      finishRow();
      stray.flush();
      table = header;
      i++;
      continue;
    }
    const group = GROUP_HEADER.exec(line.text);
    if (group && startsTable(lines, i + 1)) {
      finishRow();
      stray.flush();
      groupSource = SOURCE_GROUPS.has(group[1].toLowerCase()) ? group[2].trim() : groupSource;
      table = null;
      continue;
    }
    if (!table) {
      stray.add(line);
      continue;
    }
    const cells = cellsOf(line.text, table);
    const idColumn = table.roles.id !== -1 ? table.roles.id : table.roles.instanceId;
    const idCell = idColumn === -1 ? null : cells[idColumn];
    if (idCell && idCell.text.length > 0) {
      finishRow();
      stray.flush();
      row = { first: line, last: line, cells, wrapped: new Map(), messageLines: [], blanks: 0, source: groupSource };
      if (table.roles.message !== -1) {
        const m = table.columns[table.roles.message].start;
        row.messageLines.push(line.text.slice(Math.min(m, line.text.length)).trim());
      }
      continue;
    }
    // No id: a wrapped continuation of the current row when the leading column is blank too.
    const leadingBlank = cells[0].text.length === 0 || table.roles.message === 0;
    if (row && leadingBlank) {
      continueRow(row, line, cells, table);
      continue;
    }
    finishRow();
    stray.add(line);
  }
  finishRow();
  stray.flush();
  return { format: 'powershell-format-table', events, errors };
}

/** True when a header row and its dashes follow within the next few lines (after blank ones). */
function startsTable(lines: Line[], from: number): boolean {
  let i = from;
  while (i < lines.length && i < from + 3 && isBlank(lines[i])) i++;
  return i + 1 < lines.length && tableOf(lines[i].text, lines[i + 1].text) !== null;
}

function continueRow(row: Row, line: Line, cells: Cell[], table: Table): void {
  const messageColumn = table.roles.message;
  for (let c = 0; c < cells.length; c++) {
    if (c === messageColumn || cells[c].text.length === 0) continue;
    const parts = row.wrapped.get(c) ?? [];
    parts.push(cells[c].text);
    row.wrapped.set(c, parts);
  }
  if (messageColumn !== -1) {
    for (; row.blanks > 0; row.blanks--) row.messageLines.push('');
    // Keep the message's own indentation (stack lines `   at ...`) beyond the column start.
    const start = table.columns[messageColumn].start;
    row.messageLines.push(line.text.slice(Math.min(start, line.text.length)));
  }
  row.blanks = 0;
  row.last = line;
}

function cellText(row: Row, column: number): string | null {
  if (column === -1) return null;
  const parts = [row.cells[column].text, ...(row.wrapped.get(column) ?? [])].filter((p) => p.length > 0);
  return parts.length > 0 ? parts.join(' ') : null;
}

function toEvent(row: Row, table: Table): LogEvent | ReadError {
  const { roles } = table;
  const useEventId = roles.id !== -1;
  const idCell = row.cells[useEventId ? roles.id : roles.instanceId];
  const idRange: Range = rangeAt(row.first.n, idCell.start, row.first.n, idCell.end);
  const value = parseUnsigned(idCell.text);
  if (value === null) {
    const shown = idCell.text.length > 40 ? `${idCell.text.slice(0, 40)}…` : idCell.text;
    return { message: `Line ${row.first.n + 1}: the ${table.columns[useEventId ? roles.id : roles.instanceId].name} cell "${shown}" is not an event number.`, range: idRange };
  }
  const levelText = cellText(row, roles.level);
  return textEvent(cellText(row, roles.recordId), {
    eventId: useEventId ? value : eventIdFromInstanceId(value),
    source: cellText(row, roles.source) ?? row.source,
    level: levelFromText(levelText),
    levelText,
    timeText: cellText(row, roles.time),
    message: joinMessage(row.messageLines),
    range: rangeAt(row.first.n, 0, row.last.n, row.last.end - row.last.start),
    idRange,
  });
}

function sniffFormatTable(head: string): number {
  const lines = headLines(head);
  let best = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const table = tableOf(lines[i], lines[i + 1]);
    if (!table) continue;
    const { roles } = table;
    if (roles.id === -1 && roles.instanceId === -1) {
      best = Math.max(best, 0.1);
      continue;
    }
    let score = 0.6;
    if (roles.message !== -1) score += 0.15;
    if (roles.time !== -1) score += 0.1;
    if (roles.level !== -1 || roles.source !== -1) score += 0.05;
    best = Math.max(best, score);
  }
  if (best >= 0.6 && lines.some((l) => /^ +ProviderName: /.test(l))) best += 0.05;
  return Math.min(best, 0.95);
}

/** `Format-Table` output of `Get-WinEvent` / `Get-EventLog`. */
export const formatTableReader: FormatReader = defineReader({
  id: 'powershell-format-table',
  sniff: sniffFormatTable,
  steps: readFormatTable,
});
