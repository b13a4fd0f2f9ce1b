/**
 * The troubleshooting guide: every scenario of KB 2855271 as a tree (sections → children), in the
 * project's own words. The verdict names one node; the sidebar "Troubleshooting guide" shows the tree.
 * Facts (event IDs, cmdlets, URLs) are the article's; the wording is ours. Data only, no logic beyond lookup.
 */
import type { ScriptId } from '../generators';
import { links } from './links';

export interface Scenario {
  /** Stable id, `section` or `section/child`; the verdict and the guide tree refer to it. */
  id: string;
  title: string;
  /** Where the article covers it, e.g. "Some users can't sign in — Scenario 3". */
  articleRef: string;
  /** One or two sentences: when this is the situation. */
  summary: string;
  /** What to do, in order; the first is the verdict's "first step". */
  steps: readonly string[];
  /** Knowledge-base URLs (links.ts), most relevant first. */
  links: readonly string[];
  /** A generated script that carries out the steps. */
  script?: ScriptId;
  /** Catalogue rule ids (`event/...`, `timeline/...`) that point at this scenario. */
  rules?: readonly string[];
  /** The guide lists the events catalogue (knowledge/events.ts) under this node. */
  catalogue?: boolean;
  children?: readonly Scenario[];
}

const someUsers: Scenario = {
  id: 'some-users',
  title: "Some users can't sign in",
  articleRef: "Some users can't sign in to Microsoft 365, Microsoft Entra, or Microsoft Intune",
  summary: 'Most passwords reach Microsoft Entra ID, but a few users still cannot sign in with their on-premises password.',
  steps: [
    'For each affected user, run `Invoke-ADSyncDiagnostics -PasswordSync` with the single-object check and the user\'s DN.',
    'Match the user against the six situations below (temporary password, cloud-side change, object not synced, scope change, sync turned off, no hash).',
    'Look for 657 results and 0 retry events that name the user in the Application log.',
  ],
  links: [links.article, links.oneObjectTroubleshooting],
  script: 'checkUserPasswordSync',
  rules: ['event/657-failed', 'event/657-extended-error', 'event/0-retry-scheduled', 'timeline/repeated-user-failure', 'timeline/request-without-result'],
  children: [
    {
      id: 'some-users/must-change-password',
      title: 'The account must change its password at next logon',
      articleRef: "Some users can't sign in — Scenario 1",
      summary: 'The AD account has "User must change password at next logon" ticked, so the synced password is a temporary one the cloud will not accept as is.',
      steps: [
        'Untick "User must change password at next logon" on the account in Active Directory Users and Computers, or let the user set a new on-premises password.',
        'Alternatively turn on the ForcePasswordChangeOnLogOn tenant feature so temporary passwords sync and must be changed at cloud sign-in.',
        'Give sync a few minutes, then try the sign-in again.',
      ],
      links: [links.temporaryPasswords, links.howPhsWorks],
    },
    {
      id: 'some-users/changed-in-cloud',
      title: 'The user changed the password in the cloud',
      articleRef: "Some users can't sign in — Scenario 2",
      summary: 'A password set in the cloud portal is not written back to AD, and the next on-premises change overwrites it.',
      steps: [
        'Have the user change the password on-premises.',
        'Wait a few minutes for the new hash to reach Microsoft Entra ID.',
        'To let cloud-side changes flow back to AD, turn on password writeback.',
      ],
      links: [links.passwordWriteback, links.howPhsWorks],
    },
    {
      id: 'some-users/not-syncing',
      title: 'Some users are not synchronised at all',
      articleRef: "Some users can't sign in — Scenario 3",
      summary: 'The user object itself fails to sync, often because its user name or e-mail address duplicates another object; without the object there is nothing to attach a password to.',
      steps: [
        'Run IdFix against the on-premises directory and fix duplicate or malformed attributes it reports.',
        'Check the object\'s export errors in Synchronization Service Manager or Connect Health.',
        'Once the object syncs, have the user change the password or trigger a password sync for it.',
      ],
      links: [links.idFix, links.objectsDontSync, links.objectSyncHealth],
      rules: ['event/657-failed', 'event/657-extended-error', 'event/0-retry-scheduled'],
    },
    {
      id: 'some-users/scope-change',
      title: 'Users moved into the sync scope',
      articleRef: "Some users can't sign in — Scenario 4",
      summary: 'Domain, OU or attribute filtering changed, or the user moved between an excluded and an included container; the change is only picked up by a full cycle.',
      steps: [
        'Run an initial (full) sync cycle: `Start-ADSyncSyncCycle -PolicyType Initial`.',
        'Confirm the user now appears in the connector space and in Microsoft Entra ID.',
      ],
      links: [links.initialSyncHowTo, links.adsyncCmdlets],
      script: 'initialSync',
    },
    {
      id: 'some-users/old-password-works',
      title: 'The old password works, the new one does not',
      articleRef: "Some users can't sign in — Scenario 5",
      summary: 'Directory or password sync was turned off at some point, so the cloud still holds the hash from before the change.',
      steps: [
        'Open the Entra Connect configuration wizard, choose Configure, then Customize synchronization options.',
        'Walk through the pages to the optional features and make sure directory sync and password hash synchronization are both on.',
        'Trigger a full password sync so every current password is sent again.',
      ],
      links: [links.howPhsWorks, links.fullPasswordSync],
      script: 'fullPasswordSync',
    },
    {
      id: 'some-users/no-password-hash',
      title: 'The account has no password hash to sync',
      articleRef: "Some users can't sign in — Scenario 6",
      summary: 'The hash never synced; accounts created on domain controllers older than Windows Server 2003 may have no usable hash at all.',
      steps: [
        'Have the user set a new password on-premises, which writes a hash that can sync.',
        'Check the result with the single-object password sync diagnostic.',
      ],
      links: [links.oneObjectTroubleshooting, links.tshootPhs],
      script: 'checkUserPasswordSync',
    },
  ],
};

