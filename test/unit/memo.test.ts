// core/memo.ts: the bounded memo every rule-side cache uses. It must stay bounded, keep what is in use,
// remember undefined results, and never answer a key with another key's value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedMemo, memoByString } from '../../server/src/core/memo.ts';

test('a value is computed once per key while it is in use', () => {
  const memo = new BoundedMemo<number>(4);
  let calls = 0;
  const get = (k: string) => memo.get(k, () => { calls++; return k.length; });
  assert.equal(get('abc'), 3);
  assert.equal(get('abc'), 3);
  assert.equal(calls, 1);
  // 'abc' stays while other keys come and go, as long as it is asked for within every max new keys
  for (let i = 0; i < 40; i++) { assert.equal(get(`k${i}`), `k${i}`.length); if (i % 3 === 0) assert.equal(get('abc'), 3); }
  assert.equal(calls, 41);
});

test('the memo holds at most twice its bound, and a dropped key is computed again (same value)', () => {
  const memo = new BoundedMemo<string>(10);
  let calls = 0;
  for (let i = 0; i < 1000; i++) memo.get(`k${i}`, () => { calls++; return `v${i}`; });
  assert.ok(memo.size <= 20, `size ${memo.size}`);
  assert.equal(calls, 1000);
  assert.equal(memo.get('k0', () => { calls++; return 'v0'; }), 'v0');
  assert.equal(calls, 1001);
  // every key answers its own value, whichever generation holds it
  for (let i = 990; i < 1000; i++) assert.equal(memo.get(`k${i}`, () => `v${i}`), `v${i}`);
});

test('undefined is remembered like any other value', () => {
  const memo = new BoundedMemo<number | undefined>(3);
  let calls = 0;
  assert.equal(memo.get('x', () => { calls++; return undefined; }), undefined);
  assert.equal(memo.get('x', () => { calls++; return 1; }), undefined);
  assert.equal(calls, 1);
});

test('memoByString calls the function once per string in use', () => {
  let calls = 0;
  const upper = memoByString((s: string) => { calls++; return s.toUpperCase(); }, 2);
  assert.equal(upper('a'), 'A');
  assert.equal(upper('a'), 'A');
  assert.equal(upper('b'), 'B');
  assert.equal(upper('c'), 'C');
  assert.equal(upper('a'), 'A');
  assert.equal(calls, 3);
  assert.throws(() => new BoundedMemo(0), RangeError);
});
