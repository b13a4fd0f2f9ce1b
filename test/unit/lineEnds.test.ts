/**
 * Line ends as LSP and the editor count them (CRLF, LF and a lone CR) in every reader's positions.
 * The reference is the vscode-languageserver-textdocument library, which the client side agrees with.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CsvRecords } from '../../server/src/service/formats/csvTokenizer';
import { readers } from '../../server/src/service/formats/registry';
import { detectFormat, readLog } from '../../server/src/service/formats/detect';
import { LineIndex } from '../../server/src/service/formats/text';
import { splitLines } from '../../server/src/service/formats/plainText';
import { prng } from '../fixtures/hostile';
import { articleRows, liveVariants } from '../fixtures/messages';
import { rowsOf, toCsv, toTxt, toXml } from '../fixtures/exports';
import { crlf, EVENT_VIEWER_CSV, EXTRA_SAMPLES, SAMPLES } from '../fixtures/formatSamples';

/**
 * True between the CR and LF of a CRLF. The library moves such an offset back before the CR; the
 * readers never place an event there, and the CSV tokenizer's positions leave it where it is.
 */
function insideCrlf(text: string, offset: number): boolean {
  return text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10;
}

/** Short texts of letters and every kind of line end, CRs next to CRs and LFs included. */
function mixedTexts(): string[] {
  const random = prng(7);
  const parts = ['a', 'bc', '\n', '\r', '\r\n', '\r\r', '\n\r'];
  const texts = ['', '\r', '\n', '\r\n', 'a\rb\r\nc\nd\r'];
  for (let i = 0; i < 300; i++) {
    let text = '';
    for (let n = Math.floor(random() * 12); n > 0; n--) text += parts[Math.floor(random() * parts.length)];
    texts.push(text);
  }
  return texts;
}

test('LineIndex counts lines, positions and offsets as TextDocument does', () => {
  for (const text of mixedTexts()) {
    const doc = TextDocument.create('file:///t', 'plaintext', 1, text);
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, doc.lineCount, JSON.stringify(text));
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(lines.positionAt(offset), doc.positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
    }
    for (let line = -1; line <= doc.lineCount; line++) {
      if (line >= 0 && line < doc.lineCount) {
        const end = doc.offsetAt({ line, character: text.length + 1 });
        assert.equal(lines.lineEnd(line), end, `${JSON.stringify(text)} line ${line} ends`);
      }
      for (let character = -1; character <= text.length + 1; character++) {
        assert.equal(lines.offsetAt({ line, character }), doc.offsetAt({ line, character }), `${JSON.stringify(text)} ${line}:${character}`);
      }
    }
  }
});

test('splitLines gives the lines TextDocument has, without their line ends', () => {
  for (const text of mixedTexts()) {
    const doc = TextDocument.create('file:///t', 'plaintext', 1, text);
    const expected = Array.from({ length: doc.lineCount }, (_, line) => doc.getText({ start: { line, character: 0 }, end: { line, character: text.length + 1 } }).replace(/\r?\n$|\r$/, ''));
    assert.deepEqual(splitLines(text).map((l) => l.text), expected, JSON.stringify(text));
  }
});

test('CSV positions count a lone CR as a line end, though it does not end the record; findCrs finds every CR', () => {
  const text = 'a,"x\ry\r\nz"\rw,b\r\nc,d\n';
  const doc = TextDocument.create('file:///t', 'csv', 1, text);
  const records = new CsvRecords(text);
  const read: string[][] = [];
  while (records.next()) {
    read.push(records.values());
    const crs = [...records.text.slice(records.start, records.end).matchAll(/\r/g)].map((m) => records.start + m.index);
    assert.deepEqual(records.crs.slice(0, records.findCrs(records.start, records.end)), crs, 'findCrs');
    for (let offset = records.start; offset <= records.end; offset++) if (!insideCrlf(text, offset)) assert.deepEqual(records.position(offset), doc.positionAt(offset), `at ${offset}`);
  }
  assert.deepEqual(read, [['a', 'x\ry\r\nz\rw', 'b'], ['c', 'd']]);
  // A record that starts past a lone CR (its first line ending at a CRLF) knows its line too.
  const later = new CsvRecords(text, text.indexOf('c'));
  assert.ok(later.next());
  assert.deepEqual(later.position(later.start), doc.positionAt(later.start));
});

