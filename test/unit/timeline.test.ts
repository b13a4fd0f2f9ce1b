import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBytes, type FileReport } from '../../server/src/service/files';
import { matchEvent } from '../../server/src/service/analysis/catalogue';
import { timelineFindings, timelineRules, timelineSteps } from '../../server/src/service/analysis/timeline';
import { REPEATED_FAILURE_THRESHOLD } from '../../server/src/service/analysis/timeline/repeatedUserFailure';
import { isKnowledgeBaseUrl } from '../../server/src/service/knowledge/links';
import type { Finding, LogEvent } from '../../server/src/service/model';
import {
  DAY_START, batch, csvTime, dayUsers, healthyDay, newestFirst, ping, request, result, row, timedCsv, timedTxt, timedXml, type TimedRow,
} from '../fixtures/healthyDay';
import { utf16le } from '../fixtures/exports';

const MINUTE = 60_000;
const at = (minutes: number) => DAY_START + minutes * MINUTE;
const byTime = (rows: TimedRow[]) => [...rows].sort((a, b) => a.at - b.at);

const shapes: Record<string, (rows: TimedRow[]) => Buffer> = {
  'CSV': (rows) => Buffer.from(timedCsv(rows)),
  'CSV, newest first': (rows) => Buffer.from(timedCsv(newestFirst(rows))),
  'TXT (UTF-16 LE), newest first': (rows) => utf16le(timedTxt(newestFirst(rows))),
  'XML': (rows) => Buffer.from(timedXml(rows)),
  'XML, newest first': (rows) => Buffer.from(timedXml(newestFirst(rows), { oneLine: false, quote: '"', rendering: true })),
};

function analyse(bytes: Buffer): { report: FileReport; findings: Finding[] } {
  const report = analyzeBytes(bytes);
  assert.deepEqual(report.errors, []);
  const findings = timelineFindings(report.events, report.events.map(matchEvent));
  // The analysis of a file reads the users while it reads the events' fields; alone, the timeline reads them itself.
  assert.deepEqual(report.timeline, findings, 'the same timeline either way');
  return { report, findings };
}

/** Every timeline finding keeps the Finding contract. */
function checkContract(report: FileReport, findings: readonly Finding[]): void {
  for (const f of findings) {
    assert.match(f.rule, /^timeline\/[a-z-]+$/);
    assert.doesNotMatch(f.message, /[\r\n]/, 'one line');
    assert.ok(f.remediation.length > 0 && f.remediation.every(isKnowledgeBaseUrl), `${f.rule} links only to the knowledge base`);
    assert.ok(f.eventIndex !== undefined);
    const event = report.events[f.eventIndex];
    assert.deepEqual(f.range, event.idRange);
    assert.equal(f.eventId, event.eventId);
    assert.equal(f.source, event.source);
  }
}

test('the registry holds the five rules under their public ids', () => {
  assert.deepEqual(timelineRules.map((r) => r.id).sort(), [
    'timeline/heartbeat-gap', 'timeline/no-full-sync', 'timeline/persistent-domain-failure', 'timeline/repeated-user-failure', 'timeline/request-without-result',
  ]);
});

