/** The built CLI: its JSON is a contract, and so are its exit codes. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { articleRows, liveVariants, otherProviders } from '../fixtures/messages';
import { rowsOf, toCsv, toXml, utf16le, type Row } from '../fixtures/exports';
import { hostileInputs } from '../fixtures/hostile';
import { evtxSamples } from '../fixtures/samples';
import { sampleChunks, writeEvtx } from '../../bench/lib/evtxGen';
import { SAMPLES } from '../fixtures/formatSamples';
import { levelFromNumber } from '../../server/src/service/formats/eventViewerXml';

const cli = path.resolve(__dirname, '../../dist/cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'adsync-cli-'));
// Some files here are tens of megabytes: left behind, every run added them to the machine's /tmp.
after(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 << 20 });

/** The CLI's JSON is written in pieces, findings from a template: the text must still be exactly what JSON.stringify(…, null, 2) writes. */
function parsedJson(stdout: string) {
  const json = JSON.parse(stdout);
  assert.equal(stdout, `${JSON.stringify(json, null, 2)}\n`);
  return json;
}

const csv = path.join(dir, 'export.csv');
writeFileSync(csv, utf16le(toCsv(rowsOf(articleRows))));
const xml = path.join(dir, 'export.xml');
writeFileSync(xml, toXml(rowsOf(articleRows.slice(0, 3)), { oneLine: true }));

test('analyze --json keeps the contract: envelope, 1-based positions, rules, severities, remediation', () => {
  const r = run('analyze', '--json', csv, xml);
  assert.equal(r.status, 0, r.stderr);
  const json = parsedJson(r.stdout);
  assert.equal(json.version, 1);
  assert.equal(json.files.length, 2);
  const [first, second] = json.files;
  assert.deepEqual(Object.keys(first), ['path', 'format', 'eventCount', 'findings', 'errors']);
  assert.equal(first.path, csv);
  assert.equal(first.format, 'event-viewer-csv');
  assert.equal(first.eventCount, articleRows.length);
  assert.equal(first.findings.filter((f: { rule: string }) => f.rule.startsWith('event/')).length, articleRows.length);
  // Timeline findings follow the per-event ones: the four 611s of Contoso.com are one persistent failure.
  assert.deepEqual(first.findings.slice(articleRows.length).map((f: { rule: string }) => f.rule), ['timeline/persistent-domain-failure']);
  const f611 = first.findings.find((f: { rule: string }) => f.rule === 'event/611-rpc-8439');
  assert.deepEqual(Object.keys(f611), ['line', 'column', 'eventId', 'source', 'rule', 'severity', 'message', 'remediation']);
  assert.equal(f611.eventId, 611);
  assert.equal(f611.source, 'Directory Synchronization');
  assert.equal(f611.severity, 'error');
  // Line 1 is the header; the 611 is the 14th data row, and the 0-retry row before it spans three lines.
  assert.equal(f611.line, 17);
  assert.equal(f611.column, 'Error,5/1/2013 4:13:08 PM,Directory Synchronization,'.length + 1);
  assert.equal(second.format, 'event-viewer-xml');
  assert.equal(second.findings[0].line, 1);
});

test('analyze --json: a name from the log with a quote, a backslash, a control character and non-ASCII reaches the message as JSON.stringify writes it', () => {
  const dn = 'CN=O"Brien\\, Pat\u00d7\u0001\u007fX,OU=Cloud Objects,DC=contoso,DC=local';
  const file = path.join(dir, 'awkward-names.csv');
  const message = `Password Change Request - Anchor: H552hI9GwEykZwosf74JeOQ==, Dn: ${dn}, Change Date: 05/01/2013 16:34:08`;
  writeFileSync(file, utf16le(toCsv([{ eventId: 656, source: 'Directory Synchronization', level: 'Information', message }])));
  const r = run('analyze', '--json', file);
  assert.equal(r.status, 0, r.stderr);
  const [finding] = parsedJson(r.stdout).files[0].findings;
  assert.equal(finding.rule, 'event/656-change-request');
  assert.ok(finding.message.includes(dn), finding.message);
});

