// Rewrites normlint refuses say why: the quick fix becomes a declined fix with the reason, and Normalize
// returns the dependency it leaves unsplit (NormalizeOutput.declined) with the same reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { normalizeTable } from '../../server/src/core/fix/normalize.ts';

const contradicting = `-- @fd product_id -> product_name
CREATE TABLE order_lines (
  line_id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL,
  product_name VARCHAR(40)
);
INSERT INTO order_lines VALUES (1, 10, 'Pen'), (2, 10, 'Pencil'), (3, 11, 'Ink');
`;

test('rows that contradict the dependency: the fix and Normalize decline, naming the rows', () => {
  const options = { ...defaultOptions, dialect: 'postgresql' as const, migrations: 'inline' as const };
  const r = analyzeSources([{ file: 'o.sql', text: contradicting }], options);
  const f = r.findings.find((x) => x.table === 'order_lines' && x.rule === 'transitive-dependency');
  assert.ok(f, 'the declared dependency is reported');
  assert.deepEqual(f!.fixes, []);
  assert.deepEqual(f!.declinedFixes?.map((d) => d.reason), ["the INSERT rows contradict it (product_id 10 has product_name 'Pen' and 'Pencil')"]);
  const out = normalizeTable(r, 'o.sql', 'order_lines', '3nf', options, contradicting);
  assert.equal(out.migration, '');
  assert.deepEqual(out.declined, [{ determinant: ['product_id'], dependents: ['product_name'], reason: "the INSERT rows contradict it (product_id 10 has product_name 'Pen' and 'Pencil')" }]);
  assert.match(out.warnings.at(-1)!, /not rewritten: every dependency that would split it is declined above/);
});

test('a view using the copy is re-created over the referenced table; one in another file declines the fix, naming it', () => {
  const text = readFileSync('examples/school.sql', 'utf8') + '\nCREATE OR REPLACE VIEW staff AS SELECT e.emp_id, e.dept_name FROM employees e;\n';
  const r = analyzeSources([{ file: 'school.sql', text }], { ...defaultOptions, dialect: 'postgresql' });
  const v = r.workspace.files[0].views?.[0];
  assert.equal(v?.name, 'staff');
  assert.ok(v?.names.includes('employees') && v.names.includes('dept_name'));
  const f = r.findings.find((x) => x.table === 'employees' && x.rule === 'transitive-dependency')!;
  assert.equal(f.declinedFixes, undefined);
  const mig = f.fixes[0].migration!;
  // the view reads the old shape (dept_name from departments) and is replaced before the column is dropped
  assert.match(mig, /CREATE OR REPLACE VIEW staff AS SELECT e\.emp_id, e\.dept_name FROM \(SELECT [^;]*r1\.dept_name[^;]*FROM employees t\s+LEFT JOIN departments r1 ON r1\.dept_id = t\.dept_id\) e;/);
  assert.ok(mig.indexOf('CREATE OR REPLACE VIEW staff') < mig.indexOf('DROP COLUMN dept_name'));
  const apart = analyzeSources([{ file: 'school.sql', text: readFileSync('examples/school.sql', 'utf8') }, { file: 'views.sql', text: 'CREATE VIEW staff AS SELECT e.emp_id, e.dept_name FROM employees e;\n' }], { ...defaultOptions, dialect: 'postgresql' });
  const g = apart.findings.find((x) => x.table === 'employees' && x.rule === 'transitive-dependency')!;
  assert.deepEqual(g.fixes, []);
  assert.match(g.declinedFixes?.[0].title ?? '', /^Cannot drop dept_name \(a copy of departments\.dept_name\) because view staff \(in views\.sql\) uses employees; only the views of employees's own file are rewritten/);
});

test('a view in another file blocks the rewrite only if it can read the table: not another dialect\'s, not its own file\'s same-named table', () => {
  const school = readFileSync('examples/school.sql', 'utf8');
  const fixOf = (other: string, dialect: 'postgresql' | 'auto') => {
    const r = analyzeSources([{ file: 'school.sql', text: school }, { file: 'other.sql', text: other }], { ...defaultOptions, dialect });
    return r.findings.find((x) => x.table === 'employees' && x.rule === 'transitive-dependency')!;
  };
  // the other file creates its own employees (in another schema): its unqualified view reads that one
  const own = fixOf('CREATE TABLE hr.employees (emp_id int PRIMARY KEY, dept_name text);\nCREATE VIEW staff AS SELECT * FROM employees;\n', 'postgresql');
  assert.equal(own.declinedFixes, undefined);
  assert.ok(own.fixes.length > 0, 'the split is offered');
  // a MySQL file is another database than the PostgreSQL schema
  const mysql = fixOf('CREATE VIEW `staff` AS SELECT `e`.`emp_id`, `e`.`dept_name` FROM `employees` `e`;\nCREATE TABLE `t` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n', 'auto');
  assert.equal(mysql.declinedFixes, undefined);
  assert.ok(mysql.fixes.length > 0, 'the split is offered');
  // the precondition of the case above: the same view in a PostgreSQL file declines it
  const pg = fixOf('CREATE VIEW staff AS SELECT e.emp_id, e.dept_name FROM employees e;\n', 'auto');
  assert.deepEqual(pg.fixes, []);
  assert.match(pg.declinedFixes?.[0].reason ?? '', /view staff \(in other\.sql\) uses employees/);
});
