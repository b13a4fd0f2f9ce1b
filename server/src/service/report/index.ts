/**
 * The report model shared by the Markdown and HTML renderers: what a ticket needs from each analysed
 * file. Everything here that came from a log (paths, DNs, messages, times) is untrusted text; the
 * renderers escape it and build links only from knowledge-base URLs.
 */
import type { FileReport } from '../files';
import { isEventFinding, SEVERITY_ORDER, type Finding, type FormatId, type Severity } from '../model';
import { fieldsOf } from '../analysis/fields';
import { dnKey, userChanges } from '../analysis/timeline/context';
import type { Verdict, VerdictStatus } from '../analysis/verdict';
import { isKnowledgeBaseUrl, linkTitles } from '../knowledge/links';
import { between, runToEnd, STEP, type Steps } from '../steps';
import { grouped } from '../counts';

export type { Verdict, VerdictStatus } from '../analysis/verdict';

/** One analysed file as the hosts hand it to the renderers. */
export interface ReportFile {
  path: string;
  report: FileReport & { timeline: Finding[]; verdict: Verdict };
}

export interface EventCount {
  eventId: number;
  /** Catalogue rule id, `event/...`. */
  rule: string;
  /** Catalogue title (knowledge-base text). */
  title: string;
  severity: Severity;
  count: number;
}

export interface FailingUser {
  /** The DN, or `anchor X` when the log never names the DN (log text). */
  name: string;
  failures: number;
  /** Time text of the latest failure (log text). */
  lastTime: string | null;
  /** e.g. "657 failed ×2", "0 retry ×1". */
  kinds: string[];
}

export interface ReportLink {
  url: string;
  title: string;
}

export interface FileSummary {
  path: string;
  format: FormatId;
  formatLabel: string;
  eventTotal: number;
  passwordSyncEvents: number;
  readErrors: number;
  verdict: Verdict;
  eventCounts: EventCount[];
  failingUsers: FailingUser[];
  timeline: Finding[];
  /** Findings that are neither about one catalogue event nor the timeline (e.g. `script/...` for a PowerShell file). */
  otherFindings: Finding[];
  /** Knowledge-base links only: the scenario's, then the findings' remediation. */
  links: ReportLink[];
}

/** Partial: a format added to the model shows by its id until it gets a label here. */
export const formatLabels: Partial<Record<FormatId, string>> = {
  'event-viewer-csv': 'Event Viewer CSV',
  'event-viewer-txt': 'Event Viewer text (tab-delimited)',
  'event-viewer-xml': 'Event Viewer XML',
  evtx: 'Windows event log (.evtx)',
  'powershell-format-list': 'Get-WinEvent | Format-List',
  'powershell-eventlog-format-list': 'Get-EventLog | Format-List',
  'powershell-format-table': 'Get-WinEvent | Format-Table',
  'powershell-export-csv': 'PowerShell Export-Csv',
  'copy-details-text': 'Event Viewer "Copy details as text"',
  'wevtutil-text': 'wevtutil text',
  'message-only': 'Message text only',
  'powershell-script': 'PowerShell script',
  unknown: 'Unrecognised',
};

export const statusLabels: Record<VerdictStatus, string> = { healthy: 'Healthy', degraded: 'Degraded', broken: 'Broken', 'no-data': 'No data' };

export const severityLabels: Record<Severity, string> = { error: 'Error', warning: 'Warning', information: 'Information', hint: 'Hint' };

const failureKinds: Record<string, string> = {
  'event/657-failed': '657 failed',
  'event/657-extended-error': '657 extended error',
  'event/0-retry-scheduled': '0 retry',
};

export function summarizeFile(file: ReportFile): FileSummary {
  return runToEnd(summarizeFileSteps(file));
}

/**
 * summarizeFile in steps (see steps.ts): the users come from the messages of every 656 and 657, which
 * took ~0.3 s for the bench's 100 MB CSV, and the language server answers requests meanwhile.
 */
