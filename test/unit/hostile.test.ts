/** Hostile files through the service: always a result, never an exception, never an entity expanded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBytes } from '../../server/src/service/files';
import { hostileInputs } from '../fixtures/hostile';

for (const input of hostileInputs) {
  test(`hostile input is read without a crash: ${input.name}`, () => {
    const report = analyzeBytes(input.bytes());
    assert.ok(Array.isArray(report.events));
    // Whatever could not be read is said, with a place; nothing throws.
    for (const e of report.errors) {
      assert.equal(typeof e.message, 'string');
      assert.ok(e.range.start.line >= 0);
    }
  });
}

test('entities of a DTD are never expanded: the message keeps the reference as written', () => {
  const input = hostileInputs.find((i) => i.name.startsWith('XML with a DTD'))!;
  const report = analyzeBytes(input.bytes());
  assert.equal(report.events.length, 1);
  assert.match(report.events[0].message, /&g;/);
  assert.ok(report.events[0].message.length < 200);
  assert.equal(report.findings[0].rule, 'event/611-rpc-8439');
});

test('an unbalanced quote swallows the rest of the file into one description, and the first event is still read', () => {
  const input = hostileInputs.find((i) => i.name.startsWith('an unbalanced quote'))!;
  const report = analyzeBytes(input.bytes());
  assert.ok(report.events.length >= 1);
  assert.equal(report.findings[0].rule, 'event/611-rpc-8439');
});

test('XML events that are never closed are each reported, not guessed', () => {
  const input = hostileInputs.find((i) => i.name === 'XML events never closed')!;
  const report = analyzeBytes(input.bytes());
  assert.equal(report.events.length, 0);
  assert.ok(report.errors.length >= 1);
  assert.match(report.errors[0].message, /not closed/);
});

test('empty and NUL-only files say there is nothing to read', () => {
  for (const name of ['empty file', 'NUL-only file']) {
    const report = analyzeBytes(hostileInputs.find((i) => i.name === name)!.bytes());
    assert.equal(report.events.length, 0);
    assert.equal(report.errors.length, 1, name);
  }
});
