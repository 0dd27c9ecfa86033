// Functional-dependency theory: attribute closure, minimal cover, candidate keys, superkeys.
// Attributes are plain strings compared exactly (callers normalize case first). Internally sets of
// attributes are bitsets over an index of the attributes involved, so closure is a few word operations
// per FD even for wide tables; the candidate-key search is output-polynomial (Lucchesi–Osborn) and
// capped by `limit`, so a 200-column table cannot blow up.

export type FD = { lhs: string[]; rhs: string[] };

/** Bitset over attribute indexes (32 per word). */
type Bits = Uint32Array;

class Universe {
  readonly names: string[] = [];
  readonly index = new Map<string, number>();
  words = 1;
  add(a: string): number {
    let i = this.index.get(a);
    if (i === undefined) { i = this.names.length; this.names.push(a); this.index.set(a, i); }
    return i;
  }
  seal(): void { this.words = Math.max(1, Math.ceil(this.names.length / 32)); }
  bits(attrs: Iterable<string>): Bits {
    const b = new Uint32Array(this.words);
    for (const a of attrs) { const i = this.index.get(a); if (i !== undefined) b[i >>> 5] |= 1 << (i & 31); }
    return b;
  }
  attrs(b: Bits): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.names.length; i++) if (b[i >>> 5] & (1 << (i & 31))) out.push(this.names[i]);
    return out;
  }
}

const has = (b: Bits, i: number) => (b[i >>> 5] & (1 << (i & 31))) !== 0;
const set = (b: Bits, i: number) => { b[i >>> 5] |= 1 << (i & 31); };
const clear = (b: Bits, i: number) => { b[i >>> 5] &= ~(1 << (i & 31)); };
function subset(a: Bits, b: Bits): boolean { for (let w = 0; w < a.length; w++) if ((a[w] & ~b[w]) !== 0) return false; return true; }
function orInto(a: Bits, b: Bits): boolean {
  let changed = false;
  for (let w = 0; w < a.length; w++) { const n = a[w] | b[w]; if (n !== a[w]) { a[w] = n; changed = true; } }
  return changed;
}
function equal(a: Bits, b: Bits): boolean { for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return false; return true; }
function count(b: Bits): number { let n = 0; for (let w = 0; w < b.length; w++) { let x = b[w]; while (x) { x &= x - 1; n++; } } return n; }

/** FDs compiled to bitsets over one attribute universe. */
class Compiled {
  readonly u = new Universe();
  lhs: Bits[] = [];
  rhs: Bits[] = [];
  /** FDs switched off (redundant ones while computing a cover). */
  off: Uint8Array;
  constructor(fds: FD[], extra: Iterable<string> = []) {
    for (const a of extra) this.u.add(a);
    for (const fd of fds) { fd.lhs.forEach((a) => this.u.add(a)); fd.rhs.forEach((a) => this.u.add(a)); }
    this.u.seal();
    this.lhs = fds.map((fd) => this.u.bits(fd.lhs));
    this.rhs = fds.map((fd) => this.u.bits(fd.rhs));
    this.off = new Uint8Array(fds.length);
  }
  /** Closure of `start` (a new bitset), optionally ignoring FD number `skip`. */
  closure(start: Bits, skip = -1): Bits {
    const c = start.slice();
    const used = new Uint8Array(this.lhs.length);
    let changed = true;
    while (changed) {
      changed = false;
      for (let f = 0; f < this.lhs.length; f++) {
        if (used[f] || this.off[f] || f === skip || !subset(this.lhs[f], c)) continue;
        used[f] = 1;
        if (orInto(c, this.rhs[f])) changed = true;
      }
    }
    return c;
  }
}

/** The attribute closure X⁺ of `attrs` under `fds`. */
export function closure(attrs: Iterable<string>, fds: FD[]): Set<string> {
  const list = [...attrs];
  const c = new Compiled(fds, list);
  return new Set(c.u.attrs(c.closure(c.u.bits(list))));
}

/** True when `attrs` determines every attribute of `allAttrs`. */
export function isSuperkey(attrs: Iterable<string>, allAttrs: string[], fds: FD[]): boolean {
  const cl = closure(attrs, fds);
  return allAttrs.every((a) => cl.has(a));
}

/**
 * A minimal cover: single-attribute right-hand sides, no extraneous left-hand attribute, no redundant FD.
 * Deterministic (input order is kept). Trivial FDs (A → A) are dropped. Use `groupByLhs` to merge
 * right-hand sides of equal left-hand sides (the canonical cover used by 3NF synthesis).
 */
