// A migrations folder of 700 files checked by the built CLI (dist/cli.js), wall time of the whole
// process (node start included), median of 5 runs, as CPU time and wall time. Target (issue 10): under 1 s. The folder is
// generated: golang-migrate style NNNN_name.up.sql, each file one step of a growing schema (CREATE
// TABLE with foreign keys, ADD COLUMN, CREATE INDEX, RENAME COLUMN, ALTER COLUMN TYPE, a table dropped
// and created again), so the replay has real work on every file.
// Usage: node test/bench/migrations.mjs [--files N] [--runs N]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const FILES = arg('files', 700);
const RUNS = arg('runs', 5);

const dir = mkdtempSync(join(tmpdir(), 'normlint-bench-mig-'));
const folder = join(dir, 'migrations');
spawnSync('mkdir', ['-p', folder]);
let tables = 0;
for (let i = 1; i <= FILES; i++) {
  const t = `t${tables}`;
  let sql;
  switch (i % 7) {
    case 1: case 4:
      tables++;
      sql = `CREATE TABLE t${tables} (\n  id bigserial PRIMARY KEY,\n  name varchar(100) NOT NULL,\n  parent_id bigint${tables > 1 ? ` REFERENCES t${tables - 1} (id)` : ''},\n  created_at timestamptz NOT NULL DEFAULT now()\n);`;
      break;
    case 2: sql = `ALTER TABLE ${t} ADD COLUMN note_${i} text;\nALTER TABLE ${t} ADD COLUMN amount_${i} numeric(10,2) NOT NULL DEFAULT 0;`; break;
    case 3: sql = `CREATE INDEX ${t}_name_${i}_idx ON ${t} (name);`; break;
    case 5: sql = `ALTER TABLE ${t} RENAME COLUMN name TO title;\nALTER TABLE ${t} ALTER COLUMN title TYPE text;`; break;
    case 6: sql = `DROP TABLE IF EXISTS scratch_${i - 1};\nCREATE TABLE scratch_${i} (id int PRIMARY KEY, t_id bigint REFERENCES ${t} (id));`; break;
    default: sql = `ALTER TABLE ${t} ALTER COLUMN created_at DROP DEFAULT;\nCOMMENT ON TABLE ${t} IS 'step ${i}';`;
  }
  writeFileSync(join(folder, `${String(i).padStart(4, '0')}_step_${i}.up.sql`), sql + '\n');
}
// CPU time of the child too (user + system, printed by a preload at exit): on a loaded machine wall time
// mostly measures waiting for a core
const preload = join(dir, 'cpu.cjs');
writeFileSync(preload, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\ncpu-ms ${(u.user + u.system) / 1000}\\n`); });");
const times = [], cpus = [];
let findings = 0, convention = '';
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const out = spawnSync(process.execPath, ['-r', preload, join(repo, 'dist/cli.js'), 'check', '--format', 'json', folder], { encoding: 'utf8', maxBuffer: 1 << 28 });
  times.push(performance.now() - t0);
  cpus.push(Number(/cpu-ms ([\d.]+)/.exec(out.stderr)?.[1] ?? NaN));
  if (out.status !== 0 && out.status !== 1) { console.log(out.stderr); process.exit(1); }
  findings = JSON.parse(out.stdout).findings.length;
}
const schema = JSON.parse(spawnSync(process.execPath, [join(repo, 'dist/cli.js'), 'schema', '--format', 'json', folder], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
convention = schema.migrations[0]?.convention;
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); else console.log(folder);
times.sort((a, b) => a - b);
const median = times[times.length >> 1];
cpus.sort((a, b) => a - b);
const cpu = cpus[cpus.length >> 1];
console.log(`migrations folder: ${FILES} files (${convention}), ${schema.tables.length} tables after replay, ${findings} findings`);
console.log(`normlint check (CLI, whole process): CPU median ${cpu.toFixed(0)} ms (target < 1000 ms ${cpu < 1000 ? 'met' : 'NOT met'}); wall median ${median.toFixed(0)} ms over ${RUNS} runs (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)}) (load average ${loadavg()[0].toFixed(1)}: wall time of a shared machine)`);
