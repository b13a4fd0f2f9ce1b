/**
 * timeline/request-without-result: a 656 change request whose user never gets a 657 result (nor a
 * retry notice), so the password change was lost between the agent and Microsoft Entra ID.
 */
import type { Finding } from '../../model';
import { links } from '../../knowledge/links';
import { each, findingAt, formatDuration, nameList, whenOf, type TimelineRule } from './context';

/** What each finding of this rule links to: one list for all of them (see findingAt). */
const REMEDIATION = [links.oneObjectTroubleshooting, links.tshootPhs, links.eventList];

/**
 * A 656 close to the end of the log may simply not have its result yet (the export was taken mid-batch),
 * so a request is flagged only when the log goes on at least this long after it.
 */
export const RESULT_GRACE_MS = 5 * 60_000;

export const requestWithoutResultRule: TimelineRule = {
  id: 'timeline/request-without-result',
  title: 'Change request without a result',
  *run(timeline) {
    const { length, entries, end, times, usersFrom, usersTo, users } = timeline;
    // Anchors and DNs both identify the user: the article's own sample pairs a 656 and a 657 whose
    // anchors differ but whose DN is the same, and a 657 extended error carries only the anchor.
    // A request is answered by any later 657 naming its anchor or DN, or retry notice naming its DN:
    // going back from the end of the log, these mark the anchors and DN keys answered from there on.
    const anchorAnswered = new Uint8Array(users.anchors.length);
    const keyAnswered = new Uint8Array(users.keyCount);
    // Per user slot of a 656: 1 when nothing after it answers the user.
    const open = new Uint8Array(users.count);
    // The requests with a user left open, latest first.
    const unanswered: number[] = [];
    // The last cycle start (the first met going back): a later one proves the batch ended, for logs without times.
    let lastCycleStart = -1;
    yield* each(length, (from, to) => {
      for (let at = length - 1 - from; at >= length - to; at--) {
        const { eventId, rule } = entries[at];
        if ((eventId === 650 || eventId === 653) && lastCycleStart === -1) lastCycleStart = at;
        if (eventId === 656) {
          let any = false;
          for (let u = usersFrom[at]; u < usersTo[at]; u++) {
            const anchor = users.anchor[u];
            const key = users.key[u];
            if (anchor === -1 && key === -1) continue;
            if ((anchor !== -1 && anchorAnswered[anchor]) || (key !== -1 && keyAnswered[key])) continue;
            open[u] = 1;
            any = true;
          }
          if (any) unanswered.push(at);
        } else if (eventId === 657) {
          for (let u = usersFrom[at]; u < usersTo[at]; u++) {
            const anchor = users.anchor[u];
            const key = users.key[u];
            if (anchor !== -1) anchorAnswered[anchor] = 1;
            if (key !== -1) keyAnswered[key] = 1;
          }
        } else if (rule === 'event/0-retry-scheduled') {
          // A retry notice is an outcome too (a failure, which repeated-user-failure judges).
          for (let u = usersFrom[at]; u < usersTo[at]; u++) keyAnswered[users.key[u]] = 1;
        }
      }
    });

    // In timeline order, as the findings go.
    unanswered.reverse();
    const findings: Finding[] = [];
    yield* each(unanswered.length, (from, to) => {
      for (let i = from; i < to; i++) {
        const at = unanswered[i];
        const after = end !== null ? end - times[at] : null;
        const logGoesOn = after !== null ? after >= RESULT_GRACE_MS : lastCycleStart > at;
        if (!logGoesOn) continue;
        const names: string[] = [];
        for (let u = usersFrom[at]; u < usersTo[at]; u++) {
          if (!open[u]) continue;
          const dn = users.dn[u];
          const anchor = users.anchor[u] !== -1 ? users.anchors[users.anchor[u]] : undefined;
          names.push(dn ? `${dn}${anchor ? ` (anchor ${anchor})` : ''}` : `anchor ${anchor}`);
        }
        const tail = after !== null ? `although the log goes on for ${formatDuration(after)} after it` : 'although a later sync cycle started';
        findings.push(findingAt(timeline, at, requestWithoutResultRule.id, 'warning',
          `Password change request at ${whenOf(timeline, at)} for ${nameList(names)} never got a 657 result, ${tail}.`,
          REMEDIATION));
      }
    });
    return findings;
  },
};
