import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prng } from '../fixtures/hostile';
import { runToEnd } from '../../server/src/service/steps';
import {
  crc32,
  iterateEvtx,
  parseFileHeader,
  readEvtx,
  readEvtxFileSteps,
  type EvtxError,
  type EvtxReadResult,
  type EvtxRecord,
} from '../../server/src/service/formats/evtx/index';

// Real samples stay outside the repository (see SOURCES.md there); tests only read them.
const SAMPLES = path.resolve(__dirname, '../../../shared/samples/evtx');
const CHUNK = 65536;
const HEADER = 4096;

interface TruthRecord {
  recordId: number;
  eventId?: number;
  provider?: string;
  level?: number;
  timeCreated?: string;
  channel?: string;
  computer?: string;
  data?: string[];
  error?: string;
}

function sample(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(SAMPLES, name)));
}

function truth(name: string): TruthRecord[] {
  return JSON.parse(fs.readFileSync(path.join(SAMPLES, name.replace(/\.evtx$/, '.truth.json')), 'utf8')) as TruthRecord[];
}

const SAMPLE_FILES = fs.existsSync(SAMPLES) ? fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.evtx')).sort() : [];

// ---- comparing with python-evtx's reading ---------------------------------------------------------

/**
 * python-evtx renders a string-array substitution (type 0x81) as one text of
 * `<string>item</string>\n` lines; Windows repeats the <Data> element once per item, and so do we.
 * Split its text into the items.
 */
function pythonArrayItems(value: string): string[] | null {
  if (!/^(<string>[\s\S]*?<\/string>\n)+$/.test(value)) return null;
  return [...value.matchAll(/<string>([\s\S]*?)<\/string>\n/g)].map((m) => m[1]);
}

/** Microseconds since the epoch of python's "YYYY-MM-DD HH:MM:SS[.ffffff]" or our ISO text. */
function micros(text: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z?$/.exec(text);
  if (!m) return null;
  const whole = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) * 1000;
  return whole + Number((m[7] ?? '').padEnd(7, '0').slice(0, 7)) / 10;
}

/** One <Data> value of ours against python-evtx's, allowing for the renderings that differ. */
function sameValue(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  // The XML parser behind python-evtx's output normalises CR LF to LF; we keep the stored text.
  if (ours.replace(/\r\n/g, '\n') === theirs) return true;
  // Booleans: python prints True/False, Windows true/false.
  if ((theirs === 'True' || theirs === 'False') && ours === theirs.toLowerCase()) return true;
  // Hex: python pads HexInt64 to 16 digits (0x00000000000003e7); Windows shows 0x3e7.
  if (/^0x[0-9a-f]+$/i.test(theirs) && /^0x[0-9a-f]+$/.test(ours)) return BigInt(theirs) === BigInt(ours);
  // GUIDs: python lower-case, Windows upper-case.
  if (/^\{[0-9a-f-]{36}\}$/i.test(theirs)) return ours === theirs.toUpperCase();
  // FILETIME values: python converts through a float of seconds since 1970 and truncates to
  // microseconds, which is off by a few microseconds; we keep the exact 100 ns digits.
  const a = micros(ours);
  const b = micros(theirs);
  if (a !== null && b !== null) return Math.abs(a - b) <= 5;
  // Binary: python base64, Windows upper-case hex.
  if (/^[A-Za-z0-9+/]+=*$/.test(theirs) && /^[0-9A-F]+$/.test(ours)) {
    return Buffer.from(theirs, 'base64').toString('hex').toUpperCase() === ours;
  }
  return false;
}

function compareData(ours: EvtxRecord, theirs: string[], where: string): void {
  const hasEventData = ours.xml.includes('<EventData');
  if (!hasEventData && ours.xml.includes('<UserData')) {
    // python-evtx's truth lists <Data> texts only; for UserData events we give its leaf texts.
    assert.deepEqual(theirs, [], where);
    assert.ok(ours.data.length > 0 || !/<UserData>.*<\/UserData>/.test(ours.xml), where);
    return;
  }
  const arrays = theirs.map(pythonArrayItems);
  if (arrays.some((a) => a !== null)) {
    // python-evtx also mangles arrays that start with empty items: ["", "x"] comes out as x then
    // empty, and ["", "", "", "", "249221", ...] as 249221, 221, ... (a leftover tail). So: every
    // non-empty item of ours is among python's, and each of python's is (a tail of) one of ours.
    // Our exact order is checked against the raw bytes in the system.evtx and synthetic tests.
    const expected = theirs.flatMap((t, i) => arrays[i] ?? [t]).filter((s) => s !== '');
    const got = ours.data.filter((s) => s !== '');
    for (const g of got) assert.ok(expected.includes(g), `${where}: ${JSON.stringify(g)} not in ${JSON.stringify(expected)}`);
    for (const e of expected) assert.ok(got.some((g) => g.endsWith(e)), `${where}: ${JSON.stringify(e)} not in ${JSON.stringify(got)}`);
    return;
  }
  if (theirs.length === 1 && theirs[0] === '' && ours.data.length === 0) {
    // Classic events without strings: python shows an empty <Data/>; the optional substitution
    // holds no value, so (as Event Viewer does) no <Data> element is created.
    assert.ok(!ours.xml.includes('<Data'), where);
    return;
  }
  assert.equal(ours.data.length, theirs.length, `${where}: ${JSON.stringify(ours.data)} vs ${JSON.stringify(theirs)}`);
  for (let i = 0; i < theirs.length; i++) {
    assert.ok(sameValue(ours.data[i], theirs[i]), `${where} data[${i}]: ${JSON.stringify(ours.data[i])} vs ${JSON.stringify(theirs[i])}`);
  }
}

test('samples are present (read from ../shared/samples/evtx, never copied here)', () => {
  assert.ok(SAMPLE_FILES.length >= 6, `expected the samples in ${SAMPLES}`);
  assert.ok(!fs.existsSync(path.resolve(__dirname, '../../samples/evtx')), 'samples must not be copied into the repo');
});

