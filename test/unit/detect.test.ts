/** Every shape through the whole pipeline: detected by content, read, and its PHS events found. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readLog } from '../../server/src/service/formats/detect';
import { analyzeLogText } from '../../server/src/service/analysis/document';
import { EXTRA_SAMPLES, SAMPLES } from '../fixtures/formatSamples';

const all = Object.entries(SAMPLES).flatMap(([id, text]) => [[id, text], ...(EXTRA_SAMPLES[id] ?? []).map((t) => [id, t])]);

for (const [id, text] of all) {
  test(`${id} is detected by its content and its 611 is explained`, () => {
    const read = readLog(text);
    assert.equal(read.format, id);
    const analysis = analyzeLogText(text);
    const rules = analysis.findings.map((f) => f.rule);
    assert.ok(rules.some((r) => r.startsWith('event/611')), `${id}: ${rules.join(', ')}`);
  });
}

test('past 200 parts that cannot be read, the rest are counted in one more, one of a kind singular', () => {
  const rows = (n: number) => `Level,Date and Time,Source,Event ID,Task Category\n${'Error,11/20/2026 9:14:02 AM,ADSync,not-a-number,None,x\n'.repeat(n)}`;
  assert.equal(readLog(rows(201)).errors.at(-1)!.message, '1 more part of the file could not be read (the last on line 202).');
  assert.equal(readLog(rows(1400)).errors.at(-1)!.message, '1,200 more parts of the file could not be read (the last on line 1401).');
});

test('a message pasted alone: the ID is inferred from the text and the finding says so', () => {
  const analysis = analyzeLogText(SAMPLES['message-only']);
  const f611 = analysis.findings.find((f) => f.rule.startsWith('event/611'))!;
  assert.equal(f611.eventId, 611);
  assert.match(f611.message, /event ID 611 inferred from the message text/);
  // The greeting of the ticket is not an event of the catalogue.
  assert.ok(analysis.findings.every((f) => f.range.start.line > 0));
});
