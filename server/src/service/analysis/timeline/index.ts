/** Timeline rules: what a whole log says over time, beyond any one event. One file per rule; this is the only list. */
import type { Finding, LogEvent } from '../../model';
import type { CatalogueMatch } from '../catalogue';
import { buildTimeline, type TimelineRule } from './context';
import { heartbeatGapRule } from './heartbeatGap';
import { noFullSyncRule } from './noFullSync';
import { persistentDomainFailureRule } from './persistentDomainFailure';
import { repeatedUserFailureRule } from './repeatedUserFailure';
import { requestWithoutResultRule } from './requestWithoutResult';

export type { Timeline, TimelineEvent, TimelineRule } from './context';

export const timelineRules: readonly TimelineRule[] = [
  heartbeatGapRule,
  requestWithoutResultRule,
  repeatedUserFailureRule,
  persistentDomainFailureRule,
  noFullSyncRule,
];

/**
 * Findings about the log as a whole. `matches[i]` is the catalogue match of `events[i]` (as
 * analyzeEvents returns them); events may be in any order and times may be missing.
 */
export function timelineFindings(events: readonly LogEvent[], matches: readonly (CatalogueMatch | null)[]): Finding[] {
  const timeline = buildTimeline(events, matches);
  return timelineRules.flatMap((rule) => rule.run(timeline));
}
