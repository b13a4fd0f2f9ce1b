import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageOnlyReader } from '../../server/src/service/formats/messageOnly';
import { plain } from '../fixtures/plain';
import {
  MESSAGE_ONLY,
  MSG_611,
  MSG_654,
  MSG_657,
  MSG_6900,
  assertSniffs,
  assertSurvivesHostile,
  crlf,
} from '../fixtures/formatSamples';

test('a ticket: the greeting, then each pasted message whole (611 keeps its details paragraph)', () => {
  const r = messageOnlyReader.read(MESSAGE_ONLY);
  assert.equal(r.format, 'message-only');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.events.map((e) => e.message), [
    'Hi team, PHS stopped yesterday. This is what we see on AADC01:',
    MSG_611,
    MSG_657,
    MSG_654,
    MSG_6900,
  ]);
  for (const e of r.events) {
    assert.equal(e.eventId, null);
    assert.equal(e.eventIdInferred, false);
    assert.equal(e.source, null);
    assert.equal(e.level, 'unknown');
    assert.equal(e.levelText, null);
    assert.equal(e.timeText, null);
    assert.equal(e.time, null);
    assert.equal(e.sortTime, null);
  }
});

test('ranges: idRange is the trimmed first line; range runs to the last non-blank line', () => {
  const [, e611, e657, e654, e6900] = messageOnlyReader.read(MESSAGE_ONLY).events;
  assert.deepEqual(plain(e611.idRange), { start: { line: 2, character: 0 }, end: { line: 2, character: 56 } });
  assert.deepEqual(plain(e611.range), { start: { line: 2, character: 0 }, end: { line: 9, character: 106 } });
  // 657's forest info is on the next line: same message. 654 follows with no blank line: a new one.
  assert.deepEqual(plain(e657.range), { start: { line: 11, character: 0 }, end: { line: 12, character: 138 } });
  assert.deepEqual(plain(e654.idRange), { start: { line: 13, character: 0 }, end: { line: 13, character: 31 } });
  assert.deepEqual(plain(e6900.range), { start: { line: 15, character: 0 }, end: { line: 17, character: 99 } });
});

test('indented pastes: shared indentation removed, first-line range trimmed, CRLF normalized', () => {
  const first = 'Password Change Result - Anchor: B0H+OD3LM0GEnYODwdPhpg==, Result: failed, Extended Error:';
  const text = crlf(`    ${first}  \n      detail line\n`);
  const r = messageOnlyReader.read(text);
  assert.equal(r.events.length, 1);
  assert.equal(r.events[0].message, `${first}\n  detail line`);
  assert.deepEqual(plain(r.events[0].idRange), { start: { line: 0, character: 4 }, end: { line: 0, character: 4 + first.length } });
});

test('the bad-credentials text starts a message on its own, but not inside 655 or 6900 details', () => {
  const text = [
    'The user name or password is incorrect. Verify your user name, and then type your password again.',
    '',
    'Failed credential provisioning ping. Error: Microsoft.Online.Coexistence.ProvisionException: An error occurred.',
    'The user name or password is incorrect. Verify your user name, and then type your password again.',
    '',
    'The following password changes failed to synchronized and have scheduled for retry.',
    '',
    'DN = CN=Eli McLean,OU=Cloud Objects,DC=contoso,DC=local',
    'Access to Windows Azure Active Directory has been denied. Contact Technical Support.',
    'Full password hash synchronization completed for domain: contoso.local',
  ].join('\n');
  const r = messageOnlyReader.read(text);
  assert.deepEqual(r.events.map((e) => e.message.split('\n')[0]), [
    'The user name or password is incorrect. Verify your user name, and then type your password again.',
    'Failed credential provisioning ping. Error: Microsoft.Online.Coexistence.ProvisionException: An error occurred.',
    'The following password changes failed to synchronized and have scheduled for retry.',
    'Access to Windows Azure Active Directory has been denied. Contact Technical Support.',
    'Full password hash synchronization completed for domain: contoso.local',
  ]);
  assert.equal(r.events[1].message.split('\n').length, 2);
  assert.equal(r.events[2].message, 'The following password changes failed to synchronized and have scheduled for retry.\n\nDN = CN=Eli McLean,OU=Cloud Objects,DC=contoso,DC=local');
});

test('empty and blank text read no events', () => {
  assert.deepEqual(messageOnlyReader.read(''), { format: 'message-only', events: [], errors: [] });
  assert.deepEqual(messageOnlyReader.read('\r\n  \n').events, []);
});

test('sniff: 0.05 when a known message opens a line, 0 otherwise, below every structured shape', () => {
  assert.equal(messageOnlyReader.sniff(MSG_611), 0.05);
  assert.equal(messageOnlyReader.sniff('hello\nworld'), 0);
  assertSniffs(messageOnlyReader);
});

test('hostile input: never throws, reports what it cannot read', () => {
  assertSurvivesHostile(messageOnlyReader);
});
