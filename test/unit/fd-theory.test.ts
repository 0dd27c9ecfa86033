// FD theory: closure, minimal cover, candidate keys, and the size guard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateKeys, closure, groupByLhs, isSuperkey, minimalCover, projectFds, type FD } from '../../server/src/core/fd/theory.ts';

const fd = (l: string, r: string): FD => ({ lhs: l.split(''), rhs: r.split('') });
const sorted = (s: Iterable<string>) => [...s].sort().join('');

test('closure follows chains and needs whole left-hand sides', () => {
  const fds = [fd('A', 'B'), fd('B', 'C'), fd('CD', 'E')];
  assert.equal(sorted(closure(['A'], fds)), 'ABC');
  assert.equal(sorted(closure(['A', 'D'], fds)), 'ABCDE');
  assert.equal(sorted(closure(['D'], fds)), 'D');
  assert.equal(sorted(closure(['Z'], fds)), 'Z', 'attributes outside the FDs close to themselves');
});

test('isSuperkey', () => {
  const fds = [fd('A', 'BC'), fd('C', 'D')];
  assert.ok(isSuperkey(['A'], ['A', 'B', 'C', 'D'], fds));
  assert.ok(!isSuperkey(['C'], ['A', 'B', 'C', 'D'], fds));
});

test('minimal cover removes extraneous attributes and redundant FDs', () => {
  // textbook: A→BC, B→C, A→B, AB→C  ⇒  A→B, B→C
  const cover = minimalCover([fd('A', 'BC'), fd('B', 'C'), fd('A', 'B'), fd('AB', 'C')]);
  assert.deepEqual(cover.map((f) => f.lhs.join('') + '>' + f.rhs.join('')).sort(), ['A>B', 'B>C']);
  // extraneous left attribute: AB→C with A→B reduces to A→C
  const c2 = minimalCover([fd('A', 'B'), fd('AB', 'C')]);
  assert.deepEqual(c2.map((f) => f.lhs.join('') + '>' + f.rhs.join('')).sort(), ['A>B', 'A>C']);
  // trivial FDs disappear
  assert.deepEqual(minimalCover([fd('AB', 'A')]), []);
  // grouping merges equal left-hand sides
  assert.deepEqual(groupByLhs(c2).map((f) => f.lhs.join('') + '>' + f.rhs.join('')), ['A>BC']);
});

test('minimal cover is equivalent to the input', () => {
  const input = [fd('AB', 'CD'), fd('C', 'A'), fd('D', 'B'), fd('AD', 'C'), fd('BC', 'D')];
  const cover = minimalCover(input);
  for (const x of ['A', 'B', 'C', 'D', 'AB', 'AD', 'BC', 'CD']) {
    assert.equal(sorted(closure(x.split(''), cover)), sorted(closure(x.split(''), input)), x);
  }
});

test('candidate keys: all of them, minimal, ordered', () => {
  // R(A,B,C,D): AB→CD, C→A, D→B  ⇒  keys AB, AD, BC, CD
  const { keys, truncated } = candidateKeys(['A', 'B', 'C', 'D'], [fd('AB', 'CD'), fd('C', 'A'), fd('D', 'B')]);
  assert.equal(truncated, false);
  assert.deepEqual(keys.map((k) => k.join('')).sort(), ['AB', 'AD', 'BC', 'CD']);
  // no FDs: the whole relation is the key
  assert.deepEqual(candidateKeys(['A', 'B'], []).keys, [['A', 'B']]);
  // BCNF textbook: (student, course) key, instructor → course  ⇒  keys {student,course}, {student,instructor}
  const k2 = candidateKeys(['student', 'course', 'instructor'], [
    { lhs: ['student', 'course'], rhs: ['instructor'] }, { lhs: ['instructor'], rhs: ['course'] },
  ]);
  assert.deepEqual(k2.keys, [['student', 'course'], ['student', 'instructor']]);
  // FDs over attributes outside the relation are ignored rather than crashing
  assert.deepEqual(candidateKeys(['A', 'B'], [fd('A', 'B'), fd('Z', 'A')]).keys, [['A']]);
});

