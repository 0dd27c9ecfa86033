// Tables are the same only within one schema: plain files that each create the same tables (a schema's
// MySQL, PostgreSQL and SQLite variants; another project's `customer`) are linted in one run exactly as
// each alone — no index, row or ALTER of one variant lands on another's table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import type { Finding } from '../../server/src/core/findings.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { findTable } from '../../server/src/core/workspace.ts';

const key = (f: Finding) => [f.rule, f.file, f.table, f.columns.join(','), f.message].join('|');
const keys = (fs: Finding[]) => fs.map(key).sort();

test('two files creating the same table: each keeps its own indexes, rows and ALTERs; shared names still resolve', () => {
  const a = { file: 'a.sql', text: 'CREATE TABLE city (id int PRIMARY KEY, name text);\nCREATE TABLE shop (id int PRIMARY KEY, city_id int REFERENCES city (id));\nCREATE INDEX shop_city ON shop (city_id);\n' };
  const b = { file: 'b.sql', text: 'CREATE TABLE shop (id int PRIMARY KEY, city_id int REFERENCES city (id));\nALTER TABLE shop ADD COLUMN note text;\n' };
  const r = analyzeSources([a, b], { ...defaultOptions, dialect: 'postgresql' });
  const shops = r.workspace.tables.filter((t) => t.name === 'shop');
  assert.equal(shops.length, 2);
  const [sa, sb] = [shops.find((t) => t.file === 'a.sql')!, shops.find((t) => t.file === 'b.sql')!];
  assert.deepEqual(sa.columns.map((c) => c.name), ['id', 'city_id'], 'b.sql\'s ALTER is about b.sql\'s shop');
  assert.deepEqual(sb.columns.map((c) => c.name), ['id', 'city_id', 'note']);
  const unindexed = r.findings.filter((f) => f.rule === 'fk-missing-index').map((f) => f.file);
  assert.deepEqual(unindexed, ['b.sql'], 'a.sql\'s index covers only a.sql\'s shop');
  const alone = analyzeSources([b], { ...defaultOptions, dialect: 'postgresql' });
  assert.deepEqual(keys(r.findings.filter((f) => f.file === 'b.sql')), keys(alone.findings), 'b.sql in the run = b.sql alone (city from a.sql still resolves)');
});

test('a MySQL file and a PostgreSQL file are two databases: names in one never resolve to the other\'s tables', () => {
  const pg = { file: 'pg.sql', text: 'CREATE TABLE tags (id serial PRIMARY KEY, label text);\nCREATE TABLE posts (id serial PRIMARY KEY, title text);\nCREATE TABLE notes (id serial PRIMARY KEY);\n' };
  // `related_posts text` beside a table `posts` would list its rows (list-column): only in the same database
  const my = { file: 'my.sql', text: 'CREATE TABLE articles (id int AUTO_INCREMENT PRIMARY KEY, related_posts text) ENGINE=InnoDB;\n' };
  const together = analyzeSources([pg, my], defaultOptions);
  assert.deepEqual(together.workspace.files.map((f) => f.dialect), ['postgresql', 'mysql'], 'precondition: both detected');
  const withPosts = analyzeSources([{ file: 'my2.sql', text: 'CREATE TABLE posts (id int AUTO_INCREMENT PRIMARY KEY, title text) ENGINE=InnoDB;\n' }, my], defaultOptions);
  assert.ok(withPosts.findings.some((f) => f.file === 'my.sql' && f.rule === 'list-column'), 'precondition: in one MySQL database the name lists posts');
  assert.deepEqual(keys(together.findings.filter((f) => f.file === 'my.sql')), keys(analyzeSources([my], defaultOptions).findings));
});

test('../shared/corpus in one run = each file alone (25 schemas, several variants of the same ones)', () => {
  const dir = '../shared/corpus';
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.sql')).sort().map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
  assert.ok(files.length >= 25, `precondition: the corpus (${files.length} files)`);
  const together = keys(analyzeSources(files, defaultOptions).findings);
  const alone = files.flatMap((s) => keys(analyzeSources([s], defaultOptions).findings)).sort();
  assert.ok(alone.length > 100, `precondition: findings to compare (${alone.length})`);
  assert.deepEqual(together.filter((k) => !alone.includes(k)), [], 'findings only a folder run has');
  assert.deepEqual(alone.filter((k) => !together.includes(k)), [], 'findings a folder run loses');
});

test('one file creating the same tables twice (two copies of a schema): each copy keeps its own ALTERs, indexes, rows and references', () => {
  const schema = (tag: string) => [
    `CREATE TABLE city (id int, name text); -- copy ${tag}`,
    'CREATE TABLE shop (id int PRIMARY KEY, city_id int REFERENCES city (id), zone_id int);',
    'ALTER TABLE city ADD PRIMARY KEY (id);',
    'CREATE INDEX shop_city ON shop (city_id);',
    `INSERT INTO city VALUES (1, '${tag}');`,
    '',
  ].join('\n');
  const text = schema('one') + schema('two') + 'CREATE TABLE zone (id int PRIMARY KEY);\n';
  const r = analyzeSources([{ file: 'two.sql', text }], { ...defaultOptions, dialect: 'postgresql' });
  const cities = r.workspace.tables.filter((t) => t.name === 'city');
  const shops = r.workspace.tables.filter((t) => t.name === 'shop');
  assert.equal(cities.length, 2);
  for (const c of cities) assert.deepEqual(c.primaryKey?.columns, ['id'], 'each copy\'s ALTER adds its own key (not both to the first)');
  for (const s of shops) assert.equal(s.indexes.length, 1, 'each copy\'s CREATE INDEX is on its own shop');
  assert.deepEqual(cities.map((c) => r.workspace.rows.get(c)?.map((i) => i.rows[0][1])), [['one'], ['two']]);
  // the second shop references the second city; a name neither copy creates before (zone, created last) still resolves
  const refs = shops.map((s) => findTable(r.workspace, s, undefined, 'city'));
  assert.deepEqual(refs, cities);
  assert.ok(shops.every((s) => findTable(r.workspace, s, undefined, 'zone')?.name === 'zone'));
  const byCopy = (n: number) => keys(r.findings.filter((f) => (f.range.start.line < 6) === (n === 0)).map((f) => ({ ...f, file: '' })));
  assert.deepEqual(byCopy(1), byCopy(0), 'both copies get the same findings');
});
