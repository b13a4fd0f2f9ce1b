/** Findings → LSP diagnostics: on the event ID token, coded with the rule and its main remediation link. */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { isEventFinding, SEVERITY_ORDER, type Finding, type Severity } from '../model';
import { runToEnd, STEP, type Steps } from '../steps';
import { grouped } from '../counts';

export const DIAGNOSTIC_SOURCE = 'ADSync Doctor';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to code actions. */
export interface DiagnosticData {
  rule: string;
  eventIndex?: number;
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: DiagnosticData = { rule: finding.rule, ...(finding.eventIndex !== undefined ? { eventIndex: finding.eventIndex } : {}) };
  return {
    // A copy: typing moves an event's range where it stands (see moveAlong), and the server compares
    // the problems it last published with the next ones.
    range: { start: finding.range.start, end: finding.range.end },
    severity: severities[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    ...(finding.remediation[0] ? { codeDescription: { href: finding.remediation[0] } } : {}),
    message: finding.message,
    data,
  };
}

const rank = Object.fromEntries(SEVERITY_ORDER.map((s, i) => [s, i])) as Record<Severity, number>;

/**
 * At most `max` problems (0: no limit): when there are more findings, a note at the top saying how
 * many were left out, then `max - 1` findings, the most severe first; of one severity, those that sum
 * up many events (the timeline's, a part that could not be read) before single events', each in file
 * order. Tens of thousands of routine events would bury the few errors in the Problems view and cost
 * seconds to send; and a big failing log has more errors than fit, where "domain X failed 104 times"
 * says more than its 104th failure. The note counts because VS Code keeps 1,000 diagnostics per file
 * (errors first) and drops the rest.
 */
export function problemDiagnostics(findings: readonly Finding[], max: number): Diagnostic[] {
  return runToEnd(problemDiagnosticsSteps(findings, max));
}

/** problemDiagnostics in steps (see steps.ts): a big log's passes over its findings took ~4 ms in one piece. */
export function* problemDiagnosticsSteps(findings: readonly Finding[], max: number): Steps<Diagnostic[]> {
  if (max <= 0 || findings.length <= max) return yield* diagnosticsOf(findings.keys(), findings);
  // Two passes per severity rather than a sort of every finding: a big log has hundreds of thousands.
  const room = max - 1;
  const kept: number[] = [];
  for (let r = 0; r < 4 && kept.length < room; r++) {
    for (const single of [false, true]) {
      for (let i = 0; i < findings.length && kept.length < room; i++) {
        if ((i + 1) % STEP === 0) yield;
        if (rank[findings[i].severity] === r && isEventFinding(findings[i]) === single) kept.push(i);
      }
    }
  }
  kept.sort((a, b) => a - b);
  const note: Diagnostic = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: LIMIT_RULE,
    message: `${grouped(room)} of ${grouped(findings.length)} findings are shown as problems: the most severe first, and of those what sums up many events before single events (setting adsyncDoctor.maxNumberOfProblems). The ADSync Doctor Findings view and the report list them all.`,
    data: { rule: LIMIT_RULE } satisfies DiagnosticData,
  };
  return [note, ...(yield* diagnosticsOf(kept.values(), findings))];
}

function* diagnosticsOf(indexes: Iterable<number>, findings: readonly Finding[]): Steps<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const i of indexes) {
    if ((out.length + 1) % STEP === 0) yield;
    out.push(toDiagnostic(findings[i]));
  }
  return out;
}

export const LIMIT_RULE = 'problems/limit';

/**
 * Whether two lists of diagnostics say the same, in the same order and at the same places (every field
 * toDiagnostic sets). In steps: the first comparison of 5,000 ran in the interpreter and took ~4 ms.
 */
export function* sameDiagnosticsSteps(a: readonly Diagnostic[] | undefined, b: readonly Diagnostic[]): Steps<boolean> {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if ((i + 1) % STEP === 0) yield;
    const x = a[i];
    const y = b[i];
    if (
      x.message !== y.message || x.severity !== y.severity || x.code !== y.code || x.source !== y.source
      || !sameRange(x.range, y.range) || x.codeDescription?.href !== y.codeDescription?.href
      || !sameData(x.data as DiagnosticData | undefined, y.data as DiagnosticData | undefined)
    ) return false;
  }
  return true;
}

function sameData(a: DiagnosticData | undefined, b: DiagnosticData | undefined): boolean {
  return a?.rule === b?.rule && a?.eventIndex === b?.eventIndex;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
