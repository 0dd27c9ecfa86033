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
  FOREIGN KEY (city_country) REFERENCES countries (code)
);
INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France');
INSERT INTO cities VALUES (1, 'Berlin'), (2, 'Bonn'), (3, 'Paris');
INSERT INTO people VALUES (1, 1, 'DE'), (2, 1, 'DE'), (3, 2, 'DE'), (4, 3, 'FR'), (5, NULL, NULL);`;

const UNIQUE_REBUILT = `CREATE TABLE emp (
  id INT PRIMARY KEY,
  badge VARCHAR(10),
  dept_id INT,
  dept_name VARCHAR(20),
  UNIQUE (badge, dept_name)
);
INSERT INTO emp VALUES (1, 'b1', 1, 'Sales'), (2, 'b1', 2, 'Ops'), (3, 'b2', 1, 'Sales');`;

const NULL_DET = `CREATE TABLE addr (id INT PRIMARY KEY, state VARCHAR(10), country VARCHAR(10));`;

const QUOTED_PG = `create table "Order" (
\t"OrderID" integer primary key,
\t"CustomerID" integer,
\t"CustomerName" varchar(50),
\t-- @fd CustomerID -> CustomerName
\t"Note" text
);
insert into "Order" values (1, 10, 'Ann', 'x'), (2, 10, 'Ann', NULL), (3, 11, 'Bob', 'y');`;

// only the table name is quoted (and mixed-case): the rest of the file is bare
const ONE_QUOTED = `CREATE TABLE "Invoice" (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER,
    customer_name VARCHAR(50)
);
INSERT INTO "Invoice" VALUES (1, 10, 'Ann'), (2, 10, 'Ann'), (3, 11, 'Bob');`;

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

    test('a determinant that already references a table lacking the dependent is declined with the reason', () => {
      const text = MOVED_FK.replace('FOREIGN KEY (city_country) REFERENCES countries (code)', 'FOREIGN KEY (city_country) REFERENCES countries (code),\n  FOREIGN KEY (city_id) REFERENCES cities (city_id)');
      const d = depFix(text, engine.dialect, 'people', ['city_id'], ['city_country']);
      assert.match(d.fix.declined ?? '', /^city_id already references cities/);
      assert.match(d.fix.title, /^Cannot extract city_id → city_country because city_id already references cities, which has no column for city_country/);
      assert.deepEqual(d.fix.edits, []);
    });

    test('a UNIQUE key that loses a column is rebuilt as (K − Y) ∪ X and still enforced', async () => {
      await engine.reset();
      await engine.exec(UNIQUE_REBUILT);
      const original = await engine.query('SELECT * FROM emp');
      const d = depFix(UNIQUE_REBUILT, engine.dialect, 'emp', ['dept_id'], ['dept_name']);
      assert.match(d.fix.edits.map((e) => e.newText).join('\n'), /UNIQUE \(badge, dept_id\)/);
      await engine.exec(d.fix.migration!);
      const loss = await checkLossless(engine, d, original);
      assert.ok(loss.ok, loss.problems.join('; '));
      await assert.rejects(engine.exec("INSERT INTO emp (id, badge, dept_id) VALUES (4, 'b2', 1)"));
      await engine.exec("INSERT INTO emp (id, badge, dept_id) VALUES (5, 'b2', 2)");
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
      const loss = await checkLossless(engine, out, original, (n) => `"${n}"`);
      assert.ok(loss.ok, loss.problems.join('; '));
      assert.deepEqual((await engine.query('SELECT * FROM "Customers" ORDER BY "CustomerID"')).map((r) => r.customername), ['Ann', 'Bob']);

      await engine.reset();
      await engine.exec(ONE_QUOTED);
      const before = await engine.query('SELECT * FROM "Invoice"');
      const d = depFix(ONE_QUOTED, engine.dialect, 'Invoice', ['customer_id'], ['customer_name']);
      if (engine.dialect === 'postgresql') assert.match(d.fix.migration!, /ALTER TABLE "Invoice"/);
      assert.match(d.fix.migration!, /FROM "?Invoice"?/);
      await engine.exec(d.fix.migration!);
      const loss2 = await checkLossless(engine, d, before, (n) => (n === 'Invoice' ? '"Invoice"' : n));
      assert.ok(loss2.ok, loss2.problems.join('; '));
    });
  });
}

// A table in a named schema (PostgreSQL schema, MariaDB database): every table the split creates and fills
// is in that schema, not in the connection's default one. SQLite (`main.`) names stay bare: main is the default.
const QUALIFIED: Record<string, { setup: string; schema: string; teardown: string; written: string }> = {
  pglite: { setup: 'CREATE SCHEMA hr;', schema: 'hr', teardown: 'DROP SCHEMA hr CASCADE;', written: 'hr\\.' },
  mariadb: { setup: 'CREATE DATABASE nl_hr;', schema: 'nl_hr', teardown: 'DROP DATABASE nl_hr;', written: 'nl_hr\\.' },
  sqlite: { setup: '', schema: 'main', teardown: '', written: '' },
};

for (const spec of engines) {
  describe(`a schema-qualified table normalized in ${spec.name}`, { skip: spec.skip ? 'NORMLINT_SKIP_MARIADB=1' : false }, () => {
    let engine: Engine;
    before(async () => { engine = await spec.open(); }, { timeout: 300_000 });
    after(async () => { await engine?.close(); });

    test('list and lookup tables are created and filled in the table\'s schema', async () => {
      const { setup, schema, teardown, written } = QUALIFIED[spec.name];
      const ddl = `CREATE TABLE ${schema}.employees (
  id INT PRIMARY KEY,
  name VARCHAR(20) NOT NULL,
  dept_id INT NOT NULL,
  dept_name VARCHAR(20) NOT NULL,
  skills VARCHAR(100) NOT NULL
);
INSERT INTO ${schema}.employees VALUES (1, 'ann', 10, 'sales', 'sql,go'), (2, 'bob', 10, 'sales', 'go'), (3, 'cy', 20, 'ops', 'rust,sql,go'), (4, 'di', 20, 'ops', 'sql');`;
      await engine.reset();
      if (setup) await engine.exec(setup);
      try {
        await engine.exec(ddl);
        const options: Options = { ...defaultOptions, dialect: engine.dialect };
        const r = analyzeSources([{ file: 'hr.sql', text: ddl }], options);
        const out = normalizeTable(r, 'hr.sql', 'employees', '3nf', options, ddl);
        assert.ok(out.migration, out.warnings.join('; '));
        const made = out.tables.filter((t) => t.role.kind !== 'reference').map((t) => t.name);
        assert.ok(made.length >= 3, `a list child, its lookup and the dept lookup: ${made.join(', ')}`);
        for (const name of made) assert.match(out.migration, new RegExp(`INSERT INTO ${written}${name}\\b`), `${name} is filled in ${schema}`);
        await engine.exec(out.migration);
        const skills = await engine.query(`SELECT e.id, s.skill FROM ${schema}.employees e JOIN ${schema}.employees_skills s ON s.id = e.id ORDER BY e.id, s.skill`);
        assert.deepEqual(skills.map((x) => `${x.id}:${x.skill}`), ['1:go', '1:sql', '2:go', '3:go', '3:rust', '3:sql', '4:sql']);
      } finally { if (teardown) await engine.exec(teardown); }
    });
  });
}
