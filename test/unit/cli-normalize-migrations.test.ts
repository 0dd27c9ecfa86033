// `normlint normalize` on a migrations folder, or on a file in one: the table is the one the migrations build
// (not the file read alone), and the output is the folder's next migration and its down file — new files,
// never an edit of a migration that has run. The files are executed in PGlite: up, then down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { runNormalize } from '../../server/src/cli/normalize.ts';

async function cli(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runNormalize(args, { out: (s) => { out.push(s); }, err: (s) => { err.push(s); } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function folder(): { dir: string; files: Record<string, string> } {
  const dir = join(mkdtempSync(join(tmpdir(), 'normlint-normalize-')), 'db', 'migrations');
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    '0001_create.up.sql': 'CREATE TABLE employees (\n  id int PRIMARY KEY,\n  name text NOT NULL,\n  dept_id int NOT NULL\n);\n',
    '0001_create.down.sql': 'DROP TABLE employees;\n',
    // the dependency only exists once 0002 has run: the first file alone is in 3NF
    '0002_dept.up.sql': "ALTER TABLE employees ADD COLUMN dept_name text NOT NULL DEFAULT '';\n",
    '0002_dept.down.sql': 'ALTER TABLE employees DROP COLUMN dept_name;\n',
  };
  for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
  return { dir, files };
}

test('normalize on a file of a migrations folder: the next migration and its down file, run in PGlite', async () => {
  const { dir, files } = folder();
  const r = await cli(['--table', 'employees', '--format', 'json', join(dir, '0001_create.up.sql')]);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.deepEqual(out.files.map((f: { path: string }) => f.path), [join(dir, '0003_normlint_normalize_employees_to_3nf.up.sql'), join(dir, '0003_normlint_normalize_employees_to_3nf.down.sql')]);
  assert.equal(out.written, false);
  assert.deepEqual(readdirSync(dir).sort(), Object.keys(files).sort(), 'nothing written without --write');
  const [up, down] = out.files.map((f: { text: string }) => f.text);
  const db = await PGlite.create();
  try {
    for (const f of ['0001_create.up.sql', '0002_dept.up.sql']) await db.exec(files[f]);
    await db.exec("INSERT INTO employees VALUES (1, 'ann', 10, 'sales'), (2, 'bob', 10, 'sales'), (3, 'cy', 20, 'ops')");
    const rows = async (sql: string) => (await db.query(sql)).rows.map((x) => JSON.stringify(x));
    const before = await rows('SELECT id, name, dept_id, dept_name FROM employees ORDER BY id');
    await db.exec(up);
    const split = (await db.query<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'employees' ORDER BY 1")).rows.map((x) => x.c);
    assert.deepEqual(split, ['dept_id', 'id', 'name'], 'the up migration moved dept_name out');
    const lookup = (await db.query<{ n: string }>("SELECT table_name AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'employees'")).rows[0].n;
    assert.deepEqual(await rows(`SELECT e.id, e.name, e.dept_id, d.dept_name FROM employees e JOIN ${lookup} d USING (dept_id) ORDER BY e.id`), before, 'the join gives the rows back');
    await db.exec(down);
    assert.deepEqual(await rows('SELECT id, name, dept_id, dept_name FROM employees ORDER BY id'), before, 'the down migration puts the column and its values back');
  } finally { await db.close(); }
});

test('normalize on the folder; --write creates the new files and never overwrites one', async () => {
  const { dir, files } = folder();
  const text = await cli(['--table', 'employees', dir]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /-- New migration file: .*0003_normlint_normalize_employees_to_3nf\.up\.sql/);
  const w = await cli(['--table', 'employees', '--write', dir]);
  assert.equal(w.code, 0, w.err);
  assert.deepEqual(readdirSync(dir).sort(), [...Object.keys(files), '0003_normlint_normalize_employees_to_3nf.down.sql', '0003_normlint_normalize_employees_to_3nf.up.sql'].sort());
  for (const [f, t] of Object.entries(files)) assert.equal(readFileSync(join(dir, f), 'utf8'), t, `${f} unchanged`);
  // the folder now has 0003: the next run proposes nothing (the table is in 3NF) rather than a second 0003
  const again = await cli(['--table', 'employees', '--write', dir]);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /nothing to change/);
  const unknown = await cli(['--table', 'nope', dir]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown table "nope" in the schema .* builds \(tables: employees/);
  const plain = await cli(['--table', 'employees', '--write', join(dir, '..', '..', 'schema.sql')]);
  assert.equal(plain.code, 2, 'a missing file is a read error');
});

test('normalize reads .normlintrc.json as check does: a templated folder is read once "placeholders" renders it; a bad config is exit 2', async () => {
  const root = mkdtempSync(join(tmpdir(), 'normlint-normalize-rc-'));
  const dir = join(root, 'migrations');
  mkdirSync(dir);
  writeFileSync(join(dir, '20200101000000_init.up.sql'), 'CREATE TABLE {{ .Schema }}.employees (\n  id int PRIMARY KEY,\n  name text NOT NULL,\n  dept_id int NOT NULL,\n  dept_name text NOT NULL,\n  skills text NOT NULL\n);\n');
  writeFileSync(join(dir, '20200101000000_init.down.sql'), 'DROP TABLE {{ .Schema }}.employees;\n');
  writeFileSync(join(dir, '20200102000000_seed.up.sql'), "INSERT INTO {{ .Schema }}.employees VALUES (1, 'ann', 10, 'sales', 'sql,go'), (2, 'bob', 10, 'sales', 'go'), (3, 'cy', 20, 'ops', 'rust,sql,go'), (4, 'di', 20, 'ops', 'sql');\n");
  writeFileSync(join(dir, '20200102000000_seed.down.sql'), 'DELETE FROM {{ .Schema }}.employees;\n');
  const unrendered = await cli(['--table', 'employees', dir]);
  assert.equal(unrendered.code, 2, 'without the placeholders the template is not read, so the table is unknown');
  assert.match(unrendered.err, /unknown table "employees"/);
  const rc = join(root, '.normlintrc.json');
  writeFileSync(rc, JSON.stringify({ migrations: { placeholders: { '{{ .Schema }}': 'hr' } } }));
  const r = await cli(['--table', 'hr.employees', '--format', 'json', '--config', rc, dir]);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.equal(out.files.length, 2, 'the next migration and its down file');
  // the new files keep the folder's template (the migrator renders them as it renders the others)
  for (const f of out.files) assert.match(f.text, /\{\{ \.Schema \}\}\.employees/, f.path);
  const rendered = (sql: string) => sql.replaceAll('{{ .Schema }}', 'hr');
  const db = await PGlite.create();
  try {
    await db.exec('CREATE SCHEMA hr');
    for (const f of ['20200101000000_init.up.sql', '20200102000000_seed.up.sql']) await db.exec(rendered(readFileSync(join(dir, f), 'utf8')));
    // a list becomes a set of rows (a junction has no order): the down file writes its items back sorted
    const rows = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows.map((x) => JSON.stringify({ ...x, skills: String(x.skills).split(',').sort().join(',') }));
    const before = await rows('SELECT id, name, dept_id, dept_name, skills FROM hr.employees ORDER BY id');
    await db.exec(rendered(out.files[0].text));
    const cols = (await db.query<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'hr' AND table_name = 'employees' ORDER BY 1")).rows.map((x) => x.c);
    assert.deepEqual(cols, ['dept_id', 'id', 'name'], 'dept_name moved to a lookup table and the skills list to a child table, in schema hr');
    await db.exec(rendered(out.files[1].text));
    assert.deepEqual(await rows('SELECT id, name, dept_id, dept_name, skills FROM hr.employees ORDER BY id'), before, 'the down file puts the values back');
  } finally { await db.close(); }
  // a rule turned off for check does not change the decomposition asked for
  writeFileSync(rc, JSON.stringify({ rules: { 'transitive-dependency': 'off', 'list-column': 'off' }, minConfidence: 'high', migrations: { placeholders: { '{{ .Schema }}': 'hr' } } }));
  const off = await cli(['--table', 'hr.employees', '--format', 'json', '--config', rc, dir]);
  assert.equal(off.code, 0, off.err);
  assert.deepEqual(JSON.parse(off.out).files, out.files);
  writeFileSync(rc, JSON.stringify({ migrations: { convention: 'nope' } }));
  const bad = await cli(['--table', 'hr.employees', '--config', rc, dir]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /convention must be one of/);
});
