// Replay of index history: DROP INDEX [CONCURRENTLY] [IF EXISTS] (lists, schema-qualified), ALTER INDEX …
// RENAME, unnamed indexes by their default name, an index dropped and made again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayed, shape, table } from '../helpers/replay.ts';

const base = 'CREATE TABLE app.t (a int, b int); CREATE INDEX t_a ON app.t (a); CREATE INDEX ON app.t (b); CREATE UNIQUE INDEX t_ab ON app.t (a, b);';

test('DROP INDEX CONCURRENTLY IF EXISTS, schema-qualified and as a list', () => {
  const ws = replayed([base, 'DROP INDEX CONCURRENTLY IF EXISTS app.t_a;', 'DROP INDEX IF EXISTS app.t_b_idx, app.nothing;']);
  assert.deepEqual(shape(table(ws, 't'))?.indexes, ['t_ab(a,b) unique']);
  assert.deepEqual(ws.indexes.map((i) => i.name), ['t_ab']);
});

test('DROP INDEX without a schema looks in the default schema only (the search path)', () => {
  const ws = replayed([base, 'DROP INDEX IF EXISTS t_a;']);
  assert.deepEqual(shape(table(ws, 't'))?.indexes, ['t_a(a)', 't_b_idx(b)', 't_ab(a,b) unique']);
});

test('ALTER INDEX … RENAME TO, then the index dropped by its new name and made again on other columns', () => {
  const ws = replayed([base, 'ALTER INDEX app.t_a RENAME TO t_a_new;', 'DROP INDEX app.t_a_new; CREATE INDEX t_a_new ON app.t (b, a);']);
  assert.deepEqual(shape(table(ws, 't'))?.indexes, ['t_b_idx(b)', 't_ab(a,b) unique', 't_a_new(b,a)']);
});

test('ALTER INDEX … RENAME of a constraint\'s index renames the constraint', () => {
  const ws = replayed(['CREATE TABLE u (id int PRIMARY KEY, e text UNIQUE);', 'ALTER INDEX u_pkey RENAME TO u_pk; ALTER INDEX u_e_key RENAME TO u_e_uq;']);
  assert.deepEqual(shape(table(ws, 'u'))?.pk, 'u_pk(id)');
  assert.deepEqual(shape(table(ws, 'u'))?.unique, ['u_e_uq(e)']);
});

test('CREATE INDEX IF NOT EXISTS with a name in use, or on a missing table, changes nothing', () => {
  const ws = replayed([base, 'CREATE INDEX IF NOT EXISTS t_a ON app.t (b); CREATE INDEX x ON app.missing (a);']);
  assert.deepEqual(shape(table(ws, 't'))?.indexes, ['t_a(a)', 't_b_idx(b)', 't_ab(a,b) unique']);
  assert.equal(ws.indexes.length, 3);
});
