// A copy of an existing table's column is dropped only while every copy agrees with that table: the guard
// really stops the migration in each engine (PGlite: DO block raising; SQLite and MariaDB: a CHECK on a
// temporary table counting disagreeing rows), and nothing is dropped. With agreeing rows the copy goes,
// and the "keep as a view" action gives readers the old shape.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Engine } from './helpers/engine.ts';
import { openPglite } from './helpers/pglite.ts';
import { openSqlite } from './helpers/sqlite.ts';
import { openMariadb, skipMariadb } from './helpers/mariadb.ts';
import { translateCase } from './helpers/translate.ts';

const school = readFileSync('examples/school.sql', 'utf8');
const rows = `INSERT INTO departments (dept_id, dept_name) VALUES (1, 'Sales'), (2, 'Ops');
INSERT INTO employees (emp_id, name, dept_id, dept_name) VALUES (10, 'Ann', 1, 'Sales'), (11, 'Bo', 2, 'Ops'), (12, 'Cy', NULL, NULL), (13, 'Di', 1, NULL);`;

const specs: { name: string; dialect: 'postgresql' | 'sqlite' | 'mariadb'; open: () => Promise<Engine>; skip?: boolean }[] = [
  { name: 'pglite', dialect: 'postgresql', open: openPglite },
  { name: 'sqlite', dialect: 'sqlite', open: openSqlite },
  { name: 'mariadb', dialect: 'mariadb', open: openMariadb, skip: skipMariadb },
];

for (const spec of specs) {
  describe(`reference copy guard in ${spec.name}`, { skip: spec.skip ? 'NORMLINT_SKIP_MARIADB=1' : false }, () => {
    let engine: Engine;
    before(async () => { engine = await spec.open(); }, { timeout: 300_000 });
    after(async () => { await engine?.close(); });
    const text = translateCase(school, 'postgresql', spec.dialect);
    const f = analyzeSources([{ file: 'school.sql', text }], { ...defaultOptions, dialect: spec.dialect }).findings
      .find((x) => x.table === 'employees' && x.rule === 'transitive-dependency')!;

    test('a disagreeing copy stops the migration before anything is dropped', async () => {
      assert.ok(f, 'the copy is reported');
      await engine.reset();
      await engine.exec(text);
      await engine.exec(rows);
      await engine.exec(`UPDATE employees SET dept_name = 'Marketing' WHERE emp_id = 11`);
      await assert.rejects(engine.exec(f.fixes[0].migration!), /disagree|CHECK constraint|employees_copies_agree_with_departments/i);
      if (spec.dialect !== 'mariadb') await engine.exec('ROLLBACK').catch(() => undefined);
      assert.ok((await engine.columns('employees')).includes('dept_name'), 'dept_name is still there');
    });

    test('agreeing copies are dropped; the view keeps the old shape', async () => {
      assert.equal(f.fixes.filter((fx) => /keep the old shape as (materialized )?view \w+ for reads/.test(fx.title)).length, 1, 'the "keep as a view" action is offered beside the drop');
      for (const fx of f.fixes) {
        await engine.reset();
        await engine.exec(text);
        await engine.exec(rows);
        const before = await engine.query('SELECT emp_id, dept_name FROM employees ORDER BY emp_id');
        await engine.exec(fx.migration!);
        assert.ok(!(await engine.columns('employees')).includes('dept_name'), `${fx.title}: dept_name dropped`);
        if (/view (\w+)/.test(fx.title)) {
          const view = /view (\w+)/.exec(fx.title)![1];
          const back = await engine.query(`SELECT emp_id, dept_name FROM ${view} ORDER BY emp_id`);
          assert.deepEqual(back.map((r) => [Number(r.emp_id), r.dept_name]), before.map((r) => [Number(r.emp_id), r.emp_id === 13 ? 'Sales' : r.dept_name]));
        }
      }
    });

    // a view of the file that reads the copy is re-created over departments in the same migration
    test('a view reading the dropped copy still gives its rows', async () => {
      const withView = text + '\nCREATE VIEW staff AS SELECT e.emp_id, e.dept_name FROM employees e;\n';
      const g = analyzeSources([{ file: 'school.sql', text: withView }], { ...defaultOptions, dialect: spec.dialect }).findings
        .find((x) => x.table === 'employees' && x.rule === 'transitive-dependency')!;
      assert.ok(g.fixes.length > 0, `offered: ${JSON.stringify(g.declinedFixes)}`);
      await engine.reset();
      await engine.exec(withView);
      await engine.exec(rows);
      const before = await engine.query('SELECT emp_id, dept_name FROM staff ORDER BY emp_id');
      await engine.exec(g.fixes[0].migration!);
      assert.ok(!(await engine.columns('employees')).includes('dept_name'), 'dept_name dropped');
      const back = await engine.query('SELECT emp_id, dept_name FROM staff ORDER BY emp_id');
      // a missing copy (emp 13) now reads its department's name; every other row is as before
      assert.deepEqual(back.map((r) => [Number(r.emp_id), r.dept_name]), before.map((r) => [Number(r.emp_id), r.emp_id === 13 ? 'Sales' : r.dept_name]));
    });
  });
}
