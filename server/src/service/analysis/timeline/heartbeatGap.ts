/**
 * timeline/heartbeat-gap: the agent went quiet. A healthy agent writes a 653/654 ping every 30 minutes
 * when idle, or a 650/651 batch when passwords changed, so a longer silence means it stopped or hung.
 */
import type { Finding } from '../../model';
import { links } from '../../knowledge/links';
import { findingAt, formatDuration, whenOf, type TimelineEvent, type TimelineRule } from './context';

/** The idle ping interval of the password sync agent. */
export const PING_INTERVAL_MS = 30 * 60_000;
/** Slack for a slow cycle: a ping a few minutes late is not a gap. */
export const GAP_TOLERANCE_MS = 10 * 60_000;

const BEATS = new Set([650, 651, 653, 654]);

export const heartbeatGapRule: TimelineRule = {
  id: 'timeline/heartbeat-gap',
  title: 'Heartbeat gap',
  run(timeline) {
    // Only events dated by the export itself; a borrowed time would invent or hide a gap.
    const dated = timeline.items.filter((i) => i.event.sortTime !== null && i.time !== null);
    if (dated.length < 2) return [];
    // The gap must lie between two password-sync events: a log that simply ends (or starts late) is no gap.
    // Wall-clock CSV/TXT times jump one hour at a daylight-saving change; that can show a short gap once a year.
    const findings: Finding[] = [];
    let lastBeat: TimelineEvent = dated[0];
    for (let i = 1; i < dated.length; i++) {
      const item = dated[i];
      const isBeat = BEATS.has(item.eventId);
      if (!isBeat && i !== dated.length - 1) continue;
      const silence = item.time! - lastBeat.time!;
      if (silence > PING_INTERVAL_MS + GAP_TOLERANCE_MS) {
        findings.push(findingAt(lastBeat, heartbeatGapRule.id, 'warning',
          `No password sync heartbeat (653/654 ping or 650/651 batch) for ${formatDuration(silence)}, from ${whenOf(lastBeat)} to ${whenOf(item)}; the agent pings every 30 minutes when idle.`,
          [links.tshootPhs, links.healthAlerts]));
      }
      if (isBeat) lastBeat = item;
    }
    return findings;
  },
};
