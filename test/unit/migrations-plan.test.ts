// Migration folders from file names: convention, migrator order, what is never schema, the config's
// object form, and the names of the new migration a fix writes. Run:
//   node --import tsx --test test/unit/migrations-plan.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planMigrations } from '../../server/src/core/migrations/plan.ts';
import { asNewMigration, nextMigrationPaths, reverseOf } from '../../server/src/core/migrations/new-migration.ts';
import { parseConfig } from '../../server/src/core/config.ts';
import { analyzeProject } from '../../server/src/core/migrations/index.ts';
import { defaultOptions } from '../../server/src/core/options.ts';

const src = (...files: string[]) => files.map((file) => ({ file, text: 'SELECT 1;' }));
const names = (files: string[]) => files.map((f) => f.slice(f.indexOf('/') + 1));

test('Flyway: versions numerically part by part, repeatables last, undo never; a baseline replaces the V files up to it', () => {
  const p = planMigrations(src('db/V1_10__b.sql', 'db/R__views.sql', 'db/V1_2__a.sql', 'db/U1_2__a.sql', 'db/V1.1__x.sql'));
  assert.equal(p.folders[0].convention, 'flyway');
  assert.deepEqual(names(p.folders[0].order), ['V1.1__x.sql', 'V1_2__a.sql', 'V1_10__b.sql', 'R__views.sql']);
  assert.deepEqual(names(p.folders[0].skipped.map((s) => s.file)), ['U1_2__a.sql']);
  const b = planMigrations(src('db/V1__a.sql', 'db/V2__b.sql', 'db/B2__base.sql', 'db/V3__c.sql'));
  assert.deepEqual(names(b.folders[0].order), ['B2__base.sql', 'V3__c.sql']);
  assert.equal(b.skipped.get('db/V2__b.sql'), 'replaced by the baseline B2__base.sql');
});

test('Prisma, Diesel, golang-migrate, sqlx and plain numbered folders; down files are never schema', () => {
  const prisma = planMigrations(src('p/20230411_b/migration.sql', 'p/20230404_a/migration.sql'));
  assert.deepEqual([prisma.folders[0].convention, ...names(prisma.folders[0].order)], ['prisma', '20230404_a/migration.sql', '20230411_b/migration.sql']);
  // Diesel compares versions as strings without dashes (crates.io mixes 20160811151953_x and 2017-08-31-230457_y)
  const mixed = planMigrations(src('c/2017-08-31-230457_y/up.sql', 'c/20160811151953_x/up.sql', 'c/20170901000000_z/up.sql', 'c/00000000000000_setup/up.sql'));
  assert.deepEqual(names(mixed.folders[0].order), ['00000000000000_setup/up.sql', '20160811151953_x/up.sql', '2017-08-31-230457_y/up.sql', '20170901000000_z/up.sql']);
  const diesel = planMigrations(src('d/2019-02-27-170003_b/up.sql', 'd/2019-02-26-002946_a/down.sql', 'd/2019-02-26-002946_a/up.sql'));
  assert.deepEqual([diesel.folders[0].convention, ...names(diesel.folders[0].order)], ['diesel', '2019-02-26-002946_a/up.sql', '2019-02-27-170003_b/up.sql']);
  const gm = planMigrations(src('g/10_c.up.sql', 'g/2_b_up.sql', 'g/2_b_down.sql', 'g/1_a.up.sql', 'g/1_a.down.sql', 'g/0003.up.sql'));
  assert.deepEqual([gm.folders[0].convention, ...names(gm.folders[0].order)], ['golang-migrate', '1_a.up.sql', '2_b_up.sql', '0003.up.sql', '10_c.up.sql']);
  // authelia's migrator: V<version>.<title>.up.sql / .down.sql, a golang-migrate pair with a V in front
  const au = planMigrations(src('a/V0010.X.up.sql', 'a/V0002.WebAuthn.down.sql', 'a/V0002.WebAuthn.up.sql', 'a/V0001.Initial_Schema.up.sql', 'a/V0001.Initial_Schema.down.sql'));
  assert.deepEqual([au.folders[0].convention, ...names(au.folders[0].order)], ['golang-migrate', 'V0001.Initial_Schema.up.sql', 'V0002.WebAuthn.up.sql', 'V0010.X.up.sql']);
  assert.deepEqual(names(au.folders[0].skipped.map((s) => s.file)).sort(), ['V0001.Initial_Schema.down.sql', 'V0002.WebAuthn.down.sql']);
  assert.equal(gm.skipped.size, 2);
  const sqlx = planMigrations(src('x/20210425153757_b.sql', 'x/20210425153745_a.sql'));
  assert.equal(sqlx.folders[0].convention, 'sqlx');
  const plain = planMigrations(src('app/migrations/002_b.sql', 'app/migrations/001_a.sql'));
  assert.deepEqual([plain.folders[0].convention, ...names(plain.folders[0].order)], ['numbered', 'migrations/001_a.sql', 'migrations/002_b.sql']);
  // numbered files outside a folder named like migrations are plain schema files (course exercises)
  assert.equal(planMigrations(src('cases/01_a.sql', 'cases/02_b.sql')).replay, false);
  assert.equal(planMigrations(src('schema.sql')).replay, false);
});

