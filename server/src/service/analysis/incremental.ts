/**
 * Typing inside one event of a big log: rather than read the whole log again, read that one event
 * again (after the text before the first event, so the reader sees the header it expects) and keep
 * every other event as it was, moved along its line when it follows the edit there (Event Viewer's
 * XML puts the whole log on one line). Only edits that cannot move where events start or end
 * qualify: on one line, each inside one event, with no line break, quote, delimiter or tag bracket
 * typed or deleted, in a shape that reads events by such characters. Edits in several events (several
 * cursors, or keys typed in several places before the analysis caught up) are worked in an event at a
 * time. Anything else gives null, and the caller reads the whole text.
 */
import type { Finding, FormatId, LogEvent, Position, Range, ReadError } from '../model';
import type { CatalogueMatch } from './catalogue';
import { fieldsOf } from './fields';
import { userChanges } from './timeline/context';
import type { LogAnalysis } from './document';
import { readers } from '../formats/registry';
import type { FormatReader } from '../formats/reader';
import { isBefore, LineIndex, moveAlong, movedRange, movesInPlace, placeAfter } from '../formats/text';
import { analyzeEvents } from './eventFindings';
import { timelineSteps } from './timeline';
import { verdictSteps } from './verdict';
import { STEP, type Steps } from '../steps';

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

/** Events edited between two analyses that are worked in one at a time (several cursors); past this many the text is read whole. */
const MAX_EVENTS = 16;
/** Stretches of old and new text a line is composed of (see composed) past which it is read whole: each edit walks them all. */
const MAX_PIECES = 129;

export interface EditedAnalysis {
  analysis: LogAnalysis;
  /** How many characters longer the text is now. */
  lengthChange: number;
}

/** A change of one line, in the coordinates of the text with the changes left of it made: `inserted` characters replace `range`. */
interface LineChange {
  range: Range;
  inserted: number;
}

export function* reanalyzeEdited(previous: LogAnalysis, edits: readonly TextEdit[], textOf: (range: Range) => string): Steps<EditedAnalysis | null> {
  const reader = readers.find((r) => r.id === previous.read.format);
  if (!reader || !SHAPES.has(previous.read.format) || previous.read.events.length === 0) return null;
  const byLine = new Map<number, TextEdit[]>();
  for (const e of edits) {
    if (e.removed === null || e.range.start.line !== e.range.end.line || STRUCTURAL.test(e.text) || STRUCTURAL.test(e.removed)) return null;
    const line = byLine.get(e.range.start.line);
    if (line) line.push(e);
    else byLine.set(e.range.start.line, [e]);
  }
  // An edit on one line moves no other line, so each line's edits are worked in apart, top line
  // first: an event over several lines is then read last with its last line's edits, and so as it
  // ends now. On a line, the edits are made one change per stretch of the text as it was, and those
  // in one event are worked in together, leftmost event first: then each change's place is where the
  // analysis has that event, the events left of it having moved along the line already.
  const runs: LineChange[][] = [];
  for (const [line, lineEdits] of [...byLine].sort(([a], [b]) => a - b)) {
    let run: LineChange[] = [];
    let runEvent = -1;
    let shift = 0;
    const changes = composed(lineEdits);
    if (!changes) return null;
    for (const { from, to, inserted } of changes) {
      const event = eventAt(previous.read.events, { line, character: from });
      if (event === -1 || eventAt(previous.read.events, { line, character: to }) !== event) return null;
      if (event !== runEvent) runs.push((run = []));
      runEvent = event;
      run.push({ range: { start: { line, character: from + shift }, end: { line, character: to + shift } }, inserted });
      shift += inserted - (to - from);
    }
  }
  // Each event is read again alone and its findings made: past a few, one whole read costs less (a replace-all).
  if (runs.length > MAX_EVENTS) return null;
  let analysis = previous;
  let redoTimeline = false;
  let redoVerdict = false;
  for (const run of runs) {
    const edited = yield* reanalyzeEvent(analysis, reader, run, textOf);
    if (!edited) return null;
    ({ analysis } = edited);
    redoTimeline ||= edited.redoTimeline;
    redoVerdict ||= edited.redoVerdict;
  }
  // The timeline and verdict, which read the whole log, are worked out again once for all the events.
  if (redoVerdict) {
    const { read, matches, findings } = analysis;
    const timeline = redoTimeline ? yield* timelineSteps(read.events, matches) : analysis.timeline;
    analysis = { ...analysis, timeline, verdict: yield* verdictSteps(read.events, matches, [findings, timeline]) };
  }
  return { analysis, lengthChange: edits.reduce((n, e) => n + e.text.length - e.removed!.length, 0) };
}

/**
 * A line's edits, each made on the text the one before left, as changes of the line as it was: in
 * order and apart, the characters from..to-1 replaced by `inserted` new ones; null past MAX_PIECES.
 * (Several cursors on one line, each key typed at each: the edits interleave.)
 */
