/**
 * timeline/repeated-user-failure: the same user's password keeps failing (657 failed or extended
 * error, or named in a 0 "scheduled for retry" notice). One failure is the catalogue's warning; a
 * streak means the agent's own retries are not going to fix it.
 */
import type { Finding } from '../../model';
import { links } from '../../knowledge/links';
import { dnKey, findingAt, userChanges, whenOf, type TimelineEvent, type TimelineRule } from './context';

/** Failures of one user, since its last success, before the timeline speaks up. */
export const REPEATED_FAILURE_THRESHOLD = 3;

interface Streak {
  name: string;
  failures: TimelineEvent[];
  kinds: Map<string, number>;
}

export const repeatedUserFailureRule: TimelineRule = {
  id: 'timeline/repeated-user-failure',
  title: 'Same user fails again and again',
  run(timeline) {
    // Extended-error results carry only the anchor; name the user from any request or result that pairs it with a DN.
    const dnOfAnchor = new Map<string, string>();
    for (const item of timeline.items) {
      if (item.eventId !== 656 && item.eventId !== 657) continue;
      for (const c of userChanges(item.event.message)) if (c.anchor && c.dn && !dnOfAnchor.has(c.anchor)) dnOfAnchor.set(c.anchor, c.dn);
    }
    const subject = (anchor?: string, dn?: string): string | null => dn ?? (anchor ? dnOfAnchor.get(anchor) ?? `anchor ${anchor}` : null);

    const streaks = new Map<string, Streak>();
    const fail = (name: string, item: TimelineEvent, kind: string, seen: Set<string>) => {
      const key = dnKey(name);
      if (seen.has(key)) return; // one event names a user once
      seen.add(key);
      const streak = streaks.get(key) ?? { name, failures: [], kinds: new Map<string, number>() };
      streak.failures.push(item);
      streak.kinds.set(kind, (streak.kinds.get(kind) ?? 0) + 1);
      streaks.set(key, streak);
    };

    for (const item of timeline.items) {
      const seen = new Set<string>();
      const rule = item.match.entry.rule;
      if (rule === 'event/0-retry-scheduled') {
        for (const dn of timeline.fields(item).dns) fail(dn, item, '0 retry', seen);
      } else if (item.eventId === 657) {
        for (const c of userChanges(item.event.message)) {
          const name = subject(c.anchor, c.dn);
          if (!name) continue;
          // A later success means the user recovered: only the streak since then counts.
          if (/^success/i.test(c.result ?? '')) streaks.delete(dnKey(name));
          else if (/^fail/i.test(c.result ?? '')) fail(name, item, rule === 'event/657-extended-error' ? '657 extended error' : '657 failed', seen);
        }
      }
    }

    // Error, not warning: each failure already carries the catalogue's warning; this finding adds only
    // that the agent's retries have not helped, so the user cannot sign in with the new password until someone acts.
    const findings: Finding[] = [];
    for (const streak of streaks.values()) {
      if (streak.failures.length < REPEATED_FAILURE_THRESHOLD) continue;
      const first = streak.failures[0];
      const last = streak.failures[streak.failures.length - 1];
      const kinds = [...streak.kinds].map(([kind, n]) => `${kind} ×${n}`).join(', ');
      findings.push(findingAt(last, repeatedUserFailureRule.id, 'error',
        `Password of ${streak.name} failed to sync ${streak.failures.length} times from ${whenOf(first)} to ${whenOf(last)} (${kinds}) without a success in between.`,
        [links.oneObjectTroubleshooting, links.objectsDontSync, links.idFix]));
    }
    return findings;
  },
};