const allUsers: Scenario = {
  id: 'all-users',
  title: 'Directory sync runs but no passwords sync',
  articleRef: "Directory synchronization is running but passwords of all users aren't synced",
  summary: 'Objects synchronise, but no user\'s password reaches Microsoft Entra ID; the agent is switched off, paused or never started.',
  steps: [
    'Make sure password hash synchronization is enabled: Entra Connect wizard → Configure → Customize synchronization options → Password hash synchronization.',
    'Let the first full password sync run to the end (622/623), watching the Application log for 650/651 batches and 654 heartbeats.',
    'Go through the four conditions below if passwords still do not flow.',
  ],
  links: [links.tshootPhs, links.eventList],
  rules: ['timeline/heartbeat-gap'],
  children: [
    {
      id: 'all-users/sync-not-started',
      title: 'Sync was never started after setup',
      articleRef: 'All users — condition: start the synchronization process when configuration completes was not selected',
      summary: 'Setup finished with the "start the synchronization process" box cleared, so no sync cycle has run yet.',
      steps: [
        'Check the scheduler with `Get-ADSyncScheduler` (SyncCycleEnabled should be True).',
        'Enable it with `Set-ADSyncScheduler -SyncCycleEnabled $true` and start a first cycle.',
      ],
      links: [links.scheduler, links.adsyncCmdlets],
      script: 'scheduler',
    },
    {
      id: 'all-users/staging-mode',
      title: 'The server is in staging mode',
      articleRef: 'All users — condition: Entra Connect server is in staging mode',
      summary: 'A staging server imports and synchronises but exports nothing, passwords included.',
      steps: [
        'Check `Get-ADSyncScheduler` for StagingModeEnabled.',
        'If this server should be the active one, turn staging mode off in the Entra Connect wizard (Configure staging mode), not by hand.',
      ],
      links: [links.stagingServer, links.scheduler],
    },
    {
      id: 'all-users/phs-disabled',
      title: 'Password sync is not enabled',
      articleRef: 'All users — condition: password synchronization is disabled',
      summary: 'Password hash synchronization is off on the server or not activated for the tenant (error code 90 in events 652, 655 or 6900).',
      steps: [
        'Open the Entra Connect wizard, choose Customize synchronization options and tick Password hash synchronization.',
        'Confirm with `Get-ADSyncAADCompanyFeature` that PasswordHashSync is True.',
        'Trigger a full password sync so every existing password is sent.',
      ],
      links: [links.notActivated, links.howPhsWorks, links.fullPasswordSync],
      script: 'fullPasswordSync',
      rules: ['event/652-not-activated', 'event/655-not-activated', 'event/6900-not-activated'],
    },
    {
      id: 'all-users/full-sync-not-completed',
      title: "A full directory sync hasn't completed",
      articleRef: 'All users — condition: a full directory sync has not yet completed',
      summary: 'Password sync waits for a completed full directory sync; event 613 says it is paused, and 611 replication errors can keep the full sync from finishing.',
      steps: [
        'Run an initial (full) sync cycle: `Start-ADSyncSyncCycle -PolicyType Initial`, and let it finish.',
        'Fix any 611 errors for the domain first (connector account permissions, reachable domain controllers).',
        'Watch for 622/623 (full password sync completed) before expecting changes to flow.',
      ],
      links: [links.initialSyncHowTo, links.tshootPhs, links.phsStops611],
      script: 'initialSync',
      rules: ['event/613', 'timeline/no-full-sync'],
    },
  ],
};

