/**
 * `script/sync-cycle-disabled`: `Set-ADSyncScheduler -SyncCycleEnabled $false` stops every
 * scheduled sync, password hashes included, until someone turns it back on.
 */
import { SCRIPT_URLS } from '../../knowledge/cmdlets';
import { adsyncCalls, boolValue, makeFinding, replaceEdit, type RuleFinding, type ScriptRule } from '../rule';

export const syncCycleDisabledRule: ScriptRule = {
  id: 'script/sync-cycle-disabled',
  severity: 'warning',
  check(commands, context) {
    const out: RuleFinding[] = [];
    for (const { cmdlet, binding } of adsyncCalls(commands)) {
      if (cmdlet.name !== 'Set-ADSyncScheduler') continue;
      const arg = binding.bound.get('syncCycleEnabled'.toLowerCase())?.argument;
      if (!arg || boolValue(arg, context) !== false) continue;
      out.push(
        makeFinding(
          context,
          this,
          'Set-ADSyncScheduler -SyncCycleEnabled $false stops all scheduled sync, password hash sync included, until it is set back to $true.',
          arg.start,
          arg.end,
          [SCRIPT_URLS.scheduler, SCRIPT_URLS.phsTroubleshooting],
          [{ title: 'Keep sync cycles enabled ($true)', edits: [replaceEdit(context, arg.start, arg.end, '$true')] }],
        ),
      );
    }
    return out;
  },
};
