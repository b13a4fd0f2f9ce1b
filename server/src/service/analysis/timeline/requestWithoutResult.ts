/**
 * timeline/request-without-result: a 656 change request whose user never gets a 657 result (nor a
 * retry notice), so the password change was lost between the agent and Microsoft Entra ID.
 */
import type { Finding } from '../../model';
import { links } from '../../knowledge/links';
import { each, findingAt, formatDuration, nameList, whenOf, type TimelineRule } from './context';

/**
 * A 656 close to the end of the log may simply not have its result yet (the export was taken mid-batch),
 * so a request is flagged only when the log goes on at least this long after it.
 */
export const RESULT_GRACE_MS = 5 * 60_000;

interface Pending {
  /** The request's position in the timeline. */
  at: number;
  anchor?: string;
  dn?: string;
  resolved: boolean;
}

export const requestWithoutResultRule: TimelineRule = {
  id: 'timeline/request-without-result',
  title: 'Change request without a result',
  *run(timeline) {
    const { users, entries, end, times } = timeline;
    const requests: Pending[] = [];
    // Anchors and DNs both identify the user: the article's own sample pairs a 656 and a 657 whose
    // anchors differ but whose DN is the same, and a 657 extended error carries only the anchor.
    const byAnchor = new Map<string, Pending[]>();
    const byDn = new Map<string, Pending[]>();
    const wait = (byKey: Map<string, Pending[]>, key: string, pending: Pending) => {
      const list = byKey.get(key);
      if (list) list.push(pending);
      else byKey.set(key, [pending]);
    };
    // A resolved list is emptied rather than removed: one user comes back batch after batch.
    const resolve = (byKey: Map<string, Pending[]>, key: string) => {
      const list = byKey.get(key);
      if (!list) return;
      for (const p of list) p.resolved = true;
      list.length = 0;
    };
    // A later cycle start proves the batch ended, for logs without times.
    let lastCycleStart = -1;
    yield* each(timeline.length, (at) => {
      const { eventId, rule } = entries[at];
      if (eventId === 650 || eventId === 653) lastCycleStart = at;
      if (eventId === 656) {
        for (const { anchor, dn, key } of users[at]) {
          if (!anchor && !dn) continue;
          const pending: Pending = { at, anchor, dn, resolved: false };
          requests.push(pending);
          if (anchor) wait(byAnchor, anchor, pending);
          if (key) wait(byDn, key, pending);
        }
      } else if (eventId === 657) {
        for (const { anchor, key } of users[at]) {
          if (anchor) resolve(byAnchor, anchor);
          if (key) resolve(byDn, key);
        }
      } else if (rule === 'event/0-retry-scheduled') {
        // A retry notice is an outcome too (a failure, which repeated-user-failure judges).
        for (const { key } of users[at]) resolve(byDn, key!);
      }
    });

    // The unanswered users, by request (requests come in timeline order).
    const open = new Map<number, Pending[]>();
    yield* each(requests.length, (i) => {
      const p = requests[i];
      if (p.resolved) return;
      const list = open.get(p.at);
      if (list) list.push(p);
      else open.set(p.at, [p]);
    });
    const unanswered = [...open];
    const findings: Finding[] = [];
    yield* each(unanswered.length, (i) => {
      const [at, pending] = unanswered[i];
      const after = end !== null ? end - times[at] : null;
      const logGoesOn = after !== null ? after >= RESULT_GRACE_MS : lastCycleStart > at;
      if (!logGoesOn) return;
      const names = pending.map((p) => (p.dn ? `${p.dn}${p.anchor ? ` (anchor ${p.anchor})` : ''}` : `anchor ${p.anchor}`));
      const tail = after !== null ? `although the log goes on for ${formatDuration(after)} after it` : 'although a later sync cycle started';
      findings.push(findingAt(timeline, at, requestWithoutResultRule.id, 'warning',
        `Password change request at ${whenOf(timeline, at)} for ${nameList(names)} never got a 657 result, ${tail}.`,
        [links.oneObjectTroubleshooting, links.tshootPhs, links.eventList]));
    });
    return findings;
  },
};
