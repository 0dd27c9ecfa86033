// Fixes are never stale (issue 14): a finding kept across an edit that did not touch its table gets fixes
// built on the current workspace. Adding `CREATE TABLE depts` elsewhere in the file must not leave the
// dept_name fix proposing "new table depts" (applying it would create a second CREATE TABLE depts).
// dist/server.js is driven over stdio as an editor drives it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, fileUri, type Diag } from './lsp-client.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';

let client: LspClient;
before(async () => { client = await LspClient.start({ pull: true }); });
after(async () => { await client?.stop(); });

interface CodeAction { title: string; edit?: { documentChanges?: ({ edits: { range: Diag['range']; newText: string }[] } | { kind: string })[] } }

/** examples/school.sql without its departments table: dept_id → dept_name is extracted into a new table depts. */
const SCHOOL = `CREATE TABLE employees (
    emp_id     INTEGER PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    dept_id    INTEGER,
    dept_name  VARCHAR(100),
    phone1     VARCHAR(20),
    phone2     VARCHAR(20),
    skills     VARCHAR(255)             -- 'sql,python,go'
);

CREATE TABLE enrollments (
    student_id    INTEGER,
    course_id     VARCHAR(10),
    course_title  VARCHAR(100),
    grade         CHAR(2),
    PRIMARY KEY (student_id, course_id)
);
`;

test('adding a table named depts elsewhere: the dept_name fix no longer proposes a second depts', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'normlint-stale-')), 'school.sql');
  let text = SCHOOL;
  writeFileSync(path, text);
  const uri = fileUri(path);
  client.open(uri, text, 1);
  const before = await client.pull(uri);
  const target = (ds: Diag[]) => {
    const d = ds.find((x) => x.code === 'transitive-dependency' && x.message.includes('dept_name'));
    assert.ok(d, `dept_name finding in ${ds.map((x) => x.message).join('\n')}`);
    return d;
  };
  const titles = async (d: Diag) => (await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })).map((a) => a.title);
  assert.ok((await titles(target(before))).some((t) => /new table depts\b/.test(t)), 'precondition: the fix proposes a new table depts');

  // Elsewhere: at the end of the file, a table that shares no key with employees.
  const added = '\nCREATE TABLE depts (\n    code  INTEGER PRIMARY KEY,\n    label VARCHAR(40)\n);\n';
  const end = endPosition(text);
  client.changeRange(uri, 2, { start: end, end }, added);
  text += added;
  const after = await client.pull(uri);
  const now = await titles(target(after));
  assert.ok(!now.some((t) => /new table depts\b/.test(t)), `stale fix kept: ${now.join(' | ')}`);
  // and the server's fixes are the ones a fresh analysis builds
  const fresh = analyzeSources([{ file: path, text }], defaultOptions).findings
    .find((f) => f.rule === 'transitive-dependency' && f.columns.includes('dept_name'))!.fixes.map((f) => f.title);
  for (const t of fresh) assert.ok(now.includes(t), `fresh fix "${t}" missing from ${now.join(' | ')}`);
  client.close(uri);
});

function endPosition(text: string): Diag['range']['start'] {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
