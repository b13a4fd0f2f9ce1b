/** One finding per recognised catalogue event, in file order. */
import type { Finding, ReadResult } from '../model';
import { matchEvent, type CatalogueMatch } from './catalogue';
import type { EventEntry } from '../knowledge/events';
import { fieldsOf, subjectOf } from './fields';

export interface EventAnalysis {
  /** Per event of the ReadResult, its catalogue match (or null). */
  matches: (CatalogueMatch | null)[];
  findings: Finding[];
}

export function analyzeEvents(read: ReadResult, ignoredEventIds: ReadonlySet<number> = new Set()): EventAnalysis {
  const matches = read.events.map(matchEvent);
  const findings: Finding[] = [];
  matches.forEach((match, eventIndex) => {
    if (!match || ignoredEventIds.has(match.entry.eventId)) return;
    const event = read.events[eventIndex];
    const subject = subjectOf(fieldsOf(event));
    const inferred = match.inferred ? ` (event ID ${match.entry.eventId} inferred from the message text)` : '';
    findings.push({
      rule: match.entry.rule,
      severity: match.entry.severity,
      message: `${causeLine(match.entry)}${subject ? ` [${oneLine(subject)}]` : ''}${inferred}`,
      range: event.idRange,
      eventId: match.inferred ? match.entry.eventId : event.eventId,
      source: event.source,
      remediation: [...match.entry.remediation],
      eventIndex,
    });
  });
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

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}
