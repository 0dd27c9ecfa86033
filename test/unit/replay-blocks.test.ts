// DO $$ … $$ blocks and templated SQL in migrations: DDL that always runs is applied (top level, or an
// existence guard's THEN branch); conditional, handler and dynamic DDL and templated statements are
// not-read events; renderPlaceholders renders a template from the config map before reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from '../../server/src/core/reader/index.ts';
import { renderPlaceholders } from '../../server/src/core/reader/history.ts';
import { names, replayed, shape, table } from '../helpers/replay.ts';

test('a DO block\'s top-level DDL and its existence-guarded DDL are applied, with the file\'s offsets', () => {
  const sql = `CREATE TABLE t (id int, old_name text);
DO $$
BEGIN
  ALTER TABLE t ADD COLUMN IF NOT EXISTS added int NOT NULL;
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 't' AND column_name = 'new_name') THEN
    ALTER TABLE t RENAME COLUMN old_name TO new_name;
  END IF;
  CREATE INDEX IF NOT EXISTS t_added ON t (added);
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;`;
  const ws = replayed([sql]);
  assert.deepEqual(shape(table(ws, 't')), { columns: ['id int', 'new_name text', 'added int not null'], pk: undefined, unique: [], fks: [], indexes: ['t_added(added)'] });
  const idx = ws.indexes[0];
  assert.equal(sql.slice(idx.span.start, idx.span.end), 'CREATE INDEX IF NOT EXISTS t_added ON t (added)');
  assert.equal(readFile(sql, 'a.sql').events.filter((e) => e.kind === 'not-read').length, 0);
});

test('DDL in ELSE branches, other conditions, loops, exception handlers and EXECUTE is not applied but named', () => {
  const sql = `CREATE TABLE t (id int);
DO $$
BEGIN
  IF current_setting('app.flag') = 'on' THEN ALTER TABLE t ADD COLUMN a int; END IF;
  IF EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'x') THEN NULL; ELSE ALTER TABLE t ADD COLUMN b int; END IF;
  FOR r IN SELECT 1 LOOP ALTER TABLE t ADD COLUMN c int; END LOOP;
  EXECUTE 'ALTER TABLE t ADD COLUMN d int';
EXCEPTION WHEN others THEN ALTER TABLE t ADD COLUMN e int;
END $$;`;
  const ws = replayed([sql]);
  assert.deepEqual(shape(table(ws, 't'))?.columns, ['id int']);
  const notRead = readFile(sql, 'a.sql').events.filter((e) => e.kind === 'not-read');
  assert.equal(notRead.length, 1);
  const reason = notRead[0].kind === 'not-read' ? notRead[0].reason : '';
  for (const col of ['a', 'b', 'c', 'd', 'e']) assert.match(reason, new RegExp(`ADD COLUMN ${col} int`));
});

test('templated SQL is a not-read event; rendered from the config map it is read', () => {
  const sql = `CREATE TABLE {{ index .Options "Namespace" }}.users (id uuid PRIMARY KEY);
ALTER TABLE {{index .Options "Namespace" }}.users ADD COLUMN email text;
CREATE TABLE \${schema}.other (id int);`;
  const events = readFile(sql, 'a.sql').events;
  assert.deepEqual(events.map((e) => e.kind), ['not-read', 'not-read', 'not-read']);
  assert.match(events[0].kind === 'not-read' ? events[0].reason : '', /templated SQL \(\{\{ index \.Options "Namespace" \}\}\)/);
  const rendered = renderPlaceholders(sql, { '{{ index .Options "Namespace" }}': 'auth', '${schema}': 'app' });
  assert.equal(rendered.split('\n')[1], 'ALTER TABLE auth.users ADD COLUMN email text;');
  const ws = replayed([rendered]);
  assert.deepEqual(names(ws), ['auth.users', 'app.other']);
  assert.deepEqual(shape(table(ws, 'users'))?.columns, ['id uuid not null', 'email text']);
});

test('renderPlaceholders leaves unknown placeholders and placeholder-free text as they are', () => {
  assert.equal(renderPlaceholders('SELECT {{ .Other }}', { '{{ .Name }}': 'x' }), 'SELECT {{ .Other }}');
  const text = 'CREATE TABLE t (a int);';
  assert.equal(renderPlaceholders(text, { '{{ .Name }}': 'x' }), text);
});
