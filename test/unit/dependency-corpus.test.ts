// The dependency rules on the real corpus (../shared/corpus): no crash, findings printed per file, and
// ceilings. Real, mature schemas are mostly normalized, so a flood of dependency findings means false
// positives. The ceilings come from the hand check in docs/evaluation/dependencies.md:
// - schemas whose every table was checked and found normalized (pagila, sakila, employees, musicbrainz,
//   adventureworks, openstreetmap, icinga2, powerdns, roundcube, calibre, zotero, postgrest fixtures)
//   must stay at zero;
// - the others (chinook/northwind address columns in the rows, mall's copied product/member columns,
//   cacti's cached hostnames, synapse's app_display_name) may not exceed two findings per three tables
//   (northwind, the densest, has 8 for 14 tables, all address columns shown redundant by its rows),
//   nor 60 findings over the whole corpus (49 at the time of the hand check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Dialect } from '../../server/src/core/model.ts';
import { corpusDir } from '../helpers/cases.ts';

const RULES = ['partial-dependency', 'transitive-dependency', 'bcnf-violation'];
const NORMALIZED = new Set([
  'pagila', 'sakila', 'employees', 'musicbrainz', 'adventureworks', 'openstreetmap', 'icinga2_ido', 'powerdns',
  'roundcube', 'calibre_metadata', 'zotero_userdata', 'postgrest_fixtures',
]);

let total = 0;
for (const dialect of ['postgresql', 'mysql', 'sqlite'] as Dialect[]) {
  for (const name of readdirSync(join(corpusDir, dialect)).filter((f) => f.endsWith('.sql')).sort()) {
    test(`dependency findings on ${dialect}/${name}`, () => {
      const text = readFileSync(join(corpusDir, dialect, name), 'utf8');
      const r = analyzeSources([{ file: `${dialect}/${name}`, text }], {
        ...defaultOptions, dialect, rules: { 'list-column': 'off', 'repeating-group': 'off', 'fk-missing-index': 'off' },
      });
      const fs = r.findings.filter((f) => RULES.includes(f.rule));
      total += fs.length;
      console.log(`${dialect}/${name}: ${fs.length} dependency findings, ${r.workspace.tables.length} tables`);
      for (const f of fs) console.log(`  ${f.rule} ${f.severity} ${f.table} [${f.columns.join(', ')}] <- [${(f.determinant ?? []).join(', ')}] (${f.evidence.map((e) => e.source).join(', ')})`);
      // every table gets an analysis (no crash, a normal form)
      for (const t of r.workspace.tables) assert.ok(r.analysis(t).normalForm);
      if (NORMALIZED.has(name.replace(/\.sql$/, ''))) assert.equal(fs.length, 0, 'hand-checked normalized schema');
      else assert.ok(fs.length <= Math.ceil((2 * r.workspace.tables.length) / 3), `${fs.length} findings for ${r.workspace.tables.length} tables`);
    });
  }
}

test('whole corpus stays under the ceiling', () => {
  assert.ok(total <= 60, `${total} dependency findings over the corpus`);
});
