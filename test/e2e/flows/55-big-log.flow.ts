/**
 * A big export, as a busy sync server writes one: a 10 MB Event Viewer CSV of ~50,000 events, made by
 * the bench's generator. It opens with as many problems as VS Code keeps, our note on the rest among
 * them; its outline folds the rest of each busy event type into "… N more" (an answer the server sends
 * pre-encoded over stdio); and after typing in a message the hovers still answer. Then a
 * 12 MB XML export all on one line: the editor still draws its first inlay hints and answers a hover,
 * and typing at three cursors on its line gives the problems and counts a full analysis gives.
 * And a 64 MB .evtx, whose text view would be too long for an extension: it is analysed from disk; as is
 * a 60 MB CSV, from the Explorer's context menu.
 * Times are noted for the log, never asserted.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleChunks, writeEvtx } from '../../../bench/lib/evtxGen';
import { writeExport } from '../../../bench/lib/textGen';
import { analyzeLogText } from '../../../server/src/service/analysis/document';
import { counted } from '../../../server/src/service/counts';
import { clip, expect, type Flow } from '../flow';
import { CACHE, ROOT, waitUntil, type Harness, type TreeRow } from '../harness';

const LOG = 'big-export.csv';
/** A one-line message near the top of the generated log: typing goes before its closing quote. */
const TYPE_INTO = 'Provision credentials ping start.';
const TYPED = ' checked by the helpdesk';

/** A workspace holding one file, which `make` writes at run time, outside the repository. */
function generated(name: string, file: string, make: (path: string) => void): () => string {
  return () => {
    const dir = join(CACHE, `e2e-${name}-workspace`);
    mkdirSync(dir, { recursive: true });
    make(join(dir, file));
    return dir;
  };
}

const MiB = 1024 * 1024;
const bigWorkspace = generated('big-log', LOG, (file) => writeExport(file, 'csv', { bytes: 10 * MiB }));

const ONE_LINE = 'one-line-export.xml';
/**
 * Event Viewer's XML export as it often comes: the whole log on one line after its declaration (as
 * the bench types into it). 12 MB of it: under the 20 MB past which VS Code turns its large-file
 * optimizations on and draws no inlay hints.
 */
const oneLineWorkspace = generated('one-line-xml', ONE_LINE, (file) => writeExport(file, 'xml-one-line', { bytes: 12 * MiB }));
// The domain of the line's first three 611s, the first places it is written.
const OLD_DOMAIN = 'Contoso.com';
const NEW_DOMAIN = 'Northwind.example';

const BIG_EVTX = 'big-system-and-sync.evtx';
/**
 * A 64 MB .evtx: chunks of the real samples in ../shared repeated (as the bench builds them). Its view
 * would be ~85 MB of text, past the 50 MB VS Code lets an extension see.
 */
const bigEvtxWorkspace = generated('big-evtx', BIG_EVTX, (file) => {
  const samples = join(ROOT, '..', 'shared', 'samples', 'evtx');
  writeEvtx(file, [...sampleChunks(join(samples, 'omerbenamram-evtx__system.evtx')), ...sampleChunks(join(samples, 'adsync-phs-sample.evtx'))], 1024);
});

const BIG_CSV = 'too-big-for-the-editor.csv';
/** How many events the generator wrote into BIG_CSV (known once its workspace is made). */
let bigCsvEvents = 0;
/**
 * A 60 MB Event Viewer CSV: past the 50 MB VS Code hands to an extension, so only *Analyze Log File…*
 * reads it, from disk (a UTF-8 file, in steps: the server answers meanwhile).
 */
const bigCsvWorkspace = generated('big-csv', BIG_CSV, (file) => {
  bigCsvEvents = writeExport(file, 'csv', { bytes: 60 * MiB }).events;
});

/** Clicks code-server's "Open Anyway" for a big file when it asks (within 15 s of opening it); whether it asked. */
async function openAnyway(h: Harness): Promise<boolean> {
  const button = h.page.getByRole('button', { name: 'Open Anyway' });
  const asked = await button.waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
  if (asked) await button.click();
  return asked;
}

