/**
 * Diagnostics, the outline and the findings tree are encoded ahead of time over stdio
 * (server/src/preEncoded.ts) and by the library over node IPC: an editor gets the same, the service's
 * own, either way.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentSymbolRequest } from 'vscode-languageserver-protocol/node';
import { FindingsTreeRequest } from '../../server/src/protocol';
import { createService } from '../../server/src/service';
import { runToEnd } from '../../server/src/service/steps';
import { articleRows, liveVariants, otherProviders } from '../fixtures/messages';
import { rowsOf, toCsv } from '../fixtures/exports';
import { TestClient } from './client';
import { plain } from '../fixtures/plain';

const uri = 'file:///transports/export.csv';
const text = toCsv([...rowsOf([...articleRows, ...liveVariants]), ...otherProviders.map((o) => ({ ...o, level: 'Error' }))]);
const clients = { stdio: new TestClient(['--stdio']), ipc: new TestClient(['--node-ipc']) };
before(() => Promise.all(Object.values(clients).map((c) => c.initialize())));
after(() => Promise.all(Object.values(clients).map((c) => c.shutdown())));

test('over stdio and over node IPC, the diagnostics, outline and findings tree are what the service makes', async () => {
  const service = createService();
  const doc = { uri, version: 1, languageId: 'adsync-log', getText: () => text };
  // As JSON writes them: ranges are held as numbers until then.
  const outline = plain(runToEnd(service.documentSymbolsSteps(doc)));
  const tree = plain(runToEnd(service.findingsTreeSteps([{ doc }])));
  const diagnostics = plain(service.diagnostics(doc));
  assert.ok(outline.length > 3 && tree.length > 0 && diagnostics.length > 3);
  for (const [name, client] of Object.entries(clients)) {
    await client.open(uri, text);
    assert.deepEqual((await client.analysed(uri, 1))?.diagnostics, diagnostics, `${name}: diagnostics`);
    // Asked twice: the second answer is the first one's bytes again.
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), outline, `${name}: outline`);
      assert.deepEqual(await client.connection.sendRequest(FindingsTreeRequest.type, {}), tree, `${name}: findings tree`);
    }
  }
});
