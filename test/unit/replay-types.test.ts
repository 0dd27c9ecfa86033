// Replay of enum types: CREATE TYPE … AS ENUM, ALTER TYPE … ADD VALUE [BEFORE|AFTER] / RENAME VALUE /
// RENAME TO; columns of an enum type carry its labels (Column.enumValues), so they are not free text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayed, table } from '../helpers/replay.ts';

test('enum columns carry the labels the history gave the type', () => {
  const ws = replayed([
    `CREATE TYPE public."Role" AS ENUM ('USER', 'ADMIN'); CREATE TABLE u (id int, role "Role" NOT NULL, roles "Role"[], note text);`,
    `ALTER TYPE "Role" ADD VALUE 'OWNER' BEFORE 'ADMIN'; ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'USER'; ALTER TYPE "Role" RENAME VALUE 'USER' TO 'MEMBER';`,
  ]);
  const t = table(ws, 'u');
  assert.deepEqual(t?.columns.map((c) => c.enumValues), [undefined, ['MEMBER', 'OWNER', 'ADMIN'], ['MEMBER', 'OWNER', 'ADMIN'], undefined]);
  assert.deepEqual(ws.types?.get('role'), ['MEMBER', 'OWNER', 'ADMIN']);
});

test('ALTER TYPE … RENAME TO: columns follow the type; a column changed to another type loses the labels', () => {
  const ws = replayed([
    "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE d (m mood, n mood);",
    'ALTER TYPE mood RENAME TO feeling; ALTER TABLE d ALTER COLUMN n TYPE text;',
  ]);
  const t = table(ws, 'd');
  assert.deepEqual(t?.columns.map((c) => `${c.name} ${c.type}`), ['m feeling', 'n text']);
  assert.deepEqual(t?.columns.map((c) => c.enumValues), [['sad', 'ok'], undefined]);
  assert.equal(ws.types?.has('mood'), false);
});

test('types are per schema: a same-named type in another schema is not the column\'s', () => {
  const ws = replayed(["CREATE TYPE a.status AS ENUM ('x'); CREATE TYPE b.status AS ENUM ('y'); CREATE TABLE a.t (s a.status, u b.status);"]);
  assert.deepEqual(table(ws, 't')?.columns.map((c) => c.enumValues), [['x'], ['y']]);
});

test('DROP TYPE then CREATE TYPE of the same name: the new labels', () => {
  const ws = replayed([
    "CREATE TYPE s AS ENUM ('a', 'b'); CREATE TYPE other AS ENUM ('x');",
    "DROP TYPE IF EXISTS s, other CASCADE; CREATE TYPE s AS ENUM ('c'); CREATE TABLE t (v s);",
  ]);
  assert.deepEqual(table(ws, 't')?.columns[0].enumValues, ['c']);
  assert.deepEqual([...(ws.types?.keys() ?? [])], ['s']);
});
