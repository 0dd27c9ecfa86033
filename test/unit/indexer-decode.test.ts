// Workspace files are decoded from disk in steps of 1 MB with a turn of the server loop between them
// (lsp/indexer.ts readSqlFile): the text must be what one decode of the whole file gives — with multi-byte
// characters cut between steps, a BOM, and invalid bytes (replaced and reported).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSqlFile } from '../../server/src/lsp/indexer.ts';

const dir = mkdtempSync(join(tmpdir(), 'normlint-decode-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Counts the turns the event loop takes until `work` settles. */
async function turnsDuring<T>(work: Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0, done = false;
  const spin = () => { if (done) return; turns++; setImmediate(spin); };
  setImmediate(spin);
  const value = await work;
  done = true;
  return { value, turns };
}

const line = "INSERT INTO t VALUES ('é€😀 naïve', 'ß');\n"; // 1-, 2-, 3- and 4-byte sequences
const big = line.repeat(Math.ceil(3.2e6 / Buffer.byteLength(line))); // 3 MB: steps end inside sequences

test('a 3 MB file in steps: the text of one decode, multi-byte characters cut between steps included', async () => {
  const path = join(dir, 'big.sql');
  writeFileSync(path, big);
  const { value, turns } = await turnsDuring(readSqlFile(path));
  assert.equal(value.problem, undefined);
  assert.ok(value.text === big, 'same text');
  assert.ok(turns >= 2, `the loop turned ${turns} times`);
});

test('a BOM is dropped as by one decode, and only at the start', async () => {
  const path = join(dir, 'bom.sql');
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(big), Buffer.from('\ufeff-- end\n')]);
  writeFileSync(path, bytes);
  const r = await readSqlFile(path);
  assert.equal(r.problem, undefined);
  assert.ok(r.text === new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'same text');
  assert.ok(r.text.startsWith('INSERT') && r.text.endsWith('\ufeff-- end\n'));
});

test('invalid UTF-8 (also cut at a step and at the end) is replaced with U+FFFD and reported', async () => {
  const path = join(dir, 'bad.sql');
  const cut = Buffer.from('€'); // 3 bytes: the first two end the file, a stray continuation byte mid-way
  const bytes = Buffer.concat([Buffer.from(big.slice(0, 600_000)), Buffer.from([0x80]), Buffer.from(big.slice(600_000)), cut.subarray(0, 2)]);
  writeFileSync(path, bytes);
  const r = await readSqlFile(path);
  assert.match(r.problem ?? '', /not valid UTF-8/);
  assert.ok(r.text === new TextDecoder('utf-8').decode(bytes), 'same text as one lossy decode');
  assert.ok(r.text.endsWith('\ufffd'));
});
