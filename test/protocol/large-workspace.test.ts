// A long first analysis must not block the server: on a large generated file (3,000 tables) the server answers
// other requests while it analyses, an edit made meanwhile is taken into account (never diagnostics of the
// outdated version), and the final diagnostics equal a fresh, one-call analysis of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { LspClient, fileUri, type Diag } from './lsp-client.ts';
import { cliLines, diagLines } from './helpers.ts';
import { positionAt } from '../robustness/edits.ts';

const TABLES = 3000;

/** Tables with findings of every rule (2NF/3NF, repeating groups, lists, unindexed FKs) and a few unreadable statements. */
function generate(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 500 === 7) out.push(`CREATE TABLE broken_${i} garbage (x);`);
    const cols = [`  id INT PRIMARY KEY`];
    if (i > 0) cols.push(`  parent_id INT REFERENCES t${i - 1}(id)`);
    if (i % 3 === 0) cols.push('  customer_id INT', '  customer_name TEXT', '  customer_email TEXT');
    if (i % 4 === 1) cols.push('  phone1 TEXT', '  phone2 TEXT', '  phone3 TEXT');
    if (i % 5 === 2) cols.push(`  tags TEXT -- comma-separated, e.g. 'red,green,blue'`);
    if (i % 7 === 3) cols.push('  dept_code TEXT', '  dept_title TEXT');
    cols.push(`  note_${i} TEXT`);
    out.push(`CREATE TABLE t${i} (\n${cols.join(',\n')}\n);`);
  }
  return out.join('\n\n') + '\n';
}

/** A server on a temp workspace folder holding the big generated file, and a tiny probe document outside
 *  that folder (so another engine answers it while the big one analyses), already opened. */
async function startLarge(pull: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'normlint-large-'));
  const s = await LspClient.start({ pull, rootPath: dir });
  const path = join(dir, 'large.sql');
  const probe = fileUri(join(tmpdir(), 'normlint-probe-outside', 'probe.sql'));
  s.open(probe, 'CREATE TABLE probe (id INT PRIMARY KEY);\n');
  return { dir, s, path, uri: fileUri(path), v1: generate(TABLES), probe };
}

const fresh = (path: string, text: string) => cliLines(analyzeSources([{ file: path, text }], defaultOptions).findings);
const findingsOnly = (ds: Diag[]) => ds.filter((d) => d.data !== undefined);

test(`the server answers other requests during a long first analysis (${TABLES} tables), and ends with exact diagnostics`, { timeout: 5 * 60_000 }, async () => {
  const { dir, s, path, uri, v1, probe } = await startLarge(true);
  try {
    await s.pull(probe);
    const hoverProbe = () => s.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: probe }, position: { line: 0, character: 14 } });
    assert.ok(await hoverProbe(), 'no hover on the probe');

    s.open(uri, v1, 1);
    let answered = false;
    const t0 = performance.now();
    const firstPull = s.pull(uri).then((d) => { answered = true; return { d, ms: performance.now() - t0 }; });
    // Another request while the first analysis runs: answered before it ends.
    const h = await hoverProbe();
    const probeMs = performance.now() - t0;
    assert.ok(h, 'no hover on the probe during the analysis');
    assert.ok(!answered, `the probe was answered only after the analysis (${probeMs.toFixed(0)} ms)`);
    // A request on the big file waits for its analysis, but its cancellation is answered at once.
    const cts = new CancellationTokenSource();
    const waiting = s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } }, cts.token);
    cts.cancel();
    await assert.rejects(waiting, (err: { code?: number }) => err.code === -32800, 'the cancelled hover was not answered with RequestCancelled');
    assert.ok(!answered, 'the cancellation was answered only after the analysis');
    // An edit while it runs (adds a transitive dependency to t10): the pending pull answers for it, not for v1.
    const at = v1.indexOf('  note_10 TEXT');
    const insert = '  city_id INT,\n  city_name TEXT,\n';
    const v2 = v1.slice(0, at) + insert + v1.slice(at);
    const pos = positionAt(v1, at);
    s.changeRange(uri, 2, { start: pos, end: pos }, insert);
    const probes: number[] = [probeMs];
    while (!answered) {
      const t = performance.now();
      await Promise.all([hoverProbe(), s.request('textDocument/codeLens', { textDocument: { uri: probe } })]);
      probes.push(performance.now() - t);
    }
    const { d: first, ms } = await firstPull;
    const want2 = fresh(path, v2);
    assert.notDeepEqual(want2, fresh(path, v1), 'the edit changes no finding: the test proves nothing');
    assert.deepEqual(diagLines(findingsOnly(first)), want2, 'diagnostics answered during the edit differ from a fresh analysis of the edited text');
    console.log(`# first analysis ${ms.toFixed(0)} ms; ${probes.length} probes answered meanwhile, slowest ${Math.max(...probes).toFixed(0)} ms`);
    assert.ok(probes.length >= 2, 'the server answered no request during the analysis');

    // The analysis cache serves every table afterwards (hover, dependencies on the last table).
    const lastLine = v2.split('\n').findIndex((l) => l.startsWith(`CREATE TABLE t${TABLES - 1} `));
    const deps = await s.request<{ table: string; candidateKeys: string[][] } | null>('normlint/dependencies', { uri, position: { line: lastLine, character: 14 } });
    assert.equal(deps?.table, `t${TABLES - 1}`);
    assert.deepEqual(deps?.candidateKeys, [['id']]);

    // A file-wide change (an unterminated comment at the top, then removed): full analyses again, exact.
    s.changeRange(uri, 3, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '/* ');
    const pending = s.pull(uri);
    s.changeRange(uri, 4, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, '');
    await pending;
    assert.deepEqual(diagLines(findingsOnly(await s.pull(uri))), want2, 'diagnostics after a file-wide change and its undo differ from a fresh analysis');
    assert.equal(s.logs.filter((l) => /analysis failed|uncaught|unhandled/.test(l)).length, 0, s.logs.join('\n'));
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test(`push mode: diagnostics of a long analysis are published for the current version only (${TABLES} tables)`, { timeout: 5 * 60_000 }, async () => {
  const { dir, s, path, uri, v1, probe } = await startLarge(false);
  try {
    await s.waitFor(() => s.pushed.get(probe), 10_000, 'probe diagnostics');
    const published: { version?: number; diagnostics: Diag[] }[] = [];
    s.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diag[] }) => { if (p.uri === uri) published.push(p); });
    s.open(uri, v1, 1);
    // Wait until the analysis has started (the push is debounced), then edit while it runs.
    await new Promise((r) => setTimeout(r, 300));
    const h = await s.request('textDocument/hover', { textDocument: { uri: probe }, position: { line: 0, character: 14 } });
    assert.ok(h, 'no hover on the probe during the analysis');
    assert.equal(published.length, 0, 'published before the edit: the analysis was not running, the test proves nothing');
    const at = v1.indexOf('  note_20 TEXT');
    const insert = '  city_id INT,\n  city_name TEXT,\n';
    const v2 = v1.slice(0, at) + insert + v1.slice(at);
    const pos = positionAt(v1, at);
    s.changeRange(uri, 2, { start: pos, end: pos }, insert);
    await s.waitFor(() => published.find((p) => p.version === 2), 120_000, 'diagnostics of version 2');
    await new Promise((r) => setTimeout(r, 500)); // anything published late
    assert.deepEqual(published.map((p) => p.version), [2], 'diagnostics published for an outdated version, or twice');
    assert.deepEqual(diagLines(findingsOnly(published[0].diagnostics)), fresh(path, v2));
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
