/**
 * The language-server spine as a user meets it: open an exported event log (CSV, UTF-16 tab-delimited
 * TXT, one-line XML) holding a 611 (RPC 8439) and a failed 657, and see the language, squiggles,
 * hover, Problems and quick fixes. Fixtures: test/e2e/workspace/phs-failures.*.
 */
import { clip, expect, type Flow, type FlowContext } from '../flow';
import { waitUntil, type Harness, type ProblemRow } from '../harness';

interface ExportCase {
  /** Short name for flow titles and screenshots. */
  id: string;
  file: string;
  /** 1-based lines of the 611 and 657 events, when each event has its own line. */
  lines?: { e611: number; e657: number };
}

const CASES: ExportCase[] = [
  { id: 'csv', file: 'phs-failures.csv', lines: { e611: 2, e657: 3 } },
  { id: 'txt-utf16', file: 'phs-failures.txt', lines: { e611: 2, e657: 3 } },
  { id: 'xml-one-line', file: 'phs-failures.xml' },
];

const LEARN_LINK = /^https:\/\/learn\.microsoft\.com\//;

/** The Problems row for an event: by its ID in the message or code, else by line, else by order on the line. */
function rowFor(rows: ProblemRow[], id: 611 | 657, c: ExportCase): ProblemRow | undefined {
  const byText = rows.find((r) => new RegExp(`\\b${id}\\b`).test(r.text));
  if (byText) return byText;
  if (c.lines) return rows.find((r) => r.line === (id === 611 ? c.lines?.e611 : c.lines?.e657));
  const sorted = [...rows].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return id === 611 ? sorted[0] : sorted[sorted.length - 1];
}

interface Snapshot {
  tab: string;
  dirty: boolean;
  text: string;
  problems: number;
}

async function snapshot(h: Harness): Promise<Snapshot> {
  return {
    tab: await h.activeTabTitle(),
    dirty: await h.isDirty(),
    text: await h.visibleText().catch(() => ''),
    problems: (await h.readProblemRows()).length,
  };
}

/**
 * What applying a quick fix visibly did: an edit (dirty editor), another editor, a dialog or a
 * notification, or a change in the problems. Empty when nothing could be seen.
 */
async function effectOf(h: Harness, before: Snapshot): Promise<string> {
  // A quick fix that opens an editor edits and dirties the new editor a moment before the tab
  // title changes, so an edit, a text change or a change in the problems is only taken once it
  // has held for a second; a dialog, another editor or a notification is taken at once.
  let weakSince = 0;
  return waitUntil(
    'a visible effect of the quick fix',
    async () => {
      const dialog = await h.dialogText();
      if (dialog) return `dialog: ${clip(dialog, 400)}`;
      const now = await snapshot(h);
      if (now.tab !== before.tab) return `editor opened: ${now.tab}`;
      const toasts = await h.notifications();
      if (toasts.length) return `notification: ${clip(toasts.join(' | '), 200)}`;
      let weak: string | undefined;
      if (now.dirty && !before.dirty) weak = 'the document was edited';
      else if (now.text !== before.text) weak = 'the text changed';
      else if (now.problems !== before.problems) weak = `problems ${before.problems} → ${now.problems}`;
      if (!weak) {
        weakSince = 0;
        return undefined;
      }
      weakSince ||= Date.now();
      return Date.now() - weakSince > 1000 ? weak : undefined;
    },
    10_000,
  );
}

/** Puts the workbench back: closes a dialog, reverts an edit, returns to the log. */
async function undoEffect(h: Harness, c: ExportCase): Promise<void> {
  if (await h.dialogText()) await h.escape();
  if ((await h.activeTabTitle()) !== c.file) {
    if (await h.isDirty()) await h.runCommand('View: Revert and Close Editor').catch(() => undefined);
    await h.openFile(c.file);
  }
  if (await h.isDirty()) await h.runCommand('File: Revert File');
  await h.escape();
}

