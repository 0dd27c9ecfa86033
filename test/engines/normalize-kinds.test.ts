// One small schema per kind of corpus-acceptance failure (issue 13), through Normalize and the round-trip
// checks of helpers/roundtrip.ts in the engines the kind concerns. Each case either round-trips (with the
// dependencies Normalize declined to split, and why, when the re-lint still shows them), or is declined as a
// whole with a reason matching `declined`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Engine } from './helpers/engine.ts';
import { openPglite } from './helpers/pglite.ts';
import { openSqlite } from './helpers/sqlite.ts';
import { openMariadb, skipMariadb } from './helpers/mariadb.ts';
import { roundTrip } from './helpers/roundtrip.ts';

type EngineName = 'pglite' | 'sqlite' | 'mariadb';
interface Kind {
  name: string;
  sql: string;
  /** Dialect the SQL is written in (translated for the other engines). */
  dialect: 'postgresql' | 'mariadb';
  table: string;
  engines: EngineName[];
  /** A dependency the re-lint still reports, declined with this reason. */
  declinedStep?: RegExp;
  /** Normalize declines the whole table with this reason. */
  declined?: RegExp;
}

const places = (extraRow: string) => `CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  name VARCHAR(40) NOT NULL,
  city VARCHAR(30),
  region VARCHAR(30),
  country VARCHAR(30)
);
INSERT INTO customers VALUES (1, 'a', 'Vancouver', 'BC', 'Canada'), (2, 'b', 'Vancouver', 'BC', 'Canada'), (3, 'c', 'Victoria', 'BC', 'Canada'),
  (4, 'd', 'Toronto', 'ON', 'Canada'), (5, 'e', 'Toronto', 'ON', 'Canada'), (6, 'f', 'Seattle', 'WA', 'USA'), (7, 'g', 'Seattle', 'WA', 'USA'),
  (8, 'h', 'Spokane', 'WA', 'USA'), (9, 'i', 'Ottawa', 'ON', 'Canada')${extraRow};
`;

const ALL: EngineName[] = ['pglite', 'sqlite', 'mariadb'];
export const kinds: Kind[] = [
  // the new table cities (city, region, country) shows region → country in its rows: split again
  { name: 'a new table is analysed as the re-lint will see it', sql: places(''), dialect: 'postgresql', table: 'customers', engines: ALL },
  // … unless a city with no region has a country (the split would lose it): declined with the reason
  { name: 'a follow-up split that would lose values is declined', sql: places(`, (10, 'j', 'London', NULL, 'UK'), (11, 'k', 'London', NULL, 'UK')`), dialect: 'postgresql', table: 'customers', engines: ALL, declinedStep: /INSERT rows with no region still have a country/ },
  // the rows give product 10 two names: no products table can hold that (mall's oms_order_item)
  {
    name: 'rows that contradict the dependency decline the split', dialect: 'postgresql', table: 'order_lines', engines: ALL,
    sql: `CREATE TABLE order_lines (\n  line_id INTEGER PRIMARY KEY,\n  product_id INTEGER NOT NULL,\n  product_name VARCHAR(40)\n);\nINSERT INTO order_lines VALUES (1, 10, 'Pen'), (2, 10, 'Pen '), (3, 11, 'Ink');\n`,
    declined: /not splitting product_id → product_name: the INSERT rows contradict it \(product_id 10 has product_name 'Pen' and 'Pen '\)/,
  },
];

const opens: Record<EngineName, () => Promise<Engine>> = { pglite: openPglite, sqlite: openSqlite, mariadb: openMariadb };

for (const name of ['pglite', 'sqlite', 'mariadb'] as const) {
  describe(`normalize kinds in ${name}`, { skip: name === 'mariadb' && skipMariadb ? 'NORMLINT_SKIP_MARIADB=1' : false }, () => {
    let engine: Engine;
    before(async () => { engine = await opens[name](); }, { timeout: 300_000 });
    after(async () => { await engine?.close(); });
    for (const k of kinds.filter((x) => x.engines.includes(name))) {
      for (const to of ['3nf', 'bcnf'] as const) {
        test(`${k.name} (${to})`, { timeout: 120_000 }, async () => {
          const src = { name: `${k.table}.sql`, text: k.sql, dialect: k.dialect };
          if (k.declined) {
            await assert.rejects(roundTrip(engine, src, [{ table: k.table, to }]), (e: Error) => /Normalize produced no migration/.test(e.message) && k.declined!.test(e.message));
          } else {
            const { declinedSteps } = await roundTrip(engine, src, [{ table: k.table, to }]);
            if (k.declinedStep) assert.ok(declinedSteps.some((d) => k.declinedStep!.test(d)), `declined with the reason: ${declinedSteps.join('; ')}`);
            else assert.deepEqual(declinedSteps, []);
          }
        });
      }
    }
  });
}
