/**
 * `script/missing-required-parameter`: a mandatory parameter is neither named nor given by
 * position, so PowerShell stops to prompt for it (and an unattended script hangs or fails).
 * Splatted calls, calls fed by a pipeline and calls with unknown parameters are left alone.
 */
import { adsyncCalls, makeFinding, type RuleFinding, type ScriptRule } from '../rule';

export const missingRequiredParameterRule: ScriptRule = {
  id: 'script/missing-required-parameter',
  severity: 'error',
  check(commands, context) {
    const out: RuleFinding[] = [];
    for (const { command, cmdlet, binding } of adsyncCalls(commands)) {
      if (binding.missing.length === 0) continue;
      if (command.hasSplat || command.stopParsing || command.pipelineIndex > 0) continue;
      if (binding.unknown.length > 0 || binding.ambiguous.length > 0) continue;
      const alternatives = binding.missing.map((names) => names.map((n) => `-${n}`).join(' and '));
      const what =
        alternatives.length > 1
          ? `one of ${alternatives.slice(0, -1).join(', ')} or ${alternatives[alternatives.length - 1]}`
          : `the required ${binding.missing[0].length === 1 ? 'parameter' : 'parameters'} ${alternatives[0]}`;
      out.push(
        makeFinding(
          context,
          this,
          `${cmdlet.name} is missing ${what}; PowerShell would stop and prompt for it.`,
          command.nameStart,
          command.nameEnd,
          [cmdlet.reference],
        ),
      );
    }
    return out;
  },
};
