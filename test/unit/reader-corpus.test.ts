// Contract test of the reader on real schemas: runs the built CLI `normlint schema --format json` once
// per corpus file and compares the tables, exact column lists, primary keys and foreign keys with what
// the real engines see (../shared/corpus/expected). Thresholds from the issue: tables ≥ 99.5 %,
// columns / PK / FK ≥ 99 % of tables. Prints the figures per dialect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { corpusDir } from '../helpers/cases.ts';
import { readFile } from '../../server/src/core/reader/index.ts';
import { buildWorkspace } from '../../server/src/core/workspace.ts';
import type { Dialect } from '../../server/src/core/model.ts';
import { compareSchema, type SchemaTable, type Tally } from './reader-corpus-compare.ts';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
const dialects: Dialect[] = ['postgresql', 'mysql', 'sqlite'];

function ensureCli(): void {
  if (!existsSync(cli)) execFileSync(process.execPath, ['esbuild.mjs', '--only=cli'], { cwd: root, stdio: 'inherit' });
}

/** The tables without ALTER … ADD/DROP/RENAME COLUMN (how the PostgreSQL expected files were made). */
function declaredView(text: string, file: string, dialect: Dialect): SchemaTable[] {
  const fm = readFile(text, file, dialect);
  const alterations = fm.alterations.map((a) => {
    const added = new Set(a.actions.flatMap((x) => (x.kind === 'add-column' ? [x.column.name] : [])));
    return {
      ...a, actions: a.actions.filter((x) => x.kind !== 'add-column' && x.kind !== 'drop-column' && x.kind !== 'rename-column'
        && !(x.kind === 'add-foreign-key' && x.fk.columns.some((c) => added.has(c)))), // ADD COLUMN c … REFERENCES
    };
  });
  return buildWorkspace([{ ...fm, alterations }]).tables.map((t) => ({
    name: t.name, columns: t.columns, primaryKey: t.primaryKey?.columns ?? null,
    foreignKeys: t.foreignKeys.map((f) => ({ columns: f.columns, references: { table: f.references.table, columns: f.references.columns } })),
  }));
}

const pct = (n: number, d: number) => (d ? (100 * n) / d : 100).toFixed(2) + ' %';

test('schema --format json matches the engines on the 25 corpus files', () => {
  ensureCli();
  const total: Tally = { tables: 0, found: 0, columns: 0, pk: 0, fk: 0, strictColumns: 0, strictFk: 0, problems: [] };
  let files = 0;
  for (const d of dialects) {
    const sum: Tally = { tables: 0, found: 0, columns: 0, pk: 0, fk: 0, strictColumns: 0, strictFk: 0, problems: [] };
    for (const name of readdirSync(join(corpusDir, d)).filter((f) => f.endsWith('.sql')).sort()) {
      files++;
      const path = join(corpusDir, d, name);
      const run = spawnSync(process.execPath, [cli, 'schema', '--dialect', d, '--format', 'json', path], { encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.equal(run.status, 0, `schema ${path} exited ${run.status}: ${run.stderr}`);
      const out = JSON.parse(run.stdout) as { version: number; tables: SchemaTable[] };
      assert.equal(out.version, 1);
      const expected = JSON.parse(readFileSync(join(corpusDir, 'expected', d, name.replace(/\.sql$/, '.json')), 'utf8'));
      const declared = d === 'postgresql' ? declaredView(readFileSync(path, 'utf8'), path, d) : undefined;
      const r = compareSchema(expected, out.tables, `${d}/${name}`, declared);
      for (const k of ['tables', 'found', 'columns', 'pk', 'fk', 'strictColumns', 'strictFk'] as const) { sum[k] += r[k]; total[k] += r[k]; }
      sum.problems.push(...r.problems);
    }
    console.log(`${d}: tables ${sum.found}/${sum.tables} (${pct(sum.found, sum.tables)}), columns ${pct(sum.columns, sum.tables)}`
      + ` (strict ${pct(sum.strictColumns, sum.tables)}), PK ${pct(sum.pk, sum.tables)}, FK ${pct(sum.fk, sum.tables)} (strict ${pct(sum.strictFk, sum.tables)})`);
    for (const p of sum.problems.slice(0, 8)) console.log('   ', p.slice(0, 300));
    total.problems.push(...sum.problems);
  }
  console.log(`all ${files} files: tables ${total.found}/${total.tables} (${pct(total.found, total.tables)}), columns ${pct(total.columns, total.tables)}`
    + ` (strict ${pct(total.strictColumns, total.tables)}), PK ${pct(total.pk, total.tables)}, FK ${pct(total.fk, total.tables)} (strict ${pct(total.strictFk, total.tables)})`);
  assert.equal(files, 25, 'the corpus has 25 files');
  assert.ok(total.found / total.tables >= 0.995, `tables found ${pct(total.found, total.tables)} < 99.5 %`);
  assert.ok(total.columns / total.tables >= 0.99, `exact columns ${pct(total.columns, total.tables)} < 99 %`);
  assert.ok(total.pk / total.tables >= 0.99, `primary keys ${pct(total.pk, total.tables)} < 99 %`);
  assert.ok(total.fk / total.tables >= 0.99, `foreign keys ${pct(total.fk, total.tables)} < 99 %`);
  // the strict (engine) view differs only by PostgreSQL's parser-only expectations of ALTER … ADD/DROP COLUMN
  assert.ok(total.strictColumns / total.tables >= 0.97, `strict columns ${pct(total.strictColumns, total.tables)} < 97 %`);
});
