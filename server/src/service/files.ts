/** Whole files from disk (the CLI, and logs too big for the editor): bytes in, one report out. */
import type { Finding, FormatId, LogEvent, ReadError } from './model';
import type { Verdict } from './analysis/verdict';
import { analyzeLogText, analyzeScriptText, isScriptDocument, readErrorFindings } from './analysis/document';
import { decodeBytes } from './formats/text';

export interface FileReport {
  format: FormatId;
  events: LogEvent[];
  /** Event findings in file order (read errors are in `errors`). */
  findings: Finding[];
  /** Findings over the whole log (timeline rules). */
  timeline: Finding[];
  errors: ReadError[];
  /** Null for scripts. */
  verdict: Verdict | null;
}

/** `name` (a path or file name) tells a PowerShell script from a log; a log's shape is read from its content. */
export function analyzeBytes(bytes: Uint8Array, name = ''): FileReport {
  const text = decodeBytes(bytes);
  if (isScriptDocument(null, name)) {
    return { format: 'powershell-script', events: [], findings: analyzeScriptText(text).findings, timeline: [], errors: [], verdict: null };
  }
  const analysis = analyzeLogText(text);
  return { format: analysis.read.format, events: analysis.read.events, findings: analysis.findings, timeline: analysis.timeline, errors: analysis.read.errors, verdict: analysis.verdict };
}

export { readErrorFindings };