export function minimalCover(fds: FD[]): FD[] {
  // 1. split right-hand sides, dropping trivial parts and duplicates
  const seen = new Set<string>();
  let split: FD[] = [];
  for (const fd of fds) {
    const lhs = [...new Set(fd.lhs)];
    for (const r of new Set(fd.rhs)) {
      if (lhs.includes(r)) continue;
      const k = JSON.stringify([[...lhs].sort(), r]);
      if (seen.has(k)) continue;
      seen.add(k);
      split.push({ lhs, rhs: [r] });
    }
  }
  if (split.length === 0) return [];
  const c = new Compiled(split);
  const lhs = c.lhs.map((b) => b.slice());
  const rhsIdx = split.map((fd) => c.u.index.get(fd.rhs[0])!);
  // 2. remove extraneous left-hand attributes: B is extraneous in X → A when A ∈ (X − B)⁺ under all FDs
  for (let f = 0; f < split.length; f++) {
    for (const a of c.u.attrs(lhs[f])) {
      if (count(lhs[f]) <= 1) break;
      const trial = lhs[f].slice();
      clear(trial, c.u.index.get(a)!);
      if (has(c.closure(trial), rhsIdx[f])) { lhs[f] = trial; c.lhs[f] = trial; }
    }
  }
  // 3. remove redundant FDs (implied by the others); re-deduplicate after LHS reduction first
  const keep: boolean[] = split.map(() => true);
  const keys = new Set<string>();
  for (let f = 0; f < split.length; f++) {
    const k = Array.from(lhs[f]).join(',') + '>' + rhsIdx[f];
    if (keys.has(k)) { keep[f] = false; c.off[f] = 1; } else keys.add(k);
  }
  for (let f = 0; f < split.length; f++) {
    if (!keep[f]) continue;
    if (has(c.closure(lhs[f], f), rhsIdx[f])) { keep[f] = false; c.off[f] = 1; }
  }
  split = [];
  for (let f = 0; f < keep.length; f++) if (keep[f]) split.push({ lhs: c.u.attrs(lhs[f]), rhs: [c.u.names[rhsIdx[f]]] });
  return split;
}

/** Merges FDs with the same left-hand side (order of first appearance). */
export function groupByLhs(fds: FD[]): FD[] {
  const by = new Map<string, FD>();
  for (const fd of fds) {
    const k = JSON.stringify([...fd.lhs].sort());
    const g = by.get(k);
    if (g) { for (const r of fd.rhs) if (!g.rhs.includes(r)) g.rhs.push(r); }
    else by.set(k, { lhs: [...fd.lhs], rhs: [...fd.rhs] });
  }
  return [...by.values()];
}

/**
 * All candidate keys of a relation over `attrs` (up to `limit`, default 50), each in `attrs` order,
 * sorted by size then position. FDs mentioning attributes outside `attrs` are restricted to `attrs`
 * (left-hand sides with outside attributes are dropped). `truncated` is true when the limit cut the
 * search short (the keys found are still candidate keys, just maybe not all of them).
 */
export function candidateKeys(attrs: string[], fds: FD[], limit = 50): { keys: string[][]; truncated: boolean } {
  const all = [...new Set(attrs)];
  const inside = new Set(all);
  const local: FD[] = [];
  for (const fd of fds) {
    if (!fd.lhs.every((a) => inside.has(a))) continue;
    const rhs = fd.rhs.filter((a) => inside.has(a));
    if (rhs.length) local.push({ lhs: fd.lhs, rhs });
  }
  const c = new Compiled(local, all);
  const full = c.u.bits(all);
  const order = all.map((a) => c.u.index.get(a)!);
  // Attributes on no right-hand side are in every key; minimizing removes the others where possible.
  const minimize = (start: Bits): Bits => {
    const k = start.slice();
    // try dropping later attributes first so keys prefer earlier (usually declared-first) columns
    for (let j = order.length - 1; j >= 0; j--) {
      const i = order[j];
      if (!has(k, i)) continue;
      clear(k, i);
      if (!subset(full, c.closure(k))) set(k, i);
    }
    return k;
  };
  const keys: Bits[] = [minimize(full)];
  let truncated = false;
  // Lucchesi–Osborn: for every key K and FD X → Y, X ∪ (K − Y) is a superkey; its minimization is a
  // key; if no known key is contained in it, it is new. Terminates with all keys.
  for (let k = 0; k < keys.length && !truncated; k++) {
    for (let f = 0; f < c.lhs.length; f++) {
      const s = keys[k].slice();
      for (let w = 0; w < s.length; w++) s[w] = (s[w] & ~c.rhs[f][w]) | c.lhs[f][w];
      if (keys.some((key) => subset(key, s))) continue;
      const nk = minimize(s);
      if (keys.some((key) => equal(key, nk))) continue;
      if (keys.length >= limit) { truncated = true; break; }
      keys.push(nk);
    }
  }
  const pos = new Map(all.map((a, i) => [a, i]));
  const out = keys.map((b) => c.u.attrs(b).sort((x, y) => pos.get(x)! - pos.get(y)!));
  out.sort((x, y) => x.length - y.length || pos.get(x[0])! - pos.get(y[0])!);
  return { keys: out, truncated };
}

/** Attributes that belong to at least one of `keys`. */
export function primeAttributes(keys: string[][]): Set<string> {
  return new Set(keys.flat());
}

/**
 * The FDs that hold on a subset `attrs` of a relation (projection), as a minimal cover.
 * Exact (all subsets) up to `exactLimit` attributes; above that, an approximation that projects the
 * closure of every left-hand side and candidate determinant already present in `fds` — sound (every
 * FD returned holds) but possibly incomplete.
 */
export function projectFds(fds: FD[], attrs: string[], exactLimit = 12): FD[] {
  const inside = new Set(attrs);
  const out: FD[] = [];
  const emit = (lhs: string[]) => {
    const cl = closure(lhs, fds);
    const rhs = attrs.filter((a) => cl.has(a) && !lhs.includes(a));
    if (rhs.length) out.push({ lhs, rhs });
  };
  if (attrs.length <= exactLimit) {
    for (let m = 1; m < 1 << attrs.length; m++) emit(attrs.filter((_, i) => m & (1 << i)));
  } else {
    const seen = new Set<string>();
    for (const fd of fds) {
      if (!fd.lhs.every((a) => inside.has(a))) continue;
      const k = [...fd.lhs].sort().join('\u0000');
      if (!seen.has(k)) { seen.add(k); emit(fd.lhs); }
    }
  }
  return minimalCover(out);
}
