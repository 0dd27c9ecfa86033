// Protocol tests of what a person meets in the editor (issue 11): Normalize applies without ticking, code
// action kinds, one concise hover, preview copies not linted, lenses refreshed with diagnostics, a statement
// being typed, the status data, bundled rule pages, closed files keep their problems, migrations in files.
// dist/server.js is driven over stdio as an editor drives it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCases } from '../helpers/cases.ts';
import { LspClient, fileUri, applyEdits, repoDir, type Diag } from './lsp-client.ts';
import { cliFindings, cliLines, diagLines } from './helpers.ts';
import { RULE_IDS } from '../../server/src/core/config.ts';

const cases = loadCases();
const caseNamed = (n: string) => { const c = cases.find((x) => x.name === n); assert.ok(c, `case ${n}`); return c; };
let client: LspClient;

before(async () => { client = await LspClient.start({ pull: true }); });
after(async () => { await client?.stop(); });

type Range = Diag['range'];
interface TextDocumentEdit { textDocument: { uri: string; version: number | null }; edits: { range: Range; newText: string }[] }
interface CodeAction {
  title: string; kind?: string; isPreferred?: boolean; disabled?: { reason: string };
  edit?: { documentChanges?: (TextDocumentEdit | { kind: string; uri: string })[] }; command?: { command: string; arguments?: unknown[] }; diagnostics?: Diag[];
}
interface Lens { range: Range; command: { title: string; command: string; arguments?: unknown[] } }

const actionsAt = (uri: string, d: Diag, only?: string[]) =>
  client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], ...(only ? { only } : {}) } });
const textEdits = (a: CodeAction) => (a.edit?.documentChanges ?? []).flatMap((c) => ('edits' in c ? c.edits : []));

const EMPLOYEES = `CREATE TABLE departments (
  dept_id INT PRIMARY KEY,
  dept_name TEXT
);
CREATE TABLE employees (
  emp_id INT PRIMARY KEY,
  name TEXT,
  dept_id INT REFERENCES departments (dept_id),
  dept_name TEXT
);
CREATE TABLE audit_log (
  at TEXT,
  message TEXT
);
`;

test('1. Normalize: the edit needs no confirmation (Apply applies it); the code lens asks 3NF/BCNF like the palette', async () => {
  const c = caseNamed('24_courses_3nf.sql');
  const uri = fileUri(c.path);
  client.open(uri, c.text, 5);
  await client.pull(uri);
  const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
  const normalize = lenses.find((l) => l.command.title === 'Normalize');
  assert.ok(normalize, `no Normalize lens among ${lenses.map((l) => l.command.title).join(' | ')}`);
  assert.equal(normalize.command.command, 'normlint.normalizeTable');
  assert.equal(normalize.command.arguments?.length, 2, 'uri and position only: no target, so the client asks 3NF or BCNF');
  const res = await client.request<{ edit: { documentChanges: TextDocumentEdit[]; changeAnnotations?: Record<string, { needsConfirmation?: boolean }> } } | null>(
    'normlint/normalize', { uri, position: normalize.command.arguments![1], to: '3nf' });
  assert.ok(res);
  assert.deepEqual(Object.values(res.edit.changeAnnotations ?? {}).filter((a) => a.needsConfirmation), []);
  const mine = res.edit.documentChanges.filter((d) => 'textDocument' in d && d.textDocument.uri === uri);
  assert.ok(mine.length && mine.every((d) => d.textDocument.version === 5), 'versioned with the open document');
  client.close(uri);
});

