/**
 * Child process of the bench: times the product's own EVTX entry points inside one process, so
 * process start-up and module loading are left out. Prints one JSON line.
 *   node --import tsx bench/inproc.ts stream FILE   analyzeEvtxFile (chunk-by-chunk streaming path)
 *   node --import tsx bench/inproc.ts whole FILE    readFileSync + analyzeBytes (the in-memory path)
 */
import { readFileSync } from 'node:fs';
import { analyzeBytes, analyzeEvtxFile } from '../server/src/service/files';

function vmHwmBytes(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

const [mode, file] = process.argv.slice(2);
if ((mode !== 'stream' && mode !== 'whole') || !file) {
  process.stderr.write('usage: inproc.ts stream|whole FILE\n');
  process.exit(2);
}
const before = vmHwmBytes();
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
const report = mode === 'stream' ? analyzeEvtxFile(file) : analyzeBytes(readFileSync(file), file);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, peakRss: vmHwmBytes(), rssBeforeCall: before, eventCount: report.eventCount, findings: report.findings.length + report.timeline.length, errors: report.errors.length })}\n`);
