/**
 * The log put in time order for the timeline rules, whatever order the export wrote it in
 * (Event Viewer saves newest first; wevtutil and Get-WinEvent differ).
 */
import type { Finding, LogEvent, Severity } from '../../model';
import type { CatalogueMatch } from '../catalogue';
import { extractFields, fieldsOf, type EventFields } from '../fields';

export interface TimelineEvent {
  /** Index into the events array (file order); becomes Finding.eventIndex. */
  index: number;
  event: LogEvent;
  match: CatalogueMatch;
  /** The catalogue's event ID (also when the export had none and it was inferred). */
  eventId: number;
  /** The event's sortTime, or its nearest dated neighbour's; null only when the log has no times at all. */
  time: number | null;
}

export interface Timeline {
  /** Password-sync (catalogue-matched) events, oldest first. */
  readonly items: readonly TimelineEvent[];
  /** The latest time of any event in the log, password sync or not; null when no event is dated. */
  readonly end: number | null;
  /** Parsed fields of an event's message (memoised: several rules read the same events). */
  fields(item: TimelineEvent): EventFields;
}

export interface TimelineRule {
  /** Stable rule id (CLI contract), `timeline/...`. */
  id: string;
  /** A few words for trees and reports. */
  title: string;
  run(timeline: Timeline): Finding[];
}

export function buildTimeline(events: readonly LogEvent[], matches: readonly (CatalogueMatch | null)[]): Timeline {
  const newestFirst = isNewestFirst(events);
  const times = effectiveTimes(events);
  const items: TimelineEvent[] = [];
  events.forEach((event, index) => {
    const match = matches[index];
    if (match) items.push({ index, event, match, eventId: match.entry.eventId, time: times[index] });
  });
  // Equal times (a batch's 650/656/657/651 share one second) keep the order the file implies.
  const rank = (item: TimelineEvent) => (newestFirst ? -item.index : item.index);
  items.sort((a, b) => (a.time !== null && b.time !== null && a.time !== b.time ? a.time - b.time : rank(a) - rank(b)));

  let end: number | null = null;
  for (const event of events) if (event.sortTime !== null && (end === null || event.sortTime > end)) end = event.sortTime;

  const cache = new Map<number, EventFields>();
  return {
    items,
    end,
    fields(item) {
      let fields = cache.get(item.index);
      if (!fields) {
        fields = fieldsOf(item.event);
        cache.set(item.index, fields);
      }
      return fields;
    },
  };
}

/** True when dated events mostly go back in time through the file (Event Viewer's newest-first order). */
function isNewestFirst(events: readonly LogEvent[]): boolean {
  let previous: number | null = null;
  let forward = 0;
  let backward = 0;
  for (const event of events) {
    if (event.sortTime === null) continue;
    if (previous !== null) {
      if (event.sortTime > previous) forward++;
      else if (event.sortTime < previous) backward++;
    }
    previous = event.sortTime;
  }
  return backward > forward;
}

/** Undated events borrow the time of the dated event before them in the file (else the one after). */
function effectiveTimes(events: readonly LogEvent[]): (number | null)[] {
  const times: (number | null)[] = events.map((e) => e.sortTime);
  let carry: number | null = null;
  for (let i = 0; i < times.length; i++) {
    if (times[i] === null) times[i] = carry;
    else carry = times[i];
  }
  carry = null;
  for (let i = times.length - 1; i >= 0; i--) {
    if (times[i] === null) times[i] = carry;
    else carry = times[i];
  }
  return times;
}

/** One user of a 656/657 message: a message may name several, each introduced by its anchor. */
export interface UserChange {
  anchor?: string;
  dn?: string;
  result?: string;
}

export function userChanges(message: string): UserChange[] {
  // Most messages name one user: only split when "Anchor" occurs more than once.
  const first = message.indexOf('nchor');
  if (first === -1 || message.indexOf('nchor', first + 5) === -1) {
    const f = extractFields(message);
    return [{ anchor: f.anchor, dn: f.dns[0], result: f.result }];
  }
  const segments = message.split(/(?=\bAnchor\s*:)/i).filter((s) => /^Anchor\s*:/i.test(s));
  const parts = segments.length > 0 ? segments : [message];
  return parts.map((part) => {
    const f = extractFields(part);
    return { anchor: f.anchor, dn: f.dns[0], result: f.result };
  });
}

/** DNs compare case-insensitively and regardless of spaces around `,` and `=`. */
export function dnKey(dn: string): string {
  return dn.trim().toLowerCase().replace(/\s*([,=])\s*/g, '$1');
}

/** A finding placed on one event's ID. */
export function findingAt(item: TimelineEvent, rule: string, severity: Severity, message: string, remediation: readonly string[]): Finding {
  return {
    rule,
    severity,
    message: oneLine(message),
    range: item.event.idRange,
    eventId: item.eventId,
    source: item.event.source,
    remediation: [...new Set(remediation)],
    eventIndex: item.index,
  };
}

/** The time as the export wrote it, for messages; undated events are named by position instead. */
export function whenOf(item: TimelineEvent): string {
  return item.event.timeText?.trim() || `event ${item.index + 1} of the file`;
}

/** "2 h 05 min", "45 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Names up to three subjects, then how many more. */
export function nameList(names: readonly string[]): string {
  const shown = names.slice(0, 3).join('; ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}
