/** Finding events by position: every feature that answers for a place or a range uses these. */
import type { LogEvent, Position } from '../model';
import { isBefore } from '../formats/text';

/** Index of the first event whose range ends at or after `position` (events.length when none); events are in document order. */
export function firstEventEndingAfter(events: readonly LogEvent[], position: Position): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(events[mid].range.end, position)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the event whose range holds the position, or -1. */
export function eventAt(events: readonly LogEvent[], position: Position): number {
  const i = firstEventEndingAfter(events, position);
  return i < events.length && !isBefore(position, events[i].range.start) ? i : -1;
}
