/**
 * timeline/no-full-sync: batches run, yet no full password sync ever completes (no 622/623) while the
 * agent reports it is paused (613) or failing a domain (611). Password sync only really starts once a
 * full sync has completed, so changes may be going nowhere.
 */
import { links } from '../../knowledge/links';
import { each, fieldsAt, findingAt, type TimelineRule } from './context';
import { grouped } from '../../counts';

export const noFullSyncRule: TimelineRule = {
  id: 'timeline/no-full-sync',
  title: 'No full password sync completed',
  *run(timeline) {
    let batches = 0;
    let fullSync = false;
    // Positions of the 613s and 611s.
    const paused: number[] = [];
    const failed: number[] = [];
    yield* each(timeline.length, (from, to) => {
      for (let p = from; p < to; p++) {
        const { eventId } = timeline.entries[p];
        if (eventId === 622 || eventId === 623) fullSync = true;
        else if (eventId === 650 || eventId === 651) batches++;
        else if (eventId === 613) paused.push(p);
        else if (eventId === 611) failed.push(p);
      }
    });
    if (fullSync || batches === 0 || (paused.length === 0 && failed.length === 0)) return [];
    // The 613 says it outright; otherwise the latest 611 is the likeliest reason the full sync never finished.
    const at = paused.length > 0 ? paused[paused.length - 1] : failed[failed.length - 1];
    // Fields are looked up only now: most logs have a completed full sync and never get here.
    const reasons = [...paused, ...failed];
    const domains = new Set<string>();
    yield* each(reasons.length, (from, to) => {
      for (let i = from; i < to; i++) {
        const fields = fieldsAt(timeline, reasons[i]);
        const domain = fields.domain ?? fields.forest;
        if (domain !== undefined) domains.add(domain);
      }
    });
    const where = domains.size > 0 ? ` for ${[...domains].join(', ')}` : '';
    const why = [
      paused.length > 0 ? `613 (paused until a full sync completes) ×${grouped(paused.length)}` : null,
      failed.length > 0 ? `611 (domain sync failed) ×${grouped(failed.length)}` : null,
    ].filter((s): s is string => s !== null).join(' and ');
    return [findingAt(timeline, at, noFullSyncRule.id, 'warning',
      `${batches} password batch events (650/651) but no full password sync completed (no 622/623)${where}, with ${why}; password sync does not start until a full sync has completed.`,
      [links.initialSyncHowTo, links.tshootPhs, ...(failed.length > 0 ? [links.phsStops611] : [])])];
  },
};