test('2. code action kinds: CREATE INDEX a preferred quickfix, rewrites refactor.rewrite not preferred, Fix all only safe', async () => {
  const fk = caseNamed('09_ml_platform.sql');
  const uri = fileUri(fk.path);
  client.open(uri, fk.text, 1);
  const diags = await client.pull(uri);
  const target = diags.find((d) => d.code === 'fk-missing-index');
  assert.ok(target);
  const actions = await actionsAt(uri, target);
  const index = actions.find((a) => /^Create index/i.test(a.title));
  assert.ok(index, `no Create index action: ${actions.map((a) => a.title).join(' | ')}`);
  assert.equal(index.kind, 'quickfix');
  assert.equal(index.isPreferred, true);
  const disable = actions.find((a) => a.title.startsWith('Disable '));
  assert.equal(disable?.kind, 'quickfix');
  assert.ok(!disable?.isPreferred, 'a disable comment is never preferred');
  // Fix all (as "source.fixAll" on save, or the quick fix): only CREATE INDEX statements.
  const [fixAll] = await actionsAt(uri, target, ['source.fixAll']);
  assert.equal(fixAll?.kind, 'source.fixAll.normlint');
  const added = textEdits(fixAll).map((e) => e.newText.trim());
  assert.equal(added.length, diags.filter((d) => d.code === 'fk-missing-index').length);
  for (const t of added) assert.match(t, /^CREATE (UNIQUE )?INDEX [^;]+;$/i);
  const fixed = applyEdits(fk.text, textEdits(fixAll));
  client.change(uri, 2, fixed);
  assert.deepEqual((await client.pull(uri)).filter((d) => d.code === 'fk-missing-index'), [], 'Fix all left an unindexed foreign key');
  client.close(uri);

  const dep = caseNamed('24_courses_3nf.sql');
  const duri = fileUri(dep.path);
  client.open(duri, dep.text, 1);
  const d = (await client.pull(duri)).find((x) => x.code === 'transitive-dependency');
  assert.ok(d);
  const rewrites = (await actionsAt(duri, d)).filter((a) => a.edit && !a.title.startsWith('Disable ') && !a.title.startsWith('Fix all'));
  assert.ok(rewrites.length > 0, 'no rewrite offered');
  for (const a of rewrites) {
    assert.equal(a.kind, 'refactor.rewrite', `${a.title}: a rewrite is not a quickfix`);
    assert.ok(!a.isPreferred, `${a.title}: a rewrite is never preferred`);
  }
  assert.deepEqual((await actionsAt(duri, d, ['source.fixAll'])), [], 'Fix all has nothing safe to do here');
  client.close(duri);
});

test('3. hover: one concise card; the column card has its FK facts; a table without a key says so', async () => {
  const uri = 'untitled:employees.sql';
  client.open(uri, EMPLOYEES);
  const diags = await client.pull(uri);
  const finding = diags.find((x) => x.code === 'transitive-dependency');
  assert.ok(finding, 'dept_name in employees is a transitive dependency');
  const lines = EMPLOYEES.split('\n');
  const deptLine = lines.findIndex((l) => l.includes('dept_id INT REFERENCES'));
  const col = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: deptLine, character: 4 } });
  const v = col.contents.value;
  assert.match(v, /\*\*column\*\* `employees\.dept_id`/);
  assert.match(v, /references `departments\.dept_id`/);
  assert.match(v, /determines `dept_name`/);
  assert.doesNotMatch(v, /\*\*table\*\*/, 'the column card does not repeat the table card');
  assert.ok(!v.includes(finding.message), 'the finding message is not repeated (the squiggle shows it)');
  const nameLine = deptLine + 1;
  assert.match(lines[nameLine], /dept_name TEXT/);
  const dependent = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: nameLine, character: 4 } });
  assert.match(dependent.contents.value, /determined by `dept_id`/);
  assert.ok(!dependent.contents.value.includes(finding.message));

  const auditLine = lines.findIndex((l) => l.includes('audit_log'));
  const table = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: auditLine, character: 15 } });
  assert.match(table.contents.value, /no key declared/);
  assert.doesNotMatch(table.contents.value, /BCNF/);
  const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
  const auditLens = lenses.find((l) => l.range.start.line === auditLine);
  assert.match(auditLens?.command.title ?? '', /^no key declared · /);
  client.close(uri);
});

test('4. copies shown by the editor (diff side, Refactor Preview) are not linted: counts stay the CLI\'s', async () => {
  const c = caseNamed('09_ml_platform.sql');
  const uri = fileUri(c.path);
  client.open(uri, c.text);
  const copies = [`normlint-proposed:${c.path}`, `vscode-bulkeditpreview-editor:${c.path}?x`, `git:${c.path}?ref=HEAD`];
  for (const u of copies) client.open(u, c.text);
  const diags = await client.pull(uri);
  assert.deepEqual(diagLines(diags), cliLines(cliFindings(c.path)), 'the file\'s diagnostics equal the CLI\'s with copies open');
  for (const u of copies) assert.deepEqual(await client.pull(u), [], `${u} was linted`);
  for (const u of copies) client.close(u);
  client.close(uri);
});

