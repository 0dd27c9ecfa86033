// A pop folder (gobuffalo/pop, ory's popx) holds one history per database: `<v>_<name>.<db>.up.sql` runs
// only on that database, `<v>_<name>.up.sql` on all, and a version's file for the database replaces the one
// for all. normlint replays one database's history (the dialect setting's, else PostgreSQL's) — not every
// database's files as one history. Each history is run in its real engine and must equal the replayed model.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeProject } from '../../server/src/core/migrations/index.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { DialectSetting } from '../../server/src/core/model.ts';
import type { Engine } from './helpers/engine.ts';
import { openPglite } from './helpers/pglite.ts';
import { openSqlite } from './helpers/sqlite.ts';
import { openMariadb, skipMariadb } from './helpers/mariadb.ts';

const dir = '/app/persistence/sql/migrations';
const FILES: Record<string, string> = {
  '20200101000000000000_networks.up.sql': 'CREATE TABLE networks (id CHAR(36) NOT NULL PRIMARY KEY, created_at TIMESTAMP NOT NULL);',
  '20200101000000000000_networks.down.sql': 'DROP TABLE networks;',
  '20200102000000000000_users.postgres.up.sql': 'CREATE TABLE users (id UUID PRIMARY KEY, nid CHAR(36) REFERENCES networks (id), email TEXT NOT NULL);',
  '20200102000000000000_users.postgres.down.sql': 'DROP TABLE users;',
  '20200102000000000000_users.mysql.up.sql': 'CREATE TABLE users (id CHAR(36) PRIMARY KEY, nid CHAR(36), email VARCHAR(255) NOT NULL, FOREIGN KEY (nid) REFERENCES networks (id)) ENGINE=InnoDB;',
  '20200102000000000000_users.mysql.down.sql': 'DROP TABLE users;',
  '20200102000000000000_users.sqlite3.up.sql': 'CREATE TABLE users (id TEXT PRIMARY KEY, nid TEXT REFERENCES networks (id), email TEXT NOT NULL);',
  '20200102000000000000_users.sqlite3.down.sql': 'DROP TABLE users;',
  '20200102000000000000_users.cockroach.up.sql': 'CREATE TABLE users (id UUID PRIMARY KEY, nid CHAR(36) REFERENCES networks (id), email STRING NOT NULL, FAMILY "primary" (id, nid, email));',
  // one file for all databases, replaced on MySQL by its own
  '20200103000000000000_active.up.sql': 'ALTER TABLE users ADD COLUMN active BOOLEAN NOT NULL DEFAULT FALSE;',
  '20200103000000000000_active.mysql.up.sql': 'ALTER TABLE users ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 0;',
  '20200104000000000000_names.up.sql': 'ALTER TABLE users ADD COLUMN display_name VARCHAR(100);',
  '20200105000000000000_index.postgres.up.sql': 'CREATE INDEX users_email_idx ON users (email);',
};
const sources = Object.entries(FILES).map(([f, text]) => ({ file: `${dir}/${f}`, text }));
const base = (f: string) => f.slice(f.lastIndexOf('/') + 1);

function replayed(dialect: DialectSetting) {
  const r = analyzeProject(sources, { ...defaultOptions, dialect });
  assert.equal(r.migrations.length, 1, 'one folder');
  return r;
}

const HISTORIES: { engine: string; dialect: DialectSetting; open: () => Promise<Engine>; skip?: boolean; order: string[] }[] = [
  { engine: 'pglite', dialect: 'auto', open: openPglite, order: ['20200101000000000000_networks.up.sql', '20200102000000000000_users.postgres.up.sql', '20200103000000000000_active.up.sql', '20200104000000000000_names.up.sql', '20200105000000000000_index.postgres.up.sql'] },
  { engine: 'mariadb', dialect: 'mysql', open: openMariadb, skip: skipMariadb, order: ['20200101000000000000_networks.up.sql', '20200102000000000000_users.mysql.up.sql', '20200103000000000000_active.mysql.up.sql', '20200104000000000000_names.up.sql'] },
  { engine: 'sqlite', dialect: 'sqlite', open: openSqlite, order: ['20200101000000000000_networks.up.sql', '20200102000000000000_users.sqlite3.up.sql', '20200103000000000000_active.up.sql', '20200104000000000000_names.up.sql'] },
];

