# Run after changing the OU filter, so the new objects are picked up.
Import-Module ADSync
Start-ADSyncSyncCycle -PolicyType Full
