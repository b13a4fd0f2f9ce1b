/**
 * timeline/repeated-user-failure: the same user's password keeps failing (657 failed or extended
 * error, or named in a 0 "scheduled for retry" notice). One failure is the catalogue's warning; a
 * streak means the agent's own retries are not going to fix it.
 */
import type { Finding } from '../../model';
import { links } from '../../knowledge/links';
import { dnKey, each, findingAt, whenOf, type TimelineRule } from './context';
import { counted, grouped } from '../../counts';

/** What each finding of this rule links to: one list for all of them (see findingAt). */
const REMEDIATION = [links.oneObjectTroubleshooting, links.objectsDontSync, links.idFix];

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
    const { entries, usersFrom, usersTo, users } = timeline;
    // Extended-error results carry only the anchor; name the user from any request or result that pairs it with a DN.
    // By anchor number: the first slot that does, or -1.
    const namedByAnchor = new Int32Array(users.anchors.length).fill(-1);
    yield* each(timeline.length, (from, to) => {
      for (let p = from; p < to; p++) {
        const { eventId } = entries[p];
        if (eventId !== 656 && eventId !== 657) continue;
        for (let u = usersFrom[p]; u < usersTo[p]; u++) {
          const anchor = users.anchor[u];
          if (anchor !== -1 && users.key[u] !== -1 && namedByAnchor[anchor] === -1) namedByAnchor[anchor] = u;
        }
      }
    });

    // By key number. Failures are few, so Maps do; their order is the order of the findings.
    const streaks = new Map<number, Streak>();
    // Where each user last failed: one event names a user once.
    const failedAt = new Map<number, number>();
    const fail = (key: number, name: string, p: number, kind: string) => {
      if (failedAt.get(key) === p) return;
      failedAt.set(key, p);
      const streak = streaks.get(key) ?? { name, failures: [], kinds: new Map<string, number>() };
      streak.failures.push(p);
      streak.kinds.set(kind, (streak.kinds.get(kind) ?? 0) + 1);
      streaks.set(key, streak);
    };

    yield* each(timeline.length, (from, to) => {
      for (let p = from; p < to; p++) {
        const { rule, eventId } = entries[p];
        if (rule === 'event/0-retry-scheduled') {
          for (let u = usersFrom[p]; u < usersTo[p]; u++) fail(users.key[u], users.dn[u]!, p, '0 retry');
        } else if (eventId === 657) {
          for (let u = usersFrom[p]; u < usersTo[p]; u++) {
            const anchor = users.anchor[u];
            const named = users.key[u] !== -1 ? u : anchor !== -1 ? namedByAnchor[anchor] : -1;
            if (named === -1 && anchor === -1) continue;
            const result = users.result[u] ?? '';
            // A later success means the user recovered: only the streak since then counts.
            const outcome = success.test(result) ? 1 : failure.test(result) ? -1 : 0;
            if (outcome === 0) continue;
            // A user known only by anchor goes by "anchor …", as spelt in the finding.
            const name = named !== -1 ? users.dn[named]! : `anchor ${users.anchors[anchor]}`;
            const key = named !== -1 ? users.key[named] : users.keyId(dnKey(name));
            if (outcome === 1) streaks.delete(key);
            else fail(key, name, p, rule === 'event/657-extended-error' ? '657 extended error' : '657 failed');
          }
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
      const kinds = [...streak.kinds].map(([kind, n]) => `${kind} ×${grouped(n)}`).join(', ');
      findings.push(findingAt(timeline, last, repeatedUserFailureRule.id, 'error',
        `Password of ${streak.name} failed to sync ${counted(streak.failures.length, 'time')} from ${whenOf(timeline, first)} to ${whenOf(timeline, last)} (${kinds}) without a success in between.`,
        REMEDIATION));
    }
    return findings;
  },
};
