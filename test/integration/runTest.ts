/**
 * `npm run test:integration`: the mocha suite in suite/ inside a real extension host.
 *
 * Where it runs, first found wins:
 *  1. VS Code desktop through @vscode/test-electron — VSCODE_EXECUTABLE_PATH, or a VS Code that
 *     test-electron cached in .vscode-test/vscode-* (nothing is downloaded: this machine reaches only
 *     the npm registry and Debian).
 *  2. code-server (installed by scripts/install-code-server.mjs) + Debian Chromium: code-server
 *     refuses extensionDevelopmentPath/extensionTestsPath, so the suite is packed into a small
 *     "runner" extension that runs it when the extension host starts and writes a JSON summary.
 *  3. Neither: one line saying so, exit 0.
 * `--electron` or `--code-server` forces a mode (failing when it is not available).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { CACHE, CHROMIUM, CODE_SERVER_ENTRY, Harness, NODE24_BIN, ROOT, waitUntil } from '../e2e/harness';
import type { SuiteResult } from './suite/index';

const SUITE_DIR = join(__dirname, 'suite');
const WORKSPACE = join(ROOT, 'test', 'e2e', 'workspace');
const VSIX = join(ROOT, 'adsync-doctor.vsix');

/** Bundles suite/index.ts and every suite/*.test.ts into `outDir` (vscode and mocha stay external). */
async function compileSuite(outDir: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  const entries = readdirSync(SUITE_DIR)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(SUITE_DIR, f));
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

function findVsCode(): string | undefined {
  const env = process.env.VSCODE_EXECUTABLE_PATH;
  if (env) return existsSync(env) ? env : undefined;
  if (!existsSync(CACHE)) return undefined;
  for (const d of readdirSync(CACHE)) {
    if (!/^vscode-/.test(d) || !statSync(join(CACHE, d)).isDirectory()) continue;
    for (const exe of ['code', 'code-insiders', join('VSCode-linux-x64', 'code'), 'Code.exe']) {
      const p = join(CACHE, d, exe);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

function codeServerAvailable(): boolean {
  return existsSync(CODE_SERVER_ENTRY) && existsSync(NODE24_BIN) && existsSync(CHROMIUM);
}

function npm(args: string[]): void {
  const r = spawnSync('npm', args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed`);
}

async function runElectron(vscodeExecutablePath: string): Promise<number> {
  console.log(`integration: VS Code at ${vscodeExecutablePath} (@vscode/test-electron)`);
  npm(['run', 'build', '--silent']);
  const out = join(CACHE, 'integration-out');
  await compileSuite(out);
  const { runTests } = await import('@vscode/test-electron');
  const ws = join(CACHE, 'integration-workspace');
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(ws, { recursive: true });
  for (const f of readdirSync(WORKSPACE)) writeFileSync(join(ws, f), readFileSync(join(WORKSPACE, f)));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(out, 'index.js'),
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
}

const RUNNER_JS = `// Runs the integration suite in this extension host, then reports to ADSYNC_IT_RESULT.
const fs = require('fs');
exports.activate = async () => {
  const out = process.env.ADSYNC_IT_RESULT;
  if (!out) return;
  try {
    await require('./suite/index.js').run();
  } catch (e) {
    if (!fs.existsSync(out)) {
      fs.writeFileSync(out, JSON.stringify({ passed: 0, failed: 1, lines: ['✗ loading the suite: ' + String(e && e.stack || e)] }));
    }
  }
};
exports.deactivate = () => undefined;
`;

/** Packs the compiled suite into a runner extension (.vsix) that code-server can install. */
async function buildRunnerVsix(): Promise<string> {
  const dir = join(CACHE, 'integration-runner');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await compileSuite(join(dir, 'suite'));
  writeFileSync(join(dir, 'runner.js'), RUNNER_JS);
  writeFileSync(join(dir, 'README.md'), 'Runs the ADSync Doctor integration suite inside code-server (tests only).\n');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'integration-runner',
        displayName: 'ADSync Doctor integration runner',
        publisher: 'adsync-doctor-tests',
        version: '0.0.1',
        license: 'MIT',
        engines: { vscode: '^1.91.0' },
        main: './runner.js',
        activationEvents: ['onStartupFinished'],
        extensionDependencies: ['adsync-doctor.adsync-doctor'],
        capabilities: { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true },
      },
      null,
      2,
    ),
  );
  const vsix = join(CACHE, 'integration-runner.vsix');
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`packing the runner failed:\n${r.stdout}${r.stderr}`);
  return vsix;
}

async function runCodeServer(): Promise<number> {
  console.log('integration: no VS Code desktop here; running the suite in code-server 4.139.1 (VS Code 1.139.1) through a runner extension');
  npm(['run', 'package', '--silent']);
  const runnerVsix = await buildRunnerVsix();
  const resultFile = join(CACHE, `integration-result-${process.pid}.json`);
  rmSync(resultFile, { force: true });
  const h = await Harness.start({
    workspace: WORKSPACE,
    vsix: VSIX,
    extraVsix: [runnerVsix],
    name: 'integration',
    env: { ADSYNC_IT_RESULT: resultFile },
  });
  try {
    await waitUntil('the integration suite to finish', async () => existsSync(resultFile), 300_000, 500);
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as SuiteResult;
    for (const l of result.lines) console.log(`  ${l}`);
    console.log(`${result.passed} passed, ${result.failed} failed`);
    return result.failed > 0 || result.passed === 0 ? 1 : 0;
  } catch (e) {
    console.log(`✗ integration suite: ${e instanceof Error ? e.message : String(e)}`);
    await h.screenshot('FAIL-integration').catch(() => undefined);
    console.log('0 passed, 1 failed');
    return 1;
  } finally {
    await h.close();
    rmSync(resultFile, { force: true });
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const force = argv.includes('--electron') ? 'electron' : argv.includes('--code-server') ? 'code-server' : undefined;
  const exe = findVsCode();
  if (force === 'electron' || (!force && exe)) {
    if (!exe) throw new Error('no VS Code: set VSCODE_EXECUTABLE_PATH');
    return runElectron(exe);
  }
  if (force === 'code-server' || codeServerAvailable()) {
    if (!codeServerAvailable()) throw new Error('code-server or Chromium missing: run node scripts/install-code-server.mjs and apt-get install chromium');
    return runCodeServer();
  }
  console.log(
    'integration: skipped — no VS Code (set VSCODE_EXECUTABLE_PATH, or fill the test-electron cache in .vscode-test/) and no code-server (node scripts/install-code-server.mjs)',
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
