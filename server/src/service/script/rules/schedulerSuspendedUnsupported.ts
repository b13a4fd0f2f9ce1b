/**
 * `script/scheduler-suspended-unsupported`: Entra Connect sets SchedulerSuspended itself (during
 * upgrades); flipping it from a script is not a supported way to pause or resume sync.
 */
import { SCRIPT_URLS } from '../../knowledge/cmdlets';
import { adsyncCalls, makeFinding, replaceEdit, type RuleFinding, type ScriptRule } from '../rule';

export const schedulerSuspendedUnsupportedRule: ScriptRule = {
  id: 'script/scheduler-suspended-unsupported',
  severity: 'warning',
  check(commands, context) {
    const out: RuleFinding[] = [];
    for (const { command, cmdlet, binding } of adsyncCalls(commands)) {
      if (cmdlet.name !== 'Set-ADSyncScheduler') continue;
      const bound = binding.bound.get('schedulersuspended');
      if (!bound) continue;
      const start = bound.element?.start ?? bound.argument?.start ?? command.nameStart;
      const end = bound.element ? bound.element.end : (bound.argument?.end ?? command.nameEnd);
      const fixes = [];
      // Removing the parameter is only offered when something else is left for the cmdlet to do.
      if (bound.element && binding.bound.size > 1) {
        const removeEnd = bound.argument && bound.argument.end > bound.element.end ? bound.argument.end : bound.element.end;
        let removeStart = bound.element.start;
        while (removeStart > 0 && /[ \t]/.test(context.script.text[removeStart - 1])) removeStart--;
        fixes.push({ title: 'Remove -SchedulerSuspended', edits: [replaceEdit(context, removeStart, removeEnd, '')] });
      }
      out.push(
        makeFinding(
          context,
          this,
          'Set-ADSyncScheduler -SchedulerSuspended is unsupported: Entra Connect suspends and resumes the scheduler itself; use -SyncCycleEnabled to stop or start sync cycles.',
          start,
          end,
          [SCRIPT_URLS.scheduler],
          fixes,
        ),
      );
    }
    return out;
  },
};
