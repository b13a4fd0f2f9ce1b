/**
 * Event Viewer "Save As XML" and `wevtutil qe /f:xml` (no root element) exports.
 * A focused scanner rather than a generic XML parser: it needs the exact offset of each <EventID>
 * value, must stay linear on any input, and must never expand entities (see decodeXmlText).
 */
import type { EventLevel, LogEvent, ReadError } from '../model';
import { Finder, LineBreaks, LineIndex, wordAt } from './text';
import { attribute, decodeXmlText, isSpace, skipSpaces } from './xmlText';
import { defineReader, filtered, type EventFilter, type FormatReader, type ReadSteps } from './reader';
import { STEP } from '../steps';

/** Past this many unreadable events the file is not an export worth listing errors for. */
const MAX_ERRORS = 1000;

export function* readEventViewerXml(text: string, filter?: EventFilter): ReadSteps {
  const lines = new LineIndex(text);
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  const tags = new EventTags(text);
  const reader = new EventReader(text, lines, tags);
  // Remembered answers keep these linear even for 200,000 nested or unclosed <Event> tags.
  const closes = new Finder(text, '</Event>');
  const newlines = new LineBreaks(text);
  /** An unreadable event is marked on its first line only. */
  const errorRange = (start: number, end: number) => {
    const nl = newlines.next(start);
    return lines.range(start, nl === -1 ? end : Math.min(end, nl));
  };
  let rounds = 0;
  /** Events read, those a filter left out included. */
  let read = 0;
  for (let start = tags.nextEvent(0); start !== -1;) {
    if (++rounds % STEP === 0) yield;
    tags.scan(start);
    if (tags.close === -1) {
      // Another <Event> starts first (or nothing follows): an </Event> further on would be its end.
      const closed = tags.next !== -1 && closes.next(tags.next) !== -1;
      errors.push({ message: `An <Event> starting on line ${lines.positionAt(start).line + 1} is not closed; it was skipped.`, range: errorRange(start, closed ? tags.next : text.length) });
      if (!closed || errors.length >= MAX_ERRORS) break;
      start = tags.next;
    } else {
      const end = tags.close + '</Event>'.length;
      const event = reader.read(start, end, filter);
      if (typeof event === 'string') errors.push({ message: event, range: errorRange(start, end) });
      else {
        read++;
        if (event !== null) events.push(event);
      }
      start = tags.nextEvent(end);
    }
  }
  if (read === 0 && errors.length === 0 && text.trim().length > 0) {
    errors.push({ message: 'No <Event> element was found in this XML file.', range: lines.range(0, lines.lineEnd(0)) });
  }
  return { format: 'event-viewer-xml', events, errors };
}

/** Element names the reader looks for; tag ids are 2 × index for `<Name`, plus 1 for `</Name>`. */
const NAMES = ['System', 'Provider', 'EventID', 'Level', 'TimeCreated', 'EventRecordID', 'EventData', 'Data', 'UserData', 'RenderingInfo', 'Message'] as const;
const EVENT_START = 2 * NAMES.length;
const EVENT_END = EVENT_START + 1;

interface TagName {
  id: number;
  name: string;
}

/** Tag names by the character code that follows "<" (start tags) or "</" (end tags). */
const startTags: TagName[][] = [];
const endTags: TagName[][] = [];
[...NAMES, 'Event'].forEach((name, i) => {
  (startTags[name.charCodeAt(0)] ??= []).push({ id: 2 * i, name });
  (endTags[name.charCodeAt(0)] ??= []).push({ id: 2 * i + 1, name });
});

/** What may follow a tag name: the end of the tag, white space before attributes, or "/>". */
function endsTagName(c: number): boolean {
  return c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13;
}

