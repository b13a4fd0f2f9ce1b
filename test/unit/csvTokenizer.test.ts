import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvRecords } from '../../server/src/service/formats/csvTokenizer';
import { plain } from '../fixtures/plain';

interface Read {
  start: number;
  end: number;
  fields: { value: string; start: number; end: number }[];
}

/** Every record of `text`, with its fields' values and raw extents. */
function read(text: string, start?: number, delimiter?: string): Read[] {
  const records = new CsvRecords(text, start, delimiter);
  const out: Read[] = [];
  while (records.next()) {
    const fields = [];
    for (let i = 0; i < records.count; i++) fields.push({ value: records.value(i), start: records.fieldStart[i], end: records.fieldEnd[i] });
    out.push({ start: records.start, end: records.end, fields });
  }
  return out;
}

function values(text: string, start?: number, delimiter?: string): string[][] {
  return read(text, start, delimiter).map((r) => r.fields.map((f) => f.value));
}

test('splits plain fields and LF / CRLF records', () => {
  assert.deepEqual(values('a,b,c\n1,2,3\n'), [['a', 'b', 'c'], ['1', '2', '3']]);
  assert.deepEqual(values('a,b\r\n1,2\r\n'), [['a', 'b'], ['1', '2']]);
  assert.deepEqual(values('a,b\r\n1,2'), [['a', 'b'], ['1', '2']]);
  // A CR ends a bare field only before an LF: at the end of the text, or before anything else, it is kept.
  assert.deepEqual(values('a,b\r'), [['a', 'b\r']]);
  assert.deepEqual(values('a\rb,c\r\n"x"\r,y\r'), [['a\rb', 'c'], ['x\r', 'y\r']]);
});

test('empty text yields nothing; empty fields and empty lines are kept', () => {
  assert.deepEqual(values(''), []);
  assert.deepEqual(values('a,,c,\n\nx'), [['a', '', 'c', ''], [''], ['x']]);
});

test('quoted fields hold delimiters, doubled quotes, CR/LF and tabs', () => {
  const text = '"Message","Id"\r\n"Line one,\r\n\tsaid ""hi""\nend","611"\r\n';
  assert.deepEqual(values(text), [
    ['Message', 'Id'],
    ['Line one,\r\n\tsaid "hi"\nend', '611'],
  ]);
});

test('field offsets cover the raw field, quotes included; record offsets exclude the line break', () => {
  const text = '"ab",c\r\n"x""y",,z';
  const records = read(text);
  assert.equal(records.length, 2);
  const [first, second] = records;
  assert.deepEqual(first.fields, [
    { value: 'ab', start: 0, end: 4 },
    { value: 'c', start: 5, end: 6 },
  ]);
  assert.equal(first.start, 0);
  assert.equal(first.end, 6);
  assert.equal(text.slice(second.fields[0].start, second.fields[0].end), '"x""y"');
  assert.deepEqual(second.fields.map((f) => [f.start, f.end]), [[8, 14], [15, 15], [16, 17]]);
  assert.equal(second.start, 8);
  assert.equal(second.end, text.length);
});

test('a leading BOM is not part of the first field', () => {
  const records = read('\uFEFF"Id",Source\n1,X');
  assert.equal(records[0].fields[0].value, 'Id');
  assert.equal(records[0].fields[0].start, 1);
  assert.equal(records[0].start, 1);
  assert.deepEqual(values('\uFEFFa,b'), [['a', 'b']]);
});

test('starts at a given offset, with another delimiter', () => {
  const text = '#TYPE Foo\n"a";"b;c"\n1;2';
  assert.deepEqual(values(text, text.indexOf('\n') + 1, ';'), [['a', 'b;c'], ['1', '2']]);
  assert.deepEqual(values('a\tb\n', 0, '\t'), [['a', 'b']]);
});

test('characters after a closing quote are kept; a lone CR stays in the field', () => {
  assert.deepEqual(values('"ab"cd,e'), [['abcd', 'e']]);
  assert.deepEqual(values('a\rb,c'), [['a\rb', 'c']]);
});

test('an unterminated quote takes the rest of the text without throwing', () => {
  const text = 'a,"open\nline 2\nline 3';
  const records = read(text);
  assert.equal(records.length, 1);
  assert.deepEqual(records[0].fields.map((f) => f.value), ['a', 'open\nline 2\nline 3']);
  assert.equal(records[0].fields[1].end, text.length);
  assert.deepEqual(values('"'), [['']]);
  assert.deepEqual(values('"abc""'), [['abc"']]);
});

