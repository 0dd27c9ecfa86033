// Issue 13: a rewrite normlint refuses says why in the editor. The code action of a declined fix is shown
// disabled, with the reason (LSP CodeAction.disabled.reason), for the dependency rules and the 1NF rules
// alike; no code action is offered that does nothing (no edit, no command and not disabled).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, fileUri, type Diag } from './lsp-client.ts';

interface CodeAction { title: string; kind?: string; disabled?: { reason: string }; edit?: unknown; command?: unknown }

let client: LspClient;
const dir = mkdtempSync(join(tmpdir(), 'normlint-declined-'));
before(async () => { client = await LspClient.start({ pull: true }); });
after(async () => { await client?.stop(); rmSync(dir, { recursive: true, force: true }); });

async function actionsFor(name: string, text: string, rule: string): Promise<CodeAction[]> {
  const uri = fileUri(join(dir, name));
  client.open(uri, text, 1);
  const d = (await client.pull(uri)).find((x: Diag) => x.code === rule);
  assert.ok(d, `${rule} is reported in ${name}`);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d!.range, context: { diagnostics: [d] } });
  for (const a of actions) assert.ok(a.edit || a.command || a.disabled, `${a.title}: an action that does nothing`);
  return actions;
}

test('a dependency split the rows contradict: the action is disabled and says which rows', async () => {
  const actions = await actionsFor('lines.sql', `-- @fd product_id -> product_name
CREATE TABLE order_lines (
  line_id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL,
  product_name VARCHAR(40)
);
INSERT INTO order_lines VALUES (1, 10, 'Pen'), (2, 10, 'Pencil'), (3, 11, 'Ink');
`, 'transitive-dependency');
  const off = actions.filter((a) => a.disabled);
  assert.equal(off.length, 1, actions.map((a) => a.title).join(' | '));
  assert.equal(off[0].kind, 'refactor.rewrite');
  assert.match(off[0].title, /^Cannot extract product_id → product_name because the INSERT rows contradict it/);
  assert.equal(off[0].disabled!.reason, "the INSERT rows contradict it (product_id 10 has product_name 'Pen' and 'Pencil')");
  assert.equal(off[0].edit, undefined);
});

test('a list column a view reads: the child-table action is disabled and names the view', async () => {
  const actions = await actionsFor('posts.sql', `CREATE TABLE posts (
  post_id INTEGER PRIMARY KEY,
  tags VARCHAR(200)
);
INSERT INTO posts VALUES (1, 'sql,go'), (2, 'go,rust'), (3, 'sql');
CREATE VIEW tagged AS SELECT post_id, tags FROM posts;
`, 'list-column');
  const off = actions.filter((a) => a.disabled);
  assert.equal(off.length, 1, actions.map((a) => a.title).join(' | '));
  assert.match(off[0].disabled!.reason, /view tagged uses a column of posts that moves to a child table/);
  assert.ok(!actions.some((a) => !a.disabled && /^Cannot /.test(a.title)), 'a refused fix is never offered as an action that applies');
});
