/** LSP wiring only: every handler is a guarded one-line call into the service. */
import {
  CodeActionKind,
  LSPErrorCodes,
  ResponseError,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type Range,
  type SemanticTokens,
  type PublishDiagnosticsParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { createService, DEFAULT_MAX_PROBLEMS, sameDiagnosticsSteps, type AdsyncService, type FindingOptions, type InlayHintMode, type OpenLog } from './service';
import { PieceTextDocument } from './pieceTextDocument';
import { preEncodeSteps } from './preEncoded';
import { inSlices } from './slices';
import { AnalysisSchedule } from './schedule';
import { part, type Steps } from './service/steps';
import { basename } from 'node:path';
import { megabytes } from './service/counts';
import { evtxViewOfFileSteps, reportAnalysis, type FileReport } from './service/files';
import { AnalyzeFileRequest, EvtxViewRequest, FindingOccurrencesRequest, FindingsChangedNotification, FindingsTreeRequest, GuideTreeRequest, ReportRequest, ScriptRequest, SniffRequest, VerdictRequest } from './protocol';
import { analyzeFileSteps } from './service/analyzeFile';
import { markdownOf } from './service/report/markdown';
import { summarizeFileSteps, type FileSummary } from './service/report/index';

export function startServer(connection: Connection): void {
  const service = createService();
  const documents = new TextDocuments<PieceTextDocument>({
    create: (uri, languageId, version, content) => new PieceTextDocument(uri, languageId, version, content),
    update(doc, changes, version) {
      doc.update(changes, version);
      return doc;
    },
  });
  let pullConfiguration = false;
  let foldingRangeLimit: number | undefined;
  let inlayHintRefresh = false;
  /** Logs analysed from disk by "Analyze Log File…", by URI. */
  const analyzedFiles = new Map<string, OpenLog>();

  function logError(what: string, uri: string, error: unknown): void {
    connection.console.error(`${what} failed for ${uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }

  /** Runs a handler; an exception is logged with the document and answered with the fallback. */
  function guard<T>(what: string, uri: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      logError(what, uri, error);
      return fallback;
    }
  }

  /**
   * guard for work in steps: run in slices (see inSlices), so requests are answered meanwhile, and
   * given up with `fallback` once `current()` turns false (the request was cancelled, the document changed).
   */
  function guardSteps<T>(what: string, uri: string, fallback: T, steps: Steps<T>, current: () => boolean): Promise<T> {
    return inSlices(steps, current).then(
      (result) => (result ? result.value : fallback),
      (error: unknown) => {
        logError(what, uri, error);
        return fallback;
      },
    );
  }

  interface Settings extends FindingOptions {
    inlayHints: InlayHintMode;
  }
  const defaults: Settings = { ignoredEventIds: [], inlayHints: 'all', maxNumberOfProblems: DEFAULT_MAX_PROBLEMS };

  async function options(uri: string): Promise<Settings> {
    if (!pullConfiguration) return defaults;
    const settings = (await connection.workspace.getConfiguration({ scopeUri: uri, section: 'adsyncDoctor' })) as { ignoredEventIds?: unknown; inlayHints?: unknown; maxNumberOfProblems?: unknown } | null;
    const ids = Array.isArray(settings?.ignoredEventIds) ? settings.ignoredEventIds.filter((n): n is number => Number.isInteger(n)) : [];
    const mode = settings?.inlayHints === 'problems' || settings?.inlayHints === 'off' ? settings.inlayHints : 'all';
    const max = Number.isInteger(settings?.maxNumberOfProblems) && (settings?.maxNumberOfProblems as number) >= 0 ? (settings?.maxNumberOfProblems as number) : DEFAULT_MAX_PROBLEMS;
    return { ignoredEventIds: ids, inlayHints: mode, maxNumberOfProblems: max };
  }

  /** The diagnostics last published for each open document. */
  const published = new Map<string, Diagnostic[]>();

  /**
   * The sliced analysis of a document version: one run per version, which later callers join. A run
   * goes on when keys are typed meanwhile (it has read its text, and the next run starts from its
   * analysis, reading again only what the edits touched), so a document's runs follow one another:
   * given up at each key, the first analysis of a big log was never made while someone typed.
   */
  const runs = new Map<string, { version: number; done: Promise<boolean> }>();
  function analysisRun(doc: PieceTextDocument): Promise<boolean> {
    const run = runs.get(doc.uri);
    const { version } = doc;
    if (run && run.version === version) return run.done;
    const open = () => documents.get(doc.uri) === doc;
    const start = () => (open() ? analyzeInSlices(service, doc, open, (e) => logError('analysis', doc.uri, e)) : Promise.resolve(false));
    const done = run ? run.done.then(start) : start();
    runs.set(doc.uri, { version, done });
    void done.then(() => {
      if (runs.get(doc.uri)?.done === done) runs.delete(doc.uri);
    });
    return done;
  }

  /**
   * The open document once requests on it can be answered without blocking the server: until a
   * first analysis exists, a request waits for the running one instead of analysing on its own.
   */
  async function readyDocument(uri: string): Promise<PieceTextDocument | undefined> {
    for (let doc = documents.get(uri); doc; doc = documents.get(uri)) {
      if (service.isReady(doc)) return doc;
      // A run that finished without making the document ready failed (and was logged): answer anyway
      // rather than start it again; the handler's own guard deals with the failure.
      if (await analysisRun(doc)) return documents.get(uri);
    }
    return undefined;
  }

  async function validate(doc: PieceTextDocument): Promise<void> {
    const { version } = doc;
    const opts = await options(doc.uri).catch(() => defaults);
    const current = () => documents.get(doc.uri)?.version === version;
    if (!current() || !(await analysisRun(doc))) return;
    // Problems that fail to be made are logged and cleared, rather than left as they were.
    const none = { diagnostics: [], params: { uri: doc.uri, version: doc.version, diagnostics: [] } };
    const fresh = await guardSteps('diagnostics', doc.uri, none, changedDiagnostics(doc, opts), current);
    if (!current()) return;
    if (fresh) {
      published.set(doc.uri, fresh.diagnostics);
      await connection.sendDiagnostics(fresh.params);
    }
    await connection.sendNotification(FindingsChangedNotification.type, { uri: doc.uri, version: doc.version });
  }

  /**
   * The document's problems, encoded to be sent; null when they are those last published. Choosing a
   * big log's problems among its findings, comparing and encoding them take a while: all in steps.
   */
  function* changedDiagnostics(doc: PieceTextDocument, opts: Settings): Steps<{ diagnostics: Diagnostic[]; params: PublishDiagnosticsParams } | null> {
    const diagnostics = yield* service.diagnosticsSteps(doc, opts);
    // Typing in a message mostly leaves the problems as they were: sending them again would make the
    // editor redraw every marker.
    if (yield* sameDiagnosticsSteps(published.get(doc.uri), diagnostics)) return null;
    return { diagnostics, params: yield* preEncodeSteps({ uri: doc.uri, version: doc.version, diagnostics }) };
  }

  const schedule = new AnalysisSchedule((uri) => {
    const current = documents.get(uri);
    if (current) void validate(current);
  });

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    foldingRangeLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit;
    inlayHintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['-', ' ', '|'] },
        inlayHintProvider: true,
        documentSymbolProvider: { label: 'ADSync Doctor' },
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: service.semanticTokensLegend, full: true, range: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'ADSync Doctor' },
    };
  });
  connection.onInitialized(() => {
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'adsyncDoctor' });
  });

  schedule.follow(documents);
  documents.onDidClose((e) => {
    service.forget(e.document.uri);
    published.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    void connection.sendNotification(FindingsChangedNotification.type, { uri: e.document.uri });
  });
  connection.onDidChangeConfiguration(() => {
    documents.all().forEach((d) => schedule.after(d.uri, d.version, 0));
    if (inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  connection.onHover(async (p) => {
    const doc = await readyDocument(p.textDocument.uri);
    return doc ? guard('hover', doc.uri, null, () => service.hover(doc, p.position)) : null;
  });
  connection.onCodeAction(async (p) => {
    const doc = await readyDocument(p.textDocument.uri);
    return doc ? guard('code actions', doc.uri, [], () => service.codeActions(doc, p.context.diagnostics)) : [];
  });
  connection.onCompletion((p) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('completion', doc.uri, [], () => service.completions(doc, p.position)) : [];
  });
  connection.languages.inlayHint.on(async (p) => {
    const doc = await readyDocument(p.textDocument.uri);
    if (!doc) return [];
    const { inlayHints } = await options(doc.uri).catch(() => defaults);
    return guard('inlay hints', doc.uri, [], () => service.inlayHints(doc, p.range, inlayHints));
  });
  connection.onDocumentSymbol(async (p, token) => {
    const doc = await readyDocument(p.textDocument.uri);
    if (!doc) return [];
    // Editors ask after every change, and a big log's outline takes ~200 ms to make and 10-30 ms to encode.
    return guardSteps('document symbols', doc.uri, [], preEncoded(service.documentSymbolsSteps(doc)), () => !token.isCancellationRequested);
  });
  connection.onFoldingRanges(async (p, token) => {
    const doc = await readyDocument(p.textDocument.uri);
    // Made in steps, once per analysis: a client that sets no range limit gets a fold for each event.
    return doc ? guardSteps('folding ranges', doc.uri, [], preEncoded(service.foldingRangesSteps(doc, foldingRangeLimit)), () => !token.isCancellationRequested) : [];
  });
  connection.languages.semanticTokens.on((p, token) => semanticTokensOf(p.textDocument.uri, undefined, token));
  connection.languages.semanticTokens.onRange((p, token) => semanticTokensOf(p.textDocument.uri, p.range, token));

  /**
   * A document's colours, made and encoded in steps: a full answer for a 10 MB log took 0.3-0.8 s in
   * one piece, and editors ask again after every change. Refused with ServerCancelled, which tells
   * the editor to ask again, when the document is too big for a full answer (it then asks for the
   * lines on screen) or changed while they were being made.
   */
  async function semanticTokensOf(uri: string, range: Range | undefined, token: CancellationToken): Promise<SemanticTokens> {
    const doc = await readyDocument(uri);
    if (!doc) return { data: [] };
    const { version } = doc;
    let made: { value: SemanticTokens | null } | null;
    try {
      made = await inSlices(preEncodedTokens(service.semanticTokensSteps(doc, range)), () => !token.isCancellationRequested && documents.get(uri)?.version === version);
    } catch (error) {
      logError('semantic tokens', uri, error);
      return { data: [] };
    }
    if (made === null) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed while its colours were made; ask again');
    if (made.value === null) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'document too large for full semantic tokens; ask per range');
    return made.value;
  }
  connection.onRequest(EvtxViewRequest.type, async (p, token) => {
    let made: { value: { text: string; tooLong?: true } } | null;
    try {
      // In steps: a 64 MB .evtx is read for ~1 s before its view is found too long.
      made = await inSlices(evtxViewAnswer(evtxViewOfFileSteps(p.path, p.maxLength ?? Infinity)), () => !token.isCancellationRequested);
    } catch (error) {
      // The file could not be opened (reading problems inside it become comment lines of the view).
      throw new ResponseError(LSPErrorCodes.RequestFailed, `cannot read ${p.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (made === null) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return made.value;
  });
  connection.onRequest(AnalyzeFileRequest.type, async (p, token) => {
    // How far the whole analysis has come, in whole percents, with how much of the file has been read,
    // to the client's token (without one, nowhere).
    const progress = connection.window.attachWorkDoneProgress(p.workDoneToken);
    let reading = '';
    let whole = false;
    const onRead = (read: number, size: number) => {
      whole = read >= size;
      reading = whole ? `all ${megabytes(size)} read` : `${Math.floor((100 * read) / size)}% of ${megabytes(size)} read`;
    };
    let shown = { percentage: 0, message: '' };
    const told = (fraction: number) => {
      const percentage = Math.max(shown.percentage, Math.min(100, Math.floor(100 * fraction)));
      const message = whole ? `${reading}, ${percentage}% done` : reading;
      if (percentage === shown.percentage && message === shown.message) return;
      shown = { percentage, message };
      progress.report(percentage, message);
    };
    let done;
    try {
      progress.begin(`Analysing ${basename(p.path)}`, 0);
      // In slices: a log too big for the editor takes seconds, and the open documents are served meanwhile.
      // Its report stays (in the Findings view): it must not keep the file's text alive.
      done = await inSlices(analyzeFileWithSummarySteps(p.path, onRead), () => !token.isCancellationRequested, told);
    } catch (error) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, error instanceof Error ? error.message : String(error));
    } finally {
      progress.done();
    }
    if (!done) throw new ResponseError(LSPErrorCodes.RequestCancelled, `the analysis of ${p.path} was cancelled`);
    const { report, summaries } = done.value;
    // Logs too big for the editor join the Findings view beside the open ones.
    const analysis = reportAnalysis(report);
    if (analysis) analyzedFiles.set(p.uri, { uri: p.uri, name: `${basename(p.path)} (from disk)`, analysis });
    void connection.sendNotification(FindingsChangedNotification.type, { uri: p.uri });
    return { markdown: markdownOf(summaries), eventCount: report.eventCount, findingCount: report.findings.length + report.timeline.length };
  });
  connection.onRequest(GuideTreeRequest.type, () => guard('guide tree', '(guide)', [], () => service.guideTree()));
  /** The open documents whose analysis is ready, with their settings; the trees are made of them. */
  async function treeDocuments() {
    const ready = await Promise.all(documents.all().map((d) => readyDocument(d.uri)));
    return Promise.all(ready.flatMap((doc) => (doc ? [doc] : [])).map(async (doc) => ({ doc, options: await options(doc.uri).catch(() => defaults) })));
  }
  connection.onRequest(FindingsTreeRequest.type, async (p, token) => {
    const docs = await treeDocuments();
    // The sidebar asks after every analysis, and a big log's whole tree takes ~80 ms to make and ~5 MB to encode.
    return guardSteps('findings tree', '(open logs)', [], preEncoded(service.findingsTreeSteps(docs, [...analyzedFiles.values()], { lazy: p?.lazy === true })), () => !token.isCancellationRequested);
  });
  connection.onRequest(FindingOccurrencesRequest.type, async (p, token) => {
    const docs = await treeDocuments();
    const nodes = await guardSteps('findings tree', p.id, null, service.findingOccurrencesSteps(docs, [...analyzedFiles.values()], p.id), () => !token.isCancellationRequested);
    return nodes ?? [];
  });
  connection.onRequest(VerdictRequest.type, async (p) => {
    const doc = await readyDocument(p.uri);
    return doc ? guard('verdict', doc.uri, null, () => service.verdict(doc)) : null;
  });
  connection.onRequest(ReportRequest.type, (p, token) => {
    const docs = p.uris ? p.uris.flatMap((u) => documents.get(u) ?? []) : documents.all();
    // In slices, as the analyses it may need: a big log's report reads every 656 and 657 message.
    return guardSteps('report', '(open logs)', { content: '', logCount: 0 }, service.reportSteps(docs, p.format), () => !token.isCancellationRequested);
  });
  connection.onRequest(SniffRequest.type, (p) => guard('sniff', '(head)', { format: null }, () => ({ format: service.sniff(p.head) })));
  connection.onRequest(ScriptRequest.type, (p) => guard('script', p.id, { title: p.id, content: '' }, () => service.script(p.id, p.args)));

  documents.listen(connection);
  connection.listen();
}

