import type { ScriptTemplate } from './template';

export const checkUserPasswordSync: ScriptTemplate = {
  id: 'checkUserPasswordSync',
  title: "Check one user's password sync",
  command: 'adsyncDoctor.generateCheckUserScript',
  body: (args) => {
    // The DN comes from the log; it is put into a single-quoted PowerShell string, never run here.
    const dn = (args?.dn ?? 'CN=User Name,OU=Users,DC=contoso,DC=com').replace(/'/g, "''").replace(/[\r\n]/g, ' ');
    return `# ADSync Doctor: find out why one user's password does not sync.
# Run in an elevated PowerShell on the Microsoft Entra Connect server.
Import-Module ADSync
Import-Module ADSyncDiagnostics

$dn = '${dn}'
$adConnector = Get-ADSyncConnector | Where-Object { $_.ConnectorTypeName -eq 'AD' } | Select-Object -First 1

# Guided check of password hash sync for this object (answers its prompts with the values above).
Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName $adConnector.Name -DistinguishedName $dn

# Send this one user's current password hash now.
Invoke-ADSyncCSObjectPasswordHashSync -ConnectorName $adConnector.Name -DistinguishedName $dn
`;
  },
};
