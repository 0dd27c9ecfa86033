// Round trips on real data: the Chinook schema from ../shared/corpus (thousands of INSERT rows) in the
// engine of each of its dialect versions: PostgreSQL → PGlite, SQLite → sql.js, MySQL → MariaDB. Every
// "Normalize table" it offers (and with NORMLINT_CORPUS_FIXES=1 every quick fix) must migrate losslessly
// (same checks as roundtrip.test.ts).
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../helpers/cases.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Engine } from './helpers/engine.ts';
import { openPglite } from './helpers/pglite.ts';
import { openSqlite } from './helpers/sqlite.ts';
import { openMariadb, skipMariadb } from './helpers/mariadb.ts';
import { DEPENDENCY_RULES, findingKey, fixableTables, fixRoundTrip, roundTrip, type RoundTripSource } from './helpers/roundtrip.ts';

/** The dump creates and switches databases; the test engine provides a fresh one instead. */
function loadable(text: string): string {
  return text.replace(/^(DROP DATABASE|CREATE DATABASE|USE |\\c ).*$/gim, (l) => ' '.repeat(l.length));
}

const specs: { engine: string; dialect: 'postgresql' | 'sqlite' | 'mariadb'; file: string; open: () => Promise<Engine>; skip?: boolean }[] = [
  { engine: 'pglite', dialect: 'postgresql', file: 'postgresql/chinook.sql', open: openPglite },
  { engine: 'sqlite', dialect: 'sqlite', file: 'sqlite/chinook.sql', open: openSqlite },
  { engine: 'mariadb', dialect: 'mariadb', file: 'mysql/chinook.sql', open: openMariadb, skip: skipMariadb },
];
const tally: string[] = [];

for (const spec of specs) {
  describe(`corpus round trip: ${spec.file} in ${spec.engine}`, { skip: spec.skip ? 'NORMLINT_SKIP_MARIADB=1' : false }, () => {
    const src: RoundTripSource = { name: spec.file.replace('/', '_'), text: loadable(readFileSync(join(corpusDir, spec.file), 'utf8')), dialect: spec.dialect };
    let engine: Engine | undefined;
    let openError: Error | undefined;
    let pass = 0, all = 0;
    before(async () => { try { engine = await spec.open(); } catch (e) { openError = e as Error; } }, { timeout: 300_000 });
    after(async () => { await engine?.close(); tally.push(`${spec.engine} ${spec.file}: ${pass}/${all}`); });
    const options = { ...defaultOptions, dialect: spec.dialect };
    const findings = analyzeSources([{ file: src.name, text: src.text }], options).findings.filter((f) => DEPENDENCY_RULES.has(f.rule) && f.fixes.some((x) => !x.declined));
    const run = (name: string, body: () => Promise<void>) => test(name, { timeout: 300_000 }, async () => {
      all++;
      if (!engine) throw new Error(`${spec.engine} could not be started: ${openError?.message}`);
      await body();
      pass++;
    });
    // the quick fixes split the same dependencies as Normalize here; run them only with NORMLINT_CORPUS_FIXES=1 (slow)
    if (process.env.NORMLINT_CORPUS_FIXES === '1') for (const key of findings.map(findingKey)) run(`quick fix ${key}`, () => fixRoundTrip(engine!, src, key));
    for (const t of fixableTables(src.text, src.name, options)) run(`normalize ${t.table} → ${t.to}`, async () => { await roundTrip(engine!, src, [t]); });
  });
}

after(() => { for (const t of tally) console.log(`corpus round trips ${t} pass`); });