test('4. code lenses are refreshed whenever diagnostics change (no lagging or stale lens)', async () => {
  const uri = 'untitled:lens.sql';
  const clean = 'CREATE TABLE emp (\n  emp_id INT PRIMARY KEY,\n  dept_id INT,\n  note TEXT\n);\n';
  client.open(uri, clean, 1);
  await client.pull(uri);
  const first = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.match(first[0].command.title, /· no findings/);
  const refreshes = client.lensRefreshes;
  client.change(uri, 2, clean.replace('note TEXT', 'dept_name TEXT'));
  await client.pull(uri);
  await client.waitFor(() => client.lensRefreshes > refreshes, 5000, 'workspace/codeLens/refresh after the findings changed');
  const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.match(lenses[0].command.title, /· 1 finding$/);
  // A settings change refreshes the lenses of every editor, hidden ones included.
  const s = client.lensRefreshes;
  client.setSettings({ rules: { 'transitive-dependency': 'off' } });
  await client.waitFor(() => client.lensRefreshes > s, 5000, 'lens refresh after a settings change');
  assert.match((await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } }))[0].command.title, /· no findings/);
  client.setSettings({});
  await client.waitFor(() => client.lensRefreshes > s + 1, 5000, 'lens refresh after the settings are back');
  client.close(uri);
});

test('5. a half-typed CREATE TABLE at the cursor is not reported as unreadable until it is terminated', async () => {
  const uri = 'untitled:typing.sql';
  const base = 'CREATE TABLE a (id INT PRIMARY KEY);\n';
  client.open(uri, base, 1);
  assert.deepEqual(await client.pull(uri), []);
  client.changeRange(uri, 2, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'CREATE TABLE name');
  assert.deepEqual((await client.pull(uri)).map((d) => d.message), [], 'reported while being typed');
  client.changeRange(uri, 3, { start: { line: 1, character: 17 }, end: { line: 1, character: 17 } }, ';');
  const done = await client.pull(uri);
  assert.deepEqual(done.map((d) => d.code), ['unreadable-statement'], 'a terminated statement that cannot be read is reported');
  client.close(uri);
  // Opened as is (not being typed): reported at once, as the CLI does.
  client.open(uri, base + 'CREATE TABLE name', 1);
  assert.deepEqual((await client.pull(uri)).map((d) => d.code), ['unreadable-statement']);
  client.close(uri);
});

