// Scores the 1NF rules (list-column, repeating-group) on every shared case through the core's single
// entry point: every expectation found, no false positive of these rules on any case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { DialectSetting } from '../../server/src/core/model.ts';
import { loadCases, score } from '../helpers/cases.ts';

const RULES = ['list-column', 'repeating-group'];
const cases = loadCases();

test('the shared cases are there', () => {
  assert.ok(cases.length >= 30, `expected the shared cases, found ${cases.length}`);
  assert.ok(cases.some((c) => c.expectations.some((e) => RULES.includes(e.rule))), 'no 1NF expectation at all');
});

for (const c of cases) {
  test(`1NF rules on ${c.name}`, () => {
    const { findings } = analyzeSources([{ file: c.path, text: c.text }], { ...defaultOptions, dialect: c.dialect as DialectSetting });
    const s = score(c, findings, RULES);
    assert.deepEqual(s.missing.map((m) => m.line), [], 'expected findings missing');
    assert.deepEqual(s.falsePositives.map((f) => `${f.rule} ${f.table} [${f.columns.join(', ')}]`), [], 'false positives');
    for (const f of findings.filter((x) => RULES.includes(x.rule))) {
      assert.ok(f.evidence.length > 0, `${f.rule} ${f.table} has no evidence`);
      assert.equal(f.normalForm, '1NF');
    }
  });
}
