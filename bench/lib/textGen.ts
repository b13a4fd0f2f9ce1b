/**
 * Text exports of realistic Entra Connect Application logs, in the shapes test/fixtures/exports.ts
 * and formatSamples.ts write (Event Viewer CSV, tab-delimited TXT in UTF-16 LE, Save-As XML,
 * `Get-WinEvent | Format-List`): every catalogue message text from test/fixtures/messages.ts, the
 * same IDs from other providers, and everyday events of other providers, newest first as Event
 * Viewer lists them. Deterministic: a seeded PRNG, fixed times.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { articleRows, liveVariants, otherProviders } from '../../test/fixtures/messages';
import { prng } from '../../test/fixtures/hostile';

export { prng };

export interface BenchEvent {
  eventId: number;
  source: string;
  level: 'Information' | 'Warning' | 'Error';
  message: string;
  /** Milliseconds since the epoch (UTC). */
  time: number;
  recordId: number;
}

type Template = Omit<BenchEvent, 'time' | 'recordId'>;

/** Routine password-sync traffic dominates a real log; every other catalogue message still shows up. */
const routine = new Set(['650', '651', '653', '654', '656', '657 success', '657 live success with forest-info']);

/** Everyday events of other providers on an Entra Connect server (not password sync). */
const everyday: Template[] = [
  { eventId: 904, source: 'ADSync', level: 'Information', message: 'Scheduler::SchedulerThreadMain : Started an iteration.' },
  { eventId: 904, source: 'ADSync', level: 'Information', message: 'Scheduler::SchedulerThreadMain : Completed configured scheduler operations.' },
  { eventId: 1033, source: 'MsiInstaller', level: 'Information', message: 'Windows Installer installed the product. Product Name: Microsoft Azure AD Connect Health agent for sync. Product Version: 3.2.2.0. Product Language: 1033. Manufacturer: Microsoft Corporation. Installation success or error status: 0.' },
  { eventId: 16384, source: 'Microsoft-Windows-Security-SPP', level: 'Information', message: 'Successfully scheduled Software Protection service for re-start at 2024-05-02T09:12:44Z. Reason: RulesEngine.' },
  { eventId: 16394, source: 'Microsoft-Windows-Security-SPP', level: 'Information', message: 'Offline downlevel migration succeeded.' },
  { eventId: 326, source: 'ESENT', level: 'Information', message: 'svchost (2412,D,50) SRUJet: The database engine attached a database (1, C:\\Windows\\system32\\SRU\\SRUDB.dat). (Time=0 seconds)\r\n\r\nSaved Cache: 1 0\r\n\r\nInternal Timing Sequence: [1] 0.000, [2] 0.000, [3] 0.016, [4] 0.000, [5] 0.000, [6] 0.000, [7] 0.000, [8] 0.000, [9] 0.000, [10] 0.000, [11] 0.000, [12] 0.000.' },
  { eventId: 1000, source: 'Application Error', level: 'Error', message: 'Faulting application name: miiserver.exe, version: 2.1.20.0, time stamp: 0x63e9f0a1\r\nFaulting module name: KERNELBASE.dll, version: 10.0.17763.4131, time stamp: 0x2c1d9a44\r\nException code: 0xe0434352\r\nFault offset: 0x000000000003ba99\r\nFaulting process id: 0x1f4c' },
  { eventId: 1026, source: '.NET Runtime', level: 'Error', message: 'Application: miiserver.exe\r\nFramework Version: v4.0.30319\r\nDescription: The process was terminated due to an unhandled exception.\r\nException Info: System.InvalidOperationException\r\n   at Microsoft.Online.Deployment.Framework.Workflow.WorkflowTask.Run()' },
  { eventId: 8198, source: 'Microsoft-Windows-Security-SPP', level: 'Error', message: 'License Activation (slui.exe) failed with the following error code:\r\nhr=0x8007232B\r\nCommand-line arguments:\r\nRuleId=31e71c49-8da7-4a2f-ad92-45d98a1c79ba;Action=AutoActivate;AppId=55c92734-d682-4d71-983e-d6ec3f16059f;SkuId=1cb6d605-11b3-4e14-bb30-da91c8e3983a;NotificationInterval=1440;Trigger=TimerEvent' },
  { eventId: 1531, source: 'Microsoft-Windows-User Profiles Service', level: 'Information', message: 'The User Profile Service has started successfully.' },
  { eventId: 2003, source: 'Microsoft-Windows-PerfNet', level: 'Warning', message: 'Unable to read Server Queue performance data from the Server service. The first four bytes (DWORD) of the Data section contains the status code, the second four bytes contains the IOSB.Status and the next four bytes contains the IOSB.Information.' },
  { eventId: 17137, source: 'MSSQL$ADSYNC', level: 'Information', message: 'Starting up database \'ADSync\'.' },
];

/** The weighted deck the generator draws from: about half password sync, half everything else. */
function deck(): Template[] {
  const cards: Template[] = [];
  for (const c of [...articleRows, ...liveVariants]) {
    const t: Template = { eventId: c.eventId, source: c.source, level: c.level, message: c.message };
    for (let i = 0; i < (routine.has(c.name) ? 12 : 1); i++) cards.push(t);
  }
  const phs = cards.length;
  for (const o of otherProviders) cards.push({ eventId: o.eventId, source: o.source, level: 'Information', message: o.message });
  while (cards.length < 2 * phs) cards.push(everyday[(cards.length - phs) % everyday.length]);
  return cards;
}