function composed(edits: readonly TextEdit[]): { from: number; to: number; inserted: number }[] | null {
  // The line as stretches of its old text (`from`..`to`) and of new characters (`from` -1, `to` their
  // count), those side by side joined; the last old stretch has no end.
  let pieces: { from: number; to: number }[] = [{ from: 0, to: Infinity }];
  for (const { range, text } of edits) {
    const s = range.start.character;
    const e = range.end.character;
    const next: typeof pieces = [];
    const add = (from: number, to: number) => {
      const last = next[next.length - 1];
      if (to === 0 && from === -1) return;
      if (last?.from === -1 && from === -1) last.to += to;
      else if (last && last.from !== -1 && last.to === from) last.to = to;
      else next.push({ from, to });
    };
    let at = 0;
    let placed = false;
    for (const p of pieces) {
      const fresh = p.from === -1;
      const start = at;
      at += fresh ? p.to : p.to - p.from;
      if (start < s) add(p.from, fresh ? Math.min(at, s) - start : p.from + Math.min(at, s) - start);
      if (!placed && at >= s) {
        add(-1, text.length);
        placed = true;
      }
      if (at > e) add(fresh ? -1 : p.from + Math.max(start, e) - start, fresh ? at - Math.max(start, e) : p.to);
    }
    if (next.length > MAX_PIECES) return null;
    pieces = next;
  }
  const changes: { from: number; to: number; inserted: number }[] = [];
  let old = 0;
  let inserted = 0;
  for (const p of pieces) {
    if (p.from === -1) {
      inserted += p.to;
      continue;
    }
    if (p.from > old || inserted > 0) changes.push({ from: old, to: p.from, inserted });
    old = p.to;
    inserted = 0;
  }
  return changes;
}

/**
 * reanalyzeEdited for the changes in one event (see reanalyzeEdited for their places), but for the
 * timeline and verdict when the event reads otherwise to them: then they are left as they were, and
 * `redoTimeline` or `redoVerdict` says so.
 */
function* reanalyzeEvent(previous: LogAnalysis, reader: FormatReader, edits: readonly LineChange[], textOf: (range: Range) => string): Steps<{ analysis: LogAnalysis; redoTimeline: boolean; redoVerdict: boolean } | null> {
  const { read } = previous;
  const line = edits[0].range.start.line;
  const index = eventAt(read.events, edits[0].range.start);
  if (index === -1) return null;
  const event = read.events[index];
  const { start } = event.range;
  // The event's end moves with the edits when they are on its last line.
  let end = event.range.end;
  for (const e of edits) {
    if (line === start.line && e.range.start.character < start.character) return null;
    if (line === end.line) {
      if (e.range.end.character > end.character) return null;
      end = { line, character: end.character + e.inserted - (e.range.end.character - e.range.start.character) };
    }
  }

  const head = textOf({ start: { line: 0, character: 0 }, end: read.events[0].range.start });
  const again = reader.read(head + textOf({ start, end }));
  if (again.events.length !== 1 || again.errors.length !== 0) return null;
  const at = placeAfter(new LineIndex(head).positionAt(head.length), start);
  const [alone] = again.events;
  const fresh: LogEvent = { ...alone, range: movedRange(alone.range, at), idRange: movedRange(alone.idRange, at) };
  // Read alone, the event must still cover exactly its text, or the edit changed where it ends.
  if (!samePosition(fresh.range.start, start) || !samePosition(fresh.range.end, end)) return null;

  // What changes is worked out first, the lists left as they are (requests meanwhile read them).
  const one = analyzeEvents({ format: read.format, events: [fresh], errors: [] });
  const from = firstFindingAfter(previous.findings, index);
  const replaced = previous.findings.slice(from, firstFindingAfter(previous.findings, index + 1));
  const kept = sameForTimeline(event, fresh, previous.matches[index], one.matches[0]);
  // The verdict reads the same then too, when the event's own findings say what they said: it
  // counts and ranks findings by rule, severity and message, and reads events as the timeline does.
  const sameVerdict = kept && sameSayings(replaced, one.findings);
  // The events after it on the edited line move along by what the edit added; `moved` ends them.
  const along = line === event.range.end.line ? end.character - event.range.end.character : 0;
  const shift = (p: Position): Position => (p.line === line ? { line, character: p.character + along } : p);
  const shiftRange = (r: Range): Range => movedRange(r, shift);
  let moved = index + 1;
  // Whether their ranges can be moved where they stand (see moveAlong), found out on the way, in steps:
  // looked at again in the step that moves them, half a one-line log's events took it 4-6 ms.
  let movable = true;
  while (along !== 0 && moved < read.events.length && read.events[moved].range.start.line === line) {
    if ((moved - index) % STEP === 0) yield;
    const { range, idRange } = read.events[moved];
    movable &&= movesInPlace(range) && movesInPlace(idRange);
    moved++;
  }
  // Parts that could not be read lie between events; those after the edit on its line move too.
  const afterEdit = ({ range: r }: ReadError): boolean => r.start.line === line && r.start.character >= event.range.end.character;
  const errors = along !== 0 && read.errors.some(afterEdit) ? read.errors.map((e) => (afterEdit(e) ? { ...e, range: shiftRange(e.range) } : e)) : read.errors;

  // Typing that leaves what the log says as it was (the usual case) changes the big lists in place, with
  // no pause from the first change to the last: the analysis before is superseded, and its lists keep
  // their lengths. Copying them at each key put ~11 MB on the heap of a million-event log, and made V8
  // collect the whole heap more often, which now and then stopped the server for 100-380 ms. The events
  // moved along the line are moved where they stand too (the findings on them share their ID's range):
  // new copies of half a one-line log's events at each pause filled V8's young generation, whose
  // collections then stopped the server for 5-10 ms at a time. Otherwise the timeline and verdict are
  // worked out again in steps, over copies, which requests read meanwhile must not see half changed.
  const inPlace = sameVerdict && movable;
  const copies = inPlace ? null : yield* movedCopies(previous, index + 1, moved, shiftRange);
  const events = sameVerdict ? read.events : read.events.slice();
  if (!sameVerdict) yield;
  events[index] = fresh;
  if (inPlace) moveAlongInPlace(events, index + 1, moved, line, along);
  const movedEvents = copies?.events ?? [];
  for (let k = 0; k < movedEvents.length; k++) events[index + 1 + k] = movedEvents[k];
  const matches = sameVerdict ? previous.matches : previous.matches.slice();
  matches[index] = one.matches[0];
  if (!sameVerdict) yield;
  const findings = sameVerdict ? previous.findings : previous.findings.slice();
  findings.splice(from, replaced.length, ...one.findings.map((f) => ({ ...f, eventIndex: index })));
  const movedFindings = copies?.findings ?? [];
  const movedFrom = from + one.findings.length;
  for (let k = 0; k < movedFindings.length; k++) findings[movedFrom + k] = movedFindings[k];
  const timeline = kept ? movedTo(previous.timeline, events, index, inPlace ? index + 1 : moved) : previous.timeline;
  const analysis: LogAnalysis = { kind: 'log', read: { format: read.format, events, errors }, matches, findings, timeline, verdict: previous.verdict };
  return { analysis, redoTimeline: !kept, redoVerdict: !sameVerdict };
}

