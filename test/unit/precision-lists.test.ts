// Issue 15, class 5 (a list has items of one shape): a field and its direction or switch ('subnet,asc',
// 'sound,off') is one setting, not two items. Fails without the rule (README "list-column").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { listShape } from '../../server/src/core/nf1/list-values.ts';

test('a field and its sort direction or switch is one value', () => {
  for (const v of ['subnet,asc', 'name;DESC', 'sound,off']) assert.equal(listShape(v), undefined, v);
  for (const v of ['yes,no', 'read,write', 'asc,desc,none', 'name,asc,date']) assert.ok(listShape(v), v);
  const r = analyzeSources([{ file: 'schema.sql', text: `
    CREATE TABLE prefs (id INT PRIMARY KEY, sortOrder VARCHAR(20), answers VARCHAR(20));
    INSERT INTO prefs VALUES (1, 'subnet,asc', 'yes,no');
  ` }], { ...defaultOptions, dialect: 'mysql' });
  assert.deepEqual(r.findings.filter((f) => f.rule === 'list-column').map((f) => f.columns.join()), ['answers']);
});

test('a long text column whose plural name names a table of the schema (after its table prefix) lists its rows: info', () => {
  const r = analyzeSources([{ file: 'schema.sql', text: `
    CREATE TABLE gallery_albums (id INT PRIMARY KEY, title VARCHAR(80));
    CREATE TABLE gallery_images (id INT PRIMARY KEY, file VARCHAR(200));
    CREATE TABLE gallery_user_cache (user_id INT PRIMARY KEY, hidden_albums MEDIUMTEXT, tags_seen VARCHAR(20));
    CREATE TABLE push_rules (id INT PRIMARY KEY, rule VARCHAR(80));
    CREATE TABLE room_state (room_id INT PRIMARY KEY, join_rules TEXT, notes TEXT, images VARCHAR(40));
  ` }], { ...defaultOptions, dialect: 'mysql' });
  assert.deepEqual(r.findings.filter((f) => f.rule === 'list-column').map((f) => `${f.table}.${f.columns.join()} ${f.severity}`),
    ['gallery_user_cache.hidden_albums info']);
});

test('one delimited value repeated in every row that has one may be a label (an attribute type regkey|value): info, not warning', () => {
  const rows = (vals: string[]) => vals.map((v, i) => `(${i + 1}, '${v}')`).join(', ');
  const labels = ['regkey|value', 'regkey|value', 'regkey|value', 'regkey', 'url', 'ip-src', 'text', 'regkey', 'File', 'CnC', 'email-src', 'url'];
  const lists = ['regkey|value', 'url|text', 'regkey|value', 'regkey', 'url', 'ip-src', 'text', 'regkey', 'File', 'CnC', 'email-src', 'url'];
  const r = analyzeSources([{ file: 'schema.sql', text: `
    CREATE TABLE attrs (id INT PRIMARY KEY, type VARCHAR(255));
    INSERT INTO attrs VALUES ${rows(labels)};
    CREATE TABLE tagged (id INT PRIMARY KEY, type VARCHAR(255));
    INSERT INTO tagged VALUES ${rows(lists)};
  ` }], { ...defaultOptions, dialect: 'mysql' });
  const got = r.findings.filter((f) => f.rule === 'list-column').map((f) => `${f.table}.${f.columns.join()} ${f.severity}`).sort();
  assert.deepEqual(got, ['attrs.type info', 'tagged.type warning']);
  assert.match(r.findings.find((f) => f.table === 'attrs')!.message, /the same pipe-separated value 'regkey\|value', which may be one label/);
});
