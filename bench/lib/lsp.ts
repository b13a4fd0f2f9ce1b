/**
 * The language-server measurements: spawn the bundled server with --stdio and speak real JSON-RPC
 * to it (vscode-languageserver-protocol, as test/lsp/client.ts does), as an editor would.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Message,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { FindingsChangedNotification, FindingsTreeRequest } from '../../server/src/protocol';
import { percentile } from './measure';
import { prng } from './textGen';
import type { Window } from './profile';

const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** A race's time limit. Unref'd: the limits of races already won (up to the 120 s typing box) kept the bench alive minutes after it wrote its results. */
const timeLimit = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

interface DiagnosticsSeen {
  uri: string;
  version: number | undefined;
  count: number;
  atUs: number;
}

/**
 * The client's JSON decoding, except that big answers (the outline and the findings tree of a big log)
 * are not decoded: the bench only needs to know they arrived, and decoding ~2 MB took this client
 * ~7 ms, which delayed the hover answers behind them and was counted against the server. An editor
 * does that decoding in its own process; `decodeMs` measures it, for the report.
 */
export class Skimmer {
  static readonly BYTES = 256 * 1024;
  readonly name = 'application/json';
  /** Big answers skimmed so far, and the last one's body. */
  count = 0;
  private last: Buffer | undefined;

  decode(body: Uint8Array, options: { charset: BufferEncoding }): Promise<Message> {
    const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    // vscode-jsonrpc writes an answer's members in this order: {"jsonrpc":"2.0","id":N,"result":…}
    const head = bytes.byteLength > Skimmer.BYTES ? /^\{"jsonrpc":"2\.0","id":(\d+),"result":/.exec(bytes.toString('latin1', 0, 64)) : null;
    if (!head) return Promise.resolve(JSON.parse(bytes.toString(options.charset)) as Message);
    this.count++;
    this.last = bytes;
    return Promise.resolve({ jsonrpc: '2.0', id: Number(head[1]), result: { skimmedBytes: bytes.byteLength } } as Message);
  }

  /** What decoding the last big answer costs this client (median of 5), and its size. */
  decodeMs(): { ms: number; bytes: number } | null {
    const last = this.last;
    if (!last) return null;
    const runs = Array.from({ length: 5 }, () => {
      const t = process.hrtime.bigint();
      JSON.parse(last.toString('utf8'));
      return Number(process.hrtime.bigint() - t) / 1e6;
    });
    return { ms: runs.sort((a, b) => a - b)[2], bytes: last.byteLength };
  }
}

export class BenchClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  private readonly seen: DiagnosticsSeen[] = [];
  /** findingsChanged notifications: the server has analysed that version (and published its diagnostics if they changed). */
  private readonly analysedSeen: DiagnosticsSeen[] = [];
  /** Called on each findingsChanged notification (as the sidebar refreshes on it). */
  onAnalysed: ((uri: string) => void) | undefined;
  private readonly waiters: (() => void)[] = [];
  private exited = false;
  readonly skimmer = new Skimmer();
  stderr = '';

