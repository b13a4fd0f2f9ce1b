/** The contract every export-shape reader keeps. One file per shape implements it. */
import type { FormatId, ReadResult } from '../model';

export interface FormatReader {
  id: FormatId;
  /**
   * How sure the reader is that the text is its shape, from 0 (not mine) to 1 (certainly mine).
   * Looks only at the start of the text (the first few KB), so sniffing a huge file stays cheap.
   */
  sniff(head: string): number;
  /** Reads the whole text. Never throws: what cannot be read becomes a ReadError with a range. */
  read(text: string): ReadResult;
}
