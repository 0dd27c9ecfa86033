// The CLI on the PostgreSQL corpus concatenated ×10 (17 MB): wall time and peak RSS of
// `normlint check --format json`, and — when --squawk PATH (or NORMLINT_SQUAWK) names squawk's binary — of
// `squawk` on the same file in the same run, with the ratio. squawk is on the npm registry as squawk-cli; its
// binary is the optional dependency @squawk-cli/linux-x64 (npm install --prefix /tmp/squawk squawk-cli →
// /tmp/squawk/node_modules/@squawk-cli/linux-x64/bin/squawk). It is a comparison only, not a dependency.
// Usage: node test/bench/cli.mjs [--squawk PATH] [--runs N]
// Figures depend on machine load: the load average is printed with them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const corpus = resolve(repo, '../shared/corpus/postgresql');
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const squawk = arg('squawk', process.env.NORMLINT_SQUAWK ?? '');
const runs = Number(arg('runs', 1));

const all = readdirSync(corpus).filter((f) => f.endsWith('.sql')).sort().map((f) => readFileSync(join(corpus, f), 'utf8')).join('\n');
const dir = mkdtempSync(join(tmpdir(), 'normlint-cli-bench-'));
const file = join(dir, 'postgresql-corpus-x10.sql');
writeFileSync(file, Array.from({ length: 10 }, () => all).join('\n'));

/** Wall time and peak RSS (GNU time's %M) of one command; exit codes 0/1 (findings) are both fine. */
function measure(cmd, args) {
  const timed = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = spawnSync(timed ? '/usr/bin/time' : cmd, timed ? ['-f', 'NORMLINT_RSS_KB %M', cmd, ...args] : args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  const rss = Number(/NORMLINT_RSS_KB (\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN) / 1024;
  return { ms, rss, status: r.status, out: r.stdout.length };
}

console.log(`node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${file} (${(readFileSync(file).length / 1e6).toFixed(1)} MB)`);
for (let k = 0; k < runs; k++) {
  const n = measure(process.execPath, [join(repo, 'dist/cli.js'), 'check', '--format', 'json', file]);
  console.log(`normlint check --format json: ${(n.ms / 1000).toFixed(2)} s, peak RSS ${n.rss.toFixed(0)} MB (exit ${n.status}, ${(n.out / 1e6).toFixed(1)} MB of JSON)`);
  if (squawk) {
    const s = measure(squawk, [file]);
    console.log(`squawk: ${(s.ms / 1000).toFixed(2)} s, peak RSS ${s.rss.toFixed(0)} MB (exit ${s.status}, ${(s.out / 1e6).toFixed(1)} MB of output)`);
    console.log(`  normlint / squawk time: ${(n.ms / s.ms).toFixed(2)}`);
  }
}
rmSync(dir, { recursive: true, force: true });
