/**
 * The report as Markdown, to paste into a ticket. Log text (paths, DNs, times, finding messages) is
 * escaped or put in code spans; the only links are knowledge-base URLs.
 */
import { codeSpan, escapeMarkdown, kbLink } from '../features/markdown';
import { linkTitles } from '../knowledge/links';
import { overallStatus, severityLabels, statusLabels, summarizeFile, type FileSummary, type ReportFile } from './index';
import { counted, grouped } from '../counts';

/** Long logs can fail thousands of users; a ticket needs the worst ones, and says how many were left out. */
export const MAX_LISTED = 50;

export function reportMarkdown(files: readonly ReportFile[]): string {
  return markdownOf(files.map(summarizeFile));
}

/** The report of files summarized already (see summarizeFileSteps). */
export function markdownOf(summaries: readonly FileSummary[]): string {
  const out: string[] = ['# ADSync Doctor report', ''];
  if (summaries.length === 0) {
    out.push('No files were analysed.', '');
    return out.join('\n');
  }
  if (summaries.length > 1) out.push(`**Overall: ${statusLabels[overallStatus(summaries)]}** · ${counted(summaries.length, 'file')}`, '');
  for (const summary of summaries) out.push(...fileSection(summary));
  return out.join('\n');
}

function fileSection(s: FileSummary): string[] {
  const { verdict } = s;
  const out: string[] = [`## ${codeSpan(s.path)}`, ''];
  out.push(`**${statusLabels[verdict.status]}.** ${escapeMarkdown(verdict.summary)}`, '');
  out.push(`- Format: ${s.formatLabel}`);
  out.push(`- Events: ${grouped(s.eventTotal)}, of which ${grouped(s.passwordSyncEvents)} about password sync${s.readErrors > 0 ? `; ${counted(s.readErrors, 'part')} could not be read` : ''}`);
  out.push(`- Findings: ${counted(verdict.counts.error, 'error')}, ${counted(verdict.counts.warning, 'warning')}, ${grouped(verdict.counts.information)} information`);
  if (verdict.scenario) {
    // Scenario text is the knowledge base's own Markdown (it may hold `cmdlet` code spans).
    out.push(`- Likely scenario: **${verdict.scenario.title}** — first step: ${verdict.scenario.firstStep} (${kbLink(linkTitles[verdict.scenario.link] ?? verdict.scenario.title, verdict.scenario.link)})`);
  }
  out.push('');

  out.push('### Timeline', '');
  if (s.timeline.length === 0) out.push('No timeline findings.');
  for (const f of s.timeline.slice(0, MAX_LISTED)) out.push(`- **${severityLabels[f.severity]}** ${codeSpan(f.rule)} — ${escapeMarkdown(f.message)}`);
  if (s.timeline.length > MAX_LISTED) out.push(`- … and ${grouped(s.timeline.length - MAX_LISTED)} more`);
  out.push('');

  if (s.otherFindings.length > 0) {
    out.push('### Other findings', '');
    for (const f of s.otherFindings.slice(0, MAX_LISTED)) out.push(`- **${severityLabels[f.severity]}** ${codeSpan(f.rule)} (line ${f.range.start.line + 1}) — ${escapeMarkdown(f.message)}`);
    if (s.otherFindings.length > MAX_LISTED) out.push(`- … and ${grouped(s.otherFindings.length - MAX_LISTED)} more`);
    out.push('');
  }

  out.push('### Events', '');
  if (s.eventCounts.length === 0) out.push('No password sync events.');
  else {
    out.push('| ID | Event | Level | Count |', '|---:|---|---|---:|');
    for (const row of s.eventCounts) out.push(`| ${row.eventId} | ${cell(row.title)} | ${severityLabels[row.severity]} | ${grouped(row.count)} |`);
  }
  out.push('');

  if (s.failingUsers.length > 0) {
    out.push('### Users whose password did not sync', '');
    for (const u of s.failingUsers.slice(0, MAX_LISTED)) {
      const last = u.lastTime ? `, last at ${codeSpan(u.lastTime)}` : '';
      out.push(`- ${codeSpan(u.name)} — ${counted(u.failures, 'failure')} (${u.kinds.join(', ')})${last}`);
    }
    if (s.failingUsers.length > MAX_LISTED) out.push(`- … and ${grouped(s.failingUsers.length - MAX_LISTED)} more`);
    out.push('');
  }

  if (s.links.length > 0) {
    out.push('### Links', '');
    for (const link of s.links) out.push(`- ${kbLink(link.title, link.url)}`);
    out.push('');
  }
  return out;
}

/** Knowledge-base text (the project's own Markdown) in a table cell: only a pipe would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
