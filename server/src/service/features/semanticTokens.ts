/**
 * Semantic tokens: the parts of a log worth picking out — level, source, event ID, DNs, error codes,
 * dates. Logs over 20 MB or 300,000 lines lose TextMate colouring in VS Code
 * (`editor.largeFileOptimizations`), so for the logs that most need it this is the only colour.
 *
 * Legend (standard LSP token types, so every theme colours them without help):
 *
 * | log text    | token type | modifiers                                    |
 * |-------------|------------|----------------------------------------------|
 * | level       | `keyword`  | `error` / `warning` / `information`          |
 * | source      | `type`     |                                              |
 * | event ID    | `number`   | the catalogue severity, when recognised      |
 * | DN          | `string`   |                                              |
 * | error code  | `number`   | `errorCode`                                  |
 * | date / time | `variable` |                                              |
 *
 * The modifiers are our own; themes ignore them, but `editor.semanticTokenColorCustomizations` can
 * use them (`"number.errorCode"`, `"*.error"`).
 */
import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { EventLevel, FormatId, LogEvent, Severity } from '../model';
import type { LogAnalysis } from '../analysis/document';
import { isBefore, LineIndex, type TextLines } from '../formats/text';
import { firstEventEndingAfter } from './eventSearch';
import { runToEnd, type Steps } from '../steps';

export const semanticTokenTypes = ['keyword', 'type', 'number', 'string', 'variable'] as const;
export const semanticTokenModifiers = ['error', 'warning', 'information', 'errorCode'] as const;

export const logSemanticTokensLegend: SemanticTokensLegend = {
  tokenTypes: [...semanticTokenTypes],
  tokenModifiers: [...semanticTokenModifiers],
};

type TokenType = (typeof semanticTokenTypes)[number];
type TokenModifier = (typeof semanticTokenModifiers)[number];

/** What each kind of log text is coloured as (the table above, as data). */
export const logTokenKinds = {
  level: 'keyword',
  source: 'type',
  eventId: 'number',
  dn: 'string',
  errorCode: 'number',
  date: 'variable',
} as const satisfies Record<string, TokenType>;

/**
 * Text read for a full-document request. Each token costs five integers of JSON, and a 50 MB log
 * holds millions of them: past this the answer would take seconds to build and to send. The editor
 * asks for the visible range while no full answer has arrived, so a host should answer the full
 * request of a bigger document with a ServerCancelled error (see `exceedsFullSemanticTokensLimit`)
 * and let range requests colour what is on screen; called anyway, the full request covers only
 * this much of the text.
 */
export const FULL_SEMANTIC_TOKENS_LIMIT = 20 * 1024 * 1024;

/**
 * Average line length past which a document bigger than a range's worth of text gets no full answer
 * either: Event Viewer's one-line XML. VS Code draws at most 10,000 characters of an unwrapped line
 * (`editor.stopRenderingLineAfter`), yet laying out the tens of thousands of tokens of a 12 MB line
 * held code-server's window for 2.5-6 s after opening, the diagnostics and status bar with it.
 */
export const LONG_LINES = 10_000;

/** Whether a full answer is refused; `text` may be a host's document, whose lines it has counted already. */
export function exceedsFullSemanticTokensLimit(text: string | TextLines): boolean {
  if (text.length > FULL_SEMANTIC_TOKENS_LIMIT) return true;
  if (text.length <= RANGE_SEMANTIC_TOKENS_LIMIT) return false;
  const enough = text.length / LONG_LINES;
  return (typeof text === 'string' ? linesUpTo(text, enough) : text.lineCount) < enough;
}

/** The text's lines, counted only until there are `enough` (an ordinary log stops early). */
function linesUpTo(text: string, enough: number): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && lines < enough; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/**
 * Text read for a range request, from the range's start. The editor asks for whole visible lines, so
 * on a one-line XML export a range is the whole log: 0.8 s and 9 MB of answer for 100 MB, again at every
 * scroll. Unwrapped, VS Code draws a line only up to `editor.stopRenderingLineAfter` (10,000 characters
 * by default); wrapped, it asks for the stretch on screen. A screen of ordinary lines is far below this.
 */
export const RANGE_SEMANTIC_TOKENS_LIMIT = 1024 * 1024;

/**
 * Lines searched around the event ID for its level, source and date. Header blocks are short, but
 * Get-EventLog's Format-List puts Source and TimeGenerated after a message that may run for dozens.
 */
const HEADER_LINES = 40;

/**
 * DNs, error codes and dates in message text. Each alternative opens on fixed text, value classes
 * exclude the separator that follows them, and none crosses a line break: one linear pass per line.
 */