for (const file of SAMPLE_FILES) {
  test(`${file}: every record python-evtx reads, we read the same`, () => {
    const result = readEvtx(sample(file));
    const expected = truth(file);
    const byId = new Map(result.records.map((r) => [r.recordId, r]));
    assert.equal(byId.size, result.records.length, 'record ids are unique');
    let compared = 0;
    for (const t of expected) {
      if (t.error !== undefined) continue; // python-evtx could not render it; ours may, see below
      const where = `${file} record ${t.recordId}`;
      const ours = byId.get(t.recordId);
      assert.ok(ours, `${where} missing`);
      assert.equal(ours.eventId, t.eventId, where);
      assert.equal(ours.provider, t.provider, where);
      assert.equal(ours.level, t.level, where);
      assert.equal(ours.channel, t.channel, where);
      assert.equal(ours.computer, t.computer, where);
      assert.ok(ours.timeCreated !== null && /Z$/.test(ours.timeCreated), where);
      // To the second exactly, and python's microseconds within its float rounding.
      assert.equal(ours.timeCreated.slice(0, 19), t.timeCreated!.slice(0, 19).replace(' ', 'T'), where);
      assert.ok(sameValue(ours.timeCreated, t.timeCreated!), `${where}: ${ours.timeCreated} vs ${t.timeCreated}`);
      compareData(ours, t.data ?? [], where);
      compared++;
    }
    assert.ok(compared > 0);
    assert.equal(result.records.length, expected.length, 'we read every record, also those python-evtx could not');
    assert.deepEqual(result.errors, []);
    for (const r of result.records) {
      assert.ok(r.xml.startsWith('<Event') && r.xml.endsWith('</Event>'), `${file} ${r.recordId} xml`);
      assert.ok(!r.xml.includes('\n'), 'one line');
      assert.equal(r.data.length, r.dataNames.length);
    }
  });
}

test('dns_log_malformed: the records python-evtx fails on (UnicodeDecodeError) still read', () => {
  const result = readEvtx(sample('python-evtx__dns_log_malformed.evtx'));
  assert.equal(result.records.length, 5);
  for (const r of result.records) {
    assert.equal(r.provider, 'Microsoft-Windows-DNSServer');
    assert.ok(r.eventId === 256 || r.eventId === 260);
    assert.ok(r.data.length > 0);
  }
  // The record header says 2..5; the event's own EventRecordID is what Windows shows.
  assert.deepEqual(result.records.map((r) => r.recordId), [101982, 101983, 101984, 101985, 101986]);
});

test('system.evtx: dirty header with 3 declared chunks; all 15 written chunks are read', () => {
  const bytes = sample('omerbenamram-evtx__system.evtx');
  const header = parseFileHeader(bytes);
  assert.ok(header);
  assert.equal(header.dirty, true);
  assert.equal(header.chunkCount, 3);
  assert.equal(header.checksumValid, true);
  const result = readEvtx(bytes);
  assert.equal(result.dirty, true);
  assert.equal(result.chunkCount, 15);
  assert.equal(result.records.length, 1881);
  // Classic event 6009: a string array repeats <Data> per item, as Windows shows it.
  const r1 = result.records.find((r) => r.recordId === 1)!;
  assert.deepEqual(r1.data, ['10.00.', '15063', '', 'Multiprocessor Free', '0']);
  assert.equal(r1.qualifiers, 32768);
  assert.match(r1.xml, /<Data>10\.00\.<\/Data><Data>15063<\/Data><Data\/><Data>Multiprocessor Free<\/Data>/);
  // Leading empty items stay in place (python-evtx moves them).
  const r177 = result.records.find((r) => r.recordId === 177)!;
  assert.deepEqual(r177.data, ['', '', '', '', '14', '60', '480 Pacific Standard Time']);
});

test('Application_no_crc32: zeroed checksums are not a reason to reject', () => {
  const bytes = sample('omerbenamram-evtx__Application_no_crc32.evtx');
  assert.equal(parseFileHeader(bytes)!.checksumValid, false);
  const result = readEvtx(bytes);
  assert.equal(result.records.length, 17);
  assert.deepEqual(result.errors, []);
  const withQualifiers = result.records.filter((r) => r.qualifiers !== null);
  assert.ok(withQualifiers.length > 0);
});

test('Security samples: names, SIDs and hex values as Windows shows them', () => {
  const result = readEvtx(sample('omerbenamram-evtx__new-user-security.evtx'));
  const r = result.records.find((x) => x.recordId === 111)!;
  assert.equal(r.eventId, 4728);
  assert.equal(r.qualifiers, null);
  assert.equal(r.timeCreated, '2013-10-23T16:22:39.9735000Z');
  const named = Object.fromEntries(r.dataNames.map((n, i) => [n, r.data[i]]));
  assert.equal(named.SubjectUserSid, 'S-1-5-18');
  assert.equal(named.MemberSid, 'S-1-5-21-3463664321-2923530833-3546627382-1000');
  assert.equal(named.SubjectLogonId, '0x3e7');
  assert.match(r.xml, /<Provider Name="Microsoft-Windows-Security-Auditing" Guid="\{54849625-5478-4994-A5BA-3E3B0328C30D\}"\/>/);
});

test('adsync-phs-sample: 30 records with Directory Synchronization events, message in data[0]', () => {
  const file = 'adsync-phs-sample.evtx';
  const result = readEvtx(sample(file));
  const expected = truth(file);
  assert.equal(result.records.length, 30);
  assert.deepEqual(result.errors, []);
  assert.equal(result.chunkCount, 1);
  assert.equal(result.dirty, false);
  // This truth is what the writer wrote, so compare exactly (time to the second: no fraction written).
  for (let i = 0; i < expected.length; i++) {
    const t = expected[i];
    const r = result.records[i];
    assert.equal(r.recordId, t.recordId);
    assert.equal(r.eventId, t.eventId);
    assert.equal(r.provider, t.provider);
    assert.equal(r.level, t.level);
    assert.equal(r.channel, t.channel);
    assert.equal(r.computer, t.computer);
    assert.equal(r.timeCreated, t.timeCreated!.replace(' ', 'T') + '.0000000Z');
    assert.deepEqual(r.data, t.data);
    assert.equal(r.chunkIndex, 0);
    assert.equal(r.qualifiers, 0);
  }
  const sync = result.records.filter((r) => r.provider === 'Directory Synchronization');
  assert.ok(sync.length >= 10);
  const e611 = result.records.find((r) => r.eventId === 611);
  assert.ok(e611 && e611.data[0].length > 0);
  const providers = new Set(result.records.map((r) => r.provider));
  for (const p of ['Directory Synchronization', 'ADSync', 'FIMSynchronizationService']) assert.ok(providers.has(p), p);
  // The message with XML-looking text is escaped in the XML, raw in data.
  const withMarkup = result.records.find((r) => r.data[0].includes('<forest-info>'))!;
  assert.ok(withMarkup.xml.includes('&lt;forest-info&gt;'));
  assert.ok(!withMarkup.xml.includes('<forest-info>'));
  // An optional <Binary> without value is left out, as Event Viewer does.
  assert.ok(!result.records[0].xml.includes('<Binary'));
});

