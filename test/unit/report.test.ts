import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { Parser } from 'htmlparser2';
import { analyzeBytes } from '../../server/src/service/files';
import { matchEvent } from '../../server/src/service/analysis/catalogue';
import { timelineFindings } from '../../server/src/service/analysis/timeline';
import { verdict } from '../../server/src/service/analysis/verdict';
import { isKnowledgeBaseUrl, links } from '../../server/src/service/knowledge/links';
import { summarizeFile, summarizeFileSteps, type ReportFile } from '../../server/src/service/report/index';
import { reportMarkdown } from '../../server/src/service/report/markdown';
import { reportHtml } from '../../server/src/service/report/html';
import { DAY_START, healthyDay, request, result, row, timedCsv, type TimedRow } from '../fixtures/healthyDay';
import { toCsv } from '../fixtures/exports';

const MINUTE = 60_000;
const at = (minutes: number) => DAY_START + minutes * MINUTE;
const byTime = (rows: TimedRow[]) => [...rows].sort((a, b) => a.at - b.at);

function reportFile(path: string, text: string): ReportFile {
  const report = analyzeBytes(Buffer.from(text));
  const matches = report.events.map(matchEvent);
  const timeline = timelineFindings(report.events, matches);
  return { path, report: { ...report, timeline, verdict: verdict(report.events, matches, [...report.findings, ...timeline]) } };
}

// A log with trouble: one user failing three times, a domain failing across cycles. The user is not
// one of the day's batches, whose later success would end the streak.
const viola = { dn: 'CN=Zoe Grant,OU=Staff,DC=contoso,DC=local', anchor: 'Wm9lR3JhbnQ=' };
const troubled = () => reportFile('C:\\logs\\aadconnect01-application.csv', timedCsv(byTime([
  ...healthyDay(),
  result(at(100), viola.dn, viola.anchor, 'Failed'),
  row(at(130), 0, `The following password changes failed to synchronized and have scheduled for retry.\r\n\r\nDN = ${viola.dn}`, 'Warning'),
  result(at(160), viola.dn, viola.anchor, 'Failed'),
  row(at(200), 611, 'Password synchronization failed for domain: fabrikam.com.\r\n\r\nRPC Error 8453: Replication access was denied.', 'Error'),
  row(at(235), 611, 'Password synchronization failed for domain: fabrikam.com.\r\n\r\nRPC Error 8453: Replication access was denied.', 'Error'),
])));

// Log text that tries to become a link, a command, HTML or script.
const evil = {
  dn: 'CN=[x](command:foo) <img src=x onerror=alert(1)> javascript:alert(1) `tick` ``two``,OU=Staff,DC=contoso,DC=local',
  anchor: 'ZXZpbA==',
  domain: '[x](command:foo)<img/src=x/onerror=alert(1)>',
  path: 'logs/<img src=x onerror=alert(1)>[x](command:foo)javascript:alert(1).csv',
  time: '<script>alert(1)</script> [x](javascript:alert(1))',
};
const hostile = (): ReportFile => {
  const rows = [
    { eventId: 656, source: 'Directory Synchronization', level: 'Information', time: '5/1/2013 1:00:00 AM', message: `Password Change Request - Anchor: ${evil.anchor}, Dn: ${evil.dn}, Change Date: 05/01/2013 16:34:08` },
    ...[2, 3, 4].map((h) => ({ eventId: 657, source: 'Directory Synchronization', level: 'Warning', time: `5/1/2013 ${h}:00:00 AM`, message: `Password Change Result - Anchor: ${evil.anchor}, Dn: ${evil.dn}, Result: Failed.` })),
    { eventId: 657, source: 'Directory Synchronization', level: 'Warning', time: evil.time, message: `Password Change Result - Anchor: ${evil.anchor}, Dn: ${evil.dn}, Result: Failed.` },
    ...[5, 6, 7].map((h) => ({ eventId: 611, source: 'Directory Synchronization', level: 'Error', time: `5/1/2013 ${h}:00:00 AM`, message: `Password synchronization failed for domain: ${evil.domain} [y](https://evil.example/)\r\n\r\nRPC Error 8453: <b>denied</b> javascript:alert(1)` })),
  ];
  return reportFile(evil.path, toCsv(rows));
};

