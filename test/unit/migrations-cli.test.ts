// The CLI on migration folders: `schema --format json` says which convention and order it used, down
// files are never read, a fix is a new migration, templated SQL is an info and never a silent 0 tables.
// Uses the built dist/cli.js (npm run build). Run:
//   node --import tsx --test test/unit/migrations-cli.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(import.meta.dirname, '../../dist/cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'normlint-mig-'));
  for (const [name, text] of Object.entries(files)) { mkdirSync(join(dir, name, '..'), { recursive: true }); writeFileSync(join(dir, name), text); }
  return dir;
}

test('schema --format json: the convention, the order, the files left out; the model is the replayed one', () => {
  const dir = folder({
    'db/migrations/0002_orders.up.sql': 'CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id));',
    'db/migrations/0002_orders.down.sql': 'DROP TABLE orders;',
    'db/migrations/0001_customers.up.sql': 'CREATE TABLE customers (id int PRIMARY KEY, nme text);\nCREATE TABLE tmp (id int);',
    'db/migrations/0001_customers.down.sql': 'DROP TABLE customers;',
    'db/migrations/0010_rename.up.sql': 'ALTER TABLE customers RENAME COLUMN nme TO name;\nDROP TABLE tmp;',
  });
  const r = run(['schema', '--format', 'json', 'db'], dir);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.migrations.map((m: { path: string; convention: string; order: string[]; skipped: unknown[] }) => [m.path, m.convention, m.order, m.skipped.length]),
    [['db/migrations', 'golang-migrate', ['db/migrations/0001_customers.up.sql', 'db/migrations/0002_orders.up.sql', 'db/migrations/0010_rename.up.sql'], 2]]);
  assert.deepEqual(out.tables.map((t: { name: string }) => t.name).sort(), ['customers', 'orders']);
  assert.deepEqual(out.tables.find((t: { name: string }) => t.name === 'customers').columns.map((c: { name: string }) => c.name), ['id', 'name']);
  // the fk-missing-index fix is the next migration (with a down file: the folder keeps them)
  const check = run(['check', '--format', 'json', 'db'], dir);
  const fk = JSON.parse(check.stdout).findings.find((f: { rule: string }) => f.rule === 'fk-missing-index');
  assert.equal(fk.file, 'db/migrations/0002_orders.up.sql');
  assert.match(fk.fixes[0].title, /new migration 0011_normlint_create_index_orders_customer_id_idx_on_orders_c\w*\.up\.sql/);
});

test('templated SQL without placeholders: one info per file naming what was not read; with them, the tables', () => {
  const dir = folder({
    'migrations/20200101000000_init.up.sql': 'CREATE TABLE {{ .Schema }}.users (id uuid PRIMARY KEY);\nCREATE INDEX ON {{ .Schema }}.users (id);',
  });
  const r = run(['check', '--format', 'json', 'migrations'], dir);
  const infos = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'unreadable-statement');
  assert.equal(infos.length, 1);
  assert.equal(infos[0].severity, 'info');
  assert.match(infos[0].message, /2 statements of this file were not read.*templated SQL \(\{\{ \.Schema \}\}\)/);
  writeFileSync(join(dir, '.normlintrc.json'), JSON.stringify({ migrations: { placeholders: { '{{ .Schema }}': 'auth' } } }));
  const s = JSON.parse(run(['schema', '--format', 'json', 'migrations'], dir).stdout);
  assert.deepEqual(s.tables.map((t: { schema: string; name: string }) => `${t.schema}.${t.name}`), ['auth.users']);
});
