/**
 * The ADSync PowerShell surface ADSync Doctor knows: cmdlets of the `ADSync` and `ADSyncDiagnostics`
 * modules, parameter names that were renamed, and the retired DirSync tooling with its replacement.
 * Typed data only, written in the project's own words; the script rules and hovers read it.
 */

const LEARN = 'https://learn.microsoft.com/en-us';

/** Knowledge-base URLs the script side links to (all from the project's remediation table). */
export const SCRIPT_URLS = {
  adsyncReference: `${LEARN}/entra/identity/hybrid/connect/reference-connect-adsync`,
  scheduler: `${LEARN}/entra/identity/hybrid/connect/how-to-connect-sync-feature-scheduler`,
  phsTroubleshooting: `${LEARN}/entra/identity/hybrid/connect/tshoot-connect-password-hash-synchronization`,
  phsHowItWorks: `${LEARN}/entra/identity/hybrid/connect/how-to-connect-password-hash-synchronization`,
  fullPasswordSync: `${LEARN}/archive/technet-wiki/28433.azure-ad-sync-how-to-use-powershell-to-trigger-a-full-password-sync`,
  objectSync: `${LEARN}/entra/identity/hybrid/connect/tshoot-connect-objectsync`,
  installRoadmap: `${LEARN}/entra/identity/hybrid/connect/how-to-connect-install-roadmap`,
} as const;

export type AdsyncModule = 'ADSync' | 'ADSyncDiagnostics';

/**
 * What a parameter takes. `connector` is a connector name, `dn` a distinguished name; `bool` is a
 * real [bool] parameter (it wants `$true`/`$false`/a number, never a bare word), `switch` takes no value.
 */
export type ParameterType =
  | 'bool'
  | 'switch'
  | 'string'
  | 'enum'
  | 'connector'
  | 'dn'
  | 'timespan'
  | 'guid'
  | 'int'
  | 'credential'
  | 'object';

export interface CmdletParameter {
  readonly name: string;
  readonly type: ParameterType;
  /** Accepted values of an enum parameter, in their documented spelling. */
  readonly values?: readonly string[];
  /** Mandatory in every parameter set the parameter belongs to. */
  readonly required?: boolean;
  /** 0-based slot among the positional parameters of its set(s); absent = named only. */
  readonly position?: number;
  /** Parameter sets the parameter belongs to; absent = all of them. */
  readonly sets?: readonly string[];
  /** Can be filled from the pipeline (so it may be absent from the command line). */
  readonly pipeline?: boolean;
  readonly description: string;
}

export interface CmdletInfo {
  readonly name: string;
  readonly module: AdsyncModule;
  /** One sentence: what the cmdlet is for. */
  readonly description: string;
  readonly parameters: readonly CmdletParameter[];
  /** Names of the parameter sets, when the cmdlet has more than one. */
  readonly parameterSets?: readonly string[];
  /**
   * True when `parameters` is the cmdlet's whole parameter list (taken from its reference or source),
   * so any other name is a mistake. False when only the commonly used ones are listed.
   */
  readonly complete: boolean;
  /** One-line caveats worth showing in a hover. */
  readonly notes?: readonly string[];
  readonly example: string;
  readonly reference: string;
}