  /** `settings`: the adsyncDoctor section this client answers configuration requests with (none: the server's defaults). */
  constructor(serverJs: string, nodeArgs: string[] = [], private readonly settings?: Record<string, unknown>, serverArgs: string[] = []) {
    this.process = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio', ...serverArgs], { stdio: 'pipe' });
    this.process.stderr.on('data', (d: Buffer) => {
      if (this.stderr.length < 20000) this.stderr += d.toString();
    });
    this.process.on('exit', () => {
      this.exited = true;
      this.waiters.splice(0).forEach((w) => w());
    });
    const reader = new StreamMessageReader(this.process.stdout, { charset: 'utf-8', contentTypeDecoder: this.skimmer });
    this.connection = createProtocolConnection(reader, new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.seen.push({ uri: p.uri, version: p.version, count: p.diagnostics.length, atUs: nowUs() });
      this.waiters.splice(0).forEach((w) => w());
    });
    this.connection.onNotification(FindingsChangedNotification.type, (p) => {
      if (p.version !== undefined) this.analysedSeen.push({ uri: p.uri, version: p.version, count: 0, atUs: nowUs() });
      this.onAnalysed?.(p.uri);
      this.waiters.splice(0).forEach((w) => w());
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings ?? null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  get pid(): number {
    return this.process.pid!;
  }

  async initialize(): Promise<void> {
    const capabilities = this.settings ? { workspace: { configuration: true } } : {};
    await this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'adsync-log', version: 1, text } });
  }

  /** Opens `text` and waits for its first diagnostics (the server has taken it in); throws with the server's stderr when none come in time. */
  async openAndWait(uri: string, text: string, what: string): Promise<{ t0: number; seen: DiagnosticsSeen }> {
    const t0 = nowUs();
    await this.open(uri, text);
    const seen = await this.diagnostics(uri, t0, 1);
    if (!seen) throw new Error(`no diagnostics for ${what} within the time box; server stderr: ${this.stderr.slice(0, 2000)}`);
    return { t0, seen };
  }

  async insert(uri: string, version: number, line: number, character: number, text: string): Promise<void> {
    const at = { line, character };
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text }] });
  }

  /** Round trip of one hover request in milliseconds, and whether it had content. */
  async hover(uri: string, line: number, character: number): Promise<{ ms: number; hit: boolean }> {
    const t = process.hrtime.bigint();
    const r = await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, hit: r !== null };
  }

  /** The first diagnostics for `uri` (at `version`, when given) published after `sinceUs`; null on timeout. */
  diagnostics(uri: string, sinceUs: number, version?: number, timeoutMs = 120_000): Promise<DiagnosticsSeen | null> {
    return this.first(this.seen, uri, sinceUs, version, timeoutMs);
  }

  /** When the server said it had analysed `version` of `uri` (after `sinceUs`); null on timeout. */
  analysed(uri: string, sinceUs: number, version: number, timeoutMs = 120_000): Promise<DiagnosticsSeen | null> {
    return this.first(this.analysedSeen, uri, sinceUs, version, timeoutMs);
  }

  /** Whether diagnostics of `version` of `uri` were published. */
  published(uri: string, version: number): boolean {
    return this.seen.some((s) => s.uri === uri && s.version === version);
  }

  private async first(list: DiagnosticsSeen[], uri: string, sinceUs: number, version: number | undefined, timeoutMs: number): Promise<DiagnosticsSeen | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const d = list.find((s) => s.uri === uri && s.atUs >= sinceUs && (version === undefined || s.version === version));
      if (d) return d;
      if (this.exited || Date.now() > deadline) return null;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** VmHWM (peak RSS) and VmRSS of the server process, in bytes. */
  memory(): { peak: number; rss: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { peak: kb('VmHWM'), rss: kb('VmRSS') };
  }

  /** User + system CPU seconds the server has used so far (/proc/PID/stat, in clock ticks of 1/100 s). */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5) (utime, stime) are the 12th and 13th after "pid (comm)".
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** Polite shutdown (so --cpu-prof writes its profile); killed when it does not exit in time. */
  async shutdown(timeoutMs = 30_000): Promise<void> {
    const exited = new Promise<void>((r) => (this.exited ? r() : this.process.once('exit', () => r())));
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), timeLimit(timeoutMs)]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // a dead server cannot be shut down politely
    }
    await Promise.race([exited, timeLimit(timeoutMs)]);
    this.connection.dispose();
    if (!this.exited) this.process.kill('SIGKILL');
  }
}

export interface OpenResult {
  /** didOpen sent → first publishDiagnostics received, seconds. */
  seconds: number;
  /** CPU seconds the server spent meanwhile (less disturbed by other load than wall time). */
  serverCpuSeconds: number;
  diagnostics: number;
  peakRss: number;
  window: Window;
}

/** Peak RSS of a fresh server that is initialized and given no document: what Node and the server cost before any log. */
export async function idlePeakRss(serverJs: string): Promise<number> {
  const client = new BenchClient(serverJs);
  try {
    await client.initialize();
    await sleep(500);
    return client.memory().peak;
  } finally {
    await client.shutdown();
  }
}

/** A fresh server: initialize, open `text`, wait for its first diagnostics. */
export async function openToDiagnostics(serverJs: string, uri: string, text: string, nodeArgs: string[] = [], settings?: Record<string, unknown>): Promise<OpenResult> {
  const client = new BenchClient(serverJs, nodeArgs, settings);
  try {
    await client.initialize();
    const cpu0 = client.cpuSeconds();
    const { t0, seen: d } = await client.openAndWait(uri, text, 'the document');
    return { seconds: (d.atUs - t0) / 1e6, serverCpuSeconds: client.cpuSeconds() - cpu0, diagnostics: d.count, peakRss: client.memory().peak, window: [t0, d.atUs] };
  } finally {
    await client.shutdown();
  }
}

