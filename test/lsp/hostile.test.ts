/** The server answers every request on hostile documents and says what it could not read. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { decodeBytes } from '../../server/src/service/formats/text';
import { hostileInputs } from '../fixtures/hostile';
import { TestClient } from './client';

const client = new TestClient();
before(() => client.initialize());
after(() => client.shutdown());

hostileInputs.forEach((input, i) => {
  test(`server survives and reports: ${input.name}`, async () => {
    const uri = `file:///hostile/${i}.log`;
    await client.open(uri, decodeBytes(input.bytes()));
    const { diagnostics } = await client.diagnosticsFor(uri, undefined, 30_000);
    assert.ok(Array.isArray(diagnostics));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.ok(hover === null || typeof hover === 'object');
    await client.close(uri);
  });
});

test('a document that is not an export gets one diagnostic that says so', async () => {
  const uri = 'file:///hostile/random.csv';
  await client.open(uri, decodeBytes(hostileInputs.find((x) => x.name === 'random bytes')!.bytes()));
  const { diagnostics } = await client.diagnosticsFor(uri);
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0].message as string, /does not recognise/);
});
