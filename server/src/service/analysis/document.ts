/** Everything known about one document, computed once per (uri, version). */
import type { Finding, ReadResult } from '../model';
import { readLog } from '../formats/detect';
import { LineIndex } from '../formats/text';
import { analyzeEvents, type EventAnalysis } from './eventFindings';

export interface LogAnalysis extends EventAnalysis {
  kind: 'log';
  read: ReadResult;
}

export function analyzeLogText(text: string): LogAnalysis {
  const read = readLog(text);
  return { kind: 'log', read, ...analyzeEvents(read) };
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

export { LineIndex };