function lineStarts(text: string): { starts: number[]; lengthOf: (line: number) => number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lengthOf = (line: number) => {
    const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
    return end - starts[line] - (end > starts[line] && text.charCodeAt(end - 1) === 13 ? 1 : 0);
  };
  return { starts, lengthOf };
}

export interface LatencyStats {
  count: number;
  hits: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

function stats(samples: { ms: number; hit: boolean }[]): LatencyStats {
  const ms = samples.map((s) => s.ms);
  return { count: ms.length, hits: samples.filter((s) => s.hit).length, p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms.length ? Math.max(...ms) : NaN, mean: ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : NaN };
}

export interface TypingResult {
  edits: number;
  intervalMs: number;
  hovers: LatencyStats;
  /** From the first key to the last, seconds. */
  typingSeconds: number;
  /** Hover latencies while keys were still being typed (before the last edit was sent). */
  duringTyping: LatencyStats;
  /** Last edit sent → the server has analysed the final version, seconds (null: not within the time box). */
  finalAnalysisSeconds: number | null;
  /** Whether the final version's diagnostics were published (only when they differ from the last ones sent). */
  republished: boolean;
  timedOut: boolean;
  /** Outline and tree requests sent meanwhile (0 without editor requests). */
  editorRequests: number;
  /** Outline and tree answers the client did not decode (see Skimmer), and what decoding the last one costs the client. */
  skimmed: { count: number; decode: { ms: number; bytes: number } | null };
  window: Window;
  /** Every pass's hover p99 when there were several (see typingPasses), in the order run. */
  p99s: number[];
}

export interface BigLogResult {
  lines: number;
  open: { seconds: number; diagnostics: number; window: Window };
  hover: LatencyStats & { window: Window };
  typing: TypingResult;
  /** The same while also asking what VS Code asks meanwhile (outline, findings tree). */
  typingAsEditor: TypingResult;
  peakRssAfterOpen: number;
  peakRss: number;
}

/**
 * One server with the large log: first diagnostics, hovers at `hovers` random positions, then a
 * typing simulation of `edits` one-character edits `intervalMs` apart, hovering the event under
 * the cursor as fast as the server answers, until the server says it has analysed the final version.
 */
export async function bigLog(serverJs: string, uri: string, text: string, opts: { hovers: number; edits: number; intervalMs: number; typingBoxMs: number; passes?: number; nodeArgs?: string[] }): Promise<BigLogResult> {
  const client = new BenchClient(serverJs, opts.nodeArgs ?? []);
  const { starts, lengthOf } = lineStarts(text);
  try {
    await client.initialize();
    const { t0, seen: d } = await client.openAndWait(uri, text, 'the large log');
    const open = { seconds: (d.atUs - t0) / 1e6, diagnostics: d.count, window: [t0, d.atUs] as Window };
    const peakRssAfterOpen = client.memory().peak;

    // Hovers at random positions (seeded), one after the other.
    const rand = prng(7);
    const samples: { ms: number; hit: boolean }[] = [];
    const h0 = nowUs();
    for (let i = 0; i < opts.hovers; i++) {
      const line = Math.floor(rand() * starts.length);
      const character = Math.floor(rand() * (lengthOf(line) + 1));
      samples.push(await client.hover(uri, line, character));
    }
    const hover = { ...stats(samples), window: [h0, nowUs()] as Window };

    const at = typingSpot(text, starts, lengthOf);
    const typing = await typingPasses(opts.passes, () => typeAndHover(client, uri, at, opts, false));
    // Again, now also asking what VS Code asks meanwhile: the breadcrumbs the outline after changes,
    // the editor the colours after each key, the sidebar the findings tree (and the outline) after
    // each analysis.
    const typingAsEditor = await typingPasses(opts.passes, () => typeAndHover(client, uri, at, opts, true));
    return { lines: starts.length, open, hover, typing, typingAsEditor, peakRssAfterOpen, peakRss: client.memory().peak };
  } finally {
    await client.shutdown();
  }
}

/** Where bigLog types: one character at a time before the closing quote of a one-line 657 message near the middle, hovering its ID. */
function typingSpot(text: string, starts: number[], lengthOf: (line: number) => number): { line: number; idChar: number; cursor: number; version: number } {
  let line = starts.length >> 1;
  const lineText = (n: number) => text.slice(starts[n], starts[n] + lengthOf(n));
  while (line < starts.length - 1 && !/^Information,[^,]*,Directory Synchronization,657,None,".*"$/.test(lineText(line))) line++;
  const target = lineText(line);
  return { line, idChar: target.indexOf(',657,') + 1, cursor: target.length - 1, version: 1 };
}

/**
 * bigLog's open and plain typing passes against a floor server (bench/floorServer.ts, started with
 * `serverArgs`), which answers hovers with nothing: the same round trips with none of our work in them.
 */
export async function floorTyping(serverJs: string, serverArgs: string[], uri: string, text: string, opts: { edits: number; intervalMs: number; typingBoxMs: number; passes?: number }): Promise<{ peakRssAfterOpen: number; typing: TypingResult }> {
  const client = new BenchClient(serverJs, [], undefined, serverArgs);
  const { starts, lengthOf } = lineStarts(text);
  try {
    await client.initialize();
    await client.openAndWait(uri, text, 'the document, on the floor server');
    const peakRssAfterOpen = client.memory().peak;
    const at = typingSpot(text, starts, lengthOf);
    return { peakRssAfterOpen, typing: await typingPasses(opts.passes, () => typeAndHover(client, uri, at, opts, false)) };
  } finally {
    await client.shutdown();
  }
}

/**
 * `passes` typing passes one after the other in the same session (the cursor moves on); the pass with
 * the highest hover p99 stands for them, as the target is that typing never blocks: a longer session
 * meets what one pass does not (a collection of the server's whole heap, in a later pass on the
 * 1,000,000-line log). It has timed out when any pass has.
 */
async function typingPasses(passes: number | undefined, pass: () => Promise<TypingResult>): Promise<TypingResult> {
  const results: TypingResult[] = [];
  for (let i = 0; i < (passes ?? 1); i++) results.push(await pass());
  const worst = results.reduce((a, b) => (b.hovers.p99 > a.hovers.p99 ? b : a));
  return { ...worst, p99s: results.map((r) => r.hovers.p99), timedOut: results.some((r) => r.timedOut) };
}

/** Keys typed in bursts: after every `keys` keys a pause of `pauseMs`, longer than the server's debounce, so it analyses meanwhile. */
export interface Bursts {
  keys: number;
  pauseMs: number;
}

/**
 * `opts.edits` one-character edits `opts.intervalMs` apart at `at` (which moves on), hovering the
 * event under the cursor as fast as the server answers, until the server has analysed the final version.
 */
async function typeAndHover(client: BenchClient, uri: string, at: { line: number; idChar: number; cursor: number; version: number }, opts: { edits: number; intervalMs: number; typingBoxMs: number; bursts?: Bursts }, asEditor: boolean): Promise<TypingResult> {
  const word = ' checked by the helpdesk on ticket 4711 ';
  const typed: { ms: number; hit: boolean; atUs: number }[] = [];
  let lastEditUs = 0;
  let typingDone = false;
  let editorRequests = 0;
  const skimmedBefore = client.skimmer.count;
  const ask = (): void => {
    editorRequests++;
    void client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }).catch(() => undefined);
  };
  const outlineTimer = asEditor ? setInterval(ask, OUTLINE_EVERY_MS) : undefined;
  // VS Code asks for a document's colours after each change: the whole document's first, which the
  // server refuses for a big log, then those of the lines on screen.
  const colours = (line: number): void => {
    editorRequests += 2;
    void client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }).catch(() => undefined);
    const range = { start: { line: Math.max(0, line - SCREEN_LINES / 2), character: 0 }, end: { line: line + SCREEN_LINES / 2, character: 0 } };
    void client.connection.sendRequest(SemanticTokensRangeRequest.type, { textDocument: { uri }, range }).catch(() => undefined);
  };
  client.onAnalysed = asEditor
    ? () => {
        ask();
        editorRequests++;
        void client.connection.sendRequest(FindingsTreeRequest.type, { lazy: true }).catch(() => undefined);
      }
    : undefined;
  const w0 = nowUs();
  const deadline = Date.now() + opts.typingBoxMs;
  const typist = (async () => {
    for (let k = 0; k < opts.edits; k++) {
      const due = w0 / 1000 + k * opts.intervalMs + (opts.bursts ? Math.floor(k / opts.bursts.keys) * opts.bursts.pauseMs : 0);
      const wait = due - nowUs() / 1000;
      if (wait > 0) await sleep(wait);
      at.version++;
      await client.insert(uri, at.version, at.line, at.cursor, word[k % word.length]);
      at.cursor++;
      lastEditUs = nowUs();
      if (asEditor) colours(at.line);
    }
    typingDone = true;
  })();
  let finalAnalysis: DiagnosticsSeen | null = null;
  const watcher = typist.then(async () => {
    finalAnalysis = await client.analysed(uri, lastEditUs, at.version, Math.max(1000, deadline - Date.now()));
  });
  let stop = false;
  void watcher.then(() => (stop = true));
  while (!stop && Date.now() < deadline) {
    const atUs = nowUs();
    const h = await Promise.race([client.hover(uri, at.line, at.idChar), timeLimit(Math.max(0, deadline - Date.now())).then(() => null)]);
    if (h === null) break;
    typed.push({ ...h, atUs });
    await sleep(20);
  }
  await Promise.race([watcher, timeLimit(Math.max(0, deadline - Date.now()))]);
  clearInterval(outlineTimer);
  client.onAnalysed = undefined;
  const final = finalAnalysis as DiagnosticsSeen | null;
  return {
    edits: opts.edits,
    intervalMs: opts.intervalMs,
    hovers: stats(typed),
    typingSeconds: (lastEditUs - w0) / 1e6,
    duringTyping: stats(typed.filter((t) => !typingDone || t.atUs < lastEditUs)),
    finalAnalysisSeconds: final ? (final.atUs - lastEditUs) / 1e6 : null,
    republished: client.published(uri, at.version),
    timedOut: final === null,
    editorRequests,
    skimmed: { count: client.skimmer.count - skimmedBefore, decode: client.skimmer.count > skimmedBefore ? client.skimmer.decodeMs() : null },
    window: [w0, nowUs()] as Window,
    p99s: [],
  };
}

