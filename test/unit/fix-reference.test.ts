// Copies of an existing table's columns are dropped (guarded), not split into a second table of the same
// entity; an existing entity table found by naming gets the foreign key; refusals say why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { plural, singular } from '../../server/src/core/fix/ident.ts';
import { normalizeTable } from '../../server/src/core/fix/normalize.ts';

const dependencyFix = (files: { file: string; text: string }[], table: string, dialect: 'postgresql' | 'sqlite' | 'mariadb' = 'postgresql') => {
  const r = analyzeSources(files, { ...defaultOptions, dialect });
  const f = r.findings.find((x) => x.table === table && /dependency|bcnf/.test(x.rule));
  assert.ok(f, `no dependency finding on ${table}`);
  return f!;
};

test('README example: employees.dept_name is dropped as a copy of departments, no new table', () => {
  const text = readFileSync('examples/school.sql', 'utf8');
  for (const dialect of ['postgresql', 'sqlite', 'mariadb'] as const) {
    const f = dependencyFix([{ file: 'school.sql', text }], 'employees', dialect);
    const fx = f.fixes[0];
    assert.equal(fx.title, 'Drop dept_name (a copy of departments.dept_name)');
    assert.ok(!/CREATE TABLE\s+\W?depts/i.test(fx.migration!), 'no departments-like table');
    assert.ok(!/FOREIGN KEY/i.test(fx.migration!), 'dept_id keeps its one foreign key');
    assert.match(fx.migration!, dialect === 'postgresql' ? /RAISE EXCEPTION/ : /CHECK \(disagreeing_rows = 0\)/);
    const ddl = fx.edits.map((e) => e.newText).join('\n');
    assert.ok(!/FOREIGN KEY/i.test(ddl));
    // the second action keeps the old shape for readers
    assert.match(f.fixes[1].title, dialect === 'postgresql' ? /materialized view employees_with_departments/ : /view employees_with_departments/);
  }
});

test('README example, Normalize: employees (emp_id, name, dept_id → departments) plus child and junction tables, no departments-like table', () => {
  const text = readFileSync('examples/school.sql', 'utf8');
  for (const dialect of ['postgresql', 'sqlite', 'mariadb'] as const) {
    const options = { ...defaultOptions, dialect, migrations: 'inline' as const };
    const out = normalizeTable(analyzeSources([{ file: 'school.sql', text }], options), 'school.sql', 'employees', '3nf', options, text);
    assert.deepEqual(out.kept, ['emp_id', 'name', 'dept_id']);
    assert.deepEqual(out.tables.map((t) => `${t.name}:${t.role.kind}`).sort(), ['departments:reference', 'employees_phones:group', 'employees_skills:list', 'skills:lookup']);
    assert.ok(!/CREATE TABLE\s+\W?dep/i.test(out.migration), 'no new departments-like table');
    assert.ok(!/FOREIGN KEY \(dept_id\)/i.test(out.migration), 'dept_id keeps its one foreign key, to departments');
  }
});

test('an entity table in another file gets the foreign key and its index; the copies are dropped', () => {
  const files = [
    { file: 'models.sql', text: 'CREATE TABLE models (model_id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, framework VARCHAR(50));\n' },
    { file: 'experiments.sql', text: 'CREATE TABLE experiments (\n  experiment_id INTEGER PRIMARY KEY,\n  model_id INTEGER,\n  model_name VARCHAR(100),\n  model_framework VARCHAR(50),\n  accuracy DECIMAL(5,4)\n);\n' },
  ];
  const f = dependencyFix(files, 'experiments');
  const fx = f.fixes[0];
  assert.equal(fx.title, 'Drop model_name, model_framework (a copy of models.name, framework); add FOREIGN KEY (model_id) REFERENCES models');
  assert.match(fx.migration!, /ADD FOREIGN KEY \(model_id\) REFERENCES models \(model_id\)/);
  assert.match(fx.migration!, /CREATE INDEX experiments_model_id_idx ON experiments \(model_id\)/);
  assert.ok(!/experiments_models/.test(fx.migration!));
});

test('a foreign key to a table without the copied column is declined with the reason', () => {
  const text = 'CREATE TABLE depts (dept_id INTEGER PRIMARY KEY);\n-- @fd dept_id -> dept_name\nCREATE TABLE staff (\n  staff_id INTEGER PRIMARY KEY,\n  dept_id INTEGER REFERENCES depts (dept_id),\n  dept_name VARCHAR(100)\n);\n';
  const r = analyzeSources([{ file: 'a.sql', text }], defaultOptions);
  const f = r.findings.find((x) => x.table === 'staff' && x.rule === 'transitive-dependency');
  assert.ok(f, 'the declared dependency is reported');
  assert.deepEqual(f!.fixes, []);
  const d = f!.declinedFixes?.[0];
  assert.match(d?.reason ?? '', /^dept_id already references depts/);
  assert.match(d?.title ?? '', /^Cannot extract dept_id → dept_name because dept_id already references depts/);
});

test('new table names are English plurals of the entity (pluralize)', () => {
  assert.equal(plural('course'), 'courses');
  assert.equal(plural('category'), 'categories');
  assert.equal(plural('person'), 'people');
  assert.equal(plural('Class'), 'Classes');
  assert.equal(singular('Courses'), 'Course');
  assert.equal(singular('status'), 'status');
  const f = dependencyFix([{ file: 'school.sql', text: readFileSync('examples/school.sql', 'utf8') }], 'enrollments');
  assert.equal(f.fixes[0].title, 'Extract course_id → course_title into new table courses');
});

test('MySQL: an index over a moved column leaves the rewritten table; new tables take ENGINE/CHARSET/COLLATE', () => {
  const text = "CREATE TABLE hosts (\n  id INT NOT NULL,\n  hostname VARCHAR(100),\n  owner_id INT,\n  owner_name VARCHAR(50),\n  PRIMARY KEY (id),\n  KEY hostname (hostname),\n  KEY owner_name_idx (owner_name)\n) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci COMMENT='hosts';\n";
  const f = dependencyFix([{ file: 'h.sql', text }], 'hosts', 'mariadb');
  const ddl = f.fixes[0].edits.map((e) => e.newText).join('\n');
  assert.ok(!/owner_name_idx/.test(ddl), 'the index on the moved column is gone');
  assert.match(f.fixes[0].migration!, /CREATE TABLE owners \([^;]*\) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;/);
});
