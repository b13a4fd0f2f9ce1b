/** Timeline rules: what a whole log says over time, beyond any one event. One file per rule; this is the only list. */
import type { Finding, LogEvent } from '../../model';
import type { CatalogueMatch } from '../catalogue';
import type { EventsSeen } from '../eventsSeen';
import { part, runToEnd, type Steps } from '../../steps';
import { buildTimeline, type TimelineRule, type UsersReader } from './context';
import { heartbeatGapRule } from './heartbeatGap';
import { noFullSyncRule } from './noFullSync';
import { persistentDomainFailureRule } from './persistentDomainFailure';
import { repeatedUserFailureRule } from './repeatedUserFailure';
import { requestWithoutResultRule } from './requestWithoutResult';

export type { Timeline, TimelineRule, UsersReader } from './context';
export { usersReader } from './context';

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
  return runToEnd(timelineSteps(events, matches));
}

/** timelineFindings in steps, for a host that pauses between them (steps.ts); `users`: see buildTimeline. */
export function* timelineSteps(events: readonly LogEvent[], matches: readonly (CatalogueMatch | null)[], users?: UsersReader, seen?: EventsSeen): Steps<Finding[]> {
  // How far it has come (steps.ts): the timeline and each rule an equal share, each told when done.
  const share = 1 / (timelineRules.length + 1);
  const timeline = yield* part(buildTimeline(events, matches, users, seen), 0, share);
  let findings: Finding[] = [];
  for (const [i, rule] of timelineRules.entries()) findings = findings.concat(yield* part(rule.run(timeline), (i + 1) * share, (i + 2) * share));
  return findings;
}
