/** Matches each event to its catalogue entry: by provider + ID + variant, or by text when the ID is missing. */
import type { LogEvent } from '../model';
import { events, type EventEntry } from '../knowledge/events';
import { copied } from '../formats/text';

/**
 * Each provider name met, as a copy of its own (as key and as `name`): the name met is a slice of its
 * log's text, and V8 would keep that whole text alive for as long as the name is kept, after its
 * document was closed or its piece read.
 */
const providerKeys = new Map<string, { name: string; key: string }>();

/** Provider names compare case-insensitively; a log names few providers many times, so normalise each once. */
let lastProvider = '';
let lastKey = '';
function providerKey(provider: string): string {
  // Neighbouring events mostly share a provider: one string compare instead of hashing it again.
  if (provider === lastProvider) return lastKey;
  let known = providerKeys.get(provider);
  if (known === undefined) {
    const name = copied(provider);
    known = { name, key: name.trim().toLowerCase() };
    if (providerKeys.size < 10_000) providerKeys.set(name, known);
  }
  lastProvider = known.name;
  lastKey = known.key;
  return known.key;
}

/** Entries by event ID, then by provider: no key string is built per event. */
const byId = new Map<number, Map<string, EventEntry[]>>();
for (const entry of events) {
  const byProvider = byId.get(entry.eventId) ?? new Map<string, EventEntry[]>();
  byId.set(entry.eventId, byProvider);
  for (const provider of entry.providers) {
    const key = providerKey(provider);
    byProvider.set(key, [...(byProvider.get(key) ?? []), entry]);
  }
}
const inferable = events.filter((e) => e.signature !== undefined);

export interface CatalogueMatch {
  entry: EventEntry;
  /** The export had no ID; it was recognised from the message text. */
  inferred: boolean;
}

/** One shared match per entry: a log matches the same few entries hundreds of thousands of times. */
const matches = new Map<EventEntry, CatalogueMatch>();
function matchOf(entry: EventEntry): CatalogueMatch {
  let match = matches.get(entry);
  if (!match) matches.set(entry, (match = Object.freeze({ entry, inferred: false })));
  return match;
}

/**
 * Whether an event of this provider and ID may match an entry (its message decides which, if any): a
 * reader asked to leave out the rest (see EventFilter) tests this before it builds an event.
 */
export function mayMatch(source: string | null, eventId: number | null): boolean {
  // Without an ID only a message pasted alone is matched, by its text.
  if (eventId === null) return source === null;
  return source !== null && byId.get(eventId)?.has(providerKey(source)) === true;
}

export function matchEvent(event: LogEvent): CatalogueMatch | null {
  if (event.eventId === null) {
    // Only a message pasted alone is matched by text; a structured row without an ID is not guessed.
    if (event.source !== null) return null;
    const entry = inferable.find((e) => e.signature!.test(event.message));
    return entry ? { entry, inferred: true } : null;
  }
  if (event.source === null) return null;
  const candidates = byId.get(event.eventId)?.get(providerKey(event.source));
  if (!candidates) return null;
  const entry = candidates.find((e) => e.variant === undefined || e.variant.test(event.message));
  return entry ? matchOf(entry) : null;
}
