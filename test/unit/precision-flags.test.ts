// Real-schema audit round 10 (UPchieve/subway sessions.student_banned, "whether the student was banned as a
// result of this session"): a yes/no flag kept in a row of another table is a state as it was then, or that
// row's own outcome: weak evidence of a copy, so a low info that says why. Fails without weakCopyReason in
// fd/confidence.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions, type Options } from '../../server/src/core/options.ts';

function deps(text: string, opts: Partial<Options> = {}) {
  const r = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'postgresql', ...opts });
  return r.findings.filter((f) => f.rule.endsWith('-dependency'));
}
const SCHEMA = `
  CREATE TABLE users (id INT PRIMARY KEY, banned BOOLEAN NOT NULL DEFAULT FALSE, email TEXT);
  CREATE TABLE sessions (id INT PRIMARY KEY, student_id INT REFERENCES users (id), student_banned BOOLEAN, ended_at TIMESTAMP);
  CREATE TABLE reviews (id INT PRIMARY KEY, student_id INT REFERENCES users (id), student_banned BOOLEAN, student_email TEXT);
`;

test('a copied yes/no flag alone is a low info with the reason; beside a real copy the warning stays', () => {
  assert.deepEqual(deps(SCHEMA).map((f) => `${f.table} [${f.columns.join(', ')}] ${f.severity}`), ['reviews [student_banned, student_email] warning']);
  const low = deps(SCHEMA, { minConfidence: 'low' }).filter((f) => f.table === 'sessions');
  assert.deepEqual(low.map((f) => `${f.table} [${f.columns.join(', ')}] <- [${f.determinant!.join(', ')}] ${f.severity} ${f.confidence}`),
    ['sessions [student_banned] <- [student_id] info low']);
  assert.match(low[0].message, /A weaker hint: student_banned is a yes\/no flag, which a sessions row usually records as it was at the time or as its own outcome/);
});
