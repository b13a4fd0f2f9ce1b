/** Picks the reader for a text by content, never by file name. */
import type { ReadResult } from '../model';
import { readers } from './registry';
import type { FormatReader, ReadSteps } from './reader';
import { LineIndex } from './text';
import { runToEnd } from '../steps';

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

/** readLog in steps (see steps.ts). */
export function* readLogSteps(text: string): ReadSteps {
  const reader = detectFormat(text);
  if (reader) return capErrors(yield* reader.steps(text));
  const lines = new LineIndex(text);
  const message = text.trim().length === 0
    ? 'The file is empty: there are no events to read.'
    : 'ADSync Doctor does not recognise this as an event log export (Event Viewer CSV, TXT or XML, or another supported shape).';
  return { format: 'unknown', events: [], errors: [{ message, range: lines.range(0, lines.lineEnd(0)) }] };
}

function capErrors(result: ReadResult): ReadResult {
  if (result.errors.length <= MAX_ERRORS) return result;
  const kept = result.errors.slice(0, MAX_ERRORS);
  const last = result.errors[result.errors.length - 1];
  kept.push({ message: `${result.errors.length - MAX_ERRORS} more parts of the file could not be read (the last on line ${last.range.start.line + 1}).`, range: last.range });
  return { ...result, errors: kept };
}
