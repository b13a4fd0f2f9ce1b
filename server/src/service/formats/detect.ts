/** Picks the reader for a text by content, never by file name. */
import type { ReadResult } from '../model';
import { readers } from './registry';
import type { FormatReader } from './reader';
import { LineIndex } from './text';

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

/** Reads any supported export; an unrecognised text gives one error saying so. */
export function readLog(text: string): ReadResult {
  const reader = detectFormat(text);
  if (reader) return reader.read(text);
  const lines = new LineIndex(text);
  const message = text.trim().length === 0
    ? 'The file is empty: there are no events to read.'
    : 'ADSync Doctor does not recognise this as an event log export (Event Viewer CSV, TXT or XML, or another supported shape).';
  return { format: 'unknown', events: [], errors: [{ message, range: lines.range(0, lines.lineEnd(0)) }] };
}