test('analyze --json says for each finding what the human table and its event say: the same place, rule, message, source and ID, however rules, sources and messages alternate', () => {
  // Findings are written from pieces kept per rule and per message; the human table is made without them.
  const sixNineHundred = rowsOf(articleRows.filter((r) => r.eventId === 6900))[0];
  const rows: Row[] = rowsOf(articleRows).flatMap((row, k) => [
    row,
    { eventId: 656, source: 'Directory Synchronization', level: 'Information', message: `Password Change Request - Anchor: H552hI9GwEykZwosf74JeOQ==, Dn: CN=User ${k}${k === 3 ? '\ud800' : ''},OU=Cloud Objects,DC=contoso,DC=local, Change Date: 05/01/2013 16:34:08` },
    { ...sixNineHundred, source: k % 2 ? 'ADSync' : 'FIMSynchronizationService' },
    { ...sixNineHundred, source: k % 3 ? 'adsync' : 'ADSync' },
  ]);
  const file = path.join(dir, 'alternating.csv');
  writeFileSync(file, utf16le(toCsv(rows)));
  const json = run('analyze', '--json', file);
  const human = run('analyze', file);
  assert.equal(json.status, 0, json.stderr);
  const { findings } = parsedJson(json.stdout).files[0];
  const table = human.stdout.split('\n').filter((l) => /^ {2}\d+:\d+ /.test(l));
  // Every finding here is placed on an event's ID: its source and ID are that event's.
  const events = new Map<number, { source: string; eventId: number }>(JSON.parse(run('events', '--json', file).stdout).files[0].events.map((e: { line: number; source: string; eventId: number }) => [e.line, e]));
  assert.equal(findings.length, table.length);
  assert.ok(new Set(findings.map((f: { source: string }) => f.source)).size >= 4, 'sources alternate');
  findings.forEach((f: { line: number; column: number; eventId: number; source: string; severity: string; rule: string; message: string }, i: number) => {
    const row = table[i];
    assert.ok(row.startsWith(`  ${f.line}:${f.column} `) && row.includes(` ${f.severity} `) && row.includes(` ${f.rule} `) && row.endsWith(`  ${f.message}`), `finding ${i}: ${JSON.stringify(f)} vs ${row}`);
    assert.equal(f.source, events.get(f.line)?.source, `finding ${i}'s source`);
    assert.equal(f.eventId, events.get(f.line)?.eventId, `finding ${i}'s event ID`);
  });
});

test('events --json lists every event read, all providers, with ISO time when the export states it', () => {
  const r = run('events', '--json', xml);
  assert.equal(r.status, 0, r.stderr);
  const [file] = JSON.parse(r.stdout).files;
  assert.equal(file.eventCount, 3);
  assert.deepEqual(file.events[0], {
    recordId: 1000, eventId: 622, source: 'Directory Synchronization', level: 'information',
    time: '2013-05-01T16:00:08.000000000Z', message: articleRows[0].message, line: 1, timeText: '2013-05-01T16:00:08.000000000Z',
  });
});

test('--fail-on: 1 when met, 0 otherwise; the human table names rule and message', () => {
  assert.equal(run('analyze', '--fail-on', 'error', csv).status, 1);
  assert.equal(run('analyze', '--fail-on', 'warning', xml).status, 0);
  const human = run('analyze', csv);
  assert.equal(human.status, 0);
  assert.match(human.stdout, /event\/611-rpc-8439 +A domain controller/);
});

test('the human table of a log with 200,000 findings is written whole (more rows than a call takes arguments)', () => {
  const many = path.join(dir, 'many.csv');
  writeFileSync(many, toCsv(rowsOf(Array.from({ length: Math.ceil(200_000 / articleRows.length) }, () => articleRows).flat())));
  const r = run('analyze', many);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  const count = Number(/, ([\d,]+) findings/.exec(r.stdout)?.[1].replace(/,/g, ''));
  assert.ok(count >= 200_000, `findings in the heading: ${count}`);
  assert.equal(r.stdout.trimEnd().split('\n').filter((l) => /^ {2}\d+:\d+ {2}/.test(l)).length, count);
});