export function* summarizeFileSteps(file: ReportFile): Steps<FileSummary> {
  // How far the summary has come (see steps.ts): its four passes take about 8%, 45%, 37% and 10% of its
  // time on the bench's 100 MB CSV (the second and third read the messages of every 656 and 657).
  const { report } = file;
  const { matches } = report;

  const counts = new Map<string, EventCount>();
  let passwordSyncEvents = 0;
  for (let i = 0; i < matches.length; i++) {
    if ((i + 1) % STEP === 0) yield between(0, 0.08, i / matches.length);
    const m = matches[i];
    if (!m) continue;
    passwordSyncEvents++;
    const row = counts.get(m.entry.rule) ?? { eventId: m.entry.eventId, rule: m.entry.rule, title: m.entry.title, severity: m.entry.severity, count: 0 };
    row.count++;
    counts.set(m.entry.rule, row);
  }
  const eventCounts = [...counts.values()].sort((a, b) => a.eventId - b.eventId || a.rule.localeCompare(b.rule));

  // Name anchor-only failures (657 extended error) from any event that pairs the anchor with a DN.
  const dnOfAnchor = new Map<string, string>();
  for (let i = 0; i < matches.length; i++) {
    if ((i + 1) % STEP === 0) yield between(0.08, 0.53, i / matches.length);
    const m = matches[i];
    if (m && (m.entry.eventId === 656 || m.entry.eventId === 657)) {
      for (const c of userChanges(report.events[i].message)) if (c.anchor && c.dn && !dnOfAnchor.has(c.anchor)) dnOfAnchor.set(c.anchor, c.dn);
    }
  }
  const users = new Map<string, { user: FailingUser; kinds: Map<string, number>; lastSort: number | null }>();
  for (let i = 0; i < matches.length; i++) {
    if ((i + 1) % STEP === 0) yield between(0.53, 0.9, i / matches.length);
    const m = matches[i];
    const kind = m ? failureKinds[m.entry.rule] : undefined;
    if (!kind) continue;
    const event = report.events[i];
    const names = m!.entry.eventId === 657
      ? userChanges(event.message).map((c) => c.dn ?? (c.anchor ? dnOfAnchor.get(c.anchor) ?? `anchor ${c.anchor}` : undefined))
      : fieldsOf(event).dns;
    for (const name of new Set(names.filter((n): n is string => n !== undefined))) {
      const key = dnKey(name);
      const entry = users.get(key) ?? { user: { name, failures: 0, lastTime: null, kinds: [] }, kinds: new Map<string, number>(), lastSort: null };
      entry.user.failures++;
      entry.kinds.set(kind, (entry.kinds.get(kind) ?? 0) + 1);
      // The newest dated failure; an undated one only while none is dated.
      const dated = event.sortTime !== null;
      if (dated ? entry.lastSort === null || event.sortTime! >= entry.lastSort : entry.lastSort === null) {
        entry.lastSort = event.sortTime;
        entry.user.lastTime = event.timeText;
      }
      users.set(key, entry);
    }
  }
  const failingUsers = [...users.values()]
    .map(({ user, kinds }) => ({ ...user, kinds: [...kinds].map(([k, n]) => `${k} ×${grouped(n)}`) }))
    .sort((a, b) => b.failures - a.failures || a.name.localeCompare(b.name));

  const urls = [...(report.verdict.scenario ? [report.verdict.scenario.link] : []), ...report.timeline.flatMap((f) => f.remediation)];
  const otherFindings: Finding[] = [];
  for (let i = 0; i < report.findings.length; i++) {
    if ((i + 1) % STEP === 0) yield between(0.9, 1, i / report.findings.length);
    const f = report.findings[i];
    const other = !isEventFinding(f);
    if (other) otherFindings.push(f);
    if (other || f.severity === 'error' || f.severity === 'warning') urls.push(...f.remediation);
  }
  const links = [...new Set(urls)].filter(isKnowledgeBaseUrl).map((url) => ({ url, title: linkTitles[url] ?? url }));

  return {
    path: file.path,
    format: report.format,
    formatLabel: formatLabels[report.format] ?? report.format,
    eventTotal: report.eventCount,
    passwordSyncEvents,
    readErrors: report.errors.length,
    verdict: report.verdict,
    eventCounts,
    failingUsers,
    timeline: mostSevereFirst(report.timeline),
    otherFindings,
    links,
  };
}

/**
 * The timeline's findings, errors first, each severity in the order found: a big log has thousands of
 * change requests without a result (warnings) before its few domain and user failures (errors), and a
 * report lists only the first of them.
 */
function mostSevereFirst(findings: readonly Finding[]): Finding[] {
  return SEVERITY_ORDER.flatMap((severity) => findings.filter((f) => f.severity === severity));
}

const statusRank: Record<VerdictStatus, number> = { 'no-data': 0, healthy: 1, degraded: 2, broken: 3 };

/** The worst status over all files ("no data" only when every file has none). */
export function overallStatus(files: readonly FileSummary[]): VerdictStatus {
  return files.reduce<VerdictStatus>((worst, f) => (statusRank[f.verdict.status] > statusRank[worst] ? f.verdict.status : worst), 'no-data');
}
