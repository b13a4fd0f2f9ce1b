# A full password sync script as it is often found pasted in tickets.
# ADSync Doctor flags its mistakes: open the Problems panel or hover the squiggles.
Import-Module ADSync

$adConnector  = Get-ADSyncConnector | % { $_.Type -eq "AD" }
$aadConnector = Get-ADSyncConnector | % { $_.Type -eq "Extensible2" }

$c = Get-ADSyncConnector -Name $adConnector.Name
$p = New-Object Microsoft.IdentityManagement.PowerShell.ObjectModel.ConfigurationParameter "Microsoft.Synchronize.ForceFullPasswordSync", String, ConnectorGlobal, $null, $null, $null
$p.Value = 1
$c.GlobalParameters.Remove($p.Name)
$c.GlobalParameters.Add($p)
$c = Add-ADSyncConnector -Connector $c

Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $adConnector.Name -TargetConnector $aadConnector.Name -Enable $false
Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $adConnector.Name -Enable $true

Start-ADSyncSyncCycle -PolicyType Full
