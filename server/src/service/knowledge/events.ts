/**
 * The event catalogue: every password-sync event ADSync Doctor explains, as data.
 * Keyed by provider + event ID + message variant, because IDs such as 0, 115, 611 and 6900 are
 * reused by unrelated providers. Text is the project's own; IDs, message shapes and URLs are facts.
 */
import type { Severity } from '../model';
import type { ScriptId } from '../generators';
import { links } from './links';

export const PHS_PROVIDER = 'Directory Synchronization';
export const ENGINE_PROVIDERS = ['ADSync', 'FIMSynchronizationService'] as const;

export interface EventEntry {
  /** Stable rule id (CLI contract). */
  rule: string;
  providers: readonly string[];
  eventId: number;
  /** Distinguishes variants of one ID; absent means any message (the ID's fallback). */
  variant?: RegExp;
  /** Recognises the message when a log has no ID column (a message pasted alone); absent: never inferred. */
  signature?: RegExp;
  severity: Severity;
  /** Few words, for titles and inline annotations. */
  title: string;
  /** What the event says happened. */
  meaning: string;
  /** Why it happens; the first sentence is the diagnostic's message. */
  cause: string;
  /** Steps to fix, in order; empty when nothing needs doing. */
  fix: string[];
  /** The fix in a few words, for inline hints; set on every warning and error. */
  brief?: string;
  /** Most relevant first; the first is the diagnostic's code link. */
  remediation: string[];
  /** A generated script that carries out the fix. */
  script?: ScriptId;
  /** Whether the row is in the source article's event tables (KB 2855271). */
  fromArticle: boolean;
}

const phs = [PHS_PROVIDER];
const engine = ENGINE_PROVIDERS;
const noAction: string[] = [];

const badCredentials = /user name or password is incorrect/i;
const notActivated = /Error Code:\s*90\b|has not been activated for this company/i;

const upgradeFix = [
  'Check the installed Entra Connect version in Programs and Features or with `Get-ADSyncGlobalSettings`.',
  'Upgrade Entra Connect to the current release; builds from 1.0.6455.0807 on no longer hit this fault.',
  'After the upgrade, confirm that events 650/651 or 653/654 appear again.',
];
const rerunWizardFix = [
  'Open the Microsoft Entra Connect configuration wizard on the sync server.',
  'Choose Configure, then enter the Microsoft Entra (cloud) credentials again so the wizard stores them itself.',
  'Do not change the connector account password through the Synchronization Service Manager (the old FIM console).',
  'Wait for the next ping (event 654) or batch (event 651) to confirm that sync resumed.',
];
const enablePhsFix = [
  'Run the Entra Connect configuration wizard, choose Customize synchronization options and tick Password hash synchronization.',
  'Confirm the tenant feature with `Get-ADSyncAADCompanyFeature` (PasswordHashSync should be True).',
  'Then trigger a full password sync so every existing password is sent.',
];
// The same fix in a few words, for the inline hints beside each event ID.
const upgradeBrief = 'upgrade Entra Connect';
const rerunWizardBrief = 're-enter the cloud credentials in the wizard';
const enablePhsBrief = 'turn on password hash sync';
const oneUserBrief = "check the user's object sync";

const oneUserFix = [
  'Run `Invoke-ADSyncDiagnostics -PasswordSync` on the sync server and pick the single-object check for this DN.',
  'Make sure the user is in sync scope and is not failing object sync (IdFix finds duplicate UPNs or proxy addresses).',
  'Have the user change the on-premises password, or run `Invoke-ADSyncCSObjectPasswordHashSync` for the object.',
];

