/**
 * Pieces the text-shaped readers share: lines with their offsets, level names, event ids, times and
 * message assembly. Kept free of any one shape so each reader file holds only its own layout.
 */
import type { EventLevel, LogEvent, ReadError } from '../model';
import { isoInstant, parseLooseDate } from './dates';
import { LineBreaks, rangeAt } from './text';

/** Where a line is: `start` is its first offset, `end` the end of its content (before CR/LF). */
export interface LineSpan {
  /** 0-based line number. */
  n: number;
  start: number;
  end: number;
}

/** One line of the text with its content. */
export interface Line extends LineSpan {
  text: string;
}

/**
 * Steps through the lines of a text without copying them, so a reader that looks at a few characters
 * of most lines allocates nothing for them. Lines end as the editor ends them (see LineBreaks), so
 * their numbers are LSP line numbers; the text after the last line end is a line too (empty when the
 * text ends with one).
 */
export class LineCursor implements LineSpan {
  n = -1;
  start = 0;
  end = 0;
  /** Start of the line after this one; -1 once the last line is reached. */
  private following = 0;
  private readonly breaks: LineBreaks;

  constructor(readonly text: string) {
    this.breaks = new LineBreaks(text);
  }

  /** Moves to the next line; false when there is none. */
  advance(): boolean {
    if (this.following === -1) return false;
    const start = this.following;
    const lineEnd = this.breaks.next(start);
    const stop = lineEnd === -1 ? this.text.length : lineEnd;
    this.n++;
    this.start = start;
    this.end = stop > start && this.text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
    this.following = lineEnd === -1 ? -1 : lineEnd + 1;
    return true;
  }

  /** The current line's content. */
  content(): string {
    return this.text.slice(this.start, this.end);
  }

  /** True when the current line holds only whitespace. */
  isBlank(): boolean {
    return isBlankSpan(this.text, this.start, this.end);
  }

  /** Number of leading spaces/tabs of the current line. */
  indent(): number {
    return indentOf(this.text, this.start, this.end);
  }
}

/** How many lines of a file's head the sniffers of line-based shapes look at. */
const SNIFF_LINES = 400;

/** The first lines of a file's head, ended where the readers end them, for the sniffers. */
export function headLines(head: string): string[] {
  const lines: string[] = [];
  for (const c = new LineCursor(head); lines.length < SNIFF_LINES && c.advance(); ) lines.push(c.content());
  return lines;
}

/** Splits text into lines, for readers that look back and ahead. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const c = new LineCursor(text); c.advance(); ) lines.push({ n: c.n, start: c.start, end: c.end, text: c.content() });
  return lines;
}

/** True when the line holds only whitespace. */
export function isBlank(line: Line): boolean {
  return isBlankSpan(line.text, 0, line.text.length);
}

/** True when `text[start, end)` holds only whitespace (what String.prototype.trim removes). */
function isBlankSpan(text: string, start: number, end: number): boolean {
  if (start >= end) return true;
  // Most lines start with printable ASCII; only the others need trim, which knows every Unicode space.
  const c = text.charCodeAt(start);
  if (c > 32 && c < 127) return false;
  return text.slice(start, end).trim().length === 0;
}

/** Number of leading spaces/tabs of `text[start, end)`. */
export function indentOf(text: string, start = 0, end = text.length): number {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - start;
}

const LEVEL_NAMES: Record<string, EventLevel> = {
  critical: 'critical',
  error: 'error',
  warning: 'warning',
  information: 'information',
  informational: 'information',
  info: 'information',
  verbose: 'verbose',
  successaudit: 'audit-success',
  'audit success': 'audit-success',
  failureaudit: 'audit-failure',
  'audit failure': 'audit-failure',
};

/**
 * Maps an English level name as exports write it (`Error`, `LevelDisplayName`, `EntryType` values such
 * as `SuccessAudit`) to a level; anything else (a localized name, empty) is 'unknown'.
 */
export function levelFromName(name: string | null | undefined): EventLevel {
  if (!name) return 'unknown';
  return LEVEL_NAMES[name.trim().toLowerCase()] ?? 'unknown';
}

/** Maps `<System><Level>` numbers: 1 critical, 2 error, 3 warning, 4 information, 5 verbose; others unknown. */
export function levelFromNumber(n: number): EventLevel {
  switch (n) {
    case 1:
      return 'critical';
    case 2:
      return 'error';
    case 3:
      return 'warning';
    case 4:
      return 'information';
    case 5:
      return 'verbose';
    default:
      return 'unknown';
  }
}

