import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBytes } from '../../server/src/service/files';
import { events } from '../../server/src/service/knowledge/events';
import { isKnowledgeBaseUrl } from '../../server/src/service/knowledge/links';
import { articleRows, liveVariants, otherProviders } from '../fixtures/messages';
import { rowsOf, toCsv, toTxt, toXml, utf16le } from '../fixtures/exports';

const shapes = {
  'CSV (UTF-8 with BOM)': (rows: ReturnType<typeof rowsOf>) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv(rows))]),
  'CSV (UTF-16 LE)': (rows: ReturnType<typeof rowsOf>) => utf16le(toCsv(rows)),
  'TXT (UTF-16 LE, tab-delimited)': (rows: ReturnType<typeof rowsOf>) => utf16le(toTxt(rows)),
  'XML (one line)': (rows: ReturnType<typeof rowsOf>) => Buffer.from(toXml(rows, { oneLine: true })),
  'XML (pretty, double quotes, rendered)': (rows: ReturnType<typeof rowsOf>) => Buffer.from(toXml(rows, { oneLine: false, quote: '"', rendering: true })),
  'XML (wevtutil, no root)': (rows: ReturnType<typeof rowsOf>) => Buffer.from(toXml(rows, { root: false })),
};

test('the article has 23 message rows across its three tables (19 distinct rows of the issue, some with two IDs)', () => {
  assert.equal(articleRows.length, 23);
});

for (const [shape, write] of Object.entries(shapes)) {
  test(`every article row and live variant is recognised in ${shape}`, () => {
    const cases = [...articleRows, ...liveVariants];
    const report = analyzeBytes(write(rowsOf(cases)));
    assert.deepEqual(report.errors, []);
    assert.equal(report.events.length, cases.length);
    assert.equal(report.findings.length, cases.length, 'one finding per event');
    report.findings.forEach((f, i) => {
      assert.equal(f.rule, cases[i].rule, cases[i].name);
      assert.equal(f.severity, cases[i].severity, cases[i].name);
      assert.equal(f.eventId, cases[i].eventId, cases[i].name);
      assert.equal(f.source, cases[i].source, cases[i].name);
      assert.ok(f.remediation.length > 0 && f.remediation.every(isKnowledgeBaseUrl), cases[i].name);
      assert.doesNotMatch(f.message, /[\r\n]/, 'one line');
    });
  });

  test(`the same IDs from other providers are never flagged in ${shape}`, () => {
    const rows = otherProviders.map((o) => ({ ...o, level: 'Error' }));
    const report = analyzeBytes(write(rows));
    assert.equal(report.events.length, rows.length);
    assert.deepEqual(report.findings, []);
  });
}

test('findings name their subject: the DN, the domain', () => {
  const report = analyzeBytes(Buffer.from(toCsv(rowsOf(articleRows))));
  const failed = report.findings.find((f) => f.rule === 'event/657-failed')!;
  assert.match(failed.message, /CN=Viola Hanson,OU=Cloud Objects,DC=contoso,DC=local/);
  const rpc = report.findings.find((f) => f.rule === 'event/611-rpc-8439')!;
  assert.match(rpc.message, /domain Contoso\.com/);
});

test('every catalogue entry is complete and links only to https URLs of the knowledge base', () => {
  const rules = new Set<string>();
  for (const e of events) {
    assert.ok(!rules.has(e.rule), `duplicate rule ${e.rule}`);
    rules.add(e.rule);
    assert.match(e.rule, /^event\/\d+(-[a-z0-9-]+)?$/);
    assert.ok(e.title && e.meaning && e.cause, e.rule);
    assert.ok(e.remediation.length > 0 && e.remediation.every((u) => u.startsWith('https://') && isKnowledgeBaseUrl(u)), e.rule);
    if (e.severity !== 'information') assert.ok(e.fix.length > 0, `${e.rule} needs fix steps`);
  }
});