/** A file analysed from disk, in steps throughout (its report kept, so not keeping its text), and the summary its answer shows. */
function* analyzeFileWithSummarySteps(path: string, onRead?: (read: number, size: number) => void): Steps<{ report: FileReport; summaries: FileSummary[] }> {
  // The summary, after it, takes about a tenth of the time on the bench's 100 MB exports.
  const report = yield* part(analyzeFileSteps(path, { ownStrings: true, paced: true, onRead }), 0, 0.9);
  const summaries = report.verdict ? [yield* part(summarizeFileSteps({ path, report: { ...report, verdict: report.verdict } }), 0.9, 1)] : [];
  return { report, summaries };
}

/**
 * Analyses a document in slices (see inSlices) at the version it has when the analysis reads it; gives
 * up (false) as soon as `open()` turns false (the document was closed). A failing analysis is
 * reported and counts as done, so the caller still answers.
 */
function analyzeInSlices(service: AdsyncService, doc: PieceTextDocument, open: () => boolean, onError: (e: unknown) => void): Promise<boolean> {
  // Counting a huge document's lines first, in steps, spares its first edit from doing it at once.
  const steps = (function* () {
    yield* doc.countLines();
    return yield* service.analyzeSteps(doc);
  })();
  return inSlices(steps, open).then(
    (result) => result !== null,
    (error: unknown) => {
      onError(error);
      return true;
    },
  );
}

/** The steps' answer, then its JSON encoded in steps too. */
function* preEncoded<T extends unknown[]>(steps: Steps<T>): Steps<T> {
  return yield* preEncodeSteps(yield* steps);
}

/** An .evtx's view as the answer, its JSON encoded in steps too (the view of a 10 MB .evtx is 14 million characters). */
function* evtxViewAnswer(steps: Steps<string | null>): Steps<{ text: string; tooLong?: true }> {
  const view = yield* steps;
  return view === null ? { text: '', tooLong: true } : yield* preEncodeSteps({ text: view });
}

/** preEncoded for colours, which may be refused (null). */
function* preEncodedTokens(steps: Steps<SemanticTokens | null>): Steps<SemanticTokens | null> {
  const tokens = yield* steps;
  return tokens === null ? null : yield* preEncodeSteps({ data: tokens.data });
}
