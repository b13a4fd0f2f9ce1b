import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportCsvReader } from '../../server/src/service/formats/exportCsv';
import { plain } from '../fixtures/plain';
import {
  EVENTLOG_EXPORT_CSV,
  EXPORT_CSV,
  MSG_611,
  MSG_657,
  MSG_6900,
  assertSniffs,
  assertSurvivesHostile,
  rangeOf,
} from '../fixtures/formatSamples';

test('Get-WinEvent | Export-Csv: ids, sources, levels, record ids, multi-line messages with CRLF normalized', () => {
  const r = exportCsvReader.read(EXPORT_CSV);
  assert.equal(r.format, 'powershell-export-csv');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.events.map((e) => [e.eventId, e.source, e.level, e.levelText, e.recordId]), [
    [611, 'Directory Synchronization', 'error', 'Error', 48211],
    [657, 'Directory Synchronization', 'information', 'Information', 48210],
    [6900, 'ADSync', 'error', 'Error', 48207],
  ]);
  assert.deepEqual(r.events.map((e) => e.message), [MSG_611, MSG_657, MSG_6900]);
  const e611 = r.events[0];
  assert.equal(e611.timeText, '5/1/2013 4:34:08 PM');
  assert.equal(e611.sortTime, Date.UTC(2013, 4, 1, 16, 34, 8));
  assert.equal(e611.time, null);
});

test('Get-WinEvent | Export-Csv: idRange is the Id value inside its quotes; range is the whole record', () => {
  const [e611, , e6900] = exportCsvReader.read(EXPORT_CSV).events;
  // The 611 record's message spans lines 2–9; the Id field follows it on line 9.
  assert.deepEqual(plain(e611.idRange), rangeOf(EXPORT_CSV, 'RecoverDomain(String domain)","611"', 0, '611'));
  assert.equal(e611.idRange.start.line, 9);
  assert.deepEqual(e611.range.start, { line: 2, character: 0 });
  assert.equal(e611.range.end.line, 9);
  assert.deepEqual(plain(e6900.idRange), rangeOf(EXPORT_CSV, 'again.""","6900"', 0, '6900'));
});

test('Get-EventLog | Export-Csv: EventID column, EntryType level, Index record id', () => {
  const r = exportCsvReader.read(EVENTLOG_EXPORT_CSV);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.events.map((e) => [e.eventId, e.source, e.level, e.recordId, e.timeText]), [
    [611, 'Directory Synchronization', 'error', 48211, '5/1/2013 4:34:08 PM'],
    [654, 'Directory Synchronization', 'information', 48210, '5/1/2013 4:00:12 PM'],
  ]);
  assert.deepEqual(plain(r.events[0].idRange), { start: { line: 2, character: 1 }, end: { line: 2, character: 4 } });
  assert.equal(r.events[0].message, MSG_611);
});

test('without EventID, InstanceId gives the id in its low 16 bits', () => {
  const text = '"Index","EntryType","InstanceId","Message","Source"\n"7","Warning","2147484305","Provision credentials ping end.","Directory Synchronization"\n';
  const r = exportCsvReader.read(text);
  assert.deepEqual(r.errors, []);
  assert.equal(r.events[0].eventId, 657); // 0x80000291
  assert.equal(r.events[0].level, 'warning');
  assert.deepEqual(plain(r.events[0].idRange), { start: { line: 1, character: 15 }, end: { line: 1, character: 25 } });
});

test('PowerShell 7 (no #TYPE), Select-Object column order, LF endings and a BOM', () => {
  const text = [
    '\uFEFF"TimeCreated","ProviderName","Id","LevelDisplayName","Message"',
    '"2013-05-01T16:34:08Z","Directory Synchronization","611","Error","Password synchronization failed for domain: contoso.com.',
    '',
    'Details:',
    '   at X.Y()"',
    '"2013-05-01T16:00:12Z","Directory Synchronization","654","Information","Provision credentials ping end."',
  ].join('\n');
  const r = exportCsvReader.read(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.events.map((e) => e.eventId), [611, 654]);
  assert.equal(r.events[0].time, '2013-05-01T16:34:08.000Z');
  assert.equal(r.events[0].message, 'Password synchronization failed for domain: contoso.com.\n\nDetails:\n   at X.Y()');
  assert.deepEqual(plain(r.events[0].idRange), { start: { line: 1, character: 52 }, end: { line: 1, character: 55 } });
  assert.ok(exportCsvReader.sniff(text) >= 0.8);
});

