// A rule that throws on one table: one internal-error finding naming the rule and table, a log line with the
// stack, every other rule and table still checked — in the core and through the CLI's exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { rules } from '../../server/src/core/rules/index.ts';
import type { Rule } from '../../server/src/core/rule.ts';
import { run } from '../../server/src/cli/run.ts';

const SQL = `CREATE TABLE emp (emp_id int PRIMARY KEY, dept_id int, dept_name text);
CREATE TABLE boom (id int PRIMARY KEY, phone1 text, phone2 text, phone3 text);
`;

/** Throws on table `boom`, finds nothing elsewhere. */
const throwing: Rule = {
  meta: { id: 'repeating-group', description: 'test', defaultSeverity: 'warning', normalForm: '1NF', docs: 'x', fixable: false },
  check(ctx) {
    if (ctx.tables.some((t) => t.name === 'boom')) throw new Error('kaboom');
    return [];
  },
};
const withThrowing = rules.map((r) => (r.meta.id === 'repeating-group' ? throwing : r));

test('core: a throwing rule yields one internal-error finding; other rules and tables are checked', () => {
  const logs: string[] = [];
  const res = analyzeSources([{ file: 'a.sql', text: SQL }], defaultOptions, { rules: withThrowing, log: (m) => logs.push(m) });
  const internal = res.findings.filter((f) => f.rule === 'internal-error');
  assert.equal(internal.length, 1, JSON.stringify(res.findings.map((f) => f.rule)));
  assert.equal(internal[0].table, 'boom');
  assert.equal(internal[0].severity, 'info');
  assert.match(internal[0].message, /repeating-group/);
  assert.match(internal[0].message, /boom/);
  assert.equal(internal[0].range.start.line, 1);
  // the transitive dependency in emp is still found
  assert.ok(res.findings.some((f) => f.rule === 'transitive-dependency' && f.table === 'emp'));
  assert.equal(logs.length, 1);
  assert.match(logs[0], /repeating-group.*boom/);
  assert.match(logs[0], /kaboom\n\s+at /, 'the log line carries the stack');
});

test('core: without the failing rule, nothing internal is reported', () => {
  const res = analyzeSources([{ file: 'a.sql', text: SQL }], defaultOptions, { log: () => assert.fail('no log expected') });
  assert.ok(!res.findings.some((f) => f.rule === 'internal-error'));
  assert.ok(res.findings.some((f) => f.rule === 'repeating-group' && f.table === 'boom'));
});

test('CLI: a throwing rule does not cost the other findings; exit code 1 reflects them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'normlint-isolation-'));
  writeFileSync(join(dir, 'a.sql'), SQL);
  const out: string[] = [], err: string[] = [];
  const code = run('check', ['--format', 'json', join(dir, 'a.sql')], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: dir }, '0', { rules: withThrowing });
  assert.equal(code, 1);
  const findings = JSON.parse(out.join('\n')).findings as { rule: string; table: string }[];
  assert.ok(findings.some((f) => f.rule === 'internal-error' && f.table === 'boom'));
  assert.ok(findings.some((f) => f.rule === 'transitive-dependency' && f.table === 'emp'));
  assert.match(err.join('\n'), /rule repeating-group failed on table boom/);
});
