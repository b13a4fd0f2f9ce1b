/**
 * The outline of a log: recognised events by severity (Errors, Warnings, Information), then by event
 * type with a count, then each occurrence by its time. Events the catalogue does not know are listed
 * last under "Other events", by source and ID, so the outline still helps to move around a mixed log.
 */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { LogEvent, Severity } from '../model';
import type { LogAnalysis } from '../analysis/document';
import { fieldsOf, subjectOf } from '../analysis/fields';
import { isBefore } from '../formats/text';
import { FIELDS_STEP, runToEnd, STEP, type Steps } from '../steps';
import { counted, grouped } from '../counts';

/**
 * Occurrences listed per event type. A busy sync server writes a 654 heartbeat every 30 minutes and
 * a 656/657 pair per password change, so a month of log holds tens of thousands of one type. Editors
 * ask for the outline again after every change (the breadcrumbs do), and the whole answer comes
 * through the one pipe ahead of any hover asked after it, then is decoded on the extension host's one
 * thread. On the 1,000,000-line bench log, 1,000 per type made 9.6 MB of JSON; 200 made 1.9 MB, whose
 * answers still pushed the hovers asked while typing past 5 ms at p99 in most passes; 50 make 0.5 MB.
 * The rest is folded into one "… N more" entry that still spans them, so the count stays honest; the
 * Findings view lists the first 500 of each, loaded when an event is opened.
 */
export const MAX_OCCURRENCES_PER_TYPE = 50;
/** Distinct unrecognised (source, ID) pairs listed under "Other events", for the same reason. */
export const MAX_OTHER_TYPES = 200;
/**
 * Occurrences listed per unrecognised type. Those are there to show what else the log holds and to
 * jump to it, and a mixed log has many of them: the bench's 10 MB CSV with 300 more such types made
 * 2.6 MB of outline with 50 of each; with 10, 0.85 MB.
 */
export const MAX_OCCURRENCES_PER_OTHER_TYPE = 10;

interface Bucket {
  name: string;
  detail: string;
  /** The first `listed` events of this type, in document order. */
  shown: LogEvent[];
  /** MAX_OCCURRENCES_PER_TYPE, or MAX_OCCURRENCES_PER_OTHER_TYPE for a type the catalogue does not know. */
  listed: number;
  count: number;
  /** The first and last event not shown, when there are more. */
  firstHidden?: LogEvent;
  lastHidden?: LogEvent;
  /** Sort key: event ID, then name. */
  eventId: number;
}

const groupNames: Record<'error' | 'warning' | 'information', string> = { error: 'Errors', warning: 'Warnings', information: 'Information' };

/** The outline of each analysis, made once: editors ask again after every keystroke, and a big log's takes ~200 ms. */
const outlines = new WeakMap<LogAnalysis, DocumentSymbol[]>();

export function logDocumentSymbols(analysis: LogAnalysis): DocumentSymbol[] {
  return runToEnd(logDocumentSymbolsSteps(analysis));
}

/** logDocumentSymbols in steps (see steps.ts): the server answers hovers while a big log's outline is made. */
export function* logDocumentSymbolsSteps(analysis: LogAnalysis): Steps<DocumentSymbol[]> {
  let outline = outlines.get(analysis);
  if (!outline) outlines.set(analysis, (outline = yield* outlineOf(analysis)));
  return outline;
}

