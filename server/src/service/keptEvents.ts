/**
 * The events a read of a file too big to hold keeps (a streamed .evtx, a text read in pieces): all of
 * them, or only the password-sync ones, with every event read counted in `seen` for the analysis, and
 * reading stopped with a reason before the kept ones fill the heap.
 */
import type { LogEvent } from './model';
import { matchEvent } from './analysis/catalogue';
import { EventsSeen } from './analysis/eventsSeen';
import { stopWhenHeapFills } from './heapGuard';

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
