/**
 * A text export read in pieces must give what the whole read gives: the same findings, timeline,
 * verdict, read errors and event count, and (of the events) the password-sync ones, or all of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeDecoded, reportAnalysis } from '../../server/src/service/files';
import { findingsTree, occurrenceNodesSteps, type OpenLog } from '../../server/src/service/trees/findingsTree';
import { analyzeTextFileSteps, analyzeTextPiecesSteps, STREAMED_SHAPES } from '../../server/src/service/streamText';
import { decodeBytes } from '../../server/src/service/formats/text';
import { detectFormat } from '../../server/src/service/formats/detect';
import { matchEvent } from '../../server/src/service/analysis/catalogue';
import { runToEnd } from '../../server/src/service/steps';
import { prng } from '../fixtures/hostile';
import { articleRows, liveVariants } from '../fixtures/messages';
import { rowsOf, toCsv, utf16le } from '../fixtures/exports';
import { mixedLogs } from '../fixtures/mixedLogs';
import { assertSameReport } from '../fixtures/sameReport';

/** The text in chunks of 1 to `most` characters. */
function* chunksOf(text: string, rand: () => number, most: number): Generator<string> {
  for (let at = 0; at < text.length;) {
    const n = 1 + Math.floor(rand() * most);
    yield text.slice(at, at + n);
    at += n;
  }
}

test('every streamed shape read in pieces of every size gives what the whole read gives', () => {
  const rand = prng(5);
  const streamed = new Set<string>();
  for (const [name, text] of mixedLogs) {
    const reader = detectFormat(text)!;
    if (!STREAMED_SHAPES.has(reader.id)) continue;
    streamed.add(reader.id);
    const whole = analyzeDecoded(text, 'export.log');
    assert.ok(whole.eventCount >= 2, name);
    for (const pieceChars of [1, 300, 4000, text.length + 1]) {
      for (const keepAllEvents of [false, true]) {
        const pieces = runToEnd(analyzeTextPiecesSteps(chunksOf(text, rand, 700), reader, keepAllEvents, pieceChars));
        assertSameReport(pieces, whole, keepAllEvents ? whole.events : whole.events.filter((e) => matchEvent(e)), `${name}, pieces of ${pieceChars}${keepAllEvents ? ', all events' : ''}`);
      }
    }
  }
  assert.deepEqual([...streamed].sort(), [...STREAMED_SHAPES].sort(), 'a sample for every streamed shape');
});

test('what the editor shows of a log read in pieces (its findings tree and every occurrence, as sent) is what it shows of the whole read', () => {
  const text = toCsv(rowsOf([...articleRows, ...liveVariants, ...articleRows]));
  const reader = detectFormat(text)!;
  const whole = analyzeDecoded(text, 'export.csv', false);
  const pieces = runToEnd(analyzeTextPiecesSteps(chunksOf(text, prng(9), 500), reader, false, 2000));
  // As the server sends them: JSON, each the same but for the names given.
  const sent = (report: typeof whole) => {
    const log: OpenLog = { uri: 'file:///export.csv', name: 'export.csv (from disk)', analysis: reportAnalysis(report)! };
    const tree = findingsTree([log]);
    const ids = tree.flatMap(function ids(n): string[] { return [n.id, ...(n.children ?? []).flatMap(ids)]; });
    return JSON.stringify({ tree, occurrences: ids.map((id) => runToEnd(occurrenceNodesSteps([log], id))) });
  };
  const fromPieces = sent(pieces);
  assert.ok(fromPieces.includes('"range":{"start":{"line":'), 'occurrences carry ranges');
  assert.equal(fromPieces, sent(whole));
});

/** `text` with `char` put inside a message, at the first character index past the fourth row that `at` accepts. */
function withChar(text: string, char: string, at: (index: number) => boolean): string {
  let c = text.indexOf('\n', text.indexOf('\n', text.indexOf('\n', text.indexOf('\n') + 1) + 1) + 1) + 60;
  while (!at(c)) c++;
  return `${text.slice(0, c)}${char}${text.slice(c)}`;
}