/** The text with some line ends (each as `from` writes them) turned into lone CRs, skipping the first `keep`. */
function loneCrs(text: string, from: RegExp, keep: number): string {
  let n = 0;
  return text.replace(from, (m) => (n++ < keep || n % 2 === 0 ? m : '\r'));
}

test('line readers: a lone CR in place of a line end changes neither lines nor events', () => {
  const samples = Object.entries(SAMPLES).flatMap(([id, text]) => [[id, text], ...(EXTRA_SAMPLES[id] ?? []).map((t) => [id, t])]);
  for (const [id, sample] of samples) {
    if (id === 'powershell-export-csv') continue;
    const reader = readers.find((r) => r.id === id)!;
    for (const text of [sample, crlf(sample)]) {
      // A CR right before an LF would join it into a CRLF: those line ends stay.
      const changed = loneCrs(text, /\r?\n(?!\n)/g, 2);
      assert.match(changed, /\r[^\n]/);
      assert.deepEqual(reader.read(changed), reader.read(text), id);
    }
  }
});

test('line-based shapes whose every line ends in a lone CR (old Mac style) are recognised and read as with LF', () => {
  const samples = Object.entries(SAMPLES).flatMap(([id, text]) => [[id, text], ...(EXTRA_SAMPLES[id] ?? []).map((t) => [id, t])]);
  for (const [id, sample] of samples) {
    // CSV keeps a lone CR inside its record (RFC 4180 ends records at CRLF or LF).
    if (id === 'powershell-export-csv') continue;
    const text = sample.replace(/\r?\n/g, '\r');
    assert.doesNotMatch(text, /\n/);
    assert.equal(detectFormat(text)?.id, id, `${id} with lone CRs`);
    assert.deepEqual(readLog(text), readLog(sample), id);
  }
});

test('CSV and XML readers: lone CRs inside messages leave every event where the editor shows it', () => {
  const rows = rowsOf([...articleRows, ...liveVariants]).map((r) => ({ ...r, message: `${r.message}\rsecond line` }));
  const texts: [string, string][] = [
    ['event-viewer-csv', toCsv(rows)],
    ['event-viewer-txt', toTxt(rows)],
    ['event-viewer-xml', toXml(rows)],
    ['event-viewer-xml', toXml(rows, { oneLine: false })],
    ['event-viewer-csv', loneCrs(EVENT_VIEWER_CSV, /\r\n(?!Information)/g, 1)],
    ['powershell-export-csv', SAMPLES['powershell-export-csv'].replace(/"[^"]*"/g, (q) => q.replace(/\r?\n/g, '\r'))],
    ['powershell-export-csv', EXTRA_SAMPLES['powershell-export-csv'][0].replace(/"[^"]*"/g, (q) => q.replace(/\r?\n/g, '\r'))],
  ];
  for (const [id, text] of texts) {
    assert.match(text, /\r[^\n]/);
    const doc = TextDocument.create('file:///t', 'log', 1, text);
    const result = readers.find((r) => r.id === id)!.read(text);
    assert.ok(result.events.length > 0, id);
    for (const e of result.events) {
      assert.equal(Number(doc.getText(e.idRange)) & 0xffff, e.eventId, `${id}: event ${e.eventId}`);
      // The event starts at the start of a line in CSV; in one-line XML at its <Event>.
      assert.match(doc.getText(e.range), /^(?:<Event|[A-Za-z"])/, id);
    }
  }
});
