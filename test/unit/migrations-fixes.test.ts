// Fixes in a migrations folder are new migrations (issue 10): for each real PostgreSQL folder of
// ../shared/migrations, run its up migrations in PGlite (0.5.16 with pg_trgm, citext, ltree, pgcrypto,
// uuid-ossp, as the expected catalogs were made; a statement the engine refuses is skipped), then the
// new migration of every fk-missing-index finding (and its down file, and the up again); then re-lint
// the folder with the new migrations added: those findings are gone, and no applied file was edited. Run:
//   node --import tsx --test test/unit/migrations-fixes.test.ts
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { analyzeProject } from '../../server/src/core/migrations/index.ts';
import { defaultOptions, type Options } from '../../server/src/core/options.ts';
import { splitStatements } from '../../server/src/core/reader/split.ts';
import { CONFIG, expectedOf, FOLDERS, folderSources } from '../helpers/migrations-folders.ts';

const figures: string[] = [];
after(() => console.log(['', 'fk-missing-index fixes as new migrations (PGlite):', ...figures].join('\n')));

async function runScript(db: PGlite, text: string): Promise<number> {
  let refused = 0;
  for (const st of splitStatements(text, 'postgresql').statements) {
    try { await db.exec(text.slice(st.start, st.end)); } catch { refused++; await db.exec('ROLLBACK').catch(() => {}); }
  }
  return refused;
}

