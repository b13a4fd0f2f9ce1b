/**
 * timeline/heartbeat-gap: the agent went quiet. A healthy agent writes a 653/654 ping every 30 minutes
 * when idle, or a 650/651 batch when passwords changed, so a longer silence means it stopped or hung.
 */
import type { Finding } from '../../model';
import { links } from '../../knowledge/links';
import { each, findingAt, formatDuration, whenOf, type TimelineRule } from './context';

/** What each finding of this rule links to: one list for all of them (see findingAt). */
const REMEDIATION = [links.tshootPhs, links.healthAlerts];

/** The idle ping interval of the password sync agent. */
export const PING_INTERVAL_MS = 30 * 60_000;
/** Slack for a slow cycle: a ping a few minutes late is not a gap. */
export const GAP_TOLERANCE_MS = 10 * 60_000;

/** A 653/654 ping or a 650/651 batch. */
const isBeat = (eventId: number) => eventId === 650 || eventId === 651 || eventId === 653 || eventId === 654;

export const heartbeatGapRule: TimelineRule = {
  id: 'timeline/heartbeat-gap',
  title: 'Heartbeat gap',
  *run(timeline) {
    const { dated, entries, times } = timeline;
    // Only events dated by the export itself; a borrowed time would invent or hide a gap.
    const first = dated.indexOf(1);
    const last = dated.lastIndexOf(1);
    if (first === last) return [];
    // The gap must lie between two password-sync events: a log that simply ends (or starts late) is no gap.
    // Wall-clock CSV/TXT times jump one hour at a daylight-saving change; that can show a short gap once a year.
    const findings: Finding[] = [];
    let lastBeat = first;
    yield* each(last - first, (from, to) => {
      for (let p = first + 1 + from; p <= first + to; p++) {
        if (!dated[p]) continue;
        const beat = isBeat(entries[p].eventId);
        if (!beat && p !== last) continue;
        const silence = times[p] - times[lastBeat];
        if (silence > PING_INTERVAL_MS + GAP_TOLERANCE_MS) {
          findings.push(findingAt(timeline, lastBeat, heartbeatGapRule.id, 'warning',
            `No password sync heartbeat (653/654 ping or 650/651 batch) for ${formatDuration(silence)}, from ${whenOf(timeline, lastBeat)} to ${whenOf(timeline, p)}; the agent pings every 30 minutes when idle.`,
            REMEDIATION));
        }
        if (beat) lastBeat = p;
      }
    });
    return findings;
  },
};
