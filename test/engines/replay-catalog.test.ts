// Replay against the real engine: invented PostgreSQL histories (one per statement family) are run in
// PGlite and replayed by normlint; the replayed model must equal the catalog — tables, columns with
// nullability, primary/unique/foreign keys with their names (also the engine's default names) and
// indexes with their names. Run: node --import tsx --test test/engines/replay-catalog.test.ts
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { readFile } from '../../server/src/core/reader/index.ts';
import { buildWorkspace } from '../../server/src/core/workspace.ts';
import type { WorkspaceModel } from '../../server/src/core/model.ts';

const HISTORIES: Record<string, string[]> = {
  'create, rename, drop tables': [
    'CREATE TABLE orgs (id serial PRIMARY KEY, code text UNIQUE NOT NULL); CREATE TABLE users (id bigserial PRIMARY KEY, org_id int REFERENCES orgs, email text);',
    'CREATE INDEX ON users (email); CREATE TABLE tmp (a int); CREATE TABLE tmp2 (b int);',
    'ALTER TABLE orgs RENAME TO organizations; DROP TABLE IF EXISTS tmp, tmp2, never_made;',
    'DROP TABLE users; CREATE TABLE users (id int PRIMARY KEY, organization_id int REFERENCES organizations (id));',
  ],
  'columns: rename, drop, type, null, default': [
    'CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE); CREATE TABLE t (id int PRIMARY KEY, p_code text REFERENCES p (code), a int, b text NOT NULL DEFAULT \'x\', UNIQUE (a, b));',
    'CREATE INDEX t_a_idx ON t (a) INCLUDE (b); CREATE INDEX t_b_lower ON t (lower(b));',
    'ALTER TABLE p RENAME COLUMN code TO slug; ALTER TABLE t RENAME p_code TO p_slug;',
    'ALTER TABLE t ALTER COLUMN a TYPE bigint, ALTER COLUMN a SET NOT NULL, ALTER COLUMN b DROP NOT NULL, ALTER COLUMN b DROP DEFAULT;',
    'ALTER TABLE t DROP COLUMN b; ALTER TABLE t ADD COLUMN IF NOT EXISTS c text NOT NULL DEFAULT \'\';',
  ],
  'constraints: default names, drop, rename': [
    'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, code text UNIQUE, p_id int REFERENCES p, n int);',
    'ALTER TABLE t ADD UNIQUE (code); ALTER TABLE t ADD CONSTRAINT t_n_key UNIQUE (n); ALTER TABLE t ADD FOREIGN KEY (n) REFERENCES p (id);',
    'ALTER TABLE t DROP CONSTRAINT t_code_key; ALTER TABLE t RENAME CONSTRAINT t_p_id_fkey TO t_parent_fk; ALTER TABLE t DROP CONSTRAINT t_pkey;',
    'ALTER TABLE t ADD PRIMARY KEY (id, code);',
  ],
  'indexes: drop, rename, recreate': [
    'CREATE SCHEMA app; CREATE TABLE app.t (a int, b int); CREATE INDEX t_a ON app.t (a); CREATE INDEX ON app.t (b); CREATE INDEX ON app.t (b); CREATE UNIQUE INDEX t_ab ON app.t (a, b);',
    'DROP INDEX CONCURRENTLY IF EXISTS app.t_a;', // alone: CONCURRENTLY cannot run in a transaction block
    'ALTER INDEX app.t_b_idx RENAME TO t_b;',
    'DROP INDEX IF EXISTS t_ab; DROP INDEX app.t_b; CREATE INDEX t_b ON app.t (b, a);',
  ],
  'cascades and long names': [
    'CREATE TABLE a_really_long_table_name_that_goes_on_and_on_for_ever (some_rather_long_column_name int PRIMARY KEY, other_pretty_long_column_name int UNIQUE);',
    'CREATE TABLE p (id int PRIMARY KEY, k int UNIQUE); CREATE TABLE c (id int, p_id int REFERENCES p, p_k int REFERENCES p (k)); CREATE TABLE d (p_id int REFERENCES p);',
    'ALTER TABLE c ADD COLUMN x int UNIQUE REFERENCES p (id); CREATE INDEX ON c (p_id, p_k);',
    'ALTER TABLE p DROP COLUMN k CASCADE; ALTER TABLE p RENAME TO parent; ALTER TABLE c RENAME COLUMN p_id TO parent_id;',
    'DROP TABLE parent CASCADE;',
  ],
  'keys made from indexes': [
    'CREATE TABLE k (a int, b int); CREATE UNIQUE INDEX k_a_uq ON k (a); CREATE UNIQUE INDEX k_b_uq ON k (b);',
    'ALTER TABLE k ADD CONSTRAINT k_pk PRIMARY KEY USING INDEX k_a_uq; ALTER TABLE k ADD UNIQUE USING INDEX k_b_uq;',
  ],
  'AS SELECT, DO blocks, enums': [
    'CREATE TYPE mood AS ENUM (\'sad\', \'ok\'); CREATE TABLE src (id int PRIMARY KEY, m mood, at timestamptz);',
    'CREATE TABLE combined AS SELECT s.id AS src_id, s.at, NULL::int AS other FROM src s; ALTER TABLE combined ALTER COLUMN at SET NOT NULL, ADD COLUMN id int PRIMARY KEY GENERATED ALWAYS AS IDENTITY;',
    `DO $$ BEGIN
       ALTER TABLE src ADD COLUMN IF NOT EXISTS note text;
       IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'src' AND column_name = 'created_at') THEN
         ALTER TABLE src RENAME COLUMN at TO created_at;
       END IF;
     EXCEPTION WHEN duplicate_column THEN NULL;
     END $$;`,
    'ALTER TYPE mood RENAME TO feeling; ALTER TABLE src ALTER COLUMN m SET NOT NULL;',
  ],
};

