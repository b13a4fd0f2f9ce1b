/** The sidebar trees as data: the guide covers the article, the findings tree leads to the lines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guideTree } from '../../server/src/service/trees/guideTree';
import { findingsTree, MAX_OCCURRENCES, occurrenceNodesSteps, type OpenLog } from '../../server/src/service/trees/findingsTree';
import { runToEnd } from '../../server/src/service/steps';
import type { TreeNode } from '../../server/src/service/trees/node';
import { analyzeLogText } from '../../server/src/service/analysis/document';
import { isKnowledgeBaseUrl } from '../../server/src/service/knowledge/links';
import { scripts } from '../../server/src/service/generators';
import { events } from '../../server/src/service/knowledge/events';
import { articleRows } from '../fixtures/messages';
import { rowsOf, toCsv } from '../fixtures/exports';

function* walk(nodes: readonly TreeNode[]): Generator<TreeNode> {
  for (const n of nodes) {
    yield n;
    if (n.children) yield* walk(n.children);
  }
}

test('the guide has every scenario of the article, in order of the article\'s sections', () => {
  const tree = guideTree();
  const titles = tree.map((n) => n.label);
  for (const t of ["Some users can't sign in", "passwords of all users|no passwords sync", 'one user', 'single sign-on|SSO', 'initial sync', 'full password sync', 'Event ID']) {
    assert.ok(titles.some((x) => new RegExp(t, 'i').test(x)), `${t} in ${titles.join(' | ')}`);
  }
  const someUsers = tree.find((n) => /Some users/.test(n.label))!;
  assert.equal(someUsers.children!.filter((c) => /Scenario \d/.test(c.description ?? '')).length, 6);
  const allUsers = tree.find((n) => n.id === 'all-users')!;
  assert.equal(allUsers.children!.filter((c) => c.children !== undefined && c.icon === 'list').length, 4);
  const eventIds = tree.find((n) => /Event ID/i.test(n.label))!;
  const listed = [...walk([eventIds])].filter((n) => /^\d+ · /.test(n.label));
  assert.equal(listed.length, events.length, 'each catalogue entry is listed');
});

test('every guide step does something real: a knowledge-base link, a known script, or findings by known rules', () => {
  const ids = new Set<string>();
  let actions = 0;
  for (const n of walk(guideTree())) {
    assert.ok(!ids.has(n.id), `duplicate id ${n.id}`);
    ids.add(n.id);
    const a = n.action;
    if (!a) continue;
    actions++;
    if (a.kind === 'openLink') assert.ok(isKnowledgeBaseUrl(a.url), a.url);
    if (a.kind === 'generateScript') assert.ok(scripts.some((s) => s.id === a.script));
    if (a.kind === 'revealFindings') assert.ok(a.rules.every((r) => /^(event|timeline)\//.test(r)));
  }
  assert.ok(actions > 40);
});

test('findings tree: verdict on top, then severities, events with counts, occurrences that reveal their line', () => {
  const text = toCsv(rowsOf([...articleRows, articleRows[8], articleRows[8]]));
  const analysis = analyzeLogText(text);
  const tree = findingsTree([{ uri: 'file:///x.csv', name: 'x.csv', analysis }]);
  assert.match(tree[0].label, /^Broken/);
  assert.deepEqual(tree.slice(1).map((n) => n.label), ['Errors', 'Warnings', 'Information']);
  const warnings = tree.find((n) => n.label === 'Warnings')!;
  const failed = warnings.children!.find((c) => c.label === '657 · Password not synced')!;
  assert.equal(failed.description, '×3');
  const occurrence = failed.children![0];
  assert.equal(occurrence.description, 'CN=Viola Hanson,OU=Cloud Objects,DC=contoso,DC=local');
  assert.equal(occurrence.action?.kind, 'reveal');
  if (occurrence.action?.kind === 'reveal') assert.equal(text.split('\n')[occurrence.action.range.start.line].slice(occurrence.action.range.start.character, occurrence.action.range.end.character), '657');
  const timeline = [...walk(tree)].filter((n) => n.label === 'Domain keeps failing (timeline/persistent-domain-failure)');
  assert.equal(timeline.length, 1, 'timeline findings are listed too');
});

test('findings tree: several logs are grouped per file; ignored event IDs are left out; huge groups are capped', () => {
  const a = analyzeLogText(toCsv(rowsOf(articleRows)));
  const many = analyzeLogText(toCsv(rowsOf(Array.from({ length: MAX_OCCURRENCES + 20 }, () => articleRows[5]))));
  const tree = findingsTree([
    { uri: 'file:///a.csv', name: 'a.csv', analysis: a, ignoredEventIds: [611] },
    { uri: 'file:///b.csv', name: 'b.csv', analysis: many },
  ]);
  assert.deepEqual(tree.map((n) => n.label), ['a.csv', 'b.csv']);
  assert.ok(![...walk([tree[0]])].some((n) => /^611 · /.test(n.label)));
  const pings = [...walk([tree[1]])].find((n) => n.label.startsWith('654 · '))!;
  assert.equal(pings.children!.length, MAX_OCCURRENCES + 1);
  assert.match(pings.children![MAX_OCCURRENCES].label, /20 more/);
});

test('lazy findings tree: the same nodes without occurrences, each event\'s node answering for its own', () => {
  const logs: OpenLog[] = [
    { uri: 'file:///a.csv', name: 'a.csv', analysis: analyzeLogText(toCsv(rowsOf(articleRows))), ignoredEventIds: [611] },
    { uri: 'file:///b.csv', name: 'b.csv', analysis: analyzeLogText(toCsv(rowsOf(Array.from({ length: MAX_OCCURRENCES + 20 }, () => articleRows[5])))) },
  ];
  const full = findingsTree(logs);
  const lazy = findingsTree(logs, { lazy: true });
  const eventNodes = [...walk(full)].filter((n) => n.icon === 'event');
  assert.ok(eventNodes.length > 10);
  const lazyNodes = new Map([...walk(lazy)].map((n) => [n.id, n]));
  for (const node of eventNodes) {
    const { children, ...rest } = node;
    assert.deepEqual(lazyNodes.get(node.id), { ...rest, childrenOnRequest: true }, node.id);
    assert.deepEqual(runToEnd(occurrenceNodesSteps(logs, node.id)), children, node.id);
  }
  // Everything but the occurrences is the same.
  const withoutOccurrences = (nodes: TreeNode[]): unknown => nodes.map((n) => ({ ...n, childrenOnRequest: undefined, children: n.icon === 'event' ? undefined : n.children && withoutOccurrences(n.children) }));
  assert.deepEqual(withoutOccurrences(lazy), withoutOccurrences(full));
  // A node of an ignored event ID, of a log no longer open, or no node at all: nothing.
  for (const id of ['file:///a.csv#event/611-rpc-8439', 'file:///gone.csv#event/654-ping-end', 'file:///a.csv', 'nonsense']) assert.equal(runToEnd(occurrenceNodesSteps(logs, id)), null, id);
});