// ---- synthetic files: every token and value type ---------------------------------------------------

/** A tiny Binary XML writer for one chunk; offsets are chunk-relative like the real thing. */
class ChunkWriter {
  readonly b: number[] = new Array<number>(512).fill(0);
  private readonly names = new Map<string, number>();
  /** Element starts carry the 2-byte dependency id, except (sometimes) inside 0x21 values. */
  withDependency = true;
  records = 0;
  firstId = 0;
  lastId = 0;
  lastRecordOffset = 0;

  get pos(): number {
    return this.b.length;
  }
  u8(v: number): void {
    this.b.push(v & 0xff);
  }
  u16(v: number): void {
    this.b.push(v & 0xff, (v >>> 8) & 0xff);
  }
  u32(v: number): void {
    this.u16(v & 0xffff);
    this.u16(v >>> 16);
  }
  u64(v: bigint): void {
    this.u32(Number(v & 0xffffffffn));
    this.u32(Number(v >> 32n));
  }
  raw(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.b.push(bytes[i]);
  }
  utf16(s: string): void {
    for (let i = 0; i < s.length; i++) this.u16(s.charCodeAt(i));
  }
  put32(at: number, v: number): void {
    this.b[at] = v & 0xff;
    this.b[at + 1] = (v >>> 8) & 0xff;
    this.b[at + 2] = (v >>> 16) & 0xff;
    this.b[at + 3] = (v >>> 24) & 0xff;
  }
  /** Name reference: inline the first time, by offset afterwards (as Windows writes them). */
  name(n: string): void {
    const known = this.names.get(n);
    if (known !== undefined) return this.u32(known);
    const off = this.pos + 4;
    this.names.set(n, off);
    this.u32(off);
    this.u32(0);
    this.u16(0);
    this.u16(n.length);
    this.utf16(n);
    this.u16(0);
  }
  element(n: string, attrs: [string, () => void][], children?: () => void): void {
    this.u8(attrs.length > 0 ? 0x41 : 0x01);
    if (this.withDependency) this.u16(0xffff);
    const sizeAt = this.pos;
    this.u32(0);
    this.name(n);
    if (attrs.length > 0) {
      const listAt = this.pos;
      this.u32(0);
      attrs.forEach(([an, value], i) => {
        this.u8(i < attrs.length - 1 ? 0x46 : 0x06);
        this.name(an);
        value();
      });
      this.put32(listAt, this.pos - listAt - 4);
    }
    if (children) {
      this.u8(0x02);
      children();
      this.u8(0x04);
    } else {
      this.u8(0x03);
    }
    this.put32(sizeAt, this.pos - sizeAt - 4);
  }
  text(s: string): void {
    this.u8(0x05);
    this.u8(0x01);
    this.u16(s.length);
    this.utf16(s);
  }
  sub(index: number, type: number, optional = false): void {
    this.u8(optional ? 0x0e : 0x0d);
    this.u16(index);
    this.u8(type);
  }
  /** A template instance; `defOffset` null writes the definition inline. Returns the definition offset. */
  instance(defOffset: number | null, body: (() => void) | null, values: Value[]): number {
    this.u8(0x0c);
    this.u8(0x01);
    this.u32(0x12345678);
    let def = defOffset ?? 0;
    if (defOffset === null) {
      def = this.pos + 4;
      this.u32(def);
      this.u32(0);
      for (let i = 0; i < 16; i++) this.u8(i);
      const sizeAt = this.pos;
      this.u32(0);
      this.raw([0x0f, 0x01, 0x01, 0x00]);
      body!();
      this.u8(0x00);
      this.put32(sizeAt, this.pos - sizeAt - 4);
    } else {
      this.u32(defOffset);
    }
    this.u32(values.length);
    const descAt = this.pos;
    for (const v of values) {
      this.u16(0);
      this.u8(v.type);
      this.u8(0);
    }
    values.forEach((v, i) => {
      const start = this.pos;
      if (typeof v.data === 'function') v.data();
      else this.raw(v.data);
      const size = this.pos - start;
      this.b[descAt + i * 4] = size & 0xff;
      this.b[descAt + i * 4 + 1] = size >>> 8;
    });
    return def;
  }
  record(id: number, body: () => void): void {
    const start = this.pos;
    this.u32(0x2a2a);
    this.u32(0);
    this.u64(BigInt(id));
    this.u64(131000000000000000n);
    body();
    this.put32(start + 4, this.pos + 4 - start);
    this.u32(this.pos + 4 - start);
    if (this.records === 0) this.firstId = id;
    this.lastId = id;
    this.lastRecordOffset = start;
    this.records++;
  }
  chunkBytes(): Uint8Array {
    const c = new Uint8Array(CHUNK);
    c.set(this.b.slice(0, CHUNK));
    const dv = new DataView(c.buffer);
    c.set(Buffer.from('ElfChnk\0', 'latin1'), 0);
    dv.setBigUint64(8, BigInt(this.firstId), true);
    dv.setBigUint64(16, BigInt(this.lastId), true);
    dv.setBigUint64(24, BigInt(this.firstId), true);
    dv.setBigUint64(32, BigInt(this.lastId), true);
    dv.setUint32(40, 128, true);
    dv.setUint32(44, this.lastRecordOffset, true);
    dv.setUint32(48, this.b.length, true);
    dv.setUint32(52, crc32(c, 512, this.b.length), true);
    const head = new Uint8Array(120 + 384);
    head.set(c.subarray(0, 120), 0);
    head.set(c.subarray(128, 512), 120);
    dv.setUint32(124, crc32(head), true);
    return c;
  }
}

