// Single-file up/down folders (goose, sql-migrate, dbmate) in PGlite: the folder runs up as the tool runs
// it (statements cut the tool's way, test/helpers/section-folders.ts); a fix's new migration is one file
// in the tool's shape that sorts last, its up section applies the fix (the finding is gone on re-lint, and
// nothing is read from its down section), its down section gives back the catalog and the rows as they
// were, and up runs again.
//   node --import tsx --test test/engines/migrations-sections.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { analyzeProject } from '../../server/src/core/migrations/index.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Finding } from '../../server/src/core/findings.ts';
import { sectionFolder, statementsOf, type Tool } from '../helpers/section-folders.ts';

async function run(db: PGlite, tool: Tool, text: string, direction: 'up' | 'down', label: string): Promise<void> {
  const statements = statementsOf(tool, text, direction);
  assert.ok(statements.length > 0, `${label}: ${direction} has statements`);
  // each statement alone, as goose and sql-migrate send them (dbmate sends the section as one text)
  for (const sql of statements) {
    try { await db.exec(sql); } catch (e) { throw new Error(`${label} ${direction}: ${(e as Error).message}\n${sql}`); }
  }
}

/** Columns (by name: a column moved back comes back at the end), indexes and constraints of the public schema. */
async function catalog(db: PGlite): Promise<string[]> {
  const cols = await db.query<{ x: string }>(`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS x FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`);
  const idx = await db.query<{ x: string }>(`SELECT tablename || ' ' || indexdef AS x FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
  const cons = await db.query<{ x: string }>(`SELECT conrelid::regclass::text || ' ' || contype::text || ' ' || pg_get_constraintdef(oid) AS x FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`);
  return [...cols.rows, ...idx.rows, ...cons.rows].map((r) => r.x);
}

const rows = async (db: PGlite, table: string) =>
  (await db.query<Record<string, unknown>>(`SELECT * FROM ${table}`)).rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]))).sort();

const key = (f: Finding) => `${f.rule} ${f.table} ${f.columns}`;

for (const tool of ['goose', 'sql-migrate', 'dbmate'] as const) {
  test(`${tool}: a fix's new migration runs up and down in PGlite as ${tool} runs it`, async () => {
    const folder = sectionFolder(tool);
    const sources = Object.entries(folder).map(([name, text]) => ({ file: `db/migrations/${name}`, text }));
    const project = analyzeProject(sources, defaultOptions);
    assert.equal(project.migrations[0]?.convention, tool);
    const cases = ['fk-missing-index', 'transitive-dependency'].map((rule) => project.findings.find((f) => f.rule === rule && f.table === 'posts'));
    assert.ok(cases.every(Boolean), `findings on posts: ${project.findings.map(key).join('; ')}`);
    for (const f of cases as Finding[]) {
      const label = `${tool} ${f.rule}`;
      const fix = f.fixes[0];
      assert.ok(fix, `${label}: a fix`);
      assert.equal(fix.edits.length, 1, `${label}: one new file holds up and down`);
      const [file] = fix.edits;
      assert.ok(file.createFile && file.file.startsWith('db/migrations/') && !(file.file.slice(14) in folder), `${label}: ${file.file} is a new file of the folder`);
      // re-lint with the new file: it runs last, the finding is gone, and its down section is not schema
      const again = analyzeProject([...sources, { file: file.file, text: file.newText }], defaultOptions);
      assert.deepEqual([again.migrations[0].convention, again.migrations[0].order.at(-1)], [tool, file.file]);
      assert.ok(!again.findings.some((x) => key(x) === key(f)), `${label}: still reported after the new migration`);
      assert.deepEqual(again.findings.filter((x) => x.file === file.file).map(key), [], `${label}: nothing new in the new migration`);

      const db = await PGlite.create();
      try {
        for (const [name, text] of Object.entries(folder).sort(([a], [b]) => project.migrations[0].order.indexOf(`db/migrations/${a}`) - project.migrations[0].order.indexOf(`db/migrations/${b}`))) {
          await run(db, tool, text, 'up', name);
        }
        const before = await catalog(db), postsBefore = await rows(db, 'posts');
        await run(db, tool, file.newText, 'up', label);
        const after = await catalog(db);
        assert.notDeepEqual(after, before, `${label}: up changes the catalog`);
        if (f.rule === 'fk-missing-index') assert.ok(after.some((x) => /^posts CREATE INDEX \S+ ON public\.posts USING btree \(user_id\)$/.test(x)), `${label}: the index exists`);
        else assert.ok(!after.includes('posts.city text NO') && after.some((x) => x.startsWith('zips.city ')), `${label}: city moved to zips`);
        await run(db, tool, file.newText, 'down', label);
        assert.deepEqual(await catalog(db), before, `${label}: down gives back the catalog`);
        assert.deepEqual(await rows(db, 'posts'), postsBefore, `${label}: down gives back the rows`);
        await run(db, tool, file.newText, 'up', `${label} (again)`);
      } finally { await db.close(); }
    }
  });
}
