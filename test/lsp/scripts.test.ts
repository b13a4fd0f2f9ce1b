/** ADSync scripts through the built server: every rule as a diagnostic, quick-fix edits, hovers, completions. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionRequest, CompletionRequest, HoverRequest, type CodeAction, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

const uri = 'file:///scripts/broken.ps1';
const lines = [
  'Import-Module ADSync',
  'Start-ADSyncSyncCycle -PolicyType Full',
  'Set-ADSyncScheduler -SchedulerSuspended $true',
  'Set-ADSyncScheduler -SyncCycleEnabled $false',
  '$ad = Get-ADSyncConnector | % { $_.Type -eq "AD" }',
  'Set-ADSyncAADCompanyFeature -ForcePasswordResetOnLogonFeature $true',
  'Set-ADSyncAADPasswordSyncConfiguration -SourceConnector $ad.Name -Enable $true',
  'Start-OnlineCoexistenceSync',
  'Set-ADSyncScheduler -SyncCycleEnabeld $true',
  'Start-ADSyncSyncCycle -PolicyType Delta',
];
const text = lines.join('\r\n');

const client = new TestClient();
before(async () => {
  await client.initialize();
  await client.open(uri, text, 'powershell');
});
after(() => client.shutdown());

test('each rule fires on its line with its id and severity; the correct line is silent', async () => {
  const { diagnostics } = await client.diagnosticsFor(uri);
  const got = diagnostics.map((d) => `${d.range.start.line + 1} ${d.code} ${d.severity}`);
  assert.deepEqual(got, [
    '2 script/policytype-invalid 1',
    '3 script/scheduler-suspended-unsupported 2',
    '4 script/sync-cycle-disabled 2',
    '5 script/foreach-connector-filter 2',
    '6 script/outdated-parameter 2',
    '7 script/missing-required-parameter 1',
    '8 script/dirsync-retired 2',
    '9 script/unknown-parameter 2',
  ]);
  assert.ok(diagnostics.every((d) => d.source === 'ADSync Doctor'));
});

test('the PolicyType quick fix replaces Full with Initial', async () => {
  const { diagnostics } = await client.diagnosticsFor(uri);
  const d = diagnostics.find((x) => x.code === 'script/policytype-invalid')!;
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  const fix = actions.find((a) => a.isPreferred)!;
  assert.match(fix.title, /Initial/);
  const edits = fix.edit!.changes![uri] as TextEdit[];
  const line = lines[1];
  const e = edits[0];
  const fixed = line.slice(0, e.range.start.character) + e.newText + line.slice(e.range.end.character);
  assert.equal(fixed, 'Start-ADSyncSyncCycle -PolicyType Initial');
});

test('the ForEach-Object filter quick fix turns % into Where-Object', async () => {
  const { diagnostics } = await client.diagnosticsFor(uri);
  const d = diagnostics.find((x) => x.code === 'script/foreach-connector-filter')!;
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  const edits = actions[0].edit!.changes![uri] as TextEdit[];
  assert.ok(edits.some((e) => e.newText === 'Where-Object'));
});

test('hover on a cmdlet explains it with valid values and the reference link', async () => {
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 5 } });
  const value = (hover!.contents as MarkupContent).value;
  assert.match(value, /Start-ADSyncSyncCycle/);
  assert.match(value, /Initial/);
  assert.match(value, /https:\/\/learn\.microsoft\.com\//);
});

test('completion offers PolicyType values and ADSync cmdlets', async () => {
  const values = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 9, character: 'Start-ADSyncSyncCycle -PolicyType '.length } });
  const labels = (Array.isArray(values) ? values : values?.items ?? []).map((i) => i.label);
  assert.ok(labels.includes('Initial') && labels.includes('Delta'), labels.join(','));
  assert.ok(!labels.includes('Full'));
});
