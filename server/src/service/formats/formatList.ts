/**
 * PowerShell `Format-List` output of event objects, in its two flavours:
 * - `Get-WinEvent | Format-List` (EventLogRecord: `TimeCreated`, `ProviderName`, `Id`, `Message`, ...)
 * - `Get-EventLog | Format-List` (EventLogEntry: `Index`, `EntryType`, `InstanceId`, `Source`, `TimeGenerated`, ...)
 *
 * Layout: one `Name : value` line per property, names padded so the colons line up, multi-line values
 * continued on lines indented to the value column, records separated by blank lines. A message may
 * itself hold blank lines, so a record ends where a property name repeats, or where a property line
 * follows a blank line once the record already has its id and message.
 */
import type { FormatId, LogEvent, Range, ReadError } from '../model';
import { defineReader, type FormatReader, type ReadSteps } from './reader';
import { STEP } from '../steps';
import { LineIndex } from './text';
import {
  StrayLines,
  eventIdFromInstanceId,
  indentOf,
  isBlank,
  joinMessage,
  levelFromName,
  levelFromText,
  parseUnsigned,
  recordIdField,
  splitLines,
  timeFields,
  trimmedSpan,
  type Line,
} from './plainText';

/** `Name<padding>:<space>value`; the name and the padding use disjoint characters, so this stays linear. */
const PROPERTY = /^([A-Za-z][A-Za-z0-9]*)( *):( ?)(.*)$/;

interface ListField {
  name: string;
  /** The line the property starts on. */
  line: Line;
  /** Column where the value starts; continuation lines are indented to it. */
  valueColumn: number;
  /** Value lines, continuation indentation removed. */
  lines: string[];
}

interface ListRecord {
  fields: Map<string, ListField>;
  first: Line;
  last: Line;
}

interface ListProfile {
  id: FormatId;
  /** Every property of the record type (others count as properties only when padded like one). */
  properties: ReadonlySet<string>;
  /** Properties only this flavour has; sniffing weighs them against the other flavour's. */
  distinctive: ReadonlySet<string>;
  /** Properties that carry the event id. */
  idProperties: readonly string[];
  toEvent(record: ListRecord, index: LineIndex): LogEvent | ReadError;
}

const WIN_EVENT_DISTINCTIVE = new Set([
  'TimeCreated', 'ProviderName', 'LevelDisplayName', 'RecordId', 'ProviderId', 'LogName', 'ProcessId', 'ThreadId',
  'UserId', 'ActivityId', 'RelatedActivityId', 'ContainerLog', 'MatchedQueryIds', 'Bookmark', 'OpcodeDisplayName',
  'TaskDisplayName', 'KeywordsDisplayNames', 'Properties', 'Qualifiers', 'Version', 'Opcode', 'Keywords', 'Task',
]);

const EVENT_LOG_DISTINCTIVE = new Set([
  'Index', 'EntryType', 'InstanceId', 'EventID', 'Source', 'TimeGenerated', 'TimeWritten', 'ReplacementStrings',
  'CategoryNumber', 'UserName', 'Data', 'Site', 'Container',
]);

const SHARED = ['Message', 'MachineName', 'Id', 'Level', 'Category'];

const winEventProfile: ListProfile = {
  id: 'powershell-format-list',
  properties: new Set([...WIN_EVENT_DISTINCTIVE, ...SHARED]),
  distinctive: WIN_EVENT_DISTINCTIVE,
  idProperties: ['Id'],
  toEvent(record, index) {
    const id = record.fields.get('Id');
    if (!id) return missingId(record, index, 'Id');
    const parsed = numberValue(id, index);
    if ('message' in parsed) return parsed;
    const levelName = firstValue(record.fields.get('LevelDisplayName'));
    const levelNumber = firstValue(record.fields.get('Level'));
    const levelText = levelName ?? levelNumber;
    return {
      ...recordIdField(firstValue(record.fields.get('RecordId'))),
      eventId: parsed.value,
      source: firstValue(record.fields.get('ProviderName')),
      level: levelName !== null ? levelFromName(levelName) : levelFromText(levelNumber),
      levelText,
      ...timeFields(firstValue(record.fields.get('TimeCreated'))),
      message: messageOf(record),
      range: recordRange(record, index),
      idRange: parsed.range,
    };
  },
};

const eventLogProfile: ListProfile = {
  id: 'powershell-eventlog-format-list',
  properties: new Set([...EVENT_LOG_DISTINCTIVE, ...SHARED]),
  distinctive: EVENT_LOG_DISTINCTIVE,
  idProperties: ['EventID', 'InstanceId'],
  toEvent(record, index) {
    // EventID is the id Event Viewer shows; InstanceId adds the classic qualifier bits above it.
    const eventIdField = record.fields.get('EventID');
    const instanceField = record.fields.get('InstanceId');
    let eventId: number;
    let idRange: Range;
    const fromEventId = eventIdField ? numberValue(eventIdField, index) : null;
    if (fromEventId && !('message' in fromEventId)) {
      eventId = fromEventId.value;
      idRange = fromEventId.range;
    } else if (instanceField) {
      const parsed = numberValue(instanceField, index);
      if ('message' in parsed) return parsed;
      eventId = eventIdFromInstanceId(parsed.value);
      idRange = parsed.range;
    } else if (fromEventId) {
      return fromEventId;
    } else {
      return missingId(record, index, 'InstanceId or EventID');
    }
    const levelText = firstValue(record.fields.get('EntryType'));
    return {
      ...recordIdField(firstValue(record.fields.get('Index'))),
      eventId,
      source: firstValue(record.fields.get('Source')),
      level: levelFromName(levelText),
      levelText,
      ...timeFields(firstValue(record.fields.get('TimeGenerated')) ?? firstValue(record.fields.get('TimeWritten'))),
      message: messageOf(record),
      range: recordRange(record, index),
      idRange,
    };
  },
};

