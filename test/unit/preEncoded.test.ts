/**
 * Answers encoded ahead of time (server/src/preEncoded.ts) must reach the client byte for byte as
 * vscode-jsonrpc's own JSON.stringify would have sent them: real outlines and trees, and hostile values,
 * through the stdio writer, under a Content-Length that counts their bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { PreEncodedWriter, preEncodeSteps } from '../../server/src/preEncoded';
import { createService } from '../../server/src/service';
import { runToEnd } from '../../server/src/service/steps';
import { articleRows, liveVariants, otherProviders } from '../fixtures/messages';
import { rowsOf, toCsv, toXml } from '../fixtures/exports';

/** What the writer writes for `message`: the body its header announces, and in how many writes. */
async function written(message: Message): Promise<{ body: string; writes: number }> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await new PreEncodedWriter(out).write(message);
  const all = Buffer.concat(chunks);
  const headEnd = all.indexOf('\r\n\r\n');
  const length = /^Content-Length: (\d+)$/.exec(all.subarray(0, headEnd).toString('ascii'))?.[1];
  const body = all.subarray(headEnd + 4);
  assert.equal(body.length, Number(length), 'the header counts the bytes of the body');
  return { body: body.toString('utf8'), writes: chunks.length };
}

/** What the client receives for a response with this result: ours, and what the library would send. */
async function sent(result: unknown[] | Record<string, unknown>): Promise<{ ours: string; library: string; steps: number; writes: number }> {
  const steps = preEncodeSteps(result);
  let count = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) count++;
  const { body, writes } = await written({ jsonrpc: '2.0', id: 7, result: step.value } as Message);
  return { ours: body, library: JSON.stringify({ jsonrpc: '2.0', id: 7, result }), steps: count, writes };
}

const rows = [...rowsOf([...articleRows, ...liveVariants]), ...otherProviders.map((o) => ({ ...o, level: 'Error' }))];
const service = createService();
const docs = [
  { uri: 'file:///all.csv', version: 1, languageId: 'adsync-log', getText: () => toCsv(rows) },
  { uri: 'file:///all.xml', version: 1, languageId: 'adsync-log', getText: () => toXml(rows, { oneLine: false, quote: '"', rendering: true }) },
];

test('the outline and the findings tree of real exports are sent exactly as JSON.stringify writes them', async () => {
  for (const doc of docs) {
    const outline = runToEnd(service.documentSymbolsSteps(doc));
    assert.ok(outline.length > 3, `${doc.uri}: an outline to encode`);
    const { ours, library } = await sent(outline);
    assert.equal(ours, library, doc.uri);
  }
  const tree = runToEnd(service.findingsTreeSteps(docs.map((doc) => ({ doc }))));
  const { ours, library } = await sent(tree);
  assert.ok(tree.length > 0);
  assert.equal(ours, library);
});

test('hostile values are encoded as JSON.stringify encodes them', async () => {
  const odd: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  odd['"quoted\\key"'] = ['\u2028', '\u0000\u001f', '\ud800 lone surrogate', '\udfff', '😀 pair', 'ß é ×'];
  const values: (unknown[] | Record<string, unknown>)[] = [
    [],
    {},
    [[], {}, [[]], { children: [] }],
    [undefined, () => 1, Symbol('s'), NaN, Infinity, -0, null, true, 1e21, 'text'],
    { gone: undefined, fn: () => 1, sym: Symbol('s'), kept: [undefined, { a: [1, undefined] }], nan: NaN },
    { when: new Date(0), list: [new Date(1), { toJSON: () => ['replaced'] }], nested: { deeper: [{ children: [{ children: ['leaf'] }] }] } },
    [odd, { [odd['"quoted\\key"'] as unknown as string]: ['key from an array'] }],
    { name: '</script><img src=x onerror=alert(1)>', children: [{ name: '[link](command:workbench.action.terminal.new)', children: ['x'] }] },
  ];
  for (const value of values) {
    const { ours, library } = await sent(value);
    assert.equal(ours, library, library);
  }
});

test('a long answer is encoded in many steps, across many chunks of bytes, and only once', async () => {
  // Well past the 64 KiB at which text is turned into bytes, with a multi-byte character at every position.
  const long = Array.from({ length: 20_000 }, (_, i) => ({ name: `${'é'.repeat(i % 7)}symbol ${i} ×`, children: i % 3 ? [] : [{ name: `child ${i}`, children: [] }] }));
  const first = await sent(long);
  assert.equal(first.ours, first.library);
  assert.ok(first.steps >= long.length, `${first.steps} steps for ${long.length} symbols`);
  // Written as the pieces it was encoded in, not joined into one copy first.
  assert.ok(first.writes > 4, `${first.writes} writes`);
  const again = await sent(long);
  assert.equal(again.steps, 0, 'the same value again is not encoded again');
  assert.equal(again.ours, first.library);
  // What is sent are the bytes made in steps, not a new encoding of the value (which must not change).
  long[0].name = 'changed';
  assert.equal((await sent(long)).ours, first.library);
});

test('a big log\'s colours, a million numbers, are encoded as JSON.stringify writes them, a run of numbers per step', async () => {
  const numbers = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 4099);
  // Numbers as JSON writes them, or not at all, among others: -0, fractions, exponents, NaN, Infinity, and a string.
  numbers.splice(500_000, 0, -0, 1.5, 1e21, 1e-7, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, '7' as unknown as number, 3);
  const { ours, library, steps } = await sent({ data: numbers });
  assert.equal(ours, library);
  assert.ok(steps < 200, `${steps} steps`);
});

test('an .evtx view of millions of characters is encoded as JSON.stringify writes it, a piece per step, surrogate pairs whole', async () => {
  const piece = 1 << 18;
  const hostile = '"quoted" \\ back\u0000\u001f\u2028\t\r\n é × 😀 \udfff lone \ud800 lone ';
  // A pair, then a lone high surrogate, where a piece would end; hostile characters everywhere.
  const text = `${'a'.repeat(piece - 1)}😀${'b'.repeat(piece - 2)}\ud800x${hostile.repeat(40_000)}`;
  const { ours, library, steps } = await sent({ text });
  assert.equal(ours, library);
  assert.ok(steps >= Math.floor(text.length / piece), `${steps} steps for ${text.length} characters`);
});

test('a message that is not a pre-encoded answer is encoded as the library does', async () => {
  const messages = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x', diagnostics: [{ message: 'ü' }] } },
    { jsonrpc: '2.0', id: 'abc', result: [{ name: 'plain' }] },
    { jsonrpc: '2.0', id: 3, error: { code: -32800, message: 'cancelled' } },
  ];
  for (const message of messages) assert.equal((await written(message as Message)).body, JSON.stringify(message));
});

test('transports that encode on their own still send the value', async () => {
  const value = [{ name: 'a', children: [{ name: 'b', children: [] }] }];
  const standIn = runToEnd(preEncodeSteps(value));
  assert.equal(JSON.stringify({ result: standIn }), JSON.stringify({ result: value }));
});
