/** Runs commands the way a user would (stdout to /dev/null), timing them and reading their peak RSS. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Run {
  /** Wall-clock seconds. */
  seconds: number;
  /** Peak resident set size in bytes, from GNU time's %M. */
  peakRss: number;
  /** User + system CPU seconds (GNU time's %U + %S): less disturbed than wall time by other load. */
  cpuSeconds: number;
  exitCode: number | null;
  timedOut: boolean;
  stderr: string;
}

export interface Measured {
  /** Median of the runs (or the only run). */
  seconds: number;
  cpuSeconds: number;
  peakRss: number;
  runs: Run[];
  timedOut: boolean;
}

export const TIME_BIN = '/usr/bin/time';

/** One run of `cmd args…` under GNU time, stdout discarded, killed after `timeoutSec`. */
export function runOnce(cmd: string, args: string[], timeoutSec = 600): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'adsync-bench-'));
  const timeFile = join(dir, 'time');
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(TIME_BIN, ['-f', '%M %U %S', '-o', timeFile, cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 20000) stderr += d.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      // The whole process group: GNU time and the command it started (both ours).
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutSec * 1000);
    child.on('error', (e) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      let peakRss = 0;
      let cpuSeconds = NaN;
      try {
        const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
        const [m, u, sys] = lines[lines.length - 1].split(' ').map(Number);
        peakRss = m * 1024;
        cpuSeconds = u + sys;
      } catch {
        // killed before GNU time wrote its report
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ seconds, cpuSeconds, peakRss: Number.isFinite(peakRss) ? peakRss : 0, exitCode: code, timedOut, stderr });
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export interface Spec {
  cmd: string;
  args: string[];
  timeoutSec?: number;
  okExit?: (code: number | null) => boolean;
  /** Three runs however long the first takes: a single run of a ratio that decides a target is at the mercy of other work on the machine. */
  thrice?: boolean;
}

function summarize(runs: Run[]): Measured {
  const ok = runs.filter((r) => !r.timedOut);
  const use = ok.length ? ok : runs;
  return { seconds: median(use.map((r) => r.seconds)), cpuSeconds: median(use.map((r) => r.cpuSeconds)), peakRss: Math.max(...runs.map((r) => r.peakRss)), runs, timedOut: ok.length === 0 };
}

/**
 * Median of 3 runs for each command whose first run is under 10 s (or that asks for three), the single run otherwise. The
 * commands take turns (A B A B A B), so load from other work on the machine falls on all of them
 * alike. A failing exit code is an error (a benchmark of a crash measures nothing).
 */
export async function measureEach(specs: Spec[]): Promise<Measured[]> {
  const runs: Run[][] = specs.map(() => []);
  const one = async (i: number) => {
    const { cmd, args, timeoutSec, okExit = (c) => c === 0 } = specs[i];
    const r = await runOnce(cmd, args, timeoutSec);
    if (!r.timedOut && !okExit(r.exitCode)) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.exitCode}: ${r.stderr.slice(0, 2000)}`);
    runs[i].push(r);
  };
  for (let i = 0; i < specs.length; i++) await one(i);
  const again = specs.map((_, i) => i).filter((i) => !runs[i][0].timedOut && (runs[i][0].seconds < 10 || specs[i].thrice === true));
  for (let round = 0; round < 2; round++) for (const i of again) await one(i);
  return runs.map(summarize);
}

export async function measure(cmd: string, args: string[], opts: Omit<Spec, 'cmd' | 'args'> = {}): Promise<Measured> {
  return (await measureEach([{ cmd, args, ...opts }]))[0];
}

/** Median of 3 for a measurement taken by a function (the same 10 s rule). */
export async function repeat<T>(fn: () => Promise<T>, seconds: (t: T) => number): Promise<{ value: T; all: T[] }> {
  const all: T[] = [await fn()];
  if (seconds(all[0]) < 10) {
    all.push(await fn());
    all.push(await fn());
  }
  const sorted = [...all].sort((a, b) => seconds(a) - seconds(b));
  return { value: sorted[sorted.length >> 1], all };
}
