/** Renders the server's plain tree nodes; one provider serves both the guide and the findings view. */
import * as vscode from 'vscode';
import type { TreeIcon, TreeNode } from '../../../server/src/service/trees/node';

const icons: Record<TreeIcon, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  question: new vscode.ThemeIcon('question'),
  book: new vscode.ThemeIcon('book'),
  list: new vscode.ThemeIcon('list-unordered'),
  link: new vscode.ThemeIcon('link-external'),
  script: new vscode.ThemeIcon('terminal-powershell'),
  search: new vscode.ThemeIcon('search'),
  file: new vscode.ThemeIcon('file'),
  step: new vscode.ThemeIcon('debug-stackframe-dot'),
  event: new vscode.ThemeIcon('symbol-event'),
};

export const RUN_NODE_ACTION = 'adsyncDoctor.runTreeAction';

export class NodeTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TreeNode[] = [];
  private readonly parents = new Map<TreeNode, TreeNode | undefined>();

  constructor(
    private readonly load: () => Promise<TreeNode[]>,
    /** For a node marked childrenOnRequest: its children, asked for when it opens. */
    private readonly loadChildren: (node: TreeNode) => Promise<TreeNode[]> = async () => [],
  ) {}

  async refresh(): Promise<void> {
    this.roots = await this.load();
    this.parents.clear();
    this.adopt(this.roots, undefined);
    this.changed.fire();
  }

  private adopt(nodes: TreeNode[], parent: TreeNode | undefined): void {
    for (const n of nodes) {
      this.parents.set(n, parent);
      if (n.children) this.adopt(n.children, n);
    }
  }

  get nodes(): readonly TreeNode[] {
    return this.roots;
  }

  /** Every node, depth first (to find what a guide step should reveal). */
  *all(nodes: readonly TreeNode[] = this.roots): Generator<TreeNode> {
    for (const n of nodes) {
      yield n;
      if (n.children) yield* this.all(n.children);
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots;
    if (!node.children && node.childrenOnRequest) {
      node.children = await this.loadChildren(node);
      this.adopt(node.children, node);
    }
    return node.children ?? [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = !node.childrenOnRequest && (!node.children || node.children.length === 0)
      ? vscode.TreeItemCollapsibleState.None
      : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    // Labels, descriptions and tooltips are plain strings: VS Code never renders them as Markdown.
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    if (node.icon) item.iconPath = icons[node.icon];
    if (node.action) item.command = { title: node.label, command: RUN_NODE_ACTION, arguments: [node] };
    return item;
  }
}
