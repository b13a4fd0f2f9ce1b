/** The requests behind the sidebar, status bar and report, through the built server. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FindingOccurrencesRequest, FindingsTreeRequest, GuideTreeRequest, ReportRequest, VerdictRequest } from '../../server/src/protocol';
import type { TreeNode } from '../../server/src/service/trees/node';
import { articleRows } from '../fixtures/messages';
import { rowsOf, toCsv } from '../fixtures/exports';
import { MAX_OCCURRENCES } from '../../server/src/service/trees/findingsTree';
import { TestClient, within } from './client';

const client = new TestClient();
const changed = (): string[] => client.findingsChanged.map((p) => p.uri);
before(() => client.initialize());
after(() => client.shutdown());

test('guide, findings, verdict and report for an open log; findings change when it closes', async () => {
  const guide = await client.connection.sendRequest(GuideTreeRequest.type, {});
  assert.ok(guide.length >= 7);
  const uri = 'file:///side/export.csv';
  await client.open(uri, toCsv(rowsOf(articleRows)));
  await client.diagnosticsFor(uri);
  // The notification follows the diagnostics on the same stream.
  for (let i = 0; i < 50 && !changed().includes(uri); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(changed().includes(uri), 'the client is told to refresh');
  const tree = await client.connection.sendRequest(FindingsTreeRequest.type, {});
  assert.match(tree[0].label, /^Broken — /);
  const verdict = await client.connection.sendRequest(VerdictRequest.type, { uri });
  assert.equal(verdict?.status, 'broken');
  assert.equal(verdict?.label, 'Broken');
  const md = await client.connection.sendRequest(ReportRequest.type, { format: 'markdown' });
  assert.equal(md.logCount, 1);
  assert.match(md.content, /^# ADSync Doctor report/);
  assert.match(md.content, /` export\.csv `/);
  const html = await client.connection.sendRequest(ReportRequest.type, { format: 'html' });
  assert.match(html.content, /^<!DOCTYPE html>/i);
  await client.close(uri);
  assert.deepEqual(await client.connection.sendRequest(FindingsTreeRequest.type, {}), []);
  assert.equal(await client.connection.sendRequest(VerdictRequest.type, { uri }), null);
});

test('the lazy findings tree, as the sidebar asks for it: event nodes without occurrences, which come when one opens', async () => {
  const uri = 'file:///side/lazy.csv';
  await client.open(uri, toCsv(rowsOf(articleRows)));
  await client.diagnosticsFor(uri);
  const full = await client.connection.sendRequest(FindingsTreeRequest.type, {});
  const lazy = await client.connection.sendRequest(FindingsTreeRequest.type, { lazy: true });
  const events = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => (n.icon === 'event' ? [n] : events(n.children ?? [])));
  const fullEvents = events(full);
  assert.ok(fullEvents.length > 10);
  assert.deepEqual(events(lazy).map((n) => [n.id, n.label, n.children, n.childrenOnRequest]), fullEvents.map((n) => [n.id, n.label, undefined, true]));
  for (const node of fullEvents) assert.deepEqual(await client.connection.sendRequest(FindingOccurrencesRequest.type, { id: node.id }), node.children, node.id);
  await client.close(uri);
  assert.deepEqual(await client.connection.sendRequest(FindingOccurrencesRequest.type, { id: fullEvents[0].id }), []);
});

// Grouping once copied each group's list once per finding: 330,000 findings took 70 s. The server
// runs in its own process, so the 60 s guards can fail the test while it works.
test('a log with 200,000 findings of one event: the tree and its occurrences come in bounded time', async () => {
  const uri = 'file:///side/pings.csv';
  await client.open(uri, toCsv(rowsOf(Array.from({ length: 200_000 }, () => articleRows[5]))));
  await client.analysed(uri, 1, 60_000);
  const find = (nodes: TreeNode[]): TreeNode | undefined => nodes.map((n) => (n.label.startsWith('654 · ') ? n : find(n.children ?? []))).find(Boolean);
  const pings = find(await within(60_000, 'the findings tree', client.connection.sendRequest(FindingsTreeRequest.type, {})))!;
  assert.equal(pings.description, '×200,000');
  assert.equal(pings.children![MAX_OCCURRENCES].label, '… 199,500 more (ADSync: Export Findings Report lists them all)');
  const lazy = find(await within(60_000, 'the lazy findings tree', client.connection.sendRequest(FindingsTreeRequest.type, { lazy: true })))!;
  assert.deepEqual(await within(60_000, 'the occurrences', client.connection.sendRequest(FindingOccurrencesRequest.type, { id: lazy.id })), pings.children);
  await client.close(uri);
});
