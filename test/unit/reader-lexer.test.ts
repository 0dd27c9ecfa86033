// Lexer and splitter edge cases: quoting, comments and statement boundaries of each dialect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lexer, T, identValue, stringValue } from '../../server/src/core/reader/lexer.ts';
import { splitStatements } from '../../server/src/core/reader/split.ts';
import { readFile } from '../../server/src/core/reader/index.ts';
import type { Dialect } from '../../server/src/core/model.ts';

function lex(text: string, dialect: Dialect): string[] {
  const lx = new Lexer(text, dialect);
  const out: string[] = [];
  while (lx.next() !== T.EOF) out.push(text.slice(lx.start, lx.end));
  return out;
}
const statements = (text: string, d: Dialect) => {
  const s = splitStatements(text, d);
  return s.statements.map((st) => text.slice(st.start, st.end));
};

test('dollar quotes hold semicolons and quotes (PostgreSQL)', () => {
  const sql = "CREATE FUNCTION f() RETURNS int AS $$ select 1; 'x' $$ LANGUAGE sql; CREATE FUNCTION g() AS $body$ a $$ b; $body$; SELECT 1";
  assert.deepEqual(statements(sql, 'postgresql').length, 3);
  assert.ok(lex('x $tag$ ; $tag$ y', 'postgresql').includes('$tag$ ; $tag$'));
  assert.equal(stringValue('$q$ it\'s $q$', 'postgresql'), " it's ");
});

test("E'' strings use backslash escapes; '' doubles a quote everywhere", () => {
  assert.deepEqual(lex("E'a\\'b;' x", 'postgresql'), ["E'a\\'b;'", 'x']);
  assert.equal(stringValue("E'a\\nb'", 'postgresql'), 'a\nb');
  assert.equal(stringValue("'it''s'", 'postgresql'), "it's");
  assert.equal(stringValue("'a\\b'", 'postgresql'), 'a\\b', 'standard strings keep backslashes in PostgreSQL');
});

test('MySQL strings take backslash escapes', () => {
  assert.deepEqual(lex("'it\\'s; here' x", 'mysql'), ["'it\\'s; here'", 'x']);
  assert.equal(stringValue("'a\\'b\\nc'", 'mysql'), "a'b\nc");
  assert.equal(statements("INSERT INTO t VALUES ('a\\';b'); SELECT 2;", 'mysql').length, 2);
});

test('quoted identifiers: "double", `backtick`, [bracket] (SQLite)', () => {
  assert.deepEqual(lex('"a;""b" `c;``d` x', 'mysql'), ['"a;""b"', '`c;``d`', 'x']);
  assert.equal(identValue('"a""b"'), 'a"b');
  assert.equal(identValue('`c``d`'), 'c`d');
  assert.deepEqual(lex('[my table] x', 'sqlite'), ['[my table]', 'x']);
  assert.equal(identValue('[my table]'), 'my table');
  // in PostgreSQL a bracket is an array subscript, not a name
  assert.deepEqual(lex('a[1]', 'postgresql'), ['a', '[', '1', ']']);
});

test('comments: --, # (MySQL only), nested /* */ (PostgreSQL only)', () => {
  assert.deepEqual(lex('a -- b; c\nd', 'postgresql'), ['a', 'd']);
  assert.deepEqual(lex('a # b\nc', 'mysql'), ['a', 'c']);
  assert.deepEqual(lex('a # b', 'postgresql'), ['a', '#', 'b']);
  assert.deepEqual(lex('a /* x /* y */ z; */ b', 'postgresql'), ['a', 'b']);
  assert.deepEqual(lex('a /* x /* y */ b', 'mysql'), ['a', 'b'], 'MySQL block comments do not nest');
  const lx = new Lexer('a /* c */ -- d\n', 'postgresql');
  while (lx.next() !== T.EOF);
  assert.equal(lx.comments.length, 2);
});

test('MySQL /*! … */ content is SQL', () => {
  assert.deepEqual(lex('/*!40101 SET x = 1 */; b', 'mysql'), ['SET', 'x', '=', '1', ';', 'b']);
  const fm = readFile('CREATE TABLE t (id int) /*!50100 ENGINE=InnoDB */;\n/*!40000 ALTER TABLE t ADD PRIMARY KEY (id) */;', 'f.sql', 'mysql');
  assert.equal(fm.tables.length, 1);
  assert.equal(fm.alterations.length, 1);
});

