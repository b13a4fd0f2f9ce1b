/**
 * A second LSP client: Neovim (Debian's 0.7.2, headless) starts the built server over stdio, opens a
 * CSV export and asks for the hover on a 611. Neovim is required: CI installs it (.ci/run); without
 * it this test fails and says so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverPath } from './client';

const NVIM = process.env.NVIM_PATH ?? 'nvim';
const HARD_TIMEOUT_MS = 60_000;
const MARK = 'ADSYNC-HOVER:';

const csv = [
  'Level,Date and Time,Source,Event ID,Task Category',
  'Information,11/21/2026 8:02:12 AM,Directory Synchronization,657,None,"Password Change Result - Anchor: bXlVc2VyMDE=, Dn: CN=Dana Ortiz,OU=Staff,DC=contoso,DC=com, Result: Failed."',
  'Error,11/21/2026 8:14:02 AM,Directory Synchronization,611,None,"Password synchronization failed for domain: contoso.com. Microsoft.Online.PasswordSynchronization.DirectoryReplicationServices.DrsException: RPC Error 8439: The distinguished name specified for this replication operation is invalid. There was an error calling _IDL_DRSGetNCChanges."',
  '',
].join('\r\n');

/**
 * Runs in Neovim: starts the server, attaches it to the log, waits for `initialized`, asks for the
 * hover at the 611 and writes it to stdout as JSON after MARK. Any failure is written there too.
 * vim.lsp.start_client and buf_attach_client: 0.7 has no vim.lsp.start.
 */
const lua = `
local function out(s) io.stdout:write(s .. '\\n'); io.stdout:flush() end
local ok, err = pcall(function()
  local log = vim.env.ADSYNC_LOG
  vim.cmd('edit ' .. vim.fn.fnameescape(log))
  local buf = vim.api.nvim_get_current_buf()
  -- The filetype becomes the languageId of didOpen.
  vim.bo[buf].filetype = 'adsync-log'
  local id = vim.lsp.start_client({
    name = 'adsync-doctor',
    cmd = { vim.env.ADSYNC_NODE, vim.env.ADSYNC_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(log, ':h'),
  })
  assert(id, 'start_client returned nil')
  assert(vim.lsp.buf_attach_client(buf, id), 'buf_attach_client failed')
  local client = vim.lsp.get_client_by_id(id)
  assert(vim.wait(15000, function() return client.initialized end, 20), 'the client was not initialized within 15 s')
  local line, character
  for i, text in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = text:find(',611,', 1, true)
    if col then line, character = i - 1, col break end
  end
  assert(line, 'no 611 in the buffer')
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
  local results, why = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000)
  assert(results, 'no hover answer: ' .. tostring(why))
  local answer = results[id]
  assert(answer, 'no answer from the adsync-doctor client')
  assert(not answer.err, 'hover error: ' .. vim.inspect(answer.err))
  out('${MARK}' .. vim.fn.json_encode({ line = line, character = character, result = answer.result }))
  vim.lsp.stop_client(id)
end)
if not ok then out('${MARK}' .. vim.fn.json_encode({ error = tostring(err) })) end
vim.cmd('qa!')
`;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs Neovim in its own process group; the whole group (Neovim and the server it started) is killed on timeout and in any case at the end. */
async function runNvim(args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(NVIM, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const killGroup = (): void => {
    if (!child.pid) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<Run>((resolve, reject) => {
      child.on('error', reject);
      timer = setTimeout(() => {
        timedOut = true;
        killGroup();
      }, HARD_TIMEOUT_MS);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, timedOut }));
    });
  } finally {
    clearTimeout(timer);
    killGroup();
  }
}

test('Neovim (headless, vim.lsp) gets the 611 hover from the server over stdio', { timeout: HARD_TIMEOUT_MS + 10_000 }, async () => {
  const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (version.error || version.status !== 0) {
    assert.fail(`Neovim (${NVIM}) is needed for this test and could not be run (${version.error?.message ?? `exit ${version.status}`}). Install it: apt-get install -y neovim (CI's .ci/run does).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'adsync-nvim-'));
  try {
    const log = join(dir, 'phs-export.csv');
    const script = join(dir, 'hover.lua');
    writeFileSync(log, csv);
    writeFileSync(script, lua);
    const run = await runNvim(['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], {
      ADSYNC_LOG: log,
      ADSYNC_SERVER: serverPath,
      ADSYNC_NODE: process.execPath,
      // Keeps Neovim's own files (LSP log, state) in the temporary folder.
      XDG_STATE_HOME: dir,
      XDG_CACHE_HOME: dir,
      XDG_DATA_HOME: dir,
      XDG_CONFIG_HOME: dir,
    });
    const context = `${version.stdout.split('\n')[0]}; exit ${run.code ?? run.signal}${run.timedOut ? ` (killed after ${HARD_TIMEOUT_MS / 1000} s)` : ''}; stdout: ${run.stdout.slice(0, 2000)}; stderr: ${run.stderr.slice(0, 2000)}`;
    const line = run.stdout.split('\n').find((l) => l.startsWith(MARK));
    assert.ok(line, `Neovim printed no hover. ${context}`);
    const answer = JSON.parse(line.slice(MARK.length)) as { error?: string; line?: number; character?: number; result?: { contents?: { kind?: string; value?: string } } };
    assert.equal(answer.error, undefined, `the Lua script failed: ${answer.error}. ${context}`);
    assert.equal(answer.line, 2, 'the 611 is on the third line');
    const contents = answer.result?.contents;
    assert.equal(contents?.kind, 'markdown', `hover contents: ${JSON.stringify(answer.result)}`);
    const markdown = contents.value ?? '';
    assert.match(markdown, /DC replication refused/, markdown);
    assert.match(markdown, /https:\/\/learn\.microsoft\.com\/\S+/, markdown);
    assert.ok(!run.timedOut, `Neovim did not quit by itself. ${context}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
