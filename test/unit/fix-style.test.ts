// Style detection (keyword case, indentation, quoting, line endings) and identifier quoting / naming.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectStyle } from '../../server/src/core/fix/style.ts';
import { entityStem, plural, quoteIdent, singular, uniqueName } from '../../server/src/core/fix/ident.ts';

test('upper-case keywords and 4-space indentation', () => {
  const s = detectStyle('CREATE TABLE a (\n    id INTEGER PRIMARY KEY,\n    name VARCHAR(10) NOT NULL\n);\n', 'postgresql');
  assert.equal(s.keywordCase, 'upper');
  assert.equal(s.indent, '    ');
  assert.equal(s.quoteAll, false);
  assert.equal(s.eol, '\n');
});

test('lower-case keywords, tab indentation, CRLF', () => {
  const s = detectStyle('create table a (\r\n\tid integer primary key,\r\n\tname text not null\r\n);\r\n', 'sqlite');
  assert.equal(s.keywordCase, 'lower');
  assert.equal(s.indent, '\t');
  assert.equal(s.eol, '\r\n');
});

test('keywords inside comments and strings do not count', () => {
  const s = detectStyle("-- CREATE TABLE PRIMARY KEY NOT NULL REFERENCES\ncreate table a (\n  id int primary key, note text default 'NOT NULL'\n);", 'postgresql');
  assert.equal(s.keywordCase, 'lower');
  assert.equal(s.indent, '  ');
});

test('files that quote every identifier get quoted identifiers', () => {
  const my = detectStyle('CREATE TABLE `a` (\n  `id` INT NOT NULL,\n  `name` VARCHAR(10),\n  PRIMARY KEY (`id`)\n);', 'mysql');
  assert.equal(my.quoteAll, true);
  assert.equal(quoteIdent('name', 'mysql', my), '`name`');
  const pg = detectStyle('CREATE TABLE "a" (\n  "id" INT NOT NULL,\n  "name" TEXT\n);', 'postgresql');
  assert.equal(pg.quoteAll, true);
  assert.equal(quoteIdent('name', 'postgresql', pg), '"name"');
  const bare = detectStyle('CREATE TABLE a (\n  id INT,\n  name TEXT\n);', 'postgresql');
  assert.equal(bare.quoteAll, false);
});

test('identifier quoting per dialect', () => {
  assert.equal(quoteIdent('StudentID', 'postgresql'), 'StudentID');
  assert.equal(quoteIdent('order', 'postgresql'), '"order"');
  assert.equal(quoteIdent('order', 'mysql'), '`order`');
  assert.equal(quoteIdent('user', 'sqlite'), '"user"');
  assert.equal(quoteIdent('first name', 'mariadb'), '`first name`');
  assert.equal(quoteIdent('a"b', 'postgresql'), '"a""b"');
  assert.equal(quoteIdent('a`b', 'mysql'), '`a``b`');
  assert.equal(quoteIdent('9lives', 'sqlite'), '"9lives"');
});

test('names for new tables', () => {
  assert.equal(entityStem(['model_id']), 'model');
  assert.equal(entityStem(['StudentID']), 'Student');
  assert.equal(entityStem(['framework']), 'framework');
  assert.equal(entityStem(['RoomNo']), 'Room');
  assert.equal(entityStem(['metric_name']), 'metric');
  assert.equal(plural('course'), 'courses');
  assert.equal(plural('category'), 'categories');
  assert.equal(plural('Class'), 'Classes');
  assert.equal(singular('tags'), 'tag');
  assert.equal(singular('Categories'), 'Category');
  assert.equal(singular('status'), 'status');
  const taken = new Set(['models']);
  assert.equal(uniqueName('models', taken), 'models_2');
  assert.equal(uniqueName('Models', taken), 'Models_3');
  assert.equal(uniqueName('products', new Set(['products']), 'oms_order_item'), 'oms_order_item_products');
  assert.equal(entityStem(['billing_postal_code']), 'billing_postal_code');
});
