// Reading INSERT … VALUES tuples as written (for rewriting seed rows): literals, escapes, expressions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, readValues } from '../../server/src/core/fix/values.ts';

test('literals decode per dialect', () => {
  assert.equal(decode("'O''Brien'", 'postgresql'), "O'Brien");
  assert.equal(decode("'C:\\dir'", 'postgresql'), 'C:\\dir');
  assert.equal(decode("'C:\\\\dir \\'x\\''", 'mysql'), "C:\\dir 'x'");
  assert.equal(decode("E'a\\nb'", 'postgresql'), 'a\nb');
  assert.equal(decode("N'Angus Young, Malcolm Young'", 'postgresql'), 'Angus Young, Malcolm Young');
  assert.equal(decode('-12.5e2', 'sqlite'), -1250);
  assert.equal(decode('NULL', 'sqlite'), null);
  assert.equal(decode('TRUE', 'postgresql'), true);
  assert.equal(decode("now()", 'postgresql'), undefined);
});

test('tuples keep each value as written, including commas and parentheses inside strings', () => {
  const rows = readValues("INSERT INTO t (a, b, c) VALUES\n  (1, 'x, (y)', now()),\n  -- comment\n  (2, NULL, CAST('3' AS INT))", 'postgresql')!;
  assert.deepEqual(rows.map((r) => r.map((v) => v.raw)), [['1', "'x, (y)'", 'now()'], ['2', 'NULL', "CAST('3' AS INT)"]]);
  assert.deepEqual(rows[0].map((v) => v.value), [1, 'x, (y)', undefined]);
});

test('MySQL backslash escapes inside strings do not end the string', () => {
  const rows = readValues("INSERT INTO `t` VALUES (1, 'it\\'s, fine'), (2, 'b')", 'mysql')!;
  assert.deepEqual(rows.map((r) => r[1].value), ["it's, fine", 'b']);
});

test('statements normlint cannot rewrite are refused', () => {
  assert.equal(readValues('INSERT INTO t SELECT * FROM u', 'postgresql'), null);
  assert.equal(readValues("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING", 'postgresql'), null);
  assert.notEqual(readValues("INSERT INTO t VALUES (1);", 'postgresql'), null);
});
