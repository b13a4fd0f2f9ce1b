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
import { fieldsOf, oneLine, subjectFields, subjectFieldsOf, type EventFields } from '../fields';
import { STEP, type Steps } from '../../steps';
import { EventsSeen } from '../eventsSeen';

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
  /** Per position: the users the event names are the user slots `usersFrom[p]` to `usersTo[p] - 1` (see TimelineUsers). */
  readonly usersFrom: Int32Array;
  readonly usersTo: Int32Array;
  readonly users: TimelineUsers;
  /** The latest time of any event in the log, password sync or not; null when no event is dated (nor has a time). */
  readonly end: number | null;
}

/**
 * The users events name (each user of a 656/657, each DN of a retry notice), one slot each, in file
 * order. Anchors and DNs are numbered as they come, so that the rules compare users by number and
 * keep their state in typed arrays rather than in Maps of strings.
 */
export interface TimelineUsers {
  /** How many slots. */
  readonly count: number;
  /** Per slot: the DN as written, or undefined. */
  readonly dn: readonly (string | undefined)[];
  /** Per slot: the number of the DN's dnKey, or -1 without a DN (the rules test this rather than `dn`, which they then need not read). */
  readonly key: Int32Array;
  /** Per slot: the number of the anchor, or -1 without one. */
  readonly anchor: Int32Array;
  /** Per slot: the 657 result as written ("Success", "Failed"...), or undefined. */
  readonly result: readonly (string | undefined)[];
  /** The anchors by number. */
  readonly anchors: readonly string[];
  /** How many DN keys the slots number (0 to keyCount - 1). */
  readonly keyCount: number;
  /** The number of a key as dnKey spells it, numbering new ones from keyCount on (a rule may name a user by something other than its DN). */
  keyId(key: string): number;
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
 * Calls `visit` with 0 to count - 1 by runs of at most STEP (`visit(from, to)` covers from to to - 1),
 * yielding between runs. Rules loop inside `visit` with plain for loops: a call per event, or a
 * for-of inside a generator (which allocates an iterator result every round), costs more than the work.
 */
export function* each(count: number, visit: (from: number, to: number) => void): Steps<void> {
  for (let from = 0; from < count; from += STEP) {
    if (from > 0) yield;
    visit(from, Math.min(count, from + STEP));
  }
}

/**
 * One pass over the log (most events are not password sync, so each costs only a few comparisons), then
 * the time order. `users`: the users of the matched events, read beforehand (see usersReader); by
 * default they are read here. `seen`: every event read, when `events` are only those kept; by default
 * `events` are all.
 */
export function* buildTimeline(events: readonly LogEvent[], matches: readonly (CatalogueMatch | null)[], users?: UsersReader, seen?: EventsSeen): Steps<Timeline> {
  if (!seen) {
    const all = new EventsSeen();
    yield* each(events.length, (from, to) => {
      for (let index = from; index < to; index++) all.see(events[index].sortTime, true);
    });
    seen = all;
  }
  const placed = seen.placed;
  // Comparisons with null, not truthiness: those need not read the match objects themselves.
  let count = 0;
  yield* each(events.length, (from, to) => {
    for (let index = from; index < to; index++) if (matches[index] != null) count++;
  });
  // The password-sync events in file order first.
  const indices = new Int32Array(count);
  const times = new Float64Array(count);
  const dated = new Uint8Array(count);
  const entries = new Array<EventEntry>(count);
  const usersFrom = new Int32Array(count);
  const usersTo = new Int32Array(count);
  const reader = users ?? usersReader();
  const readHere = users === undefined;
  let k = 0;
  yield* each(events.length, (from, to) => {
    for (let index = from; index < to; index++) {
      const match = matches[index];
      if (match == null) continue;
      const event = events[index];
      indices[k] = index;
      times[k] = placed[index];
      dated[k] = event.sortTime !== null ? 1 : 0;
      entries[k] = match.entry;
      // The users are read now, while the event is at hand, unless they were already: two rules walk them.
      if (readHere) reader.read(event, match.entry);
      usersFrom[k] = reader.from[k];
      usersTo[k] = reader.to[k];
      k++;
    }
  });

  // Event Viewer saves newest first: dated events then mostly go back in time through the file.
  const newestFirst = seen.backward > seen.forward;
  const end = seen.latest;
  // Equal times (a batch's 650/656/657/651 share one second) keep the order the file implies.
  const before = (a: number, b: number) => (end !== null && times[a] !== times[b] ? times[a] - times[b] : newestFirst ? b - a : a - b);
  // An export is in time order one way or the other: then positions simply run along or against the file.
  let inOrder = true;
  yield* each(count - 1, (from, to) => {
    for (let i = from; i < to && inOrder; i++) if ((newestFirst ? before(i + 1, i) : before(i, i + 1)) > 0) inOrder = false;
  });
  const columns = [indices, times, dated, entries, usersFrom, usersTo];
  if (!inOrder) {
    const order = Array.from(indices, (_, i) => i).sort(before);
    for (const column of columns) {
      const copy = column.slice();
      yield* each(count, (from, to) => {
        for (let p = from; p < to; p++) column[p] = copy[order[p]];
      });
    }
  } else if (newestFirst) {
    for (const column of columns) column.reverse();
  }
  return { events, end, length: count, indices, entries, times, dated, usersFrom, usersTo, users: reader.done() };
}

/** The fields of the event at a position (read again: rules ask for those of few events). */
export function fieldsAt(timeline: Timeline, position: number): EventFields {
  return fieldsOf(eventAt(timeline, position));
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

export function userChanges(message: string): UserChange[] {
  return (splitUsers(message) ?? [subjectFields(message)]).map((f) => ({ anchor: f.anchor, dn: f.dns[0], result: f.result }));
}

/** The fields of each user when a message names several; null for the usual message, which names one. */
function splitUsers(message: string): EventFields[] | null {
  // Only split when "Anchor" occurs more than once.
  const first = message.indexOf('nchor');
  if (first === -1 || message.indexOf('nchor', first + 5) === -1) return null;
  const segments = message.split(/(?=\bAnchor\s*:)/i).filter((s) => /^Anchor\s*:/i.test(s));
  return segments.length > 0 ? segments.map((s) => subjectFields(s)) : null;
}

/**
 * Reads the users of a log's matched events one event at a time, in file order (`read`, once for each
 * matched event), then hands them over as TimelineUsers (`done`). The analysis of events reads them
 * as it goes (see analyzeReadSteps), handing over the fields it has read of each event (at least its
 * subject fields: subjectFieldsOf): those then need not be kept until the timeline is built (on the
 * bench's 100 MB CSV they were 47 MB).
 */
export interface UsersReader {
  read(event: LogEvent, entry: EventEntry, fields?: EventFields): void;
  /** Per event read, in order: its users are the slots from[i] to to[i] - 1. */
  readonly from: readonly number[];
  readonly to: readonly number[];
  done(): TimelineUsers;
}

export function usersReader(): UsersReader {
  const dns: (string | undefined)[] = [];
  const keys: number[] = [];
  const anchorIds: number[] = [];
  const results: (string | undefined)[] = [];
  const anchors: string[] = [];
  const anchorNumbers = new Map<string, number>();
  const keyNumbers = keyNumbering();
  const from: number[] = [];
  const to: number[] = [];
  const anchorId = (anchor: string | undefined) => {
    if (!anchor) return -1;
    let id = anchorNumbers.get(anchor);
    if (id === undefined) anchorNumbers.set(anchor, (id = anchors.push(anchor) - 1));
    return id;
  };
  const add = (dn: string | undefined, anchor: string | undefined, result: string | undefined) => {
    dns.push(dn);
    keys.push(dn === undefined ? -1 : keyNumbers.ofDn(dn));
    anchorIds.push(anchorId(anchor));
    results.push(result);
  };
  const addChange = (f: EventFields) => add(f.dns[0], f.anchor, f.result);
  return {
    from,
    to,
    read(event, entry, fields) {
      from.push(dns.length);
      if (entry.eventId === 656 || entry.eventId === 657) {
        const several = splitUsers(event.message);
        if (several) several.forEach(addChange);
        else addChange(fields ?? subjectFieldsOf(event));
      } else if (entry.rule === 'event/0-retry-scheduled') {
        for (const dn of (fields ?? subjectFieldsOf(event)).dns) add(dn, undefined, undefined);
      }
      to.push(dns.length);
    },
    done: (): TimelineUsers => ({
      count: dns.length, dn: dns, key: Int32Array.from(keys), anchor: Int32Array.from(anchorIds), result: results, anchors, keyCount: keyNumbers.count(), keyId: keyNumbers.ofKey,
    }),
  };
}

/** DNs compare case-insensitively and regardless of spaces around `,` and `=`. */
export function dnKey(dn: string): string {
  return keysAsLowerCase(dn) ? dn.toLowerCase() : dn.trim().toLowerCase().replace(/\s*([,=])\s*/g, '$1');
}

/**
 * Whether a DN's key is simply the DN in lower case: it is ASCII, without a space at either end nor
 * next to `,` or `=`. Most DNs are, and keying them needs neither trim nor replace, nor (in
 * keyNumbering) even the lower-case string.
 */
function keysAsLowerCase(dn: string): boolean {
  const last = dn.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = dn.charCodeAt(i);
    if (c >= 0x80) return false;
    if (isSpace(c) && (i === 0 || i === last || isSeparator(dn.charCodeAt(i - 1)) || isSeparator(dn.charCodeAt(i + 1)))) return false;
  }
  return true;
}

/** The ASCII characters \s matches. */
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isSeparator = (c: number) => c === 0x2c || c === 0x3d;
/** An ASCII letter in lower case: the only change toLowerCase makes to ASCII. */
const fold = (c: number) => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);

