// lsp/json-decoder.ts decodes the client's messages with long strings a slice at a time: the value must be what
// JSON.parse gives for the whole message, whatever the slice boundaries cut (escapes, surrogate pairs, UTF-8
// sequences), and a long message must really be decoded in several steps (each a turn of the server loop).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJson, slicedJsonDecoder, type SliceOptions } from '../../server/src/lsp/json-decoder.ts';

const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** Deterministic pseudo-random numbers (the cases are the same on every run). */
function rng(seed: number) { return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32); }

const PIECES = ['a', 'Z', ' ', '\n', '\r\n', '\t', '"', '\\', '\\\\', '/', '\b', '\f', '\u0001', '\u001f', 'é', 'ß', '€', '中文', '😀', '\ud83d\ude00x', '\u2028', '\u00ff', "'", '"text":"', '\\u', '{}', '[1,2]'];

function randomString(next: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

/** JSON text of a message; some strings escaped with \uXXXX throughout (as other clients write them). */
function encode(value: unknown, next: () => number): string {
  const json = JSON.stringify(value);
  if (next() < 0.5) return json;
  // re-escape every non-ASCII character as \uXXXX (valid JSON, the same value)
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

test('every slicing of long strings gives the value JSON.parse gives', async () => {
  const next = rng(7);
  for (let round = 0; round < 400; round++) {
    const text = randomString(next, 1 + Math.floor(next() * 60));
    const message = {
      jsonrpc: '2.0', method: 'textDocument/didOpen',
      params: { textDocument: { uri: 'file:///x.sql', version: round, text }, other: [randomString(next, 5), { [randomString(next, 12)]: randomString(next, 20) }] },
    };
    const json = encode(message, next);
    let pauses = 0;
    const opts: SliceOptions = { bigMessage: 0, longString: 1 + Math.floor(next() * 8), slice: 1 + Math.floor(next() * 9), pause: async () => { pauses++; }, parsedWhole: (why) => assert.fail(`round ${round} parsed whole: ${why}`) };
    const got = await decodeJson(bytesOf(json), 'utf-8', opts);
    assert.deepEqual(got, JSON.parse(json), `round ${round}: ${json}`);
    if (json.length > 40 && opts.slice < 4) assert.ok(pauses > 0, `round ${round}: no pause`);
  }
});

test('a long string used as a key, strings next to backslash runs, nested long strings', async () => {
  const cases = [
    { ['k'.repeat(50)]: 'v'.repeat(50), list: ['\\'.repeat(31), '\\"'.repeat(20), `${'x'.repeat(40)}\\`] },
    ['"'.repeat(40), { a: { b: '\u0000'.repeat(30) } }, 'end'],
    'only a long string at the top level, with an escaped pair 😀 and é',
  ];
  for (const c of cases) {
    const json = JSON.stringify(c);
    for (const slice of [1, 2, 3, 5, 6, 7, 13]) {
      assert.deepEqual(await decodeJson(bytesOf(json), 'utf-8', { bigMessage: 0, longString: 8, slice, pause: async () => {}, parsedWhole: (why) => assert.fail(`${json} / ${slice} parsed whole: ${why}`) }), c, `${json} / ${slice}`);
    }
  }
});

test('a message that is not JSON fails as JSON.parse fails', async () => {
  for (const bad of ['{"a": "' + 'x'.repeat(100) + '"', '{"a": "x\u0001' + 'y'.repeat(100) + '"}', '{"a": "' + 'x'.repeat(100) + '" ', '[' + '"z",'.repeat(40) + ']']) {
    await assert.rejects(decodeJson(bytesOf(bad), 'utf-8', { bigMessage: 0, longString: 8, slice: 3, pause: async () => {} }), SyntaxError, bad);
  }
});

test('the decoder the server uses decodes a 3 MB didOpen in several loop turns, to the same value', async () => {
  const text = Array.from({ length: 40_000 }, (_, i) => `CREATE TABLE t${i} (id int PRIMARY KEY, "név" text); -- ☃ "q" \\ ${i}\n`).join('');
  const json = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///big.sql', languageId: 'sql', version: 1, text } } });
  assert.ok(json.length > 3e6);
  let turns = 0;
  const counter = setInterval(() => { turns++; }, 0);
  const got = await slicedJsonDecoder.decode(bytesOf(json), { charset: 'utf-8' });
  clearInterval(counter);
  assert.equal(got.params.textDocument.text, text);
  assert.deepEqual(got, JSON.parse(json));
  assert.ok(turns >= 2, `the loop had ${turns} turns while decoding`);
  // small messages and other charsets: one JSON.parse, same value
  assert.deepEqual(await slicedJsonDecoder.decode(bytesOf('{"id":1,"result":"é"}'), { charset: 'utf-8' }), { id: 1, result: 'é' });
});
