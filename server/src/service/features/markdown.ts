/** Markdown built from the knowledge base, with log text escaped so it can never become a link, HTML or a command. */
import { isKnowledgeBaseUrl } from '../knowledge/links';

/**
 * Log text as Markdown that renders as the same text, for a place after other text on a line (a list
 * item, a paragraph): no emphasis, code, strikethrough, math, link or autolink, HTML tag or entity, and
 * no heading, list, quote or rule where a line of it starts; its lines become hard breaks, and blank ones
 * go (they would end the list item). Only what could start such a thing is escaped, so that a report
 * stays readable as plain text in a ticket ("from 11/24/2026 1:32:14 PM (RPC Error 8453)" as it is).
 * Every link a renderer finds by itself needs an `@` (an e-mail address), a dot before a letter (a
 * domain: `contoso\.com`, `www\.`), the last dot of an IPv4 address (`10.0.0\.1`) or two slashes
 * (`https:/\/`, `/\/host`), and those are escaped; times keep their dots and colons.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]*(?=\n)/g, '')
    .replace(/[\\`*_~[\]<>&|$#@]|\.(?=\p{L})|(?<=\d{1,3}\.\d{1,3}\.\d{1,3})\.(?=\d)|(?<=\/)\//gu, (c) => `\\${c}`)
    .replace(/(^|\n)([ \t]*)([-+=]|\d+[.)])/g, (_all, start: string, indent: string, marker: string) => `${start}${indent}${marker.replace(/[-+=.)]/, (c) => `\\${c}`)}`)
    .replace(/\n/g, '  \n');
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
