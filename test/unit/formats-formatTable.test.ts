import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTableReader } from '../../server/src/service/formats/formatTable';
import { FORMAT_TABLE, FORMAT_TABLE_WRAP, assertSniffs, assertSurvivesHostile, crlf, rangeOf } from '../fixtures/formatSamples';
import { plain } from '../fixtures/plain';

test('Format-Table: rows under ProviderName groups, Id cells, levels, truncated messages kept as written', () => {
  const r = formatTableReader.read(FORMAT_TABLE);
  assert.equal(r.format, 'powershell-format-table');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.events.map((e) => [e.eventId, e.source, e.level, e.levelText]),
    [
      [611, 'Directory Synchronization', 'error', 'Error'],
      [657, 'Directory Synchronization', 'information', 'Information'],
      [654, 'Directory Synchronization', 'information', 'Information'],
      [6900, 'ADSync', 'error', 'Error'],
    ],
  );
  const [e611, , e654, e6900] = r.events;
  assert.equal(e611.message, 'Password synchronization failed for domain: contoso.com....');
  assert.equal(e654.message, 'Provision credentials ping end.');
  assert.equal(e611.timeText, '5/1/2013 4:34:08 PM');
  assert.equal(e611.sortTime, Date.UTC(2013, 4, 1, 16, 34, 8));
  assert.equal(e611.time, null);
  // idRange is the Id cell: the digits, right-aligned under `--`.
  assert.deepEqual(plain(e611.idRange), { start: { line: 6, character: 31 }, end: { line: 6, character: 34 } });
  assert.deepEqual(plain(e6900.idRange), { start: { line: 15, character: 30 }, end: { line: 15, character: 34 } });
  assert.deepEqual(plain(e611.range), { start: { line: 6, character: 0 }, end: { line: 6, character: 111 } });
});

test('Format-Table -Wrap: continuation rows extend the message, keeping blank lines and stack indentation', () => {
  const r = formatTableReader.read(FORMAT_TABLE_WRAP);
  assert.deepEqual(r.errors, []);
  assert.equal(r.events.length, 2);
  const [e611, e657] = r.events;
  assert.equal(
    e611.message,
    [
      'Password synchronization failed for domain: contoso.com.',
      '',
      'Details:',
      'Microsoft.Online.PasswordSynchronization.DirectoryReplicationServices.DrsException: RPC Error 8439',
      '   at Microsoft.Online.PasswordSynchronization.RecoveryTask.Run()',
    ].join('\n'),
  );
  assert.deepEqual(plain(e611.range), { start: { line: 5, character: 0 }, end: { line: 9, character: 117 } });
  assert.equal(e657.message, 'Password Change Result - Anchor : eX5b50Rf+UizRIMe2CA/tg==, Result : Success.\n<forest-info><partition-name>contoso.local</partition-name></forest-info>');
  assert.deepEqual(plain(e657.idRange), rangeOf(FORMAT_TABLE_WRAP, '657 Information', 0, '657'));
});

test('Format-Table: CRLF reads the same as LF', () => {
  assert.deepEqual(formatTableReader.read(crlf(FORMAT_TABLE)), formatTableReader.read(FORMAT_TABLE));
  assert.deepEqual(formatTableReader.read(crlf(FORMAT_TABLE_WRAP)), formatTableReader.read(FORMAT_TABLE_WRAP));
});

