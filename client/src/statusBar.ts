/** A status bar item for the active log: its verdict and counts; a click opens the Findings view. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { VerdictRequest } from '../../server/src/protocol';
import { counted } from '../../server/src/service/counts';

const icons = { healthy: '$(pass)', degraded: '$(warning)', broken: '$(error)', 'no-data': '$(question)' } as const;

export function registerStatusBar(context: vscode.ExtensionContext, client: LanguageClient, findingsChanged: vscode.Event<{ uri: string }>): void {
  const item = vscode.window.createStatusBarItem('adsyncDoctor.verdict', vscode.StatusBarAlignment.Left, 50);
  item.name = 'ADSync Doctor verdict';
  item.command = 'adsyncDoctor.findings.focus';

  const update = async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'adsync-log') {
      item.hide();
      return;
    }
    const verdict = await client.sendRequest(VerdictRequest.type, { uri: doc.uri.toString() }).catch(() => null);
    if (!verdict) {
      item.hide();
      return;
    }
    item.text = `${icons[verdict.status]} ADSync: ${verdict.label} · ${counted(verdict.counts.error, 'error')}, ${counted(verdict.counts.warning, 'warning')}`;
    item.tooltip = verdict.summary;
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    findingsChanged((p) => {
      if (p.uri === vscode.window.activeTextEditor?.document.uri.toString()) void update();
    }),
  );
  void update();
}
