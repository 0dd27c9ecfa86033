// Replay of table-level history: DROP TABLE (lists, IF EXISTS), a table dropped and created again,
// ALTER TABLE … RENAME TO, MySQL RENAME TABLE, the SQLite rebuild idiom; indexes, rows and other tables'
// foreign keys follow. Without replay the two-phase merge is unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from '../../server/src/core/reader/index.ts';
import { buildWorkspace } from '../../server/src/core/workspace.ts';
import { names, replayed, shape, table } from '../helpers/replay.ts';

test('DROP TABLE [IF EXISTS] a, b drops every listed table and its indexes and rows', () => {
  const ws = replayed([
    'CREATE TABLE a (id int); CREATE TABLE b (id int); CREATE TABLE c (id int); CREATE INDEX a_id ON a (id);\nINSERT INTO a VALUES (1);',
    'DROP TABLE IF EXISTS a, b, never_made CASCADE;',
  ]);
  assert.deepEqual(names(ws), ['c']);
  assert.deepEqual(ws.indexes, []);
  assert.equal(ws.rows.size, 0);
});

test('a table dropped and created again is the new definition, with none of the old indexes', () => {
  const ws = replayed([
    'CREATE TABLE t (id int PRIMARY KEY, old text); CREATE INDEX t_old ON t (old);',
    'DROP TABLE t; CREATE TABLE t (id bigint NOT NULL, fresh text);',
  ]);
  assert.deepEqual(shape(table(ws, 't')), { columns: ['id bigint not null', 'fresh text'], pk: undefined, unique: [], fks: [], indexes: [] });
});

test('ALTER TABLE … RENAME TO: indexes and the foreign keys pointing at it follow', () => {
  const ws = replayed([
    'CREATE TABLE orgs (id int PRIMARY KEY); CREATE TABLE users (id int, org_id int REFERENCES orgs (id)); CREATE INDEX orgs_id ON orgs (id);',
    'ALTER TABLE orgs RENAME TO organizations;',
  ]);
  assert.deepEqual(names(ws), ['users', 'organizations']);
  assert.deepEqual(shape(table(ws, 'organizations'))?.indexes, ['orgs_id(id)']);
  assert.equal(ws.indexes[0].table, 'organizations');
  assert.deepEqual(shape(table(ws, 'users'))?.fks, ['users_org_id_fkey(org_id)->organizations(id)']);
});

test('MySQL RENAME TABLE a TO b, c TO d renames each pair in order', () => {
  const ws = replayed(['CREATE TABLE a (id INT); CREATE TABLE c (id INT);', 'RENAME TABLE a TO b, c TO d;'], 'mysql');
  assert.deepEqual(names(ws), ['b', 'd']);
});

test('dropping a PostgreSQL table drops the foreign keys that point at it', () => {
  const ws = replayed(['CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE k (p_id int REFERENCES p);', 'DROP TABLE p CASCADE;']);
  assert.deepEqual(shape(table(ws, 'k'))?.fks, []);
});

test('the SQLite rebuild idiom: x_new renamed to x keeps the new definition and others\' references to x', () => {
  const ws = replayed([
    'CREATE TABLE x (id INTEGER PRIMARY KEY, a TEXT, b TEXT); CREATE TABLE y (x_id INTEGER REFERENCES x (id));',
    `CREATE TABLE x_new (id INTEGER PRIMARY KEY, a TEXT NOT NULL);
     INSERT INTO x_new SELECT id, a FROM x;
     DROP TABLE x;
     ALTER TABLE x_new RENAME TO x;`,
  ], 'sqlite');
  assert.deepEqual(names(ws), ['y', 'x']);
  assert.deepEqual(shape(table(ws, 'x'))?.columns, ['id INTEGER not null', 'a TEXT not null']);
  assert.deepEqual(shape(table(ws, 'y'))?.fks, ['(x_id)->x(id)']);
});

test('CREATE TABLE of an existing table changes nothing (IF NOT EXISTS, or the engine refuses it)', () => {
  const ws = replayed(['CREATE TABLE t (a int);', 'CREATE TABLE IF NOT EXISTS t (b int);']);
  assert.deepEqual(shape(table(ws, 't'))?.columns, ['a int']);
});

test('without replay, history statements do not change the merged model (plain schema files)', () => {
  const files = [readFile('CREATE TABLE a (id int); DROP TABLE a; ALTER TABLE b RENAME TO c;', 'a.sql'), readFile('CREATE TABLE b (id int);', 'b.sql')];
  const ws = buildWorkspace(files);
  assert.deepEqual(ws.tables.map((t) => t.name), ['a', 'b']);
  assert.equal(files[0].events.map((e) => e.kind).join(), 'create-table,drop-table,alter');
});
