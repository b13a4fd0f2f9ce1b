/**
 * Inlay hints: after each recognised event ID, the catalogue title in a few words and, for warnings
 * and errors, the fix in brief — so a long log reads without hovering every line.
 */
import type { InlayHint, Position, Range } from 'vscode-languageserver-types';
import type { LogEvent } from '../model';
import type { LogAnalysis } from '../analysis/document';
import { firstEventEndingAfter } from './eventSearch';
import { isBefore } from '../formats/text';
import type { EventEntry } from '../knowledge/events';

/** `problems` keeps warnings and errors only; `off` answers nothing (the setting's three values). */
export type InlayHintMode = 'all' | 'problems' | 'off';

/**
 * Hints answered for one request, the first in the range. The editor asks for whole visible lines, and
 * an XML export is often one line: for a 30 MB one that was every event of the log, and code-server froze
 * laying out the tens of thousands of hints on the line, though unwrapped it draws only the line's first
 * `editor.stopRenderingLineAfter` characters (10,000 by default). A screen of ordinary lines, with the
 * viewport above and below that VS Code asks for too, holds far fewer.
 */
export const MAX_INLAY_HINTS = 1000;

/**
 * Hints for the events whose ID lies in `range` (the editor asks for the visible lines only).
 * Events are in document order, so a binary search finds the first one and the walk stops after the
 * last: O(log n + k) however long the log.
 */
export function logInlayHints(analysis: LogAnalysis, range: Range, mode: InlayHintMode): InlayHint[] {
  if (mode === 'off') return [];
  const { events } = analysis.read;
  const hints: InlayHint[] = [];
  for (let i = firstEventEndingAfter(events, range.start); i < events.length && hints.length < MAX_INLAY_HINTS; i++) {
    const event = events[i];
    if (isBefore(range.end, event.range.start)) break;
    const match = analysis.matches[i];
    if (!match) continue;
    const { entry } = match;
    if (mode === 'problems' && entry.severity !== 'error' && entry.severity !== 'warning') continue;
    if (!contains(range, event.idRange.start) || !contains(range, event.idRange.end)) continue;
    hints.push(match.inferred ? inferredHint(event, entry) : idHint(event, entry));
  }
  return hints;
}

/** The ID is on screen, so the hint starts with the title: `· DC replication refused (RPC 8439) → …`. */
function idHint(event: LogEvent, entry: EventEntry): InlayHint {
  return { position: event.idRange.end, label: `· ${summary(entry)}`, paddingLeft: true, tooltip: entry.cause };
}

/** A message pasted alone has no ID on screen: name it before the message instead. */
function inferredHint(event: LogEvent, entry: EventEntry): InlayHint {
  return { position: event.idRange.start, label: `${entry.eventId} · ${summary(entry)}`, paddingRight: true, tooltip: entry.cause };
}

function summary(entry: EventEntry): string {
  const acts = entry.severity === 'error' || entry.severity === 'warning';
  return acts && entry.brief ? `${entry.title} → ${entry.brief}` : entry.title;
}

function contains(range: Range, position: Position): boolean {
  return !isBefore(position, range.start) && !isBefore(range.end, position);
}
