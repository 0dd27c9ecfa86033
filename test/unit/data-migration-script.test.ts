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
