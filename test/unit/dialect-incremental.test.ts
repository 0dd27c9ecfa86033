// Dialect detection after an edit (core/reader/dialect.ts, told where the text changed) keeps the chunks before
// the edit and the moved chunks after it without cutting the text again. Random edits — that add or remove
// `;` line ends, `--` and block comments, dialect signals — are applied one after another, and after each the
// cached chunks and the answer must be those of a detection from scratch on the new text: a kept chunk that is no
// longer a chunk, or a stale signal mask, fails here. One text is longer than the scan limit (its sample is cut).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../helpers/cases.ts';
import { DETECT_SCAN_LIMIT, detectDialect, newDetectCache } from '../../server/src/core/reader/dialect.ts';
import { diffRegion } from '../../server/src/core/incremental/diff.ts';

/** A small deterministic generator (the same edits on every run). */
function random(seed: number) {
  return () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
}

const SNIPPETS = [';\n', ';', '\n', '-- ', '/*', '*/', '/*!40101 ', ' ENGINE=InnoDB', ' AUTOINCREMENT', ' SERIAL', '`x`', 'PRAGMA x;\n', ' x int,\n', ';\n-- c\n', '  '];

function check(name: string, text0: string, edits: number, seed: number): void {
  const rnd = random(seed);
  const cache = newDetectCache();
  let text = text0;
  detectDialect(text, 'auto', cache);
  for (let n = 0; n < edits; n++) {
    // a third of the edits right around a chunk's end, where a kept or moved chunk would go wrong first
    const near = cache.ends[Math.floor(rnd() * cache.ends.length)] ?? 0;
    const at = rnd() < 0.35 ? Math.max(0, Math.min(text.length, near + Math.floor(rnd() * 7) - 3)) : Math.floor(rnd() * text.length);
    const del = rnd() < 0.4 ? Math.floor(rnd() * (rnd() < 0.2 ? 5000 : 40)) : 0;
    const ins = rnd() < 0.8 ? SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] : '';
    const next = text.slice(0, at) + ins + text.slice(at + del);
    const region = diffRegion(text, next);
    const got = detectDialect(next, 'auto', cache, region);
    const fresh = newDetectCache();
    const want = detectDialect(next, 'auto', fresh);
    assert.deepEqual(got, want, `${name} edit ${n}: answer`);
    assert.deepEqual(cache.ends, fresh.ends, `${name} edit ${n} (at ${at}, -${del} +${JSON.stringify(ins)}): chunk ends`);
    assert.deepEqual(cache.masks, fresh.masks, `${name} edit ${n}: signal masks`);
    text = next;
  }
}

test('chunks and signals after random edits equal a detection from scratch (PostgreSQL, MySQL, SQLite texts)', () => {
  for (const [i, f] of ['postgresql/pagila.sql', 'mysql/sakila.sql', 'sqlite/chinook.sql', 'mysql/cacti.sql'].entries()) {
    check(f, readFileSync(join(corpusDir, f), 'utf8'), 150, 17 + i);
  }
});

test('a text longer than the scan limit: edits inside and past the sample', () => {
  const base = readFileSync(join(corpusDir, 'postgresql/pagila.sql'), 'utf8');
  let big = base;
  while (big.length < DETECT_SCAN_LIMIT + 50_000) big += '\n' + base;
  check('pagila repeated', big, 60, 5);
});

test('edits at the very start and end, and a text that becomes empty', () => {
  const cache = newDetectCache();
  let text = 'CREATE TABLE a (id serial);\n'.repeat(200);
  detectDialect(text, 'auto', cache);
  for (const next of [text + 'CREATE TABLE b (id int) ENGINE=InnoDB;\n', '`q` ' + text, '', 'PRAGMA foreign_keys=on;\n']) {
    const got = detectDialect(next, 'auto', cache, diffRegion(text, next));
    const fresh = newDetectCache();
    assert.deepEqual(got, detectDialect(next, 'auto', fresh));
    assert.deepEqual([cache.ends, cache.masks], [fresh.ends, fresh.masks]);
    text = next;
  }
});