/** The id of the tag that starts with the "<" at `lt`, or -1 for any other. */
function tagAt(text: string, lt: number): number {
  const end = text.charCodeAt(lt + 1) === 47; /* "/" */
  const nameAt = lt + (end ? 2 : 1);
  const candidates = (end ? endTags : startTags)[text.charCodeAt(nameAt)];
  if (candidates === undefined) return -1;
  for (const { id, name } of candidates) {
    // The character after the name rules out most candidates before their names are compared.
    const c = text.charCodeAt(nameAt + name.length);
    // An event starts as the sniffer's /<Event[\s>]/ says; other tags as an XML name ends.
    if (end ? c !== 62 : id === EVENT_START ? c !== 62 && !isSpace(c) : !endsTagName(c)) continue;
    if (wordAt(text, nameAt, name)) return id;
  }
  return -1;
}

/**
 * The tags of one event, found in one pass over its "<" characters rather than one search per
 * tag; every query the reader makes stays inside the event, so it is answered from this pass.
 */
class EventTags {
  /** After scan(): where the event's </Event> is, or -1; if -1, where the next event starts, or -1. */
  close = -1;
  next = -1;
  /** Offsets of each tag in the event, in order; `counts` says how many are this event's. */
  private readonly offsets: number[][] = Array.from({ length: EVENT_START }, () => []);
  private readonly counts = new Int32Array(EVENT_START);
  /** Per tag, the index of the last answer (queries mostly move forward). */
  private readonly cursors = new Int32Array(EVENT_START);

  constructor(private readonly text: string) {}

  /** Where the first event at or after `from` starts, or -1. */
  nextEvent(from: number): number {
    const text = this.text;
    for (let lt = text.indexOf('<', from); lt !== -1; lt = text.indexOf('<', lt + 1)) {
      if (tagAt(text, lt) === EVENT_START) return lt;
    }
    return -1;
  }

  /** Reads the tags of the event starting at `start`, up to its </Event> or the next event. */
  scan(start: number): void {
    const text = this.text;
    this.counts.fill(0);
    this.cursors.fill(0);
    this.close = -1;
    this.next = -1;
    for (let lt = text.indexOf('<', start + 1); lt !== -1; lt = text.indexOf('<', lt + 1)) {
      const id = tagAt(text, lt);
      if (id === EVENT_END) this.close = lt;
      else if (id === EVENT_START) this.next = lt;
      else if (id !== -1) this.offsets[id][this.counts[id]++] = lt;
      if (id >= EVENT_START) return;
    }
  }

  /** The first offset of tag `id` at or after `from` in this event, or -1. */
  find(id: number, from: number): number {
    const offsets = this.offsets[id];
    const count = this.counts[id];
    let i = this.cursors[id];
    if (i > 0 && offsets[i - 1] >= from) i = 0;
    while (i < count && offsets[i] < from) i++;
    this.cursors[id] = i;
    return i < count ? offsets[i] : -1;
  }

  /** The first offset of tag `id` in [from, to), or -1. */
  within(id: number, from: number, to: number): number {
    const at = this.find(id, from);
    return at < to ? at : -1;
  }
}

/** One element name: finds the element's content, up to its end tag. */
class Element {
  /** The content of the element last found. */
  start = 0;
  end = 0;
  /** Where a search for a following element of the same name resumes. */
  after = 0;
  private open = -1;

  constructor(private readonly reader: EventReader, private readonly id: number, private readonly nameLength: number) {}

  /** Finds the first such element that starts in [from, to) and ends by `to`. */
  find(from: number, to: number): boolean {
    const gt = this.startTag(from, to);
    if (gt === -1 || gt >= to) return false;
    this.start = gt + 1;
    if (this.reader.text.charCodeAt(gt - 1) === 47 /* "/" */) {
      this.end = gt + 1;
      this.after = this.open + 1 + this.nameLength;
      return true;
    }
    const close = this.reader.tags.find(this.id + 1, gt);
    if (close === -1 || close > to) return false;
    this.end = close;
    this.after = close;
    return true;
  }

  /** The attribute text of the first such start tag in [from, to), or null without one. */
  attributes(from: number, to: number): string | null {
    const gt = this.startTag(from, to);
    return gt === -1 ? null : this.reader.text.slice(this.open + 1 + this.nameLength, gt);
  }

