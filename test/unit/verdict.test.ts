import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { analyzeBytes } from '../../server/src/service/files';
import { matchEvent } from '../../server/src/service/analysis/catalogue';
import { timelineFindings, timelineRules } from '../../server/src/service/analysis/timeline';
import { verdict, type Verdict } from '../../server/src/service/analysis/verdict';
import { events as catalogue } from '../../server/src/service/knowledge/events';
import { isKnowledgeBaseUrl, links } from '../../server/src/service/knowledge/links';
import { allScenarios, findScenario, scenarios } from '../../server/src/service/knowledge/scenarios';
import { scripts } from '../../server/src/service/generators';
import { articleRows, otherProviders } from '../fixtures/messages';
import { DAY_START, batch, dayUsers, healthyDay, newestFirst, ping, result, row, timedCsv, timedXml, type TimedRow } from '../fixtures/healthyDay';

const MINUTE = 60_000;
const at = (minutes: number) => DAY_START + minutes * MINUTE;
const byTime = (rows: TimedRow[]) => [...rows].sort((a, b) => a.at - b.at);
const message = (name: string) => articleRows.find((r) => r.name === name)!;
const articleRow = (m: number, name: string): TimedRow => {
  const r = message(name);
  return row(at(m), r.eventId, r.message, r.level, r.source);
};

function judge(text: string): Verdict {
  const report = analyzeBytes(Buffer.from(text));
  const matches = report.events.map(matchEvent);
  return verdict(report.events, matches, [...report.findings, ...timelineFindings(report.events, matches)]);
}
const judgeRows = (rows: TimedRow[]) => judge(timedCsv(byTime(rows)));

test('a healthy day is healthy, in any shape and order, with no scenario', () => {
  for (const text of [timedCsv(healthyDay()), timedXml(newestFirst(healthyDay()))]) {
    const v = judge(text);
    assert.equal(v.status, 'healthy');
    assert.equal(v.scenario, null);
    assert.equal(v.counts.error, 0);
    assert.equal(v.counts.warning, 0);
    assert.ok(v.counts.information > 0);
    assert.match(v.summary, /^\d+ password sync events, \d+ pings and batches, \d+ passwords synced/);
  }
});

test('no password sync events: no data', () => {
  const v = judge(timedCsv(otherProviders.map((o, i) => row(at(i), o.eventId, o.message, 'Error', o.source))));
  assert.equal(v.status, 'no-data');
  assert.equal(v.scenario, null);
  assert.match(v.summary, /^None of the 5 events is /);
  assert.equal(judge('').status, 'no-data');
  const one = otherProviders[0];
  assert.match(judge(timedCsv([row(at(0), one.eventId, one.message, 'Error', one.source)])).summary, /^The one event read is not a password hash sync event /);
});

test('the summary counts as a reader reads them: one of a kind singular, thousands grouped', () => {
  const one = judgeRows([articleRow(0, '611 RPC 8439')]);
  assert.match(one.summary, /^1 error and 0 warnings in 1 password sync event\. /);
  assert.equal(judgeRows([ping(at(0))[0]]).summary, '1 password sync event, 1 ping or batch, 0 passwords synced, no warnings or errors.');
  const many = judgeRows(Array.from({ length: 1200 }, (_, m) => articleRow(m, '611 RPC 8439')));
  // Each 611 and the timeline's domain failure; the warning is the timeline's heartbeat gap (none in 20 h).
  assert.match(many.summary, /^1,201 errors and 1 warning in 1,200 password sync events\. Password sync for domain Contoso\.com failed 1,200 times /);
});

test('bad credentials point at credentials changed outside the wizard', () => {
  for (const name of ['0 bad credentials', '655 bad credentials', '6900 bad credentials (ADSync)']) {
    const v = judgeRows([...healthyDay(), articleRow(45, name)]);
    assert.equal(v.status, 'broken', name);
    assert.equal(v.scenario?.id, 'event-ids/credentials-changed', name);
    assert.equal(v.scenario?.title, 'Sync account credentials changed outside the wizard');
    assert.equal(v.scenario?.link, links.fimCredentials);
    assert.match(v.scenario!.firstStep, /wizard/);
  }
  // 115 is a warning in the article: degraded, same scenario.
  const denied = judgeRows([...healthyDay(), articleRow(45, '115')]);
  assert.equal(denied.status, 'degraded');
  assert.equal(denied.scenario?.id, 'event-ids/credentials-changed');
});

test('error code 90 points at "Password sync is not enabled"', () => {
  for (const name of ['652 code 90', '655 code 90', '6900 code 90 (FIMSynchronizationService)']) {
    const v = judgeRows([...healthyDay(), articleRow(45, name)]);
    assert.equal(v.status, 'broken');
    assert.equal(v.scenario?.id, 'all-users/phs-disabled', name);
    assert.equal(v.scenario?.title, 'Password sync is not enabled');
    assert.ok(isKnowledgeBaseUrl(v.scenario!.link));
  }
});

test('no full sync (613 with batches) points at the full-sync condition', () => {
  const v = judgeRows([
    row(at(0), 613, 'Password synchronization is paused until a full synchronization completes.', 'Warning'),
    ...batch(at(10)),
    ...ping(at(40)),
  ]);
  assert.equal(v.status, 'degraded');
  assert.equal(v.scenario?.id, 'all-users/full-sync-not-completed');
  assert.equal(v.scenario?.title, "A full directory sync hasn't completed");
  assert.match(v.summary, /no full password sync completed/);
});