test('config: path, convention, exclude (picomatch), placeholders; a dbmate down section is blanked', () => {
  const p = planMigrations(src('a/migrations/001_a.sql', 'b/migrations/001_a.sql', 'b/migrations/002_seed.sql'), { path: 'b/migrations', exclude: ['*seed*'] });
  assert.deepEqual(p.folders.map((f) => f.path), ['b/migrations']);
  assert.deepEqual(names(p.folders[0].order), ['migrations/001_a.sql']);
  const t = planMigrations([{ file: 'm/20200101000000_a.up.sql', text: 'CREATE TABLE {{ ns }}.t (id int);' }], { placeholders: { '{{ ns }}': 'auth' } });
  assert.equal(t.sources[0].text, 'CREATE TABLE auth.t (id int);');
  const dbmate = '-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t;\n';
  const d = planMigrations([{ file: 'db/migrations/20200101000000_a.sql', text: dbmate }]);
  assert.equal(d.sources[0].text.length, dbmate.length);
  assert.doesNotMatch(d.sources[0].text, /DROP TABLE/);
  const cfg = parseConfig(JSON.stringify({ migrations: { path: 'db/migrations', convention: 'flyway', exclude: ['B*'], placeholders: { '${ns}': 'x' }, fixes: 'file' } }), 'rc');
  assert.deepEqual(cfg.errors, []);
  assert.equal(cfg.options.migrations, 'file');
  assert.deepEqual(cfg.options.migrationFolders, { path: 'db/migrations', convention: 'flyway', exclude: ['B*'], placeholders: { '${ns}': 'x' } });
  assert.equal(parseConfig('{"migrations":"inline"}', 'rc').options.migrations, 'inline');
  assert.equal(parseConfig('{"migrations":{"convention":"liquibase"}}', 'rc').errors.length, 1);
});

