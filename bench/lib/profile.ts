/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and lists the functions with the most self time,
 * optionally only over given time windows, mapped back to the TypeScript sources through the
 * bundle's source map.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  top: HotSpot[];
}

/** Windows in microseconds of the monotonic clock (process.hrtime), which V8's profile timestamps share. */
export type Window = [startUs: number, endUs: number];

const maps = new Map<string, SourceMap | null>();

function sourceMapFor(file: string): SourceMap | null {
  if (!maps.has(file)) {
    let map: SourceMap | null = null;
    const mapFile = `${file}.map`;
    if (existsSync(mapFile)) map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload);
    maps.set(file, map);
  }
  return maps.get(file) ?? null;
}

export function locate(frame: CallFrame, root: string): string {
  if (!frame.url) return '(native)';
  let file = frame.url;
  try {
    if (file.startsWith('file://')) file = fileURLToPath(file);
  } catch {
    return frame.url;
  }
  if (!file.startsWith('/')) return file;
  const map = sourceMapFor(file);
  if (map) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number };
    if (entry.originalSource) {
      const src = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
      return `${path.relative(root, src)}:${(entry.originalLine ?? 0) + 1}`;
    }
  }
  return `${path.relative(root, file)}:${frame.lineNumber + 1}`;
}

export function summarizeProfile(file: string, root: string, windows?: Window[], topN = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    if (windows && !windows.some(([a, b]) => t >= a && t <= b)) continue;
    const node = byId.get(profile.samples[i]);
    if (!node || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
    self.set(node.id, (self.get(node.id) ?? 0) + next);
    total += next;
  }
  // Several nodes (call paths) share a function: add them up by function and place.
  const byFunction = new Map<string, HotSpot>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    const where = locate(frame, root);
    const name = frame.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const h = byFunction.get(key) ?? { name, where, selfMs: 0, share: 0 };
    h.selfMs += us / 1000;
    byFunction.set(key, h);
  }
  const top = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, topN);
  for (const h of top) h.share = total > 0 ? h.selfMs / (total / 1000) : 0;
  return { totalMs: total / 1000, top };
}
