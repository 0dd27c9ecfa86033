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
export { setParserValidation, clearParseCache, parseStats } from ${JSON.stringify(join(root, 'server/src/core/reader/validate.ts'))};`,
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
core.setParserValidation(false);
for (const d of Object.keys(files)) for (const f of files[d]) core.readFile(f.text, f.name, d);
console.log('reader throughput (readFile + buildWorkspace), after one untimed warm-up pass; default = token reader, node-sql-parser validation off');
for (const d of Object.keys(files)) {
  core.clearParseCache(); resetStats(); core.setParserValidation(false);
  const bytes = files[d].reduce((n, f) => n + f.text.length, 0);
  const { s } = time(() => { for (const f of files[d]) core.buildWorkspace([core.readFile(f.text, f.name, d)]); });
  core.clearParseCache(); resetStats(); core.setParserValidation(true);
  const v = time(() => { for (const f of files[d]) core.buildWorkspace([core.readFile(f.text, f.name, d)]); });
  const st = core.parseStats;
  console.log(`  ${d.padEnd(10)} ${files[d].length} files ${MB(bytes).toFixed(2)} MB: ${(MB(bytes) / s).toFixed(2)} MB/s (${s.toFixed(2)} s);`
    + ` with node-sql-parser validation, cold cache: ${(MB(bytes) / v.s).toFixed(2)} MB/s (${v.s.toFixed(2)} s; ${st.parsed} parsed, ${st.rejected} rejected)`);
  core.setParserValidation(false);
}

const pg = files.postgresql.map((f) => f.text).join('\n;\n');
const big = Array(10).fill(pg).join('\n;\n');
const runs = [
  ['default: token reader, validation off (no parse cache involved)', false],
  ['validation on, cold cache; copies 2–10 hit the per-statement cache', true],
];
for (const [label, on] of runs) {
  core.clearParseCache(); resetStats(); core.setParserValidation(on);
  const { r, s } = time(() => core.buildWorkspace([core.readFile(big, 'pg-x10.sql', 'postgresql')]));
  const st = core.parseStats;
  console.log(`  postgresql ×10 ${MB(big.length).toFixed(1)} MB in ${s.toFixed(2)} s = ${(MB(big.length) / s).toFixed(2)} MB/s; ${r.tables.length} tables`
    + ` — ${label}${on ? ` (${st.parsed} parsed, ${st.cacheHits} cache hits)` : ''}`);
}
// one copy, cold, with validation: ten copies without the cache would cost ~10× this
core.clearParseCache(); resetStats(); core.setParserValidation(true);
const cold = time(() => core.readFile(pg, 'pg.sql', 'postgresql'));
core.setParserValidation(false);
const bare = time(() => core.readFile(pg, 'pg.sql', 'postgresql'));
core.setParserValidation(false);
console.log(`  postgresql ×1 ${MB(pg.length).toFixed(2)} MB: cold with validation ${cold.s.toFixed(2)} s, without ${bare.s.toFixed(2)} s`
  + ` → ten uncached copies would take ≈ ${(10 * cold.s).toFixed(1)} s (${(MB(big.length) / (10 * cold.s)).toFixed(2)} MB/s)`);
