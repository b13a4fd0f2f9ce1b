/**
 * A text export read in pieces must give what the whole read gives: the same findings, timeline,
 * verdict, read errors and event count, and (of the events) the password-sync ones, or all of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDecoded, type FileReport } from '../../server/src/service/files';
import { analyzeTextPiecesSteps, STREAMED_SHAPES } from '../../server/src/service/streamText';
import { detectFormat } from '../../server/src/service/formats/detect';
import { matchEvent } from '../../server/src/service/analysis/catalogue';
import { runToEnd } from '../../server/src/service/steps';
import type { Finding } from '../../server/src/service/model';
import { articleRows, liveVariants, otherProviders } from '../fixtures/messages';
import { rowsOf, toCsv, toTxt, toXml } from '../fixtures/exports';
import { prng } from '../fixtures/hostile';
import { EVENTLOG_EXPORT_CSV, EXPORT_CSV, SAMPLES } from '../fixtures/formatSamples';

const rows = [...rowsOf([...articleRows, ...liveVariants]), ...otherProviders.map((o) => ({ ...o, level: 'Information' })), ...rowsOf(articleRows)];
const unreadableXml = toXml(rows.slice(0, 6)).replace('<Event xmlns', '<Event></Event><Event>no system</Event><Event xmlns');
const shapes: [string, string][] = [
  ['csv', toCsv(rows)], ['txt', toTxt(rows)], ['xml', toXml(rows)], ['xml lines', toXml(rows, { oneLine: false })],
  ['xml with unreadable events', unreadableXml], ['csv with a row without an ID', toCsv(rows.slice(0, 5)).replace('\r\nInformation,', '\r\nInformation,no date,no source\r\nInformation,')],
  ['export-csv', EXPORT_CSV], ['eventlog export-csv', EVENTLOG_EXPORT_CSV],
  ...Object.entries(SAMPLES),
  // Each sample a dozen times over, so that pieces fall between many of its events.
  ...Object.entries(SAMPLES).map(([name, text]): [string, string] => [`${name} ×12`, text.repeat(12)]),
];

/** The text in chunks of 1 to `most` characters. */
function* chunksOf(text: string, rand: () => number, most: number): Generator<string> {
  for (let at = 0; at < text.length;) {
    const n = 1 + Math.floor(rand() * most);
    yield text.slice(at, at + n);
    at += n;
  }
}

// Indexes point into each report's own list of events, which differ when only password-sync ones are kept.
const withoutIndex = (findings: Finding[]) => findings.map((f) => ({ ...f, eventIndex: undefined }));

function assertSame(streamed: FileReport, whole: FileReport, keepAllEvents: boolean, what: string): void {
  assert.equal(streamed.format, whole.format, what);
  assert.equal(streamed.eventCount, whole.eventCount, what);
  assert.deepEqual(streamed.errors, whole.errors, what);
  assert.deepEqual(withoutIndex(streamed.findings), withoutIndex(whole.findings), what);
  assert.deepEqual(withoutIndex(streamed.timeline), withoutIndex(whole.timeline), what);
  assert.deepEqual(streamed.verdict, whole.verdict, what);
  assert.deepEqual(streamed.events, keepAllEvents ? whole.events : whole.events.filter((e) => matchEvent(e)), what);
}

test('every streamed shape read in pieces of every size gives what the whole read gives', () => {
  const rand = prng(5);
  const streamed = new Set<string>();
  for (const [name, text] of shapes) {
    const reader = detectFormat(text)!;
    if (!STREAMED_SHAPES.has(reader.id)) continue;
    streamed.add(reader.id);
    const whole = analyzeDecoded(text, 'export.log');
    assert.ok(whole.eventCount >= 2, name);
    for (const pieceChars of [1, 300, 4000, text.length + 1]) {
      for (const keepAllEvents of [false, true]) {
        const pieces = runToEnd(analyzeTextPiecesSteps(chunksOf(text, rand, 700), reader, keepAllEvents, pieceChars));
        assertSame(pieces, whole, keepAllEvents, `${name}, pieces of ${pieceChars}${keepAllEvents ? ', all events' : ''}`);
      }
    }
  }
  assert.deepEqual([...streamed].sort(), [...STREAMED_SHAPES].sort(), 'a sample for every streamed shape');
});
