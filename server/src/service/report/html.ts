/**
 * The report as one standalone HTML page (inline CSS, no script, a CSP that allows neither), for
 * attaching to a ticket. Every text is HTML-escaped; the only links are knowledge-base URLs.
 */
import { isKnowledgeBaseUrl, linkTitles } from '../knowledge/links';
import type { VerdictStatus } from '../analysis/verdict';
import { escapeHtml } from './escapeHtml';
import { MAX_LISTED } from './markdown';
import { overallStatus, severityLabels, statusLabels, summarizeFile, type FileSummary, type ReportFile } from './index';
import { counted, grouped } from '../counts';


/** Knowledge-base text: escaped, then its `code` spans shown as code. Never used for log text. */
function kbText(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function kbAnchor(title: string, url: string): string {
  if (!isKnowledgeBaseUrl(url)) throw new Error(`not a knowledge-base URL: ${url}`);
  return `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(title)}</a>`;
}

const style = `
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; margin-top: 2rem; } h3 { font-size: 1.05rem; }
code { font: 12px/1.4 ui-monospace, Consolas, monospace; background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; overflow-wrap: anywhere; }
table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; } td.n { text-align: right; }
.status { display: inline-block; padding: .1rem .6rem; border-radius: 1rem; font-weight: 600; color: #fff; }
.healthy { background: #1a7f37; } .degraded { background: #9a6700; } .broken { background: #cf222e; } .no-data { background: #6e7781; }
.sev-error { color: #cf222e; font-weight: 600; } .sev-warning { color: #9a6700; font-weight: 600; } .sev-information, .sev-hint { color: #0969da; }
`.trim();

export function reportHtml(files: readonly ReportFile[]): string {
  return htmlOf(files.map(summarizeFile));
}

/** The report of files summarized already (see summarizeFileSteps). */
export function htmlOf(summaries: readonly FileSummary[]): string {
  const body: string[] = ['<h1>ADSync Doctor report</h1>'];
  if (summaries.length === 0) body.push('<p>No files were analysed.</p>');
  if (summaries.length > 1) body.push(`<p>Overall: ${badge(overallStatus(summaries))} · ${counted(summaries.length, 'file')}</p>`);
  for (const s of summaries) body.push(...fileSection(s));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Defence in depth: even if something slipped through escaping, no script, image or frame could load.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>ADSync Doctor report</title>',
    `<style>\n${style}\n</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function badge(status: VerdictStatus): string {
  return `<span class="status ${status}">${statusLabels[status]}</span>`;
}

function fileSection(s: FileSummary): string[] {
  const { verdict } = s;
  const out: string[] = ['<section>', `<h2><code>${escapeHtml(s.path)}</code></h2>`];
  out.push(`<p>${badge(verdict.status)} ${escapeHtml(verdict.summary)}</p>`);
  out.push('<ul>');
  out.push(`<li>Format: ${escapeHtml(s.formatLabel)}</li>`);
  out.push(`<li>Events: ${grouped(s.eventTotal)}, of which ${grouped(s.passwordSyncEvents)} about password sync${s.readErrors > 0 ? `; ${counted(s.readErrors, 'part')} could not be read` : ''}</li>`);
  out.push(`<li>Findings: ${counted(verdict.counts.error, 'error')}, ${counted(verdict.counts.warning, 'warning')}, ${grouped(verdict.counts.information)} information</li>`);
  if (verdict.scenario) {
    out.push(`<li>Likely scenario: <strong>${escapeHtml(verdict.scenario.title)}</strong> — first step: ${kbText(verdict.scenario.firstStep)} (${kbAnchor(linkTitles[verdict.scenario.link] ?? verdict.scenario.title, verdict.scenario.link)})</li>`);
  }
  out.push('</ul>');

  out.push('<h3>Timeline</h3>');
  if (s.timeline.length === 0) out.push('<p>No timeline findings.</p>');
  else {
    out.push('<ul>');
    for (const f of s.timeline.slice(0, MAX_LISTED)) {
      out.push(`<li><span class="sev-${f.severity}">${severityLabels[f.severity]}</span> <code>${escapeHtml(f.rule)}</code> — ${escapeHtml(f.message)}</li>`);
    }
    if (s.timeline.length > MAX_LISTED) out.push(`<li>… and ${grouped(s.timeline.length - MAX_LISTED)} more</li>`);
    out.push('</ul>');
  }

  if (s.otherFindings.length > 0) {
    out.push('<h3>Other findings</h3>', '<ul>');
    for (const f of s.otherFindings.slice(0, MAX_LISTED)) {
      out.push(`<li><span class="sev-${f.severity}">${severityLabels[f.severity]}</span> <code>${escapeHtml(f.rule)}</code> (line ${f.range.start.line + 1}) — ${escapeHtml(f.message)}</li>`);
    }
    if (s.otherFindings.length > MAX_LISTED) out.push(`<li>… and ${grouped(s.otherFindings.length - MAX_LISTED)} more</li>`);
    out.push('</ul>');
  }

  out.push('<h3>Events</h3>');
  if (s.eventCounts.length === 0) out.push('<p>No password sync events.</p>');
  else {
    out.push('<table>', '<thead><tr><th>ID</th><th>Event</th><th>Level</th><th>Count</th></tr></thead>', '<tbody>');
    for (const row of s.eventCounts) {
      out.push(`<tr><td class="n">${row.eventId}</td><td>${escapeHtml(row.title)}</td><td class="sev-${row.severity}">${severityLabels[row.severity]}</td><td class="n">${grouped(row.count)}</td></tr>`);
    }
    out.push('</tbody>', '</table>');
  }

  if (s.failingUsers.length > 0) {
    out.push('<h3>Users whose password did not sync</h3>', '<ul>');
    for (const u of s.failingUsers.slice(0, MAX_LISTED)) {
      const last = u.lastTime ? `, last at <code>${escapeHtml(u.lastTime)}</code>` : '';
      out.push(`<li><code>${escapeHtml(u.name)}</code> — ${counted(u.failures, 'failure')} (${escapeHtml(u.kinds.join(', '))})${last}</li>`);
    }
    if (s.failingUsers.length > MAX_LISTED) out.push(`<li>… and ${grouped(s.failingUsers.length - MAX_LISTED)} more</li>`);
    out.push('</ul>');
  }

  if (s.links.length > 0) {
    out.push('<h3>Links</h3>', '<ul>');
    for (const link of s.links) out.push(`<li>${kbAnchor(link.title, link.url)}</li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out;
}
