/**
 * Pieces the text-shaped readers share: lines with their offsets, level names, event ids, times and
 * message assembly. Kept free of any one shape so each reader file holds only its own layout.
 */
import type { EventLevel, ReadError } from '../model';
import { isoInstant, parseLooseDate } from './dates';
import type { LineIndex } from './text';

/** One line of the text: `start` is its first offset, `end` the end of its content (before CR/LF). */
export interface Line {
  /** 0-based line number. */
  n: number;
  start: number;
  end: number;
  text: string;
}

/** Splits text into lines without copying more than once; CRLF and LF both end a line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let n = 0;
  for (;;) {
    const lf = text.indexOf('\n', start);
    const stop = lf === -1 ? text.length : lf;
    const end = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
    lines.push({ n: n++, start, end, text: text.slice(start, end) });
    if (lf === -1) break;
    start = lf + 1;
  }
  return lines;
}

/** True when the line holds only whitespace. */
export function isBlank(line: Line): boolean {
  return line.text.trim().length === 0;
}

/** Number of leading spaces/tabs. */
export function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
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
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n <= 0xffffffff ? n : null;
}

/** `{ recordId }` when the text is a record number, else `{}` (so the key is absent rather than undefined). */
export function recordIdField(text: string | null | undefined): { recordId?: number } {
  const n = text ? parseUnsigned(text.trim()) : null;
  return n === null ? {} : { recordId: n };
}

/**
 * Classic (EventLog API) instance ids carry severity/customer/facility bits above the event id;
 * the id Event Viewer shows is the low 16 bits (1073742435 = 0x40000263 is event 611).
 */
export function eventIdFromInstanceId(instanceId: number): number {
  return instanceId & 0xffff;
}

/** The three time fields of a LogEvent from the time text as written. */
export function timeFields(timeText: string | null): { timeText: string | null; time: string | null; sortTime: number | null } {
  if (timeText === null || timeText.trim().length === 0) return { timeText: null, time: null, sortTime: null };
  return { timeText, time: isoInstant(timeText), sortTime: parseLooseDate(timeText) };
}

/** Joins message lines with `\n`: trailing spaces of each line and blank lines at either end removed. */
export function joinMessage(lines: readonly string[]): string {
  let first = 0;
  let last = lines.length;
  while (first < last && lines[first].trim().length === 0) first++;
  while (last > first && lines[last - 1].trim().length === 0) last--;
  const out: string[] = [];
  for (let i = first; i < last; i++) out.push(lines[i].trimEnd());
  return out.join('\n');
}

/**
 * Collects runs of lines that belong to no event into one ReadError per run, so a pasted prompt or
 * trailing garbage becomes one diagnostic rather than one per line.
 */
export class StrayLines {
  private runStart: Line | null = null;
  private runEnd: Line | null = null;

  constructor(
    private readonly index: LineIndex,
    private readonly errors: ReadError[],
    private readonly what: string,
  ) {}

  add(line: Line): void {
    if (this.runStart === null) this.runStart = line;
    this.runEnd = line;
  }

  /** Ends the current run (call when an event starts and at the end of the text). */
  flush(): void {
    if (this.runStart === null || this.runEnd === null) return;
    const first = this.runStart.n + 1;
    const last = this.runEnd.n + 1;
    const where = first === last ? `Line ${first}` : `Lines ${first}–${last}`;
    this.errors.push({
      message: `${where} ${first === last ? 'is' : 'are'} not part of any ${this.what}.`,
      range: this.index.range(this.runStart.start, this.runEnd.end),
    });
    this.runStart = null;
    this.runEnd = null;
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
