// Rewrites normlint refuses say why: the quick fix becomes a declined fix with the reason, and Normalize
// returns the dependency it leaves unsplit (NormalizeOutput.declined) with the same reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
