/** Whole files from disk (the CLI, and logs too big for the editor): bytes in, one report out. */
import { closeSync, fstatSync, openSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding, FormatId, LogEvent, ReadError, ReadResult } from './model';
import type { Verdict } from './analysis/verdict';
import { analyzeLogSteps, analyzeLogText, analyzeReadSteps, analyzeScriptText, isScriptDocument, type LogAnalysis } from './analysis/document';
import { mayMatch, type CatalogueMatch } from './analysis/catalogue';
import { EventsSeen } from './analysis/eventsSeen';
import { readLogSteps } from './formats/detect';
import { seenFilter } from './formats/reader';
import { fileChunkSource, iterateEvtx, readEvtxFileSteps, type EvtxChunkSource, type EvtxError, type EvtxRecord } from './formats/evtx';
import { hasFileMagic } from './formats/evtx/header';
import { evtxReadError, evtxRecordEvent, renderEvtxViewSteps, viewLineLength } from './formats/evtxView';
import { copied, decodeBytes, wideText } from './formats/text';
import { part, runToEnd, STEP, type BytesRead, type Steps } from './steps';
import { KeptEvents, StringCopies } from './keptEvents';

export interface FileReport {
  format: FormatId;
  /** Every event read (for a streamed .evtx, only the password-sync ones are kept). */
  events: LogEvent[];
  /** Events read, all providers. */
  eventCount: number;
  /** Event findings in file order (read errors are in `errors`). */
  findings: Finding[];
  /** Findings over the whole log (timeline rules). */
  timeline: Finding[];
  errors: ReadError[];
  /** Null for scripts. */
  verdict: Verdict | null;
  /** Per event, its catalogue match. */
  matches: (CatalogueMatch | null)[];
}

/** A report of a log as the analysis the trees and features take (null for a script). */
export function reportAnalysis(report: FileReport): LogAnalysis | null {
  if (!report.verdict) return null;
  return { kind: 'log', read: { format: report.format, events: report.events, errors: report.errors }, matches: report.matches, findings: report.findings, timeline: report.timeline, verdict: report.verdict };
}

/** The read-only text view of an .evtx file, as the editor shows it. */
export function evtxViewText(bytes: Uint8Array, fileName: string): string {
  return runToEnd(viewSteps(bytes, fileName, Infinity))!;
}

/**
 * The view of an .evtx file on disk, streamed, or null as soon as its event lines pass `maxLength`
 * characters: an editor cannot take a longer one, so a huge log is not read to the end for nothing.
 */
export function evtxViewOfFile(file: string, maxLength: number): string | null {
  return runToEnd(evtxViewOfFileSteps(file, maxLength));
}

/**
 * evtxViewOfFile in steps (see steps.ts): a 10 MB .evtx takes ~0.3 s, and a 64 MB one ~1.1 s before
 * its view is found too long; the language server answers other requests meanwhile. The file is
 * closed when the steps end or are given up.
 */
export function* evtxViewOfFileSteps(file: string, maxLength: number): Steps<string | null> {
  const fd = openSync(file, 'r');
  try {
    return yield* viewSteps(fileChunkSource(fd, fstatSync(fd).size), file, maxLength);
  } finally {
    closeSync(fd);
  }
}

function* viewSteps(source: Uint8Array | EvtxChunkSource, fileName: string, maxLength: number): Steps<string | null> {
  const errors: EvtxError[] = [];
  const records: EvtxRecord[] = [];
  const it = iterateEvtx(source, errors);
  let length = 0;
  for (let step = it.next(), n = 1; ; step = it.next(), n++) {
    if (step.done) return yield* renderEvtxViewSteps(path.basename(fileName), { records, errors, chunkCount: step.value.chunkCount, dirty: step.value.dirty });
    length += viewLineLength(step.value) + 1;
    if (length > maxLength) return null;
    records.push(step.value);
    if (n % EVTX_VIEW_STEP === 0) yield;
  }
}

/** Records read between two pauses (about 10 µs each). */
const EVTX_VIEW_STEP = 128;

/** `name` (a path or file name) tells a PowerShell script from a log; a log's shape is read from its content. */
export function analyzeBytes(bytes: Uint8Array, name = ''): FileReport {
  if (hasFileMagic(bytes)) return reportOf(analyzeLogText(evtxViewText(bytes, name)));
  return analyzeDecoded(decodeBytes(bytes), name);
}