test('a pop folder is one database\'s history: PostgreSQL by default, every other file skipped with why', () => {
  const r = replayed('auto');
  const folder = r.migrations[0];
  assert.equal(folder.convention, 'pop');
  assert.equal(folder.flavor, 'postgres');
  assert.deepEqual(folder.order.map(base), HISTORIES[0].order);
  const why = (f: string) => r.skipped.get(`${dir}/${f}`) ?? '';
  assert.match(why('20200102000000000000_users.mysql.up.sql'), /a MySQL migration: normlint replays this folder's PostgreSQL history \(set the dialect to replay another: .*MySQL/);
  assert.match(why('20200102000000000000_users.cockroach.up.sql'), /a CockroachDB migration/);
  assert.match(why('20200101000000000000_networks.down.sql'), /down/);
  const users = r.workspace.tables.filter((t) => t.name === 'users');
  assert.equal(users.length, 1, 'one users table, not one per database');
  assert.deepEqual(users[0].columns.map((c) => `${c.name} ${c.type}`), ['id UUID', 'nid CHAR(36)', 'email TEXT', 'active BOOLEAN', 'display_name VARCHAR(100)']);
  assert.ok(r.workspace.files.filter((f) => folder.order.includes(f.file)).every((f) => f.dialect === 'postgresql'), 'the files for all databases are read as PostgreSQL');
});

test('the dialect setting picks the history; a version\'s file for the database replaces the one for all', () => {
  const r = replayed('mysql');
  assert.equal(r.migrations[0].flavor, 'mysql');
  assert.deepEqual(r.migrations[0].order.map(base), HISTORIES[1].order);
  assert.match(r.skipped.get(`${dir}/20200103000000000000_active.up.sql`) ?? '', /on MySQL pop runs 20200103000000000000_active\.mysql\.up\.sql instead/);
  const users = r.workspace.tables.find((t) => t.name === 'users')!;
  assert.equal(users.columns.find((c) => c.name === 'active')?.type, 'TINYINT(1)');
});

test('a fix is a new migration for the replayed database, with its down file (the folder keeps them)', () => {
  const r = replayed('auto');
  const fk = r.findings.find((f) => f.rule === 'fk-missing-index' && f.table === 'users');
  assert.ok(fk, 'users.nid has no index in the PostgreSQL history');
  const files = fk!.fixes[0].edits.filter((e) => e.createFile).map((e) => base(e.file));
  assert.deepEqual(files, ['20200105000000000001_normlint_create_index_users_nid_idx_on_users_nid.postgres.up.sql', '20200105000000000001_normlint_create_index_users_nid_idx_on_users_nid.postgres.down.sql']);
});

test('golang-migrate folders (no database in the names) stay golang-migrate', () => {
  const r = analyzeProject([{ file: '/g/migrations/0001_a.up.sql', text: 'CREATE TABLE a (id int PRIMARY KEY);' }, { file: '/g/migrations/0001_a.down.sql', text: 'DROP TABLE a;' }, { file: '/g/migrations/0002_b.up.sql', text: 'CREATE TABLE b (id int PRIMARY KEY);' }], defaultOptions);
  assert.equal(r.migrations[0].convention, 'golang-migrate');
  assert.equal(r.migrations[0].flavor, undefined);
});

for (const h of HISTORIES) {
  describe(`the ${h.engine} history of a pop folder run in ${h.engine}`, { skip: h.skip ? 'NORMLINT_SKIP_MARIADB=1' : false }, () => {
    let engine: Engine;
    before(async () => { engine = await h.open(); }, { timeout: 300_000 });
    after(async () => { await engine?.close(); });
    test('every table has the replayed model\'s columns', async () => {
      await engine.reset();
      const r = replayed(h.dialect);
      assert.deepEqual(r.migrations[0].order.map(base), h.order);
      for (const f of r.migrations[0].order) await engine.exec(FILES[base(f)]);
      for (const t of r.workspace.tables) assert.deepEqual(await engine.columns(t.name), t.columns.map((c) => c.name.toLowerCase()), t.name);
      // and the other databases' files are not this one's: the MySQL file does not run in SQLite or PostgreSQL as written
      if (h.engine !== 'mariadb') await assert.rejects(async () => { await engine.reset(); await engine.exec(FILES['20200101000000000000_networks.up.sql']); await engine.exec(FILES['20200102000000000000_users.mysql.up.sql']); });
    });
  });
}