/** The cmdlets the script checks, hovers and completions know about. */
export const CMDLETS: readonly CmdletInfo[] = [
  {
    name: 'Start-ADSyncSyncCycle',
    module: 'ADSync',
    description: 'Asks the sync scheduler to run a synchronization cycle now instead of waiting for the next interval.',
    parameters: [
      {
        name: 'PolicyType',
        type: 'enum',
        values: ['Unspecified', 'Delta', 'Initial'],
        position: 0,
        pipeline: true,
        description: 'Kind of cycle: Delta processes only changes, Initial is the full import and sync; there is no value called Full.',
      },
      {
        name: 'InteractiveMode',
        type: 'bool',
        position: 1,
        pipeline: true,
        description: 'Tells the cmdlet whether it runs from a console ($true) or from other code ($false).',
      },
    ],
    complete: true,
    notes: ['A full cycle is `-PolicyType Initial`; `Full` is rejected by the cmdlet.'],
    example: 'Start-ADSyncSyncCycle -PolicyType Delta',
    reference: SCRIPT_URLS.scheduler,
  },
  {
    name: 'Stop-ADSyncSyncCycle',
    module: 'ADSync',
    description: 'Tells the sync engine to stop the cycle that is currently running.',
    parameters: [],
    complete: true,
    example: 'Stop-ADSyncSyncCycle',
    reference: SCRIPT_URLS.scheduler,
  },
  {
    name: 'Get-ADSyncScheduler',
    module: 'ADSync',
    description: 'Shows the built-in scheduler settings: interval, next cycle time and policy, and whether cycles, maintenance and staging are on.',
    parameters: [],
    complete: true,
    example: 'Get-ADSyncScheduler',
    reference: SCRIPT_URLS.scheduler,
  },
  {
    name: 'Set-ADSyncScheduler',
    module: 'ADSync',
    description: 'Changes the built-in scheduler: its interval, whether sync cycles and maintenance run, and the kind of the next cycle.',
    parameters: [
      {
        name: 'CustomizedSyncCycleInterval',
        type: 'timespan',
        position: 0,
        pipeline: true,
        description: 'Custom interval between cycles, written d.HH:mm:ss or HH:mm:ss; it cannot be shorter than the interval the service allows.',
      },
      {
        name: 'SyncCycleEnabled',
        type: 'bool',
        position: 1,
        pipeline: true,
        description: 'Whether the scheduler runs sync cycles at all; $false stops every synchronization, password hashes included.',
      },
      {
        name: 'NextSyncCyclePolicyType',
        type: 'enum',
        values: ['Unspecified', 'Delta', 'Initial'],
        position: 2,
        pipeline: true,
        description: 'Kind of the next scheduled cycle: Delta or Initial (full).',
      },
      {
        name: 'PurgeRunHistoryInterval',
        type: 'timespan',
        position: 3,
        pipeline: true,
        description: 'How long run history is kept before maintenance deletes it.',
      },
      {
        name: 'MaintenanceEnabled',
        type: 'bool',
        position: 4,
        pipeline: true,
        description: 'Whether the scheduler runs its maintenance tasks (key renewal, history purge).',
      },
      {
        name: 'SchedulerSuspended',
        type: 'bool',
        position: 5,
        pipeline: true,
        description: 'Set by Entra Connect itself during upgrades to hold the scheduler; changing it by hand is unsupported.',
      },
      {
        name: 'Force',
        type: 'switch',
        description: 'Applies the setting without the usual checks.',
      },
    ],
    complete: true,
    notes: ['Keep a cycle running at least every 7 days; longer gaps can force a full sync.'],
    example: 'Set-ADSyncScheduler -CustomizedSyncCycleInterval 01:00:00',
    reference: SCRIPT_URLS.scheduler,
  },
  {
    name: 'Get-ADSyncAADPasswordSyncConfiguration',
    module: 'ADSync',
    description: 'Reports whether password hash sync is turned on between an AD connector and its Entra connector.',
    parameters: [
      {
        name: 'SourceConnector',
        type: 'connector',
        required: true,
        position: 0,
        description: 'Name of the Active Directory connector (usually the forest name).',
      },
    ],
    complete: true,
    example: "Get-ADSyncAADPasswordSyncConfiguration -SourceConnector 'contoso.com'",
    reference: SCRIPT_URLS.phsTroubleshooting,
  },
  {
    name: 'Set-ADSyncAADPasswordSyncConfiguration',
    module: 'ADSync',
    description: 'Turns password hash sync on or off for one AD connector and its Entra connector; switching it off and on again starts a full password sync.',
    parameters: [
      {
        name: 'SourceConnector',
        type: 'connector',
        required: true,
        position: 0,
        description: 'Name of the Active Directory connector.',
      },
      {
        name: 'TargetConnector',
        type: 'connector',
        required: true,
        position: 1,
        description: "Name of the Entra ID connector (it ends in ' - AAD').",
      },
      {
        name: 'Enable',
        type: 'bool',
        required: true,
        position: 2,
        description: '$true turns password hash sync on for this pair, $false turns it off.',
      },
    ],
    complete: true,
    example:
      "Set-ADSyncAADPasswordSyncConfiguration -SourceConnector 'contoso.com' -TargetConnector 'contoso.onmicrosoft.com - AAD' -Enable $true",
    reference: SCRIPT_URLS.phsTroubleshooting,
  },
  {
    name: 'Set-ADSyncAADPasswordSyncState',
    module: 'ADSync',
    description: 'Switches the password hash sync feature itself on or off on the Entra ID connector.',
    parameters: [
      {
        name: 'ConnectorName',
        type: 'connector',
        required: true,
        position: 0,
        description: 'Name of the Entra ID connector.',
      },
      {
        name: 'Enable',
        type: 'bool',
        required: true,
        position: 1,
        description: '$true to enable the feature, $false to disable it.',
      },
    ],
    complete: true,
    example: "Set-ADSyncAADPasswordSyncState -ConnectorName 'contoso.onmicrosoft.com - AAD' -Enable $true",
    reference: SCRIPT_URLS.phsTroubleshooting,
  },
  {
    name: 'Get-ADSyncConnector',
    module: 'ADSync',
    description: 'Returns the configured connectors (all of them, or one by name or identifier) as objects you can inspect or change.',
    parameters: [
      {
        name: 'Name',
        type: 'connector',
        position: 0,
        sets: ['SearchByName'],
        description: 'Name of the connector to return.',
      },
      {
        name: 'Identifier',
        type: 'guid',
        position: 0,
        sets: ['SearchByIdentifier'],
        description: 'GUID of the connector to return.',
      },
    ],
    parameterSets: ['SearchByName', 'SearchByIdentifier'],
    complete: false,
    notes: [
      "Pick connectors with Where-Object, e.g. `$_.ConnectorTypeName -eq 'AD'`; ForEach-Object would only return $true/$false.",
    ],
    example: "Get-ADSyncConnector | Where-Object { $_.ConnectorTypeName -eq 'AD' }",
    reference: SCRIPT_URLS.adsyncReference,
  },
  {
    name: 'Add-ADSyncConnector',
    module: 'ADSync',
    description: 'Saves a connector object back to the sync engine, for example after changing one of its global parameters.',
    parameters: [
      {
        name: 'Connector',
        type: 'object',
        required: true,
        position: 0,
        pipeline: true,
        description: 'The connector object (from Get-ADSyncConnector) to write back.',
      },
    ],
    complete: false,
    example: '$c = Add-ADSyncConnector -Connector $c',
    reference: SCRIPT_URLS.fullPasswordSync,
  },
  {
    name: 'Get-ADSyncAADCompanyFeature',
    module: 'ADSync',
    description: 'Lists which tenant-level sync features are on, such as PasswordHashSync and ForcePasswordChangeOnLogOn.',
    parameters: [],
    complete: false,
    example: 'Get-ADSyncAADCompanyFeature',
    reference: SCRIPT_URLS.phsHowItWorks,
  },
  {
    name: 'Set-ADSyncAADCompanyFeature',
    module: 'ADSync',
    description: 'Turns tenant-level sync features on or off, for example syncing temporary passwords that must be changed at next sign-in.',
    parameters: [
      {
        name: 'ForcePasswordChangeOnLogOn',
        type: 'bool',
        description: "Carries AD's 'must change password at next logon' flag to Entra ID for synced users.",
      },
      {
        name: 'PasswordHashSync',
        type: 'bool',
        description: 'Turns the password hash sync feature on or off for the tenant.',
      },
      {
        name: 'UserWriteback',
        type: 'bool',
        description: 'Turns user writeback on or off.',
      },
      {
        name: 'GroupWritebackV2',
        type: 'bool',
        description: 'Turns the second version of group writeback on or off.',
      },
    ],
    complete: false,
    notes: [
      'Preview-era scripts used -ForcePasswordResetOnLogonFeature; the parameter is now -ForcePasswordChangeOnLogOn.',
      'Newer guidance sets these flags through Microsoft Graph (Update-MgDirectoryOnPremiseSynchronization).',
    ],
    example: 'Set-ADSyncAADCompanyFeature -ForcePasswordChangeOnLogOn $true',
    reference: SCRIPT_URLS.phsHowItWorks,
  },
  {
    name: 'Invoke-ADSyncDiagnostics',
    module: 'ADSyncDiagnostics',
    description: 'Runs the built-in troubleshooter; with -PasswordSync it checks why password hashes are not syncing, for everyone or for one user.',
    parameters: [
      { name: 'PasswordSync', type: 'switch', description: 'Runs the password hash sync checks.' },
      {
        name: 'ADConnectorName',
        type: 'connector',
        description: 'AD connector of the single user to check (with -DistinguishedName).',
      },
      {
        name: 'DistinguishedName',
        type: 'dn',
        description: 'Distinguished name of the single user to check.',
      },
      {
        name: 'MemberADConnectorName',
        type: 'connector',
        description: 'AD connector of a related member object to check as well.',
      },
      {
        name: 'MemberDistinguishedName',
        type: 'dn',
        description: 'Distinguished name of that related member object.',
      },
      {
        name: 'NonInteractiveMode',
        type: 'switch',
        description: 'Runs without prompting (used by automated tooling).',
      },
    ],
    complete: true,
    notes: ['Load the module first: `Import-Module ADSyncDiagnostics`.'],
    example: 'Invoke-ADSyncDiagnostics -PasswordSync',
    reference: SCRIPT_URLS.phsTroubleshooting,
  },
  {
    name: 'Invoke-ADSyncCSObjectPasswordHashSync',
    module: 'ADSync',
    description: 'Pushes the password hash of one object in an AD connector space to Entra ID right away.',
    parameters: [
      {
        name: 'ConnectorName',
        type: 'connector',
        required: true,
        position: 0,
        sets: ['SearchByDistinguishedName'],
        description: 'Name of the AD connector holding the object.',
      },
      {
        name: 'DistinguishedName',
        type: 'dn',
        required: true,
        position: 1,
        sets: ['SearchByDistinguishedName'],
        description: 'Distinguished name of the object.',
      },
      {
        name: 'Identifier',
        type: 'guid',
        required: true,
        position: 0,
        sets: ['SearchByIdentifier'],
        description: 'GUID of the connector space object.',
      },
      {
        name: 'CsObject',
        type: 'object',
        required: true,
        position: 0,
        sets: ['CSObject'],
        description: 'A connector space object returned by Get-ADSyncCSObject.',
      },
    ],
    parameterSets: ['SearchByDistinguishedName', 'SearchByIdentifier', 'CSObject'],
    complete: true,
    example:
      "Invoke-ADSyncCSObjectPasswordHashSync -ConnectorName 'contoso.com' -DistinguishedName 'CN=Ana,OU=Staff,DC=contoso,DC=com'",
    reference: SCRIPT_URLS.adsyncReference,
  },
  {
    name: 'Get-ADSyncCSObject',
    module: 'ADSync',
    description: 'Reads objects from a connector space, one by DN or identifier or a page of them, to see what the engine holds.',
    parameters: [
      {
        name: 'Identifier',
        type: 'guid',
        required: true,
        position: 0,
        sets: ['SearchByIdentifier'],
        description: 'GUID of the connector space object.',
      },
      {
        name: 'ConnectorIdentifier',
        type: 'guid',
        required: true,
        position: 0,
        sets: ['SearchByConnectorIdentifierDistinguishedName', 'SearchByConnectorIdentifier'],
        description: 'GUID of the connector.',
      },
      {
        name: 'ConnectorName',
        type: 'connector',
        required: true,
        position: 0,
        sets: ['SearchByConnectorNameDistinguishedName', 'SearchByConnectorName'],
        description: 'Name of the connector.',
      },
      {
        name: 'DistinguishedName',
        type: 'dn',
        required: true,
        position: 1,
        sets: ['SearchByConnectorIdentifierDistinguishedName', 'SearchByConnectorNameDistinguishedName'],
        description: 'Distinguished name of the object.',
      },
      {
        name: 'SkipDNValidation',
        type: 'switch',
        sets: ['SearchByConnectorIdentifierDistinguishedName', 'SearchByConnectorNameDistinguishedName'],
        description: 'Does not check the DN syntax before searching.',
      },
      {
        name: 'Transient',
        type: 'switch',
        sets: [
          'SearchByConnectorIdentifierDistinguishedName',
          'SearchByConnectorIdentifier',
          'SearchByConnectorNameDistinguishedName',
          'SearchByConnectorName',
        ],
        description: 'Returns transient objects too.',
      },
      {
        name: 'StartIndex',
        type: 'int',
        sets: ['SearchByConnectorIdentifier', 'SearchByConnectorName'],
        description: 'Index of the first object of the page.',
      },
      {
        name: 'MaxResultCount',
        type: 'int',
        sets: ['SearchByConnectorIdentifier', 'SearchByConnectorName'],
        description: 'Largest number of objects to return.',
      },
    ],
    parameterSets: [
      'SearchByIdentifier',
      'SearchByConnectorIdentifierDistinguishedName',
      'SearchByConnectorIdentifier',
      'SearchByConnectorNameDistinguishedName',
      'SearchByConnectorName',
    ],
    complete: true,
    example: "Get-ADSyncCSObject -ConnectorName 'contoso.com' -DistinguishedName 'CN=Ana,OU=Staff,DC=contoso,DC=com'",
    reference: SCRIPT_URLS.adsyncReference,
  },
  {
    name: 'Get-ADSyncCSObjectLog',
    module: 'ADSync',
    description: 'Returns the recent history entries of one connector space object, including its password sync results.',
    parameters: [
      {
        name: 'Identifier',
        type: 'guid',
        required: true,
        position: 0,
        description: 'GUID of the connector space object.',
      },
      {
        name: 'Count',
        type: 'int',
        required: true,
        position: 1,
        description: 'Largest number of entries to return.',
      },
    ],
    complete: true,
    example: "Get-ADSyncCSObjectLog -Identifier '00000000-0000-0000-0000-000000000000' -Count 10",
    reference: SCRIPT_URLS.adsyncReference,
  },
  {
    name: 'Get-ADSyncConnectorRunStatus',
    module: 'ADSync',
    description: 'Shows which connectors are busy running a profile right now (an empty result means the engine is idle).',
    parameters: [],
    complete: false,
    example: 'Get-ADSyncConnectorRunStatus',
    reference: SCRIPT_URLS.adsyncReference,
  },
  {
    name: 'Invoke-ADSyncRunProfile',
    module: 'ADSync',
    description: 'Runs one run profile (such as Full Import, Delta Synchronization or Export) on one connector.',
    parameters: [
      {
        name: 'ConnectorName',
        type: 'connector',
        required: true,
        sets: ['ConnectorName'],
        pipeline: true,
        description: 'Name of the connector.',
      },
      {
        name: 'ConnectorIdentifier',
        type: 'guid',
        required: true,
        sets: ['ConnectorIdentifier'],
        pipeline: true,
        description: 'GUID of the connector.',
      },
      {
        name: 'RunProfileName',
        type: 'string',
        required: true,
        pipeline: true,
        description: "Name of the run profile, e.g. 'Full Import' or 'Export'.",
      },
      {
        name: 'Resume',
        type: 'switch',
        description: 'Tries to continue a run that stopped half way.',
      },
    ],
    parameterSets: ['ConnectorName', 'ConnectorIdentifier'],
    complete: true,
    example: "Invoke-ADSyncRunProfile -ConnectorName 'contoso.com' -RunProfileName 'Delta Import'",
    reference: SCRIPT_URLS.adsyncReference,
  },
  {
    name: 'Set-ADSyncAutoUpgrade',
    module: 'ADSync',
    description: 'Switches automatic upgrade of Entra Connect between Enabled and Disabled.',
    parameters: [
      {
        name: 'AutoUpgradeState',
        type: 'enum',
        values: ['Suspended', 'Enabled', 'Disabled'],
        required: true,
        position: 0,
        description: 'Enabled or Disabled; Suspended is meant to be set by the product itself.',
      },
      {
        name: 'SuspensionReason',
        type: 'string',
        position: 1,
        description: 'Why auto upgrade is suspended (used together with Suspended).',
      },
    ],
    complete: true,
    example: 'Set-ADSyncAutoUpgrade -AutoUpgradeState Enabled',
    reference: SCRIPT_URLS.adsyncReference,
  },
  {
    name: 'Get-ADSyncAutoUpgrade',
    module: 'ADSync',
    description: 'Shows whether automatic upgrade is enabled, disabled or suspended.',
    parameters: [
      {
        name: 'Detail',
        type: 'switch',
        description: 'Adds the reason when auto upgrade is suspended.',
      },
    ],
    complete: true,
    example: 'Get-ADSyncAutoUpgrade -Detail',
    reference: SCRIPT_URLS.adsyncReference,
  },
  {
    name: 'Test-AdSyncAzureServiceConnectivity',
    module: 'ADSync',
    description: 'Checks that the server can reach the Entra ID endpoints sync depends on, and returns True when it can.',
    parameters: [
      {
        name: 'AzureEnvironment',
        type: 'enum',
        values: [
          'Worldwide',
          'China',
          'UsGov',
          'Germany',
          'AzureUSGovernmentCloud',
          'AzureUSGovernmentCloud2',
          'AzureUSGovernmentCloud3',
          'PreProduction',
          'OneBox',
          'Default',
        ],
        required: true,
        position: 0,
        sets: ['ByEnvironment'],
        pipeline: true,
        description: 'Cloud to test against, usually Worldwide.',
      },
      {
        name: 'Domain',
        type: 'string',
        required: true,
        position: 0,
        sets: ['ByTenantName'],
        pipeline: true,
        description: 'Tenant domain to test against.',
      },
      {
        name: 'Service',
        type: 'enum',
        values: ['SecurityTokenService', 'AdminWebService'],
        position: 1,
        pipeline: true,
        description: 'Which endpoint to test.',
      },
      {
        name: 'CurrentUser',
        type: 'switch',
        description: 'Runs the test as the signed-in user.',
      },
    ],
    parameterSets: ['ByEnvironment', 'ByTenantName'],
    complete: true,
    example: 'Test-AdSyncAzureServiceConnectivity -AzureEnvironment Worldwide -Service SecurityTokenService -CurrentUser',
    reference: SCRIPT_URLS.adsyncReference,
  },
];

