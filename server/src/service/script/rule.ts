/** What every script rule is, and the small helpers they share. */
import type { Range } from 'vscode-languageserver-types';
import type { CmdletInfo } from '../knowledge/cmdlets';
import type { Finding, Severity } from '../model';
import { LineIndex } from '../formats/text';
import { bindCommand, findCmdlet, type Binding } from './catalog';
import type { ParsedScript, ScriptArgument, ScriptCommand } from './commands';

export interface ScriptEdit {
  range: Range;
  newText: string;
}

export interface ScriptQuickFix {
  title: string;
  edits: ScriptEdit[];
  isPreferred?: boolean;
}

/** A rule's finding, carrying the fixes that go with it (checkScript strips them; scriptQuickFixes hands them out). */
export interface RuleFinding extends Finding {
  fixes: ScriptQuickFix[];
}

export interface ScriptContext {
  script: ParsedScript;
  lines: LineIndex;
}

export interface ScriptRule {
  /** Stable id, part of the CLI contract (`script/…`). */
  id: string;
  severity: Severity;
  check(commands: readonly ScriptCommand[], context: ScriptContext): RuleFinding[];
}

export function createContext(script: ParsedScript): ScriptContext {
  return { script, lines: new LineIndex(script.text) };
}

export function makeFinding(
  context: ScriptContext,
  rule: ScriptRule,
  message: string,
  start: number,
  end: number,
  remediation: readonly string[],
  fixes: ScriptQuickFix[] = [],
): RuleFinding {
  return {
    rule: rule.id,
    severity: rule.severity,
    message,
    range: context.lines.range(start, end),
    eventId: null,
    source: null,
    remediation: [...new Set(remediation)],
    fixes,
  };
}

export function replaceEdit(context: ScriptContext, start: number, end: number, newText: string): ScriptEdit {
  return { range: context.lines.range(start, end), newText };
}

/** Script text for a one-line message: single line, at most `max` characters. */
export function shown(text: string, max = 48): string {
  const one = text.replace(/[\r\n\t]+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** An ADSync cmdlet invocation with its parameters bound. */
export interface AdsyncCall {
  command: ScriptCommand;
  cmdlet: CmdletInfo;
  binding: Binding;
}

// One entry per script's commands: a WeakMap keeps the room it grew to, and keyed by command it held
// ~8 MB of table after a script of 500,000 commands was let go.
const callsOf = new WeakMap<readonly ScriptCommand[], AdsyncCall[]>();

/** The commands that call a known ADSync cmdlet, bound once and shared by every rule. */
export function adsyncCalls(commands: readonly ScriptCommand[]): readonly AdsyncCall[] {
  let calls = callsOf.get(commands);
  if (calls === undefined) {
    calls = [];
    for (const command of commands) {
      const cmdlet = findCmdlet(command.name);
      if (cmdlet) calls.push({ command, cmdlet, binding: bindCommand(command, cmdlet) });
    }
    callsOf.set(commands, calls);
  }
  return calls;
}

/**
 * Reads an argument as a PowerShell bool: `$true`/`$false`, a number, or `($false)`.
 * 'invalid' for a bare word or a string (PowerShell refuses those for [bool] parameters);
 * null when it cannot be known (a variable, an expression).
 */
export function boolValue(arg: ScriptArgument, context: ScriptContext): boolean | 'invalid' | null {
  const variable = arg.variable ?? parenthesizedVariable(arg, context);
  if (variable !== null) {
    const v = variable.toLowerCase();
    return v === 'true' ? true : v === 'false' ? false : null;
  }
  if (arg.literal === null) return null;
  if (/^[+-]?(?:\d+(?:\.\d*)?|0x[0-9a-f]+)$/i.test(arg.literal)) return Number(arg.literal) !== 0;
  return 'invalid';
}

function parenthesizedVariable(arg: ScriptArgument, context: ScriptContext): string | null {
  const t = context.script.tokens;
  if (arg.last - arg.first !== 3) return null;
  const [open, inner, close] = [t[arg.first], t[arg.first + 1], t[arg.first + 2]];
  return open.value === '(' && inner.kind === 'variable' && close.value === ')' ? inner.value : null;
}

/** A literal that is a plain number (PowerShell converts those to enums by value). */
export const isNumeric = (s: string): boolean => /^\s*[+-]?\d+\s*$/.test(s);