/** An endless, deterministic stream of events, newest first (every 1 to 15 seconds going back). */
export function* events(seed = 42): Generator<BenchEvent> {
  const cards = deck();
  const rand = prng(seed);
  let time = Date.UTC(2024, 4, 1, 16, 34, 8);
  for (let recordId = 5_000_000; ; recordId--) {
    const t = cards[Math.floor(rand() * cards.length)];
    // A real log names a different user in almost every password change: no two messages alike.
    const message = t.message.includes('CN=') ? t.message.replace(/CN=[^,\r\n]*/, `CN=User ${recordId % 100_000}`) : t.message;
    yield { ...t, message, time, recordId };
    time -= 1000 + Math.floor(rand() * 14000);
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Event Viewer's en-US date: 5/1/2024 4:34:08 PM (local time = UTC here). */
function usDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

const csvQuote = (v: string) => `"${v.replace(/"/g, '""')}"`;
const xmlEscape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const levelNumber: Record<string, number> = { Critical: 1, Error: 2, Warning: 3, Information: 4 };

export type TextFormat = 'csv' | 'txt' | 'xml' | 'xml-one-line' | 'formatlist';

interface Shape {
  head: string;
  event(e: BenchEvent): string;
  tail: string;
  encoding: 'utf8' | 'utf16le';
}

const shapes: Record<TextFormat, Shape> = {
  // Event Viewer "Save As CSV" (UTF-8): five named columns, the description as the unnamed sixth.
  csv: {
    head: 'Level,Date and Time,Source,Event ID,Task Category\r\n',
    event: (e) => `${[e.level, usDate(e.time), e.source, String(e.eventId), 'None', csvQuote(e.message)].join(',')}\r\n`,
    tail: '',
    encoding: 'utf8',
  },
  // Event Viewer "Save As Text": the same columns, tab-delimited, UTF-16 LE with BOM.
  txt: {
    head: '\ufeffLevel\tDate and Time\tSource\tEvent ID\tTask Category\r\n',
    event: (e) => `${[e.level, usDate(e.time), e.source, String(e.eventId), 'None', csvQuote(e.message)].join('\t')}\r\n`,
    tail: '',
    encoding: 'utf16le',
  },
  // Event Viewer "Save As XML": one root, events back to back (messages keep their line breaks).
  xml: {
    head: '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n<Events>',
    event: (e) => xmlEvent(e),
    tail: '</Events>',
    encoding: 'utf8',
  },
  // The same as Event Viewer often writes it: after the declaration the whole log is one line, the
  // messages' line breaks written as character references.
  'xml-one-line': {
    head: '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n<Events>',
    event: (e) => xmlEvent(e).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;'),
    tail: '</Events>',
    encoding: 'utf8',
  },
  // `Get-WinEvent -LogName Application | Format-List` saved as UTF-8 with CRLF.
  formatlist: {
    head: '\r\n\r\n',
    event: (e) => {
      const lines = e.message.split(/\r?\n/).map((l, i) => (i === 0 ? `Message      : ${l}` : l.length === 0 ? '' : ' '.repeat(15) + l));
      return [`TimeCreated  : ${usDate(e.time)}`, `ProviderName : ${e.source}`, `Id           : ${e.eventId}`, ...lines, '', ''].join('\r\n');
    },
    tail: '\r\n',
    encoding: 'utf8',
  },
};

/** One event as Event Viewer's XML export writes it. */
function xmlEvent(e: BenchEvent): string {
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='${xmlEscape(e.source)}'/><EventID Qualifiers='0'>${e.eventId}</EventID><Level>${levelNumber[e.level] ?? 4}</Level><Task>0</Task><Keywords>0x80000000000000</Keywords>` +
    `<TimeCreated SystemTime='${new Date(e.time).toISOString().replace(/\.\d+Z$/, '.000000000Z')}'/><EventRecordID>${e.recordId}</EventRecordID><Channel>Application</Channel><Computer>AADCONNECT01.contoso.local</Computer><Security/></System>` +
    `<EventData><Data>${xmlEscape(e.message)}</Data></EventData></Event>`;
}

export interface Written {
  bytes: number;
  events: number;
  lines: number;
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Writes an export of `format` until a limit is reached, at an event boundary: at most `bytes`,
 * exactly `events`, or at least `lines` lines (as an editor counts them: line breaks + 1).
 */
export function writeExport(path: string, format: TextFormat, limit: { bytes?: number; events?: number; lines?: number }): Written {
  const shape = shapes[format];
  const enc = (s: string) => Buffer.from(s, shape.encoding);
  const fd = openSync(path, 'w');
  const out: Written = { bytes: 0, events: 0, lines: 0 };
  const pending: string[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pending.length === 0) return;
    writeSync(fd, enc(pending.join('')));
    pending.length = 0;
    pendingBytes = 0;
  };
  const put = (s: string) => {
    const b = shape.encoding === 'utf8' ? Buffer.byteLength(s) : s.length * 2;
    pending.push(s);
    pendingBytes += b;
    out.bytes += b;
    out.lines += countLines(s);
    if (pendingBytes > 4 << 20) flush();
  };
  try {
    put(shape.head);
    const tailBytes = enc(shape.tail).length;
    for (const e of events()) {
      const s = shape.event(e);
      const b = shape.encoding === 'utf8' ? Buffer.byteLength(s) : s.length * 2;
      if (limit.bytes !== undefined && out.bytes + b + tailBytes > limit.bytes) break;
      if (limit.events !== undefined && out.events >= limit.events) break;
      if (limit.lines !== undefined && out.lines + 1 >= limit.lines) break;
      put(s);
      out.events++;
    }
    put(shape.tail);
    flush();
    return out;
  } finally {
    closeSync(fd);
  }
}
