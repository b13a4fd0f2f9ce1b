/**
 * `script/outdated-parameter`: a parameter name from a preview or older build that the cmdlet no
 * longer has (e.g. -ForcePasswordResetOnLogonFeature, now -ForcePasswordChangeOnLogOn).
 */
import { findOutdatedParameter, resolveParameter } from '../catalog';
import { adsyncCalls, makeFinding, replaceEdit, type RuleFinding, type ScriptRule } from '../rule';

export const outdatedParameterRule: ScriptRule = {
  id: 'script/outdated-parameter',
  severity: 'warning',
  check(commands, context) {
    const out: RuleFinding[] = [];
    for (const { command, cmdlet } of adsyncCalls(commands)) {
      for (const el of command.elements) {
        if (el.kind !== 'parameter' || resolveParameter(cmdlet, el.name).kind !== 'unknown') continue;
        const outdated = findOutdatedParameter(cmdlet, el.name);
        if (!outdated) continue;
        out.push(
          makeFinding(
            context,
            this,
            `${cmdlet.name} -${outdated.oldName} is an outdated name (${outdated.why}); use -${outdated.newName}.`,
            el.start,
            el.nameEnd,
            [outdated.reference],
            [
              {
                title: `Rename to -${outdated.newName}`,
                edits: [replaceEdit(context, el.nameStart, el.nameEnd, outdated.newName)],
                isPreferred: true,
              },
            ],
          ),
        );
      }
    }
    return out;
  },
};
