/** Findings → LSP diagnostics: on the event ID token, coded with the rule and its main remediation link. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding, Severity } from '../model';

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
    range: finding.range,
    severity: severities[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    ...(finding.remediation[0] ? { codeDescription: { href: finding.remediation[0] } } : {}),
    message: finding.message,
    data,
  };
}
