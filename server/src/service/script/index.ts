/**
 * The ADSync PowerShell side of the service: rule registry, diagnostics, hover, completions and
 * quick fixes for `.ps1` text. Pure: text in, LSP-shaped values out.
 */
import type { CompletionItem, Position, Range } from 'vscode-languageserver-types';
import type { Finding } from '../model';
import { canonicalCommandName, findCmdlet, findModule, findRetiredCommand } from './catalog';
import { parseScript } from './commands';
import { completionsAt } from './completions';
import { hoverAt } from './hover';
import { createContext, type RuleFinding, type ScriptContext, type ScriptQuickFix, type ScriptRule } from './rule';
import { dirsyncRetiredRule } from './rules/dirsyncRetired';
import { foreachConnectorFilterRule } from './rules/foreachConnectorFilter';
import { invalidParameterValueRule } from './rules/invalidParameterValue';
import { missingRequiredParameterRule } from './rules/missingRequiredParameter';
import { outdatedParameterRule } from './rules/outdatedParameter';
import { policyTypeInvalidRule } from './rules/policyTypeInvalid';
import { schedulerSuspendedUnsupportedRule } from './rules/schedulerSuspendedUnsupported';
import { syncCycleDisabledRule } from './rules/syncCycleDisabled';
import { unknownParameterRule } from './rules/unknownParameter';

export type { ScriptQuickFix, ScriptRule } from './rule';

/** Every script rule; adding one is one file plus one line here. */
export const SCRIPT_RULES: readonly ScriptRule[] = [
  policyTypeInvalidRule,
  schedulerSuspendedUnsupportedRule,
  syncCycleDisabledRule,
  foreachConnectorFilterRule,
  outdatedParameterRule,
  missingRequiredParameterRule,
  dirsyncRetiredRule,
  unknownParameterRule,
  invalidParameterValueRule,
];

interface Analysis {
  context: ScriptContext;
  results: RuleFinding[];
}

// Hover, completion and quick-fix requests usually follow a check of the same text: keep the last.
let last: { text: string; analysis: Analysis } | null = null;

/** Lets go of the last script checked (a closed one's text and parse would stay in memory: ~180 MB for an 8 MB script). */
export function forgetLastScript(): void {
  last = null;
}

function analyze(text: string): Analysis {
  if (last && last.text === text) return last.analysis;
  const context = createContext(parseScript(text));
  const results: RuleFinding[] = [];
  for (const rule of SCRIPT_RULES) {
    try {
      // One push each: spread into push() overflows the stack on a script with 100,000s of findings.
      for (const result of rule.check(context.script.commands, context)) results.push(result);
    } catch {
      // One faulty rule must not take the other diagnostics down with it.
    }
  }
  results.sort((a, b) => compareRange(a.range, b.range) || a.rule.localeCompare(b.rule));
  const analysis = { context, results };
  last = { text, analysis };
  return analysis;
}

function compareRange(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || a.end.line - b.end.line || a.end.character - b.end.character;
}

const sameRange = (a: Range, b: Range): boolean => compareRange(a, b) === 0;

/** All rule findings for a PowerShell script, sorted by position. */
export function checkScript(text: string): Finding[] {
  // Plain Finding objects: the fixes stay behind for scriptQuickFixes, the cache stays unshared.
  return analyze(text).results.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    range: { start: { ...f.range.start }, end: { ...f.range.end } },
    eventId: f.eventId,
    source: f.source,
    remediation: [...f.remediation],
  }));
}

/** Hover on a known ADSync cmdlet, one of its parameters, an ADSync module or retired DirSync tooling. */
export function scriptHover(text: string, pos: Position): { markdown: string; range: Range } | null {
  const { context } = analyze(text);
  return hoverAt(context, context.lines.offsetAt(pos));
}

/** ADSync cmdlet names, their remaining parameters, and valid parameter values at the cursor. */
export function scriptCompletions(text: string, pos: Position): CompletionItem[] {
  const { context } = analyze(text);
  return completionsAt(context, context.lines.offsetAt(pos));
}

/** The fixes for one finding of `checkScript(text)` (matched by rule and range). */
export function scriptQuickFixes(text: string, finding: Finding): ScriptQuickFix[] {
  const match = analyze(text).results.find((r) => r.rule === finding.rule && sameRange(r.range, finding.range));
  return match ? match.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e })) })) : [];
}

const MENTION = /adsync|onlinecoexistencesync|fullpasswordsync|dirsyncconfigshell|coexistence-configuration/i;

/** True when the script calls ADSync cmdlets, loads the ADSync modules, or uses DirSync tooling. */
export function isAdsyncScript(text: string): boolean {
  if (!MENTION.test(text)) return false;
  for (const command of analyze(text).context.script.commands) {
    const canonical = canonicalCommandName(command.name);
    if (findCmdlet(canonical) || findRetiredCommand(canonical) || /^[a-z]+-adsync/i.test(canonical)) return true;
    if (/dirsyncconfigshell\.psc1/i.test(command.name)) return true;
    const lower = canonical.toLowerCase();
    for (const el of command.elements) {
      if (el.kind !== 'argument' || el.literal === null) continue;
      if (/dirsyncconfigshell\.psc1/i.test(el.literal)) return true;
      if (lower === 'import-module' && (findModule(el.literal.replace(/^.*[\\/]/, '').replace(/\.psd1$/i, '')) || /adsync/i.test(el.literal))) {
        return true;
      }
      if (lower === 'add-pssnapin' && findRetiredCommand(el.literal)) return true;
    }
  }
  return false;
}
