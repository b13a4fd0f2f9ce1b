/** Picks the reader for a text by content, never by file name. */
import type { ReadError, ReadResult } from '../model';
import { readers } from './registry';
import type { EventFilter, FormatReader, ReadSteps } from './reader';
import { LineIndex } from './text';
import { runToEnd } from '../steps';
import { counted } from '../counts';

const HEAD = 8192;

export function detectFormat(text: string): FormatReader | null {
  const head = text.slice(0, HEAD);
  let best: FormatReader | null = null;
  let bestScore = 0;
  for (const reader of readers) {
    const score = reader.sniff(head);
    if (score > bestScore) {
      best = reader;
      bestScore = score;
    }
  }
  return best;
}

/** More read errors than this say nothing new; the rest are summed up in one. */
const MAX_ERRORS = 200;

/** Reads any supported export; an unrecognised text gives one error saying so. */
export function readLog(text: string): ReadResult {
  return runToEnd(readLogSteps(text));
}

/** readLog in steps (see steps.ts); `filter` leaves out events as FormatReader.steps does. */
export function* readLogSteps(text: string, filter?: EventFilter): ReadSteps {
  const reader = detectFormat(text);
  if (reader) return capErrors(yield* reader.steps(text, filter));
  const lines = new LineIndex(text);
  const message = text.trim().length === 0
    ? 'The file is empty: there are no events to read.'
    : 'ADSync Doctor does not recognise this as an event log export (Event Viewer CSV, TXT or XML, or another supported shape).';
  return { format: 'unknown', events: [], errors: [{ message, range: lines.range(0, lines.lineEnd(0)) }] };
}

function capErrors(result: ReadResult): ReadResult {
  if (result.errors.length <= MAX_ERRORS) return result;
  const capped = new CappedErrors();
  for (const e of result.errors) capped.add(e);
  return { ...result, errors: capped.list() };
}

/** Read errors as they come, keeping the first MAX_ERRORS and the count and place of the rest. */
export class CappedErrors {
  private readonly kept: ReadError[] = [];
  private count = 0;
  private last: ReadError | null = null;

  add(error: ReadError): void {
    if (this.kept.length < MAX_ERRORS) this.kept.push(error);
    this.count++;
    this.last = error;
  }

  list(): ReadError[] {
    if (this.count <= MAX_ERRORS) return this.kept;
    return [...this.kept, { message: `${counted(this.count - MAX_ERRORS, 'more part')} of the file could not be read (the last on line ${this.last!.range.start.line + 1}).`, range: this.last!.range }];
  }
}