test('a fix in a migrations folder becomes the next migration in its convention', () => {
  const folder = (convention: never, order: string[], skipped: string[] = []) => ({ path: 'm', convention, order, skipped: skipped.map((file) => ({ file, reason: '' })) });
  assert.deepEqual(nextMigrationPaths(folder('prisma' as never, ['m/20230404095503_a/migration.sql']), 'x'), { up: 'm/20230404095504_normlint_x/migration.sql' });
  assert.deepEqual(nextMigrationPaths(folder('flyway' as never, ['m/V1_12_9__a.sql', 'm/V1_12_10__b.sql']), 'x'), { up: 'm/V1_12_11__normlint_x.sql' });
  assert.deepEqual(nextMigrationPaths(folder('flyway' as never, ['m/B1_20_0__base.sql'], ['m/V1_12_10__b.sql']), 'x'), { up: 'm/V1_20_1__normlint_x.sql' });
  assert.deepEqual(nextMigrationPaths(folder('golang-migrate' as never, ['m/0161.up.sql'], ['m/0161.down.sql']), 'x'), { up: 'm/0162_normlint_x.up.sql', down: 'm/0162_normlint_x.down.sql' });
  assert.deepEqual(nextMigrationPaths(folder('golang-migrate' as never, ['m/20260625000000_a.up.sql']), 'x'), { up: 'm/20260625000001_normlint_x.up.sql' });
  // the next file keeps the latest one's V prefix and separator, so that the folder's migrator reads it
  assert.deepEqual(nextMigrationPaths(folder('golang-migrate' as never, ['m/V0018.OAuth2DeviceCode.up.sql'], ['m/V0018.OAuth2DeviceCode.down.sql']), 'x'), { up: 'm/V0019.normlint_x.up.sql', down: 'm/V0019.normlint_x.down.sql' });
  assert.deepEqual(nextMigrationPaths(folder('diesel' as never, ['m/2026-07-27-235959-0000_a/up.sql']), 'x'), { up: 'm/2026-07-28-000000-0000_normlint_x/up.sql', down: 'm/2026-07-28-000000-0000_normlint_x/down.sql' });
  // crates.io names Diesel folders by plain 14-digit stamps (and has a 00000000000000 setup): the next one sorts last
  assert.deepEqual(nextMigrationPaths(folder('diesel' as never, ['m/00000000000000_diesel_initial_setup/up.sql', 'm/20250702142000_b/up.sql']), 'x'), { up: 'm/20250702142001_normlint_x/up.sql', down: 'm/20250702142001_normlint_x/down.sql' });
  assert.deepEqual(nextMigrationPaths(folder('numbered' as never, ['m/009_a.sql']), 'x'), { up: 'm/010_normlint_x.sql' });
  assert.equal(reverseOf('CREATE INDEX "a_b_idx" ON public.a (b);', 'postgresql'), 'DROP INDEX "a_b_idx";\n');
  assert.equal(reverseOf('ALTER TABLE a DROP COLUMN b;', 'postgresql'), undefined);
  const fix = { title: 'Create index a_b_idx on a (b)', kind: 'quickfix' as const, edits: [{ file: 'm/0161.up.sql', span: { start: 5, end: 5 }, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, newText: '\nCREATE INDEX a_b_idx ON a (b);' }] };
  const m = asNewMigration(fix, folder('golang-migrate' as never, ['m/0161.up.sql'], ['m/0161.down.sql']), 'postgresql')!;
  assert.deepEqual(m.edits.map((e) => [e.file, e.createFile, e.newText]), [
    ['m/0162_normlint_create_index_a_b_idx_on_a_b.up.sql', true, '-- normlint: Create index a_b_idx on a (b)\nCREATE INDEX a_b_idx ON a (b);\n'],
    ['m/0162_normlint_create_index_a_b_idx_on_a_b.down.sql', true, '-- normlint: reverses 0162_normlint_create_index_a_b_idx_on_a_b.up.sql\nDROP INDEX a_b_idx;\n'],
  ]);
  // an in-place rewrite with no migration script cannot be a new migration
  assert.equal(asNewMigration({ ...fix, edits: [{ ...fix.edits[0], span: { start: 0, end: 4 } }] }, folder('numbered' as never, ['m/001_a.sql']), 'postgresql'), null);
});

test('a finding on a table built over several migrations is on the migration that added its columns or key', () => {
  const r = analyzeProject([
    { file: 'migrations/001_create.sql', text: 'CREATE TABLE customers (id int PRIMARY KEY);\nCREATE TABLE contacts (id int PRIMARY KEY, name text);\n' },
    { file: 'migrations/002_phones.sql', text: 'ALTER TABLE contacts ADD COLUMN phone1 text;\nALTER TABLE contacts ADD COLUMN phone2 text;\nALTER TABLE contacts ADD COLUMN phone3 text;\n' },
    { file: 'migrations/003_fk.sql', text: 'ALTER TABLE contacts ADD COLUMN customer_id int;\nALTER TABLE contacts ADD CONSTRAINT contacts_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n' },
  ], { ...defaultOptions, dialect: 'postgresql' });
  const group = r.findings.find((f) => f.rule === 'repeating-group')!;
  assert.equal(group.file, 'migrations/002_phones.sql');
  assert.equal(group.range.start.line, 0);
  assert.deepEqual(group.related.map((x) => [x.file, x.message]).slice(0, 1), [['migrations/001_create.sql', 'contacts created here']]);
  const fk = r.findings.find((f) => f.rule === 'fk-missing-index')!;
  assert.equal(fk.file, 'migrations/003_fk.sql');
  assert.equal(fk.range.start.line, 1);
});

