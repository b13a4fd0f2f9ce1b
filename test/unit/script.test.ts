import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem, Position, TextEdit } from 'vscode-languageserver-types';
import { CMDLETS } from '../../server/src/service/knowledge/cmdlets';
import type { Finding } from '../../server/src/service/model';
import { parseScript } from '../../server/src/service/script/commands';
import {
  SCRIPT_RULES,
  checkScript,
  isAdsyncScript,
  scriptCompletions,
  scriptHover,
  scriptQuickFixes,
} from '../../server/src/service/script/index';
import { tokenize } from '../../server/src/service/script/tokenize';
import { plain } from '../fixtures/plain';

/** Lines joined with LF; `lf(…)` keeps fixtures readable. */
const lf = (...lines: string[]): string => lines.join('\n');

function findingsOf(text: string, rule?: string): Finding[] {
  const all = checkScript(text);
  return rule ? all.filter((f) => f.rule === rule) : all;
}

function only(text: string, rule: string): Finding {
  const found = findingsOf(text);
  assert.equal(found.length, 1, `expected exactly one finding, got ${JSON.stringify(found.map((f) => [f.rule, f.message]))}`);
  assert.equal(found[0].rule, rule);
  return found[0];
}

function offsetAt(text: string, pos: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < pos.line; i++) offset += lines[i].length + 1;
  return offset + pos.character;
}