/** Events from..to-1 with their ranges moved by `shiftRange`, and the findings on them placed on their moved IDs. */
function* movedCopies(previous: LogAnalysis, from: number, to: number, shiftRange: (r: Range) => Range): Steps<{ events: LogEvent[]; findings: Finding[] }> {
  const events: LogEvent[] = [];
  for (let i = from; i < to; i++) {
    if ((i - from + 1) % STEP === 0) yield;
    const e = previous.read.events[i];
    events.push({ ...e, range: shiftRange(e.range), idRange: shiftRange(e.idRange) });
  }
  // A finding about an event is placed on its ID.
  const findings: Finding[] = [];
  for (let first = firstFindingAfter(previous.findings, from), i = first, stop = firstFindingAfter(previous.findings, to); i < stop; i++) {
    if (i > first && (i - first) % STEP === 0) yield;
    const f = previous.findings[i];
    findings.push({ ...f, range: events[f.eventIndex! - from].idRange });
  }
  return { events, findings };
}

/** Moves the ranges of events from..to-1 along `line` by `along` characters, where they stand. */
function moveAlongInPlace(events: readonly LogEvent[], from: number, to: number, line: number, along: number): void {
  for (let i = from; i < to; i++) {
    const { range, idRange } = events[i];
    moveAlong(range, line, along);
    if (idRange !== range) moveAlong(idRange, line, along);
  }
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

/** The timeline findings with those on events from..to-1 (the edited one and those it moved) placed on their IDs as they are now. */
function movedTo(timeline: Finding[], events: readonly LogEvent[], from: number, to: number): Finding[] {
  const on = (f: Finding) => f.eventIndex !== undefined && f.eventIndex >= from && f.eventIndex < to;
  if (!timeline.some(on)) return timeline;
  return timeline.map((f) => (on(f) ? { ...f, range: events[f.eventIndex!].idRange } : f));
}

/** The event whose text holds `p` (from its start to its end, both included); else -1. */
function eventAt(events: readonly LogEvent[], p: Position): number {
  let lo = 0;
  let hi = events.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (!isBefore(p, events[mid].range.start)) lo = mid;
    else hi = mid - 1;
  }
  const { start, end } = events[lo].range;
  return isBefore(p, start) || isBefore(end, p) ? -1 : lo;
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
