/** Hover and quick fixes for ADSync scripts, as LSP types (the rules themselves live in script/). */
import { CodeActionKind, SymbolKind, type CodeAction, type Diagnostic, type DocumentSymbol, type Hover, type Position } from 'vscode-languageserver-types';
import type { ScriptAnalysis } from '../analysis/document';
import { scriptHover, scriptQuickFixes } from '../script';
import { findCmdlet, findRetiredCommand } from '../script/catalog';
import { parseScript } from '../script/commands';
import { LineIndex } from '../formats/text';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export function scriptHoverResult(text: string, position: Position): Hover | null {
  const hover = scriptHover(text, position);
  return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
}

export function scriptCodeActions(uri: string, text: string, analysis: ScriptAnalysis, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const finding = analysis.findings.find((f) => f.rule === diagnostic.code && sameRange(f.range, diagnostic.range));
    if (!finding) continue;
    for (const fix of scriptQuickFixes(text, finding)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: fix.edits } },
        ...(fix.isPreferred ? { isPreferred: true } : {}),
      });
    }
  }
  return actions;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The ADSync cmdlet calls of a script, for the Outline and Go to Symbol. */
export function scriptDocumentSymbols(text: string): DocumentSymbol[] {
  const lines = new LineIndex(text);
  return parseScript(text).commands
    .filter((c) => findCmdlet(c.name) !== undefined || findRetiredCommand(c.name) !== undefined)
    .map((c) => ({
      name: c.name,
      detail: c.elements.flatMap((e) => (e.kind === 'parameter' ? [`-${e.name}`] : [])).join(' '),
      kind: SymbolKind.Function,
      range: lines.range(c.nameStart, Math.max(c.end, c.nameEnd)),
      selectionRange: lines.range(c.nameStart, c.nameEnd),
    }));
}