const TEXT_TOKENS = new RegExp(
  [
    // A DN: CN/OU/DC=value, then more RDNs (escaped commas allowed); not inside a base64 anchor.
    String.raw`(?<dn>(?<![\w+/=])(?:CN|OU|DC)=(?:\\.|[^\\,\r\n"<>])*(?:, ?(?:CN|OU|DC|O|L|ST|C|STREET|UID)=(?:\\.|[^\\,\r\n"<>])*)*)`,
    String.raw`(?<code>\bRPC Error \d+|\bError Code:[ \t]*\d+|\b0x8[0-9A-F]{7}\b)`,
    // ISO 8601, or a locale date with a time (a version number such as 1.0.6455 has no time).
    String.raw`(?<date>\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?|(?<![\d.])\d{1,2}[./-]\d{1,2}[./-]\d{4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M\b)?)`,
  ].join('|'),
  'gi',
);

interface RawToken {
  line: number;
  start: number;
  length: number;
  type: number;
  modifiers: number;
}

const typeIndex = (type: TokenType): number => semanticTokenTypes.indexOf(type);
const modifierBit = (modifier: TokenModifier | null): number => (modifier ? 1 << semanticTokenModifiers.indexOf(modifier) : 0);

/** The line index of an analysed text, built once per document version (analyses are cached that way). */
const lineIndexes = new WeakMap<LogAnalysis, LineIndex>();

function lineIndexOf(analysis: LogAnalysis, text: string): LineIndex {
  const cached = lineIndexes.get(analysis);
  if (cached && cached.text === text) return cached;
  const index = new LineIndex(text);
  lineIndexes.set(analysis, index);
  return index;
}

/**
 * Tokens of the whole document, or of `range` only. A range request reads only the events and the
 * text inside the range, at most RANGE_SEMANTIC_TOKENS_LIMIT of it (binary search over the events, then
 * a slice of the text); it never scans the rest of the document. `text` is the document's text, whose
 * line index is then built once per document version, or the host's document read by its own lines
 * (see TextLines), which after an edit need not be joined into one string and indexed again.
 */
export function logSemanticTokens(analysis: LogAnalysis, text: string | TextLines, range?: Range): SemanticTokens {
  return runToEnd(logSemanticTokensSteps(analysis, text, range));
}

/** Events placed, or text tokens found, between two pauses (a step then takes about a millisecond). */
const TOKENS_STEP = 64;
/** Tokens merged or encoded between two pauses. */
const MERGE_STEP = 8192;
/** Text searched for tokens a window at a time, each ending after a line break (no token crosses one). */
const TEXT_WINDOW = 1 << 16;

/**
 * logSemanticTokens in steps (see steps.ts): a full answer for a 10 MB log took 0.3-0.8 s in one piece,
 * and an editor asks for it again after every change.
 */
export function* logSemanticTokensSteps(analysis: LogAnalysis, text: string | TextLines, range?: Range): Steps<SemanticTokens> {
  const index = typeof text === 'string' ? lineIndexOf(analysis, text) : text;
  const from = range ? index.offsetAt(range.start) : 0;
  const to = range ? Math.min(Math.max(from, index.offsetAt(range.end)), from + RANGE_SEMANTIC_TOKENS_LIMIT) : Math.min(text.length, FULL_SEMANTIC_TOKENS_LIMIT);
  const exact = yield* eventTokens(analysis, index, from, to);
  const found = yield* textTokens(index, from, to);
  return { data: yield* encode(yield* merge(exact, found)) };
}

/** Tokens placed from what the reader parsed: the ID token exactly, level/source/date near it. */
function* eventTokens(analysis: LogAnalysis, index: TextLines, from: number, to: number): Steps<RawToken[]> {
  const { events, format } = analysis.read;
  const tokens: RawToken[] = [];
  const add = (start: number, length: number, type: TokenType, modifier: TokenModifier | null) => {
    if (length <= 0 || start < from || start + length > to) return;
    const position = index.positionAt(start);
    tokens.push({ line: position.line, start: position.character, length, type: typeIndex(type), modifiers: modifierBit(modifier) });
  };
  const windowEnd = index.positionAt(to);
  for (let i = firstEventEndingAfter(events, index.positionAt(from)), n = 1; i < events.length; i++, n++) {
    if (n % TOKENS_STEP === 0) yield;
    const event = events[i];
    if (isBefore(windowEnd, event.range.start)) break;
    const first = tokens.length;
    const match = analysis.matches[i];
    const { idRange } = event;
    if (!event.eventIdInferred && event.eventId !== null && idRange.start.line === idRange.end.line) {
      const start = index.offsetAt(idRange.start);
      add(start, index.offsetAt(idRange.end) - start, logTokenKinds.eventId, match ? severityModifier(match.entry.severity) : null);
    }
    const fields = new HeaderSearch(event, index, format);
    if (event.levelText) {
      const level = fields.find(event.levelText);
      if (level !== -1) add(level, event.levelText.length, logTokenKinds.level, levelModifier(event.level));
    }
    if (event.source) {
      const source = fields.find(event.source);
      if (source !== -1) add(source, event.source.length, logTokenKinds.source, null);
    }
    if (event.timeText) {
      const time = fields.find(event.timeText);
      if (time !== -1) add(time, event.timeText.length, logTokenKinds.date, null);
    }
    // An event's few tokens put in order where they stand: events come in file order, so the whole list then is.
    for (let k = first + 1; k < tokens.length; k++) {
      for (let j = k; j > first && byPosition(tokens[j - 1], tokens[j]) > 0; j--) [tokens[j - 1], tokens[j]] = [tokens[j], tokens[j - 1]];
    }
  }
  return tokens;
}

