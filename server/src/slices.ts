/**
 * The server's long work (analyses, outlines, trees, encodings) runs as steps (service/steps.ts), a
 * slice at a time, so that requests such as hovers are answered in between. Every piece of work shares
 * one queue: with a queue each, an analysis, an outline and a tree made at once ran a slice each in
 * the same turn, and a hover waited for all three.
 */
import type { Steps } from './service/steps';

/** A slice runs this long at most before letting waiting requests (hovers) through. */
const SLICE_MS = 2;
/**
 * Event-loop turns left free between two slices. vscode-jsonrpc takes a request through three
 * setImmediate turns (reading it, dispatching it, writing the answer); with a slice in every turn, a
 * hover waited three slices (up to 28 ms while the 1,000,000-line log was analysed again).
 */
const TURNS_BETWEEN_SLICES = 3;

/** Work waiting for its next slice, in turn; each runs one slice and says whether it has finished. */
const queue: (() => boolean)[] = [];
let pumping = false;

function pump(): void {
  const work = queue.shift();
  if (work && !work()) queue.push(work);
  if (queue.length > 0) afterTurns(TURNS_BETWEEN_SLICES, pump);
  else pumping = false;
}

/**
 * Runs steps a slice of SLICE_MS at a time, taking turns with all other sliced work; null as soon as
 * `current()` turns false. Rejects with what a step throws. `told` is given each fraction of the run
 * the steps yield (see steps.ts).
 */
export function inSlices<T>(steps: Steps<T>, current: () => boolean, told?: (fraction: number) => void): Promise<{ value: T } | null> {
  return new Promise((resolve, reject) => {
    queue.push(() => {
      if (!current()) {
        steps.return(undefined as never);
        resolve(null);
        return true;
      }
      const deadline = performance.now() + SLICE_MS;
      try {
        while (performance.now() < deadline) {
          const step = steps.next();
          if (step.done) {
            resolve({ value: step.value });
            return true;
          }
          if (told && step.value !== undefined) told(step.value);
        }
      } catch (error) {
        reject(error);
        return true;
      }
      return false;
    });
    if (!pumping) {
      pumping = true;
      afterTurns(1, pump);
    }
  });
}

/** Runs `fn` once `turns` turns of the event loop have passed (each a setImmediate, so I/O is read in between). */
function afterTurns(turns: number, fn: () => void): void {
  setImmediate(turns <= 1 ? fn : () => afterTurns(turns - 1, fn));
}
