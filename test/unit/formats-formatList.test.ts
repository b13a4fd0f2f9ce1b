import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventLogFormatListReader, formatListReader } from '../../server/src/service/formats/formatList';
import { decodeBytes } from '../../server/src/service/formats/text';
import { plain } from '../fixtures/plain';
import {
  EVENTLOG_FORMAT_LIST,
  FORMAT_LIST,
  MSG_611,
  MSG_657,
  MSG_6900,
  assertSniffs,
  assertSurvivesHostile,
  crlf,
  rangeOf,
} from '../fixtures/formatSamples';

test('Get-WinEvent | Format-List: three events with ids, sources, times and whole messages', () => {
  const r = formatListReader.read(FORMAT_LIST);
  assert.equal(r.format, 'powershell-format-list');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.events.map((e) => [e.eventId, e.source]), [
    [611, 'Directory Synchronization'],
    [657, 'Directory Synchronization'],
    [6900, 'ADSync'],
  ]);
  const [e611, e657, e6900] = r.events;
  // The empty line inside 611's message and its stack lines (`   at ...`) survive; the padding does not.
  assert.equal(e611.message, MSG_611);
  assert.equal(e657.message, MSG_657);
  assert.equal(e6900.message, MSG_6900);
  assert.equal(e611.timeText, '5/1/2013 4:34:08 PM');
  assert.equal(e611.time, null);
  assert.equal(e611.sortTime, Date.UTC(2013, 4, 1, 16, 34, 8));
  // The default view has no level column.
  assert.equal(e611.level, 'unknown');
  assert.equal(e611.levelText, null);
  assert.equal('recordId' in e611, false);
});

test('Get-WinEvent | Format-List: exact ranges', () => {
  const [e611, e657, e6900] = formatListReader.read(FORMAT_LIST).events;
  assert.deepEqual(plain(e611.idRange), { start: { line: 4, character: 15 }, end: { line: 4, character: 18 } });
  assert.deepEqual(plain(e611.range), { start: { line: 2, character: 0 }, end: { line: 12, character: 121 } });
  assert.deepEqual(plain(e657.idRange), rangeOf(FORMAT_LIST, 'Id           : 657', 0, '657'));
  assert.deepEqual(plain(e6900.idRange), rangeOf(FORMAT_LIST, 'Id           : 6900', 0, '6900'));
  assert.deepEqual(e6900.range.start, { line: 20, character: 0 });
  assert.deepEqual(e6900.range.end, rangeOf(FORMAT_LIST, 'type your password again."').end);
});

test('Format-List *: level, record id and properties in the order Message first', () => {
  const text = [
    'Message              : Provision credentials ping end.',
    'Id                   : 654',
    'Version              : 0',
    'Qualifiers           : 16384',
    'Level                : 4',
    'RecordId             : 48210',
    'ProviderName         : Directory Synchronization',
    'LogName              : Application',
    'MachineName          : AADC01.contoso.com',
    'TimeCreated          : 01.05.2013 16:00:12',
    'LevelDisplayName     : Information',
    'KeywordsDisplayNames : {Classic}',
    '',
    'Message              : Password synchronization failed for domain: contoso.com.',
    '',
    '                       Details:',
    '                          at X.Y()',
    'Id                   : 611',
    'Level                : 2',
    'ProviderName         : Directory Synchronization',
    'TimeCreated          : 2013-05-01T16:34:08.5+02:00',
    '',
  ].join('\n');
  const r = formatListReader.read(text);
  assert.deepEqual(r.errors, []);
  assert.equal(r.events.length, 2);
  const [ping, failed] = r.events;
  assert.equal(ping.eventId, 654);
  assert.equal(ping.recordId, 48210);
  assert.equal(ping.level, 'information');
  assert.equal(ping.levelText, 'Information');
  assert.equal(ping.sortTime, Date.UTC(2013, 4, 1, 16, 0, 12));
  assert.equal(failed.eventId, 611);
  // No LevelDisplayName: the numeric Level is used.
  assert.equal(failed.level, 'error');
  assert.equal(failed.levelText, '2');
  assert.equal(failed.message, 'Password synchronization failed for domain: contoso.com.\n\nDetails:\n   at X.Y()');
  assert.equal(failed.time, '2013-05-01T14:34:08.500Z');
  assert.deepEqual(plain(failed.idRange), rangeOf(text, 'Id                   : 611', 0, '611'));
});

test('Format-List: CRLF reads the same as LF', () => {
  const lf = formatListReader.read(FORMAT_LIST);
  const cr = formatListReader.read(crlf(FORMAT_LIST));
  assert.deepEqual(cr, lf);
});