for (const [shape, write] of Object.entries(shapes)) {
  test(`a healthy 24-hour log is silent (${shape})`, () => {
    const rows = healthyDay();
    assert.ok(rows[rows.length - 1].at - rows[0].at >= 24 * 60 * MINUTE);
    const { report, findings } = analyse(write(rows));
    assert.equal(report.events.length, rows.length);
    assert.deepEqual(findings, []);
  });

  test(`heartbeat-gap: three silent hours between pings, with from and to (${shape})`, () => {
    // Drop every cycle from 06:00 to 09:00; the last beat before the gap is the 654 of 05:30.
    const rows = healthyDay().filter((r) => r.source !== 'Directory Synchronization' || r.at <= at(330) + 1000 || r.at >= at(540));
    const { report, findings } = analyse(write(rows));
    checkContract(report, findings);
    assert.deepEqual(findings.map((f) => f.rule), ['timeline/heartbeat-gap']);
    const [gap] = findings;
    assert.equal(gap.severity, 'warning');
    assert.equal(gap.eventId, 654);
    const from = report.events[gap.eventIndex!].timeText!;
    assert.ok(gap.message.includes(`from ${from} to `), gap.message);
    assert.match(gap.message, /3 h 30 min/);
    assert.ok(from.includes(shape.startsWith('XML') ? '05:30:09' : csvTime(at(330) + 1000)), from);
  });

  test(`request-without-result names the DN; 656 near the end of the log is left alone (${shape})`, () => {
    const lost = { dn: 'CN=Lost User,OU=Staff,DC=contoso,DC=local', anchor: 'TG9zdFVzZXI=' };
    const late = { dn: 'CN=Late User,OU=Staff,DC=contoso,DC=local', anchor: 'TGF0ZVVzZXI=' };
    const day = healthyDay();
    const end = day[day.length - 1].at;
    const rows = byTime([
      ...day,
      row(at(600), 650, 'Provision credentials batch start. Count: 1'),
      request(at(600), lost.dn, lost.anchor),
      row(at(600), 651, 'Provision credentials batch end. Count: 1'),
      request(end - 2 * MINUTE, late.dn, late.anchor), // the export was taken before its result
    ]);
    const { report, findings } = analyse(write(rows));
    checkContract(report, findings);
    assert.deepEqual(findings.map((f) => f.rule), ['timeline/request-without-result']);
    assert.equal(findings[0].eventId, 656);
    assert.ok(findings[0].message.includes(lost.dn), findings[0].message);
    assert.ok(findings[0].message.includes(lost.anchor));
    assert.ok(!findings[0].message.includes(late.dn));
  });

  test(`repeated-user-failure: the same DN fails three times (${shape})`, () => {
    // Users outside the day's batches: a later success would end the streak.
    const viola = { dn: 'CN=Zoe Grant,OU=Staff,DC=contoso,DC=local', anchor: 'Wm9lR3JhbnQ=' };
    const eli = { dn: 'CN=Yuri Olsen,OU=Staff,DC=contoso,DC=local', anchor: 'WXVyaU9sc2Vu' };
    const rows = byTime([
      ...healthyDay(),
      result(at(100), viola.dn, viola.anchor, 'Failed'),
      row(at(130), 0, `The following password changes failed to synchronized and have scheduled for retry.\r\n\r\nDN = ${viola.dn}`, 'Warning'),
      result(at(160), viola.dn, viola.anchor, 'Failed'),
      // Eli fails twice only: below the threshold.
      result(at(100), eli.dn, eli.anchor, 'Failed'),
      result(at(160), eli.dn, eli.anchor, 'Failed'),
    ]);
    const { report, findings } = analyse(write(rows));
    checkContract(report, findings);
    assert.deepEqual(findings.map((f) => f.rule), ['timeline/repeated-user-failure']);
    const [f] = findings;
    assert.equal(f.severity, 'error');
    assert.ok(f.message.includes(viola.dn), f.message);
    assert.match(f.message, /3 times/);
    assert.match(f.message, /657 failed ×2, 0 retry ×1/);
    assert.equal(f.eventId, 657, 'on the last failure');
    assert.ok(report.events[f.eventIndex!].timeText!.includes(shape.startsWith('XML') ? '02:40:08' : csvTime(at(160))));
  });

  test(`persistent-domain-failure: 611 for one domain in two cycles (${shape})`, () => {
    const failure = (m: number, domain: string, rpc: number) =>
      row(at(m), 611, `Password synchronization failed for domain: ${domain}.\r\n\r\nMicrosoft.Online.PasswordSynchronization.DirectoryReplicationServices.DrsException: RPC Error ${rpc}: Replication access was denied.`, 'Error');
    const rows = byTime([
      ...healthyDay(),
      failure(200, 'fabrikam.com', 8453),
      failure(235, 'fabrikam.com', 8453),
      // Another domain, twice within five minutes: one hiccup, not persistent.
      failure(300, 'tailspin.com', 8456),
      failure(305, 'tailspin.com', 8456),
    ]);
    const { report, findings } = analyse(write(rows));
    checkContract(report, findings);
    assert.deepEqual(findings.map((f) => f.rule), ['timeline/persistent-domain-failure']);
    const [f] = findings;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /domain fabrikam\.com failed 2 times/);
    assert.match(f.message, /RPC Error 8453/);
    assert.ok(f.remediation[0].includes('ad-ds-connector-account'), 'the 8453 article first');
  });

  test(`no-full-sync: batches, a 613 and no 622/623 (${shape})`, () => {
    const rows = [
      row(at(0), 613, 'Password synchronization is paused until a full synchronization completes for domain: contoso.local.', 'Warning'),
      ...batch(at(10)),
      ...ping(at(40)),
      ...batch(at(70)),
    ];
    const { report, findings } = analyse(write(rows));
    checkContract(report, findings);
    assert.deepEqual(findings.map((f) => f.rule), ['timeline/no-full-sync']);
    assert.equal(findings[0].severity, 'warning');
    assert.equal(findings[0].eventId, 613);
    assert.match(findings[0].message, /contoso\.local/);
    assert.match(findings[0].message, /no 622\/623/);
  });
}