test('the summary model counts events per catalogue entry and lists failing users', () => {
  const s = summarizeFile(troubled());
  assert.equal(s.verdict.status, 'broken');
  assert.equal(s.formatLabel, 'Event Viewer CSV');
  const failed = s.eventCounts.find((c) => c.rule === 'event/657-failed')!;
  assert.deepEqual([failed.eventId, failed.title, failed.count], [657, 'Password not synced', 2]);
  assert.equal(s.eventCounts.find((c) => c.rule === 'event/654-ping-end')!.count, 38);
  assert.deepEqual(s.eventCounts.map((c) => c.eventId), [...s.eventCounts.map((c) => c.eventId)].sort((a, b) => a - b));
  assert.equal(s.failingUsers.length, 1);
  assert.equal(s.failingUsers[0].name, viola.dn);
  assert.equal(s.failingUsers[0].failures, 3);
  assert.deepEqual(s.failingUsers[0].kinds, ['657 failed ×2', '0 retry ×1']);
  assert.deepEqual(s.timeline.map((f) => f.rule).sort(), ['timeline/persistent-domain-failure', 'timeline/repeated-user-failure']);
  assert.ok(s.links.length > 0 && s.links.every((l) => isKnowledgeBaseUrl(l.url) && l.title !== l.url));
});

