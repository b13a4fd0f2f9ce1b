/**
 * What stays in memory of a log once it is let go, or of a piece once it is read: nothing of its
 * text. V8 keeps a substring as a slice of the whole string, so one name from a log kept anywhere (a
 * cache, a kept event) keeps the whole text alive. Measured as the memory in use after collections.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createService, type ServiceDocument } from '../../server/src/service';
import { analyzeTextPiecesSteps } from '../../server/src/service/streamText';
import { detectFormat } from '../../server/src/service/formats/detect';
import { runToEnd } from '../../server/src/service/steps';
import { analyzeFile } from '../../server/src/service/analyzeFile';
import { analyzeDecoded, analyzeDecodedSteps, type FileReport } from '../../server/src/service/files';
import { mixedLogs } from '../fixtures/mixedLogs';
import { assertSameReport } from '../fixtures/sameReport';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DAY_START, healthyDay, row, timedCsv, type TimedRow } from '../fixtures/healthyDay';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 2 ** 20;

/** Memory in use after collections: the heap, and what lies outside it (a long decoded text may be an external string). */
function heapInUse(): number {
  gc();
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/**
 * Day `day` of a busy server's Application log as Event Viewer CSV: the agent's healthy day, and
 * `others` events of `provider` 0 to 4, which the catalogue does not know (so each test meets them first),
 * some with IDs the agent writes too.
 */
function dayCsv(day: number, others: number, provider: string): string {
  const start = DAY_START + day * 86_400_000;
  const rows: TimedRow[] = healthyDay(start);
  for (let i = 0; i < others; i++) rows.push(row(start + i * 1000, [611, 650, 1000, 1001][i % 4], `Routine work item ${i} of day ${day} finished without errors.`, 'Information', `${provider} ${i % 5}`));
  return timedCsv(rows.sort((a, b) => a.at - b.at));
}

/** A text of at least `bytes`, made of `line(i)` for i = 0, 1, 2… */
function textOf(bytes: number, line: (i: number) => string): string {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) size += parts[parts.push(line(i)) - 1].length;
  return parts.join('');
}

/**
 * What stays in memory after a service opened a document, answered `ask` about it, and forgot it. The
 * text is made and dropped inside, so nothing but the service can keep it.
 */
function leftAfterForgetting(uri: string, languageId: string, makeText: () => string, ask: (service: ReturnType<typeof createService>, doc: ServiceDocument) => void): { left: number; size: number } {
  const before = heapInUse();
  const size = (() => {
    const service = createService();
    const text = makeText();
    const doc: ServiceDocument = { uri, version: 1, languageId, getText: () => text };
    ask(service, doc);
    service.forget(doc.uri);
    return text.length;
  })();
  return { left: heapInUse() - before, size };
}

test('a log the service analysed and forgot leaves nothing of its text in memory', () => {
  const { left, size } = leftAfterForgetting('file:///busy.csv', 'adsync-log', () => textOf(32 * MB, (day) => dayCsv(day, 400, 'Contoso Billing')), (service, doc) => {
    // What an editor asks of an open log; the last request's regular expressions ran on the log's
    // text, and what they matched must not keep the text either.
    assert.ok(service.diagnostics(doc).length > 0);
    assert.ok(service.findingsTree([{ doc }]).length > 0);
    assert.ok(service.hover(doc, { line: 1, character: 60 }));
    assert.ok(service.documentSymbols(doc).length > 0);
    assert.ok(service.semanticTokens(doc, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } })!.data.length > 0);
  });
  assert.ok(left < 4 * MB, `${(left / MB).toFixed(1)} MB more in use after a ${(size / MB).toFixed(0)} MB log was let go`);
});

test('a script the service checked and forgot leaves nothing of it in memory', () => {
  const line = (i: number) => `Set-ADSyncScheduler -SyncCycleEnabled $true -CustomizedSyncCycleInterval 00:${String(i % 60).padStart(2, '0')}:00 # run ${i}\n`;
  const { left, size } = leftAfterForgetting('file:///schedule.ps1', 'powershell', () => textOf(8 * MB, line), (service, doc) => {
    // Hovers and quick fixes follow a check of the same text, which the service keeps for them meanwhile.
    service.diagnostics(doc);
    assert.ok(service.hover(doc, { line: 0, character: 3 }));
  });
  assert.ok(left < 2 * MB, `${(left / MB).toFixed(1)} MB more in use after a ${(size / MB).toFixed(0)} MB script was let go`);
});

test('the events kept of a log read in pieces keep no piece of its text in memory', () => {
  const reader = detectFormat(dayCsv(0, 0, ''))!;
  const before = heapInUse();
  let size = 0;
  function* chunks(): Generator<string> {
    for (let day = 0; size < 40 * MB; day++) {
      const csv = dayCsv(day, 8000, 'Contoso Backup');
      size += csv.length;
      // Only the first day's header row is part of the file.
      yield day === 0 ? csv : csv.slice(csv.indexOf('\n') + 1);
    }
  }
  const report = runToEnd(analyzeTextPiecesSteps(chunks(), reader));
  const held = heapInUse() - before;
  assert.ok(report.events.length > 4000 && report.eventCount > 50 * report.events.length, `${report.events.length} of ${report.eventCount}`);
  // What is kept of a password-sync event (its strings, the objects of its analysis) is under 1 KB; a piece is 8 MB.
  assert.ok(held < 6 * MB, `${(held / MB).toFixed(1)} MB in use holding the analysis of a ${(size / MB).toFixed(0)} MB log read in pieces, with ${report.events.length} of its ${report.eventCount} events kept`);
});

test('a log analysed from disk for the language server keeps no text of the file in memory', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'adsync-retention-'));
  try {
    const file = path.join(dir, 'busy.csv');
    const fd = openSync(file, 'w');
    let size = 0;
    for (let day = 0; size < 32 * MB; day++) {
      const csv = dayCsv(day, 8000, 'Contoso Archive');
      size += csv.length;
      writeSync(fd, day === 0 ? csv : csv.slice(csv.indexOf('\n') + 1));
    }
    closeSync(fd);
    // As the server asks for it: its report stays in the Findings view.
    let report: FileReport | null = analyzeFile(file, { ownStrings: true });
    const { length: kept } = report.events;
    const { eventCount } = report;
    // Node frees the buffer it read the file into once V8 has collected it, now and then a task later.
    await new Promise((resolve) => setTimeout(resolve, 100));
    // What the report holds: the memory in use with it, less that without it.
    const withReport = heapInUse();
    report = null;
    const held = withReport - heapInUse();
    assert.ok(kept > 4000 && eventCount > 50 * kept, `${kept} of ${eventCount}`);
    assert.ok(held < 6 * MB, `${(held / MB).toFixed(1)} MB held by the analysis of a ${(size / MB).toFixed(0)} MB log read from disk, with ${kept} of its ${eventCount} events kept`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a log analysed from disk with its strings copied out of the text reads as it does without', () => {
  for (const [name, text] of mixedLogs) {
    const plain = analyzeDecoded(text, 'export.log', false);
    const own = runToEnd(analyzeDecodedSteps(text, 'export.log', false, true));
    assertSameReport(own, plain, plain.events, name);
  }
});
