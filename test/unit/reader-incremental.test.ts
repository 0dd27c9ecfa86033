// The reader reads a file in pieces cut by the core splitter (core/incremental/reader.ts) and, in the language
// server, re-reads only the pieces an edit changed. Both must give exactly the model of reading the text in one
// piece (readWhole): for every case, corpus and migration file read once, and after seeded random edits (quotes,
// comments, `;`, new lines and statements typed anywhere, text deleted) read incrementally by one reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { rng } from '../robustness/edits.ts';
import { join, relative } from 'node:path';
import { casesDir, corpusDir } from '../helpers/cases.ts';
import { readFile, readWhole } from '../../server/src/core/reader/index.ts';
import { IncrementalReader } from '../../server/src/core/incremental/reader.ts';
import type { FileModel } from '../../server/src/core/model.ts';

function sqlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sqlFiles(p));
    else if (name.endsWith('.sql')) out.push(p);
  }
  return out;
}

/** Key by key and item by item, as JSON (key order included: the CLI prints what the reader built). */
function assertSameModel(actual: FileModel, expected: FileModel, what: string): void {
  const a = actual as unknown as Record<string, unknown>, e = expected as unknown as Record<string, unknown>;
  assert.deepEqual(Object.keys(a), Object.keys(e), `${what}: model keys`);
  for (const k of Object.keys(e)) {
    const x = a[k], y = e[k];
    if (Array.isArray(x) && Array.isArray(y)) {
      assert.equal(x.length, y.length, `${what}: ${k}.length`);
      for (let i = 0; i < y.length; i++) assert.equal(JSON.stringify(x[i]), JSON.stringify(y[i]), `${what}: ${k}[${i}]`);
    } else assert.equal(JSON.stringify(x), JSON.stringify(y), `${what}: ${k}`);
  }
}

const shared = join(corpusDir, '..');
const files = [...sqlFiles(casesDir), ...sqlFiles(corpusDir), ...sqlFiles(join(shared, 'migrations'))];

test('reading in pieces equals reading in one piece: every case, corpus and migration file', () => {
  assert.ok(files.length > 100, `found ${files.length} files`);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    assertSameModel(readFile(text, f), readWhole(text, f), relative(shared, f));
  }
});

test('a first read in steps equals one-piece reads, and the reader then reads edits incrementally: every case, corpus and migration file', () => {
  const reader = new IncrementalReader();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const what = relative(shared, f);
    const steps = reader.readInSteps(text, f, 'auto');
    let r = steps.next(), last = 0, pieces = 0;
    for (; !r.done; r = steps.next()) {
      // detection and line starts yield 0, each piece the offset it ends at, the merge the text's end
      assert.ok(r.value >= last && r.value <= text.length, `${what}: step ends at ${r.value}`);
      if (r.value > last) pieces++;
      last = r.value;
    }
    assert.ok(text.length === 0 || pieces >= 1, `${what}: the pieces are steps`);
    assert.equal(r.value.change, null, `${what}: a first read reports no change`);
    assertSameModel(r.value.model, readWhole(text, f), what);
    // what it kept serves the next read: an append re-reads only the last piece and equals a whole read
    const edited = text + '\nCREATE TABLE t_after_steps (id int PRIMARY KEY);\n';
    const next = reader.read(edited, f, 'auto');
    assert.notEqual(next.change, null, `${what}: the edit after a stepped read is incremental`);
    assertSameModel(next.model, readWhole(edited, f), `${what} after an append`);
  }
});

// What is typed: characters that open or close quotes, comments and statements, and whole lines.
const SNIPPETS = ["'", '"', '`', ';', '\n', '-- ', '/*', '*/', '$$', '(', ')', ',', ' ', 'x', ';\n', '\n);\n',
  'CREATE TABLE t_new (id int PRIMARY KEY, a text);\n', 'ALTER TABLE t_new ADD COLUMN b int;\n', '-- @fd a -> b\n',
  "INSERT INTO t_new VALUES (1, 'a;b');\n", '-- normlint-disable-next-line\n', 'DELIMITER //\n', '# note\n', '\r\n', '\r', ';\r\n'];

for (const f of files.filter((_, i) => i % 3 === 0 || statSync(files[i]).size > 20_000)) {
  const name = relative(shared, f);
  test(`incremental reads after random edits equal one-piece reads: ${name}`, () => {
    const random = rng(20261202 + name.length);
    let text = readFileSync(f, 'utf8');
    const reader = new IncrementalReader();
    reader.read(text, f, 'auto');
    const edits = text.length > 200_000 ? 8 : 25;
    for (let n = 0; n < edits; n++) {
      const at = Math.floor(random() * (text.length + 1));
      const del = random() < 0.4 ? Math.floor(random() * (random() < 0.2 ? 400 : 6)) : 0;
      const ins = random() < 0.8 ? SNIPPETS[Math.floor(random() * SNIPPETS.length)] : '';
      const before = text;
      text = text.slice(0, at) + ins + text.slice(Math.min(text.length, at + del));
      if (text === before) continue;
      const model = reader.read(text, f, 'auto').model;
      assertSameModel(model, readWhole(text, f), `${name} after edit ${n} (at ${at}, -${del}, +${JSON.stringify(ins)})`);
    }
  });
}

test('a text holding copies of itself (dumps concatenated): copied pieces equal a one-piece read, and edits after it too', () => {
  let copied = 0;
  // with suppressions (lines) and annotations (spans) in every piece; a statement longer than a piece first, so
  // that the copies' pieces start at the same places in each copy (a piece ends at the first cut past its minimum)
  const long = `INSERT INTO t0 VALUES ${Array.from({ length: 200 }, (_, i) => `(${i}, 'x', 'y', 'a,b')`).join(', ')};\n`;
  const tables = long + Array.from({ length: 60 }, (_, i) => `-- @fd a${i} -> b${i}\n-- normlint-disable-next-line list-column\nCREATE TABLE t${i} (id int PRIMARY KEY, a${i} text, b${i} text, tags${i} text); -- normlint-disable-line\nINSERT INTO t${i} VALUES (1, 'x', 'y', 'a,b');\n`).join('');
  for (const f of [...files.filter((x) => statSync(x).size > 8_000), '/suppressions.sql']) {
    const one = f === '/suppressions.sql' ? tables : readFileSync(f, 'utf8');
    const text = `${one}\n${one}\n-- between\n${one}`;
    const what = `${relative(shared, f)} ×3`;
    const reader = new IncrementalReader();
    assertSameModel(reader.read(text, f, 'auto').model, readWhole(text, f), what);
    copied += reader.stats.piecesCopied;
    if (f === '/suppressions.sql') assert.ok(reader.stats.piecesCopied >= 8, `precondition: pieces copied (${reader.stats.piecesCopied})`);
    // the copies' spans move with edits before them like read pieces
    const edited = `-- typed\n${text.slice(0, 40)}x${text.slice(40)}`;
    assertSameModel(reader.read(edited, f, 'auto').model, readWhole(edited, f), `${what} after an edit`);
  }
  assert.ok(copied > 100, `pieces copied: ${copied}`);
});