/**
 * Finds an event's own field values (level, source, date) in its text, nearest the event ID first:
 * left of the ID on its line, the lines above, right of the ID, the lines below — within the event
 * and at most HEADER_LINES away. PowerShell's Export-Csv writes the message first and the fields after
 * the ID, so there the right side comes first. A value must stand alone (not inside a longer word), so
 * the level "Error" is not found in "RPC Error 8439".
 */
class HeaderSearch {
  private readonly segments: { from: number; to: number; backwards: boolean }[];

  constructor(event: LogEvent, private readonly index: TextLines, format: FormatId) {
    const eventStart = index.offsetAt(event.range.start);
    const eventEnd = index.offsetAt(event.range.end);
    const idLine = event.idRange.start.line;
    const idStart = index.offsetAt(event.idRange.start);
    const idEnd = index.offsetAt(event.idRange.end);
    const before = [{ from: Math.max(eventStart, index.lineStart(idLine)), to: idStart, backwards: true }];
    for (let line = idLine - 1; line >= Math.max(event.range.start.line, idLine - HEADER_LINES); line--) {
      before.push({ from: Math.max(eventStart, index.lineStart(line)), to: index.lineEnd(line), backwards: true });
    }
    const after = [{ from: idEnd, to: Math.min(eventEnd, index.lineEnd(idLine)), backwards: false }];
    for (let line = idLine + 1; line <= Math.min(event.range.end.line, idLine + HEADER_LINES); line++) {
      after.push({ from: index.lineStart(line), to: Math.min(eventEnd, index.lineEnd(line)), backwards: false });
    }
    this.segments = format === 'powershell-export-csv' ? [...after, ...before] : [...before, ...after];
  }

  /** Offset of the value, or -1. A numeric level is XML's `<Level>2</Level>`, looked for as such. */
  find(value: string): number {
    if (value.length === 0 || /[\r\n]/.test(value)) return -1;
    const numeric = /^\d+$/.test(value);
    const needle = numeric ? `<Level>${value}</Level>` : value;
    const shift = numeric ? '<Level>'.length : 0;
    const { index } = this;
    for (const { from, to, backwards } of this.segments) {
      if (to - from < needle.length) continue;
      // Searched within the segment's own slice: on the whole text, a value missing from the segment
      // sent the search on to the start or end of the document, once per event (XML puts the level
      // and time after the ID, so every event missed before it). The slice has the character on
      // each side of the segment too, which says whether a value found at its edge stands alone.
      const before = from > 0 ? 1 : 0;
      const area = index.slice(from - before, Math.min(index.length, to + 1));
      const last = before + to - from - needle.length;
      let at = backwards ? area.lastIndexOf(needle, last) : area.indexOf(needle, before);
      while (at !== -1 && at >= before && at <= last) {
        if (numeric || standsAlone(area, at, needle.length)) return from - before + at + shift;
        at = backwards ? (at === 0 ? -1 : area.lastIndexOf(needle, at - 1)) : area.indexOf(needle, at + 1);
      }
    }
    return -1;
  }
}

const wordChar = /[\p{L}\p{N}_]/u;

/** Whether text[at, at + length) has no letter, digit or underscore right before or after it in `text`. */
function standsAlone(text: string, at: number, length: number): boolean {
  return !(at > 0 && wordChar.test(text[at - 1])) && !(at + length < text.length && wordChar.test(text[at + length]));
}

/** DNs, error codes and dates between `from` and `to`, by one linear regex over the text, a window at a time. */
function* textTokens(index: TextLines, from: number, to: number): Steps<RawToken[]> {
  const tokens: RawToken[] = [];
  // A pattern of its own: the search resumes from its lastIndex after each pause, and another
  // request's steps may search meanwhile.
  const pattern = new RegExp(TEXT_TOKENS);
  for (let start = from; start < to; ) {
    const { text: slice, end } = textWindow(index, start, to);
    yield* windowTokens(index, slice, start, pattern, tokens);
    start = end;
  }
  return tokens;
}

