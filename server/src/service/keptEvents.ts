/**
 * The events a read of a file too big to hold keeps (a streamed .evtx, a text read in pieces): all of
 * them, or only the password-sync ones, with every event read counted in `seen` for the analysis, and
 * reading stopped with a reason before the kept ones fill the heap. StringCopies makes events kept
 * from a text independent of it, so that the text can be let go.
 */
import type { LogEvent } from './model';
import { matchEvent } from './analysis/catalogue';
import { EventsSeen } from './analysis/eventsSeen';
import { stopWhenHeapFills } from './heapGuard';
import { copied, wideText } from './formats/text';

export class KeptEvents {
  readonly events: LogEvent[] = [];
  readonly seen = new EventsSeen();

  constructor(private readonly keepAll: boolean) {}

  /**
   * The next event read, in file order. `own` makes the event kept (it may change the event: a piece's
   * events are placed onto the file where they stand); `where` names the event, before that, in the
   * reason reading stops there (functions made once, not per event).
   */
  add(event: LogEvent, own: (event: LogEvent) => LogEvent, where: (event: LogEvent, count: number) => string): void {
    const keep = this.keepAll || matchEvent(event) !== null;
    this.seen.see(event.sortTime, keep);
    if (this.due()) this.stopWhenHeapFills(where(event, this.seen.count));
    if (keep) this.events.push(own(event));
  }

  /** The next event read, in file order, which a filtered read did not build (see EventFilter); `where` names it by its start. */
  skipped(sortTime: number | null, start: number, where: (start: number) => string): void {
    this.seen.see(sortTime, false);
    if (this.due()) this.stopWhenHeapFills(where(start));
  }

  /**
   * Checked every thousand events or so, not once per piece: a piece of short events can hold a third
   * of a small heap, and with a check every 4,096 events a streamed .evtx now and then went from under
   * the share to out of memory between two checks in a 32 MB heap. A check costs under a microsecond.
   */
  private due(): boolean {
    return this.seen.count % 1024 === 0;
  }

  private stopWhenHeapFills(where: string): void {
    stopWhenHeapFills(this.events.length, this.keepAll ? 'events' : 'password-sync events', this.seen.count, where);
  }
}

/**
 * Copies the strings of events kept from a text into strings of their own, so that the text can be
 * let go: V8 keeps a substring as a slice of the whole string, so one kept event keeps the whole text
 * alive. The strings of the events copied at once are joined, and each is then a slice of the join:
 * copying them one by one took a tenth of the time of reading a text in pieces (see the commit).
 * Providers and levels repeat from event to event, and times from one event to the next, so the
 * events share one copy of each.
 */
export class StringCopies {
  private readonly shared = new Map<string, string>();

  /**
   * Copies the strings of events[from..to) in place. `wide`: whether the text they were read from has a
   * character beyond Latin-1 (wideText), asked once per text: a slice of such a text is two bytes a character.
   */
  copy(events: readonly LogEvent[], from: number, to: number, wide: boolean): void {
    if (from >= to) return;
    // In the order they are taken back below; a time the event before had too is not copied again.
    const parts: string[] = [];
    const add = (part: string): void => {
      if (part.length > 0) parts.push(part);
    };
    let timeText: string | null = null;
    let time: string | null = null;
    for (let i = from; i < to; i++) {
      const e = events[i];
      add(e.message);
      if (e.timeText !== null && e.timeText !== timeText) add((timeText = e.timeText));
      if (e.time !== null && e.time !== time) add((time = e.time));
      if (e.data) e.data.forEach(add);
    }
    // A join of one text may be that text. A join of slices of a wide text is two bytes a character:
    // copied() narrows it when it fits. Else the join is kept as it is: copied() would make a long one
    // an external string, and ~350 MB of those from the 1 GB CSV made V8 collect more often (12% more
    // CPU time).
    const joined = parts.join('');
    const all = parts.length === 1 || (wide && !wideText(joined)) ? copied(joined) : joined;
    let at = 0;
    const next = (part: string): string => all.slice(at, (at += part.length));
    timeText = time = null;
    let timeTextCopy: string | null = null;
    let timeCopy: string | null = null;
    for (let i = from; i < to; i++) {
      const e = events[i];
      e.message = next(e.message);
      if (e.timeText !== null) {
        if (e.timeText !== timeText) timeTextCopy = next((timeText = e.timeText));
        e.timeText = timeTextCopy;
      }
      if (e.time !== null) {
        if (e.time !== time) timeCopy = next((time = e.time));
        e.time = timeCopy;
      }
      if (e.data) e.data = e.data.map(next);
      if (e.source !== null) e.source = this.shareOf(e.source);
      if (e.levelText !== null) e.levelText = this.shareOf(e.levelText);
    }
  }

  /** One copy per distinct text, of the last few thousand met. */
  private shareOf(text: string): string {
    let copy = this.shared.get(text);
    if (copy === undefined) {
      if (this.shared.size >= 4096) this.shared.clear();
      // The copy is the key too: the text met would keep its whole text alive.
      copy = copied(text);
      this.shared.set(copy, copy);
    }
    return copy;
  }
}
