import type { ScriptTemplate } from './template';

export const scheduler: ScriptTemplate = {
  id: 'scheduler',
  title: 'Check and re-enable the scheduler',
  command: 'adsyncDoctor.generateSchedulerScript',
  body: () => `# ADSync Doctor: check the sync scheduler and switch it back on.
# Run in an elevated PowerShell on the Microsoft Entra Connect server.
Import-Module ADSync

# SyncCycleEnabled False means nothing syncs, passwords included; StagingModeEnabled True means
# this server is in staging mode and exports nothing.
Get-ADSyncScheduler

Set-ADSyncScheduler -SyncCycleEnabled $true

# Confirm, then start a delta cycle.
Get-ADSyncScheduler
Start-ADSyncSyncCycle -PolicyType Delta
`,
};