for (const folder of FOLDERS.filter((f) => expectedOf(f))) {
  test(`${folder}: every fk-missing-index fix is a new migration that runs and clears its finding`, async () => {
    const options: Options = { ...defaultOptions, migrationFolders: CONFIG[folder] };
    const sources = folderSources(folder);
    const result = analyzeProject(sources, options);
    const findings = result.findings.filter((f) => f.rule === 'fk-missing-index');
    const folderPath = result.migrations[0].path;
    const db = await PGlite.create({ extensions: { pg_trgm, citext, ltree, pgcrypto, uuid_ossp } });
    try {
      if (CONFIG[folder]?.placeholders) await db.exec('CREATE SCHEMA IF NOT EXISTS auth');
      // the migrator renders every file of the folder, the new ones too (they keep the folder's placeholders)
      const render = (t: string) => Object.entries(CONFIG[folder]?.placeholders ?? {}).reduce((s, [from, to]) => s.split(from).join(to), t);
      const rendered = new Map(sources.map((s) => [s.file, render(s.text)]));
      let refused = 0;
      for (const file of result.migrations[0].order) refused += await runScript(db, rendered.get(file)!);
      // the engine's own unindexed foreign keys (no index whose leading key columns are the FK's, in any
      // order; a partial index only when its predicate is `fk IS NOT NULL`) are exactly the findings
      const unindexed = (await db.query<{ t: string; cols: string }>(`
        SELECT c.conrelid::regclass::text AS t, (SELECT string_agg(a.attname, ',' ORDER BY a.attname) FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)) AS cols
        FROM pg_constraint c WHERE c.contype = 'f' AND NOT EXISTS (
          SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
            AND (i.indpred IS NULL OR (cardinality(c.conkey) = 1 AND pg_get_expr(i.indpred, i.indrelid) = '(' || (SELECT quote_ident(a.attname) FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[1]) || ' IS NOT NULL)'))
            AND (SELECT array_agg(k ORDER BY k) FROM unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) k) = (SELECT array_agg(k ORDER BY k) FROM unnest(c.conkey) k))`)).rows;
      const norm = (t: string) => t.replace(/"/g, '').replace(/^(public|auth)\./, '').toLowerCase();
      const fromEngine = unindexed.map((u) => `${norm(u.t)}(${u.cols.toLowerCase()})`).sort();
      const fromLint = findings.map((f) => `${f.table.toLowerCase()}(${f.columns.map((c) => c.toLowerCase()).sort().join(',')})`).sort();
      assert.deepEqual(fromLint, fromEngine, 'fk-missing-index findings = the engine catalog\'s unindexed FKs');
      const added: { file: string; text: string }[] = [];
      for (const f of findings) {
        assert.equal(f.fixes.length, 1, `${f.table}(${f.columns}) has one fix`);
        const edits = f.fixes[0].edits;
        assert.ok(edits.every((e) => e.createFile && e.file.startsWith(folderPath + '/') && !rendered.has(e.file)), `${f.fixes[0].title}: only new files in the folder`);
        const [up, down] = edits;
        for (const v of Object.values(CONFIG[folder]?.placeholders ?? {})) assert.ok(!new RegExp(`\\b${v}\\.`).test(up.newText), `${up.file}: the folder's placeholder, not its rendered value ${v}`);
        await db.exec(render(up.newText));
        if (down) { await db.exec(render(down.newText)); await db.exec(render(up.newText)); }
        added.push({ file: up.file, text: up.newText });
      }
      // each fix is the next migration on its own; applied together they are one migration after the last
      const next = added.length ? [{ file: added[0].file, text: added.map((a) => a.text).join('\n') }] : [];
      const again = analyzeProject([...sources, ...next], options).findings.filter((f) => f.rule === 'fk-missing-index');
      figures.push(`${folder.padEnd(15)} fk-missing-index findings ${String(findings.length).padEnd(4)} fixes run in PGlite ${String(added.length).padEnd(4)} left after re-lint ${again.length}   (statements refused while loading the folder: ${refused})`);
      assert.deepEqual(again.map((f) => `${f.table}(${f.columns})`), []);
      if (next.length) assert.ok(analyzeProject([...sources, ...next], options).migrations[0].order.at(-1) === next[0].file, 'the new migration runs last');
    } finally { await db.close(); }
  });
}

test('a dependency fix in a migrations folder is a new migration that runs after the others and clears its finding', async () => {
  const sources = [
    { file: 'db/migrations/001_create.sql', text: 'CREATE TABLE employees (\n  id int PRIMARY KEY,\n  name text NOT NULL,\n  dept_id int NOT NULL\n);\n' },
    { file: 'db/migrations/002_dept.sql', text: "ALTER TABLE employees ADD COLUMN dept_name text NOT NULL DEFAULT '';\n" },
  ];
  const options: Options = { ...defaultOptions, dialect: 'postgresql' };
  const finding = analyzeProject(sources, options).findings.find((f) => f.rule === 'transitive-dependency')!;
  assert.equal(finding.file, 'db/migrations/002_dept.sql', 'on the migration that added dept_name');
  const [edit] = finding.fixes[0].edits;
  assert.deepEqual([edit.file, edit.createFile], ['db/migrations/003_normlint_extract_dept_id_dept_name_into_new_table_depts.sql', true]);
  const db = await PGlite.create();
  try {
    for (const s of sources) await db.exec(s.text);
    await db.exec("INSERT INTO employees VALUES (1, 'ann', 10, 'sales'), (2, 'bob', 10, 'sales'), (3, 'cy', 20, 'ops')");
    await db.exec(edit.newText);
    const rows = (await db.query<{ name: string; dept_name: string }>('SELECT e.name, d.dept_name FROM employees e JOIN depts d USING (dept_id) ORDER BY e.id')).rows;
    assert.deepEqual(rows.map((r) => `${r.name}:${r.dept_name}`), ['ann:sales', 'bob:sales', 'cy:ops']);
  } finally { await db.close(); }
  const again = analyzeProject([...sources, { file: edit.file, text: edit.newText }], options).findings.filter((f) => f.rule === 'transitive-dependency');
  assert.deepEqual(again, []);
});

test('in a folder that keeps down files, a split\'s down migration puts the columns and their values back', async () => {
  const sources = [
    { file: 'db/migrations/0001_create.up.sql', text: 'CREATE TABLE employees (\n  id int PRIMARY KEY,\n  name text NOT NULL,\n  dept_id int NOT NULL\n);\nCREATE INDEX employees_name_idx ON employees (name);\n' },
    { file: 'db/migrations/0001_create.down.sql', text: 'DROP TABLE employees;\n' },
    { file: 'db/migrations/0002_dept.up.sql', text: "ALTER TABLE employees ADD COLUMN dept_name text NOT NULL DEFAULT '', ADD COLUMN dept_floor int;\nCREATE INDEX employees_dept_name_idx ON employees (dept_name);\n" },
    { file: 'db/migrations/0002_dept.down.sql', text: 'ALTER TABLE employees DROP COLUMN dept_name, DROP COLUMN dept_floor;\n' },
  ];
  const options: Options = { ...defaultOptions, dialect: 'postgresql' };
  const finding = analyzeProject(sources, options).findings.find((f) => f.rule === 'transitive-dependency');
  assert.ok(finding, 'precondition: dept_id → dept_name, dept_floor');
  const [up, down] = finding.fixes[0].edits;
  assert.deepEqual([up.file, down?.file].map((f) => f?.replace(/_normlint_[^.]*/, '_normlint_…')), ['db/migrations/0003_normlint_….up.sql', 'db/migrations/0003_normlint_….down.sql']);
  const db = await PGlite.create();
  const snapshot = async () => ({
    rows: (await db.query('SELECT * FROM employees ORDER BY id')).rows.map((r) => JSON.stringify(Object.entries(r as object).sort())),
    cols: (await db.query<{ c: string; n: string; d: string | null }>("SELECT column_name AS c, is_nullable AS n, column_default AS d FROM information_schema.columns WHERE table_name = 'employees' ORDER BY column_name")).rows,
    idx: (await db.query<{ i: string }>("SELECT indexname AS i FROM pg_indexes WHERE tablename = 'employees' ORDER BY 1")).rows.map((r) => r.i),
  });
  try {
    for (const s of sources) if (!s.file.includes('.down.')) await db.exec(s.text);
    await db.exec("INSERT INTO employees VALUES (1, 'ann', 10, 'sales', 3), (2, 'bob', 10, 'sales', 3), (3, 'cy', 20, 'ops', NULL)");
    const before = await snapshot();
    await db.exec(up.newText);
    assert.notDeepEqual((await snapshot()).cols, before.cols, 'the up migration moved the columns');
    await db.exec(down.newText);
    assert.deepEqual(await snapshot(), before, 'columns (nullability, default), indexes and rows as before the up migration');
    await db.exec(up.newText);
  } finally { await db.close(); }
});

test('a view the split re-creates over the new tables is put back by the down migration, with the same rows', async () => {
  const sources = [
    { file: 'db/migrations/0001_create.up.sql', text: "CREATE TABLE employees (\n  id int PRIMARY KEY,\n  name text NOT NULL,\n  dept_id int NOT NULL,\n  dept_name text NOT NULL DEFAULT '',\n  dept_floor int\n);\nCREATE VIEW staff AS SELECT e.id, e.name, e.dept_name FROM employees e;\n" },
    { file: 'db/migrations/0001_create.down.sql', text: 'DROP VIEW staff;\nDROP TABLE employees;\n' },
  ];
  const options: Options = { ...defaultOptions, dialect: 'postgresql' };
  const finding = analyzeProject(sources, options).findings.find((f) => f.rule === 'transitive-dependency');
  assert.ok(finding, 'precondition: dept_id → dept_name, dept_floor');
  assert.equal(finding.declinedFixes, undefined, 'the view in the table\'s own file does not block the split');
  const [up, down] = finding.fixes[0].edits;
  assert.ok(down, 'the folder keeps down files: the fix has one');
  assert.match(up.newText, /CREATE OR REPLACE VIEW staff/);
  const db = await PGlite.create();
  const view = async () => (await db.query('SELECT * FROM staff ORDER BY id')).rows.map((r) => JSON.stringify(Object.entries(r as object)));
  const viewCols = async () => (await db.query<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'staff' ORDER BY ordinal_position")).rows.map((r) => r.c);
  try {
    await db.exec(sources[0].text);
    await db.exec("INSERT INTO employees VALUES (1, 'ann', 10, 'sales', 3), (2, 'bob', 10, 'sales', 3), (3, 'cy', 20, 'ops', NULL)");
    const before = { rows: await view(), cols: await viewCols() };
    await db.exec(up.newText);
    assert.deepEqual({ rows: await view(), cols: await viewCols() }, before, 'after the up: the view reads the same rows over the new tables');
    await db.exec(down.newText);
    assert.deepEqual({ rows: await view(), cols: await viewCols() }, before, 'after the down: the view is back, with the same columns and rows');
    const def = (await db.query<{ d: string }>("SELECT pg_get_viewdef('staff') AS d")).rows[0].d;
    assert.doesNotMatch(def, /dept_id = /, 'the down re-created the old text (no join to the new table)');
  } finally { await db.close(); }
});