// A quadratic scan in the XML reader took minutes on these. `run` kills the CLI after 60 s, so that
// fails here; the reader called in this process could not be stopped (a test's timeout waits for
// synchronous code).
test('hostile XML is read whole in bounded time: floods of skipped events, "&" and "<Data"', () => {
  const cases: [string, string, (file: { eventCount: number; events: { eventId: number; message: string }[]; errors: string[] }) => void][] = [
    ['400,000 events without <System> on one line', `<Events>${'<Event></Event>'.repeat(400_000)}`, (file) => {
      assert.equal(file.eventCount, 0);
      assert.equal(file.errors.length, 201);
      assert.equal(file.errors[200], '399,800 more parts of the file could not be read (the last on line 1).');
    }],
    ['300,000 "&" without ";"', `<Event><System><EventID>1</EventID></System><EventData><Data>${'&'.repeat(300_000)}</Data></EventData></Event>`, (file) => {
      assert.deepEqual(file.events.map((e) => [e.eventId, e.message]), [[1, '&'.repeat(300_000)]]);
    }],
    // Each "<Data " is read as an empty Data of its own; the message joins the 300,001 strings.
    ['300,000 "<Data" in one self-closing tag', `<Event><System><EventID>1</EventID></System><EventData><Data a='${'<Data '.repeat(300_000)}'/></EventData></Event>`, (file) => {
      assert.deepEqual(file.events.map((e) => [e.eventId, e.message]), [[1, '\n'.repeat(300_000)]]);
    }],
  ];
  for (const [name, xml, check] of cases) {
    const file = path.join(dir, 'hostile.xml');
    writeFileSync(file, xml);
    const r = run('events', '--json', file);
    assert.equal(r.status, 0, `${name}: ${r.error?.message ?? r.stderr}`);
    check(JSON.parse(r.stdout).files[0]);
  }
});

// Text past the longest string Node holds (0x1fffffe8 characters): sparse after its head, so 512 MB
// of NULs take no disk. The head keeps it from looking like UTF-16.
function sparseExport(name: string, head: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, head);
  truncateSync(file, 0x1fffffe8 + 4096);
  return file;
}

test('a text export longer than a string can hold, of a shape read whole: exit 2 with a reason and a way out', () => {
  const huge = sparseExport('huge-table.txt', SAMPLES['powershell-format-table']);
  try {
    const r = run('analyze', '--json', huge);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `adsync-doctor: cannot read ${huge}: too large to read as text (${0x1fffffe8 + 4096} bytes; this shape of export is read whole, up to about 512 MB): save the log as .evtx or as Event Viewer CSV, TXT or XML, which are read in pieces at any size, or export a shorter time range\n`);
  } finally {
    rmSync(huge);
  }
});

test('a CSV longer than a string can hold whose rows stop: exit 2 naming where', () => {
  const huge = sparseExport('huge-junk.csv', `Level,Date and Time,Source,Event ID,Task Category\r\n${'Information,5/1/2013 4:34:08 PM,Directory Synchronization,654,None,Ping\r\n'.repeat(8)}`);
  try {
    const r = run('analyze', '--json', huge);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `adsync-doctor: cannot read ${huge}: no event starts within 64 M characters after line 9\n`);
  } finally {
    rmSync(huge);
  }
});

/** A CSV of `blocks` blocks of rows, past the longest string Node holds when `blocks` is big enough. */
function writeCsv(name: string, block: string, blocks: number): string {
  const file = path.join(dir, name);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, 'Level,Date and Time,Source,Event ID,Task Category\r\n');
    const bytes = Buffer.from(block);
    for (let k = 0; k < blocks; k++) writeSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
  return file;
}

const PING = 'Information,5/1/2013 4:34:08 PM,Directory Synchronization,654,None,Provision credentials ping end.\r\n';

test('a CSV longer than a string can hold is read in pieces: every event counted, findings on the right lines', () => {
  // Blocks of 1,000 one-line rows: a ping of the sync agent, then 999 rows of another provider.
  const block = PING + 'Information,5/1/2013 4:34:08 PM,MSSQLSERVER,115,None,Access denied.\r\n'.repeat(999);
  const blocks = Math.ceil(0x1fffffe8 / block.length);
  const huge = writeCsv('huge.csv', block, blocks);
  try {
    const r = spawnSync(process.execPath, [cli, 'analyze', '--json', huge], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 << 20 });
    assert.equal(r.status, 0, r.error?.message ?? r.stderr);
    const [file] = JSON.parse(r.stdout).files;
    assert.equal(file.format, 'event-viewer-csv');
    assert.equal(file.eventCount, blocks * 1000);
    assert.deepEqual(file.errors, []);
    const pings = file.findings.filter((f: { rule: string }) => f.rule.startsWith('event/654'));
    assert.equal(pings.length, blocks);
    // The header is line 1; block k's ping is row k × 1,000 + 1, on line k × 1,000 + 2.
    assert.deepEqual(pings.map((f: { line: number }) => f.line), Array.from({ length: blocks }, (_, k) => k * 1000 + 2));
    assert.ok(pings.every((f: { column: number }) => f.column === 'Information,5/1/2013 4:34:08 PM,Directory Synchronization,'.length + 1));
  } finally {
    rmSync(huge);
  }
});

