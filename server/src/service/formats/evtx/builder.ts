/**
 * Collects one event while the Binary XML is rendered: the one-line XML text, and on the way the
 * fields callers need (System values, EventData/UserData strings), so no second pass over a DOM.
 */
import { escapeXml } from './values';

// What the element at depth 2 (under <Event>) is.
const SEC_NONE = 0;
const SEC_SYSTEM = 1;
const SEC_EVENTDATA = 2;
const SEC_USERDATA = 3;

// What a depth-3 element is, for attribute and text capture.
const ROLE_NONE = 0;
const ROLE_PROVIDER = 1;
const ROLE_EVENTID = 2;
const ROLE_LEVEL = 3;
const ROLE_TIMECREATED = 4;
const ROLE_CHANNEL = 5;
const ROLE_COMPUTER = 6;
const ROLE_DATA = 7;
const ROLE_RECORDID = 8;

/** Upper bound on elements and text pieces per record, so hostile nesting cannot run away. */
const MAX_WORK = 200000;
/** Upper bound on element nesting across nested templates, well below the call stack's limit. */
const MAX_DEPTH = 1024;
/** Upper bound on the rendered XML length per record (characters). */
const MAX_OUTPUT = 16 * 1024 * 1024;

export interface BuiltFields {
  /** <EventRecordID> when present and numeric. */
  recordId: number | null;
  eventId: number | null;
  qualifiers: number | null;
  provider: string | null;
  level: number | null;
  timeCreated: string | null;
  channel: string | null;
  computer: string | null;
  data: string[];
  dataNames: (string | null)[];
  xml: string;
}

/** A decimal (or 0x-hex) integer field; anything else, e.g. text from damaged data, is null. */
function toInt(s: string | null): number | null {
  if (s === null) return null;
  const t = s.trim();
  if (/^\d{1,20}$/.test(t)) return Number(t);
  if (/^0x[0-9a-f]{1,16}$/i.test(t)) return parseInt(t, 16);
  return null;
}

export class RecordBuilder {
  private readonly parts: string[] = [];
  private outLength = 0;
  private depth = 0;
  private section = SEC_NONE;
  private role = ROLE_NONE;
  /**
   * The start tag being built (name and attributes), not yet in `parts`: it gets '>' when content
   * follows or '/>' when the element ends empty. One part per tag keeps the final join cheap.
   */
  private tag: string | null = null;
  private work = 0;

  // Text capture of the current depth-3 element (System fields, Data).
  private cap: string | null = null;
  private capRole = ROLE_NONE;
  private dataName: string | null = null;

  // UserData leaves: one frame per open element below <UserData>.
  private readonly udText: string[] = [];
  private readonly udHasChild: boolean[] = [];
  private readonly udName: string[] = [];

  private provider: string | null = null;
  private sourceName: string | null = null;
  private eventIdText: string | null = null;
  private qualifiersText: string | null = null;
  private levelText: string | null = null;
  private recordIdText: string | null = null;
  private timeCreated: string | null = null;
  private channel: string | null = null;
  private computer: string | null = null;
  private readonly data: string[] = [];
  private readonly dataNames: (string | null)[] = [];

  private flushTag(end: string): void {
    const t = (this.tag as string) + end;
    this.tag = null;
    this.parts.push(t);
    this.outLength += t.length;
  }

  private push(s: string): void {
    if (this.tag !== null) this.flushTag('>');
    this.parts.push(s);
    this.outLength += s.length;
    if (this.outLength > MAX_OUTPUT) throw new Error('rendered event exceeds 16 MiB');
  }

  private tick(): void {
    if (++this.work > MAX_WORK) throw new Error('event has too many nodes (nested substitutions)');
  }