/** A text file's decoded content: a script by its name, else a log. */
export function analyzeDecoded(text: string, name: string, keepAllEvents = true): FileReport {
  return runToEnd(analyzeDecodedSteps(text, name, keepAllEvents));
}

/**
 * analyzeDecoded in steps (see steps.ts): the language server answers requests between them. Without
 * `keepAllEvents` only the events that may be password-sync events are built and kept (see
 * EventFilter); the others are only counted, as for a file streamed from disk. With `ownStrings`
 * (and without `keepAllEvents`) those events are made independent of `text` before they are analysed,
 * so that the report does not keep the whole text alive.
 */
export function* analyzeDecodedSteps(text: string, name: string, keepAllEvents = true, ownStrings = false): Steps<FileReport> {
  if (isScriptDocument(null, name)) {
    return { format: 'powershell-script', events: [], eventCount: 0, findings: analyzeScriptText(text).findings, timeline: [], errors: [], verdict: null, matches: [] };
  }
  if (keepAllEvents) return reportOf(yield* analyzeLogSteps(text));
  const seen = new EventsSeen();
  /** Where the last event read starts in the text: how far the read has come. */
  let at = 0;
  // Each part's share is about its share of the time on the bench's 100 MB exports.
  const read = yield* part(readLogSteps(text, seenFilter(mayMatch, seen, (start) => (at = Math.max(at, start)))), 0, 0.45, () => at / text.length);
  if (ownStrings) yield* part(ownStringsSteps(read, wideText(text)), 0.45, 0.57);
  return reportOf(yield* part(analyzeReadSteps(read, seen), 0.57, 1), seen.count);
}

/** Copies the strings of a read's events and errors out of the text it was read from (see StringCopies), a step at a time. */
function* ownStringsSteps(read: ReadResult, wide: boolean): Steps<void> {
  const copies = new StringCopies();
  for (let from = 0; from < read.events.length; from += STEP) {
    if (from > 0) yield from / read.events.length;
    copies.copy(read.events, from, Math.min(read.events.length, from + STEP), wide);
  }
  // A reader may quote a value from the log in an error.
  read.errors = read.errors.map((e) => ({ ...e, message: copied(e.message) }));
}

/**
 * A log's analysis as a report (the other way round from reportAnalysis); `eventCount` when the
 * analysis kept only some of the events read.
 */
export function reportOf(a: LogAnalysis, eventCount = a.read.events.length): FileReport & { verdict: Verdict } {
  return { format: a.read.format, events: a.read.events, eventCount, findings: a.findings, timeline: a.timeline, errors: a.read.errors, verdict: a.verdict, matches: a.matches };
}

/**
 * Streams an .evtx from disk chunk by chunk. Only password-sync events are kept, so memory follows
 * what the log says about password sync, not its size. Lines refer to the text view.
 */
export function analyzeEvtxFile(file: string, keepAllEvents = false): FileReport {
  return runToEnd(analyzeEvtxFileSteps(file, keepAllEvents));
}

/** analyzeEvtxFile in steps (see steps.ts). */
export function* analyzeEvtxFileSteps(file: string, keepAllEvents = false, onRead?: BytesRead): Steps<FileReport> {
  const kept = new KeptEvents(keepAllEvents);
  const evtxErrors: EvtxError[] = [];
  // Most of the time goes in reading the records: the password-sync events kept are fewer.
  yield* part(readEvtxFileSteps(file, (record) => kept.add(evtxRecordEvent(record, kept.seen.count + 1), asRead, recordNumber), (e) => evtxErrors.push(e), onRead), 0, 0.8);
  const { events, seen } = kept;
  // In the view, unreadable parts follow the records, one comment line each.
  const errors: ReadError[] = evtxErrors.map((e, i) => evtxReadError(e, seen.count + 1 + i));
  return reportOf(yield* part(analyzeReadSteps({ format: 'evtx', events, errors }, seen), 0.8, 1), seen.count);
}

/** An event of a streamed .evtx owns its strings already (they are decoded record by record). */
const asRead = (event: LogEvent): LogEvent => event;
const recordNumber = (_event: LogEvent, count: number): string => `record ${count}`;

