import type { ScriptTemplate } from './template';

export const fullPasswordSync: ScriptTemplate = {
  id: 'fullPasswordSync',
  title: 'Full password hash sync',
  command: 'adsyncDoctor.generateFullPasswordSyncScript',
  body: () => `# ADSync Doctor: make password hash sync send every password again (a full password sync).
# Run in an elevated PowerShell on the Microsoft Entra Connect server.
# With several AD forests, run the block once per AD connector.
Import-Module ADSync

# Pick the connectors with Where-Object: ForEach-Object (%) would yield booleans, not connectors.
$adConnector = Get-ADSyncConnector | Where-Object { $_.ConnectorTypeName -eq 'AD' } | Select-Object -First 1
$aadConnector = Get-ADSyncConnector | Where-Object { $_.SubType -eq 'Windows Azure Active Directory (Microsoft)' } | Select-Object -First 1
if (-not $adConnector -or -not $aadConnector) { throw 'AD or Microsoft Entra connector not found.' }

# Ask the AD connector to send all password hashes on its next run.
$parameter = $adConnector.GlobalParameters['Microsoft.Synchronize.ForceFullPasswordSync']
$parameter.Value = $true
Add-ADSyncConnector -Connector $adConnector

# Turning password sync off and on again starts the full password sync.
Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $adConnector.Name -TargetConnector $aadConnector.Name -Enable $false
Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $adConnector.Name -TargetConnector $aadConnector.Name -Enable $true

# Watch the Application log for events 622/623 (full password sync completed).
`,
};
