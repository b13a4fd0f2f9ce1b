/** The contract every export-shape reader keeps. One file per shape implements it. */
import type { FormatId, ReadResult } from '../model';
import { runToEnd, type Steps } from '../steps';

export type ReadSteps = Steps<ReadResult>;

export interface FormatReader {
  id: FormatId;
  /**
   * How sure the reader is that the text is its shape, from 0 (not mine) to 1 (certainly mine).
   * Looks only at the start of the text (the first few KB), so sniffing a huge file stays cheap.
   */
  sniff(head: string): number;
  /**
   * Reads the whole text, yielding every few hundred records so a host can pause between them.
   * Never throws: what cannot be read becomes a ReadError with a range.
   */
  steps(text: string): ReadSteps;
  /** The same read, run to its end. */
  read(text: string): ReadResult;
}

export function defineReader(reader: Omit<FormatReader, 'read'>): FormatReader {
  return { ...reader, read: (text) => runToEnd(reader.steps(text)) };
}