test('two migration folders are two projects: the same table in each is two tables', () => {
  const r = analyzeProject([
    { file: 'migrate/postgres/0001_init.up.sql', text: 'CREATE TABLE users (id bigserial PRIMARY KEY, email text);' },
    { file: 'migrate/sqlite/0001_init.up.sql', text: 'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT);' },
    { file: 'migrate/sqlite/0002_drop.up.sql', text: 'ALTER TABLE users DROP COLUMN email;' },
  ], defaultOptions);
  assert.deepEqual(r.migrations.map((m) => m.path), ['migrate/postgres', 'migrate/sqlite']);
  assert.deepEqual(r.workspace.tables.map((t) => `${t.file.split('/')[1]}:${t.columns.map((c) => c.name).join(',')}`).sort(), ['postgres:id,email', 'sqlite:id']);
});

test('two folders with the same tables (a PostgreSQL and a SQLite variant): each finding goes to its own folder\'s migration', () => {
  const variant = (dir: string) => [
    { file: `${dir}/001_create.sql`, text: 'CREATE TABLE contacts (id int PRIMARY KEY, name text);\n' },
    { file: `${dir}/002_phones.sql`, text: 'ALTER TABLE contacts ADD COLUMN phone1 text;\nALTER TABLE contacts ADD COLUMN phone2 text;\nALTER TABLE contacts ADD COLUMN phone3 text;\n' },
  ];
  const r = analyzeProject([...variant('postgres/migrations'), ...variant('sqlite/migrations')], { ...defaultOptions, dialect: 'postgresql' });
  const groups = r.findings.filter((f) => f.rule === 'repeating-group').map((f) => f.file).sort();
  assert.deepEqual(groups, ['postgres/migrations/002_phones.sql', 'sqlite/migrations/002_phones.sql']);
});

test('goose, sql-migrate and dbmate files by their markers, in each tool\'s order; down sections blanked in place', () => {
  const marked = (up: string, down: string) => (...files: string[]) => files.map((file) => ({ file, text: `-- a comment\n${up}\nCREATE TABLE t (id int);\n${down}\nDROP TABLE t;\n` }));
  const goose = marked('-- +goose Up', '-- +goose Down');
  // a goose folder need not be called migrations; goose runs <version>_x.sql by version number
  const g = planMigrations(goose('schema/10_c.sql', 'schema/2_b.sql', 'schema/00001_a.sql', 'schema/notes.sql'));
  assert.deepEqual([g.folders[0].convention, ...names(g.folders[0].order)], ['goose', '00001_a.sql', '2_b.sql', '10_c.sql']);
  // sql-migrate: numbered names by number, then the others by name
  const s = planMigrations(marked('-- +migrate Up', '-- +migrate Down')('m/b_seed.sql', 'm/10_c.sql', 'm/a_init.sql', 'm/2_b.sql'));
  assert.deepEqual([s.folders[0].convention, ...names(s.folders[0].order)], ['sql-migrate', '2_b.sql', '10_c.sql', 'a_init.sql', 'b_seed.sql']);
  // dbmate: by file name
  const d = planMigrations(marked('-- migrate:up', '-- migrate:down')('db/migrations/2_b.sql', 'db/migrations/10_c.sql', 'db/migrations/1_a.sql'));
  assert.deepEqual([d.folders[0].convention, ...names(d.folders[0].order)], ['dbmate', 'migrations/10_c.sql', 'migrations/1_a.sql', 'migrations/2_b.sql']);
  for (const p of [g, s, d]) {
    for (const x of p.sources) {
      assert.doesNotMatch(x.text, /DROP TABLE/);
      assert.match(x.text, /^CREATE TABLE t \(id int\);$/m);
      assert.equal(x.text.split('\n').length, 6, 'lines kept');
    }
  }
  // sql-migrate and dbmate alternate sections: each down section up to the next up marker is blanked
  const alt = planMigrations([{ file: 'm/1_a.sql', text: '-- +migrate Up\nCREATE TABLE a (id int);\n-- +migrate Down\nDROP TABLE a;\n-- +migrate Up\nCREATE TABLE b (id int);\n' }]);
  assert.equal(alt.sources[0].text, `-- +migrate Up\nCREATE TABLE a (id int);\n${' '.repeat(16)}\n${' '.repeat(13)}\n-- +migrate Up\nCREATE TABLE b (id int);\n`);
  // the marker must lead the file (goose and dbmate refuse statements before it): a schema that mentions one later is plain
  const plain = planMigrations([{ file: 'x/schema.sql', text: 'CREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n' }]);
  assert.equal(plain.replay, false);
  assert.match(plain.sources[0].text, /DROP TABLE t/);
  // "convention" in the config names the tool without markers (its down sections are still never schema)
  const cfg = planMigrations(goose('x/1_a.sql', 'x/2_b.sql'), { convention: 'goose' });
  assert.deepEqual([cfg.folders[0].convention, ...names(cfg.folders[0].order)], ['goose', '1_a.sql', '2_b.sql']);
});

