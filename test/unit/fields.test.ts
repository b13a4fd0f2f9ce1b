import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFields, subjectFieldsOf, subjectOf, type EventFields } from '../../server/src/service/analysis/fields';
import type { LogEvent } from '../../server/src/service/model';
import { articleRows, liveVariants, otherProviders } from '../fixtures/messages';

const eventOf = (message: string) => ({ message }) as LogEvent;
/** What the findings and the timeline's users read of a message. */
const subjectPart = (f: EventFields) => ({ domain: f.domain, forest: f.forest, dns: f.dns, anchor: f.anchor, result: f.result });

test('the subject fields of every catalogue message are those the full read finds', () => {
  const messages = [...articleRows, ...liveVariants, ...otherProviders].map((r) => r.message);
  for (const message of messages) {
    assert.deepEqual(subjectPart(subjectFieldsOf(eventOf(message))), subjectPart(extractFields(message)), message);
  }
  // And the subjects findings name are the usual ones.
  const subject = (name: string) => subjectOf(subjectFieldsOf(eventOf(articleRows.find((r) => r.name === name)!.message)));
  assert.equal(subject('657 success'), 'CN=Viola Hanson,OU=Cloud Objects,DC=contoso,DC=local');
  assert.equal(subject('611 RPC 8439'), 'domain Contoso.com');
  assert.equal(subject('623'), 'forest contoso.local');
  assert.equal(subject('657 extended error'), 'anchor B0H+OD3LM0GEnYODwdPhpg==');
});

test('the subject fields read no other field: a Count, an error code or an exception is left to the full read', () => {
  const message = 'Provision credentials batch end. Count: 7. Error Code: 90. Tracking ID: 07e93e8a-cf2d-4f67-9e95-53169c4875e0 System.ArgumentException';
  assert.deepEqual(subjectFieldsOf(eventOf(message)), { dns: [] });
  const full = extractFields(message);
  assert.equal(full.count, 7);
  assert.equal(full.errorCode, 90);
  assert.equal(full.exception, 'System.ArgumentException');
});

test('subject fields agree with the full read on messages mixing every label in any case and order', () => {
  const parts = [
    'Anchor : x9Qz+/==', 'ANCHOR:abc', 'Dn : CN=A B,OU=X,DC=c,DC=l', 'dn:CN=lower', 'DN = CN=Listed,DC=c', 'Result : Success.', 'result:failed',
    'for domain: Contoso.com.', 'FOR FOREST: fab.local', 'Count: 3', 'Change Date : 05/01/2013 16:34:08', 'Error Code: 81', 'RPC Error 8439',
    '<partition-name>DC=c</partition-name>', 'Tracking ID: 0744fa31-1d9b-453a-83d8-c2555d843802', 'Microsoft.Online.DrsException',
    ', ', '.', ' ', '\r\n', '\n', 'Password Change Result - ', 'PwdChangeOnLogon=False', ':', '=', 'e', 't', 'c',
  ];
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let n = 0; n < 3000; n++) {
    let message = '';
    for (let k = Math.floor(next() * 12); k >= 0; k--) message += parts[Math.floor(next() * parts.length)];
    assert.deepEqual(subjectPart(subjectFieldsOf(eventOf(message))), subjectPart(extractFields(message)), JSON.stringify(message));
  }
});
