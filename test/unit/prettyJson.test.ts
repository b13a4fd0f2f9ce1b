/**
 * The CLI writes its JSON in pieces (server/src/prettyJson.ts): the text must be exactly
 * JSON.stringify(value, null, 2) and a newline, whatever the value and however it is cut.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { encoded, JsonRecords, writePrettyJson, type JsonBytes } from '../../server/src/prettyJson';

/** Each piece is whole text, so each decodes alone. A stream that lets go of each piece at once. */
async function written(value: unknown): Promise<{ text: string; pieces: number }> {
  const pieces: string[] = [];
  await writePrettyJson({ write: (chunk, done) => (pieces.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), done()) }, value);
  return { text: pieces.join(''), pieces: pieces.length };
}

/**
 * Through a real Node stream that takes each chunk at once, or only on a later turn (a full pipe: it
 * holds the chunks meanwhile). `held`: the most bytes the stream held at once, in pieces of the largest size written.
 */
async function throughStream(value: unknown, later: boolean): Promise<{ text: string; held: number }> {
  const chunks: Buffer[] = [];
  let heldBytes = 0;
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      heldBytes = Math.max(heldBytes, out.writableLength);
      const take = () => {
        chunks.push(Buffer.from(chunk));
        done();
      };
      if (later) setTimeout(take, 2);
      else take();
    },
  });
  await writePrettyJson(out, value);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { text: Buffer.concat(chunks).toString('utf8'), held: heldBytes / Math.max(...chunks.map((c) => c.length)) };
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

test('the CLI envelope with thousands of findings is written exactly as JSON.stringify writes it, in pieces', async () => {
  const json = { version: 1, files: [0, 1].map((f) => ({ path: `/logs/${f}.csv`, format: 'event-viewer-csv', eventCount: 9000, findings: Array.from({ length: 9000 }, (_, i) => finding(i)), errors: f ? ['line 3: unreadable'] : [] })) };
  const { text, pieces } = await written(json);
  assert.equal(text, expected(json));
  assert.ok(pieces > 2, `${pieces} pieces for ${text.length} characters`);
});

test('a stream that holds on to what it is given gets every piece intact, as does one that takes each at once', async () => {
  const json = { findings: Array.from({ length: 30_000 }, (_, i) => finding(i)) };
  assert.ok(JSON.stringify(json, null, 2).length > 3 << 20, 'several pieces');
  for (const later of [false, true]) assert.equal((await throughStream(json, later)).text, expected(json), later ? 'a stream that takes chunks later' : 'a stream that takes them at once');
});

test('a slow reader holds the writer back: the stream never holds more than two pieces, however long the JSON', async () => {
  const json = { findings: Array.from({ length: 60_000 }, (_, i) => finding(i)) };
  const pieces = (await written(json)).pieces;
  assert.ok(pieces >= 6, `${pieces} pieces`);
  const { text, held } = await throughStream(json, true);
  assert.equal(text, expected(json));
  assert.ok(held <= 2, `the stream held ${held.toFixed(1)} pieces at once`);
});

test('awkward values at every depth come out as JSON.stringify writes them', async () => {
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
  for (const value of values) assert.equal((await written(value)).text, expected(value), JSON.stringify(value)?.slice(0, 200));
});

test('records written by their own template come out as JSON.stringify writes the plain records: at any depth, alone in a small object, and when there are none', async () => {
  const template = (pad: string) => (item: unknown, out: JsonBytes) => out.text(JSON.stringify(item, null, 2).replaceAll('\n', `\n${pad}`));
  const shapes = (records: unknown): unknown[] => [records, { only: records }, { version: 1, files: [{ path: 'p', findings: records, errors: [] }] }, [[records], 'x']];
  for (const items of [[], [finding(1)], Array.from({ length: 3000 }, (_, i) => finding(i))]) {
    const plain = shapes(items);
    const templated = shapes(new JsonRecords(items, template));
    for (let i = 0; i < templated.length; i++) assert.equal((await written(templated[i])).text, expected(plain[i]), `${items.length} records, shape ${i}`);
  }
});

test('records written a member at a time as bytes, numbers and strings come out as JSON.stringify writes them, whatever the strings hold', async () => {
  // Strings copied as they are (printable ASCII) and every kind JSON.stringify writes otherwise, some longer than a buffer.
  const strings = [
    'A password change was detected in AD and will be sent. [CN=User 1,OU=Cloud Objects,DC=contoso,DC=local]',
    '',
    'say "hi"',
    'back\\slash',
    'tab\there',
    'line\nbreak',
    '\u0000\u001f',
    'delete \u007f stays',
    'caf\u00e9 \u00d7 \u2713 \u2028',
    'lone \ud800 and \udfff surrogates, a pair \ud83d\ude00',
    'x'.repeat(70_000),
    `${'y'.repeat(100_000)}"`,
    '\u00e9'.repeat(40_000),
  ];
  const records = Array.from({ length: 4000 }, (_, i) => ({ line: i * 7919, column: i % 3 === 0 ? 1 : 2 ** 40 + i, message: strings[i % strings.length], tail: i % 2 === 0 ? ['https://a.example/1'] : [] }));
  const template = (pad: string) => {
    const at = `\n${pad}  `;
    const tails = new Map<unknown[], Uint8Array>();
    return (r: (typeof records)[number], out: JsonBytes) => {
      out.bytes(encoded(`{${at}"line": `));
      out.count(r.line);
      out.bytes(encoded(`,${at}"column": `));
      out.count(r.column);
      out.bytes(encoded(`,${at}"message": `));
      out.string(r.message);
      let tail = tails.get(r.tail);
      if (tail === undefined) tails.set(r.tail, (tail = encoded(`,${at}"tail": ${JSON.stringify(r.tail, null, 2).replaceAll('\n', at)}\n${pad}}`)));
      out.bytes(tail);
    };
  };
  const json = { version: 1, files: [{ path: 'p', findings: new JsonRecords(records, template), errors: [] }] };
  const plain = { version: 1, files: [{ path: 'p', findings: records, errors: [] }] };
  assert.equal((await written(json)).text, expected(plain));
  assert.equal((await throughStream(json, true)).text, expected(plain));
});
