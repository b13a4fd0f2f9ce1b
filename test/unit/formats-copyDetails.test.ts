import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyDetailsReader } from '../../server/src/service/formats/copyDetails';
import { COPY_DETAILS, MSG_611, MSG_6900, assertSniffs, assertSurvivesHostile, rangeOf } from '../fixtures/formatSamples';
import { plain } from '../fixtures/plain';

test('two pasted events: the Event Xml after each is not read as another event', () => {
  const r = copyDetailsReader.read(COPY_DETAILS);
  assert.equal(r.format, 'copy-details-text');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.events.map((e) => [e.eventId, e.source, e.level, e.levelText]), [
    [611, 'Directory Synchronization', 'error', 'Error'],
    [6900, 'ADSync', 'error', 'Error'],
  ]);
  assert.equal(r.events[0].message, MSG_611);
  assert.equal(r.events[1].message, MSG_6900);
});

test('the XML adds the UTC time, the record id and the decoded data strings', () => {
  const [e611, e6900] = copyDetailsReader.read(COPY_DETAILS).events;
  assert.equal(e611.timeText, '5/1/2013 4:34:08 PM');
  assert.equal(e611.sortTime, Date.UTC(2013, 4, 1, 16, 34, 8));
  assert.equal(e611.time, '2013-05-01T23:34:08.123Z');
  assert.equal(e611.recordId, 48211);
  assert.deepEqual(e611.data, ['Password synchronization failed for domain: contoso.com. Log Name: <none> & more']);
  assert.equal(e6900.time, '2013-05-01T23:20:00.000Z');
  assert.equal(e6900.recordId, 48207);
});

test('exact ranges: the Event ID digits, and the block from Log Name to </Event>', () => {
  const [e611, e6900] = copyDetailsReader.read(COPY_DETAILS).events;
  assert.deepEqual(plain(e611.idRange), { start: { line: 3, character: 15 }, end: { line: 3, character: 18 } });
  assert.deepEqual(plain(e611.range), { start: { line: 0, character: 0 }, end: { line: 35, character: 8 } });
  assert.deepEqual(plain(e6900.idRange), rangeOf(COPY_DETAILS, 'Event ID:      6900', 0, '6900'));
  assert.deepEqual(e6900.range.start, { line: 37, character: 0 });
});

test('LF reads the same as the clipboard CRLF', () => {
  assert.deepEqual(copyDetailsReader.read(COPY_DETAILS.replace(/\r\n/g, '\n')), copyDetailsReader.read(COPY_DETAILS));
});

test('blocks without Event Xml follow one another; a block without Event ID and stray text are errors', () => {
  const text = [
    'Here is what Event Viewer shows:',
    'Log Name:      Application',
    'Source:        Directory Synchronization',
    'Date:          01/05/2013 16:00:12',
    'Event ID:      654',
    'Level:         Information',
    'Description:',
    'Provision credentials ping end.',
    '',
    'Log Name:      Application',
    'Source:        Directory Synchronization',
    'Date:          01/05/2013 16:00:13',
    'Level:         Information',
    'Description:',
    'Provision credentials ping start.',
    'Log Name:      Application',
    'Source:        Directory Synchronization',
    'Event ID:      65x',
    'Description:',
    'bad id',
  ].join('\n');
  const r = copyDetailsReader.read(text);
  assert.deepEqual(r.events.map((e) => [e.eventId, e.message, e.sortTime]), [
    [654, 'Provision credentials ping end.', Date.UTC(2013, 4, 1, 16, 0, 12)],
  ]);
  assert.equal(r.events[0].time, null);
  assert.equal(r.errors.length, 3);
  assert.match(r.errors[0].message, /^Line 1 is not part of any Copy details block/);
  assert.match(r.errors[1].message, /line 10 has no "Event ID:" line/);
  assert.deepEqual(plain(r.errors[1].range), { start: { line: 9, character: 0 }, end: { line: 14, character: 33 } });
  assert.match(r.errors[2].message, /Event ID "65x" on line 18/);
  assert.deepEqual(plain(r.errors[2].range), { start: { line: 17, character: 15 }, end: { line: 17, character: 18 } });
});

test('text after the last </Event> is reported, not read', () => {
  const r = copyDetailsReader.read(COPY_DETAILS + '\r\n\r\nThanks,\r\nAlex');
  assert.equal(r.events.length, 2);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0].message, /^Lines 64–65 are not part of any Copy details block/);
});

test('a paste cut off inside the XML still gives the event', () => {
  const cut = COPY_DETAILS.slice(0, COPY_DETAILS.indexOf('<EventRecordID>48211'));
  const r = copyDetailsReader.read(cut);
  assert.deepEqual(r.errors, []);
  assert.equal(r.events.length, 1);
  assert.equal(r.events[0].eventId, 611);
  assert.equal(r.events[0].time, '2013-05-01T23:34:08.123Z');
  assert.equal(r.events[0].recordId, undefined);
});

test('sniff: prefers its own sample and scores near zero elsewhere', () => {
  assertSniffs(copyDetailsReader);
});

test('hostile input: never throws, reports what it cannot read', () => {
  assertSurvivesHostile(copyDetailsReader);
});
