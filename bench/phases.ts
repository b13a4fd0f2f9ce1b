/**
 * Where the time of one `analyze` goes, phase by phase, for profiling work on one file:
 *   node --import tsx bench/phases.ts FILE [RUNS]
 * Prints CPU milliseconds per phase (the fastest of RUNS runs, default 3), so other work on the
 * machine disturbs the numbers less than wall time would.
 */
import { readFileSync } from 'node:fs';
import { decodeBytes } from '../server/src/service/formats/text';
import { readLog } from '../server/src/service/formats/detect';
import { analyzeEventsSteps } from '../server/src/service/analysis/eventFindings';
import { timelineSteps, usersReader } from '../server/src/service/analysis/timeline';
import { runToEnd } from '../server/src/service/steps';
import { verdict } from '../server/src/service/analysis/verdict';

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: phases.ts FILE [RUNS]\n');
  process.exit(2);
}
const best = new Map<string, number>();
let summary = '';
for (let run = 0; run < Number(runsArg ?? 3); run++) {
  let last = process.cpuUsage();
  const lap = (name: string): void => {
    const used = process.cpuUsage(last);
    const ms = (used.user + used.system) / 1000;
    best.set(name, Math.min(best.get(name) ?? Infinity, ms));
    last = process.cpuUsage();
  };
  const text = decodeBytes(readFileSync(file));
  lap('read file + decode');
  const read = readLog(text);
  lap('read events');
  // As analyzeLogText runs them: the event findings read the users for the timeline as they go.
  const users = usersReader();
  const events = runToEnd(analyzeEventsSteps(read, undefined, users));
  lap('event findings');
  const timeline = runToEnd(timelineSteps(read.events, events.matches, users));
  lap('timeline');
  verdict(read.events, events.matches, [...events.findings, ...timeline]);
  lap('verdict');
  summary = `${read.format}: ${read.events.length} events, ${events.findings.length + timeline.length} findings, ${read.errors.length} read errors`;
}
const total = [...best.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`${summary}\n`);
for (const [name, ms] of best) process.stdout.write(`${name.padEnd(20)} ${ms.toFixed(0).padStart(6)} ms CPU\n`);
process.stdout.write(`${'total'.padEnd(20)} ${total.toFixed(0).padStart(6)} ms CPU (${((readFileSync(file).length / 2 ** 20) / (total / 1000)).toFixed(1)} MB/s)\n`);
