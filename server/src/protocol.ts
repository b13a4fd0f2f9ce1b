/** Names shared by the server and the client: custom requests and the client-side commands code actions call. */
import { NotificationType, RequestType, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { FormatId } from './service/model';
import type { ScriptArgs, ScriptId } from './service/generators';
import type { TreeNode } from './service/trees/node';
import type { VerdictStatus } from './service/analysis/verdict';

/** Which export shape a text is (the client sends the head of a .csv/.txt/.xml/.log it opened). */
export namespace SniffRequest {
  export const method = 'adsyncDoctor/sniff';
  export const type = new RequestType<{ head: string }, { format: FormatId | null }, void>(method);
}

/** The text of a generated script. */
export namespace ScriptRequest {
  export const method = 'adsyncDoctor/script';
  export const type = new RequestType<{ id: ScriptId; args?: ScriptArgs }, { title: string; content: string }, void>(method);
}

/**
 * The read-only text view of an .evtx file on disk (one event per line); the server reads the file.
 * With `maxLength`, a view that would be longer comes back as `tooLong` with no text, found as soon as
 * the reading passes it (VS Code hands no document over 50 MB to extensions).
 */
export namespace EvtxViewRequest {
  export const method = 'adsyncDoctor/evtxView';
  export const type = new RequestType<{ path: string; maxLength?: number }, { text: string; tooLong?: true }, void>(method);
}

/**
 * Analyses a log on disk too big for the editor (streaming an .evtx): its findings join the Findings
 * view under `uri`, and the answer carries a Markdown report. With a `workDoneToken`, the server
 * reports how far it has come to it, with how much of the file it has read.
 */
export namespace AnalyzeFileRequest {
  export const method = 'adsyncDoctor/analyzeFile';
  export const type = new RequestType<{ path: string; uri: string } & WorkDoneProgressParams, { markdown: string; eventCount: number; findingCount: number }, void>(method);
}

/** The troubleshooting guide tree (static: the article's scenarios). */
export namespace GuideTreeRequest {
  export const method = 'adsyncDoctor/guideTree';
  export const type = new RequestType<Record<string, never>, TreeNode[], void>(method);
}

/**
 * The findings tree of every log open in the editor. With `lazy`, each event's node comes without its
 * occurrences, marked childrenOnRequest: ask FindingOccurrencesRequest when it opens.
 */
export namespace FindingsTreeRequest {
  export const method = 'adsyncDoctor/findingsTree';
  export const type = new RequestType<{ lazy?: boolean }, TreeNode[], void>(method);
}

/** The occurrences under an event's node of the findings tree (its id); empty when no open log has it any more. */
export namespace FindingOccurrencesRequest {
  export const method = 'adsyncDoctor/findingOccurrences';
  export const type = new RequestType<{ id: string }, TreeNode[], void>(method);
}

/**
 * Sent after the findings of an open log changed (opened, edited, closed, settings). `version`: the
 * document version just analysed (absent on close); its diagnostics are published only when they differ.
 */
export namespace FindingsChangedNotification {
  export const method = 'adsyncDoctor/findingsChanged';
  export const type = new NotificationType<{ uri: string; version?: number }>(method);
}

/** The verdict of one open log, for the status bar; null when the document is not a log. */
export namespace VerdictRequest {
  export const method = 'adsyncDoctor/verdict';
  export const type = new RequestType<{ uri: string }, { status: VerdictStatus; label: string; summary: string; counts: { error: number; warning: number; information: number } } | null, void>(method);
}

/** A findings report of the open logs (or of the given ones). */
export namespace ReportRequest {
  export const method = 'adsyncDoctor/report';
  export const type = new RequestType<{ format: 'markdown' | 'html'; uris?: string[] }, { content: string; logCount: number }, void>(method);
}

/** Client commands that code actions invoke; the client registers each. */
export const Commands = {
  /** args: [url] — a knowledge-base https URL. */
  openLink: 'adsyncDoctor.openLink',
  /** args: [title, content] — opens a new untitled PowerShell editor with the script. */
  openScript: 'adsyncDoctor.openScript',
  /** args: [content] — copies a script to the clipboard. */
  copyScript: 'adsyncDoctor.copyScript',
  /** args: [eventId] — adds the ID to adsyncDoctor.ignoredEventIds in the workspace settings. */
  ignoreEvent: 'adsyncDoctor.ignoreEvent',
} as const;
