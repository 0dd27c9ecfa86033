// Scores fk-missing-index on every shared case through analyzeSources, and checks its quick fix text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { DialectSetting } from '../../server/src/core/model.ts';
import { loadCases, score } from '../helpers/cases.ts';

const RULES = ['fk-missing-index'];
const cases = loadCases();

for (const c of cases) {
  test(`fk-missing-index on ${c.name}`, () => {
    const { findings } = analyzeSources([{ file: c.path, text: c.text }], { ...defaultOptions, dialect: c.dialect as DialectSetting });
    const s = score(c, findings, RULES);
    assert.deepEqual(s.missing.map((m) => m.line), [], 'expected findings missing');
    assert.deepEqual(s.falsePositives.map((f) => `${f.rule} ${f.table} [${f.columns.join(', ')}]`), [], 'false positives');
    for (const f of findings.filter((x) => x.rule === 'fk-missing-index')) {
      assert.equal(f.fixes.length, 1, 'one quick fix');
      const edit = f.fixes[0].edits[0];
      assert.match(edit.newText, new RegExp(`CREATE INDEX \\w+_idx ON \\w+ \\(${f.columns.join(', ')}\\);`, 'i'));
    }
  });
}

const check = (text: string, dialect: DialectSetting = 'postgresql', extra: { file: string; text: string }[] = []) =>
  analyzeSources([{ file: 'a.sql', text }, ...extra], { ...defaultOptions, dialect }).findings.filter((f) => f.rule === 'fk-missing-index');

const parent = 'CREATE TABLE p (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, UNIQUE (a, b));\n';

test('the quick fix inserts CREATE INDEX right after the CREATE TABLE, in the file\'s keyword case', () => {
  const text = parent + 'create table c (\n  id integer primary key,\n  p_id integer references p (id)\n);\n\ncreate table d (x integer);\n';
  const [f] = check(text);
  assert.ok(f, 'finding');
  const e = f.fixes[0].edits[0];
  const fixed = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  assert.equal(fixed, parent + 'create table c (\n  id integer primary key,\n  p_id integer references p (id)\n);\ncreate index c_p_id_idx on c (p_id);\n\ncreate table d (x integer);\n');
  assert.equal(f.fixes[0].isPreferred, true);
});

test('the fix goes after the last statement touching the table, past a `;` on its own line', () => {
  const text = parent + 'CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER, q INTEGER)\n;\nCREATE INDEX c_q ON c (q)\n;\nALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p (id);\n';
  const [f] = check(text, 'sqlite');
  const e = f.fixes[0].edits[0];
  const fixed = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  assert.ok(fixed.endsWith('REFERENCES p (id);\nCREATE INDEX c_p_id_idx ON c (p_id);\n'), fixed);
});

test('an index created later, in another file, or by ALTER TABLE covers the FK', () => {
  const child = 'CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));\n';
  assert.equal(check(parent + child + 'CREATE INDEX ON c (p_id);').length, 0);
  assert.equal(check(parent + child, 'postgresql', [{ file: 'b.sql', text: 'CREATE INDEX c_p ON c (p_id, id);' }]).length, 0);
  assert.equal(check(parent + child + 'ALTER TABLE c ADD CONSTRAINT u UNIQUE (p_id);').length, 0);
  assert.equal(check(parent + child + 'CREATE INDEX c_p ON c (id, p_id);').length, 1, 'not leading');
});

test('composite FK: leading columns in any order; INCLUDE and expressions do not count', () => {
  const child = 'CREATE TABLE c (id INTEGER PRIMARY KEY, x INTEGER, y INTEGER, FOREIGN KEY (x, y) REFERENCES p (a, b));\n';
  assert.equal(check(parent + child + 'CREATE INDEX i ON c (y, x, id);').length, 0);
  assert.equal(check(parent + child + 'CREATE INDEX i ON c (x) INCLUDE (y);').length, 1);
  assert.equal(check(parent + child + 'CREATE INDEX i ON c ((x + 0), y);').length, 1);
  assert.equal(check(parent + child + 'CREATE INDEX i ON c (x);').length, 1);
});

test('a partial index counts only with an IS NOT NULL predicate on the FK', () => {
  const child = 'CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id), live BOOLEAN);\n';
  assert.equal(check(parent + child + 'CREATE INDEX i ON c (p_id) WHERE p_id IS NOT NULL;').length, 0);
  assert.equal(check(parent + child + 'CREATE INDEX i ON c (p_id) WHERE (p_id IS NOT NULL);').length, 0);
  assert.equal(check(parent + child + 'CREATE INDEX i ON c (p_id) WHERE live;').length, 1);
  assert.equal(check(parent + child + 'CREATE INDEX i ON c (p_id) WHERE p_id IS NOT NULL AND live;').length, 1);
});

test('never on MySQL or MariaDB; reported on SQLite', () => {
  const child = 'CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER, FOREIGN KEY (p_id) REFERENCES p (id));\n';
  assert.equal(check(parent + child, 'mysql').length, 0);
  assert.equal(check(parent + child, 'mariadb').length, 0);
  assert.equal(check(parent + child, 'sqlite').length, 1);
});

test('quoted, mixed-case names stay quoted in the fix', () => {
  const text = 'CREATE TABLE "Parent" ("Id" INTEGER PRIMARY KEY);\nCREATE TABLE "Child" ("Id" INTEGER PRIMARY KEY, "ParentId" INTEGER REFERENCES "Parent" ("Id"));\n';
  const [f] = check(text);
  assert.match(f.fixes[0].edits[0].newText, /CREATE INDEX "Child_ParentId_idx" ON "Child" \("ParentId"\);/);
});
