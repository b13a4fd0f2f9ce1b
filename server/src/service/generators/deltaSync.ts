import type { ScriptTemplate } from './template';

export const deltaSync: ScriptTemplate = {
  id: 'deltaSync',
  title: 'Delta sync cycle',
  command: 'adsyncDoctor.generateDeltaSyncScript',
  body: () => `# ADSync Doctor: start a delta sync cycle (only what changed since the last cycle).
# Run in an elevated PowerShell on the Microsoft Entra Connect server.
Import-Module ADSync

Start-ADSyncSyncCycle -PolicyType Delta
`,
};
