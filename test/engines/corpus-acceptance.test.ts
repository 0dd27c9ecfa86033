// Acceptance (issue 13): every table with a dependency or 1NF finding in ../shared/corpus (fixable or not), in the engine of its
// dialect (PostgreSQL → PGlite, SQLite → sql.js, MySQL → MariaDB, whose database charset utf8mb4 differs
// from the dumps' tables), through Normalize to 3NF and to BCNF with the round-trip checks of
// roundtrip.test.ts (migration runs, columns equal the rewritten DDL, the join gives back the original
// rows, re-lint clean, the rewritten file loads). Prints ok / declined (with reason) / fail per engine.
// A file the engine cannot load as a whole (PGlite has no PostGIS) is loaded statement by statement; a table
// it then cannot create is counted as a fail with the engine's error.
// "ok" also covers a table where Normalize left a dependency unsplit and said why (listed as "a step
// declined"); a table Normalize does not rewrite at all is "declined" with its reason; anything else fails.
// A file's test fails when one of its tables fails. Slow (each case reloads its dump, 5.5–9 min in all);
// NORMLINT_SKIP_CORPUS_ACCEPTANCE=1 leaves it out, NORMLINT_CORPUS_ONLY=<dir>/<file> limits it to matching files.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../helpers/cases.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Engine } from './helpers/engine.ts';
import { openPglite } from './helpers/pglite.ts';
import { openSqlite } from './helpers/sqlite.ts';
import { openMariadb, skipMariadb } from './helpers/mariadb.ts';
import { findingTables, roundTrip } from './helpers/roundtrip.ts';

// part of `npm test` since every engine reached 0 fails (5.5–9 min); NORMLINT_SKIP_CORPUS_ACCEPTANCE=1 leaves it out
const skipAll = process.env.NORMLINT_SKIP_CORPUS_ACCEPTANCE === '1';
// The dumps create and switch databases (the engine gives a fresh one) and use the mysql client's
// DELIMITER blocks for triggers and procedures (not SQL): both are blanked, keeping offsets.
const blank = (l: string) => l.replace(/[^\n]/g, ' ');
const loadable = (text: string) => text
  .replace(/^DELIMITER\s+(?!;)\S+\s*$[\s\S]*?^DELIMITER\s+;\s*$/gim, blank)
  .replace(/^(DROP DATABASE|CREATE DATABASE|USE |\\c |DELIMITER ).*$/gim, blank);

const specs = [
  { engine: 'pglite', dir: 'postgresql', dialect: 'postgresql' as const, open: openPglite },
  { engine: 'sqlite', dir: 'sqlite', dialect: 'sqlite' as const, open: openSqlite },
  { engine: 'mariadb', dir: 'mysql', dialect: 'mariadb' as const, open: openMariadb, skip: skipMariadb },
];
const lines: string[] = [];

for (const spec of specs) {
  describe(`corpus acceptance in ${spec.engine}`, { skip: skipAll ? 'NORMLINT_SKIP_CORPUS_ACCEPTANCE=1' : spec.skip ? 'NORMLINT_SKIP_MARIADB=1' : false }, () => {
    let engine: Engine | undefined;
    const tally = { ok: 0, declined: 0, fail: 0, failed: [] as string[], declines: [] as string[], partial: [] as string[] };
    before(async () => { engine = await spec.open(); }, { timeout: 300_000 });
    after(async () => {
      await engine?.close();
      const all = tally.ok + tally.declined + tally.fail;
      lines.push(`${spec.engine}: ${tally.ok} ok, ${tally.declined} declined, ${tally.fail} fail of ${all} (${all ? Math.round((100 * tally.ok) / all) : 0} % ok)`);
      for (const d of tally.partial) lines.push(`  ok, a step declined: ${d}`);
      for (const d of tally.declines) lines.push(`  declined ${d}`);
      for (const f of tally.failed) lines.push(`  fail ${f}`);
    });
    const only = process.env.NORMLINT_CORPUS_ONLY; // e.g. postgresql/northwind.sql: one file while working on it
    const files = readdirSync(join(corpusDir, spec.dir)).filter((f) => f.endsWith('.sql') && (!only || `${spec.dir}/${f}`.includes(only))).sort();
    for (const file of files) {
      test(`${spec.dir}/${file}`, { timeout: 900_000 }, async () => {
        assert.ok(engine, `${spec.engine} started`);
        const text = loadable(readFileSync(join(corpusDir, spec.dir, file), 'utf8'));
        const src = { name: `${spec.dir}_${file}`, text, dialect: spec.dialect };
        const options = { ...defaultOptions, dialect: spec.dialect };
        const failedBefore = tally.failed.length;
        for (const t of findingTables(text, src.name, options)) {
          for (const to of ['3nf', 'bcnf'] as const) {
            const label = `${spec.dir}/${file} ${t.table} → ${to}`;
            try {
              const { declinedSteps } = await roundTrip(engine!, src, [{ table: t.table, to }]);
              tally.ok++;
              for (const d of declinedSteps) tally.partial.push(`${label}: ${d}`);
            } catch (e) {
              const first = (e as Error).message.split('\n')[0], msg = first.slice(0, 300);
              // a decline counts when it says why; "already in 3NF" beside a finding is a disagreement, a failure
              if (/Normalize produced no migration \(.+\)/.test(first) && !/is already in (3NF|BCNF)/.test(first)) { tally.declined++; tally.declines.push(`${label}: ${msg}`); } else { tally.fail++; tally.failed.push(`${label}: ${msg}`); }
            }
          }
        }
        // every table of the file ends ok or declined with its reason; anything else fails the file's test
        assert.deepEqual(tally.failed.slice(failedBefore), [], `${spec.dir}/${file}: tables that neither round-trip nor are declined with a reason`);
      });
    }
  });
}

after(() => { for (const l of lines) console.log(`corpus acceptance ${l}`); });