test('heartbeat-gap: a log whose password sync events simply end is no gap', () => {
  const rows = [
    ...ping(at(0)),
    ...ping(at(30)),
    // Only other providers afterwards, for hours.
    row(at(200), 1000, 'Service started.', 'Information', 'MSSQLSERVER'),
    row(at(400), 1000, 'Service started.', 'Information', 'MSSQLSERVER'),
  ];
  assert.deepEqual(analyse(Buffer.from(timedCsv(rows))).findings, []);
});

test('heartbeat-gap: failing pings (655) do not count as a heartbeat', () => {
  const failedPing = (m: number) => row(at(m), 655, 'The user name or password is incorrect. Verify your user name, and then type your password again.', 'Error');
  const rows = [...ping(at(0)), failedPing(30), failedPing(60), failedPing(90)];
  const { report, findings } = analyse(Buffer.from(timedCsv(rows)));
  checkContract(report, findings);
  assert.deepEqual(findings.map((f) => f.rule), ['timeline/heartbeat-gap']);
  assert.equal(findings[0].eventId, 654, 'on the last heartbeat before the silence');
});

test('a gap just within 30 minutes plus tolerance is not flagged', () => {
  const rows = [...ping(at(0)), ...ping(at(39))];
  assert.deepEqual(analyse(Buffer.from(timedCsv(rows))).findings, []);
  const late = [...ping(at(0)), ...ping(at(42))];
  assert.deepEqual(analyse(Buffer.from(timedCsv(late))).findings.map((f) => f.rule), ['timeline/heartbeat-gap']);
});

test('request-without-result pairs by DN when anchors differ (the article sample) and by anchor when the DN is missing', () => {
  const rows = [
    request(at(0), 'CN=Viola Hanson,OU=Cloud Objects,DC=contoso,DC=local', 'H552hI9GwEykZwosf74JeOQ=='),
    result(at(0), 'CN=Viola Hanson,OU=Cloud Objects,DC=contoso,DC=local', 'eX5b50Rf+UizRIMe2CA/tg=='),
    request(at(1), 'CN=Eli McLean,OU=Cloud Objects,DC=contoso,DC=local', 'B0H+OD3LM0GEnYODwdPhpg=='),
    row(at(1), 657, 'Password Change Result - Anchor: B0H+OD3LM0GEnYODwdPhpg==, Result: failed, Extended Error: ', 'Warning'),
    ...ping(at(30)),
  ];
  assert.deepEqual(analyse(Buffer.from(timedCsv(rows))).findings, []);
});

test('a DN is the same user whatever its case and its spaces around "," and "=", non-ASCII letters included', () => {
  const spellings = [
    ['CN=Zoë Ünal,OU=Staff,DC=contoso,DC=local', 'cn=zoë ünal , ou = staff,dc=CONTOSO,DC=local'],
    ['CN=Ada Park,OU=Staff,DC=contoso,DC=local', ' cn=ada park,OU=STAFF, DC=Contoso ,DC=local '],
  ];
  // Each request is answered, by DN only (the anchors differ), by a result spelling the DN another way.
  const answered = spellings.flatMap(([asked, answer], i) => [request(at(i), asked, `YXNrZWQ${i}`), result(at(i), answer, `YW5zd2Vy${i}`)]);
  assert.deepEqual(analyse(Buffer.from(timedCsv([...answered, ...ping(at(30))]))).findings, []);
  // A different DN is a different user: this request stays unanswered.
  const other = [request(at(0), 'CN=Zoe Unal,OU=Staff,DC=contoso,DC=local', 'b3RoZXI='), result(at(0), spellings[0][1], 'YW5zd2Vy')];
  assert.deepEqual(analyse(Buffer.from(timedCsv([...other, ...ping(at(30))]))).findings.map((f) => f.rule), ['timeline/request-without-result']);
  // Failures of one user spelt three ways are one streak.
  const failures = [spellings[1][0], spellings[1][1], spellings[1][0].toUpperCase()].map((dn, i) => result(at(i * 30), dn, `ZmFpbA${i}`, 'Failed'));
  const pings = [0, 30, 60, 90].flatMap((m) => ping(at(m) + 2000));
  const { findings } = analyse(Buffer.from(timedCsv(byTime([...failures, ...pings]))));
  assert.deepEqual(findings.map((f) => f.rule), ['timeline/repeated-user-failure']);
  assert.ok(findings[0].message.includes(`${spellings[1][0]} failed to sync 3 times`), findings[0].message);
});