function positionOf(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `fixture lacks ${needle}`);
  const before = text.slice(0, offset + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

function applyEdits(text: string, edits: { range: TextEdit['range']; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

function rangeText(text: string, f: Finding): string {
  return text.slice(offsetAt(text, f.range.start), offsetAt(text, f.range.end));
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

describe('script rule registry', () => {
  it('has the public rule ids with their severities', () => {
    assert.deepEqual(
      Object.fromEntries(SCRIPT_RULES.map((r) => [r.id, r.severity])),
      {
        'script/policytype-invalid': 'error',
        'script/scheduler-suspended-unsupported': 'warning',
        'script/sync-cycle-disabled': 'warning',
        'script/foreach-connector-filter': 'warning',
        'script/outdated-parameter': 'warning',
        'script/missing-required-parameter': 'error',
        'script/dirsync-retired': 'warning',
        'script/unknown-parameter': 'warning',
        'script/invalid-parameter-value': 'error',
      },
    );
  });

  it('knows every cmdlet the brief names, each with a description, example and https reference', () => {
    const names = CMDLETS.map((c) => c.name);
    for (const name of [
      'Start-ADSyncSyncCycle', 'Stop-ADSyncSyncCycle', 'Get-ADSyncScheduler', 'Set-ADSyncScheduler',
      'Get-ADSyncAADPasswordSyncConfiguration', 'Set-ADSyncAADPasswordSyncConfiguration', 'Set-ADSyncAADPasswordSyncState',
      'Get-ADSyncConnector', 'Add-ADSyncConnector', 'Get-ADSyncAADCompanyFeature', 'Set-ADSyncAADCompanyFeature',
      'Invoke-ADSyncDiagnostics', 'Invoke-ADSyncCSObjectPasswordHashSync', 'Get-ADSyncCSObject', 'Get-ADSyncCSObjectLog',
      'Get-ADSyncConnectorRunStatus', 'Invoke-ADSyncRunProfile', 'Set-ADSyncAutoUpgrade', 'Get-ADSyncAutoUpgrade',
      'Test-AdSyncAzureServiceConnectivity',
    ]) {
      assert.ok(names.includes(name), name);
    }
    for (const c of CMDLETS) {
      assert.ok(c.description.length > 10 && c.example.length > 0, c.name);
      assert.match(c.reference, /^https:\/\/learn\.microsoft\.com\/en-us\//, c.name);
    }
  });
});

describe('script rules fire where they should', () => {
  const cases: { name: string; text: string; rule: string; line: number; severity: string; token: string }[] = [
    { name: 'PolicyType Full', text: 'Start-ADSyncSyncCycle -PolicyType Full', rule: 'script/policytype-invalid', line: 0, severity: 'error', token: 'Full' },
    { name: 'positional Full', text: lf('Import-Module ADSync', 'Start-ADSyncSyncCycle Full'), rule: 'script/policytype-invalid', line: 1, severity: 'error', token: 'Full' },
    { name: 'quoted Incremental', text: "Start-ADSyncSyncCycle -PolicyType 'Incremental'", rule: 'script/policytype-invalid', line: 0, severity: 'error', token: "'Incremental'" },
    { name: 'colon syntax', text: 'Start-ADSyncSyncCycle -PolicyType:Full', rule: 'script/policytype-invalid', line: 0, severity: 'error', token: 'Full' },
    { name: 'scheduler next policy', text: 'Set-ADSyncScheduler -NextSyncCyclePolicyType Full', rule: 'script/policytype-invalid', line: 0, severity: 'error', token: 'Full' },
    { name: 'SchedulerSuspended', text: 'Set-ADSyncScheduler -SchedulerSuspended $false', rule: 'script/scheduler-suspended-unsupported', line: 0, severity: 'warning', token: '-SchedulerSuspended' },
    { name: 'SyncCycleEnabled $false', text: 'Set-ADSyncScheduler -SyncCycleEnabled $false', rule: 'script/sync-cycle-disabled', line: 0, severity: 'warning', token: '$false' },
    { name: 'SyncCycleEnabled:$false', text: 'Set-ADSyncScheduler -SyncCycleEnabled:$False', rule: 'script/sync-cycle-disabled', line: 0, severity: 'warning', token: '$False' },
    { name: 'SyncCycleEnabled 0', text: 'Set-ADSyncScheduler -SyncCycleEnabled 0', rule: 'script/sync-cycle-disabled', line: 0, severity: 'warning', token: '0' },
    { name: '% comparison', text: lf('$c = Get-ADSyncConnector | % { $_.Type -eq "AD" }'), rule: 'script/foreach-connector-filter', line: 0, severity: 'warning', token: '%' },
    { name: 'ForEach-Object comparison', text: "Get-ADSyncConnector | ForEach-Object { $_.SubType -eq 'Windows Azure Active Directory (Microsoft)' }", rule: 'script/foreach-connector-filter', line: 0, severity: 'warning', token: 'ForEach-Object' },
    { name: 'foreach alias with -and', text: "Get-ADSyncConnector | foreach { $_.Type -eq 'AD' -and $_.Name -like '*.com' }", rule: 'script/foreach-connector-filter', line: 0, severity: 'warning', token: 'foreach' },
    { name: 'outdated parameter', text: 'Set-ADSyncAADCompanyFeature -ForcePasswordResetOnLogonFeature $true', rule: 'script/outdated-parameter', line: 0, severity: 'warning', token: '-ForcePasswordResetOnLogonFeature' },
    { name: 'missing required', text: 'Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $ad -Enable $true', rule: 'script/missing-required-parameter', line: 0, severity: 'error', token: 'Set-ADSyncAADPasswordSyncConfiguration' },
    { name: 'missing required (no args)', text: 'Set-ADSyncAutoUpgrade', rule: 'script/missing-required-parameter', line: 0, severity: 'error', token: 'Set-ADSyncAutoUpgrade' },
    { name: 'Start-OnlineCoexistenceSync', text: 'Start-OnlineCoexistenceSync', rule: 'script/dirsync-retired', line: 0, severity: 'warning', token: 'Start-OnlineCoexistenceSync' },
    { name: 'Set-FullPasswordSync', text: lf('', 'Set-FullPasswordSync'), rule: 'script/dirsync-retired', line: 1, severity: 'warning', token: 'Set-FullPasswordSync' },
    { name: 'DirSyncConfigShell.psc1', text: 'powershell.exe -PSConsoleFile "C:\\Program Files\\Windows Azure Active Directory Sync\\DirSyncConfigShell.psc1"', rule: 'script/dirsync-retired', line: 0, severity: 'warning', token: '"C:\\Program Files\\Windows Azure Active Directory Sync\\DirSyncConfigShell.psc1"' },
    { name: 'Coexistence-Configuration snap-in', text: 'Add-PSSnapin Coexistence-Configuration', rule: 'script/dirsync-retired', line: 0, severity: 'warning', token: 'Coexistence-Configuration' },
    { name: 'unknown parameter', text: 'Start-ADSyncSyncCycle -Policytpye Delta', rule: 'script/unknown-parameter', line: 0, severity: 'warning', token: '-Policytpye' },
    { name: 'ambiguous prefix', text: 'Get-ADSyncCSObject -Connector contoso.com', rule: 'script/unknown-parameter', line: 0, severity: 'warning', token: '-Connector' },
    { name: 'AutoUpgradeState', text: 'Set-ADSyncAutoUpgrade -AutoUpgradeState Off', rule: 'script/invalid-parameter-value', line: 0, severity: 'error', token: 'Off' },
    { name: 'bool given yes', text: "Set-ADSyncAADPasswordSyncState -ConnectorName 'x - AAD' -Enable yes", rule: 'script/invalid-parameter-value', line: 0, severity: 'error', token: 'yes' },
    { name: 'bool given a string', text: "Set-ADSyncScheduler -MaintenanceEnabled 'true'", rule: 'script/invalid-parameter-value', line: 0, severity: 'error', token: "'true'" },
    { name: 'timespan', text: 'Set-ADSyncScheduler -CustomizedSyncCycleInterval 30m', rule: 'script/invalid-parameter-value', line: 0, severity: 'error', token: '30m' },
    { name: 'value missing', text: 'Set-ADSyncAutoUpgrade -AutoUpgradeState', rule: 'script/invalid-parameter-value', line: 0, severity: 'error', token: '-AutoUpgradeState' },
  ];
  for (const c of cases) {
    it(`${c.rule}: ${c.name}`, () => {
      const f = only(c.text, c.rule);
      assert.equal(f.range.start.line, c.line);
      assert.equal(f.severity, c.severity);
      assert.equal(rangeText(c.text, f), c.token);
      assert.equal(f.source, null);
      assert.equal(f.eventId, null);
      assert.ok(f.remediation.length > 0);
      for (const url of f.remediation) assert.match(url, /^https:\/\//);
      assert.ok(!f.message.includes('\n'), 'one line');
    });
  }

  it('returns plain findings (fixes are handed out by scriptQuickFixes)', () => {
    const f = only('Start-ADSyncSyncCycle -PolicyType Full', 'script/policytype-invalid');
    assert.deepEqual(Object.keys(f).sort(), ['eventId', 'message', 'range', 'remediation', 'rule', 'severity', 'source']);
  });

  it('names the alias that was written', () => {
    assert.match(only("Get-ADSyncConnector | % { $_.Type -eq 'AD' }", 'script/foreach-connector-filter').message, /^% \(ForEach-Object\) after Get-ADSyncConnector/);
  });

  it('names cmdlet, parameter and value in messages', () => {
    const f = only('Start-ADSyncSyncCycle -PolicyType Full', 'script/policytype-invalid');
    assert.match(f.message, /Start-ADSyncSyncCycle/);
    assert.match(f.message, /-PolicyType/);
    assert.match(f.message, /'Full'/);
    assert.match(only('Start-ADSyncSyncCycle -Policytpye Delta', 'script/unknown-parameter').message, /did you mean -PolicyType\?/);
    assert.match(
      only('Set-ADSyncScheduler -customizedsycncecleinterval 03:00:00', 'script/unknown-parameter').message,
      /did you mean -CustomizedSyncCycleInterval\?/,
    );
    assert.match(only('Set-ADSyncAutoUpgrade', 'script/missing-required-parameter').message, /-AutoUpgradeState/);
    assert.match(
      only('Get-ADSyncCSObject', 'script/missing-required-parameter').message,
      /one of -Identifier, -ConnectorIdentifier or -ConnectorName/,
    );
  });

  it('finds commands nested in script blocks, subexpressions, functions and assignments', () => {
    const text = lf(
      'function Sync-Now {',
      '  param([string]$Kind)',
      '  if ($Kind) {',
      '    Invoke-Command -ComputerName sync01 -ScriptBlock { Start-ADSyncSyncCycle -PolicyType Full }',
      '  }',
      '}',
      '$r = (Start-ADSyncSyncCycle -PolicyType Complete)',
      '$s = @{ Result = Start-ADSyncSyncCycle -PolicyType Fulll }',
    );
    const found = findingsOf(text, 'script/policytype-invalid');
    assert.deepEqual(found.map((f) => f.range.start.line), [3, 6, 7]);
  });

  it('flags a ForEach-Object filter fed by a parenthesized ADSync call, across lines', () => {
    assert.equal(findingsOf("(Get-ADSyncConnector) | % { $_.ConnectorTypeName -eq 'AD' }", 'script/foreach-connector-filter').length, 1);
    const multi = lf('$ad = Get-ADSyncConnector |', '    ForEach-Object {', "        $_.Type -eq 'AD'", '    }');
    const f = only(multi, 'script/foreach-connector-filter');
    assert.equal(f.range.start.line, 1);
    const leadingPipe = lf('Get-ADSyncConnector', "    | % { $_.Type -eq 'AD' }");
    assert.equal(only(leadingPipe, 'script/foreach-connector-filter').range.start.line, 1);
  });
});

describe('script rules stay silent on correct ADSync', () => {
  const silent: { name: string; text: string }[] = [
    {
      name: 'the full password sync recipe written correctly',
      text: lf(
        'Import-Module ADSync',
        "$adConnector = (Get-ADSyncConnector | Where-Object { $_.ConnectorTypeName -eq 'AD' }).Name",
        "$aadConnector = (Get-ADSyncConnector | Where-Object { $_.SubType -eq 'Windows Azure Active Directory (Microsoft)' }).Name",
        '$c = Get-ADSyncConnector -Name $adConnector',
        '$p = New-Object Microsoft.IdentityManagement.PowerShell.ObjectModel.ConfigurationParameter “Microsoft.Synchronize.ForceFullPasswordSync”, String, ConnectorGlobal, $null, $null, $null',
        '$p.Value = 1',
        '$c.GlobalParameters.Remove($p.Name)',
        '$c.GlobalParameters.Add($p)',
        '$c = Add-ADSyncConnector -Connector $c',
        'Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $adConnector -TargetConnector $aadConnector -Enable $false',
        'Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $adConnector -TargetConnector $aadConnector -Enable $true',
        'Get-ADSyncAADPasswordSyncConfiguration -sourceconnector $adConnector',
      ),
    },
    { name: 'PolicyType Delta', text: 'Start-ADSyncSyncCycle -PolicyType Delta' },
    { name: 'positional Initial', text: 'Start-ADSyncSyncCycle Initial' },
    { name: 'colon Initial', text: 'Start-ADSyncSyncCycle -PolicyType:Initial' },
    { name: 'any casing, quotes and prefixes', text: lf("start-adsyncsynccycle -policytype 'initial'", 'Start-ADSyncSyncCycle -Policy "Delta"', 'START-ADSYNCSYNCCYCLE -pol DELTA -Int $false') },
    { name: 'smart quotes and a module qualifier', text: 'ADSync\\Start-ADSyncSyncCycle -PolicyType “Delta”' },
    { name: 'variable and expression values', text: lf('Start-ADSyncSyncCycle -PolicyType $policy', 'Start-ADSyncSyncCycle -PolicyType ([Microsoft.IdentityManagement.PowerShell.ObjectModel.SynchronizationPolicyType]::Delta)') },
    { name: 'common parameters', text: 'Start-ADSyncSyncCycle -PolicyType Delta -Verbose -ErrorAction Stop -ev err -OutVariable out -WhatIf:$false' },
    {
      name: 'splatting',
      text: lf(
        '$params = @{ SourceConnector = $ad; TargetConnector = $aad; Enable = $true }',
        'Set-ADSyncAADPasswordSyncConfiguration @params',
        'Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $ad @rest',
      ),
    },
    { name: 'positional password sync configuration', text: 'Set-ADSyncAADPasswordSyncConfiguration $ad $aad $true' },
    { name: 'en dash before a parameter', text: 'Set-ADSyncAADPasswordSyncState -ConnectorName $aadConnector –Enable $False' },
    { name: 'pipeline input for a required parameter', text: "'contoso.com' | Invoke-ADSyncRunProfile -RunProfileName 'Delta Import'" },
    { name: 'scheduler used correctly', text: lf('Set-ADSyncScheduler -SyncCycleEnabled $true', 'Set-ADSyncScheduler -CustomizedSyncCycleInterval 03:00:00', 'Set-ADSyncScheduler -CustomizedSyncCycleInterval 1.00:00:00 -Force', 'Get-ADSyncScheduler') },
    { name: 'current company feature name', text: 'Set-ADSyncAADCompanyFeature -ForcePasswordChangeOnLogOn $true' },
    { name: 'diagnostics', text: lf('Import-Module ADSyncDiagnostics', "Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com' -DistinguishedName 'CN=Ana,DC=contoso,DC=com'") },
    { name: 'parameter sets', text: lf("Get-ADSyncCSObject -ConnectorName 'contoso.com' -DistinguishedName 'CN=Ana,DC=contoso,DC=com'", "Get-ADSyncCSObject -Identifier $id", "Invoke-ADSyncCSObjectPasswordHashSync 'contoso.com' 'CN=Ana,DC=contoso,DC=com'", 'Invoke-ADSyncRunProfile -ConnectorName $c -RunProfileName Export', 'Test-AdSyncAzureServiceConnectivity -AzureEnvironment Worldwide -Service SecurityTokenService -CurrentUser') },
    { name: 'auto upgrade', text: lf('Set-ADSyncAutoUpgrade -AutoUpgradeState Disabled', 'Set-ADSyncAutoUpgrade enabled', 'Get-ADSyncAutoUpgrade -Detail') },
    { name: 'ForEach-Object that projects or acts', text: lf('Get-ADSyncConnector | % { $_.Name }', "Get-ADSyncConnector | ForEach-Object { if ($_.Type -eq 'AD') { $_ } }", 'Get-ADSyncConnector | % Name', "Get-ADSyncConnector | ? { $_.Type -eq 'AD' }", "Get-ADSyncConnector | where Type -eq 'AD'") },
    { name: 'ForEach-Object comparison on non-ADSync input', text: "Get-Service | % { $_.Status -eq 'Running' }" },
    { name: 'non-ADSync cmdlets with ADSync-looking parameters', text: lf('Start-Something -PolicyType Full', 'Set-Scheduler -SchedulerSuspended $true', 'My-Tool -Policytpye x') },
    {
      name: 'here-strings holding bad-looking text',
      text: lf(
        "$doc = @'",
        'Start-ADSyncSyncCycle -PolicyType Full',
        'Set-ADSyncScheduler -SyncCycleEnabled $false',
        "'@",
        '$doc2 = @"',
        'Start-OnlineCoexistenceSync',
        'Get-ADSyncConnector | % { $_.Type -eq "AD" }',
        '"@',
        'Start-ADSyncSyncCycle -PolicyType Delta',
      ),
    },
    {
      name: 'comments holding bad-looking text',
      text: lf(
        '# Start-ADSyncSyncCycle -PolicyType Full',
        'Start-ADSyncSyncCycle -PolicyType Delta # not Full, see Set-FullPasswordSync',
        '<#',
        '  Set-ADSyncScheduler -SchedulerSuspended $true',
        '  Start-OnlineCoexistenceSync',
        '#>',
        'Write-Host "Start-ADSyncSyncCycle -PolicyType Full is wrong"',
      ),
    },
    {
      name: 'a real-world maintenance script',
      text: lf(
        'function Start-Sync {',
        '  param([string] $Server, [string] $Policy)',
        '  Invoke-Command -ComputerName $Server -ScriptBlock {',
        '    Import-Module -Name "C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\ADSync"',
        '    Start-ADSyncSyncCycle -PolicyType $using:Policy',
        '  }',
        '}',
        "while ((Get-ADSyncConnectorRunStatus).RunState -contains 'Busy') { Start-Sleep -Seconds 10 }",
        'Set-ADSyncScheduler -CustomizedSyncCycleInterval "0:$($minutes):00"',
        'Set-ADSyncScheduler -CustomizedSyncCycleInterval (New-TimeSpan -Minutes 30) -Force',
        'Set-ADSyncScheduler -SyncCycleEnabled $true -MaintenanceEnabled 1',
        'Get-ADSyncCSObjectLog -Identifier $cs.ObjectId -Count 5 | Format-List',
        '$cs | ForEach-Object { Invoke-ADSyncCSObjectPasswordHashSync -CsObject $_ }',
        'Start-ADSyncSyncCycle -PolicyType Initial 2>&1 > $null',
        '[void](Start-ADSyncSyncCycle -PolicyType Delta)',
        '$result = & Start-ADSyncSyncCycle -PolicyType "Delta"',
        "Get-ADSyncConnector | ForEach-Object -Process { $_.Name -replace ' - AAD', '' }",
        "Get-ADSyncConnector | Where { $_.Type -eq 'AD' } | ForEach { $_.Name }",
      ),
    },
    { name: 'open-ended cmdlets accept unlisted parameters', text: lf('Set-ADSyncAADCompanyFeature -ConnectorName $n -ForcePasswordChangeOnLogOn $true', 'Get-ADSyncConnectorRunStatus -Whatever 1') },
  ];
  for (const c of silent) {
    it(c.name, () => assert.deepEqual(findingsOf(c.text).map((f) => `${f.rule}: ${f.message}`), []));
  }
});

describe('robust input', () => {
  it('keeps positions right with a BOM and CRLF', () => {
    const text = '\uFEFFImport-Module ADSync\r\nStart-ADSyncSyncCycle -PolicyType Full\r\n';
    const f = only(text, 'script/policytype-invalid');
    assert.deepEqual(f.range, { start: { line: 1, character: 34 }, end: { line: 1, character: 38 } });
  });

  it('follows backtick line continuations', () => {
    const text = lf('Start-ADSyncSyncCycle `', '    -PolicyType Full');
    assert.equal(only(text, 'script/policytype-invalid').range.start.line, 1);
    const crlf = 'Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $ad `\r\n  -TargetConnector $aad `  \r\n  -Enable $true\r\n';
    assert.deepEqual(findingsOf(crlf), []);
  });

  it('does not mistake an unfinished statement for the next line', () => {
    const text = lf('Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $ad -TargetConnector $aad', '-Enable $true');
    assert.equal(only(text, 'script/missing-required-parameter').range.start.line, 0);
  });

  it('splits commands, pipelines, aliases and -Param:value', () => {
    const s = parseScript("Get-ADSyncConnector | ? { $_.Type -eq 'AD' } | % Name; Start-ADSyncSyncCycle -PolicyType:Delta");
    assert.deepEqual(s.commands.map((c) => [c.name, c.pipelineIndex]), [
      ['Get-ADSyncConnector', 0],
      ['?', 1],
      ['%', 2],
      ['Start-ADSyncSyncCycle', 0],
    ]);
    const start = s.commands[3];
    const p = start.elements[0];
    assert.ok(p.kind === 'parameter' && p.colon && p.colonArgument?.literal === 'Delta');
  });

  it('tokenizes strings, here-strings and comments without leaking their contents', () => {
    const { tokens, comments } = tokenize(lf("'it''s' \"a `\" $(Get-Date \"x\") b\" <# c #> # d", "@'", 'x', "'@"));
    assert.deepEqual(
      tokens.filter((t) => t.kind !== 'newline').map((t) => [t.kind, t.value]),
      [
        ['string', "it's"],
        ['string', 'a `" $(Get-Date "x") b'],
        ['string', 'x'],
      ],
    );
    assert.equal(comments.length, 2);
  });

  it('survives a hostile 1 MB line and unbalanced input quickly', () => {
    const mb = 1 << 20;
    const hostile = [
      'Start-ADSyncSyncCycle -PolicyType ' + 'A'.repeat(mb),
      'Start-ADSyncSyncCycle -' + 'x'.repeat(mb),
      '('.repeat(mb),
      '{'.repeat(mb / 2) + ']'.repeat(mb / 2),
      '"'.repeat(1) + 'Start-ADSyncSyncCycle -PolicyType Full '.repeat(mb / 40),
      '$("'.repeat(mb / 3),
      "@'\n" + 'x'.repeat(mb),
      'Start-ADSyncSyncCycle ' + '-PolicyType Full '.repeat(mb / 17),
      'Get-ADSyncConnector | % { $_.Type -eq "AD" } '.repeat(mb / 45),
      '`'.repeat(mb),
      '<#'.repeat(mb / 2),
      Array.from({ length: mb }, (_, i) => String.fromCharCode((i * 7919) % 0x3000)).join(''),
    ];
    // No timing is asserted (that is the benchmark's job); a quadratic path would still hang the run.
    for (const text of hostile) {
      assert.doesNotThrow(() => {
        checkScript(text);
        isAdsyncScript(text);
        scriptHover(text, { line: 0, character: 5 });
        scriptCompletions(text, { line: 0, character: text.length });
      });
    }
  });

  it('keeps every finding of one rule when it finds 200,000 (more than a call takes arguments)', () => {
    const findings = checkScript('Start-OnlineCoexistenceSync\n'.repeat(200_000));
    assert.equal(findings.length, 200_000);
    assert.ok(findings.every((f) => f.rule === 'script/dirsync-retired'));
    assert.equal(findings[199_999].range.start.line, 199_999);
  });

  it('caps echoed script text in messages', () => {
    const f = only('Start-ADSyncSyncCycle -PolicyType ' + 'A'.repeat(5000), 'script/policytype-invalid');
    assert.ok(f.message.length < 200);
  });
});

describe('isAdsyncScript', () => {
  it('recognizes ADSync and DirSync scripts', () => {
    assert.equal(isAdsyncScript('Start-ADSyncSyncCycle -PolicyType Delta'), true);
    assert.equal(isAdsyncScript('Import-Module ADSync'), true);
    assert.equal(isAdsyncScript('Import-Module "C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\ADSync\\ADSync.psd1"'), true);
    assert.equal(isAdsyncScript('ipmo ADSyncDiagnostics'), true);
    assert.equal(isAdsyncScript('Start-OnlineCoexistenceSync'), true);
    assert.equal(isAdsyncScript('Add-PSSnapin Coexistence-Configuration'), true);
    assert.equal(isAdsyncScript('& "C:\\DirSync\\DirSyncConfigShell.psc1"'), true);
    assert.equal(isAdsyncScript('Get-ADSyncRunStepResult -First'), true);
  });
  it('ignores scripts that only mention ADSync in comments or strings', () => {
    assert.equal(isAdsyncScript('Get-Process | Sort-Object CPU'), false);
    assert.equal(isAdsyncScript('# Start-ADSyncSyncCycle -PolicyType Delta\nGet-Date'), false);
    assert.equal(isAdsyncScript('Write-Host "run Start-ADSyncSyncCycle later"'), false);
    assert.equal(isAdsyncScript(''), false);
  });
});

describe('scriptHover', () => {
  const text = lf(
    'Import-Module ADSync',
    'Start-ADSyncSyncCycle -Pol Delta # comment',
    "Set-ADSyncAADCompanyFeature -ForcePasswordResetOnLogonFeature $true",
    "Start-ADSyncSyncCycle -PolicyType '<img src=x onerror=alert(1)> [link](http://evil)'",
    'Start-OnlineCoexistenceSync',
    'Get-Date -Format o',
  );

  it('explains a cmdlet: what it does, parameters, values, example and link', () => {
    const h = scriptHover(text, positionOf(text, 'Start-ADSyncSyncCycle -Pol', 3));
    assert.ok(h);
    assert.deepEqual(plain(h.range), { start: { line: 1, character: 0 }, end: { line: 1, character: 21 } });
    assert.match(h.markdown, /\*\*Start-ADSyncSyncCycle\*\*/);
    assert.match(h.markdown, /-PolicyType/);
    assert.match(h.markdown, /`Unspecified` \\\| `Delta` \\\| `Initial`/);
    assert.match(h.markdown, /```powershell\nStart-ADSyncSyncCycle -PolicyType Delta\n```/);
    assert.match(h.markdown, /\(https:\/\/learn\.microsoft\.com\/en-us\/entra\/identity\/hybrid\/connect\/how-to-connect-sync-feature-scheduler\)/);
  });

  it('explains an abbreviated parameter by its full name', () => {
    const h = scriptHover(text, positionOf(text, '-Pol', 2));
    assert.ok(h);
    assert.match(h.markdown, /Start-ADSyncSyncCycle -PolicyType/);
    assert.match(h.markdown, /Initial/);
    assert.equal(h.range.start.character, 22);
    assert.equal(h.range.end.character, 26);
  });

  it('explains an outdated parameter and a retired command', () => {
    const outdated = scriptHover(text, positionOf(text, '-ForcePasswordReset', 3));
    assert.match(outdated?.markdown ?? '', /ForcePasswordChangeOnLogOn/);
    const retired = scriptHover(text, positionOf(text, 'Start-OnlineCoexistenceSync', 2));
    assert.match(retired?.markdown ?? '', /Start-ADSyncSyncCycle -PolicyType Delta/);
    const module = scriptHover(text, positionOf(text, 'ADSync', 1));
    assert.match(module?.markdown ?? '', /PowerShell module/);
  });

  it('never echoes the script text', () => {
    const h = scriptHover(text, positionOf(text, "Start-ADSyncSyncCycle -PolicyType '<img", 1));
    assert.ok(h);
    assert.ok(!h.markdown.includes('<img'));
    assert.ok(!h.markdown.includes('evil'));
  });

  it('returns null elsewhere', () => {
    assert.equal(scriptHover(text, positionOf(text, 'comment', 2)), null);
    assert.equal(scriptHover(text, positionOf(text, 'Get-Date', 2)), null);
    assert.equal(scriptHover(text, positionOf(text, 'Delta # comment', 1)), null);
    assert.equal(scriptHover(text, { line: 99, character: 0 }), null);
  });
});

describe('scriptCompletions', () => {
  const at = (text: string): CompletionItem[] => {
    const cursor = text.indexOf('‸');
    const clean = text.slice(0, cursor) + text.slice(cursor + 1);
    return scriptCompletions(clean, positionAtOffset(clean, cursor));
  };
  function positionAtOffset(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
  }

  it('offers ADSync cmdlet names for a typed prefix, replacing the word', () => {
    const items = at('Start-AD‸');
    assert.deepEqual(labels(items), ['Start-ADSyncSyncCycle']);
    assert.deepEqual(plain(items[0].textEdit), { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } }, newText: 'Start-ADSyncSyncCycle' });
    assert.ok(labels(at('$x = get-adsync‸')).includes('Get-ADSyncScheduler'));
    assert.deepEqual(labels(at('Get-Pro‸')), []);
  });

  it('offers cmdlet names after a pipe', () => {
    const names = labels(at('Get-ADSyncConnector | ‸'));
    assert.ok(names.includes('Add-ADSyncConnector'));
    assert.ok(labels(at('Get-ADSyncConnector |\n    Add-AD‸')).includes('Add-ADSyncConnector'));
  });

  it('offers parameters after a dash, without the ones already given', () => {
    assert.deepEqual(labels(at('Start-ADSyncSyncCycle -‸')), ['-PolicyType', '-InteractiveMode']);
    assert.deepEqual(labels(at('Start-ADSyncSyncCycle -PolicyType Delta -‸')), ['-InteractiveMode']);
    assert.deepEqual(labels(at('Start-ADSyncSyncCycle -PolicyType Delta -i‸')), ['-InteractiveMode']);
    const missing = labels(at('Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $ad -‸'));
    assert.deepEqual(missing, ['-TargetConnector', '-Enable']);
    assert.deepEqual(labels(at('Set-ADSyncAADPasswordSyncConfiguration -Sour‸ceConnector $ad')), ['-SourceConnector']);
  });

  it('offers valid values for PolicyType, AutoUpgradeState and bool parameters', () => {
    assert.deepEqual(labels(at('Start-ADSyncSyncCycle -PolicyType ‸')), ['Unspecified', 'Delta', 'Initial']);
    assert.deepEqual(labels(at('Start-ADSyncSyncCycle -PolicyType D‸')), ['Delta']);
    assert.deepEqual(labels(at('Start-ADSyncSyncCycle -PolicyType:‸')), ['Unspecified', 'Delta', 'Initial']);
    assert.deepEqual(labels(at('Start-ADSyncSyncCycle In‸')), ['Initial']);
    assert.deepEqual(labels(at('Set-ADSyncScheduler -NextSyncCyclePolicyType ‸')), ['Unspecified', 'Delta', 'Initial']);
    assert.deepEqual(labels(at('Set-ADSyncAutoUpgrade -AutoUpgradeState ‸')), ['Suspended', 'Enabled', 'Disabled']);
    assert.deepEqual(labels(at('Set-ADSyncScheduler -SyncCycleEnabled ‸')), ['$true', '$false']);
    assert.deepEqual(labels(at('Set-ADSyncScheduler -SyncCycleEnabled:‸')), ['$true', '$false']);
    assert.deepEqual(labels(at('Set-ADSyncAADPasswordSyncState -ConnectorName $c -Enable $f‸')), ['$false']);
  });

  it('stays quiet in comments, strings and unknown commands', () => {
    assert.deepEqual(at('# Start-AD‸'), []);
    assert.deepEqual(at("Start-ADSyncSyncCycle -PolicyType 'D‸'"), []);
    assert.deepEqual(at('Get-Process -‸'), []);
  });
});

describe('scriptQuickFixes', () => {
  function fixed(text: string, rule: string, title?: RegExp): string {
    const f = findingsOf(text, rule)[0];
    assert.ok(f, `no ${rule} finding`);
    const fixes = scriptQuickFixes(text, f);
    const fix = title ? fixes.find((x) => title.test(x.title)) : fixes.find((x) => x.isPreferred) ?? fixes[0];
    assert.ok(fix, `no fix for ${rule}: ${JSON.stringify(fixes.map((x) => x.title))}`);
    return applyEdits(text, fix.edits);
  }

  it('corrects policy types, keeping quotes', () => {
    assert.equal(fixed('Start-ADSyncSyncCycle -PolicyType Full', 'script/policytype-invalid'), 'Start-ADSyncSyncCycle -PolicyType Initial');
    assert.equal(fixed("Start-ADSyncSyncCycle 'Incremental'", 'script/policytype-invalid'), "Start-ADSyncSyncCycle 'Delta'");
    assert.equal(fixed('Set-ADSyncScheduler -NextSyncCyclePolicyType Intial', 'script/policytype-invalid'), 'Set-ADSyncScheduler -NextSyncCyclePolicyType Initial');
    const unknown = findingsOf('Start-ADSyncSyncCycle -PolicyType Banana')[0];
    assert.deepEqual(scriptQuickFixes('Start-ADSyncSyncCycle -PolicyType Banana', unknown).map((f) => f.title), ['Use Delta', 'Use Initial (the full cycle)']);
  });

  it('turns the ForEach-Object filter into Where-Object', () => {
    const text = lf('$ad = Get-ADSyncConnector | % { $_.Type -eq "AD" }', '$aad = Get-ADSyncConnector | ForEach-Object -Process { $_.Type -eq "AAD" }');
    const once = fixed(text, 'script/foreach-connector-filter');
    assert.equal(once.split('\n')[0], '$ad = Get-ADSyncConnector | Where-Object { $_.Type -eq "AD" }');
    const twice = fixed(once, 'script/foreach-connector-filter');
    assert.equal(twice.split('\n')[1], '$aad = Get-ADSyncConnector | Where-Object -FilterScript { $_.Type -eq "AAD" }');
    assert.deepEqual(findingsOf(twice, 'script/foreach-connector-filter'), []);
  });

  it('renames outdated and misspelled parameters, keeping the value', () => {
    assert.equal(
      fixed('Set-ADSyncAADCompanyFeature -ForcePasswordResetOnLogonFeature:$true', 'script/outdated-parameter'),
      'Set-ADSyncAADCompanyFeature -ForcePasswordChangeOnLogOn:$true',
    );
    assert.equal(fixed('Start-ADSyncSyncCycle -Policytpye Delta', 'script/unknown-parameter'), 'Start-ADSyncSyncCycle -PolicyType Delta');
    assert.equal(
      fixed('Get-ADSyncCSObject -Connector x', 'script/unknown-parameter', /ConnectorName/),
      'Get-ADSyncCSObject -ConnectorName x',
    );
  });

  it('replaces retired DirSync tooling', () => {
    assert.equal(fixed('Start-OnlineCoexistenceSync', 'script/dirsync-retired'), 'Start-ADSyncSyncCycle -PolicyType Delta');
    assert.equal(fixed('  Start-OnlineCoexistenceSync -FullSync', 'script/dirsync-retired'), '  Start-ADSyncSyncCycle -PolicyType Initial');
    assert.equal(fixed('Add-PSSnapin Coexistence-Configuration', 'script/dirsync-retired'), 'Import-Module ADSync');
    assert.equal(
      fixed('powershell.exe -NoExit -PSConsoleFile "C:\\Program Files\\Windows Azure Active Directory Sync\\DirSyncConfigShell.psc1"', 'script/dirsync-retired'),
      'Import-Module ADSync',
    );
    const recipe = fixed(lf('if ($full) {', '    Set-FullPasswordSync', '}'), 'script/dirsync-retired');
    const lines = recipe.split('\n');
    assert.equal(lines[1], "    $adConnector = '<AD connector name>'");
    assert.ok(lines.every((l, i) => i === 0 || i === lines.length - 1 || l.startsWith('    ')));
    assert.match(recipe, /Set-ADSyncAADPasswordSyncConfiguration -SourceConnector \$adConnector -TargetConnector \$aadConnector -Enable \$true\n\}$/);
    assert.deepEqual(findingsOf(recipe), []);
  });

  it('fixes bool and enum values and re-enables sync cycles', () => {
    assert.equal(fixed('Set-ADSyncAADPasswordSyncState -ConnectorName $c -Enable yes', 'script/invalid-parameter-value'), 'Set-ADSyncAADPasswordSyncState -ConnectorName $c -Enable $true');
    assert.equal(fixed('Set-ADSyncAutoUpgrade -AutoUpgradeState "Off"', 'script/invalid-parameter-value'), 'Set-ADSyncAutoUpgrade -AutoUpgradeState "Disabled"');
    assert.equal(fixed('Set-ADSyncScheduler -SyncCycleEnabled $false', 'script/sync-cycle-disabled'), 'Set-ADSyncScheduler -SyncCycleEnabled $true');
    assert.equal(
      fixed('Set-ADSyncScheduler -SchedulerSuspended $true -SyncCycleEnabled $true', 'script/scheduler-suspended-unsupported'),
      'Set-ADSyncScheduler -SyncCycleEnabled $true',
    );
  });

  it('returns no fixes for a finding it does not know', () => {
    const f = only('Start-ADSyncSyncCycle -PolicyType Full', 'script/policytype-invalid');
    assert.deepEqual(scriptQuickFixes('Start-ADSyncSyncCycle -PolicyType Delta', f), []);
    assert.deepEqual(scriptQuickFixes('Set-ADSyncAutoUpgrade', only('Set-ADSyncAutoUpgrade', 'script/missing-required-parameter')), []);
  });
});
