/** Reads a V8 sampling heap profile (node --heap-prof): bytes still held at exit, by allocating function. */
import { readFileSync } from 'node:fs';
import { locate, type CallFrame } from './profile';

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

export interface HeapSpot {
  name: string;
  where: string;
  bytes: number;
}

export function summarizeHeapProfile(file: string, root: string, topN = 10): { totalBytes: number; top: HeapSpot[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
  const byFunction = new Map<string, HeapSpot>();
  let total = 0;
  const visit = (n: HeapNode) => {
    const where = locate(n.callFrame, root);
    const name = n.callFrame.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const s = byFunction.get(key) ?? { name, where, bytes: 0 };
    s.bytes += n.selfSize;
    total += n.selfSize;
    byFunction.set(key, s);
    n.children.forEach(visit);
  };
  visit(profile.head);
  return { totalBytes: total, top: [...byFunction.values()].sort((a, b) => b.bytes - a.bytes).slice(0, topN) };
}
