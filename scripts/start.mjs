#!/usr/bin/env node
// `npm start`: builds and packages ADSync Doctor, installs it into a private VS Code (code-server,
// see shared/e2e.md), and serves that VS Code on http://127.0.0.1:8080 with samples/ open.
// Ctrl+C stops it. PORT=NNNN picks another port; START_WORKSPACE=DIR another folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { CACHE, CODE_SERVER_ENTRY, NODE24_BIN, ROOT, installCodeServer, isInstalled } from './install-code-server.mjs';

const HOST = '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const WORKSPACE = resolve(process.env.START_WORKSPACE ?? join(ROOT, 'samples'));
const VSIX = join(ROOT, 'adsync-doctor.vsix');
const USER_DATA = join(CACHE, 'start-user-data');
const EXTENSIONS = join(CACHE, 'start-extensions');

function step(msg) {
  console.log(`\n> ${msg}`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

/** The parent of process `pid` (Linux's /proc), or null where that cannot be read. */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function portInUse(port) {
  return new Promise((res) => {
    const s = createConnection({ host: HOST, port });
    s.once('connect', () => {
      s.destroy();
      res(true);
    });
    s.once('error', () => res(false));
  });
}

async function main() {
  if (await portInUse(PORT)) {
    console.error(`Port ${PORT} on ${HOST} is taken (another \`npm start\`?). Stop it, or run with PORT=8081 npm start.`);
    process.exit(1);
  }
  if (!existsSync(WORKSPACE)) {
    console.error(`Workspace folder ${WORKSPACE} does not exist.`);
    process.exit(1);
  }

  step('npm run package (build + vsce package → adsync-doctor.vsix)');
  run('npm', ['run', 'package', '--silent']);

  step('code-server 4.139.1 on Node 24 (installed once into .vscode-test/)');
  if (!isInstalled()) installCodeServer();
  else console.log('already installed');

  step('installing adsync-doctor.vsix into a private profile (.vscode-test/start-*)');
  mkdirSync(join(USER_DATA, 'User'), { recursive: true });
  mkdirSync(EXTENSIONS, { recursive: true });
  const settings = join(USER_DATA, 'User', 'settings.json');
  if (!existsSync(settings)) {
    writeFileSync(
      settings,
      JSON.stringify(
        {
          'workbench.startupEditor': 'none',
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
        },
        null,
        2,
      ),
    );
  }
  run(NODE24_BIN, [CODE_SERVER_ENTRY, '--config', join(USER_DATA, 'config.yaml'), '--user-data-dir', USER_DATA, '--extensions-dir', EXTENSIONS, '--install-extension', VSIX, '--force']);

  step(`starting VS Code (code-server) on http://${HOST}:${PORT}`);
  const child = spawn(
    NODE24_BIN,
    [
      CODE_SERVER_ENTRY,
      '--config', join(USER_DATA, 'config.yaml'),
      '--auth', 'none',
      '--bind-addr', `${HOST}:${PORT}`,
      '--user-data-dir', USER_DATA,
      '--extensions-dir', EXTENSIONS,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      WORKSPACE,
    ],
    { detached: true, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PASSWORD: undefined } },
  );

  let stopping = false;
  const stop = (sig) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${sig}: stopping code-server (pid ${child.pid})…`);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      process.exit(0);
    }, 3000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  // npm does not pass SIGTERM on, and its `sh -c` may outlive it: stop too when either is gone.
  const ancestors = [process.ppid, parentOf(process.ppid)];
  setInterval(() => {
    const now = [process.ppid, parentOf(process.ppid)];
    if (now.some((pid, i) => pid !== ancestors[i])) stop('npm is gone');
  }, 500).unref();
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`code-server exited (${code ?? signal})`);
    process.exit(stopping ? 0 : 1);
  });

  // Print the URL once it answers.
  const url = `http://${HOST}:${PORT}/?folder=${encodeURIComponent(WORKSPACE)}`;
  for (let i = 0; i < 240 && !stopping; i++) {
    try {
      const res = await fetch(`http://${HOST}:${PORT}/healthz`);
      if (res.ok) {
        console.log(`\n  ADSync Doctor in VS Code:  ${url}\n  (workspace: ${WORKSPACE}; Ctrl+C to stop)\n`);
        return;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
