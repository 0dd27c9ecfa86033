// Round trips in real engines: for every shared case × engine (PGlite, SQLite via sql.js, MariaDB), load
// the case's DDL and rows (or generated rows that satisfy its dependencies), run the migration that
// "Normalize table" emits for each table with a fixable finding, and check that
//   1. the migration runs;
//   2. the engine's table now has exactly the columns of the rewritten DDL;
//   3. joining the new tables gives back exactly the original rows (multiset compare);
//   4. re-linting the rewritten schema (with the migrated rows) reports no dependency or 1NF finding
//      for the normalized table or the tables split off it;
//   5. the rewritten schema file itself loads in a fresh database, and when the case has INSERT rows
//      (rewritten into the new shape by the fix) its tables hold exactly what the migrated database holds.
// The same checks run for each finding's own quick fix.
// Prints how many (case × engine) round trips pass out of all. NORMLINT_SKIP_MARIADB=1 skips MariaDB.
import { after, before, describe, test } from 'node:test';
import { loadCases } from '../helpers/cases.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Engine } from './helpers/engine.ts';
import { openPglite } from './helpers/pglite.ts';
import { openSqlite } from './helpers/sqlite.ts';
import { openMariadb, skipMariadb } from './helpers/mariadb.ts';
import { translateCase } from './helpers/translate.ts';
import { DEPENDENCY_RULES, findingKey, fixableTables, fixRoundTrip, roundTrip } from './helpers/roundtrip.ts';

const cases = loadCases();
const tally = new Map<string, { pass: number; all: number; failed: string[] }>();
const fixTally = new Map<string, { pass: number; all: number; failed: string[] }>();

const engines: { name: string; open: () => Promise<Engine>; skip?: boolean }[] = [
  { name: 'pglite', open: openPglite },
  { name: 'sqlite', open: openSqlite },
  { name: 'mariadb', open: openMariadb, skip: skipMariadb },
];

for (const spec of engines) {
  describe(`round trip in ${spec.name}`, { skip: spec.skip ? 'NORMLINT_SKIP_MARIADB=1' : false }, () => {
    let engine: Engine | undefined;
    let openError: Error | undefined;
    before(async () => { try { engine = await spec.open(); } catch (e) { openError = e as Error; } }, { timeout: 300_000 });
    after(async () => { await engine?.close(); });
    const dialect = spec.name === 'pglite' ? 'postgresql' : (spec.name as 'sqlite' | 'mariadb');
    for (const c of cases) {
      const targets = fixableTables(translateCase(c.text, c.dialect, dialect), c.name, { ...defaultOptions, dialect });
      if (!targets.length) continue;
      test(`${c.name}: ${targets.map((t) => `${t.table} → ${t.to}`).join(', ')}`, { timeout: 120_000 }, async () => {
        const t = tally.get(spec.name) ?? { pass: 0, all: 0, failed: [] };
        tally.set(spec.name, t);
        t.all++;
        try {
          if (!engine) throw new Error(`${spec.name} could not be started: ${openError?.message}`);
          await roundTrip(engine, c, targets);
          t.pass++;
        } catch (e) {
          t.failed.push(c.name);
          throw e;
        }
      });
      // each finding's own quick fix, run on its own
      const keys = analyzeSources([{ file: c.name, text: translateCase(c.text, c.dialect, dialect) }], { ...defaultOptions, dialect })
        .findings.filter((f) => DEPENDENCY_RULES.has(f.rule) && f.fixes.some((x) => !x.declined)).map(findingKey);
      for (const key of keys) {
        test(`${c.name}: quick fix for ${key}`, { timeout: 120_000 }, async () => {
          const t = fixTally.get(spec.name) ?? { pass: 0, all: 0, failed: [] };
          fixTally.set(spec.name, t);
          t.all++;
          try {
            if (!engine) throw new Error(`${spec.name} could not be started: ${openError?.message}`);
            await fixRoundTrip(engine, c, key);
            t.pass++;
          } catch (e) {
            t.failed.push(`${c.name} ${key}`);
            throw e;
          }
        });
      }
    }
  });
}

after(() => {
  let pass = 0, all = 0;
  for (const [name, t] of tally) {
    pass += t.pass; all += t.all;
    console.log(`round trips ${name}: ${t.pass}/${t.all} pass${t.failed.length ? ` (failed: ${t.failed.join(', ')})` : ''}`);
  }
  console.log(`round trips total: ${pass}/${all} (case × engine) pass`);
  let fp = 0, fa = 0;
  for (const [name, t] of fixTally) {
    fp += t.pass; fa += t.all;
    console.log(`quick-fix round trips ${name}: ${t.pass}/${t.all} pass${t.failed.length ? ` (failed: ${t.failed.join('; ')})` : ''}`);
  }
  console.log(`quick-fix round trips total: ${fp}/${fa} (finding × engine) pass`);
});
