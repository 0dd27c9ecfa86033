// Replay of constraint history: DROP CONSTRAINT by the name given or by PostgreSQL's default names
// (<table>_pkey, <table>_<cols>_key, <table>_<cols>_fkey, cut to 63 characters), RENAME CONSTRAINT,
// a second primary key or a taken name refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayed, shape, table } from '../helpers/replay.ts';

const base = `CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY, code text UNIQUE, p_id int REFERENCES p, n int CONSTRAINT n_positive CHECK (n > 0), CHECK (n < 10));`;

test('DROP CONSTRAINT finds keys by their PostgreSQL default names', () => {
  const ws = replayed([base, 'ALTER TABLE t DROP CONSTRAINT t_pkey, DROP CONSTRAINT t_code_key, DROP CONSTRAINT IF EXISTS t_p_id_fkey, DROP CONSTRAINT IF EXISTS nothing;']);
  assert.deepEqual(shape(table(ws, 't')), { columns: ['id int not null', 'code text', 'p_id int', 'n int'], pk: undefined, unique: [], fks: [], indexes: [] });
});

test('ADD CONSTRAINT … named, then DROP CONSTRAINT by that name; a table CHECK by name', () => {
  const ws = replayed([
    base,
    'ALTER TABLE t ADD CONSTRAINT t_code_uq UNIQUE (code, n), ADD CONSTRAINT chk CHECK (n <> 5);',
    'ALTER TABLE t DROP CONSTRAINT t_code_uq; ALTER TABLE t DROP CONSTRAINT chk;',
  ]);
  assert.deepEqual(shape(table(ws, 't'))?.unique, ['t_code_key(code)']);
  assert.deepEqual(table(ws, 't')?.checks.map((c) => c.expression), ['n < 10']);
});

test('RENAME CONSTRAINT renames it; the old name then finds nothing', () => {
  const ws = replayed([base, 'ALTER TABLE t RENAME CONSTRAINT t_p_id_fkey TO t_parent_fk;', 'ALTER TABLE t DROP CONSTRAINT IF EXISTS t_p_id_fkey;']);
  assert.deepEqual(shape(table(ws, 't'))?.fks, ['t_parent_fk(p_id)->p(id)']);
});

test('a second PRIMARY KEY and a constraint name in use are refused, as the engine does', () => {
  const ws = replayed([base, 'ALTER TABLE t ADD PRIMARY KEY (code);', 'ALTER TABLE t ADD CONSTRAINT t_code_key UNIQUE (n);']);
  assert.deepEqual(shape(table(ws, 't'))?.pk, 't_pkey(id)');
  assert.deepEqual(shape(table(ws, 't'))?.unique, ['t_code_key(code)']);
});

test('default names are cut to 63 characters and numbered on collision, as PostgreSQL names them (checked in PGlite)', () => {
  const long = 'a_really_long_table_name_that_goes_on_and_on_for_ever';
  const ws = replayed([
    `CREATE TABLE ${long} (some_rather_long_column_name int UNIQUE);`,
    'CREATE TABLE t (b int UNIQUE); ALTER TABLE t ADD UNIQUE (b); CREATE INDEX ON t (b); CREATE INDEX ON t (b);',
  ]);
  assert.deepEqual(shape(table(ws, long))?.unique, ['a_really_long_table_name_that__some_rather_long_column_name_key(some_rather_long_column_name)']);
  assert.deepEqual(shape(table(ws, 't')), {
    columns: ['b int'], pk: undefined, unique: ['t_b_key(b)', 't_b_key1(b)'], fks: [], indexes: ['t_b_idx(b)', 't_b_idx1(b)'],
  });
});

test('ADD CONSTRAINT … PRIMARY KEY | UNIQUE USING INDEX: the index becomes the key, named by the constraint', () => {
  const ws = replayed(['CREATE TABLE k (a int, b int); CREATE UNIQUE INDEX k_a_uq ON k (a); CREATE UNIQUE INDEX k_b_uq ON k (b);',
    'ALTER TABLE k ADD CONSTRAINT k_pk PRIMARY KEY USING INDEX k_a_uq, ADD UNIQUE USING INDEX k_b_uq;']);
  assert.deepEqual(shape(table(ws, 'k')), { columns: ['a int not null', 'b int'], pk: 'k_pk(a)', unique: ['k_b_uq(b)'], fks: [], indexes: [] });
});
