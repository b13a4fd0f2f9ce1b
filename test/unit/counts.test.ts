import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counted, grouped, megabytes } from '../../server/src/service/counts';

test('counts are grouped by thousands as en-US writes them, without asking ICU', () => {
  const numbers = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10000, 99999, 100000, 123456, 999999, 1000000, 1234567, 12345678, 123456789, 2 ** 31, 2 ** 53 - 1];
  for (let n = 1; n < 1e15; n = n * 7 + 3) numbers.push(n);
  for (const n of [...numbers, ...numbers.map((x) => -x).filter((x) => x !== 0)]) assert.equal(grouped(n), n.toLocaleString('en-US'), String(n));
  // Not whole numbers: as toLocaleString writes them.
  for (const n of [1234.5678, 0.5, 2 ** 53, 1e21, NaN, Infinity]) assert.equal(grouped(n), n.toLocaleString('en-US'));
  assert.equal(counted(1, 'error'), '1 error');
  assert.equal(counted(1271, 'error'), '1,271 errors');
  assert.equal(counted(2, 'ping or batch', 'pings and batches'), '2 pings and batches');
});

test('file sizes read in whole MB, never 0', () => {
  assert.equal(megabytes(1000), '1 MB');
  assert.equal(megabytes(60 * 2 ** 20 + 1), '60 MB');
  assert.equal(megabytes(2 ** 30), '1,024 MB');
});