test('6. normlint/status: the dialect auto chose for the file and the findings count of the workspace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'normlint-status-'));
  try {
    const c = { text: 'CREATE TABLE `courses` (\n  `id` INT AUTO_INCREMENT PRIMARY KEY,\n  `instructor_id` INT,\n  `instructor_name` TEXT\n);\n' }; // MySQL syntax
    const f = join(dir, 'courses.sql');
    writeFileSync(f, c.text);
    writeFileSync(join(dir, 'ml.sql'), caseNamed('09_ml_platform.sql').text);
    const s = await LspClient.start({ pull: true, rootPath: dir });
    try {
      s.open(fileUri(f), c.text);
      await s.pull(fileUri(f));
      const want = cliFindings(dir).length;
      let status: { analysing: boolean; dialect?: string; dialectSource?: string; setting: string; findings: number; files: number } | undefined;
      for (let i = 0; i < 50; i++) {
        status = await s.request('normlint/status', { uri: fileUri(f) });
        if (!status!.analysing && status!.files === 2) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(status?.setting, 'auto');
      assert.equal(status?.dialect, 'mysql');
      assert.equal(status?.dialectSource, 'detected', 'auto read it from the backticks and AUTO_INCREMENT');
      assert.equal(status?.files, 2);
      assert.equal(status?.findings, want, 'the status counts what `normlint check` reports');
      assert.ok(s.notifications.some((n) => n.method === 'normlint/statusChanged'), 'the client is told to ask again');
    } finally { await s.stop(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('7. "Show documentation" opens the bundled docs/rules/<rule>.md; every rule has a page with an example and the fix', async () => {
  for (const id of RULE_IDS) {
    const page = join(repoDir, 'docs', 'rules', `${id}.md`);
    assert.ok(existsSync(page), `docs/rules/${id}.md missing`);
    const text = readFileSync(page, 'utf8');
    assert.match(text, new RegExp(`^# ${id}\\b`), `${id}: title`);
    assert.match(text, /^## Example\n```sql\n/m, `${id}: an SQL example`);
    assert.match(text, /^## The fix\n/m, `${id}: the fix`);
  }
  const vscodeignore = readFileSync(join(repoDir, '.vscodeignore'), 'utf8');
  assert.match(vscodeignore, /^!docs\/rules\/\*\.md$/m, 'the pages ship in the VSIX');
  const n = client.shownDocuments.length;
  await client.request('workspace/executeCommand', { command: 'normlint.showDocumentation', arguments: ['fk-missing-index', 'https://example.invalid'] });
  const shown = client.shownDocuments[n];
  assert.equal(shown?.uri, fileUri(join(repoDir, 'docs', 'rules', 'fk-missing-index.md')));
  assert.equal(shown?.external, false);
});

test('9. closed files: workspace diagnostics report every .sql file of the workspace, closed ones too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'normlint-wsdiag-'));
  try {
    const a = join(dir, 'ml.sql'), b = join(dir, 'courses.sql');
    writeFileSync(a, caseNamed('09_ml_platform.sql').text);
    writeFileSync(b, caseNamed('24_courses_3nf.sql').text);
    const s = await LspClient.start({ pull: true, rootPath: dir });
    try {
      type Report = { kind: string; uri: string; resultId?: string; items?: Diag[] };
      const pullWorkspace = (previousResultIds: { uri: string; value: string }[] = []) =>
        s.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds });
      let reports: Report[] = [];
      for (let i = 0; i < 50 && reports.length < 2; i++) {
        reports = (await pullWorkspace()).items;
        if (reports.length < 2) await new Promise((r) => setTimeout(r, 100));
      }
      const of = (f: string) => reports.find((r) => r.uri === fileUri(f));
      for (const f of [a, b]) assert.deepEqual(diagLines(of(f)?.items ?? []), cliLines(cliFindings(dir).filter((x) => x.file === f)), `${f}: closed file's diagnostics`);
      // Unchanged since the last pull: "unchanged" with the same result id.
      const again = (await pullWorkspace(reports.map((r) => ({ uri: r.uri, value: r.resultId! })))).items;
      assert.deepEqual(again.map((r) => r.kind), ['unchanged', 'unchanged']);
      // Open, then close a file: it is reported again by the workspace pull (its problems stay).
      s.open(fileUri(a), readFileSync(a, 'utf8'));
      await s.pull(fileUri(a));
      assert.deepEqual((await pullWorkspace()).items.map((r) => r.uri), [fileUri(b)], 'an open file is pulled on its own');
      s.close(fileUri(a));
      let back: Report | undefined;
      for (let i = 0; i < 50 && !back; i++) {
        back = (await pullWorkspace()).items.find((r) => r.uri === fileUri(a));
        if (!back) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(back?.kind, 'full');
      assert.equal(back?.items?.length, cliFindings(a).length, 'the closed file keeps its problems');
    } finally { await s.stop(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('10. migrations "file" (the editor default): a rewrite adds DDL only and puts the data migration in its own new file', async () => {
  const s = await LspClient.start({ pull: true, settings: { migrations: 'file' } });
  try {
    const c = caseNamed('24_courses_3nf.sql');
    const uri = fileUri(c.path);
    s.open(uri, c.text, 1);
    const d = (await s.pull(uri)).find((x) => x.code === 'transitive-dependency');
    assert.ok(d);
    const actions = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const rewrite = actions.find((a) => a.kind === 'refactor.rewrite' && a.edit);
    assert.ok(rewrite, 'no rewrite');
    const changes = rewrite.edit!.documentChanges!;
    const created = changes.filter((x): x is { kind: string; uri: string } => 'kind' in x && x.kind === 'create').map((x) => x.uri);
    assert.equal(created.length, 1, 'one new migration file per applied change');
    assert.notEqual(created[0], uri);
    const inSchema = changes.filter((x): x is TextDocumentEdit => 'textDocument' in x && x.textDocument.uri === uri).flatMap((x) => x.edits);
    const after = applyEdits(c.text, inSchema);
    assert.doesNotMatch(after.slice(c.text.length - 200), /INSERT INTO/i, 'no data migration block in the schema file');
    const migration = changes.filter((x): x is TextDocumentEdit => 'textDocument' in x && x.textDocument.uri === created[0]).flatMap((x) => x.edits).map((e) => e.newText).join('');
    assert.match(migration, /INSERT INTO/i, 'the data migration is in the new file');
    assert.ok(after.split('\n').length - c.text.split('\n').length < 15, `the schema file grew by ${after.split('\n').length - c.text.split('\n').length} lines`);
  } finally { await s.stop(); }
});
