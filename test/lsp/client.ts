/** A minimal LSP client for tests: spawns the built dist/server.js and speaks real JSON-RPC over stdio (or node IPC). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { FindingsChangedNotification } from '../../server/src/protocol';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  DidOpenTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidChangeTextDocumentNotification,
  ExitNotification,
  ShutdownRequest,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const serverPath = path.resolve(__dirname, '../../dist/server.js');

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every findingsChanged notification, in order: the server has analysed `version` of `uri`. */
  readonly findingsChanged: { uri: string; version?: number }[] = [];
  private readonly waiters: (() => void)[] = [];
  stderr = '';

  /** `args` pick the transport: --stdio, or --node-ipc over the child's IPC channel. */
  constructor(args: string[] = ['--stdio']) {
    const ipc = args.includes('--node-ipc');
    this.process = spawn(process.execPath, [serverPath, ...args], { stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : 'pipe' }) as ChildProcessWithoutNullStreams;
    this.process.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = ipc
      ? createProtocolConnection(new IPCMessageReader(this.process), new IPCMessageWriter(this.process))
      : createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.waiters.splice(0).forEach((w) => w());
    });
    this.connection.onNotification(FindingsChangedNotification.type, (p) => {
      this.findingsChanged.push(p);
      this.waiters.splice(0).forEach((w) => w());
    });
    this.connection.listen();
  }

  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'adsync-log', version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Waits until diagnostics for `uri` (at `version`, when given) have been published. */
  async diagnosticsFor(uri: string, version?: number, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    return this.until(`diagnostics for ${uri}`, () => {
      const d = this.diagnostics.get(uri);
      return d && (version === undefined || d.version === version) ? d : undefined;
    }, timeoutMs);
  }

  /** Waits until the server says it has analysed `version` of `uri`; then the last diagnostics published for it. */
  async analysed(uri: string, version: number, timeoutMs = 10000): Promise<PublishDiagnosticsParams | undefined> {
    await this.until(`the analysis of ${uri} version ${version}`, () => this.findingsChanged.some((p) => p.uri === uri && p.version === version) || undefined, timeoutMs);
    return this.diagnostics.get(uri);
  }

  private async until<T>(what: string, value: () => T | undefined, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = value();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; server stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}

/** The promise's value, or a failure naming `what` when it has not come within `ms`. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
