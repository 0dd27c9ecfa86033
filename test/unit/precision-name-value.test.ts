// Real-schema audit round 10 (ovh/cds project_variable, application_variable): in a row keyed by
// (owner, x_name) that also holds x_value, x_type is the type of the row's own value, not an attribute
// every x of that name shares. Fails without the name–value rule in fd/sources/naming.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';

function deps(text: string) {
  const r = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'postgresql', minConfidence: 'low' });
  return r.findings.filter((f) => f.rule.endsWith('-dependency')).map((f) => `${f.rule} ${f.table} [${f.columns.join(', ')}] <- [${(f.determinant ?? []).join(', ')}]`);
}

test('x_type beside x_value in a (owner, x_name) row is the value\'s type: no partial dependency', () => {
  assert.deepEqual(deps(`
    CREATE TABLE project_variable (id BIGSERIAL, project_id INT, var_name TEXT, var_value TEXT, cipher_value BYTEA, var_type TEXT,
      PRIMARY KEY (project_id, var_name));
    CREATE TABLE job_setting (job_id INT, setting_name VARCHAR(64), setting_value TEXT, setting_kind VARCHAR(16),
      PRIMARY KEY (job_id, setting_name));
  `), []);
});

test('precondition: without x_value the name in the key still determines x_type (a metric vocabulary shared by experiments)', () => {
  assert.deepEqual(deps(`
    CREATE TABLE project_variable (id BIGSERIAL, project_id INT, var_name TEXT, value TEXT, var_type TEXT, PRIMARY KEY (project_id, var_name));
  `), ['partial-dependency project_variable [var_type] <- [var_name]']);
});

test('the rule is about the value\'s type only: another attribute of the name in the key is still reported', () => {
  assert.deepEqual(deps(`
    CREATE TABLE project_variable (id BIGSERIAL, project_id INT, var_name TEXT, var_value TEXT, var_title TEXT, var_type TEXT,
      PRIMARY KEY (project_id, var_name));
  `), ['partial-dependency project_variable [var_title] <- [var_name]']);
});
