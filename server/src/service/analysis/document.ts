/** Everything known about one document, computed once per (uri, version). */
import type { Finding, ReadResult } from '../model';
import { readLogSteps } from '../formats/detect';
import { analyzeEventsSteps, type EventAnalysis } from './eventFindings';
import { part, runToEnd, type Steps } from '../steps';
import { checkScript } from '../script';
import { timelineSteps, usersReader } from './timeline';
import { verdictSteps, type Verdict } from './verdict';
import type { EventsSeen } from './eventsSeen';

export interface LogAnalysis extends EventAnalysis {
  kind: 'log';
  read: ReadResult;
  /** Findings only the whole log shows (gaps, repeats, missing results). */
  timeline: Finding[];
  verdict: Verdict;
}

/** An ADSync PowerShell script: its rule findings. */
export interface ScriptAnalysis {
  kind: 'script';
  findings: Finding[];
}

export type DocumentAnalysis = LogAnalysis | ScriptAnalysis;

export function analyzeScriptText(text: string): ScriptAnalysis {
  return { kind: 'script', findings: checkScript(text) };
}

/** PowerShell by language id or file name; everything else is read as a log. */
export function isScriptDocument(languageId: string | null, name: string): boolean {
  return languageId === 'powershell' || /\.ps(m|d)?1$/i.test(name);
}

export function analyzeLogText(text: string): LogAnalysis {
  return runToEnd(analyzeLogSteps(text));
}

/** analyzeLogText in steps (see steps.ts): the language server pauses it between them. */
export function* analyzeLogSteps(text: string): Steps<LogAnalysis> {
  return yield* part(analyzeReadSteps(yield* part(readLogSteps(text), 0, 0.5)), 0.5, 1);
}

/**
 * The analysis of events already read, however they were read (whole, in pieces, streamed from an
 * .evtx). `seen`: every event read, when `read.events` are only those kept.
 */
export function* analyzeReadSteps(read: ReadResult, seen?: EventsSeen): Steps<LogAnalysis> {
  const users = usersReader();
  // Each part's share is about its share of the time on the bench's 100 MB exports.
  const events = yield* part(analyzeEventsSteps(read, undefined, users), 0, 0.68);
  const timeline = yield* part(timelineSteps(read.events, events.matches, users, seen), 0.68, 0.94);
  return { kind: 'log', read, ...events, timeline, verdict: yield* part(verdictSteps(read.events, events.matches, [events.findings, timeline], seen?.count), 0.94, 1) };
}

/** Read errors as findings, so every host reports them the same way. */
export function readErrorFindings(read: ReadResult): Finding[] {
  return read.errors.map((e) => ({
    rule: read.format === 'unknown' ? 'read/unrecognised' : 'read/unreadable',
    severity: read.format === 'unknown' ? 'information' : 'warning',
    message: e.message,
    range: e.range,
    eventId: null,
    source: null,
    remediation: [],
  }));
}

