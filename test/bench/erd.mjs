// ER diagram cost (issue 12) on musicbrainz.sql (375 tables) and adventureworks.sql (68 tables): what the
// normlint/erd request does after the analysis — the diagram model, dagre layout and SVG — for the whole
// schema (target ≤ 2 s) and for one table's neighbourhood (target ≤ 200 ms).
// musicbrainz.sql declares no FOREIGN KEY (upstream adds them in another file) but names each reference in a
// comment (`-- references artist.id`); "musicbrainz+fk" turns those 765 comments into REFERENCES, so the
// layout meets a connected 375-table graph.
// The core is bundled with esbuild into a temporary ESM file, since benches run on plain node.
// Usage: node test/bench/erd.mjs [--runs N]
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = resolve(import.meta.dirname, '../..');
const corpus = resolve(repo, '../shared/corpus/postgresql');
const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 5;

const dir = mkdtempSync(join(tmpdir(), 'normlint-bench-erd-'));
const entry = join(dir, 'entry.ts');
const core = join(repo, 'server/src/core');
writeFileSync(entry, `
export { analyzeSources } from ${JSON.stringify(join(core, 'analyze.ts'))};
export { defaultOptions } from ${JSON.stringify(join(core, 'options.ts'))};
export { buildDiagram, neighbourhood } from ${JSON.stringify(join(core, 'erd/model.ts'))};
export { layout } from ${JSON.stringify(join(core, 'erd/layout.ts'))};
export { toSvg } from ${JSON.stringify(join(core, 'erd/svg.ts'))};
export { toMermaid } from ${JSON.stringify(join(core, 'erd/mermaid.ts'))};
`);
const out = join(dir, 'core.mjs');
await build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
const m = await import(pathToFileURL(out).href);
rmSync(dir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn) {
  const ts = [];
  let r;
  for (let k = 0; k < RUNS; k++) { const t = performance.now(); r = fn(); ts.push(performance.now() - t); }
  return { ms: median(ts), max: Math.max(...ts), r };
}
const fmt = (t) => `${t.ms.toFixed(0)} ms (max ${t.max.toFixed(0)})`;

const musicbrainz = readFileSync(join(corpus, 'musicbrainz.sql'), 'utf8');
const withFks = musicbrainz.replace(/^(\s+\w+\s+[^,\n-]+?)(,?)([ \t]*--\s*references\s+(\w+)\.(\w+))/gim, '$1 REFERENCES $4($5)$2$3');
const inputs = [
  ['musicbrainz', musicbrainz],
  ['musicbrainz+fk', withFks],
  ['adventureworks', readFileSync(join(corpus, 'adventureworks.sql'), 'utf8')],
];

console.log(`ER diagram (median of ${RUNS} runs; analysis not included)`);
console.log('schema           tables  FKs  | whole: model + layout + SVG           | neighbourhood (depth 1, busiest table)');
for (const [name, text] of inputs) {
  const res = m.analyzeSources([{ file: `${name}.sql`, text }], m.defaultOptions);
  const whole = time(() => { const d = m.buildDiagram(res.workspace, res.findings); return { d, svg: m.toSvg(d, {}, m.layout(d)) }; });
  const d = whole.r.d;
  const lay = time(() => m.layout(d));
  const degree = new Map();
  for (const r of d.relationships) for (const id of [r.child, r.parent]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const busiest = [...degree].sort((a, b) => b[1] - a[1])[0]?.[0] ?? d.entities[0].id;
  const hood = time(() => { const all = m.buildDiagram(res.workspace, res.findings); const n = m.neighbourhood(all, busiest, 1); return { n, svg: m.toSvg(n) }; });
  // a typical table: every 15th table once each, median and slowest
  const sample = d.entities.filter((_, k) => k % 15 === 0).map((e) => {
    const t = performance.now(); const n = m.neighbourhood(m.buildDiagram(res.workspace, res.findings), e.id, 1); m.toSvg(n); return performance.now() - t;
  });
  console.log(`${name.padEnd(16)} ${String(d.entities.length).padStart(6)} ${String(d.relationships.length).padStart(4)}  | ${fmt(whole).padEnd(20)} (layout ${fmt(lay)}) | ${fmt(hood)}: ${busiest}, ${hood.r.n.entities.length} tables; ${sample.length} others: median ${median(sample).toFixed(0)} ms, max ${Math.max(...sample).toFixed(0)} ms`);
}