interface Value {
  type: number;
  data: number[] | (() => void);
}

function fileOf(chunks: Uint8Array[], flags = 0): Uint8Array {
  const f = new Uint8Array(HEADER + chunks.length * CHUNK);
  const dv = new DataView(f.buffer);
  f.set(Buffer.from('ElfFile\0', 'latin1'), 0);
  dv.setBigUint64(16, BigInt(Math.max(0, chunks.length - 1)), true);
  dv.setBigUint64(24, 1000n, true);
  dv.setUint32(32, 128, true);
  dv.setUint16(36, 1, true);
  dv.setUint16(38, 3, true);
  dv.setUint16(40, HEADER, true);
  dv.setUint16(42, chunks.length, true);
  dv.setUint32(120, flags, true);
  dv.setUint32(124, crc32(f, 0, 120), true);
  chunks.forEach((c, i) => f.set(c, HEADER + i * CHUNK));
  return f;
}

const le = (n: number, width: number): number[] => Array.from({ length: width }, (_, i) => Number((BigInt.asUintN(64, BigInt(n)) >> BigInt(8 * i)) & 0xffn));
const le64 = (n: bigint): number[] => Array.from({ length: 8 }, (_, i) => Number((BigInt.asUintN(64, n) >> BigInt(8 * i)) & 0xffn));
const utf16 = (s: string): number[] => [...Buffer.from(s, 'utf16le')];
const f32 = (v: number): number[] => [...new Uint8Array(new Float32Array([v]).buffer)];
const f64 = (v: number): number[] => [...new Uint8Array(new Float64Array([v]).buffer)];

const FILETIME_2016 = BigInt(Date.UTC(2016, 6, 8, 18, 12, 51)) * 10000n + 116444736000000000n + 6816406n;

/** Data items of the synthetic event: [Data Name, value] in template order. */
const TYPED: [string, Value, string][] = [
  ['int8', { type: 0x03, data: [0xfb] }, '-5'],
  ['uint8', { type: 0x04, data: [250] }, '250'],
  ['int16', { type: 0x05, data: le(-300, 2) }, '-300'],
  ['uint16', { type: 0x06, data: le(65000, 2) }, '65000'],
  ['int32', { type: 0x07, data: le(-70000, 4) }, '-70000'],
  ['uint32', { type: 0x08, data: le(4000000000, 4) }, '4000000000'],
  ['int64', { type: 0x09, data: le64(-5000000000n) }, '-5000000000'],
  ['uint64', { type: 0x0a, data: le64(18446744073709551615n) }, '18446744073709551615'],
  ['real32', { type: 0x0b, data: f32(1.5) }, '1.5'],
  ['real64', { type: 0x0c, data: f64(-3.25) }, '-3.25'],
  ['bool', { type: 0x0d, data: le(1, 4) }, 'true'],
  ['boolFalse', { type: 0x0d, data: le(0, 4) }, 'false'],
  ['binary', { type: 0x0e, data: [0xde, 0xad, 0xbe, 0xef] }, 'DEADBEEF'],
  ['guid', { type: 0x0f, data: [0x67, 0x45, 0x23, 0x01, 0xab, 0x89, 0xef, 0xcd, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef] }, '{01234567-89AB-CDEF-0123-456789ABCDEF}'],
  ['sizet', { type: 0x10, data: le(0x1234, 8) }, '0x1234'],
  ['filetime', { type: 0x11, data: le64(FILETIME_2016) }, '2016-07-08T18:12:51.6816406Z'],
  ['systime', { type: 0x12, data: [...le(2021, 2), ...le(3, 2), ...le(4, 2), ...le(4, 2), ...le(5, 2), ...le(6, 2), ...le(7, 2), ...le(89, 2)] }, '2021-03-04T05:06:07.0890000Z'],
  ['sid', { type: 0x13, data: [1, 5, 0, 0, 0, 0, 0, 5, ...le(21, 4), ...le(1, 4), ...le(2, 4), ...le(3, 4), ...le(500, 4)] }, 'S-1-5-21-1-2-3-500'],
  ['hex32', { type: 0x14, data: le(0xc000006d, 4) }, '0xc000006d'],
  ['hex64', { type: 0x15, data: le64(0x3e7n) }, '0x3e7'],
  ['hex64big', { type: 0x15, data: le64(0x8020000000000000n) }, '0x8020000000000000'],
  ['ansi', { type: 0x02, data: [0x63, 0x61, 0x66, 0xe9] }, 'café'],
  ['special', { type: 0x01, data: utf16(`<a & "b" 'c'>`) }, `<a & "b" 'c'>`],
  ['trailingNul', { type: 0x01, data: utf16('trail\0') }, 'trail'],
];

const SYSTEM_VALUES = (provider: string, eventId: number, recordId: number): Value[] => [
  { type: 0x01, data: utf16(provider) },
  { type: 0x06, data: le(16384, 2) },
  { type: 0x06, data: le(eventId, 2) },
  { type: 0x04, data: [4] },
  { type: 0x11, data: le64(FILETIME_2016) },
  { type: 0x0a, data: le64(BigInt(recordId)) },
  { type: 0x00, data: [] }, // Correlation ActivityID: optional and absent
  { type: 0x01, data: utf16('Application') },
  { type: 0x01, data: utf16('HOST.example') },
];

function syntheticValues(w: ChunkWriter, provider: string, eventId: number, recordId: number, innerDef: { off: number | null }): Value[] {
  return [
    ...SYSTEM_VALUES(provider, eventId, recordId),
    ...TYPED.map(([, v]) => v),
    { type: 0x81, data: utf16('one\0\0three\0') },
    { type: 0x88, data: [...le(7, 4), ...le(8, 4)] },
    {
      // A nested Binary XML value (0x21): fragment + template instance with its own template.
      type: 0x21,
      data: () => {
        w.raw([0x0f, 0x01, 0x01, 0x00]);
        const body = (): void =>
          w.element('Inner', [['Kind', () => w.sub(0, 0x01)]], () => w.sub(1, 0x01));
        innerDef.off = w.instance(innerDef.off, innerDef.off === null ? body : null, [
          { type: 0x01, data: utf16('k&1') },
          { type: 0x01, data: utf16('inner text') },
        ]);
        w.u8(0x00);
      },
    },
    { type: 0x00, data: [] }, // <Binary>: optional, absent -> element left out
  ];
}

