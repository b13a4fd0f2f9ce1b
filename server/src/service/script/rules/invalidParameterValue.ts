/**
 * `script/invalid-parameter-value`: a value the cmdlet will refuse — an enum value outside its
 * list, a bare word or string for a [bool] parameter (PowerShell accepts only $true/$false or a
 * number there), text that is not a TimeSpan, or a parameter left without its value.
 * Policy types have their own rule (`script/policytype-invalid`).
 */
import type { CmdletParameter } from '../../knowledge/cmdlets';
import { closestName } from '../catalog';
import type { ScriptArgument } from '../commands';
import {
  adsyncCalls,
  boolValue,
  isNumeric,
  makeFinding,
  replaceEdit,
  shown,
  type RuleFinding,
  type ScriptContext,
  type ScriptQuickFix,
  type ScriptRule,
} from '../rule';

const POLICY_TYPES = new Set(['policytype', 'nextsynccyclepolicytype']);
const TRUE_WORDS = new Set(['true', 'yes', 'y', 'on', 'enable', 'enabled']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'off', 'disable', 'disabled']);
/** What TimeSpan parsing accepts: `d`, `hh:mm`, `hh:mm:ss`, `d.hh:mm:ss[.fffffff]`. */
const TIMESPAN = /^\s*-?(?:\d+|(?:\d+\.)?\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d{1,7})?)?)\s*$/;

export const invalidParameterValueRule: ScriptRule = {
  id: 'script/invalid-parameter-value',
  severity: 'error',
  check(commands, context) {
    const out: RuleFinding[] = [];
    for (const { command, cmdlet, binding } of adsyncCalls(commands)) {
      for (const bound of binding.bound.values()) {
        const p = bound.parameter;
        const el = bound.element;
        if (el && !bound.argument && p.type !== 'switch' && !command.stopParsing) {
          out.push(
            makeFinding(
              context,
              this,
              `${cmdlet.name} -${p.name} has no value${p.values ? `; expected ${p.values.join(', ')}` : ''}.`,
              el.start,
              el.nameEnd,
              [cmdlet.reference],
            ),
          );
          continue;
        }
        const arg = bound.argument;
        if (!arg || POLICY_TYPES.has(p.name.toLowerCase()) || p.type === 'switch') continue;
        const problem = check(p, arg, context);
        if (!problem) continue;
        out.push(
          makeFinding(
            context,
            this,
            `${cmdlet.name} -${p.name} ${problem.message}`,
            arg.start,
            arg.end,
            [cmdlet.reference],
            problem.fixes,
          ),
        );
      }
    }
    return out;
  },
};

function check(
  p: CmdletParameter,
  arg: ScriptArgument,
  context: ScriptContext,
): { message: string; fixes: ScriptQuickFix[] } | null {
  if (p.type === 'bool') {
    if (boolValue(arg, context) !== 'invalid') return null;
    const word = (arg.literal ?? '').trim().toLowerCase();
    const intended = TRUE_WORDS.has(word) ? '$true' : FALSE_WORDS.has(word) ? '$false' : undefined;
    const choices = intended ? [intended] : ['$true', '$false'];
    return {
      message: `takes $true or $false, not '${shown(arg.literal ?? '')}' (a [bool] parameter refuses words and strings).`,
      fixes: choices.map((value) => ({
        title: `Use ${value}`,
        edits: [replaceEdit(context, arg.start, arg.end, value)],
        isPreferred: intended !== undefined,
      })),
    };
  }
  if (p.type === 'enum' && p.values && arg.literal !== null && !isNumeric(arg.literal)) {
    const written = arg.literal.trim();
    if (p.values.some((v) => v.toLowerCase() === written.toLowerCase())) return null;
    const lower = written.toLowerCase();
    // On/off words for an Enabled/Disabled enum; otherwise the nearest spelling.
    const suggestion =
      (TRUE_WORDS.has(lower) ? p.values.find((v) => v === 'Enabled') : undefined) ??
      (FALSE_WORDS.has(lower) ? p.values.find((v) => v === 'Disabled') : undefined) ??
      closestName(written, p.values);
    return {
      message: `does not accept '${shown(written)}'; use ${p.values.join(', ')}.`,
      fixes: suggestion
        ? [{ title: `Use ${suggestion}`, edits: [replaceEdit(context, arg.literalStart, arg.literalEnd, suggestion)], isPreferred: true }]
        : [],
    };
  }
  if (p.type === 'timespan' && arg.literal !== null && !TIMESPAN.test(arg.literal)) {
    return { message: `'${shown(arg.literal)}' is not a TimeSpan; write it as d.HH:mm:ss, e.g. 00:30:00 for 30 minutes.`, fixes: [] };
  }
  return null;
}