test('a result logged before its request (same second, newest-first export) still pairs', () => {
  const [viola] = dayUsers;
  const rows = [...batch(at(0), [viola]), ...ping(at(30))];
  // Reverse the file but keep equal times: ordering must follow the file's direction, not its raw order.
  assert.deepEqual(analyse(Buffer.from(timedCsv(newestFirst(rows)))).findings, []);
  assert.deepEqual(analyse(Buffer.from(timedXml(newestFirst(rows)))).findings, []);
});

test('repeated-user-failure resets when the user succeeds; extended errors are named through the anchor', () => {
  const [viola] = dayUsers;
  const ext = (m: number) => row(at(m), 657, `Password Change Result - Anchor: ${viola.anchor}, Result: failed, Extended Error: `, 'Warning');
  const pings = [0, 30, 60, 90].flatMap((m) => ping(at(m) + 2000));
  const recovered = byTime([...pings, request(at(0), viola.dn, viola.anchor), result(at(0), viola.dn, viola.anchor, 'Failed'), ext(30), ext(60), result(at(90), viola.dn, viola.anchor)]);
  assert.deepEqual(analyse(Buffer.from(timedCsv(recovered))).findings, []);
  const stuck = byTime([...pings, request(at(0), viola.dn, viola.anchor), ext(30), ext(60), ext(90)]);
  const { findings } = analyse(Buffer.from(timedCsv(stuck)));
  assert.deepEqual(findings.map((f) => f.rule), ['timeline/repeated-user-failure']);
  assert.ok(findings[0].message.includes(viola.dn), findings[0].message);
  assert.match(findings[0].message, /657 extended error ×3/);
  assert.equal(REPEATED_FAILURE_THRESHOLD, 3);
});

test('persistent-domain-failure: three 611 in a row count even within minutes; domains are not merged', () => {
  const failure = (m: number, domain: string) => row(at(m), 611, `Password synchronization failed for domain: ${domain}.\r\n\r\nSystem.ArgumentException: An item with the same key has already been added.`, 'Error');
  const rows = [failure(0, 'Contoso.com'), failure(1, 'contoso.com'), failure(2, 'CONTOSO.COM'), failure(3, 'fabrikam.com')];
  const { report, findings } = analyse(Buffer.from(timedCsv(rows)));
  checkContract(report, findings);
  assert.deepEqual(findings.map((f) => f.rule), ['timeline/persistent-domain-failure']);
  assert.match(findings[0].message, /domain Contoso\.com failed 3 times/);
  assert.match(findings[0].message, /System\.ArgumentException/);
  assert.equal(findings[0].eventIndex, 2, 'on the last failure');
});

test('no-full-sync stays silent with a 622, or without 613/611, or without batches', () => {
  const paused = row(at(0), 613, 'Password synchronization is paused until a full synchronization completes.', 'Warning');
  const full = row(at(5), 622, 'Full password hash synchronization completed for domain: contoso.local');
  const rules = (rows: TimedRow[]) => analyse(Buffer.from(timedCsv(rows))).findings.map((f) => f.rule);
  assert.deepEqual(rules([paused, full, ...batch(at(10))]), []);
  assert.deepEqual(rules([...batch(at(10)), ...ping(at(40))]), []);
  assert.deepEqual(rules([paused, ...ping(at(10))]), []);
  // A 611 instead of the 613 also counts (and names the domain).
  const failed = row(at(0), 611, 'Password synchronization failed for domain: contoso.local.\r\n\r\nRPC Error 8439: The distinguished name specified for this replication operation is invalid.', 'Error');
  const { findings } = analyse(Buffer.from(timedCsv([failed, ...batch(at(10))])));
  assert.deepEqual(findings.map((f) => f.rule), ['timeline/no-full-sync']);
  assert.equal(findings[0].eventId, 611);
  assert.match(findings[0].message, /contoso\.local/);
});

