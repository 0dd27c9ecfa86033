// Edge cases of the emitted migrations, run in the engines: a foreign key that moves with its column,
// quoted mixed-case PostgreSQL names, and a migration that must refuse (not lose) rows whose determinant
// is NULL while their dependent has a value.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions, type Options } from '../../server/src/core/options.ts';
import { dependencyFixDetail } from '../../server/src/core/fix/index.ts';
import { normalizeTable } from '../../server/src/core/fix/normalize.ts';
import type { RuleContext } from '../../server/src/core/rule.ts';
import type { Dialect } from '../../server/src/core/model.ts';
import type { Engine } from './helpers/engine.ts';
import { openPglite } from './helpers/pglite.ts';
import { openSqlite } from './helpers/sqlite.ts';
import { openMariadb, skipMariadb } from './helpers/mariadb.ts';
import { checkLossless } from './helpers/lossless.ts';

function depFix(text: string, dialect: Dialect, table: string, det: string[], deps: string[]) {
  const options: Options = { ...defaultOptions, dialect };
  const r = analyzeSources([{ file: 'edge.sql', text }], options);
  const T = r.workspace.tables.find((t) => t.name === table)!;
  const ctx: RuleContext = { workspace: r.workspace, options, analysis: r.analysis, textOf: () => text, tables: r.workspace.tables, fileOf: () => r.workspace.files[0] };
  const d = dependencyFixDetail(ctx, T, det, deps);
  assert.ok(d, 'no fix');
  return d!;
}

const MOVED_FK = `CREATE TABLE countries (code VARCHAR(2) PRIMARY KEY, name VARCHAR(50));
CREATE TABLE cities (city_id INT PRIMARY KEY, name VARCHAR(50));
CREATE TABLE people (
  id INT PRIMARY KEY,
  city_id INT,
  city_country VARCHAR(2),
  FOREIGN KEY (city_country) REFERENCES countries (code),
  FOREIGN KEY (city_id) REFERENCES cities (city_id)
);
INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France');
INSERT INTO cities VALUES (1, 'Berlin'), (2, 'Bonn'), (3, 'Paris');
INSERT INTO people VALUES (1, 1, 'DE'), (2, 1, 'DE'), (3, 2, 'DE'), (4, 3, 'FR'), (5, NULL, NULL);`;

const NULL_DET = `CREATE TABLE addr (id INT PRIMARY KEY, state VARCHAR(10), country VARCHAR(10));`;

const QUOTED_PG = `create table "Order" (
\t"OrderID" integer primary key,
\t"CustomerID" integer,
\t"CustomerName" varchar(50),
\t-- @fd CustomerID -> CustomerName
\t"Note" text
);
insert into "Order" values (1, 10, 'Ann', 'x'), (2, 10, 'Ann', NULL), (3, 11, 'Bob', 'y');`;

const engines: { name: string; open: () => Promise<Engine>; skip?: boolean }[] = [
  { name: 'pglite', open: openPglite },
  { name: 'sqlite', open: openSqlite },
  { name: 'mariadb', open: openMariadb, skip: skipMariadb },
];

for (const spec of engines) {
  describe(`migration edge cases in ${spec.name}`, { skip: spec.skip ? 'NORMLINT_SKIP_MARIADB=1' : false }, () => {
    let engine: Engine;
    before(async () => { engine = await spec.open(); }, { timeout: 300_000 });
    after(async () => { await engine?.close(); });

    test('a foreign key moves with its column to the new table', async () => {
      await engine.reset();
      await engine.exec(MOVED_FK);
      const original = await engine.query('SELECT * FROM people');
      const d = depFix(MOVED_FK, engine.dialect, 'people', ['city_id'], ['city_country']);
      await engine.exec(d.fix.migration!);
      assert.deepEqual((await engine.columns('people')).sort(), ['city_id', 'id']);
      const loss = await checkLossless(engine, d, original);
      assert.ok(loss.ok, loss.problems.join('; '));
      // the moved foreign key is enforced on the new table
      await assert.rejects(engine.exec(`INSERT INTO ${d.tables[0].name} VALUES (99, 'XX')`));
    });

    test('rows with no determinant but a dependent value stop the migration before anything is dropped', async () => {
      await engine.reset();
      await engine.exec(NULL_DET + "\nINSERT INTO addr VALUES (1, 'TX', 'US'), (2, 'TX', 'US'), (3, NULL, 'DE');");
      const d = depFix(NULL_DET, engine.dialect, 'addr', ['state'], ['country']);
      await assert.rejects(engine.exec(d.fix.migration!));
      assert.deepEqual((await engine.columns('addr')).sort(), ['country', 'id', 'state']);
      assert.equal((await engine.query("SELECT * FROM addr WHERE country = 'DE'")).length, 1);
    });

    test('quoted mixed-case names keep their case (PostgreSQL folds bare names)', { skip: spec.name === 'mariadb' ? 'double-quoted names are strings in MariaDB' : false }, async () => {
      await engine.reset();
      await engine.exec(QUOTED_PG);
      const original = await engine.query('SELECT * FROM "Order"');
      const options: Options = { ...defaultOptions, dialect: engine.dialect };
      const r = analyzeSources([{ file: 'q.sql', text: QUOTED_PG }], options);
      const out = normalizeTable(r, 'q.sql', 'Order', '3nf', options, QUOTED_PG);
      assert.ok(out.migration, out.warnings.join('; '));
      assert.match(out.ddl, /^create table/m);
      assert.match(out.ddl, /\t"CustomerID" integer not null/);
      await engine.exec(out.migration);
      const loss = await checkLossless(engine, out, original);
      assert.ok(loss.ok, loss.problems.join('; '));
      // the rewritten file loads too
      await engine.reset();
    });
  });
}
