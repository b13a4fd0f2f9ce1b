/**
 * A log analysed from disk (the CLI, Analyze Log File) builds only the events that may be password-sync
 * events (EventFilter): it must say what the whole read says, the same findings, timeline, verdict,
 * read errors and event count, for every shape, the real .evtx samples' text views and hostile input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeDecoded, evtxViewText } from '../../server/src/service/files';
import { detectFormat, readLog, readLogSteps } from '../../server/src/service/formats/detect';
import { mayMatch, matchEvent } from '../../server/src/service/analysis/catalogue';
import { EventsSeen } from '../../server/src/service/analysis/eventsSeen';
import { decodeBytes } from '../../server/src/service/formats/text';
import { runToEnd } from '../../server/src/service/steps';
import { seenFilter } from '../../server/src/service/formats/reader';
import { mixedLogs } from '../fixtures/mixedLogs';
import { hostileInputs } from '../fixtures/hostile';
import { evtxSamples } from '../fixtures/samples';
import { assertSameReport } from '../fixtures/sameReport';

const texts: [string, string][] = [
  ...mixedLogs,
  ...evtxSamples().map((s): [string, string] => [`${s.name} (text view)`, evtxViewText(readFileSync(s.file), s.file)]),
  ...hostileInputs.map((h): [string, string] => [`hostile: ${h.name}`, decodeBytes(h.bytes())]),
];

test('a filtered read says what the whole read says, for every shape, the .evtx samples and hostile input', () => {
  for (const [name, text] of texts) {
    const whole = analyzeDecoded(text, 'export.log');
    // Kept: the events of a provider and ID in the catalogue, as the whole read has them.
    assertSameReport(analyzeDecoded(text, 'export.log', false), whole, whole.events.filter((e) => mayMatch(e.source, e.eventId)), name);
  }
});

test('a filtered read returns only the events the filter wants, and counts every event in file order', () => {
  const shapes = new Set<string>();
  for (const [name, text] of texts) {
    const reader = detectFormat(text);
    if (!reader) continue;
    const whole = readLog(text);
    const seen = new EventsSeen();
    const read = runToEnd(readLogSteps(text, seenFilter(mayMatch, seen)));
    assert.equal(seen.count, whole.events.length, name);
    assert.equal(seen.placed.length, read.events.length, name);
    assert.ok(read.events.every((e) => mayMatch(e.source, e.eventId)), name);
    if (read.events.length < whole.events.length) shapes.add(reader.id);
  }
  // Every shape that mixes in other providers' events here left them out (the filter ran), these among them.
  for (const id of ['event-viewer-csv', 'event-viewer-txt', 'event-viewer-xml', 'powershell-format-list', 'powershell-eventlog-format-list']) assert.ok(shapes.has(id), id);
});

test('what may match is what matches, but for the message', () => {
  for (const [name, text] of texts) {
    for (const e of readLog(text).events) if (matchEvent(e)) assert.ok(mayMatch(e.source, e.eventId), `${name}: ${e.source} ${e.eventId}`);
  }
  assert.equal(mayMatch('Directory Synchronization', 611), true);
  assert.equal(mayMatch('directory synchronization ', 611), true, 'providers compare as the catalogue compares them');
  assert.equal(mayMatch('Microsoft-Windows-Security-Auditing', 611), false);
  assert.equal(mayMatch('Directory Synchronization', 4624), false);
  assert.equal(mayMatch(null, null), true, 'a message pasted alone is matched by its text');
  assert.equal(mayMatch('Directory Synchronization', null), false);
  assert.equal(mayMatch(null, 611), false);
});