function syntheticTemplateBody(w: ChunkWriter): void {
  const n = SYSTEM_VALUES('', 0, 0).length;
  w.u8(0x0a); // a PI before the root element
  w.name('xml-stylesheet');
  w.u8(0x0b);
  w.u16('href="a.xsl"'.length);
  w.utf16('href="a.xsl"');
  w.element('Event', [['xmlns', () => w.text('http://schemas.microsoft.com/win/2004/08/events/event')]], () => {
    w.element('System', [], () => {
      w.element('Provider', [
        ['Name', () => w.sub(0, 0x01)],
        ['EventSourceName', () => w.text('Fallback Source')],
      ]);
      w.element('EventID', [['Qualifiers', () => w.sub(1, 0x06)]], () => w.sub(2, 0x06));
      w.element('Level', [], () => w.sub(3, 0x04));
      w.element('TimeCreated', [['SystemTime', () => w.sub(4, 0x11)]]);
      w.element('EventRecordID', [], () => w.sub(5, 0x0a));
      w.element('Correlation', [['ActivityID', () => w.sub(6, 0x0f, true)]]);
      w.element('Channel', [], () => w.sub(7, 0x01));
      w.element('Computer', [], () => w.sub(8, 0x01));
    });
    w.element('EventData', [], () => {
      TYPED.forEach(([name, v], i) => w.element('Data', [['Name', () => w.text(name)]], () => w.sub(n + i, v.type)));
      w.element('Data', [['Name', () => w.text('markup')]], () => {
        w.text('a ');
        w.u8(0x09); // entity reference &amp;
        w.name('amp');
        w.text(' b ');
        w.u8(0x08); // character reference &#65;
        w.u16(65);
        w.u8(0x07); // CDATA
        w.u16(3);
        w.utf16('x<y');
      });
      const k = n + TYPED.length;
      w.element('Data', [['Name', () => w.text('strings')]], () => w.sub(k, 0x81));
      w.element('Data', [['Name', () => w.text('numbers')]], () => w.sub(k + 1, 0x88));
      w.element('Data', [['Name', () => w.text('nested')]], () => w.sub(k + 2, 0x21));
      w.element('Binary', [], () => w.sub(k + 3, 0x0e, true));
    });
  });
}

function syntheticFile(): { file: Uint8Array; ids: number[] } {
  const w = new ChunkWriter();
  const innerDef = { off: null as number | null };
  let def = 0;
  w.record(42, () => {
    w.raw([0x0f, 0x01, 0x01, 0x00]);
    def = w.instance(null, () => syntheticTemplateBody(w), syntheticValues(w, 'Directory Synchronization', 611, 42, innerDef));
    w.u8(0x00);
  });
  // Second record: the same template by reference (compiled once, reused), empty provider name.
  w.record(43, () => {
    w.raw([0x0f, 0x01, 0x01, 0x00]);
    w.instance(def, null, syntheticValues(w, '', 7040, 43, innerDef));
    w.u8(0x00);
  });
  // Third: broken Binary XML (an unknown token) -> one error entry, reading goes on.
  w.record(44, () => w.raw([0x0f, 0x01, 0x01, 0x00, 0x01, 0xff, 0xff, 0x20, 0, 0, 0, 0x3f]));
  // Fourth: plain elements without a template.
  w.record(45, () => {
    w.raw([0x0f, 0x01, 0x01, 0x00]);
    w.element('Event', [], () =>
      w.element('System', [], () => {
        w.element('EventID', [], () => w.text('1'));
        w.element('Provider', [['Name', () => w.text('Plain')]]);
      }),
    );
    w.u8(0x00);
  });
  return { file: fileOf([w.chunkBytes()]), ids: [42, 43, 44, 45] };
}

test('synthetic file: every token and value type renders as Windows shows it', () => {
  const { file } = syntheticFile();
  const result = readEvtx(file);
  assert.equal(result.records.length, 3);
  assert.equal(result.errors.length, 1);
  const err = result.errors[0];
  assert.equal(err.chunkIndex, 0);
  assert.equal(err.recordId, 44);
  assert.ok(err.recordOffset !== null && err.recordOffset > HEADER);
  assert.match(err.message, /chunk 0, record 44/);

  const [r, r2, plain] = result.records;
  assert.equal(r.recordId, 42);
  assert.equal(r.eventId, 611);
  assert.equal(r.qualifiers, 16384);
  assert.equal(r.provider, 'Directory Synchronization');
  assert.equal(r.level, 4);
  assert.equal(r.timeCreated, '2016-07-08T18:12:51.6816406Z');
  assert.equal(r.channel, 'Application');
  assert.equal(r.computer, 'HOST.example');
  assert.equal(r.chunkIndex, 0);

  const expectedData = [
    ...TYPED.map(([, , text]) => text),
    'a & b Ax<y',
    'one',
    '',
    'three',
    '7',
    '8',
    'inner text',
  ];
  assert.deepEqual(r.data, expectedData);
  assert.deepEqual(r.dataNames, [...TYPED.map(([n]) => n), 'markup', 'strings', 'strings', 'strings', 'numbers', 'numbers', 'nested']);

  const x = r.xml;
  assert.ok(x.startsWith('<?xml-stylesheet href="a.xsl"?><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">'), x);
  assert.ok(x.includes('<Provider Name="Directory Synchronization" EventSourceName="Fallback Source"/>'));
  assert.ok(x.includes('<EventID Qualifiers="16384">611</EventID>'));
  assert.ok(x.includes('<TimeCreated SystemTime="2016-07-08T18:12:51.6816406Z"/>'));
  assert.ok(x.includes('<Correlation/>'), 'an optional NULL attribute is left out');
  assert.ok(x.includes('<Data Name="special">&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;</Data>'));
  assert.ok(x.includes('<Data Name="markup">a &amp; b &#65;<![CDATA[x<y]]></Data>'));
  assert.ok(x.includes('<Data Name="strings">one</Data><Data Name="strings"/><Data Name="strings">three</Data>'));
  assert.ok(x.includes('<Data Name="nested"><Inner Kind="k&amp;1">inner text</Inner></Data>'));
  assert.ok(!x.includes('<Binary'), 'an element holding only an absent optional value is left out');
  assert.ok(!x.includes('\n'));

  // Same template by reference; the empty Name attribute falls back to EventSourceName? No:
  // an empty Name is still a name, so the provider is ''.
  assert.equal(r2.recordId, 43);
  assert.equal(r2.eventId, 7040);
  assert.equal(r2.provider, '');
  assert.deepEqual(r2.data, expectedData);

  assert.equal(plain.recordId, 45);
  assert.equal(plain.eventId, 1);
  assert.equal(plain.provider, 'Plain');
  assert.equal(plain.timeCreated, null);
  assert.equal(plain.xml, '<Event><System><EventID>1</EventID><Provider Name="Plain"/></System></Event>');
});