async function exportFlow(c: ExportCase, { h, check, note }: FlowContext): Promise<void> {
  const opened = await check(`${c.file} opens as the ADSync log language`, async () => {
    await h.openFile(c.file);
    const lang = await waitUntil('the ADSync language in the status bar', async () => {
      const l = await h.languageIndicator();
      return /adsync/i.test(l) ? l : undefined;
    }, 20_000).catch(async () => `not ADSync: "${await h.languageIndicator()}"`);
    note(`status bar language: ${lang}`);
    expect(/adsync/i.test(lang), `status bar language is ${lang}`);
  });
  if (!opened) return;

  await check('squiggles appear (error for the 611, warning for the 657)', async () => {
    await h.waitForSquiggles('error', 60_000);
    await h.waitForSquiggles('warning', 10_000);
    const n = await h.squiggleCounts();
    note(`squiggles: ${n.error} error, ${n.warning} warning, ${n.info} info`);
    await h.screenshot(`adsync-${c.id}-squiggles`);
  });

  await check('hovering 611 explains the cause and links to learn.microsoft.com', async () => {
    const hover = await h.hoverOnText('611', { expect: /learn|8439|distinguished|replicat/i, timeoutMs: 20_000 });
    note(`hover: ${clip(hover.text, 200)}`);
    note(`links: ${hover.links.join(' ') || '(none)'}`);
    expect(/\bcause\b/i.test(hover.text) && /8439|distinguished name|\bDN\b/i.test(hover.text), `no cause in the hover: ${clip(hover.text)}`);
    expect(hover.links.some((l) => LEARN_LINK.test(l)), `no learn.microsoft.com link; links: ${hover.links.join(' ') || '(none)'}`);
    await h.screenshot(`adsync-${c.id}-hover`);
    await h.escape();
  });

  await check('Problems lists 611 as an error and the failed 657 as a warning', async () => {
    const rows = await h.openProblems({ minRows: 2, timeoutMs: 30_000 });
    for (const r of rows) note(`${r.severity} [${r.line}:${r.column}] ${clip(r.text, 140)}`);
    const r611 = rowFor(rows, 611, c);
    const r657 = rowFor(rows, 657, c);
    expect(r611, 'no row for the 611');
    expect(r657 && r657 !== r611, 'no row for the 657');
    expect(r611.severity === 'error', `611 is ${r611.severity}: ${clip(r611.text)}`);
    expect(r657.severity === 'warning', `657 is ${r657.severity}: ${clip(r657.text)}`);
    await h.screenshot(`adsync-${c.id}-problems`);
  });
  await h.closePanel();

  // Ctrl+. applies "Open fix script: …" (a new editor with the script); the palette's "Quick Fix..."
  // applies the documentation action (VS Code asks before opening the learn.microsoft.com page).
  const fixes = [
    { via: 'keyboard', label: 'Ctrl+.', choose: /fix script/i, effect: /^editor opened/, what: 'a fix script opens in an editor' },
    { via: 'palette', label: 'the palette "Quick Fix..."', choose: /^open\b(?!.*script)/i, effect: /^dialog:.*learn\.microsoft\.com/, what: 'the learn.microsoft.com page is offered' },
  ] as const;
  for (const f of fixes) {
    await check(`quick fix on the 611 via ${f.label}: ${f.what}`, async () => {
      const before = await snapshot(h);
      try {
        const r = await h.quickFix('611', { via: f.via, choose: f.choose, timeoutMs: 20_000 });
        note(`offered: ${r.offered.join(' | ')}; applied: ${r.applied}`);
        const effect = await effectOf(h, before);
        note(`effect: ${effect}`);
        await h.screenshot(`adsync-${c.id}-quickfix-${f.via}`);
        expect(f.effect.test(effect), `unexpected effect: ${effect}`);
      } finally {
        await undoEffect(h, c);
      }
    });
  }
}

export const flows: Flow[] = CASES.map((c) => ({
  name: `export ${c.id}`,
  needsExtension: true,
  timeoutMs: 240_000,
  run: (ctx: FlowContext) => exportFlow(c, ctx),
}));
