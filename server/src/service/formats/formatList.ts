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
import { defineReader, filtered, type EventFilter, type FormatReader, type ReadSteps } from './reader';
import { STEP } from '../steps';
import { rangeAt, wordAt } from './text';
import {
  LineCursor,
  StrayLines,
  eventIdFromInstanceId,
  headLines,
  joinMessage,
  levelFromName,
  levelFromText,
  textEvent,
  timeFields,
  trimmedSpan,
  unsignedAt,
  type LineSpan,
} from './plainText';

/** A property line of the record being read, as offsets into the text: nothing is copied until an event needs it. */
interface ListField {
  name: string;
  /** The sequence number of the record that last set the field; it is absent from other records. */
  record: number;
  /** Number and start offset of the line the property starts on. */
  n: number;
  start: number;
  /** Where the value starts (continuation lines are indented to its column) and where its line ends. */
  value: number;
  end: number;
  /**
   * The value's lines once it continues: the first, then the continuation lines with indentation up to
   * the value column removed and blank ones as ''. Null while the value has one line.
   */
  lines: string[] | null;
}

interface ListProfile {
  id: FormatId;
  /** Every property of the record type (others count as properties only when padded like one). */
  properties: readonly string[];
  /** Indexes into `properties` by name, and by name length (to find a name in the text without copying it). */
  slots: ReadonlyMap<string, number>;
  slotsByLength: ReadonlyArray<readonly number[] | undefined>;
  /** Properties only this flavour has; sniffing weighs them against the other flavour's. */
  distinctive: ReadonlySet<string>;
  /** Properties that carry the event id. */
  idProperties: readonly string[];
  /** Slots of the id properties and of Message: a record with both is complete. */
  idSlots: readonly number[];
  messageSlot: number;
  /** The record's event, or why it cannot be read; null when `filter` leaves it out. */
  toEvent(record: ListRecord, filter?: EventFilter): LogEvent | ReadError | null;
}

type ProfileSpec = Pick<ListProfile, 'id' | 'distinctive' | 'idProperties' | 'toEvent'>;

function listProfile(spec: ProfileSpec): ListProfile {
  const properties = [...spec.distinctive, ...SHARED];
  const slots = new Map(properties.map((name, i) => [name, i]));
  const slotsByLength: number[][] = [];
  properties.forEach((name, i) => (slotsByLength[name.length] ??= []).push(i));
  return {
    ...spec,
    properties,
    slots,
    slotsByLength,
    idSlots: spec.idProperties.map((p) => slots.get(p)!),
    messageSlot: slots.get('Message')!,
  };
}

/**
 * Tells whether `text[from, to)` holds an LS or PS (line breaks a regex `.` does not match, which the
 * editor does not break lines at; a line span never holds a CR), for spans asked about in file order:
 * the next occurrence of each is remembered, so the text is searched once in all.
 */
class BreakFinder {
  private static readonly BREAKS = ['\u2028', '\u2029'];
  /** Offset of the next occurrence of each break at or after the last `from` (text.length when none). */
  private readonly next = [-1, -1];

  constructor(private readonly text: string) {}

  within(from: number, to: number): boolean {
    for (let i = 0; i < this.next.length; i++) {
      if (this.next[i] < from) {
        const at = this.text.indexOf(BreakFinder.BREAKS[i], from);
        this.next[i] = at === -1 ? this.text.length : at;
      }
      if (this.next[i] < to) return true;
    }
    return false;
  }
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isLetterOrDigit(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57);
}

/**
 * Recognises `Name<padding>:<space>value` lines: the name a letter then letters and digits, the padding
 * spaces, the space after the colon optional, the value any text without a line break. One parser per
 * read; `read` leaves what it found in `slot`, `name` and `value`, so a line allocates nothing.
 */
class PropertyParser {
  /** The property's index in the profile's `properties`, or -1 for another name. */
  slot = -1;
  /** Set only for another name (a profile property is known by its slot). */
  name = '';
  /** Offset where the value starts. */
  value = 0;
  private readonly breaks: BreakFinder;

  constructor(
    private readonly text: string,
    private readonly profile: ListProfile,
  ) {
    this.breaks = new BreakFinder(text);
  }

  /** True when the line is a property: of the profile, or of another name padded like one. */
  read(line: LineSpan): boolean {
    const { text } = this;
    const { start, end } = line;
    if (start >= end || !isLetter(text.charCodeAt(start))) return false;
    let nameEnd = start + 1;
    while (nameEnd < end && isLetterOrDigit(text.charCodeAt(nameEnd))) nameEnd++;
    let colon = nameEnd;
    while (colon < end && text.charCodeAt(colon) === 32) colon++;
    if (colon === end || text.charCodeAt(colon) !== 58) return false;
    this.value = colon + 1 < end && text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
    if (this.breaks.within(this.value, end)) return false;
    this.slot = this.slotOf(start, nameEnd);
    if (this.slot !== -1) return true;
    this.name = text.slice(start, nameEnd);
    return colon > nameEnd;
  }