test('-UseCulture: a semicolon-separated export', () => {
  const text = [
    '#TYPE Selected.System.Diagnostics.Eventing.Reader.EventLogRecord',
    '"Id";"ProviderName";"LevelDisplayName";"TimeCreated";"Message"',
    '"611";"Directory Synchronization";"Error";"01.05.2013 16:34:08";"Password synchronization failed for domain: contoso.com; see details"',
  ].join('\r\n');
  const r = exportCsvReader.read(text);
  assert.deepEqual(r.errors, []);
  assert.equal(r.events[0].eventId, 611);
  assert.equal(r.events[0].message, 'Password synchronization failed for domain: contoso.com; see details');
  assert.equal(r.events[0].sortTime, Date.UTC(2013, 4, 1, 16, 34, 8));
});

test('a file cut off inside a message: earlier events read, the last record is an error', () => {
  // Cut between the two quotes of `""The user name`: the message's quote is left open.
  const cut = EXPORT_CSV.slice(0, EXPORT_CSV.indexOf('The user name or password'));
  const r = exportCsvReader.read(cut);
  assert.deepEqual(r.events.map((e) => e.eventId), [611, 657]);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0].message, /^Record on line 13 ends inside a quoted field/);
  assert.deepEqual(r.errors[0].range.start, { line: 12, character: 0 });
});

test('a short record, a bad id and a header without an id column become errors', () => {
  const text = '"Id","ProviderName","Message"\r\n"611","Directory Synchronization"\r\n"x1","ADSync","m"\r\n"654","Directory Synchronization","Provision credentials ping end."\r\n';
  const r = exportCsvReader.read(text);
  assert.deepEqual(r.events.map((e) => e.eventId), [654]);
  assert.equal(r.errors.length, 2);
  assert.match(r.errors[0].message, /line 2 has 2 of the header's 3 fields/);
  assert.deepEqual(plain(r.errors[0].range), { start: { line: 1, character: 0 }, end: { line: 1, character: 33 } });
  assert.match(r.errors[1].message, /"x1" is not a number/);
  assert.deepEqual(plain(r.errors[1].range), { start: { line: 2, character: 1 }, end: { line: 2, character: 3 } });

  const noId = exportCsvReader.read('"ProviderName","Message"\n"ADSync","m"\n');
  assert.equal(noId.events.length, 0);
  assert.match(noId.errors[0].message, /no Id, EventID or InstanceId column/);
});

test('trailing garbage after the last record is a truncated-record error', () => {
  const r = exportCsvReader.read(EXPORT_CSV + 'PS C:\\>\r\n');
  assert.equal(r.events.length, 3);
  assert.equal(r.errors.length, 1);
  assert.deepEqual(plain(r.errors[0].range), { start: { line: 15, character: 0 }, end: { line: 15, character: 7 } });
});

test('empty text and a #TYPE line alone read nothing', () => {
  assert.deepEqual(exportCsvReader.read(''), { format: 'powershell-export-csv', events: [], errors: [] });
  assert.deepEqual(exportCsvReader.read('#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n').events, []);
});

test('sniff: prefers its own samples and scores near zero elsewhere', () => {
  assertSniffs(exportCsvReader);
});

test('hostile input: never throws, reads to the end (100,000 lines after an unbalanced quote)', () => {
  assertSurvivesHostile(exportCsvReader);
  const text = EXPORT_CSV + '"611","unbalanced' + '\r\na,b,c'.repeat(100_000);
  const r = exportCsvReader.read(text);
  assert.equal(r.events.length, 3);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0].message, /ends inside a quoted field/);
  // Quotes that pair up across lines make 100,000 short records: each is reported, still quickly.
  const many = exportCsvReader.read(EXPORT_CSV + '"x' + '\r\n"a","b"'.repeat(100_000));
  assert.equal(many.events.length, 3);
  assert.equal(many.errors.length, 100_000);
});
