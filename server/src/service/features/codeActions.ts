/** Quick fixes for a log's diagnostics: open the remediation, get the fix script, stop flagging the event. */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { Commands } from '../../protocol';
import type { LogAnalysis } from '../analysis/document';
import { fieldsOf } from '../analysis/fields';
import { renderScript, scripts } from '../generators';
import { linkTitles } from '../knowledge/links';
import type { DiagnosticData } from './diagnostics';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export function logCodeActions(analysis: LogAnalysis, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    if (data?.eventIndex === undefined) continue;
    const match = analysis.matches[data.eventIndex];
    const event = analysis.read.events[data.eventIndex];
    if (!match || !event) continue;
    const { entry } = match;
    entry.remediation.forEach((url, i) => {
      actions.push(quickFix(`Open "${linkTitles[url] ?? url}"`, diagnostic, { title: 'Open remediation', command: Commands.openLink, arguments: [url] }, i === 0));
    });
    if (entry.script) {
      const template = scripts.find((s) => s.id === entry.script)!;
      const dn = fieldsOf(event).dns[0];
      const content = renderScript(entry.script, dn ? { dn } : undefined);
      actions.push(quickFix(`Open fix script: ${template.title}`, diagnostic, { title: 'Open script', command: Commands.openScript, arguments: [template.title, content] }));
      actions.push(quickFix(`Copy fix script: ${template.title}`, diagnostic, { title: 'Copy script', command: Commands.copyScript, arguments: [content] }));
    }
    actions.push(quickFix(`Don't flag event ${entry.eventId} in this workspace`, diagnostic, { title: 'Ignore event', command: Commands.ignoreEvent, arguments: [entry.eventId] }));
  }
  return actions;
}

function quickFix(title: string, diagnostic: Diagnostic, command: CodeAction['command'], isPreferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command, ...(isPreferred ? { isPreferred } : {}) };
}