test('undated events keep file order: a 656 answered later in the file is paired; an unanswered one is flagged once a new cycle began', () => {
  const event = (eventId: number, message: string, line: number): LogEvent => ({
    eventId, source: 'Directory Synchronization', level: 'information', levelText: null, timeText: null, time: null, sortTime: null, message,
    range: { start: { line, character: 0 }, end: { line, character: 10 } },
    idRange: { start: { line, character: 0 }, end: { line, character: 3 } },
  });
  const [viola, eli] = dayUsers;
  const events = [
    event(650, 'Provision credentials batch start. Count: 2', 0),
    event(656, `Password Change Request - Anchor: ${viola.anchor}, Dn: ${viola.dn}, Change Date: 05/01/2013 16:34:08`, 1),
    event(656, `Password Change Request - Anchor: ${eli.anchor}, Dn: ${eli.dn}, Change Date: 05/01/2013 16:34:08`, 2),
    event(657, `Password Change Result - Anchor: ${viola.anchor}, Dn: ${viola.dn}, Result: Success.`, 3),
    event(651, 'Provision credentials batch end. Count: 2', 4),
  ];
  const run = (list: LogEvent[]) => timelineFindings(list, list.map(matchEvent));
  // Without times, the log's end is unknown: silent until a later cycle proves the batch is over.
  assert.deepEqual(run(events), []);
  const findings = run([...events, event(653, 'Provision credentials ping start.', 5), event(654, 'Provision credentials ping end.', 6)]);
  assert.deepEqual(findings.map((f) => f.rule), ['timeline/request-without-result']);
  assert.equal(findings[0].eventIndex, 2);
  assert.ok(findings[0].message.includes(eli.dn));
  assert.match(findings[0].message, /event 3 of the file/);
});

test('several users in one 656 message are tracked one by one', () => {
  const [viola, eli, ada] = dayUsers;
  const many = row(at(0), 656, [viola, eli, ada].map((u) => `Password Change Request - Anchor: ${u.anchor}, Dn: ${u.dn}, Change Date: 05/01/2013 16:34:08`).join('\r\n'));
  const rows = [many, result(at(0), viola.dn, viola.anchor), ...ping(at(30))];
  const { findings } = analyse(Buffer.from(timedCsv(rows)));
  assert.deepEqual(findings.map((f) => f.rule), ['timeline/request-without-result']);
  assert.ok(findings[0].message.includes(eli.dn) && findings[0].message.includes(ada.dn));
  assert.ok(!findings[0].message.includes(viola.dn));
});

test('rows exported in no time order are put in time order', () => {
  // Every row at its own time, so the order of the file cannot matter (rows sharing a second keep the file's order).
  const failure = (m: number) => row(at(m), 611, 'Password synchronization failed for domain: fabrikam.com.\r\n\r\nRPC Error 8453: Replication access was denied.', 'Error');
  const rows = byTime([
    ...[0, 30, 60, 240, 270].flatMap((m) => ping(at(m))),
    failure(61), failure(100), failure(130),
    request(at(250), 'CN=Lost User,OU=Staff,DC=contoso,DC=local', 'TG9zdFVzZXI='),
  ]);
  // A fixed shuffle: 5 is prime to the row count, so every row lands once.
  assert.notEqual(rows.length % 5, 0);
  const shuffled = rows.map((_, i) => rows[(i * 5) % rows.length]);
  const summary = (findings: Finding[]) => findings.map((f) => [f.rule, f.eventId, f.message]);
  const inOrder = analyse(Buffer.from(timedCsv(rows))).findings;
  assert.deepEqual(summary(inOrder).map(([rule]) => rule), ['timeline/heartbeat-gap', 'timeline/request-without-result', 'timeline/persistent-domain-failure']);
  assert.deepEqual(summary(analyse(Buffer.from(timedCsv(shuffled))).findings), summary(inOrder));
});

test('timelineSteps pauses while it works and ends with what timelineFindings returns', () => {
  // A week, its second day with a silent afternoon: long enough for many pauses, and one finding.
  const rows = [0, 1, 2, 3, 4, 5, 6].flatMap((d) => healthyDay(DAY_START + d * 24 * 60 * MINUTE))
    .filter((r) => r.source !== 'Directory Synchronization' || r.at < at(24 * 60 + 720) || r.at > at(24 * 60 + 900));
  const { report } = analyse(Buffer.from(timedCsv(rows)));
  const matches = report.events.map(matchEvent);
  const steps = timelineSteps(report.events, matches);
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  assert.ok(pauses > 5, `${pauses} pauses`);
  assert.deepEqual(step.value.map((f) => f.rule), ['timeline/heartbeat-gap']);
  assert.deepEqual(step.value, timelineFindings(report.events, matches));
});

test('the timeline says how far it has come: once its events are gathered, and as each rule is done', () => {
  const report = analyzeBytes(Buffer.from(timedCsv(healthyDay())));
  const told: number[] = [];
  const steps = timelineSteps(report.events, report.events.map(matchEvent));
  for (let r = steps.next(); !r.done; r = steps.next()) if (typeof r.value === 'number') told.push(r.value);
  // An equal share each, told when done: 1/6, 2/6, ... 1 for five rules.
  assert.deepEqual(told.map((f) => Math.round(f * (timelineRules.length + 1))), Array.from({ length: timelineRules.length + 1 }, (_, i) => i + 1));
});
