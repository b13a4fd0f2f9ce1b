import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wevtutilTextReader } from '../../server/src/service/formats/wevtutilText';
import { MSG_611, MSG_657, MSG_6900, WEVTUTIL_TEXT, assertSniffs, assertSurvivesHostile, crlf, rangeOf } from '../fixtures/formatSamples';
import { plain } from '../fixtures/plain';

test('Event[N] blocks: ids, sources, levels and the messages below Description', () => {
  const r = wevtutilTextReader.read(WEVTUTIL_TEXT);
  assert.equal(r.format, 'wevtutil-text');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.events.map((e) => [e.eventId, e.source, e.level, e.levelText]), [
    [611, 'Directory Synchronization', 'error', 'Error'],
    [657, 'Directory Synchronization', 'information', 'Information'],
    [6900, 'ADSync', 'error', 'Error'],
  ]);
  assert.deepEqual(r.events.map((e) => e.message), [MSG_611, MSG_657, MSG_6900]);
});

test('dates: an instant only when the ISO text has a zone', () => {
  const [e611, e657] = wevtutilTextReader.read(WEVTUTIL_TEXT).events;
  assert.equal(e611.timeText, '2013-05-01T16:34:08.1230000Z');
  assert.equal(e611.time, '2013-05-01T16:34:08.123Z');
  assert.equal(e611.sortTime, Date.UTC(2013, 4, 1, 16, 34, 8, 123));
  assert.equal(e657.timeText, '2013-05-01T16:30:00.000');
  assert.equal(e657.time, null);
  assert.equal(e657.sortTime, Date.UTC(2013, 4, 1, 16, 30, 0));
});

test('exact ranges: Event ID digits; block from Event[N] to its last message line', () => {
  const [e611, e657, e6900] = wevtutilTextReader.read(WEVTUTIL_TEXT).events;
  assert.deepEqual(plain(e611.idRange), { start: { line: 4, character: 12 }, end: { line: 4, character: 15 } });
  assert.deepEqual(plain(e611.range), { start: { line: 0, character: 0 }, end: { line: 20, character: 106 } });
  assert.deepEqual(plain(e657.idRange), rangeOf(WEVTUTIL_TEXT, 'Event ID: 657', 0, '657'));
  assert.deepEqual(plain(e6900.idRange), rangeOf(WEVTUTIL_TEXT, 'Event ID: 6900', 0, '6900'));
  assert.deepEqual(e6900.range.end, rangeOf(WEVTUTIL_TEXT, 'type your password again."').end);
});

test('CRLF reads the same as LF', () => {
  assert.deepEqual(wevtutilTextReader.read(crlf(WEVTUTIL_TEXT)), wevtutilTextReader.read(WEVTUTIL_TEXT));
});

test('a description on the Description line itself, a missing Event ID and leading noise', () => {
  const text = [
    'C:\\> wevtutil qe Application /c:2 /f:text',
    'Event[0]:',
    '  Source: Directory Synchronization',
    '  Event ID: 654',
    '  Level: Information',
    '  Description: Provision credentials ping end.',
    'Event[1]:',
    '  Source: Directory Synchronization',
    '  Level: Information',
    '  Description: ',
    'Provision credentials ping start.',
  ].join('\r\n');
  const r = wevtutilTextReader.read(text);
  assert.deepEqual(r.events.map((e) => [e.eventId, e.message]), [[654, 'Provision credentials ping end.']]);
  assert.equal(r.errors.length, 2);
  assert.match(r.errors[0].message, /^Line 1 is not part of any wevtutil event/);
  assert.match(r.errors[1].message, /line 7 has no "Event ID:" line/);
  assert.deepEqual(plain(r.errors[1].range), { start: { line: 6, character: 0 }, end: { line: 10, character: 33 } });
});

test('output cut off after the header still reads as far as it goes', () => {
  const cut = WEVTUTIL_TEXT.slice(0, WEVTUTIL_TEXT.indexOf('  Task: N/A'));
  const r = wevtutilTextReader.read(cut);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.events.map((e) => [e.eventId, e.message]), [[611, '']]);
});

test('sniff: prefers its own sample and scores near zero elsewhere', () => {
  assertSniffs(wevtutilTextReader);
});

test('hostile input: never throws, reports what it cannot read', () => {
  assertSurvivesHostile(wevtutilTextReader);
});
