/**
 * A script that exports exactly the events ADSync Doctor reads: the Application log, filtered to the
 * providers of the event catalogue, for the last N days. The provider list comes from the knowledge
 * base, so a provider added there is collected here too.
 */
import { knownProviders } from '../knowledge/events';
import type { ScriptTemplate } from './template';

export const DEFAULT_COLLECTION_DAYS = 7;
/** The Application log rarely holds more than a few months; a year is a generous ceiling. */
const MAX_COLLECTION_DAYS = 366;

const MS_PER_DAY = 86_400_000;

/** Whole days between 1 and MAX_COLLECTION_DAYS; anything else gets the default. */
export function collectionDays(days: number | undefined): number {
  if (days === undefined || !Number.isFinite(days)) return DEFAULT_COLLECTION_DAYS;
  return Math.min(MAX_COLLECTION_DAYS, Math.max(1, Math.round(days)));
}

/** A PowerShell single-quoted string: only the quote itself needs doubling. */
const psQuote = (value: string): string => `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, "$&$&")}'`;

/** The same filter as an XPath query for wevtutil and Event Viewer's XML filter tab. */
function xpathQuery(providers: readonly string[], days: number): string {
  // XPath 1.0 has no escape inside a literal; catalogue provider names carry no apostrophes.
  const names = providers.map((p) => `@Name='${p}'`).join(' or ');
  return `*[System[Provider[${names}] and TimeCreated[timediff(@SystemTime) <= ${days * MS_PER_DAY}]]]`;
}

export const logCollection: ScriptTemplate = {
  id: 'collectLogs',
  title: 'Collect the right log',
  command: 'adsyncDoctor.generateCollectLogsScript',
  body: (args) => {
    const days = collectionDays(args?.days);
    const providers = knownProviders.filter((p) => !/['"\r\n]/.test(p));
    const providerLines = providers.map((p) => `    ${psQuote(p)}`).join('\n');
    return `# ADSync Doctor: export the password hash sync events of the last ${days} days.
#
# Where: on the Microsoft Entra Connect (sync) server itself, in an elevated PowerShell
# ("Run as administrator"). The events live in that server's Application log, not on the DCs.
#
# What it writes, into a new folder on your desktop:
#   adsync-events.evtx  the events as Event Viewer saves them (opens in Event Viewer and in ADSync Doctor)
#   adsync-events.csv   the same events as CSV, one row each with the full message
#   the folder zipped   send this one (to your support contact or colleague), or open either file in VS Code
#
# The files name users (DNs), domains and servers; share them only where you would share the log.
# By hand instead: Event Viewer > Windows Logs > Application > Filter Current Log > Event sources
# (tick the sources below) > OK, then Action > Save Filtered Log File As (.evtx).

$days = ${days}
$since = (Get-Date).AddDays(-$days)

# Every source whose events ADSync Doctor explains.
$providers = @(
${providerLines}
)

$folder = Join-Path ([Environment]::GetFolderPath('Desktop')) ('ADSyncDoctor-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
New-Item -ItemType Directory -Path $folder -Force | Out-Null
$csv = Join-Path $folder 'adsync-events.csv'
$evtx = Join-Path $folder 'adsync-events.evtx'

# 1. CSV through Get-WinEvent. It refuses the whole filter when one source is not registered on this
#    server (older builds write as FIMSynchronizationService, current ones as ADSync), so it is asked
#    only for the sources registered here. "No events were found" just means a quiet log.
$registered = [System.Diagnostics.Eventing.Reader.EventLogSession]::GlobalSession.GetProviderNames()
$present = @($providers | Where-Object { $registered -contains $_ })
$found = @()
if ($present.Count -eq 0) {
    Write-Warning 'None of these sources is registered here. Is this the Entra Connect server?'
} else {
    $filter = @{ LogName = 'Application'; ProviderName = $present; StartTime = $since }
    $found = @(Get-WinEvent -FilterHashtable $filter -ErrorAction SilentlyContinue -ErrorVariable readErrors)
    foreach ($readError in $readErrors) {
        if ($readError.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { Write-Warning $readError.ToString() }
    }
}
$found |
    Select-Object TimeCreated, Id, LevelDisplayName, ProviderName, RecordId, MachineName, Message |
    Export-Csv -Path $csv -NoTypeInformation -Encoding UTF8
Write-Host "$($found.Count) events written to $csv"

# 2. The same selection as .evtx, through wevtutil. Its XPath filter takes every source, registered
#    or not; timediff counts milliseconds back from now.
$clauses = ($providers | ForEach-Object { "@Name='$_'" }) -join ' or '
$query = "*[System[Provider[$clauses] and TimeCreated[timediff(@SystemTime) <= $($days * ${MS_PER_DAY})]]]"
wevtutil epl Application $evtx "/q:$query" /ow:true
if ($LASTEXITCODE -ne 0) { Write-Warning "wevtutil could not export the log (exit code $LASTEXITCODE)." }
# From cmd.exe the same export reads:
#   wevtutil epl Application adsync-events.evtx /q:"${xpathQuery(providers, days)}"

# 3. One file to send.
$zip = "$folder.zip"
Compress-Archive -Path (Join-Path $folder '*') -DestinationPath $zip -Force
Write-Host "Send this file: $zip"
`;
  },
};
