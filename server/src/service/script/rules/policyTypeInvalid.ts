/**
 * `script/policytype-invalid`: a sync policy type other than Unspecified, Delta or Initial.
 * `Full` is the classic mistake — the full cycle is called Initial — and the cmdlet refuses it.
 */
import { SCRIPT_URLS } from '../../knowledge/cmdlets';
import { closestName } from '../catalog';
import { adsyncCalls, isNumeric, makeFinding, replaceEdit, shown, type RuleFinding, type ScriptRule } from '../rule';

/** Which parameter carries a policy type, per cmdlet. */
const POLICY_PARAMETERS: Record<string, string> = {
  'start-adsyncsynccycle': 'policytype',
  'set-adsyncscheduler': 'nextsynccyclepolicytype',
};

/** Words people write for a full or an incremental cycle. */
const INTENDED: Record<string, string> = {
  full: 'Initial',
  fullsync: 'Initial',
  'full-sync': 'Initial',
  fullimport: 'Initial',
  complete: 'Initial',
  init: 'Initial',
  initialize: 'Initial',
  initialise: 'Initial',
  initialsync: 'Initial',
  all: 'Initial',
  reset: 'Initial',
  incremental: 'Delta',
  increment: 'Delta',
  deltasync: 'Delta',
  'delta-sync': 'Delta',
  partial: 'Delta',
  quick: 'Delta',
  diff: 'Delta',
  differential: 'Delta',
  changes: 'Delta',
  normal: 'Delta',
  default: 'Unspecified',
  none: 'Unspecified',
  auto: 'Unspecified',
  automatic: 'Unspecified',
};

export const policyTypeInvalidRule: ScriptRule = {
  id: 'script/policytype-invalid',
  severity: 'error',
  check(commands, context) {
    const out: RuleFinding[] = [];
    for (const { cmdlet, binding } of adsyncCalls(commands)) {
      const key = POLICY_PARAMETERS[cmdlet.name.toLowerCase()];
      const bound = key ? binding.bound.get(key) : undefined;
      const arg = bound?.argument;
      if (!bound || !arg || arg.literal === null || isNumeric(arg.literal)) continue;
      const values = bound.parameter.values ?? [];
      const written = arg.literal.trim();
      if (values.some((v) => v.toLowerCase() === written.toLowerCase())) continue;
      const intended = INTENDED[written.toLowerCase().replace(/\s+/g, '')] ?? closestName(written, values);
      const choices = intended ? [intended] : ['Delta', 'Initial'];
      const fixes = choices.map((value) => ({
        title: `Use ${value}${value === 'Initial' ? ' (the full cycle)' : ''}`,
        edits: [replaceEdit(context, arg.literalStart, arg.literalEnd, value)],
        isPreferred: intended !== undefined,
      }));
      out.push(
        makeFinding(
          context,
          this,
          `${cmdlet.name} -${bound.parameter.name} '${shown(written)}' is not a policy type: use Delta, Initial (the full cycle) or Unspecified.`,
          arg.start,
          arg.end,
          [SCRIPT_URLS.scheduler, SCRIPT_URLS.adsyncReference],
          fixes,
        ),
      );
    }
    return out;
  },
};
