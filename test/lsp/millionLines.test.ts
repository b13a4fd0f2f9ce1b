/**
 * A 1,000,000-line log through the server: inlay hints, semantic tokens, symbols and folding answer
 * for the visible range only. Latencies are printed for the record; budgets are the benchmark's.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DidChangeTextDocumentNotification, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest, InlayHintRequest, SemanticTokensRangeRequest, type InlayHint } from 'vscode-languageserver-protocol/node';
import { FindingsTreeRequest } from '../../server/src/protocol';
import { MAX_OCCURRENCES_PER_TYPE } from '../../server/src/service/features/documentSymbols';
import { TestClient } from './client';

// 333,333 events of three lines each (a quoted multi-line description) plus the header: 1,000,000 lines.
const rows: string[] = ['Level,Date and Time,Source,Event ID,Task Category'];
for (let i = 0; rows.length < 1_000_000; i++) {
  const minute = String(i % 60).padStart(2, '0');
  if (i % 50 === 0) rows.push(`Error,5/1/2013 4:${minute}:08 PM,Directory Synchronization,611,None,"Password synchronization failed for domain: contoso.com.`, '', 'RPC Error 8439: The distinguished name specified for this replication operation is invalid."');
  else rows.push(`Information,5/1/2013 4:${minute}:08 PM,Directory Synchronization,654,None,"Provision credentials ping end.`, '', 'Heartbeat."');
}
const text = rows.join('\r\n');
const uri = 'file:///big/million.csv';
const client = new TestClient();
let first: Awaited<ReturnType<TestClient['diagnosticsFor']>>;

before(async () => {
  await client.initialize();
  const started = performance.now();
  await client.open(uri, text);
  first = await client.diagnosticsFor(uri, undefined, 120_000);
  console.log(`# 1,000,000 lines: first diagnostics after ${(performance.now() - started).toFixed(0)} ms`);
});
after(() => client.shutdown());

const middle = { start: { line: 600_000, character: 0 }, end: { line: 600_060, character: 0 } };

test('inlay hints and semantic tokens cover only the requested 60 lines', async () => {
  let t = performance.now();
  const hints = (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: middle })) as InlayHint[];
  console.log(`# inlay hints for 60 lines: ${(performance.now() - t).toFixed(1)} ms`);
  assert.equal(hints.length, 20);
  assert.ok(hints.every((h) => h.position.line >= 600_000 && h.position.line < 600_060));
  t = performance.now();
  const tokens = await client.connection.sendRequest(SemanticTokensRangeRequest.type, { textDocument: { uri }, range: middle });
  console.log(`# semantic tokens for 60 lines: ${(performance.now() - t).toFixed(1)} ms`);
  let line = 0;
  for (let i = 0; i < tokens!.data.length; i += 5) {
    line += tokens!.data[i];
    assert.ok(line >= 600_000 && line < 600_060, `token on line ${line}`);
  }
  assert.ok(tokens!.data.length > 0);
});

test('hover answers anywhere; the outline caps its lists; folding answers', async () => {
  const t = performance.now();
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 999_998, character: 3 } });
  console.log(`# hover near the end: ${(performance.now() - t).toFixed(1)} ms`);
  assert.ok(hover);
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as { name: string; children?: { children?: unknown[] }[] }[];
  // Editors ask for it after every change, and a hover asked after it waits for the whole answer
  // (this log has a few busy types: 0.09 MB when 200 of each were listed).
  const bytes = Buffer.byteLength(JSON.stringify(symbols));
  console.log(`# outline: ${(bytes / 1e6).toFixed(2)} MB of JSON`);
  assert.ok(bytes < 50_000, `the outline is ${bytes} bytes of JSON`);
  const info = symbols.find((s) => s.name.startsWith('Information'))!;
  assert.ok(info.children![0].children!.length <= MAX_OCCURRENCES_PER_TYPE + 1, `at most ${MAX_OCCURRENCES_PER_TYPE} occurrences and a "more" entry`);
  // Counts as the rest of the text writes them.
  const busiest = info.children![0] as { name: string; children: { name: string }[] };
  assert.match(busiest.name, /\(×\d{1,3}(,\d{3})+\)$/);
  assert.match(busiest.children.at(-1)!.name, /^… \d{1,3}(,\d{3})+ more$/);
  const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
  assert.ok(folds && folds.length > 0);
});

test('the Problems list is capped at VS Code\'s 1,000 per file: a note first, then 999 findings, errors before the routine ones and the timeline\'s summary before single events', () => {
  assert.equal(first.diagnostics.length, 1000);
  const [note, ...rest] = first.diagnostics;
  assert.equal(note.code, 'problems/limit');
  // 333,333 event findings and one over the whole log (no full sync in it).
  assert.match(String(note.message), /^999 of 333,334 findings/);
  // 6,667 events are 611 errors, which the timeline sums up in one error: that one is kept before
  // single events, then 998 of the 611s, in file order.
  const [events, summary] = [rest.filter((d) => d.code === 'event/611-rpc-8439'), rest.filter((d) => d.code !== 'event/611-rpc-8439')];
  assert.deepEqual(summary.map((d) => [d.severity, d.code]), [[1, 'timeline/persistent-domain-failure']]);
  assert.match(String(summary[0].message), /^Password sync for domain contoso\.com failed 6,667 times/);
  assert.equal(events.length, 998);
  assert.ok(events.every((d, i) => d.severity === 1 && (i === 0 || d.range.start.line > events[i - 1].range.start.line)));
});

test('typing inside an event that leaves the problems as they were: analysed, and the 1,000 diagnostics are not sent again', async () => {
  // A space on the blank middle line of the first event's message: read again, it says the same.
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: ' ' }],
  });
  const after = await client.analysed(uri, 2, 120_000);
  assert.equal(after, first, 'the diagnostics published last are still those of version 1');
  assert.equal(after?.version, 1);
});

test('while a line break makes the server read the whole log again, hovers are answered before that analysis ends', async () => {
  const line = 500_001;
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\r\n' }],
  });
  const order: string[] = [];
  // Its 1,000 problems are all above the line break, so they are not sent again: wait for the analysis itself.
  const analysed = client.analysed(uri, 3, 120_000).then(() => order.push('analysed'));
  // Past the debounce the re-analysis runs; hovers sent now must not wait for it to finish.
  await new Promise((r) => setTimeout(r, 400));
  for (let i = 0; i < 5; i++) {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 999_998, character: 3 } });
    assert.ok(hover, 'answered from the previous analysis');
    order.push('hover');
  }
  await analysed;
  assert.deepEqual(order, ['hover', 'hover', 'hover', 'hover', 'hover', 'analysed']);
});

test('while the outline, the findings tree and the folds are made, a hover sent after them is answered first', async () => {
  // Version 3 is analysed, and no one has asked for its outline, tree or folds yet: they are made now,
  // in slices. This client sets no range limit for folds, so every event of the log gets one.
  const order: string[] = [];
  const asked = <T>(what: string, request: Promise<T>): Promise<T> => request.then((r) => (order.push(what), r));
  const folds = asked('folds', client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }));
  const outline = asked('outline', client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }));
  const tree = asked('tree', client.connection.sendRequest(FindingsTreeRequest.type, {}));
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 999_998, character: 3 } });
  assert.ok(hover);
  order.push('hover');
  assert.deepEqual(((await outline) as { name: string }[]).map((g) => g.name), ['Errors', 'Information']);
  assert.match((await tree)[0].label, /^Broken — /);
  assert.equal((await folds)!.length, 333_333, 'a fold for each of the 333,333 events');
  assert.equal(order[0], 'hover', order.join(', '));
});
