/**
 * Completions for ADSync PowerShell: cmdlet names where a command starts (after `|` or once a
 * prefix such as `Start-AD` is typed), the cmdlet's remaining parameters after `-`, and the valid
 * values of enum and [bool] parameters.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { CMDLETS, type CmdletInfo, type CmdletParameter } from '../knowledge/cmdlets';
import { bindCommand, findCmdlet, resolveParameter } from './catalog';
import type { ScriptCommand } from './commands';
import { cmdletMarkdown, parameterMarkdown } from './hover';
import type { ScriptContext } from './rule';
import type { Token } from './tokenize';

export function completionsAt(context: ScriptContext, offset: number): CompletionItem[] {
  const { script } = context;
  if (insideComment(script.comments, offset)) return [];
  const index = tokenBefore(script.tokens, offset);
  const token = index >= 0 ? script.tokens[index] : undefined;
  // The word under the cursor: a token that ends at (or runs past) the cursor with no gap.
  const current = token && token.end >= offset && token.start < offset ? token : undefined;

  if (current?.kind === 'string') return [];
  const command = commandAt(script.commands, offset);

  if (current && (current.kind === 'word' || current.kind === 'variable' || current.kind === 'parameter')) {
    const range = context.lines.range(current.start, current.end);
    if (current.kind === 'word' && command?.nameStart === current.start) {
      return cmdletItems(script.text.slice(current.start, offset), range);
    }
    if (current.kind === 'word' && !command && startsCommand(script.tokens, index)) {
      return cmdletItems(script.text.slice(current.start, offset), range);
    }
    const cmdlet = command ? findCmdlet(command.name) : undefined;
    if (!command || !cmdlet) return [];
    if (current.kind === 'word' && /^[-\u2013-\u2015]$/.test(current.value)) {
      // A lone dash is not yet a parameter token.
      return parameterItems(cmdlet, command, current.start, '', range);
    }
    if (current.kind === 'parameter') {
      if (current.colon && offset >= current.end) {
        const match = resolveParameter(cmdlet, current.value);
        return match.kind === 'cmdlet' ? valueItems(match.parameter, '', context.lines.range(offset, offset)) : [];
      }
      const typed = script.text.slice(current.start + 1, Math.min(offset, current.start + 1 + current.value.length));
      return parameterItems(cmdlet, command, current.start, typed, range);
    }
    const parameter = parameterTakingValueAt(command, cmdlet, current.start);
    return parameter ? valueItems(parameter, script.text.slice(current.start, offset), range) : [];
  }

  // Nothing typed yet at the cursor.
  const empty = context.lines.range(offset, offset);
  if (token?.kind === 'pipe') return cmdletItems('', empty);
  if (!command || offset <= command.nameEnd) return [];
  const cmdlet = findCmdlet(command.name);
  if (!cmdlet) return [];
  if (token?.kind === 'parameter' && token.colon && token.end === offset) {
    const match = resolveParameter(cmdlet, token.value);
    return match.kind === 'cmdlet' ? valueItems(match.parameter, '', empty) : [];
  }
  const last = [...command.elements].reverse().find((el) => el.end <= offset);
  if (last?.kind === 'parameter' && !last.colon) {
    const match = resolveParameter(cmdlet, last.name);
    if (match.kind === 'cmdlet' && match.parameter.type !== 'switch') {
      const followedByValue = command.elements.some((el) => el.start >= offset);
      if (!followedByValue || match.parameter.values || match.parameter.type === 'bool') {
        return valueItems(match.parameter, '', empty);
      }
    }
  }
  return parameterItems(cmdlet, command, -1, '', empty);
}

function insideComment(comments: readonly { start: number; end: number }[], offset: number): boolean {
  return comments.some((c) => offset > c.start && offset <= c.end);
}

/** Index of the last token starting before `offset` (binary search). */
function tokenBefore(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The innermost command whose statement spans the offset. */
function commandAt(commands: readonly ScriptCommand[], offset: number): ScriptCommand | undefined {
  let best: ScriptCommand | undefined;
  for (const c of commands) {
    if (c.nameStart > offset) break;
    if (offset <= c.stop) best = c;
  }
  return best;
}

function startsCommand(tokens: readonly Token[], index: number): boolean {
  const previous = tokens[index - 1];
  return (
    !previous ||
    previous.kind === 'newline' ||
    previous.kind === 'pipe' ||
    previous.kind === 'separator' ||
    previous.kind === 'assign' ||
    previous.kind === 'call' ||
    (previous.kind === 'open' && previous.value !== '[')
  );
}

function cmdletItems(typed: string, range: Range): CompletionItem[] {
  const prefix = typed.toLowerCase();
  const matches = CMDLETS.filter((c) => c.name.toLowerCase().startsWith(prefix));
  // Only offer ADSync names when the typed text is heading there (or nothing is typed after `|`).
  if (prefix.length > 0 && matches.length === 0) return [];
  return matches.map((c) => ({
    label: c.name,
    kind: CompletionItemKind.Function,
    detail: `${c.module} module`,
    documentation: { kind: MarkupKind.Markdown, value: cmdletMarkdown(c) },
    textEdit: { range, newText: c.name },
  }));
}

function parameterItems(
  cmdlet: CmdletInfo,
  command: ScriptCommand,
  typingAt: number,
  typed: string,
  range: Range,
): CompletionItem[] {
  const given = new Set<string>();
  for (const [name, bound] of bindCommand(command, cmdlet).bound) {
    if (bound.element && bound.element.start !== typingAt) given.add(name);
  }
  const prefix = typed.toLowerCase();
  return cmdlet.parameters
    .filter((p) => !given.has(p.name.toLowerCase()) && p.name.toLowerCase().startsWith(prefix))
    .map((p, i) => ({
      label: `-${p.name}`,
      kind: CompletionItemKind.Property,
      detail: p.values ? p.values.join(' | ') : p.type,
      documentation: { kind: MarkupKind.Markdown, value: parameterMarkdown(cmdlet, p) },
      sortText: `${p.required ? 0 : 1}${String(i).padStart(3, '0')}`,
      textEdit: { range, newText: `-${p.name}` },
    }));
}

/** The parameter (named or positional) whose value is the argument starting at `start`. */
function parameterTakingValueAt(command: ScriptCommand, cmdlet: CmdletInfo, start: number): CmdletParameter | undefined {
  for (const bound of bindCommand(command, cmdlet).bound.values()) {
    if (bound.argument?.start === start) return bound.parameter;
  }
  return undefined;
}

function valueItems(p: CmdletParameter, typed: string, range: Range): CompletionItem[] {
  const values = p.values ?? (p.type === 'bool' ? ['$true', '$false'] : []);
  const prefix = typed.toLowerCase();
  return values
    .filter((v) => v.toLowerCase().startsWith(prefix))
    .map((v, i) => ({
      label: v,
      kind: p.values ? CompletionItemKind.EnumMember : CompletionItemKind.Constant,
      detail: `-${p.name}`,
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: v },
    }));
}
