/** The command-line host of the service: `adsync-doctor analyze|events`. Text or JSON out; exit codes are a contract. */
import { analyzeFile, type FileReading } from './service/analyzeFile';
import type { FileReport } from './service/files';
import { SEVERITY_ORDER, type Finding, type Severity } from './service/model';
import { encoded, JsonRecords, writePrettyJson } from './prettyJson';
import { reportHtml } from './service/report/html';
import { reportMarkdown } from './service/report/markdown';
import { counted } from './service/counts';

const USAGE = 'usage: adsync-doctor analyze [--json] [--fail-on error|warning|never] [--stream] FILE... | adsync-doctor events --json [--stream] FILE... | adsync-doctor report --format markdown|html [--stream] FILE...';

class UsageError extends Error {}

interface Args {
  command: 'analyze' | 'events' | 'report';
  json: boolean;
  failOn: 'error' | 'warning' | 'never';
  /** Read text exports in pieces whatever their size (FileReading.inPieces). */
  stream: boolean;
  reportFormat: 'markdown' | 'html' | null;
  files: string[];
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'analyze' && command !== 'events' && command !== 'report') throw new UsageError(USAGE);
  const args: Args = { command, json: false, failOn: 'never', stream: false, reportFormat: null, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') args.json = true;
    else if (a === '--stream') args.stream = true;
    else if (a === '--fail-on' || a.startsWith('--fail-on=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (value !== 'error' && value !== 'warning' && value !== 'never') throw new UsageError(`--fail-on takes error, warning or never; ${USAGE}`);
      args.failOn = value;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (value !== 'markdown' && value !== 'html') throw new UsageError(`--format takes markdown or html; ${USAGE}`);
      args.reportFormat = value;
    } else if (a === '--') {
      args.files.push(...rest.slice(i + 1));
      break;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}; ${USAGE}`);
    else args.files.push(a);
  }
  if (args.files.length === 0) throw new UsageError(`no FILE given; ${USAGE}`);
  if (args.command === 'events' && !args.json) throw new UsageError(`events needs --json; ${USAGE}`);
  if (args.command === 'report' && args.reportFormat === null) throw new UsageError(`report needs --format markdown or --format html; ${USAGE}`);
  return args;
}

function analyzeInput(path: string, reading: FileReading): FileReport {
  try {
    return analyzeFile(path, reading);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Findings in the CLI's JSON, each as JSON.stringify(…, null, 2) writes it, its members in their
 * contract order. A finding is written from few pieces, each encoded once: for each rule, the members
 * from eventId to the message's name (with the ID, source and severity it last came with); for each
 * remediation list, the members from there to the record's end. Only the line, the column and the
 * message are written for each finding.
 */
function findingsJson(findings: Finding[]): JsonRecords<Finding> {
  return new JsonRecords(findings, (pad) => {
    const at = `\n${pad}  `;
    const member = (name: string) => `,${at}"${name}": `;
    const line = encoded(`{${at}"line": `);
    const column = encoded(member('column'));
    const end = `\n${pad}}`;
    // Knowledge shares its lists, so identity finds repeats.
    const tail = kept((urls: readonly string[]) => encoded(`${member('remediation')}${JSON.stringify(urls, null, 2).replaceAll('\n', at)}${end}`));
    const byRule = new Map<string, RuleMembers>();
    const members = (f: Finding) => {
      let known = byRule.get(f.rule);
      if (known === undefined || known.eventId !== f.eventId || known.source !== f.source || known.severity !== f.severity) {
        const bytes = encoded(`${member('eventId')}${f.eventId}${member('source')}${JSON.stringify(f.source)}${member('rule')}${JSON.stringify(f.rule)}${member('severity')}${JSON.stringify(f.severity)}${member('message')}`);
        known = { eventId: f.eventId, source: f.source, severity: f.severity, bytes };
        byRule.set(f.rule, known);
      }
      return known.bytes;
    };
    return (f, out) => {
      out.bytes(line);
      out.count(f.range.start.line + 1);
      out.bytes(column);
      out.count(f.range.start.character + 1);
      out.bytes(members(f));
      out.string(f.message);
      out.bytes(tail(f.remediation));
    };
  });
}

/** The members a rule's findings were last written with (see findingsJson). */
interface RuleMembers {
  eventId: number | null;
  source: string | null;
  severity: string;
  /** The members from eventId to the message's name. */
  bytes: Uint8Array;
}

/** `make`, its answers kept by key for the next time while fewer than 1,024 are kept. */
function kept<K, V>(make: (key: K) => V): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = make(key);
      if (answers.size < 1024) answers.set(key, answer);
    }
    return answer;
  };
}

function errorsJson(report: FileReport): string[] {
  return report.errors.map((e) => e.message);
}

function eventsJson(report: FileReport) {
  return report.events.map((e) => ({
    ...(e.recordId !== undefined ? { recordId: e.recordId } : {}),
    eventId: e.eventId,
    source: e.source,
    level: e.level,
    time: e.time,
    message: e.message,
    line: e.range.start.line + 1,
    timeText: e.timeText,
  }));
}

/** Higher is more severe (`--fail-on warning` fails on a warning or an error). */
const rank = Object.fromEntries(SEVERITY_ORDER.map((s, i) => [s, SEVERITY_ORDER.length - 1 - i])) as Record<Severity, number>;

/** Catalogue findings in file order, then those over the whole log. */
function allFindings(report: FileReport): Finding[] {
  return [...report.findings, ...report.timeline];
}

function humanReport(path: string, report: FileReport): string {
  const findings = allFindings(report);
  const out = [`${path}  (${report.format}, ${counted(report.eventCount, 'event')}, ${counted(findings.length, 'finding')}${report.verdict ? `, ${report.verdict.status}` : ''})`];
  if (report.verdict?.scenario) out.push(`  verdict: ${report.verdict.summary.replace(/\s+/g, ' ')} — first step: ${report.verdict.scenario.firstStep}`);
  for (const e of report.errors) out.push(`  ! ${e.range.start.line + 1}:${e.range.start.character + 1}  ${e.message}`);
  if (findings.length === 0) out.push('  no password-sync events found');
  const rows = findings.map((f) => [`${f.range.start.line + 1}:${f.range.start.character + 1}`, f.severity, String(f.eventId ?? ''), f.rule, f.message]);
  // A loop, not Math.max(...lengths): a big log has more rows than a call can take arguments.
  const widths = [0, 0, 0, 0];
  for (const r of rows) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], r[i].length);
  for (const r of rows) out.push(`  ${r.slice(0, 4).map((c, i) => c.padEnd(widths[i])).join('  ')}  ${r[4]}`);
  return out.join('\n');
}

/** Runs a command. The exit code is set before the output is written: a reader that stops early (EPIPE) leaves it as decided. */
async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const files = args.files.map((path) => ({ path, report: analyzeInput(path, { keepAllEvents: args.command === 'events', inPieces: args.stream }) }));
  if (args.command === 'events') {
    const json = { version: 1, files: files.map(({ path, report }) => ({ path, format: report.format, eventCount: report.eventCount, events: eventsJson(report), errors: errorsJson(report) })) };
    await writePrettyJson(process.stdout, json);
    return;
  }
  if (args.command === 'report') {
    const logs = files.flatMap(({ path, report }) => (report.verdict ? [{ path, report: { ...report, verdict: report.verdict } }] : []));
    process.stdout.write(args.reportFormat === 'html' ? reportHtml(logs) : reportMarkdown(logs));
    return;
  }
  if (args.failOn !== 'never') {
    const threshold = rank[args.failOn];
    process.exitCode = files.some(({ report }) => allFindings(report).some((f) => rank[f.severity] >= threshold)) ? 1 : 0;
  }
  if (args.json) {
    const json = { version: 1, files: files.map(({ path, report }) => ({ path, format: report.format, eventCount: report.eventCount, findings: findingsJson(allFindings(report)), errors: errorsJson(report) })) };
    await writePrettyJson(process.stdout, json);
  } else {
    process.stdout.write(`${files.map(({ path, report }) => humanReport(path, report)).join('\n\n')}\n`);
  }
}

// A reader that stops early (`| head`) closes the pipe: that is not an error of ours, so leave quietly
// with the exit code already decided instead of dying on an unhandled EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit();
  process.stderr.write(`adsync-doctor: cannot write the output: ${error.message}\n`);
  process.exit(2);
});

main(process.argv.slice(2)).catch((error: unknown) => {
  const reason = error instanceof UsageError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`adsync-doctor: ${reason.replace(/\s+/g, ' ')}\n`);
  process.exitCode = 2;
});
