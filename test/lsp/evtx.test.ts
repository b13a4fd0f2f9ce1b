/** An .evtx through the server, as the client opens one: ask for its view, open it, get the annotations. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, HoverRequest, LSPErrorCodes, WorkDoneProgress, type MarkupContent, type ResponseError, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node';
import { AnalyzeFileRequest, EvtxViewRequest, FindingsTreeRequest } from '../../server/src/protocol';
import { evtxSamples, samplesDir } from '../fixtures/samples';
import { articleRows } from '../fixtures/messages';
import { rowsOf, toCsv, toTxt, utf16le, type Row } from '../fixtures/exports';
import { TestClient } from './client';
import { sampleChunks, writeEvtx } from '../../bench/lib/evtxGen';

const client = new TestClient();
before(() => client.initialize());
after(() => client.shutdown());

test('the adsync-phs-sample view gets diagnostics and hovers like any export', async () => {
  const sample = evtxSamples().find((s) => s.name === 'adsync-phs-sample.evtx')!;
  const { text } = await client.connection.sendRequest(EvtxViewRequest.type, { path: sample.file });
  assert.match(text, /^<!-- ADSync Doctor: read-only view of adsync-phs-sample\.evtx: 30 events in 1 chunk\./);
  const uri = `adsync-evtx://${sample.file}`;
  await client.open(uri, text);
  const { diagnostics } = await client.diagnosticsFor(uri);
  const d611 = diagnostics.find((d) => d.code === 'event/611-rpc-8439');
  assert.ok(d611, diagnostics.map((d) => d.code).join(', '));
  const lines = text.split('\n');
  assert.equal(lines[d611.range.start.line].slice(d611.range.start.character, d611.range.end.character), '611');
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d611.range.start });
  const value = (hover!.contents as MarkupContent).value;
  assert.match(value, /DC replication refused \(RPC 8439\)/);
  assert.match(value, /Record: ` \d+ `/);
});

test('with maxLength, a view that would be longer comes back as tooLong, without its text', async () => {
  const sample = evtxSamples().find((s) => s.name === 'adsync-phs-sample.evtx')!;
  const whole = await client.connection.sendRequest(EvtxViewRequest.type, { path: sample.file });
  assert.deepEqual(await client.connection.sendRequest(EvtxViewRequest.type, { path: sample.file, maxLength: 50 * 1024 * 1024 }), whole);
  assert.deepEqual(await client.connection.sendRequest(EvtxViewRequest.type, { path: sample.file, maxLength: 1000 }), { text: '', tooLong: true });
});

test('while a big .evtx\'s view is made, the open documents are served', async (t) => {
  const open = 'file:///view-meanwhile/open.csv';
  await client.open(open, toCsv(rowsOf(articleRows)));
  const d611 = (await client.diagnosticsFor(open)).diagnostics.find((d) => d.code === 'event/611-rpc-8439')!;
  const folder = mkdtempSync(path.join(tmpdir(), 'adsync-view-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const big = path.join(folder, 'big.evtx');
  const sample = evtxSamples().find((s) => s.name === 'adsync-phs-sample.evtx')!;
  writeEvtx(big, sampleChunks(sample.file), 200);
  const order: string[] = [];
  const viewed = client.connection.sendRequest(EvtxViewRequest.type, { path: big }).then((v) => (order.push('view'), v));
  const hovered = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: open }, position: d611.range.start }).then((h) => (order.push('hover'), h));
  const [view, hover] = await Promise.all([viewed, hovered]);
  assert.equal(view.text.split('\n').filter((l) => l.startsWith('<Event>')).length, (await client.connection.sendRequest(EvtxViewRequest.type, { path: sample.file })).text.split('\n').filter((l) => l.startsWith('<Event>')).length * 200);
  assert.match((hover!.contents as MarkupContent).value, /DC replication refused/);
  // Asked second, answered first: reading the file did not hold the server for its whole length.
  assert.deepEqual(order, ['hover', 'view']);
});

test('a missing .evtx is an error answer, and the server goes on', async () => {
  await assert.rejects(client.connection.sendRequest(EvtxViewRequest.type, { path: `${samplesDir}/no-such-file.evtx` }), /cannot read/);
  const sample = evtxSamples()[0];
  const again = await client.connection.sendRequest(EvtxViewRequest.type, { path: sample.file });
  assert.ok(again.text.length > 0);
});

test('Analyze Log File: a log from disk is streamed, reported, and joins the Findings view', async () => {
  // Beside an open log, so that the view lists each log under its name (one log alone is shown flat).
  const open = 'file:///analyse-beside/open.csv';
  await client.open(open, toCsv(rowsOf(articleRows)));
  await client.diagnosticsFor(open);
  const sample = evtxSamples().find((s) => s.name === 'adsync-phs-sample.evtx')!;
  const uri = `file://${sample.file}`;
  const result = await client.connection.sendRequest(AnalyzeFileRequest.type, { path: sample.file, uri });
  assert.equal(result.eventCount, 30);
  assert.ok(result.findingCount >= 25);
  assert.match(result.markdown, /^# ADSync Doctor report/);
  const tree = await client.connection.sendRequest(FindingsTreeRequest.type, {});
  const node = tree.find((n) => n.label === 'adsync-phs-sample.evtx (from disk)');
  assert.ok(node, tree.map((n) => n.label).join(', '));
  assert.equal(node.description, 'Broken');
});

// Event Viewer's TXT is UTF-16, read a block at a time; the CSV is UTF-8, read and decoded in one step.
const bigExports: [string, string, (rows: Row[]) => Buffer][] = [
  ['CSV', 'big.csv', (rows) => Buffer.from(toCsv(rows))],
  ['UTF-16 TXT', 'big.txt', (rows) => utf16le(toTxt(rows))],
];
for (const [shape, name, bytesOf] of bigExports) {
  test(`Analyze Log File on a big export (${shape}): the open documents are served while it reads`, async (t) => {
    const open = `file:///analyse-meanwhile/open-${name}.csv`;
    const small = toCsv(rowsOf(articleRows));
    await client.open(open, small);
    const d611 = (await client.diagnosticsFor(open)).diagnostics.find((d) => d.code === 'event/611-rpc-8439')!;
    const folder = mkdtempSync(path.join(tmpdir(), 'adsync-analyse-'));
    t.after(() => rmSync(folder, { recursive: true, force: true }));
    const big = path.join(folder, name);
    writeFileSync(big, bytesOf(rowsOf(Array.from({ length: 2000 }, () => articleRows).flat())));
    const order: string[] = [];
    const analysed = client.connection.sendRequest(AnalyzeFileRequest.type, { path: big, uri: `file://${big}` }).then((r) => (order.push('analysis'), r));
    const hovered = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: open }, position: d611.range.start }).then((h) => (order.push('hover'), h));
    const [result, hover] = await Promise.all([analysed, hovered]);
    assert.equal(result.eventCount, 2000 * articleRows.length);
    assert.match((hover!.contents as MarkupContent).value, /DC replication refused/);
    // Asked second, answered first: the analysis did not hold the server for its whole length.
    assert.deepEqual(order, ['hover', 'analysis']);
  });
}

test('Analyze Log File stops when the client cancels it: no report, nothing in the Findings view, the server goes on', async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'adsync-cancel-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const big = path.join(folder, 'stopped.csv');
  writeFileSync(big, toCsv(rowsOf(Array.from({ length: 4000 }, () => articleRows).flat())));
  const uri = `file://${big}`;
  const source = new CancellationTokenSource();
  const analysed = client.connection.sendRequest(AnalyzeFileRequest.type, { path: big, uri }, source.token);
  // Cancelled once the server has started on it: its first answer to another request says it reads meanwhile.
  await client.connection.sendRequest(FindingsTreeRequest.type, {});
  source.cancel();
  await assert.rejects(analysed, (error: ResponseError<unknown>) => error.code === LSPErrorCodes.RequestCancelled);
  // Stopped, the read let its file go.
  const fds = `/proc/${client.process.pid}/fd`;
  if (existsSync(fds)) assert.ok(!readdirSync(fds).some((fd) => readlinkSafe(path.join(fds, fd)) === big), 'the server still holds the file open');
  else t.diagnostic(`no ${fds} on this system: whether the file was let go is not checked`);
  const tree = await client.connection.sendRequest(FindingsTreeRequest.type, {});
  assert.ok(!tree.some((n) => n.label === 'stopped.csv (from disk)'), tree.map((n) => n.label).join(', '));
  // Asked again, the same file is read to its end.
  const again = await client.connection.sendRequest(AnalyzeFileRequest.type, { path: big, uri });
  assert.equal(again.eventCount, 4000 * articleRows.length);
});

test('Analyze Log File says how far it has come, reading and then analysing, to the token the client gave', async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'adsync-progress-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const csv = path.join(folder, 'progress.csv');
  // Several of the 1 MiB blocks a text is read in.
  writeFileSync(csv, toCsv(rowsOf(Array.from({ length: 2000 }, () => articleRows).flat())));
  // Enough chunks that the read and the analysis each take several steps.
  const evtx = path.join(folder, 'progress.evtx');
  writeEvtx(evtx, sampleChunks(evtxSamples().find((s) => s.name === 'adsync-phs-sample.evtx')!.file), 120);
  for (const [file, blocks] of [[csv, 'blocks'], [evtx, 'chunks']]) {
    const workDoneToken = `progress-${blocks}`;
    const seen: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
    const listening = client.connection.onProgress(WorkDoneProgress.type, workDoneToken, (value) => void seen.push(value));
    const result = await client.connection.sendRequest(AnalyzeFileRequest.type, { path: file, uri: `file://${file}`, workDoneToken });
    listening.dispose();
    assert.ok(result.eventCount > 0);
    assert.equal(seen[0].kind, 'begin');
    // Any LSP client shows the title: it names the work and the file, not only the read.
    assert.equal((seen[0] as WorkDoneProgressBegin).title, `Analysing ${path.basename(file)}`);
    assert.equal(seen[seen.length - 1].kind, 'end');
    const reports = seen.slice(1, -1) as WorkDoneProgressReport[];
    assert.ok(reports.every((r) => r.kind === 'report'), JSON.stringify(seen));
    const percentages = reports.map((r) => r.percentage!);
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), `${blocks}: never backwards`);
    const shown = reports.map((r) => `${r.percentage}% ${r.message}`).join(', ');
    assert.match(reports[0].message!, /^\d+% of \d[\d,]* MB read$/);
    assert.ok(reports.some((r) => /^([1-9]|[1-9]\d)% of/.test(r.message!)), `${blocks}: part of the file read (${shown})`);
    // Once the whole file is read, the bar goes on moving while the events are analysed, short of full.
    const read = reports.findIndex((r) => /^all \d[\d,]* MB read, /.test(r.message!));
    assert.ok(read >= 0, `${blocks}: the whole file read (${shown})`);
    assert.ok(reports.slice(read).every((r) => new RegExp(`^all \\d[\\d,]* MB read, ${r.percentage}% done$`).test(r.message!)), shown);
    assert.ok(reports.some((r, i) => i > read && r.percentage! > reports[read].percentage! && r.percentage! < 100), `${blocks}: the analysis moves the bar (${shown})`);
    // The summary of the answer is the last part: the bar is full when the answer comes.
    assert.equal(percentages[percentages.length - 1], 100, `${blocks}: ${shown}`);
  }
});

/** Where a /proc fd link points, or '' for one closed meanwhile. */
function readlinkSafe(link: string): string {
  try {
    return readlinkSync(link);
  } catch {
    return '';
  }
}
