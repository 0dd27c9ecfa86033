// normlint/erd over stdio: the diagram of the workspace, a file and a table's neighbourhood, with the
// location of every table and column (the webview jumps there), following an edit; the ER diagram lens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './lsp-client.ts';
import type { ErdResult } from '../../client/src/erd/protocol.ts';

let client: LspClient;
before(async () => { client = await LspClient.start({ pull: true }); });
after(async () => { await client?.stop(); });

const SCHEMA = `CREATE TABLE departments (
  dept_id INT PRIMARY KEY,
  dept_name TEXT
);
CREATE TABLE employees (
  emp_id INT PRIMARY KEY,
  dept_id INT NOT NULL REFERENCES departments (dept_id),
  dept_name TEXT
);
CREATE TABLE badges (
  badge_id INT PRIMARY KEY,
  emp_id INT UNIQUE REFERENCES employees (emp_id)
);
`;

test('workspace, table and file scopes; locations of tables and columns; live after an edit', async () => {
  const uri = 'untitled:erd-1.sql';
  client.open(uri, SCHEMA, 1);
  const all = await client.request<ErdResult>('normlint/erd', { uri, scope: 'auto' });
  assert.equal(all.scope, 'workspace', 'a small schema is shown whole');
  assert.deepEqual(all.entities.map((e) => e.name), ['departments', 'employees', 'badges']);
  assert.equal(all.relationships, 2);
  assert.match(all.svg, /^<svg /);
  assert.doesNotMatch(all.svg, /style=|<style/, 'no inline styles (the webview CSP)');
  const emp = all.entities.find((e) => e.name === 'employees')!;
  assert.deepEqual(emp.range.start, { line: 4, character: 13 });
  assert.deepEqual(emp.columns.find((c) => c.name === 'dept_name')!.range.start, { line: 7, character: 2 });
  assert.match(all.svg, /class="erd-entity nf-3NF" data-id="employees"/, 'dept_name copies the referenced table: 3NF');

  const one = await client.request<ErdResult>('normlint/erd', { uri, scope: 'table', table: 'badges', depth: 1 });
  assert.equal(one.centre, 'badges');
  assert.deepEqual(one.entities.map((e) => e.name), ['employees', 'badges']);
  const atCursor = await client.request<ErdResult>('normlint/erd', { uri, scope: 'table', position: { line: 1, character: 3 }, depth: 0 });
  assert.deepEqual(atCursor.entities.map((e) => e.name), ['departments']);

  const other = 'untitled:erd-other.sql';
  client.open(other, 'CREATE TABLE sites (site_id INT PRIMARY KEY, dept_id INT REFERENCES departments (dept_id));\n', 1);
  const file = await client.request<ErdResult>('normlint/erd', { uri: other, scope: 'file' });
  assert.deepEqual(file.entities.map((e) => e.name), ['sites'], 'only the tables of that file');
  assert.equal(file.relationships, 0, 'references to tables of other files are left out');
  client.close(other);

  client.change(uri, 2, SCHEMA + 'CREATE TABLE projects (id INT PRIMARY KEY, dept_id INT REFERENCES departments (dept_id));\n');
  const after = await client.request<ErdResult>('normlint/erd', { uri, scope: 'workspace' });
  assert.equal(after.entities.length, 4);
  assert.equal(after.relationships, 3);
  client.close(uri);
});

test('the ER diagram code lens opens the diagram at its table', async () => {
  const uri = 'untitled:erd-2.sql';
  client.open(uri, SCHEMA, 1);
  const lenses = await client.request<{ command: { title: string; command: string; arguments?: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri } });
  const erd = lenses.filter((l) => l.command.title === 'ER diagram');
  assert.equal(erd.length, 3, 'one per CREATE TABLE');
  assert.equal(erd[0].command.command, 'normlint.showErd');
  assert.deepEqual(erd[0].command.arguments, [uri, { line: 0, character: 13 }]);
  client.close(uri);
});

test('normlint/normalize carries the before / after diagrams for the preview', async () => {
  const uri = 'untitled:erd-3.sql';
  client.open(uri, SCHEMA, 1);
  const res = await client.request<{ diagrams?: { before: string; after: string } } | null>('normlint/normalize', { uri, position: { line: 4, character: 15 }, to: '3nf' });
  assert.ok(res?.diagrams, 'diagrams in the result');
  const ids = (svg: string) => [...svg.matchAll(/class="erd-entity [^"]*" data-id="([^"]+)"/g)].map((m) => m[1]).sort();
  assert.deepEqual(ids(res.diagrams.before), ['badges', 'departments', 'employees']);
  assert.match(res.diagrams.before, /nf-3NF" data-id="employees"/);
  const after = ids(res.diagrams.after);
  assert.ok(after.includes('employees') && after.includes('departments') && after.includes('badges'), after.join(', '));
  assert.doesNotMatch(res.diagrams.after, /nf-3NF" data-id="employees"/, 'the decomposed table no longer breaks 3NF');
});
