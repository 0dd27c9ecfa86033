// Projects: tables are the same only within one schema of one project (FileModel.project), in replay
// and in the two-phase merge. And CREATE TABLE … AS SELECT takes the select list's columns in replay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from '../../server/src/core/reader/index.ts';
import { buildWorkspace, findTable } from '../../server/src/core/workspace.ts';
import { replayed, shape, table } from '../helpers/replay.ts';

const inProject = (sql: string, file: string, project: string) => ({ ...readFile(sql, file), project });

test('same-named tables of two projects are not merged, and ALTERs and indexes stay in their project', () => {
  const files = [
    inProject('CREATE TABLE users (id int PRIMARY KEY);', 'a/001.sql', 'a'),
    inProject('CREATE TABLE users (uid int); CREATE TABLE posts (user_id int REFERENCES users);', 'b/001.sql', 'b'),
    inProject('ALTER TABLE users ADD COLUMN email text; CREATE INDEX ON users (email);', 'a/002.sql', 'a'),
  ];
  for (const ws of [buildWorkspace(files, { replay: true }), buildWorkspace(files)]) {
    const [ua, ub] = ws.tables.filter((t) => t.name === 'users');
    assert.deepEqual(ua.columns.map((c) => c.name), ['id', 'email']);
    assert.deepEqual(ub.columns.map((c) => c.name), ['uid']);
    assert.deepEqual(ua.indexes.map((i) => i.columns), [['email']]);
    assert.equal(ub.indexes.length, 0);
    const posts = ws.tables.find((t) => t.name === 'posts')!;
    assert.equal(findTable(ws, posts, undefined, 'users'), ub);
    assert.equal(ws.projectOf?.get(ua), 'a');
  }
});

test('without a project every file is one project (today\'s merge)', () => {
  const ws = buildWorkspace([readFile('CREATE TABLE t (a int);', 'x.sql'), readFile('ALTER TABLE t ADD COLUMN b int;', 'y.sql')]);
  assert.deepEqual(ws.tables[0].columns.map((c) => c.name), ['a', 'b']);
  assert.equal(ws.projectOf, undefined);
});

test('CREATE TABLE … AS SELECT: replay takes the select list (aliases, column names, casts) as the columns', () => {
  const ws = replayed([
    'CREATE TABLE src (id int, published timestamptz);',
    `CREATE TABLE combined AS SELECT s.published, s.id AS post_id, NULL::int AS comment_id, count(*) total FROM src s UNION ALL SELECT 1, 2, 3, 4;
     ALTER TABLE combined ALTER COLUMN published SET NOT NULL, ADD COLUMN id int PRIMARY KEY;
     CREATE INDEX ON combined (published);`,
  ]);
  assert.deepEqual(shape(table(ws, 'combined')), {
    columns: [`published  not null`, 'post_id ', 'comment_id int', 'total ', 'id int not null'], pk: 'combined_pkey(id)', unique: [], fks: [], indexes: ['combined_published_idx(published)'],
  });
  assert.equal(table(ws, 'combined')?.kind, 'table');
});

test('AS SELECT with * keeps the columns unknown', () => {
  const ws = replayed(['CREATE TABLE src (id int); CREATE TABLE copy AS SELECT * FROM src;']);
  assert.equal(table(ws, 'copy')?.kind, 'as-select');
  assert.deepEqual(table(ws, 'copy')?.columns, []);
});
