/** Every URL the knowledge base links to. Only these ever become links in hovers and code actions. */
const learn = 'https://learn.microsoft.com/en-us';

export const links = {
  eventList: `${learn}/troubleshoot/entra/entra-id/user-prov-sync/troubleshoot-pwd-sync#event-id-messages-in-event-viewer`,
  article: `${learn}/troubleshoot/entra/entra-id/user-prov-sync/troubleshoot-pwd-sync`,
  phsStops611: `${learn}/troubleshoot/entra/entra-id/user-prov-sync/pwd-hash-sync-stops-work`,
  connectorAccount: `${learn}/entra/identity/hybrid/connect/how-to-connect-configure-ad-ds-connector-account`,
  fimCredentials: `${learn}/troubleshoot/entra/entra-id/user-prov-sync/pwd-hash-sync-stop-work-fim`,
  objectsDontSync: `${learn}/troubleshoot/entra/entra-id/user-prov-sync/objects-dont-sync-ad-sync-tool`,
  hybridIdentity: `${learn}/entra/identity/hybrid/whatis-hybrid-identity`,
  notActivated: `${learn}/office365/troubleshoot/active-directory/password-synchronization-not-activated`,
  installRoadmap: `${learn}/entra/identity/hybrid/connect/how-to-connect-install-roadmap`,
  versionHistory: `${learn}/entra/identity/hybrid/connect/reference-connect-version-history`,
  tshootPhs: `${learn}/entra/identity/hybrid/connect/tshoot-connect-password-hash-synchronization`,
  fullPasswordSync: `${learn}/archive/technet-wiki/28433.azure-ad-sync-how-to-use-powershell-to-trigger-a-full-password-sync`,
  howPhsWorks: `${learn}/entra/identity/hybrid/connect/how-to-connect-password-hash-synchronization`,
  passwordWriteback: `${learn}/entra/identity/authentication/tutorial-enable-sspr-writeback`,
  objectSyncHealth: `${learn}/entra/identity/hybrid/connect/tshoot-connect-objectsync`,
  idFix: 'https://github.com/microsoft/idfix',
  adsyncCmdlets: `${learn}/entra/identity/hybrid/connect/reference-connect-adsync`,
  scheduler: `${learn}/entra/identity/hybrid/connect/how-to-connect-sync-feature-scheduler`,
  healthAlerts: `${learn}/entra/identity/hybrid/connect/how-to-connect-health-alert-catalog`,
  ssoToPasswordSync: `${learn}/archive/technet-wiki/17857.dirsync-how-to-switch-from-single-sign-on-to-password-sync`,
  // Anchors the article itself links to (scenario 1, one user, initial sync), on today's paths.
  temporaryPasswords: `${learn}/entra/identity/hybrid/connect/how-to-connect-password-hash-synchronization#synchronizing-temporary-passwords-and-force-password-change-on-next-logon`,
  oneObjectTroubleshooting: `${learn}/entra/identity/hybrid/connect/tshoot-connect-password-hash-synchronization#one-object-is-not-synchronizing-passwords-troubleshoot-by-using-the-troubleshooting-task`,
  initialSyncHowTo: `${learn}/troubleshoot/entra/entra-id/user-prov-sync/troubleshoot-pwd-sync#how-to-perform-an-initial-sync`,
  stagingServer: `${learn}/entra/identity/hybrid/connect/how-to-connect-sync-staging-server`,
} as const;

/** Link text for each URL, in the project's words. */
export const linkTitles: Record<string, string> = {
  [links.eventList]: 'Event ID messages in Event Viewer (KB 2855271)',
  [links.article]: 'Troubleshoot password synchronization (KB 2855271)',
  [links.phsStops611]: 'Password hash sync stops working, event 611',
  [links.connectorAccount]: 'Configure the AD DS connector account permissions',
  [links.fimCredentials]: 'Password hash sync stops after Entra credentials changed in FIM',
  [links.objectsDontSync]: 'One or more objects do not sync',
  [links.hybridIdentity]: 'Configure directory synchronization',
  [links.notActivated]: 'Password Synchronization has not been activated for this company',
  [links.installRoadmap]: 'Install or upgrade Microsoft Entra Connect',
  [links.versionHistory]: 'Microsoft Entra Connect version history',
  [links.tshootPhs]: 'Troubleshoot password hash synchronization',
  [links.fullPasswordSync]: 'Trigger a full password sync with PowerShell',
  [links.howPhsWorks]: 'How password hash synchronization works',
  [links.passwordWriteback]: 'Enable password writeback',
  [links.objectSyncHealth]: 'Troubleshoot object synchronization',
  [links.idFix]: 'IdFix directory error remediation tool',
  [links.adsyncCmdlets]: 'ADSync PowerShell reference',
  [links.scheduler]: 'Entra Connect sync scheduler',
  [links.healthAlerts]: 'Connect Health alert catalogue',
  [links.ssoToPasswordSync]: 'Switch from single sign-on to password sync',
  [links.temporaryPasswords]: 'Temporary passwords and ForcePasswordChangeOnLogOn',
  [links.oneObjectTroubleshooting]: 'Troubleshoot one object that does not sync its password',
  [links.initialSyncHowTo]: 'Run an initial sync cycle (KB 2855271)',
  [links.stagingServer]: 'Staging mode and the staging server',
};

/** True only for URLs the knowledge base itself holds. */
export function isKnowledgeBaseUrl(url: string): boolean {
  return knownUrls.has(url);
}
const knownUrls = new Set<string>(Object.values(links));
