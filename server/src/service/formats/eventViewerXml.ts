/**
 * Event Viewer "Save As XML" and `wevtutil qe /f:xml` (no root element) exports.
 * A focused scanner rather than a generic XML parser: it needs the exact offset of each <EventID>
 * value, must stay linear on any input, and must never expand entities (see decodeXmlText).
 */
import type { EventLevel, LogEvent, ReadError } from '../model';
import { LineIndex } from './text';
import { attribute, decodeXmlText } from './xmlText';
import { defineReader, type FormatReader, type ReadSteps } from './reader';
import { STEP } from '../steps';

const eventStart = /<Event[\s>]/g;
const nextEventStart = /<Event[\s>]/g;
/** Past this many unreadable events the file is not an export worth listing errors for. */
const MAX_ERRORS = 1000;

export function* readEventViewerXml(text: string): ReadSteps {
  const lines = new LineIndex(text);
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  eventStart.lastIndex = 0;
  // The next </Event> is remembered: starts and ends only move forward, so the scan stays linear
  // even for 200,000 nested or unclosed <Event> tags.
  let closeAt = -2;
  let rounds = 0;
  for (let m = eventStart.exec(text); m; m = eventStart.exec(text)) {
    if (++rounds % STEP === 0) yield;
    const start = m.index;
    if (closeAt !== -1 && closeAt < start) closeAt = text.indexOf('</Event>', start);
    const close = closeAt;
    nextEventStart.lastIndex = start + 6;
    const next = nextEventStart.exec(text);
    const nextStart = next ? next.index : -1;
    if (close === -1 || (nextStart !== -1 && nextStart < close)) {
      const end = close === -1 ? text.length : nextStart;
      errors.push({ message: `An <Event> starting on line ${lines.positionAt(start).line + 1} is not closed; it was skipped.`, range: lines.range(start, Math.min(end, lineEndOffset(text, start))) });
      if (close === -1 || errors.length >= MAX_ERRORS) break;
      eventStart.lastIndex = end;
      continue;
    }
    const end = close + '</Event>'.length;
    // Every search inside one event works on its own slice, so a missing tag never scans past it.
    const event = readEvent(text.slice(start, end), start, lines);
    if (typeof event === 'string') errors.push({ message: event, range: lines.range(start, Math.min(end, lineEndOffset(text, start))) });
    else events.push(event);
    eventStart.lastIndex = end;
  }
  if (events.length === 0 && errors.length === 0 && text.trim().length > 0) {
    errors.push({ message: 'No <Event> element was found in this XML file.', range: lines.range(0, lines.lineEnd(0)) });
  }
  return { format: 'event-viewer-xml', events, errors };
}

function lineEndOffset(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}

function section(text: string, from: number, to: number, tag: string): [number, number] | null {
  const open = indexOfTag(text, `<${tag}`, from, to);
  if (open === -1) return null;
  const gt = text.indexOf('>', open);
  if (gt === -1 || gt >= to) return null;
  if (text.charCodeAt(gt - 1) === 47 /* "/" */) return [gt + 1, gt + 1];
  const close = text.indexOf(`</${tag}>`, gt);
  return close === -1 || close > to ? null : [gt + 1, close];
}

/** indexOf of `<Tag` where the tag name ends right after (so `<Data` does not match `<DataItem`). */
function indexOfTag(text: string, open: string, from: number, to: number): number {
  for (let i = text.indexOf(open, from); i !== -1 && i < to; i = text.indexOf(open, i + 1)) {
    const c = text.charCodeAt(i + open.length);
    if (c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13) return i;
  }
  return -1;
}

function startTagAttrs(text: string, at: number, tag: string): string {
  const gt = text.indexOf('>', at);
  return text.slice(at + tag.length + 1, gt === -1 ? at + tag.length + 1 : gt).replace(/\/$/, '');
}

/** Reads one event from its own slice `text`; `base` is the slice's offset in the document. */
function readEvent(text: string, base: number, lines: LineIndex): LogEvent | string {
  const where = `line ${lines.positionAt(base).line + 1}`;
  const end = text.length;
  const system = section(text, 0, end, 'System');
  if (!system) return `The <Event> on ${where} has no <System> block; it was skipped.`;
  const [sysStart, sysEnd] = system;
  const idSection = section(text, sysStart, sysEnd, 'EventID');
  if (!idSection) return `The <Event> on ${where} has no <EventID>; it was skipped.`;
  const rawId = text.slice(idSection[0], idSection[1]);
  const digits = /\d+/.exec(rawId);
  if (!digits || rawId.trim() !== digits[0]) return `The <EventID> on ${where} is not a number; the event was skipped.`;
  const idStart = base + idSection[0] + digits.index;

  const providerAt = indexOfTag(text, '<Provider', sysStart, sysEnd);
  const providerAttrs = providerAt === -1 ? '' : startTagAttrs(text, providerAt, 'Provider');
  const source = attribute(providerAttrs, 'Name') ?? attribute(providerAttrs, 'EventSourceName');

  const levelSection = section(text, sysStart, sysEnd, 'Level');
  const levelNumber = levelSection ? Number(text.slice(levelSection[0], levelSection[1]).trim()) : NaN;
  const timeAt = indexOfTag(text, '<TimeCreated', sysStart, sysEnd);
  const systemTime = timeAt === -1 ? null : attribute(startTagAttrs(text, timeAt, 'TimeCreated'), 'SystemTime');
  const recordSection = section(text, sysStart, sysEnd, 'EventRecordID');
  const recordId = recordSection ? Number(text.slice(recordSection[0], recordSection[1]).trim()) : NaN;

  const data = readData(text, sysEnd, end);
  const rendering = section(text, sysEnd, end, 'RenderingInfo');
  const renderedMessage = rendering ? section(text, rendering[0], rendering[1], 'Message') : null;
  const message = renderedMessage ? decodeXmlText(text.slice(renderedMessage[0], renderedMessage[1])) : data.join('\n');
  const sortTime = systemTime ? Date.parse(systemTime) : NaN;

  return {
    ...(Number.isFinite(recordId) ? { recordId } : {}),
    eventId: Number(digits[0]),
    source,
    level: levelFromNumber(levelNumber),
    levelText: levelSection ? text.slice(levelSection[0], levelSection[1]).trim() : null,
    timeText: systemTime,
    time: systemTime && Number.isFinite(sortTime) ? systemTime : null,
    sortTime: Number.isFinite(sortTime) ? sortTime : null,
    message: message.replace(/\r\n?/g, '\n'),
    data,
    range: lines.range(base, base + end),
    idRange: lines.range(idStart, idStart + digits[0].length),
  };
}

function readData(text: string, from: number, to: number): string[] {
  const out: string[] = [];
  const eventData = section(text, from, to, 'EventData');
  if (!eventData) {
    const userData = section(text, from, to, 'UserData');
    return userData ? leafTexts(text.slice(userData[0], userData[1])) : out;
  }
  const block = eventData;
  for (let at = indexOfTag(text, '<Data', block[0], block[1]); at !== -1; at = indexOfTag(text, '<Data', at + 5, block[1])) {
    const gt = text.indexOf('>', at);
    if (gt === -1 || gt >= block[1]) break;
    if (text.charCodeAt(gt - 1) === 47) {
      out.push('');
      continue;
    }
    const close = text.indexOf('</Data>', gt);
    if (close === -1 || close > block[1]) break;
    out.push(decodeXmlText(text.slice(gt + 1, close)));
    at = close;
  }
  return out;
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
});
