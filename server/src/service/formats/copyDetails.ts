/**
 * Event Viewer's "Copy" → "Copy details as text", one or several pasted one after another:
 *
 *     Log Name:      Application
 *     Source:        Directory Synchronization
 *     Date:          5/1/2013 4:34:08 PM
 *     Event ID:      611
 *     ...
 *     Description:
 *     <message lines>
 *     Event Xml:
 *     <Event xmlns="...">...</Event>
 *
 * The XML after `Event Xml:` is the same event again, so it is never read as a second event; it only
 * contributes what the text lacks: the UTC `SystemTime`, the record number and the `<Data>` strings.
 */
import type { LogEvent } from '../model';
import { defineReader, type FormatReader, type ReadSteps } from './reader';
import { isoInstant, parseLooseDate } from './dates';
import { readDetailText, type DetailProperty, type DetailSpec } from './detailBlocks';
import { headLines, type Line } from './plainText';

const PROPERTY =
  /^(Log Name|Source|Date|Event ID|Task Category|Level|Keywords|OpCode|User|Computer|Description):( *)(.*)$/;

const copyDetailsSpec: DetailSpec = {
  what: 'Copy details block',
  property(text: string): DetailProperty | null {
    const m = PROPERTY.exec(text);
    return m ? { label: m[1], valueColumn: m[1].length + 1 + m[2].length } : null;
  },
  startsBlock(lines: readonly Line[], i: number): boolean {
    if (!lines[i].text.startsWith('Log Name:')) return false;
    const next = i + 1 < lines.length ? lines[i + 1].text : '';
    return next.startsWith('Source:');
  },
  trailerStart: /^Event Xml:\s*$/,
  trailerEnd: /^<\/Event>$/,
};

const SYSTEM_TIME = /SystemTime=["']([^"'<>]{1,64})["']/y;
const RECORD_ID = /<EventRecordID>(\d{1,20})<\/EventRecordID>/y;

/** Takes the UTC time, the record number and the data strings from the event's XML. */
function enrichFromXml(event: LogEvent, xml: string): void {
  const t = xml.indexOf('SystemTime=');
  if (t !== -1) {
    SYSTEM_TIME.lastIndex = t;
    const m = SYSTEM_TIME.exec(xml);
    if (m) {
      event.time = isoInstant(m[1]);
      if (event.sortTime === null) event.sortTime = parseLooseDate(m[1]);
    }
  }
  const r = xml.indexOf('<EventRecordID>');
  if (r !== -1) {
    RECORD_ID.lastIndex = r;
    const m = RECORD_ID.exec(xml);
    if (m) event.recordId = Number(m[1]);
  }
  const data = dataStrings(xml);
  if (data.length > 0) event.data = data;
}

/** The `<Data>` strings inside `<EventData>`, entities decoded; found by scanning forward only. */
function dataStrings(xml: string): string[] {
  const out: string[] = [];
  const from = xml.indexOf('<EventData');
  if (from === -1) return out;
  const stop = xml.indexOf('</EventData>', from);
  const end = stop === -1 ? xml.length : stop;
  let i = xml.indexOf('<Data', from);
  while (i !== -1 && i < end) {
    const close = xml.indexOf('>', i);
    if (close === -1 || close >= end) break;
    const nameEnd = i + 5;
    const c = xml.charCodeAt(nameEnd);
    // `<DataItem>` or similar is not a Data element.
    if (c !== 0x3e && c !== 0x20 && c !== 0x2f && c !== 0x09 && c !== 0x0d && c !== 0x0a) {
      i = xml.indexOf('<Data', close);
      continue;
    }
    if (xml.charCodeAt(close - 1) === 0x2f) {
      out.push('');
      i = xml.indexOf('<Data', close);
      continue;
    }
    const endTag = xml.indexOf('</Data>', close);
    if (endTag === -1 || endTag > end) break;
    out.push(decodeEntities(xml.slice(close + 1, endTag)));
    i = xml.indexOf('<Data', endTag + 7);
  }
  return out;
}

const ENTITY = /&(#x[0-9A-Fa-f]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name] ?? whole;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function* readCopyDetails(text: string): ReadSteps {
  const { events, errors } = yield* readDetailText(text, copyDetailsSpec, enrichFromXml);
  return { format: 'copy-details-text', events, errors };
}

const SNIFF_LABELS = /^(Log Name|Source|Date|Event ID|Task Category|Level|Keywords|User|Computer|Description|Event Xml):/;

function sniffCopyDetails(head: string): number {
  const seen = new Set<string>();
  for (const line of headLines(head)) {
    const m = SNIFF_LABELS.exec(line);
    if (m) seen.add(m[1]);
  }
  if (!seen.has('Event ID')) return seen.size > 0 ? 0.05 : 0;
  return Math.min(0.95, 0.4 + 0.06 * seen.size);
}

/** Event Viewer "Copy details as text" blocks. */
export const copyDetailsReader: FormatReader = defineReader({
  id: 'copy-details-text',
  sniff: sniffCopyDetails,
  steps: readCopyDetails,
});
