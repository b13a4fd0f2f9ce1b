/**
 * The CLI writes its JSON in pieces (server/src/prettyJson.ts): the text must be exactly
 * JSON.stringify(value, null, 2) and a newline, whatever the value and however it is cut.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { JsonRecords, writePrettyJson } from '../../server/src/prettyJson';

/** Each piece is whole text, so each decodes alone. A stream that holds nothing: the writer may use its buffer again. */
function written(value: unknown): { text: string; pieces: number } {
  const pieces: string[] = [];
  writePrettyJson({ writableLength: 0, write: (chunk: string | Uint8Array) => pieces.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) }, value);
  return { text: pieces.join(''), pieces: pieces.length };
}

/** Through a real Node stream that takes each chunk at once, or only on a later turn (a full pipe: it holds the chunks meanwhile). */
async function throughStream(value: unknown, later: boolean): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const take = () => {
        chunks.push(Buffer.from(chunk));
        done();
      };
      if (later) setImmediate(take);
      else take();
    },
  });
  writePrettyJson(out, value);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return Buffer.concat(chunks).toString('utf8');
}

const expected = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const finding = (i: number) => ({
  line: i + 1,
  column: 55,
  eventId: i % 5 === 0 ? undefined : 611,
  source: 'Directory Synchronization',
  rule: 'event/611-rpc-8453',
  severity: 'error',
  message: `Password hash sync failed for CN=user ${i},OU=\u00d7 "quoted" \\ back\tslash \u2028 \ud800`,
  remediation: i % 3 === 0 ? [] : ['https://learn.microsoft.com/troubleshoot/azure/active-directory/troubleshoot-pwd-sync'],
});

test('the CLI envelope with thousands of findings is written exactly as JSON.stringify writes it, in pieces', () => {
  const json = { version: 1, files: [0, 1].map((f) => ({ path: `/logs/${f}.csv`, format: 'event-viewer-csv', eventCount: 9000, findings: Array.from({ length: 9000 }, (_, i) => finding(i)), errors: f ? ['line 3: unreadable'] : [] })) };
  const { text, pieces } = written(json);
  assert.equal(text, expected(json));
  assert.ok(pieces > 2, `${pieces} pieces for ${text.length} characters`);
});

test('a stream that holds on to what it is given gets every piece intact, as does one that takes each at once', async () => {
  const json = { findings: Array.from({ length: 30_000 }, (_, i) => finding(i)) };
  assert.ok(JSON.stringify(json, null, 2).length > 3 << 20, 'several pieces');
  for (const later of [false, true]) assert.equal(await throughStream(json, later), expected(json), later ? 'a stream that takes chunks later' : 'a stream that takes them at once');
});

test('awkward values at every depth come out as JSON.stringify writes them', () => {
  const long = (depth: number): unknown => (depth === 0 ? Array.from({ length: 40 }, (_, i) => (i % 7 === 0 ? undefined : i % 7 === 1 ? () => i : { i, when: new Date(i), list: [i, undefined, null] })) : { [`level ${depth}`]: long(depth - 1), also: [long(depth - 1)], none: undefined, fn: () => 1 });
  const odd = Object.create(null) as Record<string, unknown>;
  odd['"key"\n'] = Array.from({ length: 20 }, (_, i) => ({ toJSON: () => `t${i}` }));
  const values: unknown[] = [
    [],
    {},
    Array.from({ length: 17 }, () => []),
    Array.from({ length: 17 }, () => ({})),
    [Array.from({ length: 30 }, (_, i) => i), 'after'],
    { a: [], b: { c: Array.from({ length: 30 }, (_, i) => `s${i}`) }, d: null, e: NaN, f: -0, g: 1e21 },
    long(0),
    long(3),
    long(6),
    odd,
    { mixed: [1, Array.from({ length: 20 }, (_, i) => [i]), { x: Array.from({ length: 20 }, () => 'y') }, 'z', [[[Array.from({ length: 18 }, () => 0)]]]] },
    'a lone string',
    42,
    null,
  ];
  for (const value of values) assert.equal(written(value).text, expected(value), JSON.stringify(value)?.slice(0, 200));
});

test('records written by their own template come out as JSON.stringify writes the plain records: at any depth, alone in a small object, and when there are none', () => {
  const template = (pad: string) => (item: unknown) => JSON.stringify(item, null, 2).replaceAll('\n', `\n${pad}`);
  const shapes = (records: unknown): unknown[] => [records, { only: records }, { version: 1, files: [{ path: 'p', findings: records, errors: [] }] }, [[records], 'x']];
  for (const items of [[], [finding(1)], Array.from({ length: 3000 }, (_, i) => finding(i))]) {
    const plain = shapes(items);
    shapes(new JsonRecords(items, template)).forEach((value, i) => assert.equal(written(value).text, expected(plain[i]), `${items.length} records, shape ${i}`));
  }
});