test('reordered columns: Format-Table Id, ProviderName, LevelDisplayName, TimeCreated, RecordId, Message', () => {
  const text = [
    '',
    '  Id ProviderName              LevelDisplayName TimeCreated          RecordId Message',
    '  -- ------------              ---------------- -----------          -------- -------',
    ' 611 Directory Synchronization Error            01.05.2013 16:34:08     48211 Password synchronization failed for domain: contoso.com.',
    '6900 ADSync                    Error            01.05.2013 16:20:00     48207 The server encountered an unexpected error while processing a password change notification:',
    '',
  ].join('\n');
  const r = formatTableReader.read(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.events.map((e) => [e.eventId, e.source, e.recordId, e.sortTime]), [
    [611, 'Directory Synchronization', 48211, Date.UTC(2013, 4, 1, 16, 34, 8)],
    [6900, 'ADSync', 48207, Date.UTC(2013, 4, 1, 16, 20, 0)],
  ]);
  assert.deepEqual(plain(r.events[0].idRange), { start: { line: 3, character: 1 }, end: { line: 3, character: 4 } });
  assert.deepEqual(plain(r.events[1].idRange), { start: { line: 4, character: 0 }, end: { line: 4, character: 4 } });
  assert.equal(r.events[0].message, 'Password synchronization failed for domain: contoso.com.');
});

test('Get-EventLog | Format-Table: InstanceID low 16 bits, Index, EntryType, truncated Source', () => {
  const text = [
    '',
    '   Index Time          EntryType   Source                 InstanceID Message',
    '   ----- ----          ---------   ------                 ---------- -------',
    '   48211 May 01 16:34  Error       Directory Synchron...  1073742435 Password synchronization failed for domain: contoso.com....',
    '   48210 May 01 16:00  Information Directory Synchron...  1073742478 Provision credentials ping end.',
    '',
  ].join('\r\n');
  const r = formatTableReader.read(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.events.map((e) => [e.eventId, e.recordId, e.level, e.source, e.timeText, e.sortTime]), [
    [611, 48211, 'error', 'Directory Synchron...', 'May 01 16:34', null],
    [654, 48210, 'information', 'Directory Synchron...', 'May 01 16:00', null],
  ]);
  assert.deepEqual(plain(r.events[0].idRange), { start: { line: 3, character: 58 }, end: { line: 3, character: 68 } });
});

test('stray text, a row with a non-numeric Id and text after the table become errors', () => {
  const text = [
    'PS C:\\> Get-WinEvent Application | ft',
    '',
    'TimeCreated                     Id LevelDisplayName Message',
    '-----------                     -- ---------------- -------',
    '5/1/2013 4:34:08 PM            6x1 Error            broken',
    '5/1/2013 4:00:12 PM            654 Information      Provision credentials ping end.',
    '',
    'PS C:\\>',
  ].join('\n');
  const r = formatTableReader.read(text);
  assert.deepEqual(r.events.map((e) => e.eventId), [654]);
  assert.equal(r.errors.length, 3);
  assert.match(r.errors[0].message, /^Line 1 is not part of any Format-Table row/);
  assert.match(r.errors[1].message, /Line 5: the Id cell "6x1"/);
  assert.deepEqual(plain(r.errors[1].range), { start: { line: 4, character: 31 }, end: { line: 4, character: 34 } });
  assert.deepEqual(plain(r.errors[2].range), { start: { line: 7, character: 0 }, end: { line: 7, character: 7 } });
});

test('a header without an Id column reads no events; a table cut off after its dashes reads none', () => {
  const noId = 'TimeCreated          Message\n-----------          -------\n5/1/2013 4:34:08 PM  hello\n';
  const r = formatTableReader.read(noId);
  assert.equal(r.events.length, 0);
  const cut = FORMAT_TABLE.slice(0, FORMAT_TABLE.indexOf('5/1/2013'));
  assert.deepEqual(formatTableReader.read(cut), { format: 'powershell-format-table', events: [], errors: [] });
});

test('sniff: prefers its own samples and scores near zero elsewhere', () => {
  assertSniffs(formatTableReader);
});

test('hostile input: never throws, reads a 10 MB message', () => {
  assertSurvivesHostile(formatTableReader);
  const wide = 'TimeCreated Id Message\n----------- -- -------\n' + `x            1 ${'y'.repeat(10 * 1024 * 1024)}\n`;
  assert.equal(formatTableReader.read(wide).events.length, 1);
});
