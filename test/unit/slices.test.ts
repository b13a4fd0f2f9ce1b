/**
 * The server's sliced work (server/src/slices.ts): everything takes turns in one queue, so a request
 * waits for at most one slice however much work is running, and each piece of work still ends as it should.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inSlices } from '../../server/src/slices';
import type { Steps } from '../../server/src/service/steps';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // a step of real work
  }
}

function* work(name: string, steps: number, log: string[]): Steps<string> {
  for (let i = 0; i < steps; i++) {
    log.push(name);
    busy(0.4);
    yield;
  }
  return `${name} done`;
}

test('several pieces of work run one slice at a time, with turns of the event loop between any two slices', async () => {
  const log: string[] = [];
  let running = true;
  // What a waiting request needs: a turn of the event loop. Mark every turn.
  const turn = (): void => {
    log.push('turn');
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  const results = await Promise.all(['A', 'B', 'C'].map((name) => inSlices(work(name, 40, log), () => true)));
  running = false;
  assert.deepEqual(results, [{ value: 'A done' }, { value: 'B done' }, { value: 'C done' }]);
  // A slice is a run of one name; between two slices there must be a turn, whichever work they belong to.
  let slices = 0;
  for (let i = 1; i < log.length; i++) {
    if (log[i] !== 'turn' && log[i - 1] !== 'turn' && log[i] !== log[i - 1]) assert.fail(`slices of ${log[i - 1]} and ${log[i]} ran in one turn`);
    if (log[i] !== 'turn' && log[i - 1] === 'turn') slices++;
  }
  assert.ok(slices >= 3 * 8, `the work took turns (${slices} slices)`);
  const order = log.filter((x) => x !== 'turn');
  assert.notDeepEqual(order.slice(0, 40), Array(40).fill('A'), 'B and C did not wait for A to finish');
});

test('work that is no longer wanted stops at its next slice; a failing step rejects without stopping the rest', async () => {
  const log: string[] = [];
  let wanted = true;
  const failing = (function* (): Steps<string> {
    yield;
    throw new Error('bad step');
  })();
  const [dropped, failed, kept] = await Promise.allSettled([
    inSlices(work('dropped', 1000, log), () => wanted),
    inSlices(failing, () => true),
    inSlices(work('kept', 20, log), () => {
      wanted = false;
      return true;
    }),
  ]);
  assert.deepEqual(dropped, { status: 'fulfilled', value: null });
  assert.equal(failed.status, 'rejected');
  assert.match(String((failed as PromiseRejectedResult).reason), /bad step/);
  assert.deepEqual(kept, { status: 'fulfilled', value: { value: 'kept done' } });
  assert.ok(log.filter((x) => x === 'dropped').length < 1000, 'the dropped work did not run to its end');
});
