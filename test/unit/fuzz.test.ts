/** A bounded slice of the fuzzer on every reader, and every crash it ever found, replayed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fuzz, regressionsDir } from '../fuzz/fuzz';
import { fuzzTargets } from '../fuzz/targets';

test('fuzz slice: 1,500 mutated inputs per target, no crash and no hang', async () => {
  const results = await fuzz({ inputs: 1500, seconds: 20, seed: Number(process.env.FUZZ_SEED ?? 7), save: false });
  assert.ok(results.length >= 12, `${results.length} targets`);
  for (const r of results) {
    assert.ok(r.inputs > 100, `${r.target}: ${r.inputs} inputs`);
    assert.deepEqual(r.crashes, [], r.target);
    assert.ok(r.slow.every((s) => !s.includes('hangs')), `${r.target}: ${r.slow.join('; ')}`);
  }
});

test('every saved fuzz finding still reads without a crash', () => {
  const targets = fuzzTargets();
  const files = readdirSync(regressionsDir).filter((f) => f.endsWith('.bin'));
  for (const file of files) {
    const target = targets.find((t) => file.startsWith(`${t.name.replace(/[^a-z0-9-]+/gi, '_')}-`));
    assert.ok(target, `a target for ${file}`);
    assert.doesNotThrow(() => target.run(readFileSync(path.join(regressionsDir, file))), file);
  }
});
