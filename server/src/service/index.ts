/**
 * The ADSync Doctor language service: text in, LSP types out. It knows nothing of VS Code or of a
 * connection; the language server and the CLI are two thin hosts of it.
 */
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint, Position, Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { FormatId, Finding } from './model';
import { analyzeLogSteps, analyzeScriptText, isScriptDocument, readErrorFindings, type DocumentAnalysis } from './analysis/document';
import { detectFormat } from './formats/detect';
import { renderScript, scripts, type ScriptArgs, type ScriptId } from './generators';
import { logCodeActions } from './features/codeActions';
import { problemDiagnosticsSteps } from './features/diagnostics';
import { logHover } from './features/hover';
import { logDocumentSymbolsSteps } from './features/documentSymbols';
import { logFoldingRangesSteps } from './features/foldingRanges';
import { logInlayHints, type InlayHintMode } from './features/inlayHints';
import { scriptCodeActions, scriptDocumentSymbols, scriptHoverResult } from './features/scriptFeatures';
import { exceedsFullSemanticTokensLimit, logSemanticTokensLegend, logSemanticTokensSteps } from './features/semanticTokens';
import { forgetLastScript, scriptCompletions } from './script';
import { findingsTreeSteps as logFindingsTreeSteps, occurrenceNodesSteps, type OpenLog, type TreeOptions } from './trees/findingsTree';
import { guideTree } from './trees/guideTree';
import type { TreeNode } from './trees/node';
import { reportOf } from './files';
import { statusLabels } from './report';
import { htmlOf } from './report/html';
import { markdownOf } from './report/markdown';
import { summarizeFileSteps, type FileSummary } from './report/index';
import type { Verdict } from './analysis/verdict';
import { reanalyzeEdited, type TextEdit } from './analysis/incremental';
import { runToEnd, type Steps } from './steps';
import type { TextLines } from './formats/text';

export interface ServiceDocument {
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
  getText(range?: Range): string;
  /** The edits since an older version, when the host keeps them (then an analysis can redo only what changed). */
  editsSince?(version: number): readonly TextEdit[] | null;
  /**
   * The text read by offsets and lines, when the host keeps its line starts through edits: then the
   * colours of a few lines read only those, where the whole text would be joined and indexed again
   * after every edit (70-220 ms for a 117 MB log, with the server held up meanwhile).
   */
  textLines?(): TextLines;
}

export type { TextEdit };

export interface FindingOptions {
  /** Event IDs the user chose not to see ("Don't flag event N in this workspace"). */
  ignoredEventIds?: readonly number[];
  /** At most this many findings become problems (0: all); see problemDiagnostics. */
  maxNumberOfProblems?: number;
}

/** The default of the setting adsyncDoctor.maxNumberOfProblems: what VS Code keeps of one file's diagnostics. */
export const DEFAULT_MAX_PROBLEMS = 1000;
export { sameDiagnosticsSteps } from './features/diagnostics';

export type { DocumentAnalysis, InlayHintMode, OpenLog };