test('read in pieces, more password-sync events than the heap can analyse: exit 2 with a reason, not an out-of-memory crash', () => {
  const huge = writeCsv('huge-pings.csv', PING.repeat(1000), Math.ceil(0x1fffffe8 / (PING.length * 1000)));
  try {
    // A 256 MB heap, so the limit comes soon; the default one is reached the same way on a bigger log.
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', cli, 'analyze', '--json', huge], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(r.status, 2, r.error?.message ?? r.stderr);
    assert.match(r.stderr, /^adsync-doctor: cannot read .*huge-pings\.csv: reading stopped at line \d+ with [\d,]+ password-sync events kept of the [\d,]+ read, and [\d,]+ MB of the [\d,]+ MB Node may use here in use: too many to analyse them together: export a shorter time range, or give Node more memory with NODE_OPTIONS=--max-old-space-size=MB\n$/);
    // Counts are grouped by thousands, as everywhere else (millions of events here).
    const [, kept, read] = /with ([\d,]+) password-sync events kept of the ([\d,]+) read/.exec(r.stderr)!;
    for (const n of [kept, read]) assert.match(n, /^\d{1,3}(,\d{3})+$/);
  } finally {
    rmSync(huge);
  }
});

test('--stream reads any text export in pieces and says what the whole read says, in every command', () => {
  // Three pieces of 8 M characters: every catalogue message, live variants and other providers' events, a name beyond Latin-1.
  const cases: Row[] = [...rowsOf([...articleRows, ...liveVariants]), ...otherProviders.map((o) => ({ ...o, level: 'Error' }))];
  const rows = Array.from({ length: 2_800 }, () => cases).flat().map((r, i) => (i % 997 === 0 ? { ...r, message: r.message.replace('Anchor', 'Anchor Łukasz') } : r));
  const big = path.join(dir, 'three-pieces.csv');
  writeFileSync(big, toCsv(rows));
  const shapes = Object.entries(SAMPLES).map(([id, text]) => {
    const file = path.join(dir, `stream-${id}.txt`);
    writeFileSync(file, text);
    return file;
  });
  const same = (args: string[], files: string[]) => {
    const whole = run(...args, ...files);
    const streamed = run(...args, '--stream', ...files);
    assert.equal(whole.status, 0, whole.stderr);
    assert.equal(streamed.status, 0, streamed.stderr);
    assert.ok(streamed.stdout === whole.stdout, `${args.join(' ')} --stream`);
    return streamed.stdout;
  };
  const json = JSON.parse(same(['analyze', '--json'], [big]));
  assert.equal(json.files[0].eventCount, rows.length);
  assert.ok(json.files[0].findings.length > rows.length / 2);
  // Format-Table and message-only shapes are read whole all the same.
  for (const args of [['analyze', '--json'], ['events', '--json'], ['report', '--format', 'markdown'], ['analyze']]) same(args, [csv, xml, ...shapes]);
});

test('--stream reads even a small export in pieces: in a small heap it stops with the read in pieces\' reason', () => {
  const pings = writeCsv('stream-pings.csv', PING.repeat(1000), 300);
  // The whole read has no such stop: with --stream the reason comes from the read in pieces.
  const r = spawnSync(process.execPath, ['--max-old-space-size=128', cli, 'analyze', '--json', '--stream', pings], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 2, r.error?.message ?? r.stderr);
  assert.match(r.stderr, /^adsync-doctor: cannot read .*stream-pings\.csv: reading stopped at line \d+ with [\d,]+ password-sync events kept of the [\d,]+ read/);
  const fine = run('analyze', '--json', '--stream', pings);
  assert.equal(fine.status, 0, fine.stderr);
  assert.equal(JSON.parse(fine.stdout).files[0].eventCount, 300_000);
});

test('an .evtx over 64 MiB, streamed, with more password-sync events than the heap can analyse: exit 2 with a reason', () => {
  // The Directory Synchronization sample's chunk 1,040 times over: 31,200 records, most of them kept.
  const sample = evtxSamples().find((s) => s.name.startsWith('adsync-phs'))!;
  const big = path.join(dir, 'sync.evtx');
  writeEvtx(big, sampleChunks(sample.file), 1040);
  try {
    const r = spawnSync(process.execPath, ['--max-old-space-size=32', cli, 'analyze', '--json', big], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 2, r.error?.message ?? r.stderr);
    assert.match(r.stderr, /^adsync-doctor: cannot read .*sync\.evtx: reading stopped at record \d+ with [\d,]+ password-sync events kept of the [\d,]+ read, and [\d,]+ MB of the [\d,]+ MB Node may use here in use: too many to analyse them together: export a shorter time range, or give Node more memory with NODE_OPTIONS=--max-old-space-size=MB\n$/);
    // With the default heap the same file is analysed.
    const whole = run('analyze', '--json', big);
    assert.equal(whole.status, 0, whole.stderr);
    assert.equal(JSON.parse(whole.stdout).files[0].eventCount, 31_200);
  } finally {
    rmSync(big);
  }
});

