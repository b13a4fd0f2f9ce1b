/**
 * The log put in time order for the timeline rules, whatever order the export wrote it in
 * (Event Viewer saves newest first; wevtutil and Get-WinEvent differ).
 *
 * The timeline is kept in columns, one array per property indexed by position, rather than as an
 * object per event: a big log has hundreds of thousands of password-sync events, and an object for
 * each costs the garbage collector more than all the rules together.
 */
import type { Finding, LogEvent, Severity } from '../../model';
import type { CatalogueMatch } from '../catalogue';
import type { EventEntry } from '../../knowledge/events';
import { extractFields, fieldsOf, type EventFields } from '../fields';
import { STEP, type Steps } from '../../steps';

export interface Timeline {
  /** The log's events, in file order. */
  readonly events: readonly LogEvent[];
  /** How many password-sync (catalogue-matched) events the log has; positions 0 to length - 1 put them oldest first. */
  readonly length: number;
  /** Per position: the event's index in `events`, which becomes Finding.eventIndex. */
  readonly indices: Int32Array;
  /** Per position: the catalogue entry the event matched (its eventId also when the export had none). */
  readonly entries: readonly EventEntry[];
  /** Per position: the event's sortTime, or its nearest dated neighbour's; meaningless when `end` is null. */
  readonly times: Float64Array;
  /** Per position: 1 when the time is the event's own rather than a neighbour's. */
  readonly dated: Uint8Array;
  /** Per position: the users the event names (each user of a 656/657, each DN of a retry notice); empty for other events. */
  readonly users: readonly (readonly TimelineUser[])[];
  /** The latest time of any event in the log, password sync or not; null when no event is dated (nor has a time). */
  readonly end: number | null;
}

export interface TimelineRule {
  /** Stable rule id (CLI contract), `timeline/...`. */
  id: string;
  /** A few words for trees and reports. */
  title: string;
  /** Yields now and then inside its loops over events, as readers do (steps.ts). */
  run(timeline: Timeline): Steps<Finding[]>;
}

/**
 * Calls `visit` with 0 to count - 1, yielding every STEP rounds. Rules loop through this rather than
 * with a for-of of their own: inside a generator, V8 allocates an iterator result on every round.
 */
export function* each(count: number, visit: (i: number) => void): Steps<void> {
  for (let i = 0; i < count; i++) {
    if ((i + 1) % STEP === 0) yield;
    visit(i);
  }
}

const noUsers: readonly TimelineUser[] = [];

/** One pass over the log (most events are not password sync, so each costs only a few comparisons), then the time order. */
/** `fields`: the fields of events already read (by event index), so they are not read twice. */
export function* buildTimeline(events: readonly LogEvent[], matches: readonly (CatalogueMatch | null)[], fields?: readonly (EventFields | undefined)[]): Steps<Timeline> {
  // Comparisons with null, not truthiness: those need not read the match objects themselves.
  let count = 0;
  yield* each(events.length, (index) => {
    if (matches[index] != null) count++;
  });
  // The password-sync events in file order first.
  const found = new Int32Array(count);
  const foundTimes = new Float64Array(count);
  const foundDated = new Uint8Array(count);
  const foundEntries = new Array<EventEntry>(count);
  const foundUsers = new Array<readonly TimelineUser[]>(count);
  const usersOf = userReader();
  // The latest dated event so far in file order, whose time undated events borrow, and the latest in
  // time; -1 until there is one. Indices rather than times: a closure would keep each time as an object.
  let previous = -1;
  let latest = -1;
  let forward = 0;
  let backward = 0;
  let k = 0;
  yield* each(events.length, (index) => {
    const event = events[index];
    const time = event.sortTime;
    if (time !== null) {
      // Events before the first dated one borrow the time after them instead: this one.
      if (previous === -1) foundTimes.fill(time, 0, k);
      else if (time > events[previous].sortTime!) forward++;
      else if (time < events[previous].sortTime!) backward++;
      previous = index;
      if (latest === -1 || time > events[latest].sortTime!) latest = index;
    }
    const match = matches[index];
    if (match == null) return;
    found[k] = index;
    foundTimes[k] = previous === -1 ? 0 : events[previous].sortTime!;
    foundDated[k] = time !== null ? 1 : 0;
    foundEntries[k] = match.entry;
    // The users are read now, while the event is at hand: two rules walk them.
    foundUsers[k] = usersOf(event, match.entry, fields?.[index]);
    k++;
  });

  // Event Viewer saves newest first: dated events then mostly go back in time through the file.
  const newestFirst = backward > forward;
  const end = latest === -1 ? null : events[latest].sortTime;
  // Equal times (a batch's 650/656/657/651 share one second) keep the order the file implies.
  const before = (a: number, b: number) => (end !== null && foundTimes[a] !== foundTimes[b] ? foundTimes[a] - foundTimes[b] : newestFirst ? b - a : a - b);
  // An export is in time order one way or the other: then positions simply run along or against the file.
  let inOrder = true;
  yield* each(count - 1, (i) => {
    if ((newestFirst ? before(i + 1, i) : before(i, i + 1)) > 0) inOrder = false;
  });
  const order = inOrder ? null : Array.from(found, (_, i) => i).sort(before);

  const timeline = {
    events, end,
    length: count,
    indices: new Int32Array(count),
    entries: new Array<EventEntry>(count),
    times: new Float64Array(count),
    dated: new Uint8Array(count),
    users: new Array<readonly TimelineUser[]>(count),
  };
  yield* each(count, (p) => {
    const i = order ? order[p] : newestFirst ? count - 1 - p : p;
    timeline.indices[p] = found[i];
    timeline.entries[p] = foundEntries[i];
    timeline.times[p] = foundTimes[i];
    timeline.dated[p] = foundDated[i];
    timeline.users[p] = foundUsers[i];
  });
  return timeline;
}

