/**
 * The text view of a binary .evtx file: a banner comment, then one event per line as Event Viewer
 * XML, then one comment per part that could not be read. The editor shows it read-only; the reader
 * below reads it back with the XML reader, so an .evtx gets the same diagnostics as any export.
 */
import type { LogEvent, ReadError } from '../model';
import type { EvtxError, EvtxReadResult, EvtxRecord } from './evtx';
import { levelFromNumber, readEventViewerXml } from './eventViewerXml';
import { defineReader, type FormatReader, type ReadSteps } from './reader';
import { LineIndex, rangeAt } from './text';
import { counted } from '../counts';
import type { Steps } from '../steps';

const BANNER = '<!-- ADSync Doctor: read-only view of ';
const UNREADABLE = '<!-- could not read: ';

/** Comment text cannot hold `--`, and must not look like an <Event> to the reader. */
function commentText(text: string): string {
  return text.replace(/--/g, '- -').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');
}

function errorText(e: EvtxError): string {
  const where = [e.chunkIndex !== null ? `chunk ${e.chunkIndex}` : null, e.recordId !== null ? `record ${e.recordId}` : null, e.recordOffset !== null ? `offset 0x${e.recordOffset.toString(16)}` : null].filter(Boolean).join(', ');
  return where ? `${where}: ${e.message}` : e.message;
}

/** What a diagnostic says about an unreadable part, whether it came from the view or from streaming. */
export function unreadableMessage(detail: string): string {
  return `Part of the .evtx file could not be read (${detail}).`;
}

/** The read error for an EVTX problem placed on `line` of the view (streaming builds no view text). */
export function evtxReadError(e: EvtxError, line: number): ReadError {
  return { message: unreadableMessage(errorText(e)), range: { start: { line, character: 0 }, end: { line, character: 0 } } };
}

const EVENT_NAMESPACE = ' xmlns="http://schemas.microsoft.com/win/2004/08/events/event"';

const hasNamespace = (xml: string): boolean => xml.startsWith(`<Event${EVENT_NAMESPACE}>`);

/** A record's line in the view: its XML without the namespace every event repeats, so the ID is in sight. */
function viewLine(record: EvtxRecord): string {
  return hasNamespace(record.xml) ? `<Event>${record.xml.slice(EVENT_NAMESPACE.length + 7)}` : record.xml;
}

/** The length of a record's line in the view, without making the line. */
export function viewLineLength(record: EvtxRecord): number {
  return hasNamespace(record.xml) ? record.xml.length - EVENT_NAMESPACE.length : record.xml.length;
}

/** Lines put together between two pauses. */
const LINES_STEP = 4096;

/** The view's text, in steps (see steps.ts): the view of a 10 MB .evtx is 14 million characters. */
export function* renderEvtxViewSteps(fileName: string, result: EvtxReadResult): Steps<string> {
  const state = result.dirty ? '; the log was not closed cleanly' : '';
  const banner = `${BANNER}${commentText(fileName)}: ${counted(result.records.length, 'event')} in ${counted(result.chunkCount, 'chunk')}${state}. One event per line. -->`;
  const parts = [banner];
  for (let i = 0; i < result.records.length; i += LINES_STEP) {
    parts.push(result.records.slice(i, i + LINES_STEP).map(viewLine).join('\n'));
    yield;
  }
  for (const e of result.errors) parts.push(`${UNREADABLE}${commentText(errorText(e))} -->`);
  return `${parts.join('\n')}\n`;
}

/** The event the view's line `line` (0-based) holds, computed without rendering the whole view. */
export function evtxRecordEvent(record: EvtxRecord, line: number): LogEvent {
  const xml = viewLine(record);
  const idTag = xml.indexOf('<EventID');
  const idStart = idTag === -1 ? 0 : xml.indexOf('>', idTag) + 1;
  const idLength = record.eventId === null ? 0 : String(record.eventId).length;
  const sortTime = record.timeCreated ? Date.parse(record.timeCreated) : NaN;
  return {
    recordId: record.recordId,
    eventId: record.eventId,
    source: record.provider,
    level: levelFromNumber(record.level ?? NaN),
    levelText: record.level === null ? null : String(record.level),
    timeText: record.timeCreated,
    time: record.timeCreated,
    sortTime: Number.isFinite(sortTime) ? sortTime : null,
    message: record.data.join('\n').replace(/\r\n?/g, '\n'),
    data: record.data,
    range: rangeAt(line, 0, line, xml.length),
    idRange: rangeAt(line, idStart, line, idStart + idLength),
  };
}

function* readEvtxView(text: string): ReadSteps {
  const xml = yield* readEventViewerXml(text);
  const lines = new LineIndex(text);
  const errors = [...xml.errors];
  for (let at = text.indexOf(UNREADABLE); at !== -1; at = text.indexOf(UNREADABLE, at + 1)) {
    const end = text.indexOf(' -->', at);
    const message = text.slice(at + UNREADABLE.length, end === -1 ? undefined : end);
    errors.push({ message: unreadableMessage(message), range: lines.range(at, end === -1 ? text.length : end + 4) });
  }
  return { format: 'evtx', events: xml.events, errors };
}

export const evtxViewReader: FormatReader = defineReader({
  id: 'evtx',
  sniff: (head) => (head.startsWith(BANNER) ? 1 : 0),
  steps: readEvtxView,
});