/**
 * Typing in bursts into the message of a 657 near the middle of a log that is one line after its
 * XML declaration, hovering that event's ID meanwhile. Each pause makes the server analyse again.
 */
export async function typingInOneLine(serverJs: string, uri: string, text: string, opts: { edits: number; intervalMs: number; typingBoxMs: number; bursts: Bursts; passes?: number }): Promise<TypingResult> {
  const client = new BenchClient(serverJs);
  try {
    await client.initialize();
    await client.openAndWait(uri, text, 'the one-line log');
    // Line 1 is the log; `id` is the offset of the ">" before the ID's digits.
    const lineStart = text.indexOf('\n') + 1;
    const before = `Name='Directory Synchronization'/><EventID Qualifiers='0'`;
    const id = text.indexOf(`${before}>657<`, text.length >> 1) + before.length;
    const at = { line: 1, idChar: id + 1 - lineStart, cursor: text.indexOf('</Data>', id) - lineStart, version: 1 };
    return await typingPasses(opts.passes, () => typeAndHover(client, uri, at, opts, false));
  } finally {
    await client.shutdown();
  }
}

/** How often the simulated breadcrumbs ask for the outline while keys are typed. */
export const OUTLINE_EVERY_MS = 500;

/** Lines on the simulated screen, whose colours are asked for after each key. */
export const SCREEN_LINES = 60;

/** Runs `fn` with node flags for a CPU (--cpu-prof) or heap (--heap-prof) profile into `dir`; returns the file written. */
export async function withProfile<T>(dir: string, kind: 'cpu' | 'heap', fn: (nodeArgs: string[]) => Promise<T>): Promise<{ result: T; profile: string | null }> {
  mkdirSync(dir, { recursive: true });
  const suffix = kind === 'cpu' ? '.cpuprofile' : '.heapprofile';
  const before = new Set(readdirSync(dir));
  const result = await fn([`--${kind}-prof`, `--${kind}-prof-dir`, dir]);
  for (let i = 0; i < 100; i++) {
    const fresh = readdirSync(dir).filter((f) => f.endsWith(suffix) && !before.has(f));
    if (fresh.length) return { result, profile: path.join(dir, fresh[0]) };
    await sleep(100);
  }
  return { result, profile: null };
}
