import { readFileSync } from 'node:fs';
import { TestClient } from '../test/lsp/client';
import { decodeBytes } from '../server/src/service/formats/text';
import { FindingsTreeRequest, VerdictRequest } from '../server/src/protocol';
(async () => {
  for (const file of process.argv.slice(2)) {
    const text = decodeBytes(readFileSync(file));
    const c = new TestClient();
    await c.initialize();
    const uri = `file://${file}`;
    let t = Date.now();
    const lines = text.split(/\r\n|\r|\n/);
    await c.open(uri, text);
    const out: string[] = [];
    try {
      const d = await c.diagnosticsFor(uri, 1, 120000);
      out.push(`${file}: diagnostics ${d.diagnostics.length} in ${Date.now() - t} ms: ${JSON.stringify(d.diagnostics[0]?.message ?? '').slice(0, 120)}`);
    } catch (e) { out.push(`${file}: NO DIAGNOSTICS ${(e as Error).message.slice(0, 200)}`); }
    const doc = { uri };
    const last = lines.length - 1;
    const whole = { start: { line: 0, character: 0 }, end: { line: last, character: lines[last].length } };
    const tries: [string, string, unknown][] = [
      ['symbols', 'textDocument/documentSymbol', { textDocument: doc }],
      ['folding', 'textDocument/foldingRange', { textDocument: doc }],
      ['tokens/full', 'textDocument/semanticTokens/full', { textDocument: doc }],
      ['tokens/range', 'textDocument/semanticTokens/range', { textDocument: doc, range: whole }],
      ['inlay', 'textDocument/inlayHint', { textDocument: doc, range: whole }],
      ['hover', 'textDocument/hover', { textDocument: doc, position: { line: 0, character: 3 } }],
      ['hover end', 'textDocument/hover', { textDocument: doc, position: whole.end }],
      ['codeAction', 'textDocument/codeAction', { textDocument: doc, range: whole, context: { diagnostics: [] } }],
    ];
    for (const [name, m, p] of tries) {
      t = Date.now();
      try {
        const r = await c.connection.sendRequest(m, p);
        out.push(`  ${name}: ${Date.now() - t} ms, ${(JSON.stringify(r) ?? '').length} chars`);
      } catch (e) { out.push(`  ${name}: ERROR ${(e as Error).message.slice(0, 150)} (${Date.now() - t} ms)`); }
    }
    for (const [name, f] of [['tree', () => c.connection.sendRequest(FindingsTreeRequest.type, {})], ['verdict', () => c.connection.sendRequest(VerdictRequest.type, { uri })]] as const) {
      t = Date.now();
      try { const r = await f(); out.push(`  ${name}: ${Date.now() - t} ms, ${(JSON.stringify(r) ?? '').length} chars`); } catch (e) { out.push(`  ${name}: ERROR ${(e as Error).message.slice(0, 150)}`); }
    }
    out.push(`  alive: ${c.process.exitCode === null}; stderr: ${c.stderr.slice(0, 300)}`);
    console.log(out.join('\n'));
    await c.shutdown().catch(() => undefined);
  }
  process.exit(0);
})();
