// A migrations folder in the editor (issue 10, part 5): the server replays the folder in the migrator's
// order, as the CLI does, so a table a later migration drops has no findings, a down file is never schema,
// and editing a migration re-replays the folder. dist/server.js is driven over stdio as an editor drives it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, fileUri, type Diag } from './lsp-client.ts';

let client: LspClient;
before(async () => { client = await LspClient.start({ pull: true }); });
after(async () => { await client?.stop(); });

const CREATE = `CREATE TABLE parent (id integer PRIMARY KEY);
CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id));
`;
const DROP = 'DROP TABLE child;\n';
const DOWN = 'CREATE TABLE orphan (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id));\n';

const fkFindings = (ds: Diag[]) => ds.filter((d) => d.code === 'fk-missing-index');

test('a migrations folder is replayed: dropped tables and down files have no findings; an edit re-replays', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'normlint-mig-')), 'migrations');
  mkdirSync(dir);
  const files = { create: join(dir, '0001_create.up.sql'), down: join(dir, '0001_create.down.sql'), drop: join(dir, '0002_drop_child.up.sql') };
  writeFileSync(files.create, CREATE);
  writeFileSync(files.down, DOWN);
  writeFileSync(files.drop, DROP);
  const uri = { create: fileUri(files.create), down: fileUri(files.down), drop: fileUri(files.drop) };
  client.open(uri.create, CREATE, 1);
  client.open(uri.down, DOWN, 1);
  client.open(uri.drop, DROP, 1);

  assert.deepEqual(fkFindings(await client.pull(uri.create)), [], 'child is dropped by 0002: no finding on it');
  assert.deepEqual(fkFindings(await client.pull(uri.down)), [], 'a down migration is never schema');

  // Take the DROP out of 0002: child is part of the schema again, and its unindexed FK is reported in 0001.
  client.changeRange(uri.drop, 2, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, '-- nothing yet\n');
  const again = fkFindings(await client.pull(uri.create));
  assert.equal(again.length, 1, `one fk-missing-index on child once 0002 no longer drops it: ${JSON.stringify(again)}`);
  assert.match(again[0].message, /child/);
  assert.deepEqual(fkFindings(await client.pull(uri.down)), [], 'the down file still has none');
});

test('Normalize in a migrations folder is the folder\'s next migration (and its down file), never an edit of an applied one', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'normlint-mig-')), 'migrations');
  mkdirSync(dir);
  const create = join(dir, '0001_create.up.sql'), createDown = join(dir, '0001_create.down.sql'), dept = join(dir, '0002_dept.up.sql');
  const texts = {
    [create]: 'CREATE TABLE employees (\n  id integer PRIMARY KEY,\n  name text NOT NULL,\n  dept_id integer NOT NULL\n);\n',
    [createDown]: 'DROP TABLE employees;\n',
    [dept]: "ALTER TABLE employees ADD COLUMN dept_name text NOT NULL DEFAULT '';\n",
  };
  for (const [f, t] of Object.entries(texts)) { writeFileSync(f, t); client.open(fileUri(f), t, 1); }
  await client.pull(fileUri(create));
  type Change = { kind?: string; uri?: string; textDocument?: { uri: string }; edits?: { newText: string }[] };
  const res = await client.request<{ edit: { documentChanges: Change[] } } | null>('normlint/normalize', { uri: fileUri(create), position: { line: 0, character: 14 }, to: '3nf' });
  assert.ok(res, 'a Normalize result');
  const changes = res.edit.documentChanges;
  const applied = new Set(Object.keys(texts).map(fileUri));
  assert.deepEqual(changes.filter((c) => c.textDocument && applied.has(c.textDocument.uri)), [], 'no applied migration is edited');
  const created = changes.filter((c) => c.kind === 'create').map((c) => c.uri!.slice(c.uri!.lastIndexOf('/') + 1)).sort();
  assert.deepEqual(created, ['0003_normlint_normalize_employees_to_3nf.down.sql', '0003_normlint_normalize_employees_to_3nf.up.sql']);
  const up = changes.find((c) => c.textDocument?.uri.endsWith('.up.sql') && !applied.has(c.textDocument.uri))!.edits!.map((e) => e.newText).join('');
  assert.match(up, /INSERT INTO/i, 'the data migration is the new file');
});

test('a goose file in the editor: its down section is never schema, and its findings stay in the up section', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'normlint-goose-')), 'schema');
  mkdirSync(dir);
  // the down section re-creates a table with an unindexed foreign key: read as schema, it would be reported
  const text = `-- +goose Up\n${CREATE}\n-- +goose Down\nDROP TABLE child;\n${DOWN}`;
  const file = join(dir, '00001_create.sql');
  writeFileSync(file, text);
  client.open(fileUri(file), text, 1);
  const fk = fkFindings(await client.pull(fileUri(file)));
  assert.equal(fk.length, 1, `one fk-missing-index, on child: ${JSON.stringify(fk)}`);
  assert.match(fk[0].message, /child/);
  assert.equal(fk[0].range.start.line, 2, 'on the line of child in the up section');
});
