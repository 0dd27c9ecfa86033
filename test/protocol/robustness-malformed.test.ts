// Malformed input must give a clear message (or ordinary findings), never a crash or a hang: binary bytes,
// invalid UTF-8 (on disk and as replacement characters in an open document), a 10 MB single line, 10,000
// nested parentheses, unterminated strings, identifiers and comments. After each, the server must still answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, fileUri, type Diag } from './lsp-client.ts';

let client: LspClient;
before(async () => { client = await LspClient.start({ pull: true }); });
after(async () => { await client?.stop(); });

let n = 0;
/** Opens `text`, pulls diagnostics within `limitMs`, checks the server still answers a normal file. */
async function survive(name: string, text: string, limitMs: number): Promise<{ diags: Diag[]; ms: number }> {
  const uri = `untitled:malformed-${++n}.sql`;
  const t0 = performance.now();
  client.open(uri, text);
  const diags = await Promise.race([
    client.pull(uri),
    new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`${name}: no answer within ${limitMs} ms`)), limitMs)),
  ]);
  const ms = performance.now() - t0;
  client.close(uri);
  assert.equal(client.proc.exitCode, null, `${name}: server exited`);
  const probe = `untitled:probe-${n}.sql`;
  client.open(probe, 'CREATE TABLE probe (id INT PRIMARY KEY, tags TEXT);');
  await client.pull(probe);
  client.close(probe);
  for (const d of diags) assert.ok(d.message.length > 10 && d.source === 'normlint', `${name}: unclear diagnostic ${JSON.stringify(d)}`);
  console.log(`# ${name}: ${diags.length} diagnostic(s) in ${ms.toFixed(0)} ms${diags[0] ? ` — ${diags[0].message.slice(0, 120)}` : ''}`);
  return { diags, ms };
}

test('binary bytes are reported as not SQL', async () => {
  let bin = '';
  for (let i = 0; i < 4096; i++) bin += String.fromCharCode((i * 7919) % 256);
  const { diags } = await survive('binary', bin, 10_000);
  assert.ok(diags.some((d) => /binary/.test(d.message)), 'no message saying the file is binary');
});

test('invalid UTF-8 on disk and replacement characters in a document are reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'normlint-utf8-'));
  try {
    const bytes = Buffer.concat([Buffer.from('CREATE TABLE caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(' (id INT PRIMARY KEY, note TEXT);\n')]);
    writeFileSync(join(dir, 'latin1.sql'), bytes);
    const s = await LspClient.start({ pull: true, rootPath: dir });
    try {
      await s.waitFor(() => s.logs.find((l) => /not valid UTF-8/.test(l)), 10_000, 'a log message about invalid UTF-8');
    } finally { await s.stop(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
  const { diags } = await survive('replacement characters', 'CREATE TABLE caf\uFFFD\uFFFD (id INT PRIMARY KEY, note TEXT);\n', 10_000);
  assert.ok(diags.some((d) => /UTF-8/.test(d.message)), 'no message about invalid UTF-8');
});

test('a 10 MB single line', { timeout: 300_000 }, async () => {
  const tables = Array.from({ length: 100_000 }, (_, i) => `CREATE TABLE t${i} (id INT PRIMARY KEY, t${i}_name TEXT);`).join(' ').slice(0, 10_000_000);
  await survive('10 MB single line of CREATE TABLE statements', tables, 90_000);
  await survive('10 MB string literal on one line', `CREATE TABLE big (id INT PRIMARY KEY, note TEXT DEFAULT '${'ab,'.repeat(3_333_333)}');`, 60_000);
  await survive('10 MB single-line comment', '-- ' + 'x'.repeat(10_000_000), 60_000);
  await survive('10 MB of garbage tokens', 'x '.repeat(5_000_000), 60_000);
});

test('10,000 nested parentheses', async () => {
  const deep = '('.repeat(10_000) + '1' + ')'.repeat(10_000);
  await survive('nested parentheses in CHECK', `CREATE TABLE nest (id INT PRIMARY KEY, v INT CHECK ${deep});`, 30_000);
  await survive('unbalanced parentheses', `CREATE TABLE nest2 ${'('.repeat(10_000)}`, 30_000);
  await survive('nested parentheses in a default', `CREATE TABLE nest3 (id INT PRIMARY KEY, v INT DEFAULT ${deep});\nCREATE TABLE after_it (id INT PRIMARY KEY);`, 30_000);
});

test('unterminated strings, identifiers and comments', async () => {
  const cases: [string, string][] = [
    ['unterminated string', "CREATE TABLE s (id INT PRIMARY KEY, tags TEXT DEFAULT 'a,b,c);\nCREATE TABLE t (id INT PRIMARY KEY);"],
    ['unterminated block comment', 'CREATE TABLE c (id INT PRIMARY KEY); /* never closed\nCREATE TABLE d (id INT PRIMARY KEY);'],
    ['unterminated quoted identifier', 'CREATE TABLE "q (id INT PRIMARY KEY);\nCREATE TABLE r (id INT);'],
    ['unterminated backquote', 'CREATE TABLE `q (id INT PRIMARY KEY) ENGINE=InnoDB;'],
    ['unterminated dollar quote', 'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\nCREATE TABLE x (id INT PRIMARY KEY);'],
    ['statement cut mid-way', 'CREATE TABLE half (id INT PRIMARY KEY, name'],
  ];
  for (const [name, text] of cases) {
    const { diags } = await survive(name, text, 10_000);
    if (name !== 'statement cut mid-way') assert.ok(diags.some((d) => /never closed|could not read/.test(d.message)), `${name}: no message about the unterminated text`);
  }
});