test('Markdown report: verdict, scenario, timeline, event counts, failing users, links', () => {
  const md = reportMarkdown([troubled()]);
  assert.match(md, /^# ADSync Doctor report\n/);
  assert.match(md, /^## ` C:\\logs\\aadconnect01-application\.csv `$/m);
  assert.match(md, /^\*\*Broken\.\*\* 4 errors and 3 warnings in \d+ password sync events\. /m);
  assert.match(md, /Likely scenario: \*\*Password sync fails for a domain \(event 611\)\*\* — first step: /);
  assert.match(md, /- \*\*Error\*\* ` timeline\/persistent-domain-failure ` — Password sync for domain fabrikam\\\.com failed 2 times/);
  assert.match(md, /- \*\*Error\*\* ` timeline\/repeated-user-failure ` — /);
  assert.match(md, /^\| ID \| Event \| Level \| Count \|$/m);
  assert.match(md, /^\| 657 \| Password not synced \| Warning \| 2 \|$/m);
  assert.match(md, /^\| 611 \| Replication access denied \(RPC 8453\) \| Error \| 2 \|$/m);
  assert.ok(md.includes(`- \` ${viola.dn} \` — 3 failures (657 failed ×2, 0 retry ×1), last at \` `), md);
  assert.ok(md.includes(`[Configure the AD DS connector account permissions](${links.connectorAccount})`));
});

test('Markdown report of a healthy log and of several files', () => {
  const healthy = reportFile('healthy.csv', timedCsv(healthyDay()));
  const md = reportMarkdown([healthy, troubled()]);
  assert.match(md, /^\*\*Overall: Broken\*\* · 2 files$/m);
  assert.match(md, /^\*\*Healthy\.\*\* \d+ password sync events, /m);
  assert.match(md, /No timeline findings\./);
  assert.doesNotMatch(reportMarkdown([healthy]), /Users whose password did not sync/);
  assert.match(reportMarkdown([]), /No files were analysed\./);
});

test('the reports count as a reader reads them: thousands grouped, one of a kind singular', () => {
  // A day of 1,200 failures on one domain, and one user who failed once.
  const r611 = (m: number) => row(at(m), 611, 'Password synchronization failed for domain: fabrikam.com.\r\n\r\nRPC Error 8453: Replication access was denied.', 'Error');
  const file = reportFile('busy.csv', timedCsv([...Array.from({ length: 1200 }, (_, m) => r611(m)), result(at(1300), viola.dn, viola.anchor, 'Failed')]));
  const md = reportMarkdown([file]);
  assert.match(md, /^- Events: 1,201, of which 1,201 about password sync$/m);
  assert.match(md, /^- Findings: 1,201 errors, 2 warnings, 0 information$/m);
  assert.match(md, /^\| 611 \| Replication access denied \(RPC 8453\) \| Error \| 1,200 \|$/m);
  assert.ok(md.includes(`- \` ${viola.dn} \` — 1 failure (657 failed ×1)`), md);
  const html = reportHtml([file]);
  assert.ok(html.includes('<li>Findings: 1,201 errors, 2 warnings, 0 information</li>'));
  assert.ok(html.includes('<td class="n">1,200</td>'));
  // More timeline findings than the report lists: 1,100 change requests that never got a result.
  const requests = Array.from({ length: 1100 }, (_, i) => request(at(i), `CN=User ${i},OU=Staff,DC=contoso,DC=local`, `QUJD${i}==`));
  const many = reportFile('requests.csv', timedCsv([...requests, ...healthyDay().filter((r) => r.at > at(1200))]));
  assert.match(reportMarkdown([many]), /^- … and 1,\d{3} more$/m);
  assert.match(reportHtml([many]), /<li>… and 1,\d{3} more<\/li>/);
});

test('the report lists the timeline\'s errors before its warnings, which a big log has by the thousand', () => {
  // 60 change requests that never got a result (a warning each), then a domain failing three times (an error).
  const requests = Array.from({ length: 60 }, (_, i) => request(at(10 + i), `CN=User ${i},OU=Staff,DC=contoso,DC=local`, `QUJD${i}==`));
  const failures = [300, 330, 360].map((m) => row(at(m), 611, 'Password synchronization failed for domain: fabrikam.com.\r\n\r\nRPC Error 8453: Replication access was denied.', 'Error'));
  const file = reportFile('requests.csv', timedCsv(byTime([...healthyDay(), ...requests, ...failures])));
  const md = reportMarkdown([file]);
  const listed = md.slice(md.indexOf('### Timeline'), md.indexOf('### Events')).split('\n').filter((l) => l.startsWith('- **'));
  assert.match(listed[0], /^- \*\*Error\*\* ` timeline\/persistent-domain-failure ` — Password sync for domain fabrikam\\\.com failed 3 times/);
  assert.ok(listed.slice(1).every((l) => l.startsWith('- **Warning**')), listed.join('\n'));
  assert.match(md, /^- … and \d+ more$/m, 'more than the report lists');
  assert.ok(reportHtml([file]).indexOf('timeline/persistent-domain-failure') < reportHtml([file]).indexOf('timeline/request-without-result'));
});

test('HTML report: a standalone page with inline CSS, no script, the same content', () => {
  const html = reportHtml([troubled()]);
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
  assert.match(html, /<style>[\s\S]+<\/style>/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
  assert.doesNotMatch(html, /<script|<link|<img|src=/i);
  assert.match(html, /<span class="status broken">Broken<\/span>/);
  assert.match(html, /<tr><td class="n">657<\/td><td>Password not synced<\/td><td class="sev-warning">Warning<\/td><td class="n">2<\/td><\/tr>/);
  assert.ok(html.includes(`<li><code>${viola.dn}</code> — 3 failures (657 failed ×2, 0 retry ×1)`));
  assert.match(html, /<code>timeline\/persistent-domain-failure<\/code> — Password sync for domain fabrikam\.com failed 2 times/);
  assert.ok(html.includes(`<a href="${links.connectorAccount}" rel="noopener noreferrer">`));
  // Knowledge-base code spans (cmdlets) become <code>: one failing user leads to the one-user page.
  const one = reportFile('one.csv', timedCsv(byTime([...healthyDay(), result(at(45), viola.dn, viola.anchor, 'Failed')])));
  assert.equal(one.report.verdict.scenario?.id, 'one-user');
  assert.match(reportHtml([one]), /first step: Run <code>Invoke-ADSyncDiagnostics -PasswordSync<\/code> on the sync server/);
});

// ── Injection: log text never becomes a link, a tag, an attribute or a command ─────────────────

// Real renderers: markdown-it shows what a Markdown viewer makes of the report, htmlparser2 what a browser parses.
const allowedTags = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'section', 'h1', 'h2', 'h3', 'p', 'ul', 'li', 'strong', 'em', 'code', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'br']);

/** Every tag of an HTML text: only allowed names, no event-handler attributes, links only to the knowledge base. */
function checkTags(html: string): void {
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => tags.push({ name, attributes }) });
  parser.write(html);
  parser.end();
  assert.ok(tags.length > 0);
  for (const { name, attributes } of tags) {
    assert.ok(allowedTags.has(name), `unexpected <${name}>`);
    for (const [attribute, value] of Object.entries(attributes)) {
      assert.ok(!attribute.startsWith('on'), `event handler ${attribute}`);
      assert.doesNotMatch(value, /javascript:|command:/i);
    }
    if (name === 'a') assert.ok(isKnowledgeBaseUrl(attributes.href), `link to ${attributes.href}`);
  }
}