  /** The slot of the profile property named by `text[start, end)`, or -1. */
  private slotOf(start: number, end: number): number {
    const candidates = this.profile.slotsByLength[end - start];
    if (candidates) {
      for (const slot of candidates) if (wordAt(this.text, start, this.profile.properties[slot])) return slot;
    }
    return -1;
  }
}

/**
 * The record being read. There is one per read, reused from record to record: each profile property
 * has one field object, stamped with the record's sequence number when set, so starting a record
 * clears nothing and reading a property line allocates nothing.
 */
class ListRecord {
  /** Counts the records: a field belongs to the record whose number it carries. */
  private seq = 0;
  /** True from `open` to `close`. */
  isOpen = false;
  private readonly fields: ListField[];
  /** Other padded property names, kept only so that a repeated one starts a new record too. */
  private readonly others = new Set<string>();
  /** The field continuation lines extend; null after another name, whose value no event reads. */
  private current: ListField | null = null;
  /** Number of the record's first line, and the offset where it starts. */
  n = 0;
  start = 0;
  /** Number, start offset and end of the record's last line. */
  private lastN = 0;
  private lastStart = 0;
  private end = 0;

  constructor(
    readonly text: string,
    private readonly profile: ListProfile,
  ) {
    this.fields = profile.properties.map((name) => ({ name, record: 0, n: 0, start: 0, value: 0, end: 0, lines: null }));
  }

  open(first: LineSpan): void {
    this.seq++;
    this.isOpen = true;
    if (this.others.size > 0) this.others.clear();
    this.n = first.n;
    this.start = first.start;
    this.extend(first);
  }

  close(): void {
    this.isOpen = false;
  }

  /** True when the open record already has the property `parser` just read. */
  has(parser: PropertyParser): boolean {
    return parser.slot === -1 ? this.others.has(parser.name) : this.hasSlot(parser.slot);
  }

  /** Adds the property `parser` just read on `line`. */
  add(parser: PropertyParser, line: LineSpan): void {
    if (parser.slot === -1) {
      this.others.add(parser.name);
      this.current = null;
    } else {
      const field = this.fields[parser.slot];
      field.record = this.seq;
      field.n = line.n;
      field.start = line.start;
      field.value = parser.value;
      field.end = line.end;
      field.lines = null;
      this.current = field;
    }
    this.extend(line);
  }

  /** Adds a continuation line to the last property, after the blank lines seen before it. */
  continueWith(line: LineSpan, indent: number, blanks: number): void {
    const field = this.current;
    if (field) {
      const lines = (field.lines ??= [this.text.slice(field.value, field.end)]);
      for (let i = 0; i < blanks; i++) lines.push('');
      const strip = Math.min(indent, field.value - field.start);
      lines.push(this.text.slice(line.start + strip, line.end));
    }
    this.extend(line);
  }

  /** True when the record has Message and an id property. */
  complete(): boolean {
    return this.hasSlot(this.profile.messageSlot) && this.profile.idSlots.some((slot) => this.hasSlot(slot));
  }

  get(name: string): ListField | undefined {
    const slot = this.profile.slots.get(name)!;
    return this.hasSlot(slot) ? this.fields[slot] : undefined;
  }

  /** The first line of the property's value, trimmed; null when absent or empty. */
  value(name: string): string | null {
    const field = this.get(name);
    if (!field) return null;
    const v = this.text.slice(field.value, field.end).trim();
    return v.length > 0 ? v : null;
  }

  message(): string {
    const field = this.get('Message');
    if (!field) return '';
    return joinMessage(field.lines ?? [this.text.slice(field.value, field.end)]);
  }

  /** The record's range, from the line numbers read on the way (no LineIndex search). */
  range(): Range {
    return rangeAt(this.n, 0, this.lastN, this.end - this.lastStart);
  }

  private hasSlot(slot: number): boolean {
    return this.fields[slot].record === this.seq;
  }

