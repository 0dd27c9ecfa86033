// The server and the CLI detect the same dialect for the same text (one function; the server's cache is keyed
// on the same prefix the detection reads): a MySQL table added past the first 64 KB of a file with no other
// signals makes both say MySQL, and fk-missing-index (never on MySQL) agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, fileUri, type Diag } from './lsp-client.ts';
import { cliFindings, cliLines, diagLines } from './helpers.ts';
import { detectDialect } from '../../server/src/core/reader/dialect.ts';

let client: LspClient;
before(async () => { client = await LspClient.start({ pull: true }); });
after(async () => { await client?.stop(); });

const endOf = (text: string): Diag['range']['start'] => {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
};

test('a MySQL table past 64 KB: server status, CLI and diagnostics agree', async () => {
  let text = '';
  for (let i = 0; text.length < 70_000; i++) text += `CREATE TABLE t${i} (id INT PRIMARY KEY, parent_id INT REFERENCES t${i} (id));\n`;
  const dir = mkdtempSync(join(tmpdir(), 'normlint-dialect-'));
  const path = join(dir, 'big.sql');
  const uri = fileUri(path);
  client.open(uri, text, 1);
  await client.pull(uri);
  // an edit near the start: the server reads by segments from here on (and caches the detection)
  client.changeRange(uri, 2, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '-- schema\n');
  text = '-- schema\n' + text;
  await client.pull(uri);
  const status = async () => (await client.request<{ dialect?: string }>('normlint/status', { uri })).dialect;
  assert.equal(await status(), 'postgresql', 'precondition: no signal yet, the default');

  const added = '\nCREATE TABLE `shop` (`id` INT UNSIGNED NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n';
  const end = endOf(text);
  client.changeRange(uri, 3, { start: end, end }, added);
  text += added;
  const diags = await client.pull(uri);
  assert.equal(detectDialect(text, 'auto').dialect, 'mysql');
  assert.equal(await status(), 'mysql');
  writeFileSync(path, text);
  assert.deepEqual(diagLines(diags.filter((d) => d.data !== undefined)), cliLines(cliFindings(path)));
  client.close(uri);
});