test('provider falls back to EventSourceName when Name is absent', () => {
  const w = new ChunkWriter();
  w.record(1, () => {
    w.raw([0x0f, 0x01, 0x01, 0x00]);
    w.instance(
      null,
      () =>
        w.element('Event', [], () =>
          w.element('System', [], () => w.element('Provider', [['Name', () => w.sub(0, 0x01, true)], ['EventSourceName', () => w.sub(1, 0x01)]])),
        ),
      [
        { type: 0x00, data: [] },
        { type: 0x01, data: utf16('ADSync') },
      ],
    );
    w.u8(0x00);
  });
  const result = readEvtx(fileOf([w.chunkBytes()]));
  assert.deepEqual(result.errors, []);
  assert.equal(result.records[0].provider, 'ADSync');
  assert.equal(result.records[0].xml, '<Event><System><Provider EventSourceName="ADSync"/></System></Event>');
});

test('UserData events: leaf texts in order, leaf names as dataNames', () => {
  const w = new ChunkWriter();
  w.record(7, () => {
    w.raw([0x0f, 0x01, 0x01, 0x00]);
    w.element('Event', [], () =>
      w.element('UserData', [], () =>
        w.element('EventXML', [['xmlns', () => w.text('LoadPerf')]], () => {
          w.element('param1', [], () => w.text('WmiApRpl'));
          w.element('param2', [], () => w.text('x'));
          w.element('binaryDataSize', [], () => w.text('4'));
        }),
      ),
    );
    w.u8(0x00);
  });
  const r = readEvtx(fileOf([w.chunkBytes()])).records[0];
  assert.deepEqual(r.data, ['WmiApRpl', 'x', '4']);
  assert.deepEqual(r.dataNames, ['param1', 'param2', 'binaryDataSize']);
});

test('Binary XML values (0x21) holding bare elements, with or without dependency ids', () => {
  for (const withDependency of [true, false]) {
    const w = new ChunkWriter();
    w.record(5, () => {
      w.raw([0x0f, 0x01, 0x01, 0x00]);
      w.instance(null, () => w.element('Event', [], () => w.element('UserData', [], () => w.sub(0, 0x21))), [
        {
          type: 0x21,
          data: () => {
            w.withDependency = withDependency;
            w.element('Info', [['Code', () => w.text('15007')]], () => w.element('PublisherID', [], () => w.text('Security')));
            w.withDependency = true;
            w.u8(0x00);
          },
        },
      ]);
      w.u8(0x00);
    });
    const result = readEvtx(fileOf([w.chunkBytes()]));
    assert.deepEqual(result.errors, [], `withDependency=${withDependency}`);
    assert.equal(result.records[0].xml, '<Event><UserData><Info Code="15007"><PublisherID>Security</PublisherID></Info></UserData></Event>');
    assert.deepEqual(result.records[0].data, ['Security']);
  }
});

/** A record whose value nests `depth` Binary XML levels, each an instance of one small template. */
function nestedFile(depth: number, copies: number): Uint8Array {
  const w = new ChunkWriter();
  let def: number | null = null;
  const body = (): void =>
    w.element('N', [], () => {
      for (let i = 0; i < copies; i++) w.sub(0, 0x21);
    });
  const level = (d: number): void => {
    w.raw([0x0f, 0x01, 0x01, 0x00]);
    const inline = def === null;
    def = w.instance(def, inline ? body : null, [d === 0 ? { type: 0x01, data: utf16('leaf') } : { type: 0x21, data: () => level(d - 1) }]);
    w.u8(0x00);
  };
  w.record(1, () => level(depth));
  return fileOf([w.chunkBytes()]);
}

test('nested templates: moderate depth reads, excessive depth and fan-out fail fast as one error', () => {
  const ok = readEvtx(nestedFile(10, 1));
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.records[0].xml, '<N>'.repeat(11) + 'leaf' + '</N>'.repeat(11));

  const deep = readEvtx(nestedFile(200, 1));
  assert.equal(deep.records.length, 0);
  assert.equal(deep.errors.length, 1);
  assert.match(deep.errors[0].message, /record 1 .*nested too deeply/);

  // 8 references to the same nested value per level: 8^14 expansions if nothing stopped it.
  // No timing asserted: an expansion this size would never finish, so finishing is the proof.
  const fan = readEvtx(nestedFile(14, 8));
  assert.equal(fan.records.length, 0);
  assert.equal(fan.errors.length, 1);
  assert.equal(fan.errors[0].recordId, 1);
});

test('a template that refers to itself is an error, not a loop', () => {
  const w = new ChunkWriter();
  w.record(9, () => {
    w.raw([0x0f, 0x01, 0x01, 0x00]);
    w.u8(0x0c);
    w.u8(0x01);
    w.u32(1);
    const def = w.pos + 4;
    w.u32(def);
    w.u32(0);
    for (let i = 0; i < 16; i++) w.u8(0);
    const sizeAt = w.pos;
    w.u32(0);
    w.raw([0x0f, 0x01, 0x01, 0x00]);
    // The body instantiates the definition it belongs to.
    w.raw([0x0c, 0x01, 1, 0, 0, 0]);
    w.u32(def);
    w.u32(0);
    w.u8(0x00);
    w.put32(sizeAt, w.pos - sizeAt - 4);
    w.u32(0);
    w.u8(0x00);
  });
  const result = readEvtx(fileOf([w.chunkBytes()]));
  assert.equal(result.records.length, 0);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].recordId, 9);
});