function firstValue(field: ListField | undefined): string | null {
  if (!field) return null;
  const v = field.lines[0].trim();
  return v.length > 0 ? v : null;
}

/** The numeric value of a one-line property, with the range of its digits. */
function numberValue(field: ListField, index: LineIndex): { value: number; range: Range } | ReadError {
  const [s, e] = trimmedSpan(field.line.text, field.valueColumn, field.line.text.length);
  const text = field.line.text.slice(s, e);
  const value = parseUnsigned(text);
  const range = index.range(field.line.start + s, field.line.start + e);
  if (value === null) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return { message: `${field.name} "${shown}" on line ${field.line.n + 1} is not an event number.`, range };
  }
  return { value, range };
}

function missingId(record: ListRecord, index: LineIndex, what: string): ReadError {
  return {
    message: `The record starting on line ${record.first.n + 1} has no ${what} property, so it cannot be read as an event.`,
    range: recordRange(record, index),
  };
}

function messageOf(record: ListRecord): string {
  const field = record.fields.get('Message');
  return field ? joinMessage(field.lines) : '';
}

function recordRange(record: ListRecord, index: LineIndex): Range {
  return index.range(record.first.start, record.last.end);
}

/** Reads Format-List text with one profile. */
function* readFormatList(text: string, profile: ListProfile): ReadSteps {
  const index = new LineIndex(text);
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  const stray = new StrayLines(index, errors, 'Format-List record');
  let record: ListRecord | null = null;
  let field: ListField | null = null;
  let blanks = 0;

  const finish = (): void => {
    if (record) {
      const result = profile.toEvent(record, index);
      if ('eventId' in result) events.push(result);
      else errors.push(result);
    }
    record = null;
    field = null;
  };
  const complete = (r: ListRecord): boolean =>
    r.fields.has('Message') && profile.idProperties.some((p) => r.fields.has(p));

  let rounds = 0;
  for (const line of splitLines(text)) {
    if (++rounds % STEP === 0) yield;
    if (isBlank(line)) {
      blanks++;
      continue;
    }
    const m = PROPERTY.exec(line.text);
    const isProperty = m !== null && (profile.properties.has(m[1]) || m[2].length > 0);
    if (m && isProperty) {
      const name = m[1];
      if (!record || record.fields.has(name) || (blanks > 0 && complete(record))) {
        finish();
        stray.flush();
        record = { fields: new Map(), first: line, last: line };
      }
      const valueColumn = m[1].length + m[2].length + 1 + m[3].length;
      field = { name, line, valueColumn, lines: [m[4]] };
      record.fields.set(name, field);
      record.last = line;
      blanks = 0;
      continue;
    }
    // Continuation: indented, or right below the value (a paste that lost its indentation).
    if (record && field && (blanks === 0 || indentOf(line.text) > 0)) {
      for (; blanks > 0; blanks--) field.lines.push('');
      const strip = Math.min(indentOf(line.text), field.valueColumn);
      field.lines.push(line.text.slice(strip));
      record.last = line;
      continue;
    }
    // Not a property and not a continuation: text before the first record or after the last one.
    finish();
    blanks = 0;
    stray.add(line);
  }
  finish();
  stray.flush();
  return { format: profile.id, events, errors };
}

/** Property names at the start of lines, padded before the colon as Format-List pads them. */
const SNIFF_PROPERTY = /^([A-Za-z][A-Za-z0-9]*) +: /;

function sniffFormatList(head: string, mine: ListProfile, other: ListProfile): number {
  let own = 0;
  let theirs = 0;
  let hasId = false;
  let hasMessage = false;
  const seen = new Set<string>();
  for (const raw of head.split('\n', 400)) {
    const m = SNIFF_PROPERTY.exec(raw);
    if (!m || seen.has(m[1])) continue;
    seen.add(m[1]);
    if (mine.distinctive.has(m[1])) own++;
    if (other.distinctive.has(m[1])) theirs++;
    if (mine.idProperties.includes(m[1])) hasId = true;
    if (m[1] === 'Message') hasMessage = true;
  }
  // `Select-Object Id, Message | Format-List` leaves nothing distinctive but the padded id and message.
  if (own === 0) return theirs === 0 && hasId && hasMessage ? 0.4 : 0;
  if (own <= theirs) return 0.1;
  if (!hasId) return 0.3;
  return Math.min(0.95, 0.55 + 0.1 * own + (hasMessage ? 0.1 : 0));
}

/** `Get-WinEvent | Format-List` (EventLogRecord properties). */
export const formatListReader: FormatReader = defineReader({
  id: winEventProfile.id,
  sniff: (head) => sniffFormatList(head, winEventProfile, eventLogProfile),
  steps: (text) => readFormatList(text, winEventProfile),
});

/** `Get-EventLog | Format-List` (EventLogEntry properties; the id may come from InstanceId's low 16 bits). */
export const eventLogFormatListReader: FormatReader = defineReader({
  id: eventLogProfile.id,
  sniff: (head) => sniffFormatList(head, eventLogProfile, winEventProfile),
  steps: (text) => readFormatList(text, eventLogProfile),
});
