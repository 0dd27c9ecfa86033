// Where two versions of a text differ: the common prefix and suffix. An editor says where it changed the text
// (`known`: lengths of a prefix and a suffix the edit left alone), so a keystroke in a large file compares a few
// characters around the edit; without it the texts are compared in chunks (a few memcmp-speed comparisons per
// KB, not a loop per character).
export interface EditRegion {
  /** First differing offset (same in both texts). */
  start: number;
  /** End of the replaced region in the old text. */
  oldEnd: number;
  /** End of the replacement in the new text. */
  newEnd: number;
}

/** Lengths of a prefix and a suffix two texts are known to share (lower bounds; 0 when unknown). */
export interface Unchanged { head: number; tail: number }

const CHUNK = 1024;

/** Common prefix length of a and b from `from`, not past `max`. */
function prefix(a: string, b: string, from: number, max: number): number {
  let p = from;
  while (p + CHUNK <= max && a.startsWith(b.slice(p, p + CHUNK), p)) p += CHUNK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** Common suffix length of a and b from `from`, not past `max`. */
function suffix(a: string, b: string, from: number, max: number): number {
  let s = from;
  while (s + CHUNK <= max && a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)) s += CHUNK;
  while (s < max && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}

/** A usable hint: within both texts. */
const fits = (a: string, b: string, k?: Unchanged): k is Unchanged => !!k && k.head >= 0 && k.tail >= 0 && k.head + k.tail <= Math.min(a.length, b.length);

/** The smallest region where the texts differ, the common prefix taken first; null when they are equal. */
export function diffRegion(a: string, b: string, known?: Unchanged): EditRegion | null {
  if (a === b) return null;
  const min = Math.min(a.length, b.length);
  const k = fits(a, b, known) ? known : { head: 0, tail: 0 };
  const p = prefix(a, b, k.head, min);
  const s = suffix(a, b, Math.min(k.tail, min - p), min - p);
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

/**
 * Where the person is typing: the end of the changed region in the new text, the common suffix taken first
 * (after typing a character that repeats its neighbour, the end of the run).
 */
export function endOfChange(before: string, after: string, known?: Unchanged): number {
  // what the scan below gives for equal texts, without comparing 17 MB in 1 KB slices (a document's open
  // reports its text as a change to the same text)
  if (before === after) return 0;
  const max = Math.min(before.length, after.length);
  const k = fits(before, after, known) ? known : { head: 0, tail: 0 };
  const s = suffix(before, after, k.tail, max);
  const p = prefix(before, after, Math.min(k.head, max - s), max - s);
  return Math.max(p, after.length - s);
}

/** Two successive hints as one: what both edits left alone. */
export function bothUnchanged(first: Unchanged | undefined, second: Unchanged | undefined): Unchanged | undefined {
  return first && second ? { head: Math.min(first.head, second.head), tail: Math.min(first.tail, second.tail) } : undefined;
}

/** Maps an offset of the old text into the new text; offsets inside the replaced region go to its start. */
export function mapOffset(r: EditRegion, offset: number): number {
  if (offset <= r.start) return offset;
  if (offset >= r.oldEnd) return offset + (r.newEnd - r.oldEnd);
  return r.start;
}
