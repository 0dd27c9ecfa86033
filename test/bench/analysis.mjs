// Dependency analysis cost on top of reading, on the PostgreSQL corpus ×10 (≈17 MB, ten copies of every
// file in one workspace, as a big repository would be). Target: analysis ≤ 20 % of reading time.
//   read      = readFile of every file + buildWorkspace
//   analysis  = analyzeTable for every table (sources, candidate keys, normal form) + classify (which
//               dependencies break 2NF/3NF/BCNF); then, printed apart, the three rules turning them into
//               findings, whose fixes (fix/index.ts dependencyFixes) are built by the fixes work
//   (--all: also analyzeWorkspace with every rule, printed for information)
// The core is bundled with esbuild into a temporary ESM file, since benches run on plain node.
// Usage: node test/bench/analysis.mjs [--copies N] [--runs N] [--all]
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = resolve(import.meta.dirname, '../..');
const corpus = resolve(repo, '../shared/corpus/postgresql');
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const COPIES = arg('copies', 10);
const RUNS = arg('runs', 5);
const ALL = process.argv.includes('--all');

const dir = mkdtempSync(join(tmpdir(), 'normlint-bench-'));
const entry = join(dir, 'entry.ts');
const core = join(repo, 'server/src/core');
writeFileSync(entry, `
export { readFile } from ${JSON.stringify(join(core, 'reader/index.ts'))};
export { buildWorkspace } from ${JSON.stringify(join(core, 'workspace.ts'))};
export { analyzeWorkspace } from ${JSON.stringify(join(core, 'analyze.ts'))};
export { analyzeTable } from ${JSON.stringify(join(core, 'fd/analyze.ts'))};
export { rules } from ${JSON.stringify(join(core, 'rules/index.ts'))};
export { classify } from ${JSON.stringify(join(core, 'fd/violations.ts'))};
export { breaksFirstNormalForm } from ${JSON.stringify(join(core, 'nf1/index.ts'))};
export { defaultOptions } from ${JSON.stringify(join(core, 'options.ts'))};
`);
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: join(dir, 'core.mjs'), logLevel: 'warning' });
const { readFile, buildWorkspace, analyzeWorkspace, analyzeTable, classify, breaksFirstNormalForm, rules, defaultOptions } = await import(pathToFileURL(join(dir, 'core.mjs')).href);
rmSync(dir, { recursive: true, force: true });

const sources = [];
for (const name of readdirSync(corpus).filter((f) => f.endsWith('.sql')).sort()) {
  const text = readFileSync(join(corpus, name), 'utf8');
  for (let c = 0; c < COPIES; c++) sources.push({ file: `/bench/copy${c}/${name}`, text });
}
const bytes = sources.reduce((n, s) => n + s.text.length, 0);
const options = { ...defaultOptions, dialect: 'postgresql' };
const depRules = rules.filter((r) => ['partial-dependency', 'transitive-dependency', 'bcnf-violation'].includes(r.meta.id));
const texts = new Map(sources.map((s) => [s.file, s.text]));
const textOf = (f) => texts.get(f) ?? '';

const results = [];
for (let run = 0; run < RUNS; run++) {
  globalThis.gc?.();
  let t0 = performance.now();
  const files = sources.map((s) => readFile(s.text, s.file, 'postgresql'));
  const ws = buildWorkspace(files);
  const read = performance.now() - t0;

  // 1NF detection (the 1NF work's code, cached per table) is timed apart: analyzeTable only asks it for 'UNF'.
  globalThis.gc?.();
  t0 = performance.now();
  for (const t of ws.tables) breaksFirstNormalForm(t, ws);
  const nf1 = performance.now() - t0;

  globalThis.gc?.();
  t0 = performance.now();
  const cache = new Map();
  const analysis = (t) => { let a = cache.get(t); if (!a) { a = analyzeTable(t, ws, options); cache.set(t, a); } return a; };
  let violations = 0;
  for (const t of ws.tables) violations += classify(t, analysis(t)).length;
  const tables = performance.now() - t0;
  const byFile = new Map(ws.files.map((f) => [f.file, f]));
  const ctx = { workspace: ws, options, analysis, textOf, fileOf: (f) => byFile.get(f), tables: ws.tables };
  let findings = 0;
  for (const r of depRules) findings += r.check(ctx).length;
  const analysisMs = performance.now() - t0;

  let allMs = NaN, allFindings = NaN;
  if (ALL) {
    globalThis.gc?.();
    t0 = performance.now();
    allFindings = analyzeWorkspace(ws, options, textOf).findings.length;
    allMs = performance.now() - t0;
  }
  results.push({ read, nf1, tables, violations, analysisMs, allMs, findings, allFindings, tableCount: ws.tables.length });
}

const best = (k) => Math.min(...results.map((r) => r[k]));
const r0 = results[0];
const read = best('read'), analysis = best('analysisMs');
console.log(`PostgreSQL corpus ×${COPIES}: ${(bytes / 1e6).toFixed(1)} MB, ${sources.length} files, ${r0.tableCount} tables (best of ${RUNS} runs)`);
console.log(`  read (readFile + buildWorkspace):          ${read.toFixed(0)} ms`);
console.log(`  1NF detection (cached, not counted below): ${best('nf1').toFixed(0)} ms`);
const deps = best('tables');
// The machine may be shared: ratios are also taken per run (same conditions for both) and the median kept.
const ratios = results.map((r) => (100 * r.tables) / r.read).sort((a, b) => a - b);
const median = ratios[Math.floor(ratios.length / 2)];
console.log(`  dependency analysis (analyzeTable + classify, ${r0.violations} violations): ${deps.toFixed(0)} ms = ${(100 * deps / read).toFixed(1)} % of reading (target ≤ 20 %)`);
console.log(`  per-run ratio analysis/read: median ${median.toFixed(1)} % (analysis/read per run, in order: ${results.map((r) => `${r.tables.toFixed(0)}/${r.read.toFixed(0)}`).join(', ')} ms)`);
console.log(`  the same + the three rules building findings with fixes (${r0.findings} findings): ${analysis.toFixed(0)} ms = ${(100 * analysis / read).toFixed(1)} % of reading`);
if (ALL) console.log(`  all rules, analyzeWorkspace (${r0.allFindings} findings): ${best('allMs').toFixed(0)} ms = ${(100 * best('allMs') / read).toFixed(1)} % of reading`);
if (deps > 0.2 * read && median > 20) console.log('  ABOVE TARGET');

// A wide table (was a timed unit test): 200 columns, naming dependencies, three candidate keys.
{
  const cols = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? `thing${i}_id INT` : i % 4 === 1 ? `thing${i - 1}_name TEXT` : `c${i} TEXT`));
  const text = `CREATE TABLE wide (id INT PRIMARY KEY, ${cols.join(', ')}, UNIQUE (c2, c3), UNIQUE (c6, c7));`;
  const ws = buildWorkspace([readFile(text, 'w.sql', 'postgresql')]);
  const times = [];
  for (let i = 0; i < 5; i++) { const t0 = performance.now(); analyzeTable(ws.tables[0], ws, defaultOptions); times.push(performance.now() - t0); }
  console.log(`  200-column table, analyzeTable: best ${Math.min(...times).toFixed(1)} ms of 5 (target < 100 ms)`);
}
