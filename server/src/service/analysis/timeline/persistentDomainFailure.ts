/**
 * timeline/persistent-domain-failure: 611 for the same domain across sync cycles. One 611 can be a
 * passing DC hiccup; the same domain failing again a cycle later means no password from it is syncing.
 */
import type { Finding } from '../../model';
import type { EventEntry } from '../../knowledge/events';
import { links } from '../../knowledge/links';
import { each, fieldsAt, findingAt, formatDuration, whenOf, type TimelineRule } from './context';
import { counted } from '../../counts';

/** Two failures this far apart are in different cycles (the agent retries about every 30 minutes). */
export const DOMAIN_FAILURE_SPREAD_MS = 20 * 60_000;
/** This many failures of one domain are persistent whatever their spacing. */
export const DOMAIN_FAILURE_COUNT = 3;

/** The 611s of one domain, summed up as they come (a domain may fail thousands of times). */
interface Failures {
  domain: string | null;
  count: number;
  /** Positions of the first and the latest failure. */
  first: number;
  last: number;
  errors: Set<string>;
  /** Catalogue entries of the variants seen, the latest last. */
  variants: Set<EventEntry>;
}

export const persistentDomainFailureRule: TimelineRule = {
  id: 'timeline/persistent-domain-failure',
  title: 'Domain keeps failing',
  *run(timeline) {
    const byDomain = new Map<string, Failures>();
    yield* each(timeline.length, (from, to) => {
      for (let p = from; p < to; p++) {
        const entry = timeline.entries[p];
        if (entry.eventId !== 611) continue;
        const fields = fieldsAt(timeline, p);
        const domain = fields.domain ?? null;
        const key = domain?.toLowerCase() ?? '';
        let group = byDomain.get(key);
        if (!group) byDomain.set(key, group = { domain, count: 0, first: p, last: p, errors: new Set(), variants: new Set() });
        group.count++;
        group.last = p;
        const error = fields.rpcError !== undefined ? `RPC Error ${fields.rpcError}` : fields.exception;
        if (error !== undefined) group.errors.add(error);
        // Added anew, so that the latest variant comes last.
        group.variants.delete(entry);
        group.variants.add(entry);
      }
    });

    const findings: Finding[] = [];
    for (const { domain, count, first, last, errors, variants } of byDomain.values()) {
      const spread = timeline.end !== null ? timeline.times[last] - timeline.times[first] : 0;
      if (count < DOMAIN_FAILURE_COUNT && !(count >= 2 && spread >= DOMAIN_FAILURE_SPREAD_MS)) continue;
      const span = spread > 0 ? ` over ${formatDuration(spread)}` : '';
      // The catalogue's links for the variants seen (the latest first), then the 611 article.
      const remediation = [...variants].reverse().flatMap((entry) => entry.remediation);
      findings.push(findingAt(timeline, last, persistentDomainFailureRule.id, 'error',
        `Password sync for ${domain ? `domain ${domain}` : 'an unnamed domain'} failed ${counted(count, 'time')}${span}, from ${whenOf(timeline, first)} to ${whenOf(timeline, last)}${errors.size ? ` (${[...errors].join(', ')})` : ''}; no password from it is syncing.`,
        [...remediation, links.phsStops611]));
    }
    return findings;
  },
};
