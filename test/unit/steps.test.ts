/**
 * How a run in steps says how far it has come (server/src/service/steps.ts): the fractions its parts
 * yield are placed within their shares, and a host running it in slices is told them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { between, part, readMeter, runToEnd, type Steps } from '../../server/src/service/steps';
import { inSlices } from '../../server/src/slices';

/** Yields `told` in turn (undefined: a yield that says nothing), then returns `value`. */
function* yielding<T>(told: (number | undefined)[], value: T): Steps<T> {
  for (const t of told) yield t;
  return value;
}

function fractions(steps: Steps<unknown>): (number | undefined)[] {
  const seen: (number | undefined)[] = [];
  for (let r = steps.next(); !r.done; r = steps.next()) seen.push(r.value ?? undefined);
  return seen;
}

test('a part places its fractions within its share, and tells its end', () => {
  assert.deepEqual(fractions(part(yielding([0, 0.5, undefined, 1], 'x'), 0.2, 0.6)), [0.2, 0.4, undefined, 0.6, 0.6]);
  // Nested: the inner part's share of the outer one's.
  assert.deepEqual(fractions(part(part(yielding([0.5], 'x'), 0, 0.5), 0.5, 1)), [0.625, 0.75, 1]);
  assert.equal(runToEnd(part(yielding([0.3], 'value'), 0, 1)), 'value');
});

test('between places a fraction of the way through a part', () => {
  assert.equal(between(0.2, 0.6, 0), 0.2);
  assert.equal(between(0.2, 0.6, 0.5), 0.4);
  assert.equal(between(0.2, 0.6, 1), 0.6);
});

test('a part that tells nothing on its way takes what sofar says at each of its yields', () => {
  let read = 0;
  function* reading(): Steps<void> {
    for (read = 25; read <= 100; read += 25) yield;
  }
  assert.deepEqual(fractions(part(reading(), 0, 0.5, () => read / 100)), [0.125, 0.25, 0.375, 0.5, 0.5]);
});

test('a read meter passes the counts on and says how much of the file they are', () => {
  const counts: number[] = [];
  const meter = readMeter(200, (n) => counts.push(n));
  assert.equal(meter.fraction(), 0);
  meter.onRead(50);
  meter.onRead(200);
  assert.deepEqual(counts, [50, 200]);
  assert.equal(meter.fraction(), 1);
  // An empty file is read as soon as it is opened.
  assert.equal(readMeter(0).fraction(), 1);
});

test('a host running steps in slices is told each fraction they yield, in order, and nothing for the others', async () => {
  const told: number[] = [];
  const result = await inSlices(part(yielding([0.1, undefined, 0.7], 'done'), 0, 1), () => true, (f) => told.push(f));
  assert.deepEqual(result, { value: 'done' });
  assert.deepEqual(told, [0.1, 0.7, 1]);
});