test('value counts and sizes that do not fit the record are errors, not allocations', () => {
  const w = new ChunkWriter();
  w.record(3, () => {
    w.raw([0x0f, 0x01, 0x01, 0x00]);
    w.instance(null, () => w.element('E', [], () => w.sub(0, 0x01)), []);
    // Patch the value count to 2^32-1.
    w.put32(w.pos - 4, 0xffffffff);
    w.u8(0x00);
  });
  const result = readEvtx(fileOf([w.chunkBytes()]));
  assert.equal(result.records.length, 0);
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0].message, /declares 4294967295 values/);
});

// ---- hostile input ----------------------------------------------------------------------------------

/** Reads hostile bytes: must return, with well-formed records and errors. */
function readHostile(bytes: Uint8Array, label: string): EvtxReadResult {
  let result: EvtxReadResult;
  try {
    result = readEvtx(bytes);
  } catch (e) {
    assert.fail(`${label}: readEvtx threw ${String(e)}`);
  }
  for (const r of result.records) {
    assert.equal(typeof r.recordId, 'number', label);
    assert.equal(typeof r.xml, 'string', label);
    assert.equal(r.data.length, r.dataNames.length, label);
  }
  const chunks = Math.max(1, Math.ceil((bytes.length - HEADER) / CHUNK));
  for (const e of result.errors) {
    assert.equal(typeof e.message, 'string', label);
    assert.ok(e.message.length > 0, label);
    if (e.chunkIndex !== null) assert.ok(Number.isInteger(e.chunkIndex) && e.chunkIndex >= 0 && e.chunkIndex < chunks, label);
    if (e.recordOffset !== null) assert.ok(e.recordOffset >= 0 && e.recordOffset < bytes.length, `${label}: offset ${e.recordOffset}`);
  }
  return result;
}

/** Record offsets (file offsets) and sizes of the first few records of every chunk. */
function recordSpots(bytes: Uint8Array, perChunk: number): { chunk: number; offset: number; size: number }[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const spots: { chunk: number; offset: number; size: number }[] = [];
  for (let c = 0; HEADER + (c + 1) * CHUNK <= bytes.length; c++) {
    let p = HEADER + c * CHUNK + 512;
    for (let k = 0; k < perChunk && dv.getUint32(p, true) === 0x2a2a; k++) {
      const size = dv.getUint32(p + 4, true);
      spots.push({ chunk: c, offset: p, size });
      p += size;
    }
  }
  return spots;
}

test('hostile: zero-length, tiny, header-only and random input return errors, never throw', () => {
  const empty = readHostile(new Uint8Array(0), 'empty');
  assert.equal(empty.records.length, 0);
  assert.equal(empty.errors.length, 1);
  assert.match(empty.errors[0].message, /empty/);

  const tiny = readHostile(new Uint8Array([0x45, 0x6c, 0x66]), 'tiny');
  assert.equal(tiny.errors.length, 1);

  const system = sample('omerbenamram-evtx__system.evtx');
  const headerOnly = readHostile(system.subarray(0, HEADER), 'header only');
  assert.equal(headerOnly.records.length, 0);
  assert.equal(headerOnly.dirty, true);
  assert.match(headerOnly.errors.map((e) => e.message).join('\n'), /declares 3 chunks but the file holds 0/);

  const rand = prng(1);
  for (const size of [1, 127, 128, 4095, 4096, 4097, 5000, 70000, 200000]) {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = Math.floor(rand() * 256);
    const r = readHostile(bytes, `random ${size}`);
    assert.equal(r.records.length, 0);
    assert.ok(r.errors.length >= 1);
  }
  // Valid file header and chunk header, random record area.
  const bytes = new Uint8Array(sample('omerbenamram-evtx__Security_short_selected.evtx'));
  for (let i = HEADER + 512; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
  readHostile(bytes, 'random records');
});

test('hostile: truncated at every chunk boundary and in the middle of records', () => {
  const system = sample('omerbenamram-evtx__system.evtx');
  const full = readEvtx(system);
  const fullIds = new Set(full.records.map((r) => r.recordId));
  for (let k = 0; HEADER + k * CHUNK <= system.length; k++) {
    const cut = readHostile(system.subarray(0, HEADER + k * CHUNK), `cut at chunk ${k}`);
    for (const r of cut.records) assert.ok(fullIds.has(r.recordId));
    if (k < 3) assert.ok(cut.errors.some((e) => /declares 3 chunks/.test(e.message)), `cut at chunk ${k}`);
  }
  const spots = recordSpots(system, 3);
  assert.ok(spots.length > 20);
  for (const s of spots) {
    for (const into of [2, 20, Math.floor(s.size / 2), s.size - 1]) {
      const cut = readHostile(system.subarray(0, s.offset + into), `cut in record at ${s.offset}+${into}`);
      for (const r of cut.records) assert.ok(fullIds.has(r.recordId));
      // The records before the cut in the same chunk are all there.
      const before = full.records.filter((r) => r.chunkIndex < s.chunk).length;
      assert.ok(cut.records.length >= before);
      const named = cut.errors.filter((e) => e.chunkIndex === s.chunk);
      assert.ok(named.length > 0, `cut in record at ${s.offset}+${into}: no error names chunk ${s.chunk}`);
      if (into >= 28) {
        assert.ok(
          named.some((e) => e.recordOffset === s.offset && e.recordId !== null),
          `cut at ${s.offset}+${into}: ${JSON.stringify(named)}`,
        );
      }
    }
  }
});

test('hostile: bit flips at many offsets (deterministic) never throw or hang', () => {
  const rand = prng(20240607);
  const files: [string, number][] = [
    ['omerbenamram-evtx__Security_short_selected.evtx', 400],
    ['adsync-phs-sample.evtx', 400],
    ['omerbenamram-evtx__Application_no_crc32.evtx', 300],
    ['omerbenamram-evtx__system.evtx', 60],
  ];
  let withErrors = 0;
  for (const [name, flips] of files) {
    const original = sample(name);
    // Flip inside the used part of the file: header, chunk headers and records.
    const used = Math.min(original.length, HEADER + 15 * CHUNK);
    for (let n = 0; n < flips; n++) {
      const bytes = new Uint8Array(original);
      const count = 1 + Math.floor(rand() * 4);
      const spots: number[] = [];
      for (let j = 0; j < count; j++) {
        const at = rand() < 0.15 ? Math.floor(rand() * 128) : HEADER + Math.floor(rand() * (used - HEADER));
        bytes[at] ^= 1 << Math.floor(rand() * 8);
        spots.push(at);
      }
      const r = readHostile(bytes, `${name} flips at ${spots.join(',')}`);
      if (r.errors.length > 0) withErrors++;
    }
  }
  assert.ok(withErrors > 0);
});

test('hostile: a damaged record names its chunk, offset and id; the rest of the chunk is read', () => {
  const bytes = new Uint8Array(sample('omerbenamram-evtx__Security_short_selected.evtx'));
  const spots = recordSpots(bytes, 7);
  const victim = spots[2];
  // Break the Binary XML right after the record header (fragment header token -> 0xee).
  bytes[victim.offset + 24] = 0xee;
  const r = readHostile(bytes, 'damaged record');
  assert.equal(r.records.length, 6);
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0].chunkIndex, 0);
  assert.equal(r.errors[0].recordOffset, victim.offset);
  assert.ok(r.errors[0].recordId !== null);
  // Break the signature of another record: it is skipped, the next ones are found by scanning.
  const bytes2 = new Uint8Array(sample('omerbenamram-evtx__Security_short_selected.evtx'));
  bytes2[spots[3].offset] = 0;
  const r2 = readHostile(bytes2, 'bad signature');
  assert.equal(r2.records.length, 6);
  assert.equal(r2.errors.length, 1);
  assert.equal(r2.errors[0].recordOffset, spots[3].offset);
});