/** Modules a script loads with Import-Module before using the cmdlets above. */
export interface ModuleInfo {
  readonly name: AdsyncModule;
  readonly description: string;
  readonly example: string;
  readonly reference: string;
}

export const MODULES: readonly ModuleInfo[] = [
  {
    name: 'ADSync',
    description: 'The sync engine module installed with Entra Connect (scheduler, connectors, password sync settings).',
    example: 'Import-Module ADSync',
    reference: SCRIPT_URLS.adsyncReference,
  },
  {
    name: 'ADSyncDiagnostics',
    description: 'The troubleshooting module installed with Entra Connect; it provides Invoke-ADSyncDiagnostics.',
    example: 'Import-Module ADSyncDiagnostics',
    reference: SCRIPT_URLS.phsTroubleshooting,
  },
];

/** A parameter name that old scripts use and the cmdlet no longer accepts. */
export interface OutdatedParameter {
  readonly cmdlet: string;
  readonly oldName: string;
  readonly newName: string;
  readonly why: string;
  readonly reference: string;
}

export const OUTDATED_PARAMETERS: readonly OutdatedParameter[] = [
  {
    cmdlet: 'Set-ADSyncAADCompanyFeature',
    oldName: 'ForcePasswordResetOnLogonFeature',
    newName: 'ForcePasswordChangeOnLogOn',
    why: 'the preview name was replaced when the feature shipped',
    reference: SCRIPT_URLS.phsHowItWorks,
  },
];

