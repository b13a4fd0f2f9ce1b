/** Hover on an event: the catalogue's explanation, then what this very event says (escaped). */
import type { Hover, Position } from 'vscode-languageserver-types';
import type { LogEvent } from '../model';
import type { CatalogueMatch } from '../analysis/catalogue';
import type { LogAnalysis } from '../analysis/document';
import { fieldsOf, type EventFields } from '../analysis/fields';
import { linkTitles } from '../knowledge/links';
import { eventAt } from './eventSearch';
import { codeSpan, kbLink } from './markdown';

const severityWords = { error: 'Error · action required', warning: 'Warning · may require action', information: 'Information · no action required', hint: 'Hint' } as const;

export function logHover(analysis: LogAnalysis, position: Position): Hover | null {
  const index = eventAt(analysis.read.events, position);
  if (index === -1) return null;
  const match = analysis.matches[index];
  if (!match) return null;
  const event = analysis.read.events[index];
  return { contents: { kind: 'markdown', value: hoverMarkdown(event, match) }, range: event.idRange };
}

export function hoverMarkdown(event: LogEvent, match: CatalogueMatch): string {
  const { entry } = match;
  const out: string[] = [];
  // Knowledge-base text is the project's own Markdown; only log text needs guarding (codeSpan).
  out.push(`### ${entry.eventId} · ${entry.title}`);
  out.push(`*${severityWords[entry.severity]}* — ${entry.providers.join(' / ')}${entry.fromArticle ? ' · listed in KB 2855271' : ''}`);
  if (match.inferred) out.push(`*The export has no event ID here; ${entry.eventId} was inferred from the message text.*`);
  out.push(`**What it means.** ${entry.meaning}`);
  out.push(`**Cause.** ${entry.cause}`);
  if (entry.fix.length > 0) out.push(`**How to fix**\n\n${entry.fix.map((step, i) => `${i + 1}. ${step}`).join('\n')}`);
  const facts = eventFacts(event, fieldsOf(event));
  if (facts.length > 0) out.push(`**This event**\n\n${facts.map((f) => `- ${f}`).join('\n')}`);
  out.push(entry.remediation.map((url) => kbLink(linkTitles[url] ?? url, url)).join(' · '));
  return out.join('\n\n');
}

/** What was parsed from this event; every value is log text and so escaped. */
function eventFacts(event: LogEvent, fields: EventFields): string[] {
  const facts: string[] = [];
  const add = (label: string, value: string | number | undefined | null) => {
    if (value !== undefined && value !== null && value !== '') facts.push(`${label}: ${codeSpan(String(value))}`);
  };
  add('Time', event.time ?? event.timeText);
  add('Source', event.source);
  add('Level', event.levelText);
  add('Record', event.recordId);
  add('Domain', fields.domain);
  add('Forest', fields.forest);
  for (const dn of fields.dns.slice(0, 10)) add('User (DN)', dn);
  if (fields.dns.length > 10) facts.push(`…and ${fields.dns.length - 10} more users`);
  add('Anchor', fields.anchor);
  add('Result', fields.result);
  add('Count', fields.count);
  add('RPC error', fields.rpcError);
  add('Error code', fields.errorCode);
  add('Partition', fields.partition);
  add('Tracking ID', fields.trackingId);
  add('Exception', fields.exception);
  return facts;
}
