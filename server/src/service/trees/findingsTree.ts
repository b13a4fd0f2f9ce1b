/** The "Findings" view: per open log a verdict, then severity → event (count) → each occurrence. */
import type { LogAnalysis } from '../analysis/document';
import { fieldsOf, subjectOf } from '../analysis/fields';
import { isEventFinding, SEVERITY_ORDER, type Finding, type Severity } from '../model';
import { statusLabels } from '../report';
import type { TreeIcon, TreeNode } from './node';
import { timelineRules } from '../analysis/timeline';
import { FIELDS_STEP, runToEnd, STEP, type Steps } from '../steps';
import { counted, grouped } from '../counts';

export interface OpenLog {
  uri: string;
  /** What the user knows the log by: its file name. */
  name: string;
  analysis: LogAnalysis;
  ignoredEventIds?: readonly number[];
}

/** A huge log would make an unusable tree; the rest are one "more" node away (the report lists them all). */
export const MAX_OCCURRENCES = 500;

const severityTitles: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', information: 'Information', hint: 'Hints' };
const severityIcons: Record<Severity, TreeIcon> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };
const statusIcons = { healthy: 'pass', degraded: 'warning', broken: 'error', 'no-data': 'question' } as const;

export interface TreeOptions {
  /**
   * Each event's node without its occurrences, marked childrenOnRequest (see occurrenceNodesSteps). A
   * big log's whole tree is ~20,000 nodes, ~5 MB of JSON, made and sent after every analysis though
   * its occurrences are seen one event at a time.
   */
  lazy?: boolean;
}

export function findingsTree(logs: readonly OpenLog[], options: TreeOptions = {}): TreeNode[] {
  return runToEnd(findingsTreeSteps(logs, options));
}

/** findingsTree in steps (see steps.ts): a big log has hundreds of thousands of findings to sort. */
export function* findingsTreeSteps(logs: readonly OpenLog[], options: TreeOptions = {}): Steps<TreeNode[]> {
  if (logs.length === 1) return yield* logNodes(logs[0], options);
  const nodes: TreeNode[] = [];
  for (const log of logs) {
    nodes.push({
      id: log.uri,
      label: log.name,
      description: statusLabels[log.analysis.verdict.status],
      icon: 'file',
      expanded: true,
      children: yield* logNodes(log, options),
    });
  }
  return nodes;
}

/**
 * The children of the event's node `id` (`<log uri>#<rule>`) as the whole tree has them, for a tree
 * made with `lazy`; null when no log has that node.
 */
export function* occurrenceNodesSteps(logs: readonly OpenLog[], id: string): Steps<TreeNode[] | null> {
  const cut = id.lastIndexOf('#');
  const log = logs.find((l) => l.uri === id.slice(0, cut));
  if (!log || cut === -1) return null;
  const rule = id.slice(cut + 1);
  const list: Finding[] = [];
  yield* eachShown(log, (f) => {
    if (f.rule === rule) list.push(f);
  });
  return list.length === 0 ? null : yield* occurrences(log, rule, list);
}

/** The log's findings the tree shows (those of ignored event IDs left out): the event findings, then the timeline's. */
function* eachShown(log: OpenLog, visit: (f: Finding) => void): Steps<void> {
  const { analysis } = log;
  const ignored = new Set(log.ignoredEventIds ?? []);
  let rounds = 0;
  for (const list of [analysis.findings, analysis.timeline]) {
    for (const f of list) {
      if (++rounds % STEP === 0) yield;
      if (list === analysis.findings && f.eventId !== null && ignored.has(f.eventId)) continue;
      visit(f);
    }
  }
}

