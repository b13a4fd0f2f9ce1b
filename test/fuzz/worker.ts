/** Runs one fuzz target inside a worker thread, publishing the index of the input it is on. */
import { parentPort, workerData } from 'node:worker_threads';
import { mutator } from './mutate';
import { fuzzTargets } from './targets';

interface Job {
  target: string;
  inputs: number;
  seconds: number;
  seed: number;
  /** [0] = index of the input being run, for the watchdog in the parent. */
  progress: SharedArrayBuffer;
}

const job = workerData as Job;
const target = fuzzTargets().find((t) => t.name === job.target)!;
const next = mutator(job.seed);
const current = new Int32Array(job.progress);
const deadline = Date.now() + job.seconds * 1000;
const crashes: { index: number; message: string }[] = [];
const slow: { index: number; ms: number }[] = [];
let slowestMs = 0;
let i = 0;
for (; i < job.inputs && Date.now() < deadline; i++) {
  const input = next(target.seeds);
  Atomics.store(current, 0, i);
  const started = performance.now();
  try {
    target.run(input);
  } catch (error) {
    crashes.push({ index: i, message: error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 3).join(' ') : String(error) });
  }
  const ms = performance.now() - started;
  slowestMs = Math.max(slowestMs, ms);
  if (ms > 1000) slow.push({ index: i, ms });
}
parentPort!.postMessage({ inputs: i, crashes, slow, slowestMs });