  /** The ">" of the first such start tag in [from, to), which starts at `open`; -1 without one. */
  private startTag(from: number, to: number): number {
    this.open = this.reader.tags.within(this.id, from, to);
    return this.open === -1 ? -1 : this.reader.gts.next(this.open);
  }
}

/** Reads one event at a time, in document order (offsets are the whole text's). */
class EventReader {
  readonly gts: Finder;
  private readonly system = this.element('System');
  private readonly provider = this.element('Provider');
  private readonly eventId = this.element('EventID');
  private readonly level = this.element('Level');
  private readonly timeCreated = this.element('TimeCreated');
  private readonly recordId = this.element('EventRecordID');
  private readonly eventData = this.element('EventData');
  private readonly data = this.element('Data');
  private readonly userData = this.element('UserData');
  private readonly rendering = this.element('RenderingInfo');
  private readonly message = this.element('Message');
  /** An event's <Data> values, copied out at their exact size: an array grown by push keeps spare room. */
  private readonly values: string[] = [];
  /** Provider names by the attribute text of <Provider>: a log names a few providers many times. */
  private readonly providers = new Map<string, string | null>();

  constructor(readonly text: string, private readonly lines: LineIndex, readonly tags: EventTags) {
    this.gts = new Finder(text, '>');
  }

  private element(name: (typeof NAMES)[number]): Element {
    return new Element(this, 2 * NAMES.indexOf(name), name.length);
  }

  /** The event in text[start, end), or why it was skipped; null when `filter` leaves it out. */
  read(start: number, end: number, filter?: EventFilter): LogEvent | string | null {
    const { text, system, eventId, level, recordId, rendering, message } = this;
    if (!system.find(start, end)) return `The <Event> on ${this.where(start)} has no <System> block; it was skipped.`;
    const sysStart = system.start;
    const sysEnd = system.end;
    if (!eventId.find(sysStart, sysEnd)) return `The <Event> on ${this.where(start)} has no <EventID>; it was skipped.`;
    // Only digits, with white space around them.
    const idStart = skipSpaces(text, eventId.start, eventId.end);
    let idEnd = idStart;
    while (idEnd < eventId.end && isDigit(text.charCodeAt(idEnd))) idEnd++;
    if (idEnd === idStart || skipSpaces(text, idEnd, eventId.end) !== eventId.end) return `The <EventID> on ${this.where(start)} is not a number; the event was skipped.`;

    const providerAttrs = this.provider.attributes(sysStart, sysEnd);
    const source = providerAttrs === null ? null : this.providerName(providerAttrs);
    const timeAttrs = this.timeCreated.attributes(sysStart, sysEnd);
    const systemTime = timeAttrs === null ? null : attribute(timeAttrs, 'SystemTime');
    const sortTime = systemTime ? Date.parse(systemTime) : NaN;
    const id = numberAt(text, idStart, idEnd);
    if (filter && !filtered(filter, source, id, Number.isFinite(sortTime) ? sortTime : null, start)) return null;
    const levelText = level.find(sysStart, sysEnd) ? text.slice(level.start, level.end).trim() : null;
    const recordNumber = recordId.find(sysStart, sysEnd) ? numberAt(text, recordId.start, recordId.end) : NaN;

    const data = this.readData(sysEnd, end);
    const rendered = rendering.find(sysEnd, end) && message.find(rendering.start, rendering.end);
    const messageText = rendered ? decodeXmlText(text.slice(message.start, message.end)) : data.join('\n');

    const event: LogEvent = {
      recordId: recordNumber,
      eventId: id,
      source,
      level: levelFromNumber(levelText === null ? NaN : Number(levelText)),
      levelText,
      timeText: systemTime,
      time: systemTime && Number.isFinite(sortTime) ? systemTime : null,
      sortTime: Number.isFinite(sortTime) ? sortTime : null,
      message: messageText.indexOf('\r') === -1 ? messageText : messageText.replace(/\r\n?/g, '\n'),
      data,
      range: this.lines.range(start, end),
      idRange: this.lines.range(idStart, idEnd),
    };
    // Built whole in one literal, the common shape is quick to make (a spread made every event slow);
    // the rare event without a record number drops the key.
    if (!Number.isFinite(recordNumber)) delete event.recordId;
    return event;
  }

