// Issue 15, class 2 generalised: a table with no name of its own whose string identifier names every
// name column is a table of that entity — the identifier is the row's own undeclared key, not another
// entity's. Fails without the own-natural-key rule (README "Where dependencies come from", 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions, type Options } from '../../server/src/core/options.ts';

function deps(text: string, opts: Partial<Options> = {}) {
  const r = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'mysql', ...opts });
  return r.findings.filter((f) => f.rule.endsWith('-dependency')).map((f) => `${f.table} ${f.columns.join(',')} <- ${f.determinant?.join(',')} ${f.confidence}`).sort();
}

test('a mandatory string identifier naming the table\'s only name is the row\'s own key: a low hint, not a warning', () => {
  const text = `
    CREATE TABLE spares (SpareID INT AUTO_INCREMENT PRIMARY KEY, SkuNum VARCHAR(40) NOT NULL, SkuName VARCHAR(80) NOT NULL, MinQty INT NOT NULL);
    -- the same shape with a name of its own, a nullable code, an integer id, or a table that is the entity: still reported
    CREATE TABLE staff (staff_id INT PRIMARY KEY, full_name VARCHAR(80), dept_code VARCHAR(10) NOT NULL, dept_name VARCHAR(40));
    CREATE TABLE bins (bin_id INT PRIMARY KEY, lot_code VARCHAR(10), lot_name VARCHAR(40));
    CREATE TABLE visits (visit_id INT PRIMARY KEY, clinic_id INT NOT NULL, clinic_name VARCHAR(40));
    CREATE TABLE boxes (box_id INT PRIMARY KEY, model_code VARCHAR(10) NOT NULL, model_name VARCHAR(40));
    CREATE TABLE models (model_code VARCHAR(10) PRIMARY KEY, model_name VARCHAR(40));
  `;
  assert.deepEqual(deps(text), [
    'bins lot_name <- lot_code medium',
    'boxes model_name <- model_code medium',
    'staff dept_name <- dept_code medium',
    'visits clinic_name <- clinic_id medium',
  ].sort());
  const low = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'mysql', minConfidence: 'low' })
    .findings.find((f) => f.table === 'spares');
  assert.ok(low, 'still a low hint at minConfidence low');
  assert.equal(low.severity, 'info');
  assert.match(low.message, /SkuNum may be this row's own key rather than another entity's .*declare it UNIQUE/);
});
