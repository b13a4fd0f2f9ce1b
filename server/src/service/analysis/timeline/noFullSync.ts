/**
 * timeline/no-full-sync: batches run, yet no full password sync ever completes (no 622/623) while the
 * agent reports it is paused (613) or failing a domain (611). Password sync only really starts once a
 * full sync has completed, so changes may be going nowhere.
 */
import { links } from '../../knowledge/links';
import { findingAt, type TimelineRule } from './context';

export const noFullSyncRule: TimelineRule = {
  id: 'timeline/no-full-sync',
  title: 'No full password sync completed',
  run(timeline) {
    const batches = timeline.items.filter((i) => i.eventId === 650 || i.eventId === 651);
    if (batches.length === 0 || timeline.items.some((i) => i.eventId === 622 || i.eventId === 623)) return [];
    const paused = timeline.items.filter((i) => i.eventId === 613);
    const failed = timeline.items.filter((i) => i.eventId === 611);
    if (paused.length === 0 && failed.length === 0) return [];
    // The 613 says it outright; otherwise the latest 611 is the likeliest reason the full sync never finished.
    const at = paused.length > 0 ? paused[paused.length - 1] : failed[failed.length - 1];
    const domains = [...new Set([...paused, ...failed].map((i) => timeline.fields(i).domain ?? timeline.fields(i).forest).filter((d): d is string => d !== undefined))];
    const where = domains.length > 0 ? ` for ${domains.join(', ')}` : '';
    const why = [
      paused.length > 0 ? `613 (paused until a full sync completes) ×${paused.length}` : null,
      failed.length > 0 ? `611 (domain sync failed) ×${failed.length}` : null,
    ].filter((s): s is string => s !== null).join(' and ');
    return [findingAt(at, noFullSyncRule.id, 'warning',
      `${batches.length} password batch events (650/651) but no full password sync completed (no 622/623)${where}, with ${why}; password sync does not start until a full sync has completed.`,
      [links.initialSyncHowTo, links.tshootPhs, ...(failed.length > 0 ? [links.phsStops611] : [])])];
  },
};