/**
 * The text from `start` up to TEXT_WINDOW characters on, cut after its last line break, or, when it
 * has none, run on to the next one (or to `to`).
 */
function textWindow(index: TextLines, start: number, to: number): { text: string; end: number } {
  let end = Math.min(to, start + TEXT_WINDOW);
  let text = index.slice(start, end);
  if (end === to) return { text, end };
  const last = text.lastIndexOf('\n');
  if (last !== -1) return { text: text.slice(0, last + 1), end: start + last + 1 };
  while (end < to) {
    const more = index.slice(end, Math.min(to, end + TEXT_WINDOW));
    const nl = more.indexOf('\n');
    if (nl !== -1) return { text: text + more.slice(0, nl + 1), end: end + nl + 1 };
    text += more;
    end += more.length;
  }
  return { text, end };
}

/** The tokens of one window of text, which starts at offset `from`, added to `tokens`. */
function* windowTokens(index: TextLines, slice: string, from: number, pattern: RegExp, tokens: RawToken[]): Steps<void> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice), n = 1; m; m = pattern.exec(slice), n++) {
    if (n % TOKENS_STEP === 0) yield;
    let text = m[0];
    let type: TokenType;
    let modifier: TokenModifier | null = null;
    if (m.groups?.dn !== undefined) {
      // A sentence may end right after the DN ("…,DC=local."); the full stop is not part of it.
      // A DN cut short by Format-Table ("CN=...") has no value left and is no DN.
      text = text.replace(/[\s.]+$/, '');
      if (text.endsWith('=')) continue;
      type = logTokenKinds.dn;
    } else if (m.groups?.code !== undefined) {
      type = logTokenKinds.errorCode;
      modifier = 'errorCode';
    } else {
      type = logTokenKinds.date;
    }
    if (text.length === 0) continue;
    const { line, character } = index.positionAt(from + m.index);
    tokens.push({ line, start: character, length: text.length, type: typeIndex(type), modifiers: modifierBit(modifier) });
  }
  yield;
}

function byPosition(a: RawToken, b: RawToken): number {
  return a.line - b.line || a.start - b.start;
}

function inOrder(tokens: RawToken[]): boolean {
  for (let k = 1; k < tokens.length; k++) if (byPosition(tokens[k - 1], tokens[k]) > 0) return false;
  return true;
}

/** Both lists sorted, overlaps removed; a token placed from the parsed event wins over a text match. */
function* merge(exact: RawToken[], found: RawToken[]): Steps<RawToken[]> {
  // In order already (see eventTokens) unless events overlap.
  if (!inOrder(exact)) exact.sort(byPosition);
  yield;
  const kept: RawToken[] = [];
  for (let k = 0; k < exact.length; k++) {
    if ((k + 1) % MERGE_STEP === 0) yield;
    const t = exact[k];
    const last = kept[kept.length - 1];
    if (last && last.line === t.line && last.start + last.length > t.start) continue;
    kept.push(t);
  }
  yield;
  const out: RawToken[] = [];
  let i = 0;
  for (let k = 0; k < found.length; k++) {
    if ((k + 1) % MERGE_STEP === 0) yield;
    const t = found[k];
    // Exact tokens wholly before this one go out first.
    while (i < kept.length && (kept[i].line < t.line || (kept[i].line === t.line && kept[i].start + kept[i].length <= t.start))) out.push(kept[i++]);
    const next = kept[i];
    if (next && next.line === t.line && next.start < t.start + t.length) continue;
    out.push(t);
  }
  while (i < kept.length) out.push(kept[i++]);
  return out;
}

/** LSP's relative encoding: five integers per token, line and start as deltas from the previous. */
function* encode(tokens: RawToken[]): Steps<number[]> {
  // Made at its length: grown by push, a million numbers were copied whole now and then, in one step.
  const data = new Array<number>(tokens.length * 5);
  let at = 0;
  let line = 0;
  let start = 0;
  for (let k = 0; k < tokens.length; k++) {
    if ((k + 1) % MERGE_STEP === 0) yield;
    const t = tokens[k];
    const deltaLine = t.line - line;
    data[at++] = deltaLine;
    data[at++] = deltaLine === 0 ? t.start - start : t.start;
    data[at++] = t.length;
    data[at++] = t.type;
    data[at++] = t.modifiers;
    line = t.line;
    start = t.start;
  }
  return data;
}

function severityModifier(severity: Severity): TokenModifier {
  return severity === 'error' || severity === 'warning' ? severity : 'information';
}

function levelModifier(level: EventLevel): TokenModifier | null {
  switch (level) {
    case 'critical':
    case 'error':
    case 'audit-failure':
      return 'error';
    case 'warning':
      return 'warning';
    case 'information':
    case 'verbose':
    case 'audit-success':
      return 'information';
    default:
      return null;
  }
}
