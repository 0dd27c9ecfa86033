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