test('Get-EventLog | Format-List: InstanceId low 16 bits, EntryType level, Index record id', () => {
  const r = eventLogFormatListReader.read(EVENTLOG_FORMAT_LIST);
  assert.equal(r.format, 'powershell-eventlog-format-list');
  assert.deepEqual(r.errors, []);
  const [failed, ping] = r.events;
  assert.equal(failed.eventId, 611); // 1073742435 = 0x40000263
  assert.equal(ping.eventId, 654); // 1073742478 = 0x4000028E
  assert.deepEqual(plain(failed.idRange), { start: { line: 4, character: 21 }, end: { line: 4, character: 31 } });
  assert.equal(failed.level, 'error');
  assert.equal(failed.levelText, 'Error');
  assert.equal(ping.level, 'information');
  assert.equal(failed.recordId, 48211);
  assert.equal(failed.source, 'Directory Synchronization');
  assert.equal(failed.message, MSG_611);
  assert.equal(failed.timeText, '5/1/2013 4:34:08 PM');
  assert.equal(failed.sortTime, Date.UTC(2013, 4, 1, 16, 34, 8));
  // The record runs from Index to UserName.
  assert.deepEqual(plain(failed.range), { start: { line: 2, character: 0 }, end: { line: 20, character: 20 } });
});

test('Get-EventLog | Format-List *: EventID wins over InstanceId; audit entry types', () => {
  const text = [
    'EventID            : 611',
    'MachineName        : AADC01',
    'Index              : 7',
    'EntryType          : FailureAudit',
    'Message            : x',
    'Source             : Directory Synchronization',
    'InstanceId         : 3221226083',
    'TimeGenerated      : 01/05/2013 16:34:08',
    '',
    'EventID            : 0',
    'Index              : 8',
    'EntryType          : SuccessAudit',
    'Message            : y',
    'InstanceId         : 0',
    '',
  ].join('\n');
  const r = eventLogFormatListReader.read(text);
  assert.deepEqual(r.errors, []);
  assert.equal(r.events[0].eventId, 611);
  assert.deepEqual(plain(r.events[0].idRange), { start: { line: 0, character: 21 }, end: { line: 0, character: 24 } });
  assert.equal(r.events[0].level, 'audit-failure');
  assert.equal(r.events[0].sortTime, Date.UTC(2013, 4, 1, 16, 34, 8));
  assert.equal(r.events[1].eventId, 0);
  assert.equal(r.events[1].level, 'audit-success');
});

test('a record without Id, a non-numeric Id and trailing garbage become errors with ranges', () => {
  const text = [
    'PS C:\\> Get-WinEvent -LogName Application -MaxEvents 3 | Format-List',
    '',
    'TimeCreated  : 5/1/2013 4:34:08 PM',
    'ProviderName : Directory Synchronization',
    'Message      : no id here',
    '',
    'TimeCreated  : 5/1/2013 4:34:09 PM',
    'ProviderName : Directory Synchronization',
    'Id           : 6x1',
    'Message      : bad id',
    '',
    'TimeCreated  : 5/1/2013 4:34:10 PM',
    'ProviderName : Directory Synchronization',
    'Id           : 654',
    'Message      : Provision credentials ping end.',
    '',
    'PS C:\\>',
  ].join('\n');
  const r = formatListReader.read(text);
  assert.deepEqual(r.events.map((e) => e.eventId), [654]);
  assert.equal(r.errors.length, 4);
  const [prompt, noId, badId, trailing] = r.errors;
  assert.match(prompt.message, /Line 1 is not part of any Format-List record/);
  assert.deepEqual(plain(prompt.range), { start: { line: 0, character: 0 }, end: { line: 0, character: 68 } });
  assert.match(noId.message, /line 3 has no Id/);
  assert.deepEqual(plain(noId.range), { start: { line: 2, character: 0 }, end: { line: 4, character: 25 } });
  assert.match(badId.message, /"6x1" on line 9/);
  assert.deepEqual(plain(badId.range), { start: { line: 8, character: 15 }, end: { line: 8, character: 18 } });
  assert.deepEqual(plain(trailing.range), { start: { line: 16, character: 0 }, end: { line: 16, character: 7 } });
});

test('a record cut off in the middle of its message still reads what is there', () => {
  const cut = FORMAT_LIST.slice(0, FORMAT_LIST.indexOf('Details:'));
  const r = formatListReader.read(cut);
  assert.deepEqual(r.errors, []);
  assert.equal(r.events.length, 1);
  assert.equal(r.events[0].message, 'Password synchronization failed for domain: contoso.com.');
});

