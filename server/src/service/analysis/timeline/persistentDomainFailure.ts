/**
 * timeline/persistent-domain-failure: 611 for the same domain across sync cycles. One 611 can be a
 * passing DC hiccup; the same domain failing again a cycle later means no password from it is syncing.
 */
import type { Finding } from '../../model';
import { links } from '../../knowledge/links';
import { findingAt, formatDuration, whenOf, type TimelineEvent, type TimelineRule } from './context';

/** Two failures this far apart are in different cycles (the agent retries about every 30 minutes). */
export const DOMAIN_FAILURE_SPREAD_MS = 20 * 60_000;
/** This many failures of one domain are persistent whatever their spacing. */
export const DOMAIN_FAILURE_COUNT = 3;

export const persistentDomainFailureRule: TimelineRule = {
  id: 'timeline/persistent-domain-failure',
  title: 'Domain keeps failing',
  run(timeline) {
    const byDomain = new Map<string, { domain: string | null; items: TimelineEvent[] }>();
    for (const item of timeline.items) {
      if (item.eventId !== 611) continue;
      const domain = timeline.fields(item).domain ?? null;
      const key = domain?.toLowerCase() ?? '';
      const group = byDomain.get(key) ?? { domain, items: [] };
      group.items.push(item);
      byDomain.set(key, group);
    }

    const findings: Finding[] = [];
    for (const { domain, items } of byDomain.values()) {
      const first = items[0];
      const last = items[items.length - 1];
      const spread = first.time !== null && last.time !== null ? last.time - first.time : 0;
      if (items.length < DOMAIN_FAILURE_COUNT && !(items.length >= 2 && spread >= DOMAIN_FAILURE_SPREAD_MS)) continue;
      const errors = [...new Set(items.map((i) => {
        const f = timeline.fields(i);
        return f.rpcError !== undefined ? `RPC Error ${f.rpcError}` : f.exception;
      }).filter((e): e is string => e !== undefined))];
      const span = spread > 0 ? ` over ${formatDuration(spread)}` : '';
      // The catalogue's links for the variants seen (the latest first), then the 611 article.
      const remediation = [...items].reverse().flatMap((i) => i.match.entry.remediation);
      findings.push(findingAt(last, persistentDomainFailureRule.id, 'error',
        `Password sync for ${domain ? `domain ${domain}` : 'an unnamed domain'} failed ${items.length} times${span}, from ${whenOf(first)} to ${whenOf(last)}${errors.length ? ` (${errors.join(', ')})` : ''}; no password from it is syncing.`,
        [...remediation, links.phsStops611]));
    }
    return findings;
  },
};