/** The event at a position. */
export function eventAt(timeline: Timeline, position: number): LogEvent {
  return timeline.events[timeline.indices[position]];
}

/** One user of a 656/657 message: a message may name several, each introduced by its anchor. */
export interface UserChange {
  anchor?: string;
  dn?: string;
  result?: string;
}

/** A user an event names, as the timeline rules compare users: by anchor, or by `key`, the dnKey of its DN. */
export interface TimelineUser extends UserChange {
  key?: string;
}

export function userChanges(message: string): UserChange[] {
  return (splitUsers(message) ?? [extractFields(message)]).map((f) => ({ anchor: f.anchor, dn: f.dns[0], result: f.result }));
}

/** The fields of each user when a message names several; null for the usual message, which names one. */
function splitUsers(message: string): EventFields[] | null {
  // Only split when "Anchor" occurs more than once.
  const first = message.indexOf('nchor');
  if (first === -1 || message.indexOf('nchor', first + 5) === -1) return null;
  const segments = message.split(/(?=\bAnchor\s*:)/i).filter((s) => /^Anchor\s*:/i.test(s));
  return segments.length > 0 ? segments.map((s) => extractFields(s)) : null;
}

/**
 * Reads the users of one log's events with one string object per anchor or result spelling and each
 * DN's key worked out once: the rules then find users in their Maps by pointer, and never go back to
 * text scattered across the log.
 */
function userReader(): (event: LogEvent, entry: EventEntry, fields?: EventFields) => readonly TimelineUser[] {
  const spellings = new Map<string, string>();
  const spelling = (text: string | undefined) => {
    if (text === undefined) return undefined;
    const known = spellings.get(text);
    if (known !== undefined) return known;
    spellings.set(text, text);
    return text;
  };
  const keys = new Map<string, string>();
  const keyOf = (dn: string) => {
    let key = keys.get(dn);
    if (key === undefined) keys.set(dn, (key = dnKey(dn)));
    return key;
  };
  const changeOf = (fields: EventFields): TimelineUser => {
    const dn = fields.dns[0];
    return { anchor: spelling(fields.anchor), dn, key: dn === undefined ? undefined : keyOf(dn), result: spelling(fields.result) };
  };
  return (event, entry, fields) => {
    if (entry.eventId === 656 || entry.eventId === 657) return splitUsers(event.message)?.map(changeOf) ?? [changeOf(fields ?? fieldsOf(event))];
    if (entry.rule === 'event/0-retry-scheduled') return (fields ?? fieldsOf(event)).dns.map((dn) => ({ anchor: undefined, dn, key: keyOf(dn), result: undefined }));
    return noUsers;
  };
}

/** DNs compare case-insensitively and regardless of spaces around `,` and `=`. */
export function dnKey(dn: string): string {
  return dn.trim().toLowerCase().replace(/\s*([,=])\s*/g, '$1');
}

/** A finding placed on the ID of the event at a position. */
export function findingAt(timeline: Timeline, position: number, rule: string, severity: Severity, message: string, remediation: readonly string[]): Finding {
  const event = eventAt(timeline, position);
  return {
    rule,
    severity,
    message: oneLine(message),
    range: event.idRange,
    eventId: timeline.entries[position].eventId,
    source: event.source,
    remediation: [...new Set(remediation)],
    eventIndex: timeline.indices[position],
  };
}

/** The time as the export wrote it, for messages; undated events are named by position in the file instead. */
export function whenOf(timeline: Timeline, position: number): string {
  return eventAt(timeline, position).timeText?.trim() || `event ${timeline.indices[position] + 1} of the file`;
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
