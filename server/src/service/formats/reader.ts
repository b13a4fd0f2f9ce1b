/** The contract every export-shape reader keeps. One file per shape implements it. */
import type { FormatId, ReadResult } from '../model';
import type { EventsSeen } from '../analysis/eventsSeen';
import { runToEnd, type Steps } from '../steps';

export type ReadSteps = Steps<ReadResult>;

/**
 * Asks a read to leave out the events its caller would drop (a log analysed from disk keeps only the
 * password-sync ones): an event `wants` refuses by its provider and ID is not built, only counted.
 * Every event read, left out or not, goes to `seen` in file order, as the analysis of kept events needs.
 */
export interface EventFilter {
  wants(source: string | null, eventId: number | null): boolean;
  readonly seen: EventsSeen;
}

export interface FormatReader {
  id: FormatId;
  /**
   * How sure the reader is that the text is its shape, from 0 (not mine) to 1 (certainly mine).
   * Looks only at the start of the text (the first few KB), so sniffing a huge file stays cheap.
   */
  sniff(head: string): number;
  /**
   * Reads the whole text, yielding every few hundred records so a host can pause between them.
   * Never throws: what cannot be read becomes a ReadError with a range.
   */
  steps(text: string, filter?: EventFilter): ReadSteps;
  /** The same read, run to its end. */
  read(text: string): ReadResult;
}

/**
 * A reader from its shape's functions. `steps` leaves out what a filter refuses itself when
 * `filters` says so (the shapes of big logs, where it saves building most events); for the others the
 * events are left out once read.
 */
export function defineReader(reader: Omit<FormatReader, 'read'> & { filters?: true }): FormatReader {
  const { id, sniff, filters } = reader;
  const steps = filters ? reader.steps : function* (text: string, filter?: EventFilter): ReadSteps {
    const read = yield* reader.steps(text);
    return filter ? { ...read, events: read.events.filter((e) => filtered(filter, e.source, e.eventId, e.sortTime)) } : read;
  };
  return { id, sniff, steps, read: (text) => runToEnd(steps(text)) };
}

/** Whether `filter` wants the event; it is counted in `filter.seen` either way (call once per event, in file order). */
export function filtered(filter: EventFilter, source: string | null, eventId: number | null, sortTime: number | null): boolean {
  const wanted = filter.wants(source, eventId);
  filter.seen.see(sortTime, wanted);
  return wanted;
}
