/** Log text is data: hostile sources, DNs and messages never become links, HTML or commands. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { createService } from '../../server/src/service';
import { isKnowledgeBaseUrl } from '../../server/src/service/knowledge/links';
import { toCsv } from '../fixtures/exports';
import type { TreeNode } from '../../server/src/service/trees/node';

const evil = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> javascript:alert(1) https://evil.example/ `code` ***';
const rows = [
  { eventId: 657, source: 'Directory Synchronization', level: 'Information', message: `Password Change Result - Anchor: QUJD, Dn: CN=${evil},DC=x, Result: Failed.` },
  { eventId: 611, source: 'Directory Synchronization', level: 'Error', message: `Password synchronization failed for domain: ${evil.replace(/\s/g, '_')}. RPC Error 8439 ${evil}` },
  { eventId: 0, source: 'Directory Synchronization', level: 'Warning', message: `The following password changes failed to synchronized and have scheduled for retry.\r\n\r\nDN = CN=${evil}` },
];
const doc = { uri: 'file:///evil.csv', version: 1, languageId: 'adsync-log', getText: () => toCsv(rows) };
const service = createService();
const md = new MarkdownIt({ html: false, linkify: true });

function linksAndTags(html: string): string[] {
  return [...html.matchAll(/<(a|img|script)\b[^>]*>/g)].map((m) => m[0]);
}

test('hovers show hostile DNs and domains literally; the only links are the knowledge base\'s', () => {
  for (const d of service.diagnostics(doc)) {
    const hover = service.hover(doc, d.range.start)!;
    const value = (hover.contents as { value: string }).value;
    // VS Code renders hover Markdown with HTML off and links on; render it the same way.
    const html = md.render(value);
    for (const tag of linksAndTags(html)) {
      const href = /href="([^"]*)"/.exec(tag)?.[1] ?? '';
      assert.ok(tag.startsWith('<a') && isKnowledgeBaseUrl(href.replace(/&amp;/g, '&')), `unexpected ${tag}`);
    }
    // The hostile text is there, but only as the content of a code span.
    if (d.code === 'event/657-failed') assert.match(html, /<code>CN=\[x\]\(command:workbench\.action\.terminal\.new\) &lt;img src=x onerror=alert\(1\)&gt; javascript:alert\(1\) https:\/\/evil\.example\//);
  }
});

test('diagnostic messages are one line of text, and code actions carry only knowledge-base URLs', () => {
  const diagnostics = service.diagnostics(doc);
  assert.ok(diagnostics.length >= 3);
  for (const d of diagnostics) assert.doesNotMatch(d.message as string, /[\r\n]/);
  for (const action of service.codeActions(doc, diagnostics)) {
    if (action.command?.command === 'adsyncDoctor.openLink') assert.ok(isKnowledgeBaseUrl(String(action.command.arguments?.[0])));
  }
});

test('tree nodes hold log text only as plain labels, and act only on knowledge-base URLs', () => {
  const walk = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...walk(n.children ?? [])]);
  const nodes = walk(service.findingsTree([{ doc }]));
  assert.ok(nodes.some((n) => (n.description ?? '').includes('<img src=x onerror=alert(1)>')), 'the DN is shown, as text');
  for (const n of nodes) if (n.action?.kind === 'openLink') assert.ok(isKnowledgeBaseUrl(n.action.url));
});