export interface AdsyncService {
  /** The cached analysis of this document version: a log's events or a script's rule findings. */
  analyze(doc: ServiceDocument): DocumentAnalysis;
  /** Whether requests on this document can be answered now without analysing it (see recentAnalysis). */
  isReady(doc: ServiceDocument): boolean;
  /** The same analysis in steps (see steps.ts), cached when the last step is done: for a host that pauses between them. */
  analyzeSteps(doc: ServiceDocument): Steps<DocumentAnalysis>;
  /** Every finding: for a log, read errors first, then events in file order, then timeline findings. */
  findings(doc: ServiceDocument, options?: FindingOptions): Finding[];
  diagnostics(doc: ServiceDocument, options?: FindingOptions): Diagnostic[];
  /** diagnostics in steps: a big log has hundreds of thousands of findings to choose the problems from. */
  diagnosticsSteps(doc: ServiceDocument, options?: FindingOptions): Steps<Diagnostic[]>;
  hover(doc: ServiceDocument, position: Position): Hover | null;
  codeActions(doc: ServiceDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
  completions(doc: ServiceDocument, position: Position): CompletionItem[];
  /** Short annotations after each event ID in `range` (only what is asked for is computed). */
  inlayHints(doc: ServiceDocument, range: Range, mode: InlayHintMode): InlayHint[];
  /** A log's events by severity and ID; a script's ADSync cmdlet calls. */
  documentSymbols(doc: ServiceDocument): DocumentSymbol[];
  /** documentSymbols in steps: a big log's outline takes ~200 ms to make. */
  documentSymbolsSteps(doc: ServiceDocument): Steps<DocumentSymbol[]>;
  foldingRanges(doc: ServiceDocument, rangeLimit?: number): FoldingRange[];
  /** foldingRanges in steps: without a range limit, a big log has a fold for each of hundreds of thousands of events. */
  foldingRangesSteps(doc: ServiceDocument, rangeLimit?: number): Steps<FoldingRange[]>;
  readonly semanticTokensLegend: SemanticTokensLegend;
  /** Colour for logs; for the whole document, null when it is too big (the editor then asks per range). */
  semanticTokens(doc: ServiceDocument, range?: Range): SemanticTokens | null;
  /** semanticTokens in steps: a full answer for a 10 MB log took 0.3-0.8 s in one piece, asked for again after every change. */
  semanticTokensSteps(doc: ServiceDocument, range?: Range): Steps<SemanticTokens | null>;
  /** The export shape of a text's head, or null when it is none ADSync Doctor reads. */
  sniff(head: string): FormatId | null;
  script(id: ScriptId, args?: ScriptArgs): { title: string; content: string };
  guideTree(): TreeNode[];
  /** The findings of the open logs (scripts are left out), and of logs analysed from disk. */
  findingsTree(docs: readonly { doc: ServiceDocument; options?: FindingOptions }[], files?: readonly OpenLog[]): TreeNode[];
  /** findingsTree in steps: a big log's tree takes ~80 ms to make; `lazy` leaves the occurrences out. */
  findingsTreeSteps(docs: readonly { doc: ServiceDocument; options?: FindingOptions }[], files?: readonly OpenLog[], options?: TreeOptions): Steps<TreeNode[]>;
  /** The occurrences under an event's node of a lazy findings tree; null when no log has that node. */
  findingOccurrencesSteps(docs: readonly { doc: ServiceDocument; options?: FindingOptions }[], files: readonly OpenLog[], id: string): Steps<TreeNode[] | null>;
  verdict(doc: ServiceDocument): (Verdict & { label: string }) | null;
  /** The report of the logs among `docs`, in steps: a big log's users are read from all its 656 and 657 messages (~0.3 s for a 100 MB CSV). */
  reportSteps(docs: readonly ServiceDocument[], format: 'markdown' | 'html'): Steps<{ content: string; logCount: number }>;
  /** Drops the cache of a closed document. */
  forget(uri: string): void;
}

/** Documents at least this long may be answered from the previous version's analysis while edits settle. */
const STALE_OK_CHARS = 2 * 1024 * 1024;

export function createService(): AdsyncService {
  const cache = new Map<string, { version: number; size: number; analysis: DocumentAnalysis }>();

  function analyze(doc: ServiceDocument): DocumentAnalysis {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    return reanalyze(doc);
  }

  /**
   * For requests while the user types in a big log: the last analysis, even of an older version,
   * rather than re-reading megabytes on every keystroke. The debounced diagnostics bring it up to date.
   */
  function recentAnalysis(doc: ServiceDocument): DocumentAnalysis {
    return isReady(doc) ? cache.get(doc.uri)!.analysis : reanalyze(doc);
  }

  function isReady(doc: ServiceDocument): boolean {
    const hit = cache.get(doc.uri);
    return hit !== undefined && (hit.version === doc.version || hit.size >= STALE_OK_CHARS);
  }

  function reanalyze(doc: ServiceDocument): DocumentAnalysis {
    return runToEnd(analyzeSteps(doc));
  }

  function* analyzeSteps(doc: ServiceDocument): Steps<DocumentAnalysis> {
    // The text is read before the first pause, so the analysis is of this version whatever the
    // document's version is by the time it ends (a host that keeps running it as keys are typed
    // must not have it taken for the newer text: the next analysis would start from the wrong one).
    const version = doc.version;
    const hit = cache.get(doc.uri);
    if (hit && hit.version === version) return hit.analysis;
    const edits = hit?.analysis.kind === 'log' ? doc.editsSince?.(hit.version) : null;
    if (hit?.analysis.kind === 'log' && edits) {
      const edited = yield* reanalyzeEdited(hit.analysis, edits, (range) => doc.getText(range));
      if (edited) {
        cache.set(doc.uri, { version, size: hit.size + edited.lengthChange, analysis: edited.analysis });
        return edited.analysis;
      }
    }
    const text = doc.getText();
    const analysis = isScriptDocument(doc.languageId, doc.uri) ? analyzeScriptText(text) : yield* analyzeLogSteps(text);
    cache.set(doc.uri, { version, size: text.length, analysis });
    return analysis;
  }

  function diagnosticsSteps(doc: ServiceDocument, options?: FindingOptions): Steps<Diagnostic[]> {
    return problemDiagnosticsSteps(findings(doc, options), options?.maxNumberOfProblems ?? DEFAULT_MAX_PROBLEMS);
  }

  function* reportSteps(docs: readonly ServiceDocument[], format: 'markdown' | 'html'): Steps<{ content: string; logCount: number }> {
    const summaries: FileSummary[] = [];
    for (const doc of docs) {
      const a = yield* analyzeSteps(doc);
      if (a.kind === 'log') summaries.push(yield* summarizeFileSteps({ path: fileName(doc.uri), report: reportOf(a) }));
    }
    return { content: format === 'html' ? htmlOf(summaries) : markdownOf(summaries), logCount: summaries.length };
  }

  function* documentSymbolsSteps(doc: ServiceDocument): Steps<DocumentSymbol[]> {
    const analysis = recentAnalysis(doc);
    return analysis.kind === 'log' ? yield* logDocumentSymbolsSteps(analysis) : scriptDocumentSymbols(doc.getText());
  }

  function* foldingRangesSteps(doc: ServiceDocument, rangeLimit?: number): Steps<FoldingRange[]> {
    const analysis = recentAnalysis(doc);
    return analysis.kind === 'log' ? yield* logFoldingRangesSteps(analysis, rangeLimit) : [];
  }

  function* semanticTokensSteps(doc: ServiceDocument, range?: Range): Steps<SemanticTokens | null> {
    const analysis = recentAnalysis(doc);
    if (analysis.kind !== 'log') return { data: [] };
    const text = doc.textLines?.() ?? doc.getText();
    if (!range && exceedsFullSemanticTokensLimit(text)) return null;
    return yield* logSemanticTokensSteps(analysis, text, range);
  }

  function openLogs(docs: readonly { doc: ServiceDocument; options?: FindingOptions }[], files: readonly OpenLog[]): OpenLog[] {
    const logs = docs.flatMap(({ doc, options }) => {
      const analysis = recentAnalysis(doc);
      return analysis.kind === 'log' ? [{ uri: doc.uri, name: fileName(doc.uri), analysis, ignoredEventIds: options?.ignoredEventIds }] : [];
    });
    return [...logs, ...files];
  }

  function findings(doc: ServiceDocument, options: FindingOptions = {}): Finding[] {
    const analysis = analyze(doc);
    if (analysis.kind === 'script') return analysis.findings;
    const ignored = new Set(options.ignoredEventIds ?? []);
    // concat, not spreads, and no filter when nothing is ignored: a big log has 300,000 findings.
    const events = ignored.size === 0 ? analysis.findings : analysis.findings.filter((f) => f.eventId === null || !ignored.has(f.eventId));
    return readErrorFindings(analysis.read).concat(events, analysis.timeline);
  }

  return Object.freeze({
    analyze,
    isReady,
    analyzeSteps,
    findings,
    diagnostics: (doc, options) => runToEnd(diagnosticsSteps(doc, options)),
    diagnosticsSteps,
    hover(doc, position) {
      const analysis = recentAnalysis(doc);
      return analysis.kind === 'log' ? logHover(analysis, position) : scriptHoverResult(doc.getText(), position);
    },
    codeActions(doc, diagnostics) {
      const analysis = recentAnalysis(doc);
      return analysis.kind === 'log' ? logCodeActions(analysis, diagnostics) : scriptCodeActions(doc.uri, doc.getText(), analysis, diagnostics);
    },
    completions: (doc, position) => (isScriptDocument(doc.languageId, doc.uri) ? scriptCompletions(doc.getText(), position) : []),
    inlayHints(doc, range, mode) {
      const analysis = recentAnalysis(doc);
      return analysis.kind === 'log' ? logInlayHints(analysis, range, mode) : [];
    },
    documentSymbols: (doc) => runToEnd(documentSymbolsSteps(doc)),
    documentSymbolsSteps,
    foldingRanges: (doc, rangeLimit) => runToEnd(foldingRangesSteps(doc, rangeLimit)),
    foldingRangesSteps,
    semanticTokensLegend: logSemanticTokensLegend,
    semanticTokens: (doc, range) => runToEnd(semanticTokensSteps(doc, range)),
    semanticTokensSteps,
    sniff: (head) => detectFormat(head)?.id ?? null,
    script: (id, args) => ({ title: scripts.find((s) => s.id === id)?.title ?? id, content: renderScript(id, args) }),
    guideTree,
    findingsTree: (docs, files = []) => runToEnd(logFindingsTreeSteps(openLogs(docs, files))),
    findingsTreeSteps: (docs, files = [], options = {}) => logFindingsTreeSteps(openLogs(docs, files), options),
    findingOccurrencesSteps: (docs, files, id) => occurrenceNodesSteps(openLogs(docs, files), id),
    verdict(doc) {
      const analysis = recentAnalysis(doc);
      return analysis.kind === 'log' ? { ...analysis.verdict, label: statusLabels[analysis.verdict.status] } : null;
    },
    reportSteps,
    forget: (uri) => {
      cache.delete(uri);
      forgetLastMatch();
      forgetLastScript();
    },
  } satisfies AdsyncService);
}

/**
 * V8 keeps the text of the last regular expression match (for RegExp.input and RegExp.lastMatch): a
 * slice of a closed document there would keep its whole text alive until the next match elsewhere.
 * One match on an empty string takes its place.
 */
function forgetLastMatch(): void {
  /(?:)/.exec('');
}

/** The last path segment of a URI, decoded: what a user calls the file. */
function fileName(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last).replace(/\.adsynclog$/, '');
  } catch {
    return last;
  }
}
