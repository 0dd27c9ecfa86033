// Titles-only fixes (RuleContext.fixEdits false, what the CLI's text/json/sarif use): the same findings with the
// same fix titles and declines as with edits, on every labeled case and corpus file — only the edits and the
// migration text are left out. Migration folders and templated files need the edits to decide which fixes
// stay, so there the mode falls back to full fixes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeSources, type SourceFile } from '../../server/src/core/analyze.ts';
import { analyzeProject } from '../../server/src/core/migrations/index.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Finding } from '../../server/src/core/findings.ts';
import { collectInputs } from '../../server/src/cli/files.ts';

const shared = resolve(import.meta.dirname, '../../../shared');
const sqlIn = (dir: string): SourceFile[] =>
  readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));

const titles = (fs: Finding[]) => fs.map((f) => ({
  at: `${f.file}:${f.range.start.line}:${f.range.start.character} ${f.rule} ${f.table} ${f.columns.join(',')}`,
  fixes: f.fixes.map((x) => x.title), declined: f.declinedFixes ?? [],
}));

const groups: [string, SourceFile[]][] = [
  ['cases', sqlIn(join(shared, 'cases'))],
  ...['postgresql', 'mysql', 'sqlite'].map((d): [string, SourceFile[]] => [`corpus/${d}`, sqlIn(join(shared, 'corpus', d))]),
];

for (const [name, sources] of groups) {
  test(`titles-only fixes equal the titles of full fixes: ${name} (${sources.length} files)`, () => {
    assert.ok(sources.length > 0, `no .sql files in ${name}`);
    for (const s of sources) {
      const full = analyzeSources([s], defaultOptions).findings;
      const only = analyzeSources([s], defaultOptions, { fixEdits: false }).findings;
      assert.deepEqual(titles(only), titles(full), s.file);
      for (const f of only) for (const x of f.fixes) {
        assert.deepEqual(x.edits, [], `${s.file}: ${x.title} has edits in titles-only mode`);
        assert.equal(x.migration, undefined);
      }
    }
    // at least some fixes were compared (the set is not vacuous)
    assert.ok(sources.some((s) => analyzeSources([s], defaultOptions, { fixEdits: false }).findings.some((f) => f.fixes.length > 0)));
  });
}

test('migration folders: titles-only falls back to full fixes (a fix there becomes a new migration)', () => {
  const inputs = collectInputs([join(shared, 'migrations')]);
  const full = analyzeProject(inputs.sources, defaultOptions).findings;
  const asked = analyzeProject(inputs.sources, defaultOptions, { fixEdits: false }).findings;
  assert.ok(full.some((f) => f.fixes.some((x) => x.edits.some((e) => e.createFile))), 'some fix is a new migration file');
  assert.deepEqual(asked, full);
});
