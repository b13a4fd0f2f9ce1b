/** What the bench ran on, and the tools it compares with (installed from Debian when missing). */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
}

export interface Tools {
  evtxexport: string;
  evtxDump: string;
}

/** Finds python-evtx's dump script in the Debian package (evtx_dump.py or evtx_dump). */
function findEvtxDump(): string | null {
  const r = spawnSync('dpkg', ['-L', 'python3-evtx'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const files = r.stdout.split('\n').filter((f) => /\/bin\/evtx_dump(\.py)?$/.test(f));
  return files.find((f) => existsSync(f)) ?? null;
}

function aptInstall(packages: string[]): void {
  console.log(`[bench] installing ${packages.join(' ')} with apt-get (the bench is not part of CI)`);
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (install().status === 0) return;
  spawnSync('apt-get', ['update', '-q'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (install().status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed`);
}

export function ensureTools(): Tools {
  const missing: string[] = [];
  if (!existsSync('/usr/bin/time')) missing.push('time');
  if (!existsSync('/usr/bin/evtxexport')) missing.push('libevtx-utils');
  if (!findEvtxDump()) missing.push('python3-evtx');
  if (missing.length) aptInstall(missing);
  const evtxDump = findEvtxDump();
  if (!evtxDump) throw new Error('python3-evtx is installed but has no evtx_dump script');
  return { evtxexport: '/usr/bin/evtxexport', evtxDump };
}

function dpkgVersion(pkg: string): string {
  return sh('dpkg-query', ['-W', '-f=${Version}', pkg]) || 'not installed';
}

export interface Machine {
  date: string;
  /** The commit measured, and whether server/ differed from it (the bench bundles the working tree). */
  commit: string;
  nproc: string;
  cpu: string;
  memory: string;
  kernel: string;
  node: string;
  load: string;
  tools: Record<string, string>;
}

export function describeMachine(esbuildVersion: string): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const cpu = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? 'unknown';
  const head = sh('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['status', '--porcelain', '--', 'server']) !== '';
  return {
    date: new Date().toISOString(),
    commit: `${head}${dirty ? ' + uncommitted changes in server/' : ''}`,
    nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
    cpu,
    memory: sh('free', ['-h']),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    tools: {
      'libevtx-utils (evtxexport)': `${dpkgVersion('libevtx-utils')} (${sh('/usr/bin/evtxexport', ['-V']).split('\n')[0]})`,
      'python3-evtx (evtx_dump.py)': `${dpkgVersion('python3-evtx')} on ${sh('/usr/bin/python3', ['--version'])}`,
      grep: sh('grep', ['--version']).split('\n')[0],
      'GNU time': dpkgVersion('time'),
      esbuild: esbuildVersion,
      locale: process.env.LC_ALL || process.env.LANG || 'unset',
    },
  };
}
