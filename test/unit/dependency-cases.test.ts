// Scores the dependency rules on every labeled case in ../shared/cases: every expectation of
// partial-dependency, transitive-dependency and bcnf-violation found, and no false positive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { DialectSetting } from '../../server/src/core/model.ts';
import { loadCases, score } from '../helpers/cases.ts';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const RULES = ['partial-dependency', 'transitive-dependency', 'bcnf-violation'];

for (const c of loadCases()) {
  test(`dependency rules on ${c.name}`, () => {
    const { findings } = analyzeSources([{ file: c.path, text: c.text }], { ...defaultOptions, dialect: c.dialect as DialectSetting });
    const s = score(c, findings, RULES);
    const show = (fs: { rule: string; table: string; columns: string[]; determinant?: string[] }[]) =>
      fs.map((f) => `${f.rule} ${f.table} [${f.columns.join(', ')}] <- [${(f.determinant ?? []).join(', ')}]`).join('\n  ');
    assert.deepEqual(s.missing.map((e) => e.line), [], `missing in ${c.name}; found:\n  ${show(findings.filter((f) => RULES.includes(f.rule)))}`);
    assert.deepEqual(show(s.falsePositives), '', `false positives in ${c.name}`);
  });
}

test('a finding explains itself: normal form, anomaly, evidence', () => {
  const text = 'CREATE TABLE Employee (EmpID INTEGER PRIMARY KEY, Name TEXT, DeptID INTEGER, DeptName TEXT);';
  const { findings } = analyzeSources([{ file: 'e.sql', text }], { ...defaultOptions, dialect: 'sqlite' });
  const f = findings.find((x) => x.rule === 'transitive-dependency');
  assert.ok(f, 'transitive dependency found');
  assert.deepEqual(f.columns, ['DeptName']);
  assert.deepEqual(f.determinant, ['DeptID']);
  assert.equal(f.normalForm, '3NF');
  assert.match(f.message, /^DeptName depends on DeptID, which is not a key \(3NF: EmpID → DeptID → DeptName; inferred from names\)\./);
  assert.ok(f.message.split('. ')[0].length <= 120, 'the first sentence states the problem in at most 120 characters');
  assert.doesNotMatch(f.message, /Evidence:/, 'evidence is in evidence/related, not repeated in the message');
  assert.equal(f.confidence, 'medium', 'an identifier-named determinant is medium');
  assert.deepEqual(f.evidence.map((e) => [e.source, e.detail]), [['naming', 'DeptID → DeptName']]);
  assert.equal(text.slice(f.span.start, f.span.end), 'DeptName');
  assert.ok(f.related.some((r) => r.message === 'determinant DeptID'));
});

test('dependencies are reported with names as written, compared case-insensitively', () => {
  const text = 'CREATE TABLE t (id INT PRIMARY KEY, Dept_Id INT, DEPT_NAME TEXT);\n-- @fd dept_id -> dept_name\n';
  const { findings } = analyzeSources([{ file: 't.sql', text }], { ...defaultOptions, dialect: 'postgresql' });
  const f = findings.filter((x) => x.rule === 'transitive-dependency');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].columns, ['DEPT_NAME']);
  assert.deepEqual(f[0].determinant, ['Dept_Id']);
});

// The same scoring through the built CLI (`npm test` builds dist/ first): what CI and outside tools see.
test('the CLI reports the same on every case (check --format json)', () => {
  const cli = join(import.meta.dirname, '../../dist/cli.js');
  assert.ok(existsSync(cli), 'dist/cli.js is missing: run npm run build');
  for (const c of loadCases()) {
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--dialect', c.dialect, c.path], { encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, `${c.name}: exit ${r.status} ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { findings: { rule: string; table: string; columns: string[]; determinant?: string[] }[] };
    const s = score(c, out.findings, RULES);
    assert.deepEqual(s.missing.map((e) => e.line), [], `CLI missing in ${c.name}`);
    assert.deepEqual(s.falsePositives, [], `CLI false positives in ${c.name}`);
  }
});
