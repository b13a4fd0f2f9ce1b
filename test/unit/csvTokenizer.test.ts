import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRecords, type CsvField } from '../../server/src/service/formats/csvTokenizer';

function values(text: string, start?: number, delimiter?: string): string[][] {
  return [...csvRecords(text, start, delimiter)].map((r) => r.fields.map((f) => f.value));
}

test('splits plain fields and LF / CRLF records', () => {
  assert.deepEqual(values('a,b,c\n1,2,3\n'), [['a', 'b', 'c'], ['1', '2', '3']]);
  assert.deepEqual(values('a,b\r\n1,2\r\n'), [['a', 'b'], ['1', '2']]);
  assert.deepEqual(values('a,b\r\n1,2'), [['a', 'b'], ['1', '2']]);
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
  const records = [...csvRecords(text)];
  assert.equal(records.length, 2);
  const [first, second] = records;
  assert.deepEqual(first.fields, [
    { value: 'ab', start: 0, end: 4 },
    { value: 'c', start: 5, end: 6 },
  ] satisfies CsvField[]);
  assert.equal(first.start, 0);
  assert.equal(first.end, 6);
  assert.equal(text.slice(second.fields[0].start, second.fields[0].end), '"x""y"');
  assert.deepEqual(second.fields.map((f) => [f.start, f.end]), [[8, 14], [15, 15], [16, 17]]);
  assert.equal(second.start, 8);
  assert.equal(second.end, text.length);
});

test('a leading BOM is not part of the first field', () => {
  const records = [...csvRecords('\uFEFF"Id",Source\n1,X')];
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
  const records = [...csvRecords(text)];
  assert.equal(records.length, 1);
  assert.deepEqual(records[0].fields.map((f) => f.value), ['a', 'open\nline 2\nline 3']);
  assert.equal(records[0].fields[1].end, text.length);
  assert.deepEqual(values('"'), [['']]);
  assert.deepEqual(values('"abc""'), [['abc"']]);
});

// Speed is measured by `npm run bench`, not asserted here; these inputs would hang a quadratic tokenizer.
test('reads hostile input completely: 100,000 lines after an unbalanced quote, a 10 MB line, many doubled quotes', () => {
  const lines = 'a,"unbalanced\n' + 'x,y,z\n'.repeat(100_000);
  const r1 = [...csvRecords(lines)];
  assert.equal(r1.length, 1);
  const big = 'x'.repeat(10 * 1024 * 1024);
  const r2 = [...csvRecords(big + ',' + big)];
  assert.equal(r2[0].fields[1].value.length, big.length);
  const quotes = '"' + '""'.repeat(1_000_000) + '"';
  const r3 = [...csvRecords(quotes)];
  assert.equal(r3[0].fields[0].value.length, 1_000_000);
  const manyRecords = 'a,b\n'.repeat(200_000);
  assert.equal([...csvRecords(manyRecords)].length, 200_000);
});
