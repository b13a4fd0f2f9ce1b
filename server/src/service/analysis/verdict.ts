/**
 * The verdict on a whole log: is password hash sync healthy, degraded or broken, and which
 * troubleshooting-guide scenario (knowledge/scenarios.ts) to start from.
 */
import { isEventFinding, isTimelineFinding, type Finding, type LogEvent } from '../model';
import type { CatalogueMatch } from './catalogue';
import { fieldsOf } from './fields';
import { runToEnd, STEP, type Steps } from '../steps';
import { dnKey } from './timeline/context';
import { findScenario, type Scenario } from '../knowledge/scenarios';
import { counted, grouped } from '../counts';

export type VerdictStatus = 'healthy' | 'degraded' | 'broken' | 'no-data';

export interface VerdictScenario {
  /** A Scenario id from knowledge/scenarios.ts. */
  id: string;
  title: string;
  firstStep: string;
  /** Knowledge-base URL. */
  link: string;
}

export interface Verdict {
  status: VerdictStatus;
  /** Plain text, without the status word; it may quote log text (a DN, a domain), so renderers must escape it. */
  summary: string;
  scenario: VerdictScenario | null;
  /** Findings by severity (hints count as information). */
  counts: { error: number; warning: number; information: number };
}

/**
 * Scenarios in the order they are chosen: the most fundamental cause first. Nothing syncs without a
 * working sign-in or with the feature off; a stalled full sync or a failing domain blocks every user of
 * it; a silent agent affects everyone; failures of named users come last. Each scenario's `rules`
 * (in scenarios.ts) say which findings point at it.
 */
const routeOrder = [
  'event-ids/credentials-changed',
  'all-users/phs-disabled',
  'all-users/full-sync-not-completed',
  'event-ids/fixed-by-upgrade',
  'event-ids/domain-sync-failed',
  'all-users',
  'some-users',
] as const;

const userFailureRules = new Set(['event/657-failed', 'event/657-extended-error', 'event/0-retry-scheduled']);

export function verdict(events: readonly LogEvent[], matches: readonly (CatalogueMatch | null)[], findings: readonly Finding[]): Verdict {
  return runToEnd(verdictSteps(events, matches, [findings]));
}

/**
 * verdict in steps (see steps.ts), over findings given as several lists (no copy to join them).
 * `eventCount`: the events read, when `events` are only those kept.
 */
export function* verdictSteps(events: readonly LogEvent[], matches: readonly (CatalogueMatch | null)[], findingLists: readonly (readonly Finding[])[], eventCount = events.length): Steps<Verdict> {
  const counts = { error: 0, warning: 0, information: 0 };
  const problems: Finding[] = [];
  let rounds = 0;
  for (const list of findingLists) {
    for (const f of list) {
      if (++rounds % STEP === 0) yield;
      counts[f.severity === 'hint' ? 'information' : f.severity]++;
      if (f.severity === 'error' || f.severity === 'warning') problems.push(f);
    }
  }
  // One pass over the events for every tally: a big log has hundreds of thousands.
  let phsEvents = 0;
  let beats = 0;
  let synced = 0;
  for (const m of matches) {
    if (++rounds % STEP === 0) yield;
    if (m === null) continue;
    phsEvents++;
    const { eventId, rule } = m.entry;
    if (eventId === 650 || eventId === 651 || eventId === 653 || eventId === 654) beats++;
    if (rule === 'event/657-success') synced++;
  }

  if (phsEvents === 0) {
    const summary = eventCount === 0
      ? 'The log holds no events that could be read.'
      : eventCount === 1
        ? 'The one event read is not a password hash sync event (Directory Synchronization, ADSync).'
        : `None of the ${grouped(eventCount)} events is a password hash sync event (Directory Synchronization, ADSync).`;
    return { status: 'no-data', summary, scenario: null, counts };
  }

  if (problems.length === 0) {
    return {
      status: 'healthy',
      summary: `${counted(phsEvents, 'password sync event')}, ${counted(beats, 'ping or batch', 'pings and batches')}, ${counted(synced, 'password')} synced, no warnings or errors.`,
      scenario: null,
      counts,
    };
  }

  const status: VerdictStatus = counts.error > 0 ? 'broken' : 'degraded';
  const { scenario, lead } = yield* chooseScenario(problems, events, matches);
  const tally = [counted(counts.error, 'error'), counted(counts.warning, 'warning')].join(' and ');
  return {
    status,
    summary: `${tally} in ${counted(phsEvents, 'password sync event')}. ${lead.message}`,
    scenario: scenario ? { id: scenario.id, title: scenario.title, firstStep: scenario.steps[0], link: scenario.links[0] } : null,
    counts,
  };
}

/** In steps too: a big log has tens of thousands of problems, and its failure events are read again. */
function* chooseScenario(
  problems: readonly Finding[],
  events: readonly LogEvent[],
  matches: readonly (CatalogueMatch | null)[],
): Steps<{ scenario: Scenario | null; lead: Finding }> {
  for (const id of routeOrder) {
    const node = findScenario(id);
    if (!node) continue;
    const rules = new Set(node.rules);
    const hits: Finding[] = [];
    for (let i = 0; i < problems.length; i++) {
      if ((i + 1) % STEP === 0) yield;
      if (rules.has(problems[i].rule)) hits.push(problems[i]);
    }
    if (hits.length === 0) continue;
    // The article has its own page for a single user; several users are the "some users" section.
    const scenario = id === 'some-users' && (yield* failingUsers(events, matches)) === 1 ? findScenario('one-user') ?? node : node;
    return { scenario, lead: mostTelling(hits) };
  }
  // Anything else the catalogue or the timeline flagged: start from the event explanations.
  const known = problems.filter((f) => isEventFinding(f) || isTimelineFinding(f));
  return { scenario: known.length > 0 ? findScenario('event-ids') ?? null : null, lead: mostTelling(known.length > 0 ? known : problems) };
}

/** Errors before warnings; a timeline finding (the pattern over time) before a single event's. */
function mostTelling(findings: readonly Finding[]): Finding {
  const score = (f: Finding) => (f.severity === 'error' ? 2 : 0) + (isTimelineFinding(f) ? 1 : 0);
  return findings.reduce((best, f) => (score(f) > score(best) ? f : best));
}

/** Distinct users named by failure events. */
function* failingUsers(events: readonly LogEvent[], matches: readonly (CatalogueMatch | null)[]): Steps<number> {
  const users = new Set<string>();
  for (let i = 0; i < matches.length; i++) {
    if ((i + 1) % STEP === 0) yield;
    const m = matches[i];
    if (!m || !userFailureRules.has(m.entry.rule)) continue;
    const f = fieldsOf(events[i]);
    for (const dn of f.dns) users.add(dnKey(dn));
    if (f.dns.length === 0 && f.anchor) users.add(`anchor:${f.anchor}`);
  }
  return users.size;
}
