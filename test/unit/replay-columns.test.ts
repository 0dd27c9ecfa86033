// Replay of column history: RENAME COLUMN (keys, foreign keys, indexes and other tables' references
// follow), DROP COLUMN (keys, foreign keys and indexes on it go), ALTER COLUMN TYPE / SET|DROP NOT NULL /
// SET|DROP DEFAULT, ADD COLUMN in a later file (Column.file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayed, shape, table } from '../helpers/replay.ts';
import { analyzeProject } from '../../server/src/core/migrations/index.ts';
import { defaultOptions } from '../../server/src/core/options.ts';

const base = `CREATE TABLE orgs (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE users (id int PRIMARY KEY, org_code text REFERENCES orgs (code), email text, UNIQUE (email, org_code));
CREATE INDEX users_email_idx ON users (email) INCLUDE (org_code);`;

test('RENAME COLUMN: keys, foreign keys, indexes and the references of other tables follow the new name', () => {
  const ws = replayed([base, 'ALTER TABLE orgs RENAME COLUMN code TO slug;', 'ALTER TABLE users RENAME org_code TO org_slug;']);
  assert.deepEqual(shape(table(ws, 'orgs')), { columns: ['id int not null', 'slug text'], pk: 'orgs_pkey(id)', unique: ['orgs_code_key(slug)'], fks: [], indexes: [] });
  assert.deepEqual(shape(table(ws, 'users')), {
    columns: ['id int not null', 'org_slug text', 'email text'], pk: 'users_pkey(id)',
    unique: ['users_email_org_code_key(email,org_slug)'], fks: ['users_org_code_fkey(org_slug)->orgs(slug)'], indexes: ['users_email_idx(email)'],
  });
  assert.deepEqual(ws.indexes[0].include, ['org_slug']);
});

test('DROP COLUMN takes the keys, foreign keys and indexes on it along (and what pointed at its key)', () => {
  const ws = replayed([base, 'ALTER TABLE users DROP COLUMN org_code;', 'ALTER TABLE orgs DROP COLUMN IF EXISTS code CASCADE;']);
  assert.deepEqual(shape(table(ws, 'users')), { columns: ['id int not null', 'email text'], pk: 'users_pkey(id)', unique: [], fks: [], indexes: [] });
  assert.deepEqual(shape(table(ws, 'orgs')), { columns: ['id int not null'], pk: 'orgs_pkey(id)', unique: [], fks: [], indexes: [] });
  assert.equal(ws.indexes.length, 0);
});

test('ALTER COLUMN TYPE / SET DATA TYPE / SET|DROP NOT NULL / SET|DROP DEFAULT', () => {
  const ws = replayed([
    "CREATE TABLE t (a int, b text NOT NULL DEFAULT 'x', c int, d varchar(10));",
    `ALTER TABLE t ALTER COLUMN a TYPE bigint USING a::bigint, ALTER COLUMN a SET NOT NULL,
       ALTER b DROP NOT NULL, ALTER COLUMN b DROP DEFAULT, ALTER COLUMN c SET DEFAULT 0, ALTER COLUMN d SET DATA TYPE varchar(200);`,
  ]);
  const t = table(ws, 't');
  assert.deepEqual(shape(t)?.columns, ['a bigint not null', 'b text', 'c int', 'd varchar(200)']);
  assert.equal(t?.columns[1].default, undefined);
  assert.equal(t?.columns[2].default, '0');
});

test('DROP NOT NULL on a primary-key column is refused, as the engine does', () => {
  const ws = replayed(['CREATE TABLE t (id int PRIMARY KEY);', 'ALTER TABLE t ALTER COLUMN id DROP NOT NULL;']);
  assert.deepEqual(shape(table(ws, 't'))?.columns, ['id int not null']);
});

