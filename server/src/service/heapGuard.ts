/**
 * A file read in pieces keeps its password-sync events to the end, and a big enough log has more of
 * them than Node's heap holds. Reading stops with a reason while there is still room to give it.
 */
import { getHeapStatistics } from 'node:v8';
import { grouped, megabytes } from './counts';

/**
 * Share of the heap Node may use that may be in use while the file is read: the analysis after it adds
 * about a third to what the kept events hold (findings, timeline), with as much again passing through,
 * and the CLI's output adds to that. What is in use includes garbage not yet collected, so with a small
 * heap reading may stop before the kept events alone would fill it.
 */
const HEAP_SHARE = 0.4;

/** Throws, naming what was kept of how much and where reading stopped, when the heap in use passes HEAP_SHARE. */
export function stopWhenHeapFills(kept: number, what: string, count: number, where: string): void {
  // V8's own numbers: process.memoryUsage() would also read the process's RSS from the system each time.
  const { heap_size_limit: limit, used_heap_size: used } = getHeapStatistics();
  if (used <= HEAP_SHARE * limit) return;
  throw new Error(`reading stopped at ${where} with ${grouped(kept)} ${what} kept of the ${grouped(count)} read, and ${megabytes(used)} of the ${megabytes(limit)} Node may use here in use: too many to analyse them together: export a shorter time range, or give Node more memory with NODE_OPTIONS=--max-old-space-size=MB`);
}
