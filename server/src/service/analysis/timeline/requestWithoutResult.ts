/**
 * timeline/request-without-result: a 656 change request whose user never gets a 657 result (nor a
 * retry notice), so the password change was lost between the agent and Microsoft Entra ID.
 */
import type { Finding } from '../../model';
import { links } from '../../knowledge/links';
import { dnKey, findingAt, formatDuration, nameList, userChanges, whenOf, type TimelineEvent, type TimelineRule } from './context';

/**
 * A 656 close to the end of the log may simply not have its result yet (the export was taken mid-batch),
 * so a request is flagged only when the log goes on at least this long after it.
 */
export const RESULT_GRACE_MS = 5 * 60_000;

interface Pending {
  item: TimelineEvent;
  anchor?: string;
  dn?: string;
  resolved: boolean;
}

export const requestWithoutResultRule: TimelineRule = {
  id: 'timeline/request-without-result',
  title: 'Change request without a result',
  run(timeline) {
    const requests: Pending[] = [];
    const byKey = new Map<string, Pending[]>();
    const resolve = (key: string) => {
      for (const p of byKey.get(key) ?? []) p.resolved = true;
      byKey.delete(key);
    };
    // Anchors and DNs both identify the user: the article's own sample pairs a 656 and a 657 whose
    // anchors differ but whose DN is the same, and a 657 extended error carries only the anchor.
    const keys = (anchor?: string, dn?: string) => [anchor ? `a:${anchor}` : null, dn ? `d:${dnKey(dn)}` : null].filter((k): k is string => k !== null);
    // A later cycle start proves the batch ended, for logs without times.
    const cycleAfter = new Map<TimelineEvent, boolean>();
    let cycleSeen = false;
    for (let i = timeline.items.length - 1; i >= 0; i--) {
      const item = timeline.items[i];
      cycleAfter.set(item, cycleSeen);
      if (item.eventId === 650 || item.eventId === 653) cycleSeen = true;
    }

    for (const item of timeline.items) {
      if (item.eventId === 656) {
        for (const change of userChanges(item.event.message)) {
          if (!change.anchor && !change.dn) continue;
          const pending: Pending = { item, anchor: change.anchor, dn: change.dn, resolved: false };
          requests.push(pending);
          for (const key of keys(change.anchor, change.dn)) {
            const list = byKey.get(key);
            if (list) list.push(pending);
            else byKey.set(key, [pending]);
          }
        }
      } else if (item.eventId === 657) {
        for (const change of userChanges(item.event.message)) for (const key of keys(change.anchor, change.dn)) resolve(key);
      } else if (item.match.entry.rule === 'event/0-retry-scheduled') {
        // A retry notice is an outcome too (a failure, which repeated-user-failure judges).
        for (const dn of timeline.fields(item).dns) resolve(`d:${dnKey(dn)}`);
      }
    }

    const open = new Map<TimelineEvent, Pending[]>();
    for (const p of requests) {
      if (p.resolved) continue;
      const list = open.get(p.item);
      if (list) list.push(p);
      else open.set(p.item, [p]);
    }
    const findings: Finding[] = [];
    for (const [item, pending] of open) {
      const after = item.time !== null && timeline.end !== null ? timeline.end - item.time : null;
      const logGoesOn = after !== null ? after >= RESULT_GRACE_MS : cycleAfter.get(item) === true;
      if (!logGoesOn) continue;
      const names = pending.map((p) => (p.dn ? `${p.dn}${p.anchor ? ` (anchor ${p.anchor})` : ''}` : `anchor ${p.anchor}`));
      const tail = after !== null ? `although the log goes on for ${formatDuration(after)} after it` : 'although a later sync cycle started';
      findings.push(findingAt(item, requestWithoutResultRule.id, 'warning',
        `Password change request at ${whenOf(item)} for ${nameList(names)} never got a 657 result, ${tail}.`,
        [links.oneObjectTroubleshooting, links.tshootPhs, links.eventList]));
    }
    return findings;
  },
};
