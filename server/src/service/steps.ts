/**
 * Long work (reading and analysing a big log) is written as generators that yield now and then.
 * The CLI runs them straight through; the language server runs them a slice at a time so that it
 * answers hovers meanwhile, and drops a run when the document changes under it.
 */
export type Steps<T> = Generator<number | void, T, void>;

/*
 * A yield may say how far its run has come, as a fraction from 0 to 1, for a host that shows it (the
 * language server's *Analyze Log File…*); most yields say nothing. A run made of parts places each
 * part's fractions within its own share with `part`.
 */

/**
 * `steps` as the stretch from `from` to `to` of a longer run: each fraction it yields, or else what
 * `sofar` says at its yield, is placed within that stretch, and its end is told (so a part that tells
 * nothing on its way still moves the run on when it is done).
 */
export function* part<T>(steps: Steps<T>, from: number, to: number, sofar?: () => number): Steps<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) {
      yield to;
      return r.value;
    }
    const fraction = typeof r.value === 'number' ? r.value : sofar?.();
    yield fraction === undefined ? undefined : between(from, to, fraction);
  }
}

/** The point `fraction` of the way from `from` to `to`: where a part of a run is, `fraction` of the way through it. */
export function between(from: number, to: number, fraction: number): number {
  return from + (to - from) * fraction;
}

/** Told how many bytes of a file have been read so far, as they are read. */
export type BytesRead = (read: number) => void;

/**
 * Follows the read of a file of `size` bytes: `onRead` is for its reader, and passes each count on to
 * `told`; `fraction` says how much of the file has been read.
 */
export function readMeter(size: number, told?: BytesRead): { onRead: BytesRead; fraction: () => number } {
  let read = 0;
  return {
    onRead: (bytes) => {
      read = bytes;
      told?.(bytes);
    },
    fraction: () => (size > 0 ? read / size : 1),
  };
}

/** Runs steps to their end, without pausing. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How many loop rounds pass between yields: a yield is cheap, but not free inside a tight loop. */
export const STEP = 512;

/**
 * The same for loops whose rounds read an event's message fields (10-30 µs each): at 128 rounds a
 * step of the findings tree took 4-7 ms, longer than the server's slice.
 */
export const FIELDS_STEP = 16;