test('trimmed and cell give the value without surrounding spaces, whatever the field shape', () => {
  const records = new CsvRecords(' a ,"b",," ",x"" y,"c ""d"" "e, \u00a0f\u00a0');
  assert.ok(records.next());
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((i) => records.trimmed(i)), ['a', 'b', '', '', 'x"" y', 'c "d" e', 'f']);
  assert.deepEqual([0, 2, 3, 6, 7, -1].map((i) => records.cell(i)), ['a', null, null, 'f', null, null]);
  // plain(i): the cell is the text between valueStart and valueEnd, nothing to trim or undo.
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, -1].map((i) => records.plain(i)), [false, true, false, false, true, false, false, false, false]);
  assert.equal(records.text.slice(records.valueStart(4), records.valueEnd(4)), records.cell(4));
});

test('a verbatim field is its value as written, between valueStart and valueEnd', () => {
  const text = '611,"612","6""13","614"x,"615';
  const records = new CsvRecords(text);
  assert.ok(records.next());
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => records.verbatim(i)), [true, true, false, false, false]);
  assert.equal(text.slice(records.valueStart(0), records.valueEnd(0)), '611');
  assert.equal(text.slice(records.valueStart(1), records.valueEnd(1)), '612');
  assert.deepEqual(records.values(), ['611', '612', '6"13', '614x', '615']);
});

test('positions count the line breaks before the record and inside its quoted fields', () => {
  const text = 'h1,h2\r\n1,"two\r\nlines\nhere"\r\n\n3,x';
  const records = new CsvRecords(text);
  assert.ok(records.next());
  assert.deepEqual(plain(records.range(records.start, records.end)), { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
  assert.ok(records.next());
  assert.deepEqual(records.position(records.start), { line: 1, character: 0 });
  assert.deepEqual(records.position(records.fieldStart[1] + 1), { line: 1, character: 3 });
  assert.deepEqual(records.position(text.indexOf('lines')), { line: 2, character: 0 });
  assert.deepEqual(records.position(records.end), { line: 3, character: 5 });
  assert.equal(records.firstLineEnd(), text.indexOf('\r\nlines'));
  assert.ok(records.next());
  assert.deepEqual(plain(records.range(records.start, records.end)), { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } });
  assert.ok(records.next());
  assert.deepEqual(plain(records.range(records.start, records.end)), { start: { line: 5, character: 0 }, end: { line: 5, character: 3 } });
  assert.equal(records.firstLineEnd(), text.length);
  assert.equal(records.next(), false);
});

test('positions after a start offset and a BOM count the lines before them', () => {
  const text = '#TYPE Foo\r\n"a","b"\r\n1,2';
  const records = new CsvRecords(text, text.indexOf('\n') + 1);
  assert.ok(records.next());
  assert.deepEqual(records.position(records.fieldStart[1]), { line: 1, character: 4 });
  const bom = new CsvRecords('\uFEFFa,b');
  assert.ok(bom.next());
  assert.deepEqual(bom.position(bom.start), { line: 0, character: 1 });
});

// Speed is measured by `npm run bench`, not asserted here; these inputs would hang a quadratic tokenizer.
test('reads hostile input completely: 100,000 lines after an unbalanced quote, a 10 MB line, many doubled quotes', () => {
  const lines = 'a,"unbalanced\n' + 'x,y,z\n'.repeat(100_000);
  const r1 = new CsvRecords(lines);
  assert.ok(r1.next());
  assert.deepEqual(r1.position(r1.end), { line: 100_001, character: 0 });
  assert.equal(r1.next(), false);
  const big = 'x'.repeat(10 * 1024 * 1024);
  assert.equal(values(big + ',' + big)[0][1].length, big.length);
  const quotes = '"' + '""'.repeat(1_000_000) + '"';
  assert.equal(values(quotes)[0][0].length, 1_000_000);
  const manyRecords = 'a,b\n'.repeat(200_000);
  assert.equal(read(manyRecords).length, 200_000);
  const manyQuoted = '"a",'.repeat(1_000_000);
  assert.equal(values(manyQuoted)[0].length, 1_000_001);
  // Bare fields after a quoted line break search for the next one: each search must start where the last ended.
  const afterBreak = values('"a\nb",' + 'x,'.repeat(1_000_000) + '\r\ny');
  assert.deepEqual([afterBreak.length, afterBreak[0].length, afterBreak[1]], [2, 1_000_002, ['y']]);
});