const events: Scenario = {
  id: 'event-ids',
  title: 'Event ID messages',
  articleRef: 'Event ID messages in Event Viewer',
  summary: 'The article\'s three tables of Application-log events (informational, may require action, action required). Each event is explained by the events catalogue; the groups below gather events that share a cause.',
  steps: [
    'Open the exported Application log and hover an event ID for its explanation and fix.',
    'Events 650/651, 653/654, 656/657 and 622/623 with success results need no action.',
  ],
  links: [links.eventList],
  catalogue: true,
  children: [
    {
      id: 'event-ids/credentials-changed',
      title: 'Sync account credentials changed outside the wizard',
      articleRef: 'Event ID messages — events 0, 115, 655 and 6900 (user name or password is incorrect, access denied)',
      summary: 'The Microsoft Entra sync account\'s password was changed through the old FIM console or elsewhere, so the credentials the agent stored no longer work.',
      steps: [
        'Run the Entra Connect configuration wizard again and re-enter the Microsoft Entra credentials there.',
        'Do not change the connector account password in Synchronization Service Manager.',
        'Wait for the next 654 heartbeat or 651 batch to confirm sync resumed.',
      ],
      links: [links.fimCredentials],
      rules: ['event/0-bad-credentials', 'event/115-access-denied', 'event/655-bad-credentials', 'event/6900-bad-credentials'],
    },
    {
      id: 'event-ids/domain-sync-failed',
      title: 'Password sync fails for a domain (event 611)',
      articleRef: 'Event ID messages — event 611 (RPC errors reading from a domain controller)',
      summary: 'The agent cannot read password hashes from a domain controller; the RPC error in the event says why (invalid DN on old DCs, replication access denied, replication disabled).',
      steps: [
        'Read the RPC error in the 611 details and identify the domain controller involved.',
        'Make sure the AD connector account holds Replicating Directory Changes and Replicating Directory Changes All, and that a healthy DC is reachable.',
        'When replication works again, trigger a full password sync.',
      ],
      links: [links.phsStops611, links.connectorAccount],
      script: 'fullPasswordSync',
      rules: ['event/611-rpc-8439', 'event/611-rpc-8453', 'event/611-rpc-8456', 'event/611-domain-sync-failed', 'timeline/persistent-domain-failure'],
    },
    {
      id: 'event-ids/fixed-by-upgrade',
      title: 'A known fault fixed by upgrading',
      articleRef: 'Event ID messages — 611 (RPC 8593, FileTime, duplicate key) and 652 (code 81)',
      summary: 'Faults of old sync tool builds that later releases (1.0.6455.0807 onwards) no longer hit.',
      steps: [
        'Upgrade Microsoft Entra Connect to the current release.',
        'Confirm that 650/651 batches or 654 heartbeats appear again afterwards.',
      ],
      links: [links.installRoadmap, links.versionHistory],
      rules: ['event/611-rpc-8593', 'event/611-filetime', 'event/611-duplicate-key', 'event/652-service-busy'],
    },
    {
      id: 'event-ids/users-not-synced',
      title: 'Passwords of some users did not sync',
      articleRef: 'Event ID messages — events 0 (scheduled for retry) and 657 (failed, extended error)',
      summary: 'The agent names users whose password change failed; usually the object itself is out of scope or failing object sync.',
      steps: [
        'Check each named DN with the single-object password sync diagnostic.',
        'Fix object sync errors for those users (IdFix, export errors), then let the retry or a new password change go through.',
      ],
      links: [links.objectsDontSync, links.hybridIdentity, links.oneObjectTroubleshooting],
      script: 'checkUserPasswordSync',
      rules: ['event/0-retry-scheduled', 'event/657-failed', 'event/657-extended-error'],
    },
  ],
};