  /** Makes `line` the record's last line. */
  private extend(line: LineSpan): void {
    this.lastN = line.n;
    this.lastStart = line.start;
    this.end = line.end;
  }
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

const winEventProfile = listProfile({
  id: 'powershell-format-list',
  distinctive: WIN_EVENT_DISTINCTIVE,
  idProperties: ['Id'],
  toEvent(record, filter) {
    const id = record.get('Id');
    if (!id) return missingId(record, 'Id');
    const parsed = numberValue(record.text, id);
    if ('message' in parsed) return parsed;
    const source = record.value('ProviderName');
    const times = timeFields(record.value('TimeCreated'));
    if (filter && !filtered(filter, source, parsed.value, times.sortTime, record.start)) return null;
    const levelName = record.value('LevelDisplayName');
    const levelNumber = record.value('Level');
    const levelText = levelName ?? levelNumber;
    return textEvent(record.value('RecordId'), {
      eventId: parsed.value,
      source,
      level: levelName !== null ? levelFromName(levelName) : levelFromText(levelNumber),
      levelText,
      timeText: times.timeText,
      message: record.message(),
      range: record.range(),
      idRange: parsed.range,
    }, times);
  },
});

const eventLogProfile = listProfile({
  id: 'powershell-eventlog-format-list',
  distinctive: EVENT_LOG_DISTINCTIVE,
  idProperties: ['EventID', 'InstanceId'],
  toEvent(record, filter) {
    // EventID is the id Event Viewer shows; InstanceId adds the classic qualifier bits above it.
    const eventIdField = record.get('EventID');
    const instanceField = record.get('InstanceId');
    let eventId: number;
    let idRange: Range;
    const fromEventId = eventIdField ? numberValue(record.text, eventIdField) : null;
    if (fromEventId && !('message' in fromEventId)) {
      eventId = fromEventId.value;
      idRange = fromEventId.range;
    } else if (instanceField) {
      const parsed = numberValue(record.text, instanceField);
      if ('message' in parsed) return parsed;
      eventId = eventIdFromInstanceId(parsed.value);
      idRange = parsed.range;
    } else if (fromEventId) {
      return fromEventId;
    } else {
      return missingId(record, 'InstanceId or EventID');
    }
    const source = record.value('Source');
    const times = timeFields(record.value('TimeGenerated') ?? record.value('TimeWritten'));
    if (filter && !filtered(filter, source, eventId, times.sortTime, record.start)) return null;
    const levelText = record.value('EntryType');
    return textEvent(record.value('Index'), {
      eventId,
      source,
      level: levelFromName(levelText),
      levelText,
      timeText: times.timeText,
      message: record.message(),
      range: record.range(),
      idRange,
    }, times);
  },
});

/** The numeric value of a one-line property, with the range of its digits. */
function numberValue(text: string, field: ListField): { value: number; range: Range } | ReadError {
  const [s, e] = trimmedSpan(text, field.value, field.end);
  const value = unsignedAt(text, s, e);
  const range = rangeAt(field.n, s - field.start, field.n, e - field.start);
  if (value === null) {
    const digits = text.slice(s, e);
    const shown = digits.length > 40 ? `${digits.slice(0, 40)}…` : digits;
    return { message: `${field.name} "${shown}" on line ${field.n + 1} is not an event number.`, range };
  }
  return { value, range };
}

function missingId(record: ListRecord, what: string): ReadError {
  return {
    message: `The record starting on line ${record.n + 1} has no ${what} property, so it cannot be read as an event.`,
    range: record.range(),
  };
}

/**
 * Reads Format-List text with one profile. Works on line offsets and copies only the text an event
 * keeps, so a 100 MB export does not turn into millions of short-lived line strings and objects.
 */
function* readFormatList(text: string, profile: ListProfile, filter?: EventFilter): ReadSteps {
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  const stray = new StrayLines(errors, 'Format-List record');
  const parser = new PropertyParser(text, profile);
  const record = new ListRecord(text, profile);
  const finish = (): void => {
    if (!record.isOpen) return;
    const result = profile.toEvent(record, filter);
    if (result !== null && 'eventId' in result) events.push(result);
    else if (result !== null) errors.push(result);
    record.close();
  };
  let blanks = 0;

  let rounds = 0;
  for (const line = new LineCursor(text); line.advance(); ) {
    if (++rounds % STEP === 0) yield;
    if (line.isBlank()) {
      blanks++;
      continue;
    }
    if (parser.read(line)) {
      if (!record.isOpen || record.has(parser) || (blanks > 0 && record.complete())) {
        finish();
        stray.flush();
        record.open(line);
      }
      record.add(parser, line);
      blanks = 0;
      continue;
    }
    // Continuation: indented, or right below the value (a paste that lost its indentation).
    const indent = line.indent();
    if (record.isOpen && (blanks === 0 || indent > 0)) {
      record.continueWith(line, indent, blanks);
      blanks = 0;
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
  for (const raw of headLines(head)) {
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
  steps: (text, filter) => readFormatList(text, winEventProfile, filter),
  filters: true,
});

/** `Get-EventLog | Format-List` (EventLogEntry properties; the id may come from InstanceId's low 16 bits). */
export const eventLogFormatListReader: FormatReader = defineReader({
  id: eventLogProfile.id,
  sniff: (head) => sniffFormatList(head, eventLogProfile, winEventProfile),
  steps: (text, filter) => readFormatList(text, eventLogProfile, filter),
  filters: true,
});
