// Random-edit fuzzing through the server: seeded edits of corpus files and cases, sent as an editor sends
// them (incremental didChange), each followed by a diagnostics pull. The server must never crash, and its
// diagnostics and fixes (code action titles and edits) must equal a fresh analysis of the same text
// (checked every CHECK_EVERY steps and at the end of each file) — this is what proves that incremental
// re-analysis (kept findings, shifted positions, fixes rebuilt when names change) is exact. How fast it
// answers is measured by npm run bench (test/bench/server.mjs), not asserted here.
// NORMLINT_FUZZ_EDITS (default 10000) and NORMLINT_FUZZ_SEED change the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, casesDir } from '../helpers/cases.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { LspClient, fileUri, type Diag } from './lsp-client.ts';
import { cliLines, diagLines } from './helpers.ts';
import { rng, randomEdit, apply, positionAt } from '../robustness/edits.ts';
import { beingTyped } from '../../server/src/lsp/fileDiagnostics.ts';
import { endOfChange } from '../../server/src/lsp/features/documentSync.ts';

const EDITS = Number(process.env.NORMLINT_FUZZ_EDITS ?? 10_000);
const SEED = Number(process.env.NORMLINT_FUZZ_SEED ?? 20261121);
const CHECK_EVERY = 40;
const FILES = [
  'postgresql/icinga2_ido.sql', 'postgresql/pagila.sql', 'postgresql/musicbrainz.sql', 'mysql/sakila.sql', 'mysql/roundcube.sql',
  'mysql/employees.sql', 'sqlite/chinook.sql', 'sqlite/zotero_userdata.sql', 'sqlite/calibre_metadata.sql', 'sqlite/synapse_main.sql', 'sqlite/powerdns.sql',
].map((f) => join(corpusDir, f)).concat(['09_ml_platform.sql', '26_course_textbook.sql', '35_ecommerce_mysql.sql', '41_course_registration.sql'].map((f) => join(casesDir, f)));

/**
 * A fresh, non-incremental analysis of the text, as "rule @range: message" lines. The server does not report
 * an unreadable statement still being typed (it holds the latest edit, no `;` yet): neither does this.
 */
function fresh(path: string, text: string, lastEdit?: number): { diags: string[]; fixes: string[] } {
  const findings = analyzeSources([{ file: path, text }], defaultOptions, { log: () => {} }).findings.filter((f) => !beingTyped(f, text, lastEdit));
  const fixes = findings.flatMap((f) => f.fixes.map((x) => fixLine(x.title, x.edits.map((e) => ({ range: e.createFile ? ZERO : e.range, newText: e.newText })))));
  return { diags: cliLines(findings), fixes: fixes.sort() };
}

type Range = Diag['range'];
const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const rs = (x: Range) => `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;
/** A fix as one comparable line: its title and its edits (order-insensitive). */
const fixLine = (title: string, edits: { range: Range; newText: string }[]) => `${title} :: ${edits.map((e) => `${rs(e.range)}=${JSON.stringify(e.newText)}`).sort().join(' ; ')}`;

interface CodeAction { title: string; disabled?: unknown; command?: unknown; edit?: { documentChanges?: ({ edits?: { range: Range; newText: string }[] })[] } }
/** The server's fixes for every finding of the file: code actions over the whole text, less disable/docs/fix-all. */
async function serverFixes(client: LspClient, uri: string, text: string): Promise<string[]> {
  const lines = text.split('\n');
  const range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
  const actions = (await client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } })) ?? [];
  return actions
    .filter((a) => a.edit && !a.disabled && !/^(Disable |Fix all safe normlint)/.test(a.title))
    .map((a) => fixLine(a.title, (a.edit!.documentChanges ?? []).flatMap((c) => c.edits ?? [])))
    .sort();
}

/** Findings carry `data`; file-level notices (unreadable file, unterminated comment) do not and are not findings. */
const findingsOnly = (ds: Diag[]) => ds.filter((d) => d.data !== undefined);

function same(want: string[], got: string[], what: string): void {
  if (JSON.stringify(want) === JSON.stringify(got)) return;
  const missing = want.filter((x) => !got.includes(x)).slice(0, 5);
  const extra = got.filter((x) => !want.includes(x)).slice(0, 5);
  assert.fail(`${what}\n missing: ${missing.join('\n          ')}\n extra:   ${extra.join('\n          ')}`);
}

test(`random edits through the server (${EDITS} edits, seed ${SEED})`, { timeout: 15 * 60_000 }, async () => {
  const r = rng(SEED);
  const client = await LspClient.start({ pull: true });
  const t0 = performance.now();
  let edits = 0, requests = 0, checks = 0, fixesCompared = 0, slowest = 0, slowestWhere = '';
  const perFile = Math.ceil(EDITS / FILES.length);
  try {
    for (const path of FILES) {
      let text = readFileSync(path, 'utf8');
      const uri = fileUri(path);
      let version = 1;
      client.open(uri, text, version);
      const base = await client.pull(uri);
      assert.deepEqual(diagLines(findingsOnly(base)), fresh(path, text).diags, `${path}: initial diagnostics differ from a fresh analysis`);
      let done = 0, steps = 0, lastEdit: number | undefined;
      while (done < perFile && edits < EDITS) {
        // 1–3 edits, then one diagnostics request (an editor coalesces fast typing the same way).
        const burst = 1 + Math.floor(r() * 3);
        for (let i = 0; i < burst && done < perFile && edits < EDITS; i++) {
          const e = randomEdit(text, r);
          const range = { start: positionAt(text, e.start), end: positionAt(text, e.end) };
          const before = text;
          text = apply(text, e);
          lastEdit = endOfChange(before, text);
          version++;
          if (r() < 0.05) client.change(uri, version, text); // sometimes a full-text change
          else client.changeRange(uri, version, range, e.text);
          done++; edits++;
        }
        steps++;
        const t = performance.now();
        const diags = await client.pull(uri);
        const ms = performance.now() - t;
        requests++;
        if (ms > slowest) { slowest = ms; slowestWhere = `${path} after ${done} edits`; }
        if (steps % CHECK_EVERY === 0 || done >= perFile || edits >= EDITS) {
          checks++;
          const want = fresh(path, text, lastEdit);
          same(want.diags, diagLines(findingsOnly(diags)), `${path} after ${done} edits (seed ${SEED}): server diagnostics differ from a fresh analysis`);
          same(want.fixes, await serverFixes(client, uri, text), `${path} after ${done} edits (seed ${SEED}): server fixes differ from a fresh analysis`);
          fixesCompared += want.fixes.length;
        }
      }
      client.close(uri);
    }
    // Still alive and answering.
    const probe = 'untitled:probe.sql';
    client.open(probe, 'CREATE TABLE p (id INT PRIMARY KEY);');
    await client.pull(probe);
  } finally {
    await client.stop();
  }
  for (const l of client.logs.filter((x) => /slow update/.test(x)).slice(0, 10)) console.log(`# ${l}`);
  const secs = (performance.now() - t0) / 1000;
  console.log(`# fuzz: ${edits} edits, ${requests} diagnostics requests, ${checks} full comparisons (${fixesCompared} fixes), ${FILES.length} files, slowest answer ${slowest.toFixed(0)} ms (${slowestWhere}), ${secs.toFixed(1)} s`);
  assert.equal(edits, EDITS);
  assert.ok(fixesCompared > 0, 'the comparisons included fixes');
});
