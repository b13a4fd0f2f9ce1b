/** Whole files from disk (the CLI, and logs too big for the editor): bytes in, one report out. */
import type { Finding, FormatId, LogEvent, ReadError } from './model';
import { analyzeLogText, readErrorFindings } from './analysis/document';
import { decodeBytes } from './formats/text';

export interface FileReport {
  format: FormatId;
  events: LogEvent[];
  /** Event findings in file order (read errors are in `errors`). */
  findings: Finding[];
  errors: ReadError[];
}

export function analyzeBytes(bytes: Uint8Array): FileReport {
  const analysis = analyzeLogText(decodeBytes(bytes));
  return { format: analysis.read.format, events: analysis.read.events, findings: analysis.findings, errors: analysis.read.errors };
}

export { readErrorFindings };