export const events: readonly EventEntry[] = [
  // ── The article's informational rows (no action required) ─────────────────────────────────
  {
    rule: 'event/622-full-sync-domain', providers: phs, eventId: 622, fromArticle: true,
    signature: /Full password hash synchronization completed for domain/i,
    severity: 'information', title: 'Full password sync finished (domain)',
    meaning: 'A full password hash sync pass has read every current password hash from this AD domain.',
    cause: 'A full password sync completed for the domain; from now on only changes are sent.',
    fix: noAction, remediation: [links.eventList],
  },
  {
    rule: 'event/623-full-sync-forest', providers: phs, eventId: 623, fromArticle: true,
    signature: /Full password hash synchronization completed for forest/i,
    severity: 'information', title: 'Full password sync finished (forest)',
    meaning: 'A full password hash sync pass has read every current password hash from this AD forest.',
    cause: 'A full password sync completed for the forest; from now on only changes are sent.',
    fix: noAction, remediation: [links.eventList],
  },
  {
    rule: 'event/650-batch-start', providers: phs, eventId: 650, fromArticle: true,
    signature: /Provision credentials batch start/i,
    severity: 'information', title: 'Password batch started',
    meaning: 'The sync agent began sending a batch of changed password hashes to Microsoft Entra ID.',
    cause: 'Changed passwords were found in AD and a batch upload started.',
    fix: noAction, remediation: [links.eventList],
  },
  {
    rule: 'event/651-batch-end', providers: phs, eventId: 651, fromArticle: true,
    signature: /Provision credentials batch end/i,
    severity: 'information', title: 'Password batch finished',
    meaning: 'The batch of changed password hashes was handed to Microsoft Entra ID.',
    cause: 'A batch upload of changed passwords finished.',
    fix: noAction, remediation: [links.eventList],
  },
  {
    rule: 'event/653-ping-start', providers: phs, eventId: 653, fromArticle: true,
    signature: /Provision credentials ping start/i,
    severity: 'information', title: 'Idle ping started',
    meaning: 'Nothing changed in AD, so the agent is telling Microsoft Entra ID it is alive. This happens every 30 minutes when idle.',
    cause: 'No password changed since the last cycle, so the agent sends its 30-minute keep-alive.',
    fix: noAction, remediation: [links.eventList],
  },
  {
    rule: 'event/654-ping-end', providers: phs, eventId: 654, fromArticle: true,
    signature: /Provision credentials ping end/i,
    severity: 'information', title: 'Idle ping finished (heartbeat)',
    meaning: 'The 30-minute keep-alive reached Microsoft Entra ID. A steady rhythm of 654 events is the heartbeat of a healthy agent.',
    cause: 'The 30-minute keep-alive completed; password sync is running and idle.',
    fix: noAction, remediation: [links.eventList, links.tshootPhs],
  },
  {
    rule: 'event/656-change-request', providers: phs, eventId: 656, fromArticle: true,
    signature: /Password Change Request\s*-\s*Anchor/i,
    severity: 'information', title: 'Password change picked up',
    meaning: 'The agent saw a password change for the listed user(s) and queued it for Microsoft Entra ID. One batch names between 1 and 50 users.',
    cause: 'A password change was detected in AD and will be sent.',
    fix: noAction, remediation: [links.eventList],
  },
  {
    rule: 'event/657-extended-error', providers: phs, eventId: 657, fromArticle: true,
    variant: /Result\s*:\s*failed\s*,\s*Extended Error/i,
    signature: /Password Change Result\s*-\s*Anchor[^\n]*Result\s*:\s*failed\s*,\s*Extended Error/i,
    severity: 'warning', title: 'Password not synced (extended error)',
    brief: oneUserBrief,
    meaning: 'Microsoft Entra ID refused this user\'s new password hash and returned an extended error.',
    cause: 'The user\'s password did not sync; usually the object itself is not synchronised or is in error in Entra ID.',
    fix: oneUserFix, remediation: [links.objectsDontSync, links.hybridIdentity, links.tshootPhs],
    script: 'checkUserPasswordSync',
  },
  {
    rule: 'event/657-failed', providers: phs, eventId: 657, fromArticle: true,
    variant: /Result\s*:\s*failed/i,
    signature: /Password Change Result\s*-\s*Anchor[^\n]*Result\s*:\s*failed/i,
    severity: 'warning', title: 'Password not synced',
    brief: oneUserBrief,
    meaning: 'The password change of this user did not reach Microsoft Entra ID.',
    cause: 'The user\'s password did not sync; the object may be out of sync scope or failing object sync.',
    fix: oneUserFix, remediation: [links.objectsDontSync, links.hybridIdentity, links.tshootPhs],
    script: 'checkUserPasswordSync',
  },
  {
    rule: 'event/657-success', providers: phs, eventId: 657, fromArticle: true,
    variant: /Result\s*:\s*Success/i,
    signature: /Password Change Result\s*-\s*Anchor[^\n]*Result\s*:\s*Success/i,
    severity: 'information', title: 'Password synced',
    meaning: 'The new password hash of this user is now in Microsoft Entra ID.',
    cause: 'The user\'s password change synced successfully.',
    fix: noAction, remediation: [links.eventList],
  },
  // ── The article's "may require action" rows ──────────────────────────────────────────────────
  {
    rule: 'event/0-retry-scheduled', providers: phs, eventId: 0, fromArticle: true,
    variant: /failed to synchroni[sz]ed? and ha(?:ve|s) scheduled for retry/i,
    signature: /password changes failed to synchroni[sz]ed? and ha(?:ve|s) scheduled for retry/i,
    severity: 'warning', title: 'Password changes queued for retry',
    brief: 'watch for a later 657 Success',
    meaning: 'Some password changes could not be sent and the agent will try them again; the affected DNs follow in the message.',
    cause: 'Password changes of the listed users failed and were queued for retry.',
    fix: [
      'Watch for a later 657 Success for the same users; a one-off retry is harmless.',
      ...oneUserFix,
    ],
    remediation: [links.objectsDontSync, links.hybridIdentity],
    script: 'checkUserPasswordSync',
  },
  {
    rule: 'event/115-access-denied', providers: phs, eventId: 115, fromArticle: true,
    signature: /Access to Windows Azure Active Directory has been denied/i,
    severity: 'warning', title: 'Entra ID refused the sync account',
    brief: rerunWizardBrief,
    meaning: 'Microsoft Entra ID turned away the account the agent signs in with.',
    cause: 'The Entra ID sync account credentials were changed outside the Entra Connect wizard (for example through FIM).',
    fix: rerunWizardFix, remediation: [links.fimCredentials],
  },
  // ── The article's error rows (action required) ───────────────────────────────────────────────
  {
    rule: 'event/0-bad-credentials', providers: phs, eventId: 0, fromArticle: true,
    variant: badCredentials, signature: /^\s*The user name or password is incorrect/i,
    severity: 'error', title: 'Sync account sign-in failed',
    brief: rerunWizardBrief,
    meaning: 'The agent could not sign in to Microsoft Entra ID: the stored user name or password is wrong.',
    cause: 'The Entra ID sync account credentials were changed outside the Entra Connect wizard (for example through FIM), so the stored ones no longer work.',
    fix: rerunWizardFix, remediation: [links.fimCredentials],
  },
  {
    rule: 'event/611-rpc-8439', providers: phs, eventId: 611, fromArticle: true,
    variant: /RPC Error 8439\b/i,
    signature: /Password synchronization failed for domain[\s\S]*RPC Error 8439\b/i,
    severity: 'error', title: 'DC replication refused (RPC 8439)',
    brief: 'use newer DCs (no Windows Server 2003)',
    meaning: 'Reading password hashes from a domain controller through DRS replication (_IDL_DRSGetNCChanges) failed because the DC called the naming context\'s DN invalid.',
    cause: 'A domain controller (typically Windows Server 2003) rejected the replication request as an invalid DN.',
    fix: [
      'Find which DC the agent talked to (the connector\'s preferred DCs, or the DC in the event details).',
      'Retire or upgrade Windows Server 2003 domain controllers, or point the AD connector at newer DCs only.',
      'Follow the KB for event 611 and re-run a full password sync when replication works.',
    ],
    remediation: [links.phsStops611], script: 'fullPasswordSync',
  },
  {
    rule: 'event/611-rpc-8593', providers: phs, eventId: 611, fromArticle: true,
    variant: /RPC Error 8593\b/i,
    signature: /Password synchronization failed for domain[\s\S]*RPC Error 8593\b/i,
    severity: 'error', title: 'Replication epochs differ (RPC 8593)',
    brief: upgradeBrief,
    meaning: 'The domain controllers involved are at different replication epochs, which usually means a domain rename is under way.',
    cause: 'A known fault of old sync tool builds (fixed in 1.0.6455.0807) when DCs are at different replication epochs.',
    fix: upgradeFix, remediation: [links.installRoadmap, links.versionHistory, links.phsStops611],
  },
  {
    rule: 'event/611-filetime', providers: phs, eventId: 611, fromArticle: true,
    variant: /Not a valid Win32 FileTime|ArgumentOutOfRangeException/i,
    signature: /Password synchronization failed for domain[\s\S]*Not a valid Win32/i,
    severity: 'error', title: 'Invalid FileTime in AD data',
    brief: upgradeBrief,
    meaning: 'The agent crashed converting an AD time stamp that is not a valid Windows FILETIME.',
    cause: 'A known fault of old sync tool builds (fixed in 1.0.6455.0807) when an AD time value is out of range.',
    fix: upgradeFix, remediation: [links.installRoadmap, links.versionHistory, links.phsStops611],
  },
  {
    rule: 'event/611-duplicate-key', providers: phs, eventId: 611, fromArticle: true,
    variant: /same key has already been added/i,
    signature: /Password synchronization failed for domain[\s\S]*same key has already been added/i,
    severity: 'error', title: 'Duplicate key in the agent',
    brief: upgradeBrief,
    meaning: 'The agent built an internal table and met the same key twice.',
    cause: 'A known fault of old sync tool builds (fixed in 1.0.6455.0807).',
    fix: upgradeFix, remediation: [links.installRoadmap, links.versionHistory, links.phsStops611],
  },
  {
    rule: 'event/611-rpc-8453', providers: phs, eventId: 611, fromArticle: false,
    variant: /RPC Error 8453\b/i,
    signature: /Password synchronization failed for domain[\s\S]*RPC Error 8453\b/i,
    severity: 'error', title: 'Replication access denied (RPC 8453)',
    brief: 'grant the connector account replication rights',
    meaning: 'The domain controller refused to replicate password hashes to the AD connector account.',
    cause: 'The AD DS connector account lacks the Replicating Directory Changes and Replicating Directory Changes All permissions on the domain.',
    fix: [
      'Find the AD DS connector account (Synchronization Service Manager → Connectors → the AD connector → Properties → Connect to Active Directory Forest).',
      'Grant it "Replicating Directory Changes" and "Replicating Directory Changes All" on the domain root, e.g. with `Set-ADSyncPasswordHashSyncPermissions`.',
      'Wait for AD replication, then trigger a full password sync.',
    ],
    remediation: [links.connectorAccount, links.phsStops611], script: 'fullPasswordSync',
  },
  {
    rule: 'event/611-rpc-8456', providers: phs, eventId: 611, fromArticle: false,
    variant: /RPC Error 8456\b/i,
    signature: /Password synchronization failed for domain[\s\S]*RPC Error 8456\b/i,
    severity: 'error', title: 'DC rejecting replication (RPC 8456)',
    brief: 're-enable replication on the DC',
    meaning: 'The domain controller is currently refusing replication requests (inbound or outbound replication disabled, or the DC is being demoted or restored).',
    cause: 'The source domain controller is rejecting replication requests, so password hashes cannot be read from it.',
    fix: [
      'On the DC, check `repadmin /options <DC>` for DISABLE_OUTBOUND_REPL / DISABLE_INBOUND_REPL and clear them.',
      'If the DC is being decommissioned, remove it from the AD connector\'s preferred domain controllers.',
      'Let the agent retry, or restart the ADSync service, and watch for 650/651 events.',
    ],
    remediation: [links.phsStops611],
  },
  {
    rule: 'event/611-domain-sync-failed', providers: phs, eventId: 611, fromArticle: false,
    signature: /Password synchronization failed for domain/i,
    severity: 'error', title: 'Password sync failed for a domain',
    brief: 'read the RPC error in the details',
    meaning: 'The agent could not read password hashes from the named AD domain; the details name the error.',
    cause: 'Password hash sync for the domain failed; the RPC or .NET error in the details says why.',
    fix: [
      'Read the exception and RPC error in the event details.',
      'Check that the AD connector account can replicate directory changes from a reachable, healthy DC.',
      'Follow the KB for event 611; upgrade Entra Connect if the error is a known fixed fault.',
    ],
    remediation: [links.phsStops611, links.connectorAccount],
  },
  {
    rule: 'event/652-not-activated', providers: phs, eventId: 652, fromArticle: true,
    variant: notActivated,
    signature: /Failed credential provisioning batch[\s\S]*(?:Error Code:\s*90\b|not been activated)/i,
    severity: 'error', title: 'Password sync not enabled in the tenant (batch)',
    brief: enablePhsBrief,
    meaning: 'A batch of password hashes was refused: the tenant says password hash sync is not turned on (error code 90).',
    cause: 'Password hash synchronization is not activated for the Microsoft Entra tenant, so uploads are refused.',
    fix: enablePhsFix, remediation: [links.objectsDontSync, links.hybridIdentity, links.notActivated],
    script: 'fullPasswordSync',
  },
  {
    rule: 'event/652-service-busy', providers: phs, eventId: 652, fromArticle: true,
    variant: /Error Code:\s*81\b|currently busy/i,
    signature: /Failed credential provisioning batch[\s\S]*(?:Error Code:\s*81\b|currently busy)/i,
    severity: 'error', title: 'Entra ID busy (code 81)',
    brief: upgradeBrief,
    meaning: 'Microsoft Entra ID answered that it was busy; the batch will be retried.',
    cause: 'A known fault of old sync tool builds (fixed in 1.0.6455.0807) when the service reports it is busy.',
    fix: upgradeFix, remediation: [links.installRoadmap, links.versionHistory],
  },
  {
    rule: 'event/652-batch-failed', providers: phs, eventId: 652, fromArticle: false,
    signature: /Failed credential provisioning batch/i,
    severity: 'error', title: 'Password batch failed',
    brief: 'read the error code, test connectivity',
    meaning: 'A batch of password hashes could not be delivered to Microsoft Entra ID.',
    cause: 'A password batch upload failed; the error code in the details says why.',
    fix: ['Read the error code and description in the details.', 'Check connectivity with `Test-AdSyncAzureServiceConnectivity`.', 'Upgrade Entra Connect if the error is a known fixed fault.'],
    remediation: [links.tshootPhs, links.installRoadmap],
  },
  {
    rule: 'event/655-not-activated', providers: phs, eventId: 655, fromArticle: true,
    variant: notActivated,
    signature: /Failed credential provisioning ping[\s\S]*(?:Error Code:\s*90\b|not been activated)/i,
    severity: 'error', title: 'Password sync not enabled in the tenant (ping)',
    brief: enablePhsBrief,
    meaning: 'The 30-minute keep-alive was refused: the tenant says password hash sync is not turned on (error code 90).',
    cause: 'Password hash synchronization is not activated for the Microsoft Entra tenant.',
    fix: enablePhsFix, remediation: [links.objectsDontSync, links.hybridIdentity, links.notActivated],
    script: 'fullPasswordSync',
  },
  {
    rule: 'event/655-bad-credentials', providers: phs, eventId: 655, fromArticle: true,
    variant: badCredentials, signature: /Failed credential provisioning ping[\s\S]*user name or password is incorrect/i,
    severity: 'error', title: 'Keep-alive sign-in failed',
    brief: rerunWizardBrief,
    meaning: 'The 30-minute keep-alive could not sign in to Microsoft Entra ID: the stored credentials are wrong.',
    cause: 'The Entra ID sync account credentials were changed outside the Entra Connect wizard (for example through FIM).',
    fix: rerunWizardFix, remediation: [links.fimCredentials],
  },
  {
    rule: 'event/655-ping-failed', providers: phs, eventId: 655, fromArticle: false,
    signature: /Failed credential provisioning ping/i,
    severity: 'error', title: 'Keep-alive failed',
    brief: 'test connectivity to Entra ID',
    meaning: 'The 30-minute keep-alive to Microsoft Entra ID failed.',
    cause: 'The agent\'s keep-alive to Microsoft Entra ID failed; the error in the details says why.',
    fix: ['Read the error code in the details.', 'Check connectivity with `Test-AdSyncAzureServiceConnectivity`.'],
    remediation: [links.tshootPhs],
  },
  {
    rule: 'event/6900-bad-credentials', providers: engine, eventId: 6900, fromArticle: true,
    variant: badCredentials,
    signature: /password change notification[\s\S]*user name or password is incorrect/i,
    severity: 'error', title: 'Sync engine sign-in failed',
    brief: rerunWizardBrief,
    meaning: 'The sync engine failed while handling a password change because its Microsoft Entra credentials are rejected.',
    cause: 'The Entra ID sync account credentials were changed outside the Entra Connect wizard (for example through FIM).',
    fix: rerunWizardFix, remediation: [links.fimCredentials],
  },
  {
    rule: 'event/6900-not-activated', providers: engine, eventId: 6900, fromArticle: true,
    variant: notActivated,
    signature: /password change notification[\s\S]*(?:Error Code:\s*90\b|not been activated)/i,
    severity: 'error', title: 'Password sync not enabled (sync engine)',
    brief: enablePhsBrief,
    meaning: 'The sync engine failed while handling a password change: the tenant says password hash sync is not activated.',
    cause: 'Password hash synchronization is not enabled for the organization.',
    fix: enablePhsFix, remediation: [links.notActivated, links.howPhsWorks], script: 'fullPasswordSync',
  },
  {
    rule: 'event/6900-password-notification-error', providers: engine, eventId: 6900, fromArticle: false,
    variant: /password change notification/i,
    signature: /unexpected error while processing a password change notification/i,
    severity: 'error', title: 'Password change handling failed',
    brief: 'run Invoke-ADSyncDiagnostics',
    meaning: 'The sync engine hit an unexpected error while handling a password change notification.',
    cause: 'The sync engine failed while processing a password change; the quoted error says why.',
    fix: ['Read the quoted error in the details.', 'Run `Invoke-ADSyncDiagnostics -PasswordSync` on the sync server.'],
    remediation: [links.tshootPhs],
  },
  // ── The wider password-sync catalogue (beyond the article) ───────────────────────────────────
  catalogueRow(601, 'information', 'Password sync manager starting', 'The password sync manager is starting, normally with the ADSync service.'),
  catalogueRow(602, 'information', 'Password sync manager stopping', 'The password sync manager is stopping, normally with the ADSync service.'),
  catalogueRow(603, 'error', 'Unexpected password sync error', 'The password sync manager met an unexpected error.'),
  catalogueRow(604, 'error', 'Password sync task failed', 'A password sync task failed with an error.'),
  catalogueRow(605, 'information', 'Added to the retry queue', 'Password changes were put on the retry queue.'),
  catalogueRow(606, 'information', 'Removed from the retry queue', 'Password changes left the retry queue.'),
  catalogueRow(607, 'error', 'Password sync cannot start', 'The password sync manager could not start.'),
  catalogueRow(609, 'warning', 'Password sync stopped', 'The password sync manager stopped.'),
  catalogueRow(610, 'error', 'Password sync cannot stop', 'The password sync manager could not stop cleanly.'),
  catalogueRow(612, 'error', 'Password sync context failed', 'Password sync could not initialise its context for a domain.'),
  catalogueRow(613, 'warning', 'Paused until a full sync completes', 'Password sync is paused because a full directory sync has not completed yet; passwords do not sync until it has.'),
  catalogueRow(615, 'error', 'Password sync worker crashed', 'A password sync worker thread threw an exception.'),
  catalogueRow(616, 'warning', 'Preferred DC unreachable', 'Password sync could not reach a preferred domain controller and may be using another.'),
  catalogueRow(617, 'information', 'Full password sync started (forest)', 'A full password sync started for a forest.'),
  catalogueRow(618, 'information', 'Full password sync started (domain)', 'A full password sync started for a domain.'),
  catalogueRow(619, 'information', 'Full password sync progress', 'A full password sync reports progress.'),
  catalogueRow(620, 'warning', 'Objects that will not be retried', 'Some objects failed and will not be retried automatically.'),
  catalogueRow(621, 'error', 'Full password sync attempt failed', 'An attempt at a full password sync failed; it will be tried again.'),
  catalogueRow(658, 'information', 'DCaaS password sync', 'An event of password sync to a cloud domain-controller service.'),
  catalogueRow(659, 'information', 'Password policy event', 'An event about the synced password policy.'),
  catalogueRow(660, 'information', 'Self-heal started', 'The password sync self-heal cycle started.'),
  catalogueRow(661, 'information', 'Self-heal finished', 'The password sync self-heal cycle finished.'),
  catalogueRow(662, 'warning', 'Health task ping failed', 'The password sync health task could not ping the service.'),
  catalogueRow(663, 'information', 'Password sync alive', 'The password sync health task reports the agent alive.'),
  catalogueRow(664, 'warning', 'One object failed', 'Password sync failed for a single object.'),
  catalogueRow(665, 'error', 'State store failure', 'Password sync could not read or write its state store.'),
  catalogueRow(666, 'warning', 'SQL deadlock', 'A SQL deadlock hit password sync; the operation is retried.'),
  catalogueRow(667, 'error', 'MD5 key failure (FIPS)', 'Password hashing failed because MD5 is blocked, typically by a FIPS policy on the server.'),
  catalogueRow(668, 'information', 'PwdLastSet-only changes', 'Counts changes that only touched PwdLastSet.'),
  {
    rule: 'event/906-security-token', providers: ['ADSync'], eventId: 906, fromArticle: false,
    variant: /GetSecurityToken/i, signature: /GetSecurityToken:\s*unable to retrieve a security token/i,
    severity: 'error', title: 'No security token for Entra ID',
    brief: 'exempt the Sync_ account from MFA',
    meaning: 'The sync engine could not obtain a token for its Microsoft Entra account.',
    cause: 'The Entra ID sync account could not get a security token; multifactor authentication or Conditional Access on the Sync_ account is the usual reason.',
    fix: [
      'Exclude the Sync_ account from MFA and Conditional Access policies that block non-interactive sign-in.',
      'Check its sign-in log in the Entra admin center.',
      'Re-run the Entra Connect wizard if the account password changed.',
    ],
    remediation: [links.tshootPhs, links.objectSyncHealth],
  },
];

/** A short catalogue entry for the password-sync events beyond the article. */
function catalogueRow(eventId: number, severity: Severity, title: string, meaning: string): EventEntry {
  const act = severity !== 'information';
  return {
    rule: `event/${eventId}`, providers: phs, eventId, fromArticle: false, severity, title, meaning,
    cause: meaning,
    fix: act
      ? ['Read the event details for the error.', 'Run `Invoke-ADSyncDiagnostics -PasswordSync` on the sync server.', 'See the password hash sync troubleshooting guide.']
      : noAction,
    ...(act ? { brief: 'run the password sync diagnostics' } : {}),
    remediation: [links.tshootPhs],
    ...(eventId === 613 ? { script: 'initialSync' as const, brief: 'let a full sync cycle finish', remediation: [links.tshootPhs, links.article] } : {}),
  };
}

/** Every provider the catalogue knows (for log collection scripts and the grammar). */
export const knownProviders: readonly string[] = [...new Set(events.flatMap((e) => e.providers))];