  /** `open` is '<' + name, precomputed by the template. */
  startElement(name: string, open: string): void {
    this.tick();
    if (this.tag !== null) this.flushTag('>');
    this.tag = open;
    const d = ++this.depth;
    if (d > MAX_DEPTH) throw new Error('elements nested too deeply');
    this.role = ROLE_NONE;
    if (d === 2) {
      this.section =
        name === 'System' ? SEC_SYSTEM : name === 'EventData' ? SEC_EVENTDATA : name === 'UserData' ? SEC_USERDATA : SEC_NONE;
    } else if (d === 3) {
      if (this.section === SEC_SYSTEM) {
        switch (name) {
          case 'Provider':
            this.role = ROLE_PROVIDER;
            break;
          case 'EventID':
            this.role = ROLE_EVENTID;
            break;
          case 'Level':
            this.role = ROLE_LEVEL;
            break;
          case 'TimeCreated':
            this.role = ROLE_TIMECREATED;
            break;
          case 'Channel':
            this.role = ROLE_CHANNEL;
            break;
          case 'Computer':
            this.role = ROLE_COMPUTER;
            break;
          case 'EventRecordID':
            this.role = ROLE_RECORDID;
            break;
        }
        if (this.role !== ROLE_NONE && this.role !== ROLE_PROVIDER && this.role !== ROLE_TIMECREATED) {
          this.cap = '';
          this.capRole = this.role;
        }
      } else if (this.section === SEC_EVENTDATA && name === 'Data') {
        this.role = ROLE_DATA;
        this.cap = '';
        this.capRole = ROLE_DATA;
        this.dataName = null;
      }
    }
    if (this.section === SEC_USERDATA && d >= 3) {
      const n = this.udHasChild.length;
      if (n > 0) this.udHasChild[n - 1] = true;
      this.udText.push('');
      this.udHasChild.push(false);
      this.udName.push(name);
    }
  }

  /** `prefix` is ' ' + name + '="'. `value` is raw (unescaped) text. */
  attribute(name: string, prefix: string, value: string): void {
    this.attributeXml(name, prefix + escapeXml(value) + '"', value);
  }

  /** `xml` is the whole ` name="escaped value"` piece, precomputed for static attributes. */
  attributeXml(name: string, xml: string, value: string): void {
    this.tag = (this.tag ?? '') + xml;
    switch (this.role) {
      case ROLE_NONE:
        return;
      case ROLE_PROVIDER:
        if (name === 'Name') this.provider = value;
        else if (name === 'EventSourceName') this.sourceName = value;
        return;
      case ROLE_EVENTID:
        if (name === 'Qualifiers') this.qualifiersText = value;
        return;
      case ROLE_TIMECREATED:
        if (name === 'SystemTime') this.timeCreated = value;
        return;
      case ROLE_DATA:
        if (name === 'Name') this.dataName = value;
        return;
    }
  }

  /** Raw text content; escaped for the XML here. */
  text(value: string): void {
    if (value.length === 0) return;
    this.tick();
    this.push(escapeXml(value));
    this.capture(value);
  }

  /** Already-escaped XML (entity/char refs, CDATA, PI) whose meaning as text is `value`. */
  markup(xml: string, value: string): void {
    this.tick();
    this.push(xml);
    if (value.length > 0) this.capture(value);
  }

  private capture(value: string): void {
    if (this.cap !== null) this.cap += value;
    const n = this.udText.length;
    if (n > 0) this.udText[n - 1] += value;
  }

  /** `close` is '</' + name + '>'. */
  endElement(close: string): void {
    if (this.tag !== null) {
      this.flushTag('/>');
    } else {
      this.push(close);
    }
    const d = this.depth--;
    if (this.section === SEC_USERDATA && d >= 3) {
      const text = this.udText.pop() ?? '';
      const hadChild = this.udHasChild.pop() ?? false;
      const name = this.udName.pop() ?? null;
      if (!hadChild) {
        this.data.push(text);
        this.dataNames.push(name);
      }
    }
    if (d === 3 && this.cap !== null) {
      const v = this.cap;
      switch (this.capRole) {
        case ROLE_EVENTID:
          this.eventIdText = v;
          break;
        case ROLE_LEVEL:
          this.levelText = v;
          break;
        case ROLE_CHANNEL:
          this.channel = v;
          break;
        case ROLE_COMPUTER:
          this.computer = v;
          break;
        case ROLE_RECORDID:
          this.recordIdText = v;
          break;
        case ROLE_DATA:
          this.data.push(v);
          this.dataNames.push(this.dataName);
          break;
      }
      this.cap = null;
      this.capRole = ROLE_NONE;
    }
    if (d === 2) this.section = SEC_NONE;
    this.role = ROLE_NONE;
  }

  finish(): BuiltFields {
    return {
      recordId: toInt(this.recordIdText),
      eventId: toInt(this.eventIdText),
      qualifiers: toInt(this.qualifiersText),
      provider: this.provider ?? this.sourceName,
      level: toInt(this.levelText),
      timeCreated: this.timeCreated,
      channel: this.channel,
      computer: this.computer,
      data: this.data,
      dataNames: this.dataNames,
      xml: this.parts.join(''),
    };
  }
}