test('611 replication errors point at the domain failure; known fixed faults at upgrading', () => {
  const failure = (m: number, rpc: number) => row(at(m), 611, `Password synchronization failed for domain: fabrikam.com.\r\n\r\nRPC Error ${rpc}: Replication access was denied.`, 'Error');
  const v = judgeRows([...healthyDay(), failure(100, 8453), failure(140, 8453)]);
  assert.equal(v.status, 'broken');
  assert.equal(v.scenario?.id, 'event-ids/domain-sync-failed');
  assert.match(v.summary, /fabrikam\.com failed 2 times/, 'the timeline finding leads the summary');

  const old = judgeRows([...healthyDay(), articleRow(100, '611 RPC 8593')]);
  assert.equal(old.scenario?.id, 'event-ids/fixed-by-upgrade');
  assert.equal(old.scenario?.link, links.installRoadmap);
});

test('a heartbeat gap points at "directory sync runs but no passwords sync"', () => {
  const rows = healthyDay().filter((r) => r.at <= at(300) + 1000 || r.at >= at(600));
  const v = judgeRows(rows);
  assert.equal(v.status, 'degraded');
  assert.equal(v.scenario?.id, 'all-users');
  assert.equal(v.scenario?.title, findScenario('all-users')!.title);
  assert.match(v.summary, /No password sync heartbeat/);
});

test('657 failures: one user → the one-user page, several → "Some users can\'t sign in"', () => {
  const [viola, eli] = dayUsers;
  const one = judgeRows([...healthyDay(), result(at(45), viola.dn, viola.anchor, 'Failed')]);
  assert.equal(one.status, 'degraded');
  assert.equal(one.scenario?.id, 'one-user');
  assert.ok(one.summary.includes(viola.dn), one.summary);

  const several = judgeRows([...healthyDay(), result(at(45), viola.dn, viola.anchor, 'Failed'), result(at(46), eli.dn, eli.anchor, 'Failed')]);
  assert.equal(several.scenario?.id, 'some-users');
  assert.equal(several.scenario?.title, "Some users can't sign in");
});

test('the most fundamental cause wins: bad credentials over user failures and gaps', () => {
  const [viola, eli] = dayUsers;
  const v = judgeRows([
    ...healthyDay().filter((r) => r.at <= at(300) || r.at >= at(600)),
    result(at(45), viola.dn, viola.anchor, 'Failed'),
    result(at(46), eli.dn, eli.anchor, 'Failed'),
    articleRow(400, '0 bad credentials'),
  ]);
  assert.equal(v.status, 'broken');
  assert.equal(v.scenario?.id, 'event-ids/credentials-changed');
  assert.ok(v.counts.error >= 1 && v.counts.warning >= 3);
});

test('other errors fall back on the event explanations', () => {
  const v = judgeRows([...healthyDay(), row(at(45), 607, 'Password synchronization manager cannot start.', 'Error')]);
  assert.equal(v.status, 'broken');
  assert.equal(v.scenario?.id, 'event-ids');
});

test('the guide holds every scenario of the article as a tree', () => {
  const ids = scenarios.map((s) => s.id);
  assert.deepEqual(ids, ['before-you-start', 'some-users', 'all-users', 'one-user', 'sso-to-password-sync', 'initial-sync', 'full-password-sync', 'event-ids']);
  assert.equal(findScenario('some-users')!.children!.length, 6, 'Scenarios 1–6');
  assert.deepEqual(findScenario('some-users')!.children!.map((c) => c.articleRef.replace(/.*— /, '')), ['Scenario 1', 'Scenario 2', 'Scenario 3', 'Scenario 4', 'Scenario 5', 'Scenario 6']);
  assert.equal(findScenario('all-users')!.children!.length, 4, 'the four conditions');
  assert.ok(findScenario('event-ids')!.catalogue);
});

test('every guide node is complete, links only to the knowledge base and names real rules and scripts', () => {
  const seen = new Set<string>();
  const ruleIds = new Set([...catalogue.map((e) => e.rule), ...timelineRules.map((r) => r.id)]);
  const scriptIds = new Set(scripts.map((s) => s.id));
  for (const node of allScenarios()) {
    assert.ok(!seen.has(node.id), `duplicate ${node.id}`);
    seen.add(node.id);
    assert.ok(node.title && node.summary && node.articleRef, node.id);
    assert.ok(node.steps.length > 0, `${node.id} has steps`);
    assert.ok(node.links.length > 0 && node.links.every((u) => u.startsWith('https://') && isKnowledgeBaseUrl(u)), node.id);
    if (node.script) assert.ok(scriptIds.has(node.script), `${node.id}: unknown script ${node.script}`);
    for (const rule of node.rules ?? []) assert.ok(ruleIds.has(rule), `${node.id}: unknown rule ${rule}`);
    for (const child of node.children ?? []) assert.ok(child.id.startsWith(`${node.id}/`), child.id);
  }
});

test('the guide is in the project\'s own words: no sentence copied from the article', async () => {
  // The article lives in ../shared beside the repository (CI has it too).
  const article = (await readFile(new URL('../../../shared/reference/troubleshoot-pwd-sync.md', import.meta.url), 'utf8')).toLowerCase();
  for (const node of allScenarios()) {
    for (const text of [node.summary, ...node.steps]) {
      // Eight words in a row taken over verbatim would be copying.
      const words = text.toLowerCase().split(/\s+/);
      for (let i = 0; i + 8 <= words.length; i++) {
        const run = words.slice(i, i + 8).join(' ');
        assert.ok(!article.includes(run), `${node.id}: "${run}"`);
      }
    }
  }
});