/** The Markdown with its code spans taken out (their content renders literally). */
function outsideCodeSpans(md: string): string {
  return md.replace(/(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, '');
}

test('Markdown report: hostile DNs, domains, times and paths stay text', () => {
  const file = hostile();
  const s = summarizeFile(file);
  assert.equal(s.failingUsers[0].name, evil.dn, 'the DN is read in full');
  assert.ok(file.report.timeline.some((f) => f.message.includes(evil.dn)), 'the timeline names it');
  const md = reportMarkdown([file]);

  const prose = outsideCodeSpans(md);
  assert.doesNotMatch(prose, /(?<!\\)<(?:img|script|b)\b/i, 'no raw HTML outside code spans');
  assert.doesNotMatch(prose, /(?<!\\)\[(?:x|y)\b/, 'no link text from the log outside code spans');
  // A renderer links a scheme only with its two slashes (or an e-mail's @): javascript: and command: stay words.
  assert.doesNotMatch(prose, /https?:\/\/evil|(?<!\\)@/i, 'no URL or address a renderer could linkify');
  // Every link target outside code spans is a knowledge-base URL.
  for (const m of prose.matchAll(/(?<!\\)\]\((\S+?)\)/g)) assert.ok(isKnowledgeBaseUrl(m[1]), m[1]);
  // A DN with backtick runs gets a longer fence and survives intact.
  assert.ok(md.includes(`\`\`\` ${evil.dn} \`\`\``), 'fence longer than the DN\'s backtick runs');

  const rendered = new MarkdownIt({ html: true, linkify: true }).render(md);
  checkTags(rendered);
  assert.ok(rendered.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the DN is shown as text');
});

test('HTML report: hostile DNs, domains, times and paths are escaped', () => {
  const html = reportHtml([hostile()]);
  checkTags(html);
  assert.doesNotMatch(html, /<img|<script|<b>/i);
  assert.ok(html.includes('<code>logs/&lt;img src=x onerror=alert(1)&gt;[x](command:foo)javascript:alert(1).csv</code>'));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the time text is escaped');
  assert.ok(html.includes('&lt;img/src=x/onerror=alert(1)&gt;'), 'the domain is escaped');
  assert.doesNotMatch(html, /href="(?!https:\/\/(learn\.microsoft\.com|github\.com\/microsoft\/idfix))/);
  // Quotes in log text cannot break out of anything either.
  const quoted = reportFile(`a"b'c.csv`, timedCsv([request(at(0), 'CN=O"Brien\'s,DC=x', 'cXVvdGU='), result(at(0), 'CN=O"Brien\'s,DC=x', 'cXVvdGU=', 'Failed')]));
  const page = reportHtml([quoted]);
  assert.ok(page.includes('a&quot;b&#39;c.csv'));
  assert.ok(page.includes('CN=O&quot;Brien&#39;s,DC=x'));
});

test('findings that are not about one event (a script rule) are listed, escaped', () => {
  const finding = {
    rule: 'script/policytype-invalid', severity: 'error' as const, message: 'Bad value <img src=x onerror=alert(1)> [x](command:foo)',
    range: { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } }, eventId: null, source: null, remediation: [links.adsyncCmdlets],
  };
  const file: ReportFile = {
    path: 'sync.ps1',
    report: { format: 'powershell-script', events: [], eventCount: 0, findings: [finding], errors: [], timeline: [], verdict: verdict([], [], [finding]), matches: [] },
  };
  const md = reportMarkdown([file]);
  assert.match(md, /^- \*\*Error\*\* ` script\/policytype-invalid ` \(line 5\) — Bad value \\<img src=x onerror=alert\(1\)\\> \\\[x\\\]\(command:foo\)$/m);
  assert.ok(md.includes(`[ADSync PowerShell reference](${links.adsyncCmdlets})`));
  const html = reportHtml([file]);
  checkTags(html);
  assert.ok(html.includes('(line 5) — Bad value &lt;img src=x onerror=alert(1)&gt; [x](command:foo)</li>'));
});

test("a month of a busy agent's log is summarized in steps, to the summary made in one go", () => {
  // Thirty days of the troubled log's rows, one after another: every 656 and 657 message is read.
  const days = Array.from({ length: 30 }, (_, d) => byTime([...healthyDay(DAY_START + d * 1440 * MINUTE), result(at(d * 1440 + 100), viola.dn, viola.anchor, 'Failed')]));
  const file = reportFile('month.csv', timedCsv(days.flat()));
  const steps = summarizeFileSteps(file);
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  assert.ok(pauses >= 6, `${pauses} pauses over ${file.report.events.length} events`);
  assert.deepEqual(step.value, summarizeFile(file));
  assert.equal(step.value.failingUsers[0].failures, 30);
});