/** DirSync-era tooling that no longer exists on an Entra Connect server. */
export interface RetiredCommand {
  /** Name as it appears in a script (a command, a console file or a snap-in). */
  readonly name: string;
  readonly kind: 'command' | 'console-file' | 'snap-in';
  readonly what: string;
  /** One-line ADSync equivalent, or null when the job needs several lines. */
  readonly replacement: string | null;
  /** Replacement when the old command carried the given switch (e.g. a full instead of a delta sync). */
  readonly replacementWithSwitch?: { readonly switchName: string; readonly replacement: string };
  readonly reference: readonly string[];
}

export const RETIRED_COMMANDS: readonly RetiredCommand[] = [
  {
    name: 'Start-OnlineCoexistenceSync',
    kind: 'command',
    what: 'DirSync command that started a sync run',
    replacement: 'Start-ADSyncSyncCycle -PolicyType Delta',
    replacementWithSwitch: { switchName: 'FullSync', replacement: 'Start-ADSyncSyncCycle -PolicyType Initial' },
    reference: [SCRIPT_URLS.scheduler, SCRIPT_URLS.adsyncReference],
  },
  {
    name: 'Set-FullPasswordSync',
    kind: 'command',
    what: 'DirSync command that queued a full password sync',
    replacement: null,
    reference: [SCRIPT_URLS.fullPasswordSync, SCRIPT_URLS.phsTroubleshooting],
  },
  {
    name: 'DirSyncConfigShell.psc1',
    kind: 'console-file',
    what: 'DirSync PowerShell console file',
    replacement: 'Import-Module ADSync',
    reference: [SCRIPT_URLS.adsyncReference],
  },
  {
    name: 'Coexistence-Configuration',
    kind: 'snap-in',
    what: 'DirSync PowerShell snap-in',
    replacement: 'Import-Module ADSync',
    reference: [SCRIPT_URLS.adsyncReference],
  },
];

