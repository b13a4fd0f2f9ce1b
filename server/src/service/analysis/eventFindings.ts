/** One finding per recognised catalogue event, in file order. */
import type { Finding, ReadResult } from '../model';
import { matchEvent, type CatalogueMatch } from './catalogue';
import type { EventEntry } from '../knowledge/events';
import { oneLine, subjectFieldsOf, subjectOf } from './fields';
import type { UsersReader } from './timeline';
import { runToEnd, STEP, type Steps } from '../steps';

export interface EventAnalysis {
  /** Per event of the ReadResult, its catalogue match (or null). */
  matches: (CatalogueMatch | null)[];
  findings: Finding[];
}

export function analyzeEvents(read: ReadResult, ignoredEventIds: ReadonlySet<number> = new Set()): EventAnalysis {
  return runToEnd(analyzeEventsSteps(read, ignoredEventIds));
}

/**
 * analyzeEvents in steps (see steps.ts). `users`, when given, is handed every matched event in file
 * order, with the fields read of it (none for an ignored ID), while they are at hand.
 */
export function* analyzeEventsSteps(read: ReadResult, ignoredEventIds: ReadonlySet<number> = new Set(), users?: UsersReader): Steps<EventAnalysis> {
  const { events } = read;
  const matches: (CatalogueMatch | null)[] = new Array(events.length);
  const findings: Finding[] = [];
  for (let eventIndex = 0; eventIndex < events.length; eventIndex++) {
    if ((eventIndex + 1) % STEP === 0) yield eventIndex / events.length;
    const event = events[eventIndex];
    const match = (matches[eventIndex] = matchEvent(event));
    if (!match) continue;
    if (ignoredEventIds.has(match.entry.eventId)) {
      users?.read(event, match.entry);
      continue;
    }
    const fields = subjectFieldsOf(event);
    users?.read(event, match.entry, fields);
    const subject = subjectOf(fields);
    // Joined into one flat string: made with +, a message is a chain of three pieces more for the
    // collector to walk in each of the hundreds of thousands of findings a big log keeps.
    const message = [causeLine(match.entry)];
    if (subject) message.push(' [', oneLine(subject), ']');
    if (match.inferred) message.push(` (event ID ${match.entry.eventId} inferred from the message text)`);
    findings.push({
      rule: match.entry.rule,
      severity: match.entry.severity,
      message: message.length > 1 ? message.join('') : message[0],
      range: event.idRange,
      eventId: match.inferred ? match.entry.eventId : event.eventId,
      source: event.source,
      remediation: match.entry.remediation,
      eventIndex,
    });
  }
  return { matches, findings };
}

const causeLines = new Map<EventEntry, string>();

/** The first sentence of an entry's cause, worked out once per entry. */
function causeLine(entry: EventEntry): string {
  let line = causeLines.get(entry);
  if (line === undefined) {
    line = oneLine(firstSentence(entry.cause));
    causeLines.set(entry, line);
  }
  return line;
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/.exec(text);
  return m ? m[0] : text;
}