test('ADD COLUMN in a later migration records that file; IF NOT EXISTS keeps an existing column', () => {
  const ws = replayed(['CREATE TABLE t (a int);', 'ALTER TABLE t ADD COLUMN IF NOT EXISTS b text NOT NULL, ADD COLUMN IF NOT EXISTS a text;']);
  const t = table(ws, 't');
  assert.deepEqual(shape(t)?.columns, ['a int', 'b text not null']);
  assert.equal(t?.columns[0].file, undefined);
  assert.equal(t?.columns[1].file, '002.sql');
});

test('RENAME COLUMN also renames it inside index expressions, partial-index predicates and checks', () => {
  const ws = replayed([
    'CREATE TABLE u (id int, email text CHECK (length(email) > 3), emailer int, CHECK (email <> \'\')); CREATE UNIQUE INDEX u_email ON u (lower(email)) WHERE "email" IS NOT NULL AND emailer > 0;',
    'ALTER TABLE u RENAME COLUMN email TO mail;',
  ]);
  const t = table(ws, 'u');
  assert.deepEqual(ws.indexes.map((i) => [i.columns, i.predicate]), [[['lower(mail)'], '"mail" IS NOT NULL AND emailer > 0']]);
  assert.deepEqual(t?.checks.map((c) => c.expression), ["mail <> ''"]);
  assert.deepEqual(t?.columns[1].checks, ['length(mail) > 3']);
});

test('INSERT rows follow later column changes as the stored rows do: renamed, dropped, positional rows pinned', () => {
  const ws = replayed([
    "CREATE TABLE emp (id int PRIMARY KEY, dept_id int, dept text, note text);\nINSERT INTO emp (id, dept_id, dept, note) VALUES (1, 10, 'sales', 'a');\nINSERT INTO emp VALUES (2, 10, 'sales', 'b');",
    'ALTER TABLE emp RENAME COLUMN dept TO dept_name;',
    'ALTER TABLE emp DROP COLUMN note; ALTER TABLE emp ADD COLUMN hired date;',
    "INSERT INTO emp VALUES (3, 20, 'ops', '2020-01-01');",
  ]);
  const t = table(ws, 'emp')!;
  assert.deepEqual(t.columns.map((c) => c.name), ['id', 'dept_id', 'dept_name', 'hired']);
  const rows = ws.rows.get(t)!;
  assert.deepEqual(rows.map((r) => r.columns), [['id', 'dept_id', 'dept_name'], ['id', 'dept_id', 'dept_name'], null]);
  assert.deepEqual(rows.map((r) => r.rows), [[[1, 10, 'sales']], [[2, 10, 'sales']], [[3, 20, 'ops', '2020-01-01']]]);
});

test('row evidence survives a later RENAME COLUMN: the dependency only the rows show is still reported', () => {
  const places = [['Austin', 'TX'], ['Dallas', 'TX'], ['Reno', 'NV'], ['Boise', 'ID']];
  const rows = Array.from({ length: 16 }, (_, i) => `(${i + 1}, '${places[i % 4][0]}', '${places[i % 4][1]}')`).join(', ');
  const files = ['CREATE TABLE shops (id int PRIMARY KEY, city text NOT NULL, province text NOT NULL);', `INSERT INTO shops (id, city, province) VALUES ${rows};`];
  const found = (extra: string[]) => analyzeProject(files.concat(extra).map((text, i) => ({ file: `/m/migrations/00${i + 1}_x.sql`, text })), defaultOptions)
    .findings.filter((f) => f.table === 'shops' && f.rule === 'transitive-dependency').map((f) => f.message);
  assert.match(found([]).join('\n'), /^province depends on city/, 'the rows alone show city → province');
  const renamed = found(['ALTER TABLE shops RENAME COLUMN province TO region;']);
  assert.equal(renamed.length, 1, 'still found after the rename');
  assert.match(renamed[0], /^region depends on city/);
  const dropped = found(['ALTER TABLE shops DROP COLUMN province;']);
  assert.deepEqual(dropped, [], 'the dropped column\'s values went with it');
});