test('hostile: a chunk without signature inside the declared count is reported by index', () => {
  const bytes = new Uint8Array(sample('omerbenamram-evtx__system.evtx'));
  bytes[HEADER + CHUNK] = 0; // chunk 1
  const r = readHostile(bytes, 'bad chunk signature');
  assert.equal(r.chunkCount, 14);
  const e = r.errors.find((x) => x.chunkIndex === 1);
  assert.ok(e);
  assert.match(e.message, /chunk 1 has no "ElfChnk" signature/);
  assert.ok(r.records.length > 1700);
});

// ---- streaming ----------------------------------------------------------------------------------------

test('iterateEvtx streams the same records, errors into the given array, summary as return value', () => {
  const bytes = sample('omerbenamram-evtx__system.evtx');
  const full = readEvtx(bytes);
  const errors: EvtxError[] = [];
  const it = iterateEvtx(bytes, errors);
  const seen: EvtxRecord[] = [];
  let step = it.next();
  while (!step.done) {
    seen.push(step.value);
    step = it.next();
  }
  assert.deepEqual(seen, full.records);
  assert.deepEqual(step.value, { chunkCount: 15, dirty: true });
  assert.deepEqual(errors, []);
  // Lazy: taking the first record does not read the rest.
  const first = iterateEvtx(bytes, []).next();
  assert.equal(first.done, false);
  assert.equal((first.value as EvtxRecord).recordId, full.records[0].recordId);
});

test('readEvtxFileSteps streams from disk 64 KiB at a time with the same result', () => {
  const file = path.join(SAMPLES, 'omerbenamram-evtx__system.evtx');
  const full = readEvtx(sample('omerbenamram-evtx__system.evtx'));
  const records: EvtxRecord[] = [];
  const errors: EvtxError[] = [];
  const summary = runToEnd(readEvtxFileSteps(file, (r) => records.push(r), (e) => errors.push(e)));
  assert.deepEqual(records, full.records);
  assert.deepEqual(errors, []);
  assert.deepEqual(summary, { chunkCount: 15, dirty: true });

  // Missing file: one error, no throw.
  const missing: EvtxError[] = [];
  runToEnd(readEvtxFileSteps(path.join(os.tmpdir(), 'does-not-exist-evtx-test.evtx'), () => assert.fail('no records'), (e) => missing.push(e)));
  assert.equal(missing.length, 1);
  assert.match(missing[0].message, /cannot open/);

  // A truncated copy on disk gives the same as the truncated bytes in memory.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtx-test-'));
  try {
    const cutBytes = sample('omerbenamram-evtx__system.evtx').subarray(0, HEADER + 5 * CHUNK + 30000);
    const cutPath = path.join(dir, 'cut.evtx');
    fs.writeFileSync(cutPath, cutBytes);
    const fromDisk: EvtxRecord[] = [];
    const diskErrors: EvtxError[] = [];
    runToEnd(readEvtxFileSteps(cutPath, (r) => fromDisk.push(r), (e) => diskErrors.push(e)));
    const inMemory = readEvtx(cutBytes);
    assert.deepEqual(fromDisk, inMemory.records);
    assert.deepEqual(diskErrors, inMemory.errors);
    assert.ok(diskErrors.some((e) => e.chunkIndex === 5));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A big file made of the sample's chunks repeated, header adjusted (count, last chunk, CRC). */
function repeatedFile(chunkTotal: number): Uint8Array {
  const src = sample('omerbenamram-evtx__system.evtx');
  const chunks: Uint8Array[] = [];
  for (let i = 0; HEADER + (i + 1) * CHUNK <= src.length; i++) {
    const c = src.subarray(HEADER + i * CHUNK, HEADER + (i + 1) * CHUNK);
    if (c[0] === 0x45 && c[3] === 0x43) chunks.push(c);
  }
  const out = new Uint8Array(HEADER + chunkTotal * CHUNK);
  out.set(src.subarray(0, HEADER));
  for (let i = 0; i < chunkTotal; i++) out.set(chunks[i % chunks.length], HEADER + i * CHUNK);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(8, 0n, true);
  dv.setBigUint64(16, BigInt(chunkTotal - 1), true);
  dv.setUint16(42, chunkTotal, true);
  dv.setUint32(124, crc32(out, 0, 120), true);
  return out;
}

// Speed is measured by `npm run bench`; this checks that a big file of repeated chunks reads cleanly.
test('a 16 MiB file of repeated real chunks streams without an error', () => {
  const bytes = repeatedFile(256);
  assert.equal(parseFileHeader(bytes)!.checksumValid, true);
  let count = 0;
  const errors: EvtxError[] = [];
  for (const r of iterateEvtx(bytes, errors)) if (r.xml.length > 0) count++;
  assert.deepEqual(errors, []);
  assert.ok(count > 30000);
});
