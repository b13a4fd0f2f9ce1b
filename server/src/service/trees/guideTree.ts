/** The "Troubleshooting guide" view: every scenario of the article, each step something to do. */
import { events } from '../knowledge/events';
import { linkTitles } from '../knowledge/links';
import { scenarios, type Scenario } from '../knowledge/scenarios';
import { scripts } from '../generators';
import type { TreeNode } from './node';

export function guideTree(): TreeNode[] {
  return scenarios.map(scenarioNode);
}

function scenarioNode(s: Scenario): TreeNode {
  const children: TreeNode[] = [];
  s.children?.forEach((c) => children.push(scenarioNode(c)));
  s.steps.forEach((step, i) => children.push({ id: `${s.id}#step${i}`, label: `${i + 1}. ${plain(step)}`, tooltip: plain(step), icon: 'step' }));
  if (s.script) {
    const title = scripts.find((t) => t.id === s.script)?.title ?? s.script;
    children.push({ id: `${s.id}#script`, label: `Generate script: ${title}`, icon: 'script', action: { kind: 'generateScript', script: s.script } });
  }
  if (s.rules && s.rules.length > 0) {
    children.push({ id: `${s.id}#findings`, label: 'Show matching findings in the open logs', icon: 'search', action: { kind: 'revealFindings', rules: s.rules } });
  }
  s.links.forEach((url, i) => children.push({ id: `${s.id}#link${i}`, label: linkTitles[url] ?? url, tooltip: url, icon: 'link', action: { kind: 'openLink', url } }));
  if (s.catalogue) {
    for (const e of events) {
      children.push({
        id: `${s.id}#${e.rule}`,
        label: `${e.eventId} · ${e.title}`,
        description: e.providers.join(', '),
        tooltip: `${e.meaning}\n\nCause: ${e.cause}`,
        icon: e.severity === 'error' ? 'error' : e.severity === 'warning' ? 'warning' : 'info',
        action: { kind: 'openLink', url: e.remediation[0] },
      });
    }
  }
  return { id: s.id, label: s.title, description: s.articleRef, tooltip: s.summary, icon: s.children ? 'book' : 'list', children };
}

/** Knowledge-base steps use `code` marks for Markdown; a tree label shows them bare. */
function plain(text: string): string {
  return text.replace(/`/g, '');
}
