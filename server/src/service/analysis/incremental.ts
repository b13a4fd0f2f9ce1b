/**
 * Typing inside one event of a big log: rather than read the whole log again, read that one event
 * again (after the text before the first event, so the reader sees the header it expects) and keep
 * every other event as it was. Only edits that cannot move where events start or end qualify: on one
 * line, inside one event that shares its lines with no other, with no line break, quote, delimiter or
 * tag bracket typed or deleted, in a shape that reads events by such characters. Anything else gives
 * null, and the caller reads the whole text.
 */
import type { Finding, FormatId, LogEvent, Position, Range } from '../model';
import type { CatalogueMatch } from './catalogue';
import { fieldsOf } from './fields';
import { userChanges } from './timeline/context';
import type { LogAnalysis } from './document';
import { readers } from '../formats/registry';
import { LineIndex } from '../formats/text';
import { analyzeEvents } from './eventFindings';
import { timelineSteps } from './timeline';
import { verdictSteps } from './verdict';
import type { Steps } from '../steps';

/** One change of a document, as the host recorded it. */
export interface TextEdit {
  /** The version the change produced. */
  version: number;
  range: Range;
  text: string;
  /** The text the change replaced; null when it was too long to keep. */
  removed: string | null;
}

/** Shapes whose events start and end only at the characters in STRUCTURAL. */
const SHAPES = new Set<FormatId>(['event-viewer-csv', 'event-viewer-txt', 'powershell-export-csv', 'event-viewer-xml', 'evtx']);
const STRUCTURAL = /[\r\n"\t,;<>&]/;

export interface EditedAnalysis {
  analysis: LogAnalysis;
  /** How many characters longer the text is now. */
  lengthChange: number;
}

export function* reanalyzeEdited(previous: LogAnalysis, edits: readonly TextEdit[], textOf: (range: Range) => string): Steps<EditedAnalysis | null> {
  const { read } = previous;
  const reader = readers.find((r) => r.id === read.format);
  if (!reader || !SHAPES.has(read.format) || edits.length === 0 || read.events.length === 0) return null;
  const line = edits[0].range.start.line;
  for (const e of edits) {
    if (e.removed === null || e.range.start.line !== line || e.range.end.line !== line || STRUCTURAL.test(e.text) || STRUCTURAL.test(e.removed)) return null;
  }
  const index = eventOnLine(read.events, line);
  if (index === -1) return null;
  const event = read.events[index];
  const { start } = event.range;
  // The event's end moves with the edits when they are on its last line.
  let end = event.range.end;
  for (const e of edits) {
    if (line === start.line && e.range.start.character < start.character) return null;
    if (line === end.line) {
      if (e.range.end.character > end.character) return null;
      end = { line, character: end.character + e.text.length - (e.range.end.character - e.range.start.character) };
    }
  }

  const head = textOf({ start: { line: 0, character: 0 }, end: read.events[0].range.start });
  const again = reader.read(head + textOf({ start, end }));
  if (again.events.length !== 1 || again.errors.length !== 0) return null;
  const at = placeAfter(head, start);
  const fresh: LogEvent = { ...again.events[0], range: { start: at(again.events[0].range.start), end: at(again.events[0].range.end) }, idRange: { start: at(again.events[0].idRange.start), end: at(again.events[0].idRange.end) } };
  // Read alone, the event must still cover exactly its text, or the edit changed where it ends.
  if (!samePosition(fresh.range.start, start) || !samePosition(fresh.range.end, end)) return null;

  // Copies of the big lists with the one event swapped, each its own step.
  const events = read.events.slice();
  events[index] = fresh;
  yield;
  const one = analyzeEvents({ format: read.format, events: [fresh], errors: [] });
  const matches = previous.matches.slice();
  matches[index] = one.matches[0];
  yield;
  const findings = previous.findings.slice();
  const from = firstFindingAfter(findings, index);
  const replaced = findings.splice(from, firstFindingAfter(findings, index + 1) - from, ...one.findings.map((f) => ({ ...f, eventIndex: index })));
  yield;
  const kept = sameForTimeline(event, fresh, previous.matches[index], matches[index]);
  const timeline = kept ? movedTo(previous.timeline, index, fresh) : yield* timelineSteps(events, matches);
  // The verdict reads the same then too, when the event's own findings say what they said: it
  // counts and ranks findings by rule, severity and message, and reads events as the timeline does.
  const verdict = kept && sameSayings(replaced, one.findings) ? previous.verdict : yield* verdictSteps(events, matches, [findings, timeline]);
  const analysis: LogAnalysis = { kind: 'log', read: { format: read.format, events, errors: read.errors }, matches, findings, timeline, verdict };
  return { analysis, lengthChange: edits.reduce((n, e) => n + e.text.length - (e.removed?.length ?? 0), 0) };
}

/**
 * Whether the timeline rules read the same from the edited event as from the one it replaces. They see
 * an event through its time and catalogue entry and, when it is a password-sync event, through the
 * fields and users of its message, its time text, source and ID. Typing elsewhere in a message (a
 * note, a typo mended) then leaves the timeline as it was, and it is not worked out again over the
 * whole log.
 */
function sameForTimeline(before: LogEvent, after: LogEvent, beforeMatch: CatalogueMatch | null, afterMatch: CatalogueMatch | null): boolean {
  if (before.sortTime !== after.sortTime || (beforeMatch?.entry ?? null) !== (afterMatch?.entry ?? null)) return false;
  if (afterMatch === null) return true;
  return before.timeText === after.timeText && before.source === after.source
    && JSON.stringify(fieldsOf(before)) === JSON.stringify(fieldsOf(after))
    && JSON.stringify(userChanges(before.message)) === JSON.stringify(userChanges(after.message));
}

/** Whether two lists of findings give the same rules, severities and messages, in order. */
function sameSayings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((f, i) => f.rule === b[i].rule && f.severity === b[i].severity && f.message === b[i].message);
}

/** The timeline findings with those on the edited event placed on its ID as it is now. */
function movedTo(timeline: Finding[], index: number, event: LogEvent): Finding[] {
  if (!timeline.some((f) => f.eventIndex === index)) return timeline;
  return timeline.map((f) => (f.eventIndex === index ? { ...f, range: event.idRange } : f));
}

/** The event whose lines hold `line` when no other event touches those lines; else -1. */
function eventOnLine(events: readonly LogEvent[], line: number): number {
  let lo = 0;
  let hi = events.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (events[mid].range.start.line <= line) lo = mid;
    else hi = mid - 1;
  }
  const e = events[lo];
  if (e.range.start.line > line || lastLine(e) < line) return -1;
  if (lo > 0 && lastLine(events[lo - 1]) >= e.range.start.line) return -1;
  if (lo + 1 < events.length && events[lo + 1].range.start.line <= lastLine(e)) return -1;
  return lo;
}

/** The last line an event's text is on (a range may end at the start of the next line). */
function lastLine(e: LogEvent): number {
  const { start, end } = e.range;
  return end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
}

/** Maps positions in `head + event text` to the document, where the event text starts at `start`. */
function placeAfter(head: string, start: Position): (p: Position) => Position {
  // Counted as the reader counts lines in `head + event text`.
  const { line: headLines, character: lastLineLength } = new LineIndex(head).positionAt(head.length);
  return (p) => (p.line === headLines
    ? { line: start.line, character: start.character + p.character - lastLineLength }
    : { line: start.line + p.line - headLines, character: p.character });
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/** Where the findings of event `index` go among findings ordered by event. */
function firstFindingAfter(findings: readonly { eventIndex?: number }[], index: number): number {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((findings[mid].eventIndex ?? -1) < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
