/**
 * What the analysis needs of every event read, kept or not. A file too big to hold (a streamed .evtx, a
 * text read in pieces) keeps only its password-sync events, yet the verdict counts all the events, and
 * the timeline takes the end of the log, its direction and the time an undated event borrows from
 * whichever events are dated, whoever wrote them.
 */
export class EventsSeen {
  /** Events read. */
  count = 0;
  /** Dated events later than the dated event before them in the file, and earlier. */
  forward = 0;
  backward = 0;
  /** The latest time of any event; null while none is dated. */
  latest: number | null = null;
  /**
   * Per kept event, in order: its own time, or the time of the last dated event before it in the file
   * (before the first dated event, that one's); 0 while no event is dated.
   */
  readonly placed: number[] = [];
  private previous: number | null = null;

  /** The next event of the file, in file order, with whether it is kept. */
  see(sortTime: number | null, keep: boolean): void {
    this.count++;
    if (sortTime !== null) {
      const previous = this.previous;
      // The kept events so far were all undated: they borrow this first time after them.
      if (previous === null) this.placed.fill(sortTime);
      else if (sortTime > previous) this.forward++;
      else if (sortTime < previous) this.backward++;
      this.previous = sortTime;
      if (this.latest === null || sortTime > this.latest) this.latest = sortTime;
    }
    if (keep) this.placed.push(this.previous ?? 0);
  }
}
