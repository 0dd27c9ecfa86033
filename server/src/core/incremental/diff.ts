// The smallest region where two versions of a text differ (common prefix and suffix), compared in chunks
// so a keystroke in a 17 MB file costs a few memcmp-speed comparisons, not a 17-million-step loop.
export interface EditRegion {
  /** First differing offset (same in both texts). */
  start: number;
  /** End of the replaced region in the old text. */
  oldEnd: number;
  /** End of the replacement in the new text. */
  newEnd: number;
}

const CHUNK = 1024;

export function diffRegion(a: string, b: string): EditRegion | null {
  if (a === b) return null;
  const min = Math.min(a.length, b.length);
  let p = 0;
  while (p + CHUNK <= min && a.startsWith(b.slice(p, p + CHUNK), p)) p += CHUNK;
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  // Common suffix, not overlapping the prefix.
  const maxSuffix = min - p;
  let s = 0;
  while (s + CHUNK <= maxSuffix && a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)) s += CHUNK;
  while (s < maxSuffix && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

/** Maps an offset of the old text into the new text; offsets inside the replaced region go to its start. */
export function mapOffset(r: EditRegion, offset: number): number {
  if (offset <= r.start) return offset;
  if (offset >= r.oldEnd) return offset + (r.newEnd - r.oldEnd);
  return r.start;
}