type Catalog = { columns: string[]; keys: string[]; indexes: string[] };

async function catalogOf(db: PGlite): Promise<Catalog> {
  const cols = await db.query<{ t: string; c: string; n: string }>(`SELECT table_schema || '.' || table_name t, column_name c, is_nullable n
    FROM information_schema.columns WHERE table_schema IN ('public', 'app') ORDER BY 1, ordinal_position`);
  const keys = await db.query<{ k: string }>(`SELECT c.conrelid::regclass::text || ' ' || c.contype::text || ' ' || c.conname || '(' ||
      (SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) || ')' ||
      COALESCE('->' || c.confrelid::regclass::text || '(' || (SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) || ')', '') k
    FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace WHERE s.nspname IN ('public', 'app') AND c.contype IN ('p', 'u', 'f') ORDER BY 1`);
  const idx = await db.query<{ i: string }>(`SELECT schemaname || '.' || tablename || ' ' || indexname i FROM pg_indexes i
    WHERE schemaname IN ('public', 'app') AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype IN ('p', 'u')) ORDER BY 1`);
  return { columns: cols.rows.map((r) => `${r.t}.${r.c}${r.n === 'NO' ? ' not null' : ''}`), keys: keys.rows.map((r) => r.k), indexes: idx.rows.map((r) => r.i) };
}

function modelCatalog(ws: WorkspaceModel): Catalog {
  const q = (schema: string | undefined, name: string) => `${schema ?? 'public'}.${name}`;
  const rel = (schema: string | undefined, name: string) => (schema && schema !== 'public' ? `${schema}.${name}` : name);
  const columns: string[] = [], keys: string[] = [], indexes: string[] = [];
  for (const t of [...ws.tables].sort((a, b) => q(a.schema, a.name).localeCompare(q(b.schema, b.name)))) {
    for (const c of t.columns) columns.push(`${q(t.schema, t.name)}.${c.name}${c.nullable ? '' : ' not null'}`);
    const r = rel(t.schema, t.name);
    if (t.primaryKey) keys.push(`${r} p ${t.primaryKey.name}(${t.primaryKey.columns.join(',')})`);
    for (const u of t.uniqueKeys) keys.push(`${r} u ${u.name}(${u.columns.join(',')})`);
    for (const f of t.foreignKeys) keys.push(`${r} f ${f.name}(${f.columns.join(',')})->${rel(f.references.schema, f.references.table)}(${f.references.columns.join(',')})`);
    for (const i of t.indexes) indexes.push(`${q(t.schema, t.name)} ${i.name}`);
  }
  const sort = (a: string[]) => a.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return { columns, keys: sort(keys), indexes: sort(indexes) };
}

const db = new PGlite();
after(() => db.close());

for (const [name, files] of Object.entries(HISTORIES)) {
  test(`replay equals the PGlite catalog: ${name}`, async () => {
    await db.exec('DROP SCHEMA IF EXISTS app CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    for (const sql of files) await db.exec(sql);
    const engine = await catalogOf(db);
    engine.keys.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    engine.indexes.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const ws = buildWorkspace(files.map((sql, i) => readFile(sql, `${i + 1}.sql`, 'postgresql')), { replay: true });
    const model = modelCatalog(ws);
    assert.ok(engine.columns.length > 0);
    assert.deepEqual(model.columns.slice().sort(), engine.columns.slice().sort());
    assert.deepEqual(model.keys, engine.keys);
    assert.deepEqual(model.indexes, engine.indexes);
  });
}