/**
 * Numbers DN keys as they come, in a hash table of typed arrays. A DN that keys as itself in lower
 * case (keysAsLowerCase) is hashed and compared folding case a character at a time, so that no key
 * string is made for it: a log names tens of thousands of DNs, and their strings and a Map of them
 * were most of the work (and garbage) of reading users.
 */
function keyNumbering() {
  // By number: the DN or key text (folded, it is the key), and its hash.
  const texts: string[] = [];
  const hashes: number[] = [];
  // Open addressing: per slot, a number or -1.
  let slots = new Int32Array(1024).fill(-1);
  const slotOf = (text: string, hash: number) => {
    const mask = slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const id = slots[i];
      if (id === -1 || (hashes[id] === hash && sameFolded(texts[id], text))) return i;
    }
  };
  const number = (text: string) => {
    let hash = 0x811c9dc5 | 0;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ fold(text.charCodeAt(i)), 0x01000193);
    const slot = slotOf(text, hash);
    if (slots[slot] !== -1) return slots[slot];
    const id = texts.push(text) - 1;
    hashes.push(hash);
    slots[slot] = id;
    // Kept at most half full, so that probes stay short.
    if (texts.length * 2 > slots.length) {
      slots = new Int32Array(slots.length * 2).fill(-1);
      for (let n = 0; n < texts.length; n++) slots[slotOf(texts[n], hashes[n])] = n;
    }
    return id;
  };
  return {
    count: () => texts.length,
    ofDn: (dn: string) => number(keysAsLowerCase(dn) ? dn : dnKey(dn)),
    /** A key as dnKey writes it (it keys as itself). */
    ofKey: number,
  };
}

function sameFolded(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (fold(a.charCodeAt(i)) !== fold(b.charCodeAt(i))) return false;
  return true;
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
    remediation: remediationList(remediation),
    eventIndex: timeline.indices[position],
  };
}

/**
 * Remediation lists by their links, without repeats. The links are the knowledge's, so there are few
 * lists, each named by thousands of findings of a big log: they share one, as event findings share
 * their entry's (and the CLI encodes each list once, not ~25,000 times for the bench's 100 MB CSV).
 * A rule passes the same list again and again: that is known without joining its links.
 */
const remediationLists = new Map<string, string[]>();
let lastLinks: readonly string[] | null = null;
let lastList: string[] = [];
function remediationList(links: readonly string[]): string[] {
  if (links === lastLinks) return lastList;
  const key = links.join(' ');
  let list = remediationLists.get(key);
  if (list === undefined) {
    list = [...new Set(links)];
    if (remediationLists.size < 256) remediationLists.set(key, list);
  }
  lastLinks = links;
  lastList = list;
  return list;
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
