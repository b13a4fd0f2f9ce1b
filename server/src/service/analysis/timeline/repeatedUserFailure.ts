/**
 * timeline/repeated-user-failure: the same user's password keeps failing (657 failed or extended
 * error, or named in a 0 "scheduled for retry" notice). One failure is the catalogue's warning; a
 * streak means the agent's own retries are not going to fix it.
 */
import type { Finding } from '../../model';
import { links } from '../../knowledge/links';
import { dnKey, each, findingAt, whenOf, type TimelineUser, type TimelineRule } from './context';

/** Failures of one user, since its last success, before the timeline speaks up. */
export const REPEATED_FAILURE_THRESHOLD = 3;

interface Streak {
  name: string;
  /** Positions of the failures. */
  failures: number[];
  kinds: Map<string, number>;
}

const success = /^success/i;
const failure = /^fail/i;

export const repeatedUserFailureRule: TimelineRule = {
  id: 'timeline/repeated-user-failure',
  title: 'Same user fails again and again',
  *run(timeline) {
    const { users, entries } = timeline;
    // Extended-error results carry only the anchor; name the user from any request or result that pairs it with a DN.
    const namedByAnchor = new Map<string, TimelineUser>();
    yield* each(timeline.length, (p) => {
      const { eventId } = entries[p];
      if (eventId !== 656 && eventId !== 657) return;
      for (const c of users[p]) if (c.anchor && c.dn && !namedByAnchor.has(c.anchor)) namedByAnchor.set(c.anchor, c);
    });

    const streaks = new Map<string, Streak>();
    // Where each user last failed: one event names a user once.
    const failedAt = new Map<string, number>();
    const fail = (key: string, name: string, p: number, kind: string) => {
      if (failedAt.get(key) === p) return;
      failedAt.set(key, p);
      const streak = streaks.get(key) ?? { name, failures: [], kinds: new Map<string, number>() };
      streak.failures.push(p);
      streak.kinds.set(kind, (streak.kinds.get(kind) ?? 0) + 1);
      streaks.set(key, streak);
    };

    yield* each(timeline.length, (p) => {
      const { rule, eventId } = entries[p];
      if (rule === 'event/0-retry-scheduled') {
        for (const c of users[p]) fail(c.key!, c.dn!, p, '0 retry');
      } else if (eventId === 657) {
        for (const c of users[p]) {
          const named = c.dn !== undefined ? c : c.anchor ? namedByAnchor.get(c.anchor) : undefined;
          if (!named && !c.anchor) continue;
          const name = named ? named.dn! : `anchor ${c.anchor}`;
          const key = named ? named.key! : dnKey(name);
          // A later success means the user recovered: only the streak since then counts.
          if (success.test(c.result ?? '')) streaks.delete(key);
          else if (failure.test(c.result ?? '')) fail(key, name, p, rule === 'event/657-extended-error' ? '657 extended error' : '657 failed');
        }
      }
    });

    // Error, not warning: each failure already carries the catalogue's warning; this finding adds only
    // that the agent's retries have not helped, so the user cannot sign in with the new password until someone acts.
    const findings: Finding[] = [];
    for (const streak of streaks.values()) {
      if (streak.failures.length < REPEATED_FAILURE_THRESHOLD) continue;
      const first = streak.failures[0];
      const last = streak.failures[streak.failures.length - 1];
      const kinds = [...streak.kinds].map(([kind, n]) => `${kind} ×${n}`).join(', ');
      findings.push(findingAt(timeline, last, repeatedUserFailureRule.id, 'error',
        `Password of ${streak.name} failed to sync ${streak.failures.length} times from ${whenOf(timeline, first)} to ${whenOf(timeline, last)} (${kinds}) without a success in between.`,
        [links.oneObjectTroubleshooting, links.objectsDontSync, links.idFix]));
    }
    return findings;
  },
};
