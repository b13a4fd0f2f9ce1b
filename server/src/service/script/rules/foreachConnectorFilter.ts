/**
 * `script/foreach-connector-filter`: `Get-ADSyncConnector | % { $_.Type -eq 'AD' }` — ForEach-Object
 * whose block is only a comparison outputs $true/$false per connector instead of the connectors, so
 * a script that then uses the "connector" silently does nothing. Where-Object is what was meant.
 */
import { SCRIPT_URLS } from '../../knowledge/cmdlets';
import { canonicalCommandName, findCmdlet } from '../catalog';
import type { ScriptArgument, ScriptCommand } from '../commands';
import type { Token } from '../tokenize';
import { makeFinding, replaceEdit, type RuleFinding, type ScriptRule } from '../rule';

const COMPARISON = /^(?:[ic])?(?:eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|is|isnot)$/i;
const LOGICAL = /^(?:and|or|xor|not|band|bor)$/i;

export const foreachConnectorFilterRule: ScriptRule = {
  id: 'script/foreach-connector-filter',
  severity: 'warning',
  check(commands, context) {
    const out: RuleFinding[] = [];
    for (const command of commands) {
      if (command.pipelineIndex === 0 || canonicalCommandName(command.name) !== 'ForEach-Object') continue;
      const source = adsyncSource(command);
      if (!source) continue;
      const block = filterBlock(command);
      if (!block || !isOnlyComparison(context.script.tokens, block.arg.scriptBlock ?? -1)) continue;
      const edits = [replaceEdit(context, command.nameStart, command.nameEnd, 'Where-Object')];
      if (block.processParameter) {
        edits.push(replaceEdit(context, block.processParameter.nameStart, block.processParameter.nameEnd, 'FilterScript'));
      }
      out.push(
        makeFinding(
          context,
          this,
          `${label(command.name)} after ${source} returns $true/$false for each object, not the matching ones; use Where-Object to filter.`,
          command.nameStart,
          command.nameEnd,
          [SCRIPT_URLS.fullPasswordSync, SCRIPT_URLS.adsyncReference],
          [{ title: 'Use Where-Object', edits, isPreferred: true }],
        ),
      );
    }
    return out;
  },
};

/** `%` and `foreach` are named with what they stand for. */
function label(written: string): string {
  return written === 'ForEach-Object' ? written : `${written.length > 40 ? 'ForEach-Object' : written} (ForEach-Object)`;
}

/** The ADSync cmdlet feeding the pipeline, directly or from inside a parenthesized expression. */
function adsyncSource(command: ScriptCommand): string | null {
  const input = command.input;
  if (!input) return null;
  const names = input.kind === 'command' ? [input.command.name] : input.commandNames;
  for (const name of names) {
    const cmdlet = findCmdlet(name);
    if (cmdlet && cmdlet.name.startsWith('Get-')) return cmdlet.name;
  }
  return null;
}

/** The one script block of `% { … }` or `ForEach-Object -Process { … }`; anything more is not a filter. */
function filterBlock(
  command: ScriptCommand,
): { arg: ScriptArgument; processParameter: { nameStart: number; nameEnd: number } | null } | null {
  const els = command.elements;
  if (els.length === 1 && els[0].kind === 'argument' && els[0].scriptBlock !== null) {
    return { arg: els[0], processParameter: null };
  }
  const p = els[0];
  if (p?.kind !== 'parameter' || p.name.toLowerCase() !== 'process') return null;
  if (p.colonArgument && els.length === 1 && p.colonArgument.scriptBlock !== null) {
    return { arg: p.colonArgument, processParameter: p };
  }
  const next = els[1];
  if (!p.colon && els.length === 2 && next.kind === 'argument' && next.scriptBlock !== null) {
    return { arg: next, processParameter: p };
  }
  return null;
}

/** True when the block holds one expression whose top level is a comparison (`$_.X -eq 'y'`, maybe with -and/-or). */
export function isOnlyComparison(tokens: readonly Token[], open: number): boolean {
  const close = tokens[open]?.match ?? -1;
  if (close <= open) return false;
  let statements = 0;
  let inStatement = false;
  let comparison = false;
  let previous: Token | null = null;
  for (let k = open + 1; k < close; k++) {
    const t = tokens[k];
    if (t.kind === 'newline' || t.kind === 'separator') {
      // A line ending in an operator continues onto the next line.
      if (t.kind === 'newline' && previous?.kind === 'parameter') continue;
      inStatement = false;
      continue;
    }
    if (t.kind === 'pipe' || t.kind === 'assign') return false;
    if (!inStatement) {
      statements++;
      inStatement = true;
      const startsExpression =
        t.kind === 'variable' ||
        t.kind === 'string' ||
        (t.kind === 'open' && t.value !== '{' && t.value !== '@{') ||
        (t.kind === 'parameter' && t.value.toLowerCase() === 'not') ||
        (t.kind === 'word' && t.value.startsWith('!'));
      if (!startsExpression) return false;
    }
    if (t.kind === 'parameter' && COMPARISON.test(t.value)) comparison = true;
    else if (t.kind === 'parameter' && !LOGICAL.test(t.value)) return false;
    previous = t;
    if (t.kind === 'open') {
      const m = t.match ?? -1;
      if (m <= k || m > close) return false;
      k = m;
      previous = tokens[m];
    }
  }
  return statements === 1 && comparison;
}