/** The verdict the status bar gives once the open log is analysed. */
function statusBarVerdict(h: Harness): Promise<string> {
  return waitUntil('the verdict in the status bar', async () => {
    const text = (await h.page.locator('.statusbar-item', { hasText: /ADSync: .*errors?/ }).first().innerText().catch(() => '')).trim();
    return text || undefined;
  }, 120_000);
}

/** The rows of Findings once a verdict heads them. */
function findingsWithVerdict(h: Harness): Promise<TreeRow[]> {
  return waitUntil('the verdict in Findings', async () => {
    const r = await h.treeRows('Findings');
    return r.length > 0 && /^(Broken|Degraded|Healthy)\b/.test(r[0].label) ? r : undefined;
  }, 20_000);
}

export const flows: Flow[] = [
  {
    name: 'big log',
    needsExtension: true,
    workspace: bigWorkspace,
    timeoutMs: 240_000,
    async run({ h, check, note }) {
      const opened = await check(`${LOG} (10 MB) opens as an ADSync log and the status bar gives its verdict`, async () => {
        const t = Date.now();
        await h.openFile(LOG);
        // The extension switches the CSV to the ADSync language once the server has read its head.
        const lang = await waitUntil('the ADSync language in the status bar', async () => {
          const l = await h.languageIndicator();
          return /adsync/i.test(l) ? l : undefined;
        }, 30_000).catch(async () => `not ADSync: "${await h.languageIndicator()}"`);
        expect(/adsync/i.test(lang), `status bar language is ${lang}`);
        // Its first lines hold no catalogue event, so the status bar, not a squiggle, shows the analysis.
        const verdict = await statusBarVerdict(h);
        note(`"${verdict}" ${((Date.now() - t) / 1000).toFixed(1)} s after Quick Open`);
        expect(/ADSync: Broken/.test(verdict), `the status bar says "${verdict}"`);
        await h.screenshot('big-log-open');
      });
      if (!opened) return;

      await check('Problems holds VS Code\'s 1,000 per file, our note among them: "999 of N findings are shown as problems"', async () => {
        await h.openProblems({ minRows: 1, timeoutMs: 60_000 });
        await h.filterProblems('findings are shown as problems');
        const rows = await waitUntil('the note in Problems', async () => {
          const r = await h.readProblemRows();
          return r.some((x) => /999 of [\d,]+ findings are shown as problems/.test(x.text)) ? r : undefined;
        }, 20_000);
        note(`filtered Problems: ${clip(rows.map((r) => `${r.severity}: ${r.text}`).join(' | '), 300)}`);
        await h.screenshot('big-log-problems-note');
        await h.filterProblems('');
        await h.closePanel();
      });

      await check('Go to Symbol in Editor lists busy event types and folds the rest of each into "… N more"', async () => {
        await h.focusEditor();
        await h.press('Mod+Shift+O');
        const all = await waitUntil('the symbols', async () => {
          const rows = await h.quickInputRows();
          return rows.some((r) => /^\d+ · .*\(×[\d,]+\)/.test(r)) ? rows : undefined;
        }, 60_000);
        note(`symbols: ${clip(all.join(' | '), 300)}`);
        await h.fillQuickInput('@more');
        const folded = await waitUntil('"… N more" entries', async () => {
          const rows = await h.quickInputRows();
          return rows.some((r) => /^… [\d,]+ more\b/.test(r)) ? rows : undefined;
        }, 15_000);
        note(`filtered: ${clip(folded.join(' | '), 300)}`);
        await h.screenshot('big-log-symbols');
        await h.escape();
      });

      await check('after typing in a message, hovering a 611 still explains it', async () => {
        await h.moveCursorTo(TYPE_INTO);
        await h.press('End');
        await h.page.keyboard.press('ArrowLeft');
        await h.page.keyboard.type(TYPED, { delay: 40 });
        const typedAt = Date.now();
        expect(await h.isDirty(), 'the editor is not dirty after typing');
        expect((await h.countMatches(TYPE_INTO + TYPED)) === 1, 'the typed text is not in the document');
        const hover = await h.hoverOnText(',611,', { expect: /611/, timeoutMs: 30_000 });
        const squiggles = await h.waitForSquiggles('error', 15_000);
        note(`hover ${((Date.now() - typedAt) / 1000).toFixed(1)} s after the last key (Find, cursor and mouse moves included), ${squiggles} error squiggles in view: ${clip(hover.text, 200)}`);
        await h.screenshot('big-log-hover-after-typing');
        await h.escape();
        await h.runCommand('File: Revert File');
        await waitUntil('the edit to be reverted', async () => !(await h.isDirty()), 15_000);
      });
    },
  },
  {
    name: 'one-line XML',
    needsExtension: true,
    workspace: oneLineWorkspace,
    timeoutMs: 240_000,
    async run({ h, check, note }) {
      // Before the fix every event of the line got an inlay hint, and code-server froze laying them out.
      await check(`${ONE_LINE} (12 MB on one line) opens, gives its verdict, and the editor still answers: inlay hint and hover on its first event`, async () => {
        const t = Date.now();
        // code-server asks before it shows a file this big; its editor appears once that is answered.
        const opening = h.openFile(ONE_LINE);
        const asked = await openAnyway(h);
        await opening;
        note(asked ? 'code-server asked to open the big file anyway' : 'code-server opened it without asking');
        const verdict = await statusBarVerdict(h);
        note(`"${verdict}" ${((Date.now() - t) / 1000).toFixed(1)} s after Quick Open`);
        // The first catalogue event of the line, well inside the 10,000 characters VS Code draws of it.
        const head = readFileSync(join(CACHE, 'e2e-one-line-xml-workspace', ONE_LINE), 'utf8').slice(0, 8000);
        const id = /<Provider Name='Directory Synchronization'\/><EventID Qualifiers='0'>(6\d\d)<\/EventID>/.exec(head)?.[1];
        expect(id !== undefined, 'no Directory Synchronization event in the first 8,000 characters');
        const drawn = new RegExp(`>${id}\\s?· [A-Z][^<]*</EventID>`);
        const hint = await waitUntil(`the inlay hint after the ${id}`, async () => {
          // The editor draws a hint's spaces as no-break spaces.
          const text = (await h.visibleText()).replace(/\u00a0/g, ' ');
          return drawn.exec(text)?.[0];
        }, 30_000);
        note(`drawn: ${hint}`);
        const hover = await h.hoverOnText(`${id}</EventID>`, { expect: new RegExp(`\\b${id}\\b`), timeoutMs: 30_000 });
        note(`hover on ${id}: ${clip(hover.text, 200)}`);
        await h.screenshot('one-line-xml-hover');
        await h.escape();
      });

      // Three cursors in three events of the one line: each key is a change of three edits, which the
      // server works into those events alone. The problems and the status bar's counts must be those
      // of a full analysis of the new text, the timeline's among them (its domain failures, worked out
      // again once from all three events).
      await check(`with three cursors, renaming the domain of three 611s on the line to ${NEW_DOMAIN} renames their problems, and the counts are a full analysis's, the timeline's summary among the problems`, async () => {
        const text = readFileSync(join(CACHE, 'e2e-one-line-xml-workspace', ONE_LINE), 'utf8');
        const counts = (t: string) => {
          const { error, warning } = analyzeLogText(t).verdict.counts;
          return `${counted(error, 'error')}, ${counted(warning, 'warning')}`;
        };
        const before = counts(text);
        const after = counts(text.replace(OLD_DOMAIN, NEW_DOMAIN).replace(OLD_DOMAIN, NEW_DOMAIN).replace(OLD_DOMAIN, NEW_DOMAIN));
        expect(before !== after, `renaming the domain changes no count (${before}): the check would prove nothing`);
        const shown = await statusBarVerdict(h);
        expect(shown.includes(before), `the status bar says "${shown}" before typing, a full analysis ${before}`);
        // Far past the part of the line the editor lays out: the selection is made, not seen.
        await h.selectFirst(OLD_DOMAIN);
        // Add Selection To Next Find Match by its keys: the palette's Escape would undo the selection.
        await h.press('Mod+D');
        await h.press('Mod+D');
        await h.page.keyboard.type(NEW_DOMAIN, { delay: 40 });
        expect((await h.countMatches(NEW_DOMAIN)) === 3, `"${NEW_DOMAIN}" is not in the document three times`);
        const verdict = await waitUntil(`the status bar to say ${after}`, async () => {
          const v = await statusBarVerdict(h);
          return v.includes(after) ? v : undefined;
        }, 30_000).catch(async () => `(still) ${await statusBarVerdict(h)}`);
        note(`status bar: "${shown}" before, "${verdict}" after; a full analysis: ${before}, then ${after}`);
        expect(verdict.includes(after), `the status bar says "${verdict}", a full analysis ${after}`);
        await h.openProblems({ minRows: 1, timeoutMs: 60_000 });
        await h.filterProblems(NEW_DOMAIN);
        // The timeline's summary is among the 999 problems shown, though the log has more errors.
        const rows = await waitUntil(`three 611 problems and the timeline's naming ${NEW_DOMAIN}`, async () => {
          const r = await h.readProblemRows();
          const events = r.filter((x) => x.text.includes(`[domain ${NEW_DOMAIN}]`));
          return events.length === 3 && r.some((x) => x.text.includes(`domain ${NEW_DOMAIN} failed 3 times`)) ? r : undefined;
        }, 30_000);
        note(`filtered Problems: ${clip(rows.map((r) => `${r.severity}: ${r.text}`).join(' | '), 400)}`);
        // The panel lays its list out again a moment after the last diagnostics; the picture waits for that.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await h.screenshot('one-line-xml-three-cursors');
        await h.filterProblems('');
        await h.closePanel();
        await h.runCommand('File: Revert File');
        await waitUntil('the edit to be reverted', async () => !(await h.isDirty()), 15_000);
      });
    },
  },
  {
    name: 'big evtx',
    needsExtension: true,
    workspace: bigEvtxWorkspace,
    timeoutMs: 240_000,
    async run({ h, check, note }) {
      // Before, VS Code answered the double-click with "Unable to open …: Assertion Failed: Argument is `undefined` or `null`".
      const analysed = await check(`double-clicking ${BIG_EVTX} (64 MB) analyses it from disk: the panel says why, a notification gives the counts, Findings the verdict`, async () => {
        // Double-clicking before the extension's custom editor is registered opens the file in the text editor.
        await h.waitForActivation('ADSync Doctor', 'Troubleshooting guide');
        const t = Date.now();
        await h.explorerRow(BIG_EVTX).dblclick();
        const done = await waitUntil('the notification of the analysis', async () => {
          const dialog = await h.dialogText();
          expect(dialog === null, `a dialog: ${dialog}`);
          return (await h.notifications()).find((n) => /ADSync Doctor: [\d,]+ events read, [\d,]+ findings/.test(n));
        }, 120_000);
        note(`"${clip(done, 160)}" ${((Date.now() - t) / 1000).toFixed(1)} s after the double-click`);
        // The editor's panel (a webview, in a frame of its own) says why there is no text view.
        const panel = await waitUntil('the panel to say why', async () => {
          for (const frame of h.page.frames()) {
            const text = await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
            if (/is too big to show as text/.test(text)) return text;
          }
          return undefined;
        }, 10_000);
        note(`panel: ${clip(panel, 200)}`);
        const rows = await findingsWithVerdict(h);
        note(`Findings: ${clip(rows.map((r) => r.label).join(' | '), 240)}`);
        await h.screenshot('big-evtx-analysed');
      });
      if (!analysed) return;

      await check('"Open Report" on that notification opens the Markdown report of the log', async () => {
        await h.page.locator('.notification-toast-container .monaco-button', { hasText: 'Open Report' }).first().click();
        const heading = await waitUntil('the report in an editor', async () => {
          const text = (await h.visibleText().catch(() => '')).replace(/\u00a0/g, ' ');
          return /# ADSync Doctor report/.test(text) ? text : undefined;
        }, 20_000);
        note(`report: ${clip(heading, 240)}`);
        await h.screenshot('big-evtx-report');
      });
    },
  },
  {
    name: 'big CSV from the Explorer',
    needsExtension: true,
    workspace: bigCsvWorkspace,
    timeoutMs: 240_000,
    async run({ h, check, note }) {
      /** Right-clicks the CSV in the Explorer and chooses *Analyze Log File…*; when it was chosen. */
      const analyzeFromExplorer = async (): Promise<number> => {
        await h.waitForContributions('ADSync Doctor');
        await h.showExplorer();
        const item = h.page.locator('.monaco-menu .action-label', { hasText: 'Analyze Log File…' }).first();
        const clicked = () => item.click({ timeout: 5_000 }).then(() => true, () => false);
        // The menu has once closed before the click reached it, with nothing chosen: it is then opened again.
        for (let attempt = 1; attempt <= 3; attempt++) {
          await h.explorerRow(BIG_CSV).click({ button: 'right' });
          await item.waitFor({ state: 'visible', timeout: 10_000 });
          const t = Date.now();
          if (!(await clicked())) continue;
          // A menu opened again right after another can take the first click for the one that opened it;
          // a second click that finds the menu gone has nothing left to do.
          if (!(await item.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false))) await clicked();
          return t;
        }
        throw new Error('the Explorer\'s context menu closed before "Analyze Log File…" could be chosen, three times');
      };
      await check(`"Analyze Log File…" on ${BIG_CSV} stops at Cancel on its progress notification: no count, no error`, async () => {
        await analyzeFromExplorer();
        const toast = h.page.locator('.notification-toast-container .notification-toast', { hasText: 'analysing' }).first();
        const cancel = toast.locator('.monaco-button', { hasText: 'Cancel' }).first();
        await cancel.waitFor({ state: 'visible', timeout: 10_000 });
        await h.screenshot('big-csv-cancel');
        await cancel.click();
        await toast.waitFor({ state: 'hidden', timeout: 10_000 });
        // Read to its end, the file takes ~3 s: anything the analysis would say has come after 8.
        await h.page.waitForTimeout(8_000);
        const shown = await h.notifications();
        note(`notifications 8 s after Cancel: ${shown.length === 0 ? 'none' : clip(shown.join(' | '), 240)}`);
        expect(!shown.some((n) => /ADSync Doctor/.test(n)), `a notification after Cancel: ${shown.join(' | ')}`);
      });
      await check(`"Analyze Log File…" on ${BIG_CSV} (60 MB) in the Explorer's context menu reads it from disk: a notification counts every event, Findings gives the verdict`, async () => {
        const t = await analyzeFromExplorer();
        // Meanwhile its progress notification says how much of the file has been read, then that it is analysed.
        const progress = new Set<string>();
        let analysing = false;
        const done = await waitUntil('the notification of the analysis', async () => {
          const shown = await h.notifications();
          for (const n of shown) if (/MB read/.test(n)) progress.add(n);
          if (!analysing && shown.some((n) => /% done/.test(n))) {
            analysing = true;
            await h.screenshot('big-csv-analysing');
          }
          return shown.find((n) => /ADSync Doctor: [\d,]+ events read, [\d,]+ findings/.test(n));
        }, 120_000);
        note(`"${clip(done, 160)}" ${((Date.now() - t) / 1000).toFixed(1)} s after the click`);
        note(`progress: ${clip([...progress].join(' | '), 240)}`);
        expect([...progress].some((n) => /analysing too-big-for-the-editor\.csv: all 60 MB read, \d+% done/.test(n)), `no progress notification said the file was read and being analysed: ${[...progress].join(' | ')}`);
        const read = Number(/([\d,]+) events read/.exec(done)![1].replace(/,/g, ''));
        expect(read === bigCsvEvents, `the notification counts ${read} events; the file has ${bigCsvEvents}`);
        expect(/\d,\d{3} events read/.test(done), `the count is written with thousands separators: "${done}"`);
        const rows = await findingsWithVerdict(h);
        note(`Findings: ${clip(rows.map((r) => r.label).join(' | '), 240)}`);
        await h.screenshot('big-csv-analysed');
      });
    },
  },
];