test('DELIMITER lines change the statement terminator', () => {
  const sql = 'DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$\nDELIMITER ;\nCREATE TABLE t (a int);\n';
  const st = statements(sql, 'mysql');
  assert.equal(st.length, 2);
  assert.ok(st[0].startsWith('CREATE PROCEDURE') && st[0].endsWith('END'));
  assert.equal(readFile(sql, 'f.sql', 'mysql').tables.length, 1);
  // a delimiter switched once and never back still lets `;` end ordinary statements (cacti.sql)
  const fm = readFile('DELIMITER //\nCREATE TABLE a (x int);\nCREATE TABLE b (y int);\n', 'f.sql', 'mysql');
  assert.deepEqual(fm.tables.map((t) => t.name), ['a', 'b']);
});

test('psql meta-commands and COPY … FROM stdin data are skipped', () => {
  const sql = [
    '\\connect db', 'CREATE TABLE t (a int, b text);',
    'COPY public.t (a, b) FROM stdin;', "1\tx;y'z", '2\t\\N', '\\.', '', '\\set ON_ERROR_STOP on',
    'CREATE TABLE u (c int);',
  ].join('\n');
  const fm = readFile(sql, 'f.sql', 'postgresql');
  assert.deepEqual(fm.tables.map((t) => t.name), ['t', 'u']);
  assert.equal(fm.inserts.length, 1);
  assert.deepEqual(fm.inserts[0].rows, [['1', "x;y'z"], ['2', null]]);
  assert.deepEqual(fm.inserts[0].columns, ['a', 'b']);
});

test('INSERT values: strings unescaped, numbers, NULL, booleans, casts; expressions skip the row', () => {
  const fm = readFile("INSERT INTO t (a, b, c, d) VALUES ('x''y', -1.5, NULL, true), ('a'::text, 2, 'q', false), (now(), 1, 2, 3);", 'f.sql', 'postgresql');
  assert.deepEqual(fm.inserts[0].rows, [["x'y", -1.5, null, true], ['a', 2, 'q', false]]);
  assert.equal(fm.inserts[0].skippedRows, 1);
  const my = readFile('INSERT INTO t VALUES ("dq", \'a\\\'b\');', 'f.sql', 'mysql');
  assert.deepEqual(my.inserts[0].rows, [['dq', "a'b"]]);
  assert.equal(my.inserts[0].columns, null);
});

test('INSERT rows are capped per table and the cap is recorded', () => {
  const rows = Array.from({ length: 2100 }, (_, i) => `(${i})`).join(',');
  const fm = readFile(`INSERT INTO t VALUES ${rows}; INSERT INTO t VALUES (1);`, 'f.sql', 'postgresql');
  assert.equal(fm.inserts[0].rows.length, 2000);
  assert.equal(fm.inserts[0].rowsOmitted, 100);
  assert.equal(fm.inserts[1].rows.length, 0);
  assert.equal(fm.inserts[1].rowsOmitted, 1);
});

test('unterminated strings, quotes and comments run to the end without throwing', () => {
  for (const d of ['postgresql', 'mysql', 'sqlite'] as Dialect[]) {
    for (const s of ["CREATE TABLE t (a text DEFAULT 'x", 'CREATE TABLE "t', 'CREATE TABLE t (a int /* x', 'x $$ y', 'CREATE TABLE `t', 'CREATE TABLE [t']) {
      assert.doesNotThrow(() => readFile(s, 'f.sql', d));
    }
  }
});

test('offsets are UTF-16 indices (non-ASCII before a table)', () => {
  const text = "-- Größe 😀\nCREATE TABLE t (a int);";
  const fm = readFile(text, 'f.sql', 'postgresql');
  const t = fm.tables[0];
  assert.equal(text.slice(t.nameSpan.start, t.nameSpan.end), 't');
  assert.equal(text.slice(t.columns[0].nameSpan.start, t.columns[0].nameSpan.end), 'a');
});

test('sqlite3 shell dot-commands are skipped', () => {
  const fm = readFile('.headers on\nCREATE TABLE t (a);\n.mode csv\nCREATE TABLE u (b);', 'f.sql', 'sqlite');
  assert.deepEqual(fm.tables.map((t) => t.name), ['t', 'u']);
});
