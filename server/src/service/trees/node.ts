/** Sidebar tree nodes as plain data: the client only renders them. Labels are plain text, never Markdown. */
import type { Range } from 'vscode-languageserver-types';
import type { ScriptId } from '../generators';

export type TreeIcon = 'error' | 'warning' | 'info' | 'pass' | 'question' | 'book' | 'list' | 'link' | 'script' | 'search' | 'file' | 'step' | 'event';

export type TreeAction =
  | { kind: 'openLink'; url: string }
  | { kind: 'generateScript'; script: ScriptId }
  /** Show the findings of the open logs whose rule is one of these. */
  | { kind: 'revealFindings'; rules: readonly string[] }
  | { kind: 'reveal'; uri: string; range: Range };

export interface TreeNode {
  /** Unique and stable within its tree, so the editor keeps expansion state across refreshes. */
  id: string;
  label: string;
  description?: string;
  /** Plain text. */
  tooltip?: string;
  icon?: TreeIcon;
  action?: TreeAction;
  children?: TreeNode[];
  /** Its children were left out of the answer: the editor asks for them when the node opens. */
  childrenOnRequest?: true;
  expanded?: boolean;
}