function* logNodes(log: OpenLog, options: TreeOptions): Steps<TreeNode[]> {
  const { analysis, uri } = log;
  const v = analysis.verdict;
  const verdictNode: TreeNode = {
    id: `${uri}#verdict`,
    label: `${statusLabels[v.status]}${v.scenario ? ` — ${v.scenario.title}` : ''}`,
    description: `${counted(v.counts.error, 'error')}, ${counted(v.counts.warning, 'warning')}`,
    tooltip: v.summary,
    icon: statusIcons[v.status],
    ...(v.scenario ? { children: [{ id: `${uri}#verdict-step`, label: `First step: ${v.scenario.firstStep.replace(/`/g, '')}`, tooltip: v.scenario.firstStep.replace(/`/g, ''), icon: 'step' as const, action: { kind: 'openLink' as const, url: v.scenario.link } }] } : {}),
  };
  // One pass sorts the findings by severity, then by rule, in file order (the event findings, then the
  // timeline's). A lazy tree only counts them: its occurrences are listed when an event is opened.
  const bySeverity = new Map<Severity, Map<string, RuleFindings>>(SEVERITY_ORDER.map((s) => [s, new Map()]));
  yield* eachShown(log, (f) => {
    const rules = bySeverity.get(f.severity)!;
    const same = rules.get(f.rule);
    if (!same) rules.set(f.rule, { first: f, count: 1, list: options.lazy ? null : [f] });
    else {
      same.count++;
      same.list?.push(f);
    }
  });
  const nodes: TreeNode[] = [verdictNode];
  for (const severity of SEVERITY_ORDER) {
    const rules = bySeverity.get(severity)!;
    if (rules.size === 0) continue;
    let total = 0;
    for (const found of rules.values()) total += found.count;
    const children: TreeNode[] = [];
    for (const [rule, found] of rules) children.push(yield* ruleNode(log, rule, found));
    nodes.push({
      id: `${uri}#${severity}`,
      label: severityTitles[severity],
      description: grouped(total),
      icon: severityIcons[severity],
      expanded: severity === 'error' || severity === 'warning',
      children,
    });
  }
  return nodes;
}

/** A rule's findings in a log: the first and how many; all of them unless the tree is lazy. */
interface RuleFindings {
  first: Finding;
  count: number;
  list: Finding[] | null;
}

function* ruleNode(log: OpenLog, rule: string, { first, count, list }: RuleFindings): Steps<TreeNode> {
  const match = first.eventIndex !== undefined ? log.analysis.matches[first.eventIndex] : null;
  const timeline = timelineRules.find((r) => r.id === rule);
  const label = timeline ? `${timeline.title} (${rule})` : match ? `${match.entry.eventId} · ${match.entry.title}` : rule;
  const node: TreeNode = { id: `${log.uri}#${rule}`, label, description: `×${grouped(count)}`, tooltip: first.message, icon: 'event' };
  return list ? { ...node, children: yield* occurrences(log, rule, list) } : { ...node, childrenOnRequest: true };
}

/** The first MAX_OCCURRENCES of a rule's findings, then one node for the rest. */
function* occurrences(log: OpenLog, rule: string, list: Finding[]): Steps<TreeNode[]> {
  const children: TreeNode[] = [];
  // Each occurrence reads its event's fields: far slower than a round of sorting.
  for (let i = 0; i < Math.min(list.length, MAX_OCCURRENCES); i++) {
    if ((i + 1) % FIELDS_STEP === 0) yield;
    children.push(occurrence(log, list[i], i));
  }
  if (list.length > MAX_OCCURRENCES) children.push({ id: `${log.uri}#${rule}#more`, label: `… ${grouped(list.length - MAX_OCCURRENCES)} more (ADSync: Export Findings Report lists them all)`, icon: 'list' });
  return children;
}

function occurrence(log: OpenLog, f: Finding, i: number): TreeNode {
  // A timeline finding sits on an event but is about a stretch of the log: its message is the label.
  const event = f.eventIndex !== undefined && isEventFinding(f) ? log.analysis.read.events[f.eventIndex] : undefined;
  const subject = event ? subjectOf(fieldsOf(event)) : null;
  const where = event?.timeText ?? `line ${f.range.start.line + 1}`;
  return {
    id: `${log.uri}#${f.rule}#${i}`,
    label: event ? where : f.message,
    description: event ? subject ?? `line ${f.range.start.line + 1}` : `line ${f.range.start.line + 1}`,
    tooltip: f.message,
    action: { kind: 'reveal', uri: log.uri, range: f.range },
  };
}
