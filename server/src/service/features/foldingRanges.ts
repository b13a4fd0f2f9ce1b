/**
 * Folding: every event that spans several lines folds to its first line — a CSV row with a stack
 * trace in its description, a Format-List block, a pretty-printed XML `<Event>`. One-line events
 * (and the events of a one-line XML export) have nothing to fold.
 */
import type { FoldingRange } from 'vscode-languageserver-types';
import type { LogAnalysis } from '../analysis/document';
import { runToEnd, STEP, type Steps } from '../steps';

/**
 * `rangeLimit` is the client's `foldingRange.rangeLimit` (VS Code sends `editor.foldingMaximumRegions`,
 * 5,000 by default): the editor keeps only that many, so a month-long log stops there rather than
 * sending hundreds of thousands of folds to be thrown away.
 */
export function logFoldingRanges(analysis: LogAnalysis, rangeLimit = Number.POSITIVE_INFINITY): FoldingRange[] {
  return runToEnd(logFoldingRangesSteps(analysis, rangeLimit));
}

/** The folds of each analysis, made once per range limit: editors ask again after every change. */
const made = new WeakMap<LogAnalysis, { rangeLimit: number; folds: FoldingRange[] }>();

/**
 * logFoldingRanges in steps (see steps.ts): a client that sets no range limit gets a fold for every
 * event: 0.07-0.4 s in one piece for the bench's 1,000,000-line log, asked again after every change.
 */
export function* logFoldingRangesSteps(analysis: LogAnalysis, rangeLimit = Number.POSITIVE_INFINITY): Steps<FoldingRange[]> {
  const known = made.get(analysis);
  if (known?.rangeLimit === rangeLimit) return known.folds;
  const { events } = analysis.read;
  const folds: FoldingRange[] = [];
  let lastStart = -1;
  for (let i = 0; i < events.length && folds.length < rangeLimit; i++) {
    if ((i + 1) % STEP === 0) yield;
    const { start, end } = events[i].range;
    let endLine = end.line;
    // A range that stops at the start of a line does not reach into that line.
    if (end.character === 0 && endLine > start.line) endLine--;
    // Where the next event begins on this event's last line (XML written with few line breaks), stop
    // one line short: folds must not overlap, or the editor drops one of them.
    const next = events[i + 1];
    if (next && next.range.start.line <= endLine) endLine = next.range.start.line - 1;
    // The editor keeps one fold per start line; the first event starting there has it.
    if (endLine <= start.line || start.line === lastStart) continue;
    folds.push({ startLine: start.line, endLine });
    lastStart = start.line;
  }
  made.set(analysis, { rangeLimit, folds });
  return folds;
}
