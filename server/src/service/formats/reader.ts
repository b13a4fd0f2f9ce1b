/** The contract every export-shape reader keeps. One file per shape implements it. */
import type { FormatId, ReadResult } from '../model';
import type { EventsSeen } from '../analysis/eventsSeen';
import { runToEnd, type Steps } from '../steps';

export type ReadSteps = Steps<ReadResult>;

/**
 * Asks a read to leave out the events its caller would drop (a log analysed from disk keeps only the
 * password-sync ones): an event `wants` refuses by its provider and ID is not built, only counted.
 */
export interface EventFilter {
  wants(source: string | null, eventId: number | null): boolean;
  /**
   * Every event read, left out or not, in file order: its time, whether it was built, and the offset in
   * the text where it starts (-1 from a reader that filters after reading: FormatReader.filters false).
   */
  read(sortTime: number | null, built: boolean, start: number): void;
}

/**
 * A filter that counts every event in `seen`, for the analysis of the events kept; `at` is told where
 * each starts, as the read goes on.
 */
export function seenFilter(wants: EventFilter['wants'], seen: EventsSeen, at?: (start: number) => void): EventFilter {
  return {
    wants,
    read: (sortTime, built, start) => {
      seen.see(sortTime, built);
      at?.(start);
    },
  };
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
  /** Whether `steps` leaves out what a filter refuses before building it, and says where each event starts. */
  filters: boolean;
}

/**
 * A reader from its shape's functions. `steps` leaves out what a filter refuses itself when
 * `filters` says so (the shapes of big logs, where it saves building most events); for the others the
 * events are left out once read.
 */
export function defineReader(reader: Omit<FormatReader, 'read' | 'filters'> & { filters?: true }): FormatReader {
  const { id, sniff } = reader;
  const filters = reader.filters === true;
  const steps = filters ? reader.steps : function* (text: string, filter?: EventFilter): ReadSteps {
    const read = yield* reader.steps(text);
    return filter ? { ...read, events: read.events.filter((e) => filtered(filter, e.source, e.eventId, e.sortTime, -1)) } : read;
  };
  return { id, sniff, steps, filters, read: (text) => runToEnd(steps(text)) };
}

/** Whether `filter` wants the event starting at `start`; it is told of the event either way (once per event, in file order). */
export function filtered(filter: EventFilter, source: string | null, eventId: number | null, sortTime: number | null, start: number): boolean {
  const wanted = filter.wants(source, eventId);
  filter.read(sortTime, wanted, start);
  return wanted;
}