/** Reads a level from a name, or from a number when the text is one. */
export function levelFromText(text: string | null | undefined): EventLevel {
  if (!text) return 'unknown';
  const t = text.trim();
  return /^\d{1,3}$/.test(t) ? levelFromNumber(Number(t)) : levelFromName(t);
}

/** An unsigned decimal number of at most 10 digits (event ids, instance ids, record numbers), else null. */
export function parseUnsigned(text: string): number | null {
  return unsignedAt(text, 0, text.length);
}

/** parseUnsigned of `text[start, end)`, without copying it out. */
export function unsignedAt(text: string, start: number, end: number): number | null {
  if (end <= start || end - start > 10) return null;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return n <= 0xffffffff ? n : null;
}

/** The record number a text holds, else null. */
function recordIdOf(text: string | null | undefined): number | null {
  return text ? parseUnsigned(text.trim()) : null;
}

/**
 * Classic (EventLog API) instance ids carry severity/customer/facility bits above the event id;
 * the id Event Viewer shows is the low 16 bits (1073742435 = 0x40000263 is event 611).
 */
export function eventIdFromInstanceId(instanceId: number): number {
  return instanceId & 0xffff;
}

/** The three time fields of a LogEvent from the time text as written. */
export function timeFields(timeText: string | null): TimeFields {
  if (timeText === null || timeText.trim().length === 0) return { timeText: null, time: null, sortTime: null };
  return { timeText, time: isoInstant(timeText), sortTime: parseLooseDate(timeText) };
}

export interface TimeFields {
  timeText: string | null;
  time: string | null;
  sortTime: number | null;
}

/** What a text reader takes from an event's text; `textEvent` derives the rest. */
export type TextEventFields = Pick<LogEvent, 'eventId' | 'source' | 'level' | 'levelText' | 'timeText' | 'message' | 'range' | 'idRange'>;

/**
 * A text reader's event: the time fields derived from the time text, the record id first (as in the
 * other readers' events) when the record id text is a number. Written as whole object literals: a
 * literal with spreads of optional fields is built field by field, and with a
 * record id into a slow dictionary, which made GC most of the read time on a large export.
 * `times`: the time fields, when the reader derived them already.
 */
export function textEvent(recordIdText: string | null, f: TextEventFields, times: TimeFields = timeFields(f.timeText)): LogEvent {
  const { timeText, time, sortTime } = times;
  const recordId = recordIdOf(recordIdText);
  const { eventId, source, level, levelText, message, range, idRange } = f;
  return recordId === null
    ? { eventId, source, level, levelText, timeText, time, sortTime, message, range, idRange }
    : { recordId, eventId, source, level, levelText, timeText, time, sortTime, message, range, idRange };
}

/** Joins message lines with `\n`: trailing spaces of each line and blank lines at either end removed. */
export function joinMessage(lines: readonly string[]): string {
  let first = 0;
  let last = lines.length;
  while (first < last && lines[first].trim().length === 0) first++;
  while (last > first && lines[last - 1].trim().length === 0) last--;
  // One line needs no copy: trimEnd returns the line itself when there is nothing to trim.
  if (last - first === 1) return lines[first].trimEnd();
  const out: string[] = [];
  for (let i = first; i < last; i++) out.push(lines[i].trimEnd());
  return out.join('\n');
}

/**
 * Collects runs of lines that belong to no event into one ReadError per run, so a pasted prompt or
 * trailing garbage becomes one diagnostic rather than one per line.
 */
export class StrayLines {
  /** The run's first line number, and its last line's number, start and end; `first` is -1 with no run. */
  private first = -1;
  private last = 0;
  private lastStart = 0;
  private end = 0;

  constructor(
    private readonly errors: ReadError[],
    private readonly what: string,
  ) {}

  /** Adds a line to the run; only its numbers are kept, so a LineCursor may be passed. */
  add(line: LineSpan): void {
    if (this.first === -1) this.first = line.n;
    this.last = line.n;
    this.lastStart = line.start;
    this.end = line.end;
  }

  /** Ends the current run (call when an event starts and at the end of the text). */
  flush(): void {
    if (this.first === -1) return;
    const first = this.first + 1;
    const last = this.last + 1;
    const where = first === last ? `Line ${first}` : `Lines ${first}–${last}`;
    this.errors.push({
      message: `${where} ${first === last ? 'is' : 'are'} not part of any ${this.what}.`,
      range: rangeAt(this.first, 0, this.last, this.end - this.lastStart),
    });
    this.first = -1;
  }
}

/** Bounds of `text[from, to)` with spaces and tabs trimmed from both ends. */
export function trimmedSpan(text: string, from: number, to: number): [number, number] {
  let s = from;
  let e = Math.min(to, text.length);
  while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
  while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  return [s, e];
}