test('bad usage and unreadable input: exit 2 with one line on stderr', () => {
  for (const args of [[], ['analyze'], ['analyze', '--fail-on', 'sometimes', csv], ['events', csv], ['frobnicate', csv], ['analyze', path.join(dir, 'missing.csv')], ['analyze', dir]]) {
    const r = run(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^adsync-doctor: /);
  }
});


test('the CLI bundle carries none of the language server\'s transport: loading it cost every run ~25 ms before reading a byte', () => {
  const bundled = new Set(readFileSync(cli, 'utf8').match(/node_modules\/[\w@.-]+/g));
  assert.deepEqual([...bundled].filter((m) => /vscode-(jsonrpc|languageserver(-protocol)?$)/.test(m)), []);
});
for (const input of hostileInputs) {
  test(`hostile file: exit 0 with JSON — ${input.name}`, () => {
    const file = path.join(dir, `hostile-${hostileInputs.indexOf(input)}.csv`);
    writeFileSync(file, input.bytes());
    const r = run('analyze', '--json', file);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(parsedJson(r.stdout).files[0].path, file);
  });
}

for (const sample of evtxSamples()) {
  test(`events --json on the real ${sample.name} matches its truth file (recordId, eventId, provider, level, time)`, () => {
    const r = run('events', '--json', sample.file);
    assert.equal(r.status, 0, r.stderr);
    const [file] = JSON.parse(r.stdout).files;
    assert.equal(file.format, 'evtx');
    const byRecord = new Map<number, { eventId: number; source: string; level: string; time: string }>(file.events.map((e: { recordId: number }) => [e.recordId, e]));
    const readable = sample.truth.filter((t) => !t.error);
    assert.ok(readable.length > 0);
    for (const t of readable) {
      const e = byRecord.get(t.recordId);
      assert.ok(e, `record ${t.recordId} is listed`);
      assert.equal(e.eventId, t.eventId, `record ${t.recordId}`);
      assert.equal(e.source, t.provider, `record ${t.recordId}`);
      assert.equal(e.level, levelFromNumber(t.level), `record ${t.recordId}`);
      // python-evtx writes "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC; compare to the second.
      assert.equal(e.time.slice(0, 19), t.timeCreated.replace(' ', 'T').slice(0, 19), `record ${t.recordId}`);
    }
    // Records python-evtx could not render are still read by ours (dns_log_malformed).
    assert.ok(file.eventCount >= readable.length);
  });
}

test('a reader that stops early (| head) ends the CLI quietly, without a stack trace, with the exit code --fail-on decided', async () => {
  // Far more output than a pipe holds, so the CLI is still writing when the reader goes away.
  const big = path.join(dir, 'big.csv');
  writeFileSync(big, utf16le(toCsv(rowsOf(Array.from({ length: 200 }, () => articleRows).flat()))));
  for (const [args, expected] of [[[], 0], [['--fail-on', 'error'], 1]] as const) {
    const child = spawn(process.execPath, [cli, 'analyze', '--json', ...args, big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '', args.join(' '));
    assert.equal(code, expected, args.join(' '));
  }
});

test('a slow reader gets the whole JSON, exactly, while the CLI waits for it to read on', async () => {
  const big = path.join(dir, 'big-slow.csv');
  writeFileSync(big, utf16le(toCsv(rowsOf(Array.from({ length: 200 }, () => articleRows).flat()))));
  const child = spawn(process.execPath, [cli, 'analyze', '--json', big], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Reads a little, then nothing for a while, as a busy `| jq` would.
  const chunks: Buffer[] = [];
  child.stdout.pause();
  const reading = (async () => {
    for await (const chunk of child.stdout) {
      chunks.push(chunk as Buffer);
      if (chunks.length % 16 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  await reading;
  assert.equal(stderr, '');
  assert.equal(code, 0);
  const json = parsedJson(Buffer.concat(chunks).toString('utf8'));
  assert.ok(json.files[0].findings.length > 1000, `${json.files[0].findings.length} findings`);
});
