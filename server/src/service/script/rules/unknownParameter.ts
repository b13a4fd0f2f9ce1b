/**
 * `script/unknown-parameter`: a parameter the ADSync cmdlet does not have (or a prefix that fits
 * several). Only cmdlets whose whole parameter list is known are checked; common parameters,
 * unique prefixes and any casing are accepted, as PowerShell accepts them.
 */
import { SCRIPT_URLS } from '../../knowledge/cmdlets';
import { closestName, findOutdatedParameter } from '../catalog';
import { adsyncCalls, makeFinding, replaceEdit, shown, type RuleFinding, type ScriptRule } from '../rule';

export const unknownParameterRule: ScriptRule = {
  id: 'script/unknown-parameter',
  severity: 'warning',
  check(commands, context) {
    const out: RuleFinding[] = [];
    for (const { cmdlet, binding } of adsyncCalls(commands)) {
      if (!cmdlet.complete) continue;
      const names = cmdlet.parameters.map((p) => p.name);
      const remediation = [cmdlet.reference, SCRIPT_URLS.adsyncReference];
      for (const el of binding.unknown) {
        if (findOutdatedParameter(cmdlet, el.name)) continue; // reported as outdated instead
        const suggestion = closestName(el.name, names);
        const hint = suggestion
          ? `; did you mean -${suggestion}?`
          : names.length > 0
            ? `; it takes ${names.map((n) => `-${n}`).join(', ')}.`
            : '; it takes no parameters of its own.';
        out.push(
          makeFinding(
            context,
            this,
            `${cmdlet.name} has no parameter -${shown(el.name)}${hint}`,
            el.start,
            el.nameEnd,
            remediation,
            suggestion
              ? [{ title: `Change to -${suggestion}`, edits: [replaceEdit(context, el.nameStart, el.nameEnd, suggestion)], isPreferred: true }]
              : [],
          ),
        );
      }
      for (const { element, candidates } of binding.ambiguous) {
        out.push(
          makeFinding(
            context,
            this,
            `-${shown(element.name)} is ambiguous for ${cmdlet.name}: it could be ${candidates.map((c) => `-${c}`).join(' or ')}.`,
            element.start,
            element.nameEnd,
            remediation,
            candidates.map((c) => ({ title: `Change to -${c}`, edits: [replaceEdit(context, element.nameStart, element.nameEnd, c)] })),
          ),
        );
      }
    }
    return out;
  },
};
