// The incremental engine on a file holding copies of a schema (the same tables created again, as in dumps
// concatenated): an edit in one copy re-checks that copy's tables only, and the findings (with their fixes)
// still equal a fresh analysis of the text — also after an edit that adds or removes a copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../server/src/core/incremental/engine.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Finding } from '../../server/src/core/findings.ts';

const options = { ...defaultOptions, dialect: 'postgresql' as const };
const schema = (tag: string) => `-- copy ${tag}
CREATE TABLE dept (dept_id int PRIMARY KEY, dept_name text);
CREATE TABLE emp (emp_id int PRIMARY KEY, dept_id int REFERENCES dept (dept_id), emp_name text);
CREATE TABLE project (project_id int PRIMARY KEY, title text);
CREATE TABLE assignment (emp_id int REFERENCES emp (emp_id), project_id int REFERENCES project (project_id), hours int);
ALTER TABLE assignment ADD PRIMARY KEY (emp_id, project_id);
`;
const show = (fs: Finding[]) => fs.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.rule} ${f.table} ${f.message} | ${f.fixes.map((x) => `${x.title} ${JSON.stringify(x.edits)}`).join(' ; ')}`);

function check(e: Engine, file: string, text: string) {
  const fresh = analyzeSources([{ file, text }], options).findings;
  assert.deepEqual(show(e.withCurrentFixes(e.findingsOf(file))), show(fresh));
}

test('an edit in one of three copies re-checks that copy; findings and fixes equal a fresh analysis', async () => {
  const file = '/copies.sql';
  let text = schema('one') + schema('two') + schema('three');
  const e = new Engine(options);
  e.setFile(file, 'file://' + file, text, 1);
  await e.update();
  check(e, file, text);
  const perCopy = 4;
  // in copy two, emp gets dept_name beside dept_id: a copy of dept's column (transitive dependency)
  const at = text.indexOf('emp_name text', text.indexOf('-- copy two'));
  text = text.slice(0, at) + 'dept_name text, ' + text.slice(at);
  e.setFile(file, 'file://' + file, text, 2);
  const stats = await e.update();
  assert.equal(stats.full, false);
  assert.ok(stats.tablesChecked > 0 && stats.tablesChecked <= perCopy, `re-checked ${stats.tablesChecked} tables, at most one copy's ${perCopy}`);
  assert.ok(e.findingsOf(file).some((f) => f.table === 'emp' && f.rule === 'transitive-dependency'), 'precondition: the edit makes a finding');
  check(e, file, text);
  // a fourth copy typed at the start moves every copy: a full update, still equal to a fresh analysis
  text = 'CREATE TABLE emp (emp_id int PRIMARY KEY);\n' + text;
  e.setFile(file, 'file://' + file, text, 3);
  assert.equal((await e.update()).full, true);
  check(e, file, text);
});