test('a fix in a goose, sql-migrate or dbmate folder is one new file that sorts last, its up and down in the tool\'s markers', () => {
  const folder = (convention: never, order: string[]) => ({ path: 'm', convention, order, skipped: [] });
  assert.deepEqual(nextMigrationPaths(folder('goose' as never, ['m/00001_a.sql', 'm/00002_b.sql']), 'x'), { up: 'm/00003_normlint_x.sql', sections: 'goose' });
  assert.deepEqual(nextMigrationPaths(folder('dbmate' as never, ['m/20230110120000_c.sql', 'm/20230101120000_a.sql']), 'x'), { up: 'm/20230110120001_normlint_x.sql', sections: 'dbmate' });
  assert.deepEqual(nextMigrationPaths(folder('sql-migrate' as never, ['m/1_a.sql', 'm/2_b.sql']), 'x'), { up: 'm/3_normlint_x.sql', sections: 'sql-migrate' });
  assert.deepEqual(nextMigrationPaths(folder('sql-migrate' as never, ['m/1_a.sql', 'm/init.sql']), 'x'), { up: 'm/init_normlint_x.sql', sections: 'sql-migrate' });
  const fix = { title: 'Create index i on t (a)', kind: 'quickfix' as const, edits: [{ file: 'm/00002_b.sql', span: { start: 9, end: 9 }, range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, newText: '\nCREATE INDEX i ON t (a);' }] };
  const goose = asNewMigration(fix, folder('goose' as never, ['m/00001_a.sql', 'm/00002_b.sql']), 'postgresql')!;
  assert.deepEqual(goose.edits.map((e) => [e.file, e.newText]), [['m/00003_normlint_create_index_i_on_t_a.sql',
    '-- normlint: Create index i on t (a)\n-- +goose Up\nCREATE INDEX i ON t (a);\n\n-- +goose Down\nDROP INDEX i;\n']]);
  // dbmate needs a down section even when the fix cannot be reversed; a statement with lines ending in `;` inside is one goose statement
  const body = 'DO $$\nBEGIN\n  PERFORM 1;\nEND\n$$;\nCREATE TABLE u (id int);';
  const dbmate = asNewMigration({ ...fix, edits: [], migration: `BEGIN;\n${body}\nCOMMIT;`, down: { none: 'it drops data' } }, folder('dbmate' as never, ['m/1_a.sql']), 'postgresql')!;
  assert.equal(dbmate.edits[0].newText, `-- normlint: Create index i on t (a)\n-- normlint: no down migration: it drops data\n-- migrate:up\n${body}\n\n-- migrate:down\n`);
  const g2 = asNewMigration({ ...fix, edits: [], migration: body, down: { down: 'DROP TABLE u;' } }, folder('goose' as never, ['m/1_a.sql']), 'postgresql')!;
  assert.equal(g2.edits[0].newText, '-- normlint: Create index i on t (a)\n-- +goose Up\n-- +goose StatementBegin\nDO $$\nBEGIN\n  PERFORM 1;\nEND\n$$;\n-- +goose StatementEnd\nCREATE TABLE u (id int);\n\n-- +goose Down\nDROP TABLE u;\n');
});