function* outlineOf(analysis: LogAnalysis): Steps<DocumentSymbol[]> {
  const { events } = analysis.read;
  const known = { error: new Map<string, Bucket>(), warning: new Map<string, Bucket>(), information: new Map<string, Bucket>() };
  // By source, then ID: a key string made per event was most of what a big log's outline allocated.
  const other = new Map<string, Map<number, Bucket>>();
  let otherTypes = 0;
  /** The types past MAX_OTHER_TYPES, by source then ID, only to count them. */
  const leftOut = new Map<string, Set<number>>();

  for (let i = 0; i < events.length; i++) {
    if ((i + 1) % STEP === 0) yield;
    const event = events[i];
    const match = analysis.matches[i];
    if (match) {
      const { entry } = match;
      const buckets = known[groupOf(entry.severity)];
      let bucket = buckets.get(entry.rule);
      if (!bucket) {
        bucket = { name: `${entry.eventId} · ${entry.title}`, detail: event.source ?? entry.providers.join(' / '), shown: [], listed: MAX_OCCURRENCES_PER_TYPE, count: 0, eventId: entry.eventId };
        buckets.set(entry.rule, bucket);
      }
      add(bucket, event);
      continue;
    }
    // A paragraph with neither ID nor source (a pasted note) is not an event worth listing.
    if (event.eventId === null) continue;
    const source = event.source ?? 'unknown source';
    let ofSource = other.get(source);
    if (!ofSource) other.set(source, (ofSource = new Map()));
    let bucket = ofSource.get(event.eventId);
    if (!bucket) {
      if (otherTypes >= MAX_OTHER_TYPES) {
        let ids = leftOut.get(source);
        if (!ids) leftOut.set(source, (ids = new Set()));
        ids.add(event.eventId);
        continue;
      }
      otherTypes++;
      bucket = { name: `${event.eventId} · ${source}`, detail: 'not in the ADSync Doctor catalogue', shown: [], listed: MAX_OCCURRENCES_PER_OTHER_TYPE, count: 0, eventId: event.eventId };
      ofSource.set(event.eventId, bucket);
    }
    add(bucket, event);
  }

  const symbols: DocumentSymbol[] = [];
  for (const severity of ['error', 'warning', 'information'] as const) {
    const group = yield* groupSymbol(groupNames[severity], [...known[severity].values()]);
    if (group) symbols.push(group);
  }
  const others = yield* groupSymbol('Other events', [...other.values()].flatMap((ofSource) => [...ofSource.values()]));
  if (others) {
    let otherTypesLeftOut = 0;
    for (const ids of leftOut.values()) otherTypesLeftOut += ids.size;
    if (otherTypesLeftOut > 0) others.detail = `${others.detail} · ${counted(otherTypesLeftOut, 'more event type')} not listed`;
    symbols.push(others);
  }
  return symbols;
}

function groupOf(severity: Severity): 'error' | 'warning' | 'information' {
  return severity === 'error' || severity === 'warning' ? severity : 'information';
}

function add(bucket: Bucket, event: LogEvent): void {
  bucket.count++;
  if (bucket.shown.length < bucket.listed) bucket.shown.push(event);
  else {
    bucket.firstHidden ??= event;
    bucket.lastHidden = event;
  }
}

function* groupSymbol(name: string, buckets: Bucket[]): Steps<DocumentSymbol | null> {
  if (buckets.length === 0) return null;
  // Names compared by code units, not localeCompare: its first call in a process sets ICU's collation
  // up (6 ms), inside one step of the first outline, with hovers waiting.
  buckets.sort((a, b) => a.eventId - b.eventId || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const children: DocumentSymbol[] = [];
  for (const bucket of buckets) children.push(yield* typeSymbol(bucket));
  const total = buckets.reduce((n, b) => n + b.count, 0);
  // Types interleave in the log, so the group spans from the earliest to the latest of its events.
  const range = spanOf(children.map((c) => c.range));
  const first = children.reduce((a, b) => (isBefore(b.selectionRange.start, a.selectionRange.start) ? b : a));
  return { name, detail: counted(total, 'event'), kind: SymbolKind.Namespace, range, selectionRange: first.selectionRange, children };
}

function* typeSymbol(bucket: Bucket): Steps<DocumentSymbol> {
  const children: DocumentSymbol[] = [];
  // Each occurrence reads its message's fields: far slower than a round of the loop over events.
  for (let i = 0; i < bucket.shown.length; i++) {
    if ((i + 1) % FIELDS_STEP === 0) yield;
    children.push(occurrenceSymbol(bucket.shown[i]));
  }
  if (bucket.firstHidden && bucket.lastHidden) {
    const hidden = bucket.count - bucket.shown.length;
    children.push({
      name: `… ${grouped(hidden)} more`,
      detail: `only the first ${bucket.listed} are listed`,
      kind: SymbolKind.Field,
      range: { start: bucket.firstHidden.range.start, end: bucket.lastHidden.range.end },
      selectionRange: bucket.firstHidden.idRange,
    });
  }
  return {
    name: `${bucket.name} (×${grouped(bucket.count)})`,
    detail: bucket.detail,
    kind: SymbolKind.Event,
    range: spanOf(children.map((c) => c.range)),
    selectionRange: bucket.shown[0].idRange,
    children,
  };
}

function occurrenceSymbol(event: LogEvent): DocumentSymbol {
  const subject = subjectOf(fieldsOf(event));
  return {
    name: oneLine(event.timeText ?? event.time ?? '') || `line ${event.range.start.line + 1}`,
    ...(subject ? { detail: oneLine(subject) } : {}),
    kind: SymbolKind.Field,
    range: event.range,
    selectionRange: event.idRange,
  };
}

/** The smallest range holding all of them (they are non-empty, each in document order). */
function spanOf(ranges: Range[]): Range {
  let { start } = ranges[0];
  let { end } = ranges[0];
  for (const r of ranges) {
    if (isBefore(r.start, start)) start = r.start;
    if (isBefore(end, r.end)) end = r.end;
  }
  return { start, end };
}

/** Outline names are one line; log text may carry tabs and line breaks. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
