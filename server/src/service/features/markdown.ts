/** Markdown built from the knowledge base, with log text escaped so it can never become a link, HTML or a command. */
import { isKnowledgeBaseUrl } from '../knowledge/links';

/**
 * Escapes every ASCII punctuation character: no emphasis, no code span, no link or autolink
 * (`https\:\/\/` and `www\.` no longer read as URLs), no HTML tag or entity.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|:/~&"'=]/g, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}

/**
 * Log text as an inline code span: rendered literally, never a link, emphasis or HTML. The fence is one
 * backtick longer than any run inside the value, so the value cannot close it.
 */
export function codeSpan(text: string): string {
  const value = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${value} ${fence}`;
}

/** A link to a knowledge-base URL; anything else is refused loudly, because it would be a bug. */
export function kbLink(title: string, url: string): string {
  if (!isKnowledgeBaseUrl(url)) throw new Error(`not a knowledge-base URL: ${url}`);
  return `[${escapeMarkdown(title)}](${url})`;
}
