/** Matches each event to its catalogue entry: by provider + ID + variant, or by text when the ID is missing. */
import type { LogEvent } from '../model';
import { events, type EventEntry } from '../knowledge/events';

const providerKeys = new Map<string, string>();

function catalogueKey(provider: string, eventId: number): string {
  // A log names few providers many times: normalise each name once.
  let key = providerKeys.get(provider);
  if (key === undefined) {
    key = provider.trim().toLowerCase();
    if (providerKeys.size < 10_000) providerKeys.set(provider, key);
  }
  return `${key}\u0000${eventId}`;
}

const byKey = new Map<string, EventEntry[]>();
for (const entry of events) {
  for (const provider of entry.providers) {
    const key = catalogueKey(provider, entry.eventId);
    const list = byKey.get(key) ?? [];
    list.push(entry);
    byKey.set(key, list);
  }
}
const inferable = events.filter((e) => e.signature !== undefined);

export interface CatalogueMatch {
  entry: EventEntry;
  /** The export had no ID; it was recognised from the message text. */
  inferred: boolean;
}

export function matchEvent(event: LogEvent): CatalogueMatch | null {
  if (event.eventId === null) {
    // Only a message pasted alone is matched by text; a structured row without an ID is not guessed.
    if (event.source !== null) return null;
    const entry = inferable.find((e) => e.signature!.test(event.message));
    return entry ? { entry, inferred: true } : null;
  }
  if (event.source === null) return null;
  const candidates = byKey.get(catalogueKey(event.source, event.eventId));
  if (!candidates) return null;
  const entry = candidates.find((e) => e.variant === undefined || e.variant.test(event.message));
  return entry ? { entry, inferred: false } : null;
}