/** The guide, in the article's order. */
export const scenarios: readonly Scenario[] = [
  {
    id: 'before-you-start',
    title: 'Before you start',
    articleRef: 'Before you start troubleshooting',
    summary: 'Rule out the two common background causes first: an outdated Entra Connect build and unhealthy object sync.',
    steps: [
      'Check the installed Entra Connect version and upgrade to the current release.',
      'Confirm directory (object) synchronisation is healthy: no export errors, recent successful sync cycles.',
    ],
    links: [links.installRoadmap, links.objectSyncHealth],
  },
  someUsers,
  allUsers,
  {
    id: 'one-user',
    title: "One user's password isn't synced",
    articleRef: "Troubleshoot one user whose password isn't synced",
    summary: 'A single named user does not get the new password in the cloud; the troubleshooting task checks that one object end to end.',
    steps: [
      'Run `Invoke-ADSyncDiagnostics -PasswordSync` on the sync server and choose the single-object check with the user\'s DN.',
      'Follow what it reports (object not exported, password not changed since the last sync, connector filtering).',
      'If nothing is wrong, push the hash with `Invoke-ADSyncCSObjectPasswordHashSync` for that DN.',
    ],
    links: [links.oneObjectTroubleshooting, links.tshootPhs],
    script: 'checkUserPasswordSync',
  },
  {
    id: 'sso-to-password-sync',
    title: 'Moving from single sign-on to password sync',
    articleRef: "You're changing from a single-sign on (SSO) solution to password synchronization",
    summary: 'A federated (SSO) domain is being converted to managed sign-in with password hash sync.',
    steps: [
      'Turn on password hash synchronization and let a full password sync complete before converting the domain.',
      'Then convert the domain from federated to managed, following the switch-over guide.',
    ],
    links: [links.ssoToPasswordSync, links.howPhsWorks],
  },
  {
    id: 'initial-sync',
    title: 'Run an initial sync',
    articleRef: 'More information — How to perform an initial sync',
    summary: 'A full sync cycle re-reads every object in scope; needed after scope or filtering changes.',
    steps: [
      'On the Entra Connect server, open PowerShell and `Import-Module ADSync`.',
      'Start the cycle with `Start-ADSyncSyncCycle -PolicyType Initial` (there is no `Full` policy type).',
    ],
    links: [links.initialSyncHowTo, links.adsyncCmdlets],
    script: 'initialSync',
  },
  {
    id: 'full-password-sync',
    title: 'Run a full password sync',
    articleRef: 'More information — How to perform a full password sync',
    summary: 'Sends every current password hash again, not only the changed ones.',
    steps: [
      'On the AD connector set `Microsoft.Synchronize.ForceFullPasswordSync` to true.',
      'Disable and re-enable `Set-ADSyncAADPasswordSyncConfiguration` for the AD and Entra connectors.',
      'Watch for 622/623 when it completes.',
    ],
    links: [links.fullPasswordSync, links.howPhsWorks],
    script: 'fullPasswordSync',
  },
  events,
];

/** Every node of the guide, depth first (parents before their children). */
export function allScenarios(nodes: readonly Scenario[] = scenarios): Scenario[] {
  return nodes.flatMap((node) => [node, ...allScenarios(node.children ?? [])]);
}

/** The node with this id, at any depth. */
export function findScenario(id: string): Scenario | undefined {
  return allScenarios().find((node) => node.id === id);
}
