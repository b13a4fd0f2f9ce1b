/**
 * A text export on disk is read into the text decoding its bytes whole gives: a UTF-16LE file (Event
 * Viewer's TXT) is read a block of 1 MiB at a time straight into one byte per character, and falls
 * back to the whole read when a character does not fit. Every report must be the whole read's, and the
 * language server must get pauses while a big UTF-16LE file is read (its *Analyze Log File*).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFile, readTextSteps } from '../../server/src/service/analyzeFile';
import { analyzeDecoded } from '../../server/src/service/files';
import { decodeBytes } from '../../server/src/service/formats/text';
import { articleRows, liveVariants } from '../fixtures/messages';
import { rowsOf, toTxt } from '../fixtures/exports';
import { assertSameReport } from '../fixtures/sameReport';

const dir = mkdtempSync(path.join(tmpdir(), 'adsync-file-text-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const MiB = 2 ** 20;
const BOM = Buffer.from([0xff, 0xfe]);
const rowsText = toTxt(rowsOf([...articleRows, ...liveVariants]));
/** About 3.3 MiB of UTF-16: four blocks, the last one partial. */
const longText = rowsText + rowsText.slice(rowsText.indexOf('\n') + 1).repeat(Math.ceil((1.6 * MiB) / rowsText.length));
const wide = (text: string, at: number, char: string) => text.slice(0, at) + char + text.slice(at + 1);
/** Where a row's description ends, about `bytes` into the UTF-16 file: a character changed there stays inside a message. */
const descriptionEnd = (text: string, bytes: number) => text.indexOf('\n', bytes / 2) - 2;

const files: [string, Buffer][] = [
  ['UTF-16LE with BOM, four blocks', Buffer.concat([BOM, Buffer.from(longText, 'utf16le')])],
  ['UTF-16LE without BOM', Buffer.from(longText, 'utf16le')],
  ['UTF-16LE, an odd byte at the end', Buffer.concat([BOM, Buffer.from(longText, 'utf16le'), Buffer.from([0x41])])],
  ['UTF-16LE, one block and the BOM exactly', Buffer.concat([BOM, Buffer.from(longText.slice(0, MiB / 2 - 1), 'utf16le')])],
  ['UTF-16LE, a character beyond Latin-1 in the first block', Buffer.concat([BOM, Buffer.from(wide(longText, descriptionEnd(longText, 4000), 'ß€'), 'utf16le')])],
  ['UTF-16LE, a character beyond Latin-1 in the third block', Buffer.concat([BOM, Buffer.from(wide(longText, descriptionEnd(longText, 2.5 * MiB), '€'), 'utf16le')])],
  ['UTF-16LE, Latin-1 beyond ASCII', Buffer.concat([BOM, Buffer.from(wide(longText, descriptionEnd(longText, 1.5 * MiB), 'é'), 'utf16le')])],
  ['UTF-16LE, a second BOM', Buffer.concat([BOM, BOM, Buffer.from(rowsText, 'utf16le')])],
  ['UTF-16LE, an unpaired surrogate in the second block', Buffer.concat([BOM, Buffer.from(wide(longText, descriptionEnd(longText, 1.2 * MiB), '\ud800'), 'utf16le')])],
  ['the BOM alone', BOM],
  ['one byte', Buffer.from([0xff])],
  ['empty', Buffer.alloc(0)],
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(longText, 'utf8')])],
  ['UTF-16BE with BOM', Buffer.from(Buffer.concat([BOM, Buffer.from(rowsText, 'utf16le')]).swap16())],
];

for (const [name, bytes] of files) {
  test(`a log on disk reads as its bytes decoded whole: ${name}`, () => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.txt`);
    writeFileSync(file, bytes);
    const whole = analyzeDecoded(decodeBytes(readFileSync(file)), file, false);
    const report = analyzeFile(file);
    assertSameReport(report, whole, whole.events, name);
    assertSameReport(analyzeFile(file, { paced: true }), whole, whole.events, `${name}, paced`);
    if (bytes.length > MiB) assert.ok(report.eventCount > 6_000, `${name}: ${report.eventCount} events`);
  });
}

test('a UTF-16LE file is read with a pause after each block of 1 MiB, so the language server answers requests meanwhile', () => {
  for (const [name, bytes] of files.filter(([n, b]) => b.length > 3 * MiB && n.startsWith('UTF-16LE') && !/[\u0100-\uffff]/.test(decodeBytes(b)))) {
    const file = path.join(dir, `steps-${name.replace(/\W+/g, '-')}.txt`);
    writeFileSync(file, bytes);
    const steps = readTextSteps(file);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    assert.equal(step.value, decodeBytes(bytes), name);
    assert.ok(pauses >= 3, `${name}: ${pauses} pauses`);
  }
});

test('paced (the language server), any text is read with a pause after each block of 1 MiB, and reads as decoded whole', () => {
  for (const [name, bytes] of files) {
    const file = path.join(dir, `paced-${name.replace(/\W+/g, '-')}.txt`);
    writeFileSync(file, bytes);
    const steps = readTextSteps(file, true);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    assert.equal(step.value, decodeBytes(bytes), name);
    assert.ok(pauses >= Math.floor(bytes.length / MiB), `${name}: ${pauses} pauses for ${bytes.length} bytes`);
  }
});