test('each record has only its own properties: nothing carries over from the record before', () => {
  const text = [
    'Id               : 611',
    'LevelDisplayName : Error',
    'RecordId         : 17',
    'Message          : first',
    '                   and more',
    '',
    'Id               : 654',
    'Message          : second',
    '',
  ].join('\n');
  const [first, second] = formatListReader.read(text).events;
  assert.equal(first.level, 'error');
  assert.equal(first.recordId, 17);
  assert.equal(first.message, 'first\nand more');
  assert.equal(second.level, 'unknown');
  assert.equal('recordId' in second, false);
  assert.equal(second.message, 'second');
  assert.deepEqual(plain(second.range), { start: { line: 6, character: 0 }, end: { line: 7, character: 25 } });
});

test('a value holding U+2028 leaves its line no property; a lone CR ends the line, as in the editor', () => {
  const text = ['Id      : 654', 'Message : ping', 'Level   : 4\u2028x', 'Level   : 2\r3', ''].join('\n');
  // The U+2028 line continues the message, as text right below a value does; after the CR, the
  // level line is a property, and "3", on a line of its own, continues its value.
  const events = formatListReader.read(text).events;
  assert.deepEqual(events.map((e) => [e.level, e.message]), [['error', 'ping\nLevel   : 4\u2028x']]);
  assert.deepEqual(events[0].range.end, { line: 4, character: 1 });
});

test('a UTF-16 export (as Windows PowerShell writes it) decodes as TextDecoder does, unpaired surrogates included', () => {
  const bom = Buffer.from([0xff, 0xfe]);
  const wellFormed = Buffer.from(`\ufeff${FORMAT_LIST}😀`, 'utf16le');
  // An unpaired high surrogate, then an unpaired low one: TextDecoder makes each U+FFFD.
  const broken = Buffer.concat([Buffer.from('Id : 1\r\nMessage : a', 'utf16le'), Buffer.from([0x00, 0xd8, 0x62, 0x00, 0x00, 0xdc])]);
  for (const bytes of [Buffer.concat([bom, wellFormed]), Buffer.concat([bom, broken]), broken]) {
    assert.equal(decodeBytes(bytes), new TextDecoder('utf-16le').decode(bytes[0] === 0xff ? bytes.subarray(2) : bytes));
  }
  assert.equal(formatListReader.read(decodeBytes(Buffer.concat([bom, wellFormed]))).events.length, formatListReader.read(FORMAT_LIST).events.length);
});

test('UTF-16 text all below U+0100 (é, ×, NUL) decodes as TextDecoder does, however its bytes are aligned in memory', () => {
  const texts = ['', 'a', 'ab', `${FORMAT_LIST}\u00e9\u00d7\u0000\u00ff`, `x${FORMAT_LIST}`, `${FORMAT_LIST}\u0100`, `\u0100${FORMAT_LIST}`, `${FORMAT_LIST}\ufeff`];
  for (const text of texts) {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    // Copied to each offset modulo 4 of a larger buffer: the 4-byte view must line up from any.
    for (let offset = 0; offset < 4; offset++) {
      const room = new Uint8Array(bytes.length + 8);
      room.set(bytes, offset);
      const at = room.subarray(offset, offset + bytes.length);
      assert.equal(decodeBytes(at), new TextDecoder('utf-16le').decode(at.subarray(2)), `${JSON.stringify(text.slice(-3))} at offset ${offset}`);
    }
  }
});

test('sniff: each flavour prefers its own sample and scores near zero elsewhere', () => {
  assertSniffs(formatListReader);
  assertSniffs(eventLogFormatListReader);
  assert.ok(formatListReader.sniff(EVENTLOG_FORMAT_LIST) <= 0.1);
  assert.ok(eventLogFormatListReader.sniff(FORMAT_LIST) <= 0.1);
  assert.equal(formatListReader.sniff('Id      : 1234\nName    : notepad\nHandles : 200\n'), 0);
  // Select-Object Id, Message | Format-List: nothing distinctive, still more likely than not.
  const selected = 'Id      : 654\nMessage : Provision credentials ping end.\n';
  assert.equal(formatListReader.sniff(selected), 0.4);
  assert.deepEqual(formatListReader.read(selected).events.map((e) => e.eventId), [654]);
});

test('hostile input: never throws, reports what it cannot read', () => {
  assertSurvivesHostile(formatListReader);
  assertSurvivesHostile(eventLogFormatListReader);
});