  /** The provider's name in a <Provider> tag's attribute text, read once per distinct text (the same string each time). */
  private providerName(attrs: string): string | null {
    let name = this.providers.get(attrs);
    if (name === undefined) {
      name = attribute(attrs, 'Name') ?? attribute(attrs, 'EventSourceName');
      // A log of thousands of providers (or of hostile tags) must not grow the map without end.
      if (this.providers.size >= 256) this.providers.clear();
      this.providers.set(attrs, name);
    }
    return name;
  }

  private where(start: number): string {
    return `line ${this.lines.positionAt(start).line + 1}`;
  }

  private readData(from: number, to: number): string[] {
    const { text, eventData, data, userData } = this;
    if (!eventData.find(from, to)) return userData.find(from, to) ? leafTexts(text.slice(userData.start, userData.end)) : [];
    const values = this.values;
    let count = 0;
    const blockEnd = eventData.end;
    for (let at = eventData.start; data.find(at, blockEnd); at = data.after) {
      values[count++] = decodeXmlText(text.slice(data.start, data.end));
    }
    return values.slice(0, count);
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Number(text.slice(from, to)). A short run of digits (every event ID and record number) is read
 * in place: no string is cut for it.
 */
function numberAt(text: string, from: number, to: number): number {
  if (to === from || to - from > 15) return Number(text.slice(from, to));
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return Number(text.slice(from, to));
    n = n * 10 + c - 48;
  }
  return n;
}

/** <UserData> has no <Data>: its values are the texts of its innermost elements, in order. */
function leafTexts(xml: string): string[] {
  const out: string[] = [];
  const leaf = /<([A-Za-z_][\w:.-]*)(?:\s[^<>]*?)?(?:\/>|>([^<]*)<\/\1>)/g;
  for (let m = leaf.exec(xml); m; m = leaf.exec(xml)) out.push(decodeXmlText(m[2] ?? ''));
  return out;
}

/** <System><Level>: 1 critical, 2 error, 3 warning, 4 information, 5 verbose; 0 and others unknown. */
export function levelFromNumber(n: number): EventLevel {
  switch (n) {
    case 1: return 'critical';
    case 2: return 'error';
    case 3: return 'warning';
    case 4: return 'information';
    case 5: return 'verbose';
    default: return 'unknown';
  }
}

/**
 * The name of the first element, after the XML declaration, comments and a DOCTYPE. A plain scan:
 * a regex over repeated comments backtracks exponentially on a head full of them.
 */
function rootElement(head: string): { name: string; at: number } | null {
  let i = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < head.length && /\s/.test(head[i])) i++;
    if (head.startsWith('<?', i)) i = after(head, '?>', i);
    else if (head.startsWith('<!--', i)) i = after(head, '-->', i);
    else if (head.startsWith('<!DOCTYPE', i)) {
      const bracket = head.indexOf('[', i);
      const close = head.indexOf('>', i);
      i = bracket !== -1 && bracket < close ? after(head, ']>', bracket) : after(head, '>', i);
    } else break;
    if (i === -1) return null;
  }
  const m = /^<([A-Za-z_][\w.:-]*)[\s>/]/.exec(head.slice(i, i + 256));
  return m ? { name: m[1], at: i } : null;
}

function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at === -1 ? -1 : at + token.length;
}

export const eventViewerXmlReader: FormatReader = defineReader({
  id: 'event-viewer-xml',
  sniff(head) {
    // The document itself must be events: XML quoted inside another shape (Copy details) is not.
    const root = rootElement(head);
    if (root === null || !/^Events?$/.test(root.name)) return 0;
    return root.name === 'Event' || /<Event[\s>]/.test(head.slice(root.at)) ? 0.95 : 0.8;
  },
  steps: readEventViewerXml,
  filters: true,
});
