import type { ScriptTemplate } from './template';

export const initialSync: ScriptTemplate = {
  id: 'initialSync',
  title: 'Initial (full) sync cycle',
  command: 'adsyncDoctor.generateInitialSyncScript',
  body: () => `# ADSync Doctor: start an initial (full) sync cycle.
# Run in an elevated PowerShell on the Microsoft Entra Connect server.
# "Initial" is the full cycle; "Full" is not a valid PolicyType.
Import-Module ADSync

# Make sure no cycle is running and the scheduler is on before starting one.
Get-ADSyncScheduler

Start-ADSyncSyncCycle -PolicyType Initial
`,
};
