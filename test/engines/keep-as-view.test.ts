// "Keep as a view instead" beside a split (issue 13, the course material's alternative for deliberate
// denormalization): the second action splits the dependency and creates a view with the table's old shape
// (a materialized view in PostgreSQL). Executed in each engine: the view gives back every original row.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Engine, Row } from './helpers/engine.ts';
import { openPglite } from './helpers/pglite.ts';
import { openSqlite } from './helpers/sqlite.ts';
import { openMariadb, skipMariadb } from './helpers/mariadb.ts';
import { translateCase } from './helpers/translate.ts';
import { ENROLLMENTS } from './helpers/enrollments.ts';

const schema = ENROLLMENTS;

const specs: { name: string; dialect: 'postgresql' | 'sqlite' | 'mariadb'; open: () => Promise<Engine>; skip?: boolean }[] = [
  { name: 'pglite', dialect: 'postgresql', open: openPglite },
  { name: 'sqlite', dialect: 'sqlite', open: openSqlite },
  { name: 'mariadb', dialect: 'mariadb', open: openMariadb, skip: skipMariadb },
];

const rowsText = (rows: Row[]) => rows.map((r) => JSON.stringify([Number(r.student_id), r.course_id, r.course_title, r.grade])).sort();

for (const spec of specs) {
  describe(`keep as a view in ${spec.name}`, { skip: spec.skip ? 'NORMLINT_SKIP_MARIADB=1' : false }, () => {
    let engine: Engine;
    before(async () => { engine = await spec.open(); }, { timeout: 300_000 });
    after(async () => { await engine?.close(); });

    test('the split with a view of the old shape: the view gives every original row', async () => {
      const text = translateCase(schema, 'postgresql', spec.dialect);
      const f = analyzeSources([{ file: 'e.sql', text }], { ...defaultOptions, dialect: spec.dialect }).findings
        .find((x) => x.table === 'enrollments' && x.rule === 'partial-dependency');
      assert.ok(f, 'course_id → course_title is reported');
      const withView = f!.fixes.filter((fx) => /; keep the old shape as (materialized )?view (\w+) for reads$/.test(fx.title));
      assert.equal(withView.length, 1, `actions: ${f!.fixes.map((x) => x.title).join(' | ')}`);
      assert.equal(/materialized/.test(withView[0].title), spec.dialect === 'postgresql', 'a materialized view in PostgreSQL only');
      const view = /view (\w+) for reads$/.exec(withView[0].title)![1];
      await engine.reset();
      await engine.exec(text);
      const original = await engine.query('SELECT * FROM enrollments');
      await engine.exec(withView[0].migration!);
      assert.ok(!(await engine.columns('enrollments')).includes('course_title'), 'course_title moved out');
      const back = await engine.query(`SELECT * FROM ${view}`);
      assert.deepEqual(Object.keys(back[0]), Object.keys(original[0]), 'the view has the old columns, in order');
      assert.deepEqual(rowsText(back), rowsText(original));
    });
  });
}
