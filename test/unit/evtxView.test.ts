/** An .evtx reaches analysis through its text view: the same events, the same findings as any export. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeBytes, analyzeEvtxFile, evtxViewOfFile, evtxViewText } from '../../server/src/service/files';
import { readEvtx } from '../../server/src/service/formats/evtx';
import { evtxRecordEvent } from '../../server/src/service/formats/evtxView';
import { readLog } from '../../server/src/service/formats/detect';
import { evtxSamples } from '../fixtures/samples';

const samples = evtxSamples();

test('all six samples are there (../shared/samples/evtx)', () => {
  assert.equal(samples.length, 6);
});

for (const sample of samples) {
  test(`${sample.name}: streamed from disk, the view is the same text; past maxLength characters of event lines it is null`, () => {
    const view = evtxViewText(readFileSync(sample.file), sample.file);
    assert.equal(evtxViewOfFile(sample.file, Infinity), view);
    const eventChars = view.split('\n').filter((l) => l.startsWith('<Event')).reduce((n, l) => n + l.length + 1, 0);
    assert.ok(eventChars > 0);
    assert.equal(evtxViewOfFile(sample.file, eventChars), view);
    assert.equal(evtxViewOfFile(sample.file, eventChars - 1), null);
  });

  test(`${sample.name}: the view reads back to exactly the records, lines and ID ranges`, () => {
    const bytes = readFileSync(sample.file);
    const records = readEvtx(bytes).records;
    const view = evtxViewText(bytes, sample.file);
    const read = readLog(view);
    assert.equal(read.format, 'evtx');
    assert.deepEqual(read.errors, []);
    assert.equal(read.events.length, records.length);
    const lines = view.split('\n');
    read.events.forEach((event, i) => {
      const direct = evtxRecordEvent(records[i], i + 1);
      assert.equal(event.eventId, direct.eventId);
      assert.equal(event.source, direct.source);
      assert.equal(event.recordId, direct.recordId);
      assert.equal(event.level, direct.level);
      assert.equal(event.time, direct.time);
      assert.equal(event.message, direct.message);
      assert.deepEqual(event.idRange, direct.idRange);
      assert.equal(lines[event.idRange.start.line].slice(event.idRange.start.character, event.idRange.end.character), String(event.eventId));
    });
  });

  test(`${sample.name}: streamed from disk, the findings are the same as read whole`, () => {
    const whole = analyzeBytes(readFileSync(sample.file), sample.file);
    const streamed = analyzeEvtxFile(sample.file);
    assert.equal(streamed.eventCount, whole.eventCount);
    assert.deepEqual(streamed.findings.map((f) => [f.rule, f.range.start.line]), whole.findings.map((f) => [f.rule, f.range.start.line]));
    assert.deepEqual(streamed.timeline.map((f) => [f.rule, f.message]), whole.timeline.map((f) => [f.rule, f.message]));
    // The verdict speaks of every event read, not only the password-sync ones the stream keeps.
    assert.deepEqual(streamed.verdict, whole.verdict);
  });
}

test('adsync-phs-sample: every password-sync event is explained, the five other providers are not', () => {
  const sample = samples.find((s) => s.name === 'adsync-phs-sample.evtx')!;
  const report = analyzeBytes(readFileSync(sample.file), sample.file);
  const phsProviders = new Set(['Directory Synchronization', 'ADSync', 'FIMSynchronizationService']);
  const explained = new Set(report.findings.map((f) => f.range.start.line));
  report.events.forEach((e) => {
    const phs = phsProviders.has(e.source ?? '');
    assert.equal(explained.has(e.idRange.start.line), phs, `${e.source} ${e.eventId} (record ${e.recordId})`);
  });
  const rules = report.findings.map((f) => f.rule);
  for (const rule of ['event/611-rpc-8439', 'event/611-rpc-8456', 'event/657-failed', 'event/6900-bad-credentials', 'event/652-not-activated']) {
    assert.ok(rules.includes(rule), `${rule} in ${rules.join(', ')}`);
  }
});

test('a damaged .evtx says which parts could not be read, in the view and as read errors', () => {
  const sample = samples.find((s) => s.name === 'omerbenamram-evtx__system.evtx')!;
  const bytes = Buffer.from(readFileSync(sample.file));
  // Scribble over the middle of the second chunk's records.
  for (let i = 4096 + 65536 + 20000; i < 4096 + 65536 + 20400; i++) bytes[i] = 0xa5;
  const report = analyzeBytes(bytes, 'damaged.evtx');
  assert.equal(report.format, 'evtx');
  assert.ok(report.errors.length >= 1);
  assert.match(report.errors[0].message, /could not be read \(chunk 1/);
  assert.ok(report.events.length > 1000, 'the rest of the file is still read');
});