/**
 * The ADSync way to force a full password hash sync (what Set-FullPasswordSync did): set the AD
 * connector's ForceFullPasswordSync global parameter, save the connector, then turn password sync
 * off and on for the connector pair. Placeholders in angle brackets must be replaced.
 */
export const FULL_PASSWORD_SYNC_RECIPE: readonly string[] = [
  "$adConnector = '<AD connector name>'",
  "$aadConnector = '<Entra connector name> - AAD'",
  'Import-Module ADSync',
  '$c = Get-ADSyncConnector -Name $adConnector',
  "$p = New-Object Microsoft.IdentityManagement.PowerShell.ObjectModel.ConfigurationParameter 'Microsoft.Synchronize.ForceFullPasswordSync', String, ConnectorGlobal, $null, $null, $null",
  '$p.Value = 1',
  '$c.GlobalParameters.Remove($p.Name)',
  '$c.GlobalParameters.Add($p)',
  '$c = Add-ADSyncConnector -Connector $c',
  'Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $adConnector -TargetConnector $aadConnector -Enable $false',
  'Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $adConnector -TargetConnector $aadConnector -Enable $true',
];

/**
 * PowerShell's common parameters and their aliases: every advanced cmdlet accepts them (WhatIf and
 * Confirm only where the cmdlet supports them, but they are never an ADSync mistake).
 */
export const COMMON_PARAMETERS: readonly { readonly name: string; readonly aliases: readonly string[]; readonly switch: boolean }[] = [
  { name: 'Verbose', aliases: ['vb'], switch: true },
  { name: 'Debug', aliases: ['db'], switch: true },
  { name: 'ErrorAction', aliases: ['ea'], switch: false },
  { name: 'WarningAction', aliases: ['wa'], switch: false },
  { name: 'InformationAction', aliases: ['infa'], switch: false },
  { name: 'ProgressAction', aliases: ['proga'], switch: false },
  { name: 'ErrorVariable', aliases: ['ev'], switch: false },
  { name: 'WarningVariable', aliases: ['wv'], switch: false },
  { name: 'InformationVariable', aliases: ['iv'], switch: false },
  { name: 'OutVariable', aliases: ['ov'], switch: false },
  { name: 'OutBuffer', aliases: ['ob'], switch: false },
  { name: 'PipelineVariable', aliases: ['pv'], switch: false },
  { name: 'WhatIf', aliases: ['wi'], switch: true },
  { name: 'Confirm', aliases: ['cf'], switch: true },
];
