// A data migration normlint wrote beside a schema file ("migrations": "file") is a script to run once,
// not schema: after the user applies a fix, its CREATE TABLEs must not count a second time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeProject } from '../../server/src/core/migrations/index.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { applyEdits } from '../engines/helpers/apply.ts';

const options = { ...defaultOptions, migrations: 'file' as const };

test('after a fix with "migrations": "file", the written script is skipped with a reason and adds no table', () => {
  const school = readFileSync(join(import.meta.dirname, '../../examples/school.sql'), 'utf8');
  const file = '/ws/school.sql';
  const fix = analyzeSources([{ file, text: school }], options).findings.find((f) => f.rule === 'list-column')!.fixes[0];
  const created = fix.edits.find((e) => e.createFile);
  assert.ok(created, 'precondition: the fix writes a migration file');
  const schema = applyEdits(school, fix.edits.filter((e) => e.file === file));
  const sources = [{ file, text: schema }, { file: created.file, text: created.newText }];
  const r = analyzeProject(sources, options);
  assert.match(r.skipped.get(created.file) ?? '', /data migration normlint wrote/);
  const names = r.workspace.tables.map((t) => t.name);
  assert.equal(names.filter((n) => n === 'skills').length, 1, `skills once: ${names.join(', ')}`);
  assert.deepEqual(r.findings.filter((f) => f.file === created.file), []);
});

test('templated plain schema files: reported as not read, and read once "placeholders" renders them', () => {
  const text = 'CREATE TABLE {$db_prefix}members (\n  id_member int PRIMARY KEY,\n  member_name varchar(80)\n);\n';
  const plain = analyzeProject([{ file: '/ws/install.sql', text }], defaultOptions);
  assert.equal(plain.workspace.tables.length, 0);
  const info = plain.findings.find((f) => f.rule === 'unreadable-statement');
  assert.match(info?.message ?? '', /\{\$db_prefix\}/, 'a templated file is never a silent 0 tables');
  const rendered = analyzeProject([{ file: '/ws/install.sql', text }], { ...defaultOptions, migrationFolders: { placeholders: { '{$db_prefix}': 'smf_' } } });
  assert.deepEqual(rendered.workspace.tables.map((t) => t.name), ['smf_members']);
});

test('the server\'s replay (replayWorkspace) gives a folder file the same dialect as the CLI (analyzeProject)', async () => {
  const { replayWorkspace } = await import('../../server/src/core/migrations/index.ts');
  const { readFile } = await import('../../server/src/core/reader/index.ts');
  const sources = [
    { file: 'db/migrations/001_a.sql', text: 'CREATE TABLE a (id int AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n' },
    { file: 'db/migrations/002_b.sql', text: 'CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));\n' },
  ];
  const cli = analyzeProject(sources, defaultOptions);
  assert.equal(cli.workspace.files.find((f) => f.file.endsWith('002_b.sql'))?.dialect, 'mysql', 'precondition: the folder\'s usual dialect');
  const texts = new Map(sources.map((s) => [s.file, s.text]));
  const server = replayWorkspace(sources.map((s) => readFile(s.text, s.file)), (f) => texts.get(f)!, defaultOptions);
  assert.deepEqual(server?.workspace.files.map((f) => f.dialect), cli.workspace.files.map((f) => f.dialect));
});
