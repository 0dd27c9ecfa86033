// Dependency sources and judgement, one small schema at a time (through the real reader and rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions, type Options } from '../../server/src/core/options.ts';
import type { Finding } from '../../server/src/core/findings.ts';

const RULES = ['partial-dependency', 'transitive-dependency', 'bcnf-violation'];

function run(text: string, opts: Partial<Options> = {}) {
  const r = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'postgresql', ...opts });
  const findings = r.findings.filter((f) => RULES.includes(f.rule));
  const table = (name: string) => r.analysis(r.workspace.tables.find((t) => t.name === name)!);
  return { findings, table, r };
}
const brief = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.table} [${f.columns.join(', ')}] <- [${(f.determinant ?? []).join(', ')}]`).sort();

test('naming: snake, camel, Pascal, bare, abbreviated and glued', () => {
  const { findings } = run(`
    CREATE TABLE shipments (id INT PRIMARY KEY, sku VARCHAR(20), sku_weight_grams INT, user_id INT, username TEXT);
    CREATE TABLE staff (staffKey INT PRIMARY KEY, empNo INT, empFullName TEXT, DepartmentID INT, DepartmentName TEXT);
  `, { minConfidence: 'low' });
  assert.deepEqual(brief(findings), [
    'transitive-dependency shipments [sku_weight_grams] <- [sku]',
    'transitive-dependency shipments [username] <- [user_id]',
    'transitive-dependency staff [DepartmentName] <- [DepartmentID]',
    'transitive-dependency staff [empFullName] <- [empNo]',
  ]);
  const bare = findings.find((f) => f.determinant?.[0] === 'sku')!;
  assert.equal(bare.severity, 'info', 'a bare-name match is a weaker hint');
  assert.equal(bare.confidence, 'low');
  assert.match(bare.message, /inferred from names/);
});

test('naming does not fire on row attributes, representations of the id, or x_type beside x_id', () => {
  const { findings } = run(`
    CREATE TABLE events (
      id INT PRIMARY KEY, created_by INT, created_at TIMESTAMP, first_name TEXT, first_name_x TEXT,
      user_id INT, user_id_hash TEXT, user_status TEXT, user_quantity INT, subject_id INT, subject_type TEXT,
      order_id INT, order_date DATE, order_total NUMERIC
    );`);
  assert.deepEqual(brief(findings), []);
});

test('naming is refuted by the referenced table: a column it does not have describes this row', () => {
  const { findings } = run(`
    CREATE TABLE models (model_id INT PRIMARY KEY, name TEXT);
    CREATE TABLE model_versions (version_id INT PRIMARY KEY, model_id INT REFERENCES models, model_path TEXT, model_name TEXT);
  `);
  assert.deepEqual(brief(findings), ['transitive-dependency model_versions [model_name] <- [model_id]']);
});

test('references: same-named copy, prefixed copy, and along a foreign-key chain', () => {
  const { findings } = run(`
    CREATE TABLE departments (dept_no INT PRIMARY KEY, dept_title TEXT);
    CREATE TABLE employees (emp_no INT PRIMARY KEY, dept_no INT REFERENCES departments(dept_no), dept_title TEXT);
    CREATE TABLE artists (artist_id INT PRIMARY KEY, name TEXT);
    CREATE TABLE albums (album_id INT PRIMARY KEY, title TEXT, artist_id INT REFERENCES artists(artist_id));
    CREATE TABLE tracks (track_id INT PRIMARY KEY, album_id INT REFERENCES albums(album_id), artist_name TEXT, name TEXT,
                         quantity INT, unit_price NUMERIC, created_at TIMESTAMP);
  `);
  assert.deepEqual(brief(findings), [
    'transitive-dependency employees [dept_title] <- [dept_no]',
    'transitive-dependency tracks [artist_name] <- [album_id]',
  ]);
  const chain = findings.find((f) => f.table === 'tracks')!;
  assert.ok(chain.evidence.some((e) => e.source === 'reference' && /albums\.artist_id → artists/.test(e.detail)), JSON.stringify(chain.evidence));
  assert.equal(chain.severity, 'warning');
});

test('annotations: declared FDs, grouped by determinant, both arrows', () => {
  const { findings, table } = run(`
    -- @fd a → c
    CREATE TABLE t (
      a INT, b INT, c INT, d INT,
      -- @fd a -> d
      PRIMARY KEY (a, b)
    );`);
  assert.deepEqual(brief(findings), ['partial-dependency t [c, d] <- [a]']);
  assert.equal(table('t').normalForm, '1NF');
});

test('data: redundancy needed, 1:1 pairs once, unique determinants never, switchable', () => {
  const schema = `
    CREATE TABLE grades (student INT PRIMARY KEY, grade CHAR(1), grade_points INT, nickname TEXT, level_code TEXT);
    INSERT INTO grades VALUES (1, 'A', 4, 'x', 'L1'), (2, 'A', 4, 'y', 'L1'), (3, 'B', 3, 'z', 'L2'), (4, 'B', 3, 'w', 'L2'), (5, 'C', 2, 'v', 'L3');`;
  const on = run(schema);
  // grade ↔ grade_points ↔ level_code are 1:1 in the rows: reported from the classifier `grade` only
  assert.ok(brief(on.findings).includes('transitive-dependency grades [grade_points] <- [grade]'), brief(on.findings).join('\n'));
  assert.ok(!on.findings.some((f) => f.determinant?.[0] === 'grade_points'), '1:1 pair reported once');
  assert.ok(!on.findings.some((f) => f.determinant?.[0] === 'nickname'), 'unique determinant never');
  const dep = on.table('grades').dependencies.find((d) => d.determinant[0] === 'grade')!;
  assert.ok(dep.sources.some((s) => s.source === 'data' && /INSERT rows \d+ and \d+: grade 'A' → grade_points 4/.test(s.detail)), JSON.stringify(dep.sources));
  assert.deepEqual(brief(run(schema, { dataInference: false }).findings), []);
  // two rows never show a pattern
  assert.deepEqual(brief(run(`CREATE TABLE s (id INT PRIMARY KEY, state TEXT, country TEXT);
    INSERT INTO s VALUES (1, 'Texas', 'USA'), (2, 'Texas', 'USA');`).findings), []);
});

test('generated columns are no anomaly; a UNIQUE foreign key is a key', () => {
  const { findings } = run(`
    CREATE TABLE items (order_id INT, product_id INT, quantity INT, unit_price NUMERIC,
      subtotal NUMERIC GENERATED ALWAYS AS (quantity * unit_price) STORED, PRIMARY KEY (order_id, product_id));
    CREATE TABLE users (user_id INT PRIMARY KEY, username TEXT);
    CREATE TABLE profiles (profile_id INT PRIMARY KEY, user_id INT UNIQUE REFERENCES users, username TEXT);
  `);
  assert.deepEqual(brief(findings), []);
});

test('candidate keys, prime attributes and normal form of a table', () => {
  const { table } = run(`
    CREATE TABLE enrollment (student_id INT, course TEXT, instructor TEXT,
      -- @fd instructor -> course
      PRIMARY KEY (student_id, course));`);
  const a = table('enrollment');
  assert.deepEqual(a.candidateKeys, [['student_id', 'course'], ['student_id', 'instructor']]);
  assert.deepEqual(a.primeAttributes, ['student_id', 'course', 'instructor']);
  assert.equal(a.normalForm, '3NF');
  assert.ok(a.dependencies.some((d) => d.sources.some((s) => s.source === 'key')));
});

test('a 200-column table with several keys is analysed (its time: npm run bench, analysis.mjs)', () => {
  const cols = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? `thing${i}_id INT` : i % 4 === 1 ? `thing${i - 1}_name TEXT` : `c${i} TEXT`));
  const text = `CREATE TABLE wide (id INT PRIMARY KEY, ${cols.join(', ')}, UNIQUE (c2, c3), UNIQUE (c6, c7));`;
  const r = analyzeSources([{ file: 'w.sql', text }], { ...defaultOptions, dialect: 'postgresql' });
  const a = r.analysis(r.workspace.tables[0]);
  assert.deepEqual(a.candidateKeys, [['id'], ['c2', 'c3'], ['c6', 'c7']]);
});

test('one dependency is reported once: 2NF/3NF for non-prime dependents, BCNF only for prime ones', () => {
  const { findings } = run(`
    CREATE TABLE schedule (course TEXT, slot TEXT, room TEXT, teacher TEXT,
      -- @fd course -> teacher, room
      PRIMARY KEY (course, slot), UNIQUE (room, slot));`);
  // room is prime (in UNIQUE (room, slot)), teacher is not
  assert.deepEqual(brief(findings), [
    'bcnf-violation schedule [room] <- [course]',
    'partial-dependency schedule [teacher] <- [course]',
  ]);
  for (const f of findings) assert.equal(f.normalForm, f.rule === 'bcnf-violation' ? 'BCNF' : '2NF');
});

test('an @fd naming a missing column is reported in the analysis notes, not silently dropped', () => {
  const { table, findings } = run(`
    CREATE TABLE t (a INT PRIMARY KEY, b INT, c INT
      -- @fd b -> d
    );`);
  assert.deepEqual(brief(findings), []);
  assert.match((table('t').notes ?? []).join('\n'), /d is not a column of t/);
});
