// Dialect auto-detection: one function (core/reader/dialect.ts) for CLI and server; each file's dialect is
// reported by `schema --format json` (files[].dialect); real SQLite schemas with few tell-tale signs are
// still taken for SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../helpers/cases.ts';
import { detectDialect } from '../../server/src/core/reader/dialect.ts';
import { run } from '../../server/src/cli/run.ts';

test('the synapse SQLite schema is detected as sqlite (CREATE VIRTUAL TABLE … USING fts4)', () => {
  const text = readFileSync(join(corpusDir, 'sqlite/synapse_main.sql'), 'utf8');
  assert.deepEqual(detectDialect(text, 'auto'), { dialect: 'sqlite', source: 'detected' });
});

test('SQLite signals: virtual tables, date functions of now, INSERT OR, sqlite_ catalog', () => {
  for (const sql of ['CREATE VIRTUAL TABLE s USING fts5(body);', "CREATE TABLE t (at TEXT DEFAULT (datetime('now')));",
    "INSERT OR IGNORE INTO t VALUES (1);", 'DELETE FROM sqlite_sequence;']) {
    assert.equal(detectDialect(sql, 'auto').dialect, 'sqlite', sql);
  }
  // MySQL's DATETIME type is not SQLite's datetime('now')
  assert.equal(detectDialect('CREATE TABLE t (at DATETIME NOT NULL) ENGINE=InnoDB;', 'auto').dialect, 'mysql');
});

test('schema --format json reports each file\'s dialect and its source', () => {
  const out: string[] = [];
  const files = ['sqlite/synapse_main.sql', 'mysql/sakila.sql', 'postgresql/pagila.sql'].map((f) => join(corpusDir, f));
  const code = run('schema', ['--format', 'json', ...files], { out: (s) => out.push(s), err: () => {}, cwd: '/' }, '0');
  assert.equal(code, 0);
  const json = JSON.parse(out.join('\n')) as { tables: unknown[]; files: { file: string; dialect: string; dialectSource: string }[] };
  assert.ok(json.tables.length > 0, 'tables still reported');
  assert.deepEqual(json.files.map((f) => [f.file, f.dialect, f.dialectSource]), [
    [files[0], 'sqlite', 'detected'], [files[1], 'mysql', 'detected'], [files[2], 'postgresql', 'detected'],
  ]);
  const set: string[] = [];
  run('schema', ['--format', 'json', '--dialect', 'mysql', files[2]], { out: (s) => set.push(s), err: () => {}, cwd: '/' }, '0');
  assert.deepEqual(JSON.parse(set.join('\n')).files.map((f: { dialect: string; dialectSource: string }) => [f.dialect, f.dialectSource]), [['mysql', 'setting']]);
});
