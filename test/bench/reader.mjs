// Reader throughput (plain node): bundles the reader with esbuild, then reads each corpus dialect and the
// PostgreSQL corpus concatenated ten times (~17 MB). Every figure starts from a cold per-statement
// parse cache; the 17 MB run is shown with node-sql-parser validation on (repeated copies then hit the
// cache, which is what the cache is for, and is labeled so) and with validation off (pure token reader).
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const corpus = resolve(root, '../shared/corpus');
const out = mkdtempSync(join(tmpdir(), 'normlint-bench-'));
const entry = join(out, 'entry.ts');
await build({
  stdin: {
    contents: `export { readFile } from ${JSON.stringify(join(root, 'server/src/core/reader/index.ts'))};
export { buildWorkspace } from ${JSON.stringify(join(root, 'server/src/core/workspace.ts'))};
export { validateCreateTable, clearParseCache, parseStats } from ${JSON.stringify(join(root, 'test/helpers/parser-crosscheck.ts'))};`,
    resolveDir: root, loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: join(out, 'reader.mjs'), logLevel: 'warning',
});
const core = await import(pathToFileURL(join(out, 'reader.mjs')).href);
rmSync(out, { recursive: true, force: true });

const MB = (n) => n / 1e6;
function time(fn) { const t0 = performance.now(); const r = fn(); return { r, s: (performance.now() - t0) / 1000 }; }
function resetStats() { for (const k of Object.keys(core.parseStats)) core.parseStats[k] = 0; }

const files = {};
for (const d of ['postgresql', 'mysql', 'sqlite']) {
  files[d] = readdirSync(join(corpus, d)).filter((f) => f.endsWith('.sql')).sort().map((f) => ({ name: f, text: readFileSync(join(corpus, d, f), 'utf8') }));
}

// one untimed pass so the figures measure the reader, not V8's JIT warming up
for (const d of Object.keys(files)) for (const f of files[d]) core.readFile(f.text, f.name, d);
/** readFile, then (test-only) node-sql-parser's cross-check of every CREATE TABLE: what validation in the bundle would cost. */
function readValidated(text, name, d) {
  const fm = core.readFile(text, name, d);
  for (const t of fm.tables) core.validateCreateTable(t, text.slice(t.span.start, t.span.end), d);
  return fm;
}
console.log('reader throughput (readFile + buildWorkspace), after one untimed warm-up pass; the token reader alone (the product),'
  + ' and with the test-only node-sql-parser cross-check (not bundled)');
for (const d of Object.keys(files)) {
  const bytes = files[d].reduce((n, f) => n + f.text.length, 0);
  const { s } = time(() => { for (const f of files[d]) core.buildWorkspace([core.readFile(f.text, f.name, d)]); });
  core.clearParseCache(); resetStats();
  const v = time(() => { for (const f of files[d]) core.buildWorkspace([readValidated(f.text, f.name, d)]); });
  const st = core.parseStats;
  console.log(`  ${d.padEnd(10)} ${files[d].length} files ${MB(bytes).toFixed(2)} MB: ${(MB(bytes) / s).toFixed(2)} MB/s (${s.toFixed(2)} s);`
    + ` with the node-sql-parser cross-check, cold cache: ${(MB(bytes) / v.s).toFixed(2)} MB/s (${v.s.toFixed(2)} s; ${st.parsed} parsed, ${st.rejected} rejected)`);
}

const pg = files.postgresql.map((f) => f.text).join('\n;\n');
const big = Array(10).fill(pg).join('\n;\n');
const { r, s } = time(() => core.buildWorkspace([core.readFile(big, 'pg-x10.sql', 'postgresql')]));
console.log(`  postgresql ×10 ${MB(big.length).toFixed(1)} MB in ${s.toFixed(2)} s = ${(MB(big.length) / s).toFixed(2)} MB/s; ${r.tables.length} tables (token reader)`);
core.clearParseCache(); resetStats();
const cold = time(() => readValidated(pg, 'pg.sql', 'postgresql'));
const bare = time(() => core.readFile(pg, 'pg.sql', 'postgresql'));
console.log(`  postgresql ×1 ${MB(pg.length).toFixed(2)} MB: with the cross-check ${cold.s.toFixed(2)} s, without ${bare.s.toFixed(2)} s`);

// Reading text cut anywhere (was timed in the reader-cuts unit test): 50 seeded cuts per PostgreSQL file.
{
  let slowest = 0, where = '', total = 0, n = 0, seed = 20261201;
  const random = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 4294967296; };
  for (const f of files.postgresql) {
    for (let k = 0; k < 50; k++) {
      const at = Math.floor(random() * f.text.length);
      const cut = k % 2 === 0 ? f.text.slice(0, at) : f.text.slice(0, at) + f.text.slice(Math.min(f.text.length, at + 1 + Math.floor(random() * 40)));
      const { s } = time(() => core.buildWorkspace([core.readFile(cut, f.name, 'postgresql')]));
      total += s; n++;
      if (s > slowest) { slowest = s; where = `${f.name} at ${at}`; }
    }
  }
  console.log(`  cut files: ${n} reads, mean ${(1000 * total / n).toFixed(1)} ms, slowest ${(1000 * slowest).toFixed(0)} ms (${where}; target < 1000 ms)`);
}