test('a file read in blocks that cut characters apart decodes as a whole read does, in every encoding', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'adsync-pieces-'));
  // Non-ASCII in the messages: two- and three-byte UTF-8, and a surrogate pair in UTF-16.
  const plain = toCsv(rowsOf([...articleRows, ...liveVariants]));
  const text = toCsv(rowsOf([...articleRows, ...liveVariants]).map((r, i) => (i % 3 === 0 ? { ...r, message: `${r.message} Zoë ✓ 😀` } : r)));
  const encodings: [string, Buffer][] = [
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    // Each 😀 (which ends its message) cut to its first three bytes: a block may end inside the broken character and the next be ASCII.
    ['UTF-8 with broken characters', Buffer.from(Buffer.from(text).toString('latin1').replaceAll('\u00f0\u009f\u0098\u0080', '\u00f0\u009f\u0098'), 'latin1')],
    ['UTF-16 LE with BOM', utf16le(text)],
    ['UTF-16 LE without BOM', Buffer.from(text, 'utf16le')],
    ['UTF-16 BE with BOM', Buffer.from(utf16le(text)).swap16()],
    ['UTF-16 LE, a lone high surrogate ending a message', utf16le(text.replaceAll('😀', '\ud83d'))],
    ['UTF-16 LE with two BOMs', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)])],
    // An odd byte count is not UTF-16: decodeBytes drops the last byte, where a streaming decoder ends in U+FFFD.
    ['UTF-16 LE, an odd byte at the end', Buffer.concat([utf16le(text.slice(0, -2)), Buffer.from([0x41])])],
    ['UTF-16 BE, an odd byte at the end', Buffer.concat([Buffer.from(utf16le(text.slice(0, -2))).swap16(), Buffer.from([0x41])])],
    // A U+FEFF inside the log is a character, not a BOM, even where a block the decoder is first given starts with it.
    ['UTF-16 LE, a U+FEFF starting a block of 64 bytes', utf16le(withChar(plain, '\ufeff', (c) => (2 + 2 * c) % 64 === 0))],
    ['UTF-8, a U+FEFF starting a block of 7 and of 64 bytes', Buffer.from(withChar(plain, '\ufeff', (c) => c % 448 === 0))],
    // The decoder holds the surrogate back for a low one: the ASCII block after it is the decoder's too.
    ['UTF-16 LE, a lone high surrogate ending a block of 64 bytes', utf16le(withChar(plain, '\ud83d', (c) => (2 + 2 * c + 2) % 64 === 0))],
  ];
  try {
    for (const [name, bytes] of encodings) {
      const file = path.join(dir, 'export.csv');
      writeFileSync(file, bytes);
      const whole = analyzeDecoded(decodeBytes(bytes), 'export.csv');
      for (const blockBytes of [7, 64, 1 << 20]) {
        const pieces = runToEnd(analyzeTextFileSteps(file, detectFormat(decodeBytes(bytes))!, true, undefined, blockBytes, 3000));
        assertSameReport(pieces, whole, whole.events, `${name}, blocks of ${blockBytes} bytes`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a text read in pieces says how far it has come: by the bytes read while it reads, then through the analysis, to the end', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'adsync-pieces-progress-'));
  try {
    const file = path.join(dir, 'export.csv');
    const text = toCsv(rowsOf(Array.from({ length: 300 }, () => articleRows).flat()));
    writeFileSync(file, text);
    const read: number[] = [];
    const told: number[] = [];
    const steps = analyzeTextFileSteps(file, detectFormat(text)!, false, (bytes) => read.push(bytes), 16 << 10, 64 << 10);
    for (let r = steps.next(); !r.done; r = steps.next()) if (typeof r.value === 'number') told.push(r.value);
    assert.deepEqual(told, [...told].sort((a, b) => a - b), 'never backwards');
    assert.equal(read[read.length - 1], Buffer.byteLength(text));
    // Several fractions while the pieces are read (the first share), more while what they kept is analysed, and the end.
    assert.ok(told.filter((f) => f > 0 && f < 0.55).length >= 3, told.join(' '));
    assert.ok(told.some((f) => f > 0.55 && f < 1), told.join(' '));
    assert.equal(told[told.length - 1], 1);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
