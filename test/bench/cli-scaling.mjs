// Does any step of the CLI grow faster than the input? `normlint check --format json` on the PostgreSQL corpus
// concatenated 1×, 2×, 4× and 8×: CPU time (user + system of the child, less sensitive to other processes than
// wall time) per table read. A flat column means no quadratic step in reading, analysis or fix building; the
// fixed start-up cost makes the 1× figure a little higher. No assertions: timings are printed, not tested.
// Usage: node test/bench/cli-scaling.mjs [--copies 1,2,4,8] [--cli PATH] (--cli: another build's dist/cli.js to compare)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const corpus = resolve(repo, '../shared/corpus/postgresql');
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const copies = arg('copies', '1,2,4,8').split(',').map(Number);
const cli = resolve(arg('cli', join(repo, 'dist/cli.js')));

const all = readdirSync(corpus).filter((f) => f.endsWith('.sql')).sort().map((f) => readFileSync(join(corpus, f), 'utf8')).join('\n');
const dir = mkdtempSync(join(tmpdir(), 'normlint-scaling-'));
console.log(`${cli}: node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log('copies    MB  tables   CPU s  wall s  CPU µs per table');
for (const k of copies) {
  const file = join(dir, `corpus-x${k}.sql`);
  writeFileSync(file, Array.from({ length: k }, () => all).join('\n'));
  // the table count from `schema` (the same reading the check does)
  const schema = spawnSync(process.execPath, [cli, 'schema', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const tables = JSON.parse(schema.stdout).tables.length;
  const t0 = performance.now();
  // /usr/bin/time reports the child's CPU; without it, wall time only
  const r = spawnSync('/usr/bin/time', ['-f', 'NORMLINT_CPU %U %S', process.execPath, cli, 'check', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - t0) / 1000;
  const m = /NORMLINT_CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  const cpu = m ? Number(m[1]) + Number(m[2]) : NaN;
  console.log(`${String(k).padStart(6)} ${(readFileSync(file).length / 1e6).toFixed(1).padStart(5)} ${String(tables).padStart(7)} ${cpu.toFixed(2).padStart(7)} ${wall.toFixed(2).padStart(7)} ${((cpu * 1e6) / tables).toFixed(0).padStart(17)}`);
  rmSync(file);
}
rmSync(dir, { recursive: true, force: true });