test('candidate-key search is capped', () => {
  // n independent pairs Ai ↔ Bi: 2^n keys
  const attrs: string[] = [];
  const fds: FD[] = [];
  for (let i = 0; i < 12; i++) {
    attrs.push(`a${i}`, `b${i}`);
    fds.push({ lhs: [`a${i}`], rhs: [`b${i}`] }, { lhs: [`b${i}`], rhs: [`a${i}`] });
  }
  const r = candidateKeys(attrs, fds, 20);
  assert.equal(r.truncated, true);
  assert.equal(r.keys.length, 20);
  for (const k of r.keys) assert.ok(isSuperkey(k, attrs, fds));
});

// Its time is printed by `npm run bench` (test/bench/analysis.mjs); here only the answers are checked.
test('a 200-column table with many FDs: candidate keys and a minimal cover', () => {
  const attrs = Array.from({ length: 200 }, (_, i) => `c${i}`);
  const fds: FD[] = [{ lhs: ['c0'], rhs: attrs.slice(1, 100) }];
  // many alternative keys and chains: c(100+i) ↔ c(100+i+1) pairs, plus naming-like FDs
  for (let i = 100; i < 198; i += 2) fds.push({ lhs: [attrs[i]], rhs: [attrs[i + 1]] }, { lhs: [attrs[i + 1]], rhs: [attrs[i]] });
  for (let i = 1; i < 99; i++) fds.push({ lhs: [attrs[i]], rhs: [attrs[i + 1]] });
  fds.push({ lhs: ['c5', 'c150'], rhs: ['c0'] });
  const r = candidateKeys(attrs, fds);
  const cover = minimalCover(fds);
  assert.ok(r.keys.length >= 1);
  for (const k of r.keys) assert.ok(isSuperkey(k, attrs, fds), `${k.join(',')} is not a superkey`);
  assert.ok(cover.length > 0);
});

test('projection of FDs onto a subset', () => {
  // A→B, B→C projected onto {A, C} gives A→C
  const p = projectFds([fd('A', 'B'), fd('B', 'C')], ['A', 'C']);
  assert.deepEqual(p.map((f) => f.lhs.join('') + '>' + f.rhs.join('')), ['A>C']);
});

test('random FD sets: cover is equivalent and minimal, keys match brute force', () => {
  let seed = 12345;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const U = ['A', 'B', 'C', 'D', 'E', 'F'];
  const subsets = (xs: string[]) => Array.from({ length: 1 << xs.length }, (_, m) => xs.filter((_, i) => m & (1 << i)));
  for (let trial = 0; trial < 200; trial++) {
    const fds: FD[] = Array.from({ length: 1 + rnd(6) }, () => ({
      lhs: U.filter(() => rnd(3) === 0).slice(0, 3).concat(U[rnd(6)]),
      rhs: U.filter(() => rnd(3) === 0).concat(U[rnd(6)]),
    }));
    const cover = minimalCover(fds);
    for (const x of subsets(U)) assert.equal(sorted(closure(x, cover)), sorted(closure(x, fds)), `trial ${trial} ${x}`);
    for (let i = 0; i < cover.length; i++) {
      const others = cover.filter((_, j) => j !== i);
      assert.ok(!closure(cover[i].lhs, others).has(cover[i].rhs[0]), `redundant FD in cover, trial ${trial}`);
      for (const a of cover[i].lhs) {
        if (cover[i].lhs.length === 1) break;
        assert.ok(!closure(cover[i].lhs.filter((b) => b !== a), fds).has(cover[i].rhs[0]), `extraneous ${a}, trial ${trial}`);
      }
    }
    const brute = subsets(U).filter((k) => isSuperkey(k, U, fds))
      .filter((k, _, all) => !all.some((o) => o.length < k.length && o.every((a) => k.includes(a))))
      .map((k) => k.join('')).sort();
    assert.deepEqual(candidateKeys(U, fds).keys.map((k) => k.join('')).sort(), brute, `keys, trial ${trial}`);
  }
});
