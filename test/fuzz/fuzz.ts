/**
 * Runs the fuzz targets, each in a worker thread watched for hangs (see run.ts for the command line).
 * A crash (an exception), an input slower than 1 s, or a hang is saved to test/fixtures/fuzz-regressions/,
 * which the unit tests replay for ever after: inputs are found again by replaying the seeded mutator.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { mutator } from './mutate';
import { fuzzTargets } from './targets';

export const regressionsDir = path.resolve(__dirname, '../fixtures/fuzz-regressions');

/** An input stuck this long is a hang: the worker is stopped and the input saved. */
const HANG_MS = 10_000;

export interface FuzzResult {
  target: string;
  inputs: number;
  crashes: string[];
  slow: string[];
  slowestMs: number;
}

export interface FuzzOptions {
  inputs: number;
  seconds: number;
  seed: number;
  target?: string;
  save: boolean;
}

/** The regression file name of an input of a target. */
export function regressionName(target: string, input: Uint8Array): string {
  return `${target.replace(/[^a-z0-9-]+/gi, '_')}-${createHash('sha1').update(input).digest('hex').slice(0, 12)}.bin`;
}

/** The index-th input the seeded mutator gives for a target (replays the sequence). */
function inputAt(target: string, seed: number, index: number): Uint8Array {
  const t = fuzzTargets().find((x) => x.name === target)!;
  const next = mutator(seed);
  let input = next(t.seeds);
  for (let i = 0; i < index; i++) input = next(t.seeds);
  return input;
}

function runTarget(name: string, options: FuzzOptions): Promise<FuzzResult> {
  const progress = new SharedArrayBuffer(4);
  const current = new Int32Array(progress);
  const worker = new Worker(path.join(__dirname, 'worker-boot.cjs'), { workerData: { target: name, inputs: options.inputs, seconds: options.seconds, seed: options.seed, progress } });
  const keep = (index: number, note: string, list: string[]) => {
    const input = inputAt(name, options.seed, index);
    const file = regressionName(name, input);
    if (options.save) writeFileSync(path.join(regressionsDir, file), input);
    list.push(`${file}: ${note}`);
  };
  return new Promise((resolve, reject) => {
    let last = -1;
    let since = Date.now();
    const watchdog = setInterval(() => {
      const now = Atomics.load(current, 0);
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since > HANG_MS) {
        clearInterval(watchdog);
        void worker.terminate();
        const result: FuzzResult = { target: name, inputs: now + 1, crashes: [], slow: [], slowestMs: Date.now() - since };
        keep(now, `hangs (over ${HANG_MS / 1000} s)`, result.slow);
        resolve(result);
      }
    }, 250);
    worker.on('message', (m: { inputs: number; crashes: { index: number; message: string }[]; slow: { index: number; ms: number }[]; slowestMs: number }) => {
      clearInterval(watchdog);
      const result: FuzzResult = { target: name, inputs: m.inputs, crashes: [], slow: [], slowestMs: m.slowestMs };
      for (const c of m.crashes) keep(c.index, c.message, result.crashes);
      for (const s of m.slow) keep(s.index, `${s.ms.toFixed(0)} ms`, result.slow);
      resolve(result);
    });
    worker.on('error', (e) => {
      clearInterval(watchdog);
      reject(e);
    });
  });
}

export async function fuzz(options: FuzzOptions): Promise<FuzzResult[]> {
  const results: FuzzResult[] = [];
  for (const target of fuzzTargets()) {
    if (options.target && !target.name.includes(options.target)) continue;
    if (target.seeds.length === 0) throw new Error(`${target.name} has no seeds`);
    results.push(await runTarget(target.name, options));
  }
  return results;
}
