// Issue 15, class 5 (a list has items of one shape): a field and its direction or switch ('subnet,asc',
// 'sound,off') is one setting, not two items. Fails without the rule (README "list-column").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { listShape } from '../../server/src/core/nf1/list-values.ts';

test('a field and its sort direction or switch is one value', () => {
  for (const v of ['subnet,asc', 'name;DESC', 'sound,off']) assert.equal(listShape(v), undefined, v);
  for (const v of ['yes,no', 'read,write', 'asc,desc,none', 'name,asc,date']) assert.ok(listShape(v), v);
  const r = analyzeSources([{ file: 'schema.sql', text: `
    CREATE TABLE prefs (id INT PRIMARY KEY, sortOrder VARCHAR(20), answers VARCHAR(20));
    INSERT INTO prefs VALUES (1, 'subnet,asc', 'yes,no');
  ` }], { ...defaultOptions, dialect: 'mysql' });
  assert.deepEqual(r.findings.filter((f) => f.rule === 'list-column').map((f) => f.columns.join()), ['answers']);
});
