/**
 * The one model every export shape is read into, and what analysis makes of it.
 * Readers produce LogEvent; analysis produces Finding. Nothing here knows VS Code or the connection.
 */
import type { Range } from 'vscode-languageserver-types';

export type { Range, Position } from 'vscode-languageserver-types';

/** Levels as Windows numbers them in <System><Level> (plus the Security log's audit keywords). */
export type EventLevel =
  | 'critical'
  | 'error'
  | 'warning'
  | 'information'
  | 'verbose'
  | 'audit-success'
  | 'audit-failure'
  | 'unknown';

/** Stable ids of the export shapes; they appear in the CLI's JSON as `format`. */
export type FormatId =
  | 'event-viewer-csv'
  | 'event-viewer-txt'
  | 'event-viewer-xml'
  | 'evtx'
  | 'powershell-format-list'
  | 'powershell-eventlog-format-list'
  | 'powershell-format-table'
  | 'powershell-export-csv'
  | 'copy-details-text'
  | 'wevtutil-text'
  | 'message-only'
  | 'powershell-script'
  | 'unknown';

export interface LogEvent {
  /** Record number when the export carries one (XML, EVTX). */
  recordId?: number;
  eventId: number | null;
  /** True when the ID was not in the export but inferred from the message text. */
  eventIdInferred?: boolean;
  /** The provider (Event Viewer's "Source"). */
  source: string | null;
  level: EventLevel;
  /** The level as the export wrote it, possibly localized. */
  levelText: string | null;
  /** The time exactly as the export wrote it (locale formats are kept as text). */
  timeText: string | null;
  /** ISO 8601 UTC, only when the export states the time unambiguously (XML SystemTime, EVTX FILETIME). */
  time: string | null;
  /**
   * Milliseconds for ordering events within one file. May be local wall-clock time read as UTC
   * (CSV/TXT exports carry no zone); only comparable between events of the same file.
   */
  sortTime: number | null;
  /** The rendered message (or the joined EventData strings when no message was rendered). */
  message: string;
  /** <EventData><Data> strings, when the export has them. */
  data?: string[];
  /** The whole event in the document. */
  range: Range;
  /** The event ID token; for an inferred ID, the start of the message. */
  idRange: Range;
}

export interface ReadError {
  /** What could not be read, in one sentence, naming where (line, record, chunk). */
  message: string;
  range: Range;
}

export interface ReadResult {
  format: FormatId;
  events: LogEvent[];
  errors: ReadError[];
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** The severities, most severe first: the order of every list that ranks findings. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** One thing ADSync Doctor has to say about a document. */
export interface Finding {
  /** Stable rule id (CLI contract), e.g. `event/611-rpc-8439`, `script/policytype-invalid`. */
  rule: string;
  severity: Severity;
  /** One line. */
  message: string;
  range: Range;
  eventId: number | null;
  source: string | null;
  /** https URLs from the knowledge base only; never from log text. */
  remediation: string[];
  /** Index into ReadResult.events when the finding is about one event. */
  eventIndex?: number;
}

/** Whether a finding is about one catalogue event (rule `event/…`), not a summary of several (`timeline/…`) or anything else. */
export function isEventFinding(finding: Finding): boolean {
  return finding.rule.startsWith('event/');
}

/** Whether a finding is one only the whole log shows (rule `timeline/…`): a gap, a repeat, a missing result. */
export function isTimelineFinding(finding: Finding): boolean {
  return finding.rule.startsWith('timeline/');
}
