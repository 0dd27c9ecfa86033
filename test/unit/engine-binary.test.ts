// The engine tests a file for binary content (looksBinary: NUL bytes, a high share of control characters in its
// first 64 KB) on every read; after an edit of a clean text it tests only what the edit brought into that sample
// (cleanAfterEdit). Random edits — control characters typed, text deleted before the sample's end so that later
// characters move into it — must give what a test of the whole sample gives; and through the engine, a file
// that becomes binary by an edit says so, and says nothing once the edit is undone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanAfterEdit, Engine, looksBinary } from '../../server/src/core/incremental/engine.ts';
import { diffRegion } from '../../server/src/core/incremental/diff.ts';
import { defaultOptions } from '../../server/src/core/options.ts';

const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\ufffd]/;
const sampleClean = (t: string) => !CONTROL.test(t.slice(0, 65536));

function random(seed: number) {
  return () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
}

test('cleanAfterEdit equals a test of the whole sample after random edits around its end', () => {
  const rnd = random(3);
  const line = 'CREATE TABLE t (id int PRIMARY KEY, name text);\n';
  let text = line.repeat(Math.ceil(70000 / line.length));
  // a control character past the sample: deleting text before the sample's end moves it in
  text = text.slice(0, 66000) + '\u0001' + text.slice(66000);
  let checked = 0, dirty = 0;
  for (let n = 0; n < 3000; n++) {
    const at = rnd() < 0.5 ? 65536 - Math.floor(rnd() * 3000) : Math.floor(rnd() * text.length);
    const del = Math.floor(rnd() * (rnd() < 0.3 ? 2000 : 4));
    const ins = rnd() < 0.05 ? '\u0002' : rnd() < 0.5 ? 'x' : '';
    const next = text.slice(0, at) + ins + text.slice(at + del);
    const r = diffRegion(text, next);
    if (r && sampleClean(text)) {
      checked++;
      const want = sampleClean(next);
      if (!want) dirty++;
      assert.equal(cleanAfterEdit(next, r), want, `edit ${n} at ${at}: -${del} +${JSON.stringify(ins)}`);
    }
    // keep the text clean most of the time, so that most edits start from a clean sample
    text = sampleClean(next) || rnd() < 0.2 ? next : text;
  }
  assert.ok(checked > 400 && dirty > 10, `edits from a clean sample: ${checked}, of which made it unclean: ${dirty}`);
});

test('an edit that makes the file binary is reported, and its undo clears it', async () => {
  const e = new Engine({ ...defaultOptions, dialect: 'postgresql' });
  const file = '/b.sql';
  const clean = 'CREATE TABLE a (id int PRIMARY KEY, name text);\n'.repeat(50);
  e.setFile(file, 'file://' + file, clean, 1);
  await e.update();
  assert.equal(e.files.get(file)!.problem, undefined);
  const binary = clean.slice(0, 100) + '\u0000' + clean.slice(100);
  assert.ok(looksBinary(binary), 'precondition: the edited text looks binary');
  e.setFile(file, 'file://' + file, binary, 2, { head: 100, tail: clean.length - 100 });
  await e.update();
  assert.match(e.files.get(file)!.problem ?? '', /NUL bytes/);
  e.setFile(file, 'file://' + file, clean, 3, { head: 100, tail: clean.length - 100 });
  await e.update();
  assert.equal(e.files.get(file)!.problem, undefined, 'the undo reads as SQL again');
});
