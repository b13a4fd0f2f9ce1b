/** The "ADSync Doctor" activity bar container: the troubleshooting guide and the findings of the open logs. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, FindingOccurrencesRequest, FindingsTreeRequest, GuideTreeRequest, ScriptRequest } from '../../../server/src/protocol';
import type { TreeNode } from '../../../server/src/service/trees/node';
import { NodeTreeProvider, RUN_NODE_ACTION } from './nodeTree';

export function registerSidebar(context: vscode.ExtensionContext, client: LanguageClient, findingsChanged: vscode.Event<{ uri: string }>): { findings: NodeTreeProvider } {
  const guide = new NodeTreeProvider(() => client.sendRequest(GuideTreeRequest.type, {}));
  // Occurrences are asked for when their event's node opens: a big log has ~20,000 of them.
  const findings = new NodeTreeProvider(
    () => client.sendRequest(FindingsTreeRequest.type, { lazy: true }),
    (node) => client.sendRequest(FindingOccurrencesRequest.type, { id: node.id }),
  );
  const findingsView = vscode.window.createTreeView('adsyncDoctor.findings', { treeDataProvider: findings, showCollapseAll: true });
  const guideView = vscode.window.createTreeView('adsyncDoctor.guide', { treeDataProvider: guide, showCollapseAll: true });

  let pending: NodeJS.Timeout | undefined;
  const refreshFindings = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      void findings.refresh().then(() => vscode.commands.executeCommand('setContext', 'adsyncDoctor.hasLogs', findings.nodes.length > 0));
    }, 150);
  };

  const run = async (node: TreeNode) => {
    const action = node.action;
    if (!action) return;
    switch (action.kind) {
      case 'openLink':
        return vscode.commands.executeCommand(Commands.openLink, action.url);
      case 'generateScript': {
        const { content } = await client.sendRequest(ScriptRequest.type, { id: action.script });
        return vscode.commands.executeCommand(Commands.openScript, node.label, content);
      }
      case 'reveal': {
        const editor = await vscode.window.showTextDocument(vscode.Uri.parse(action.uri, true), { preserveFocus: false });
        const range = new vscode.Range(action.range.start.line, action.range.start.character, action.range.end.line, action.range.end.character);
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
        return;
      }
      case 'revealFindings': {
        const target = [...findings.all()].find((n) => action.rules.some((r) => n.id.endsWith(`#${r}`)));
        if (!target) {
          void vscode.window.showInformationMessage('ADSync Doctor: none of the open logs shows this.');
          return;
        }
        return findingsView.reveal(target, { select: true, focus: true, expand: true });
      }
    }
  };

  context.subscriptions.push(
    findingsView,
    guideView,
    vscode.commands.registerCommand(RUN_NODE_ACTION, run),
    vscode.commands.registerCommand('adsyncDoctor.refreshFindings', refreshFindings),
    findingsChanged(refreshFindings),
    { dispose: () => clearTimeout(pending) },
  );
  void guide.refresh();
  refreshFindings();
  return { findings };
}
