// The one bounded memo of the core, for pure functions the rules call over and over: name splitting and
// inflection (memoByString), and what is derived from INSERT rows by their identity key (rows-memo.ts).
//
// Two generations of entries: lookups hit the young map, then the old one (a hit there moves the entry back
// into the young map). When the young map holds `max` entries it becomes the old one and the previous old
// one is dropped. So at most 2 × max entries live, a value in use is never dropped all at once with the rest
// (as a memo that clears when full does: every name of a 17 MB file split again after that), and a hit costs
// one Map lookup (an exact LRU moves the entry on every hit: a delete and a set).
export class BoundedMemo<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  constructor(private readonly max: number) {
    if (!(max >= 1)) throw new RangeError(`BoundedMemo needs max >= 1, got ${max}`);
  }

  /** The value for `key`, computed by `compute` when absent (undefined is a value like any other). */
  get(key: string, compute: () => V): V {
    const y = this.young.get(key);
    if (y !== undefined || this.young.has(key)) return y as V;
    let v: V;
    if (this.old.has(key)) { v = this.old.get(key) as V; this.old.delete(key); } else v = compute();
    if (this.young.size >= this.max) { this.old = this.young; this.young = new Map(); }
    this.young.set(key, v);
    return v;
  }

  /** Entries held (at most 2 × max). */
  get size(): number { return this.young.size + this.old.size; }
}

/** A pure string → value function, remembered per argument in a BoundedMemo. */
export function memoByString<T>(fn: (s: string) => T, max = 25_000): (s: string) => T {
  const memo = new BoundedMemo<T>(max);
  return (s) => memo.get(s, () => fn(s));
}
