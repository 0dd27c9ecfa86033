// Offsets ↔ LSP positions. Offsets are JavaScript string indices, i.e. UTF-16 code units, as LSP counts.
import type { Position, Range, Span } from './model.ts';

export function computeLineStarts(text: string): number[] {
  const steps = lineStartsInSteps(text);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** Characters scanned between two steps of lineStartsInSteps (a few milliseconds). */
const LINE_STEP = 1 << 20;

/** computeLineStarts as a generator: a step per LINE_STEP characters (a first read of 17 MB gives its loop turns). */
export function* lineStartsInSteps(text: string): Generator<void, number[]> {
  const starts = [0];
  let next = LINE_STEP;
  if (text.indexOf('\r') < 0) {
    // \n only (most files): indexOf scans far faster than a loop over every character
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      starts.push(i + 1);
      if (i >= next) { next = i + LINE_STEP; yield; }
    }
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
    if (i >= next) { next = i + LINE_STEP; yield; }
  }
  return starts;
}

export function positionAt(lineStarts: number[], offset: number): Position {
  let lo = 0, hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

export function offsetAt(lineStarts: number[], pos: Position, textLength: number): number {
  if (pos.line >= lineStarts.length) return textLength;
  const next = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1] : textLength;
  return Math.min(lineStarts[pos.line] + Math.max(0, pos.character), next);
}

export function rangeOf(lineStarts: number[], span: Span): Range {
  return { start: positionAt(lineStarts, span.start), end: positionAt(lineStarts, span.end) };
}

/**
 * computeLineStarts(text) from the line starts of the text before an edit (`region`: where it differs): the
 * starts before the edit are kept, those after it moved, and only the edited lines are scanned. Whether an offset
 * starts a line depends on the two characters before and at it, so starts outside the region stay starts.
 */
export function updateLineStarts(old: number[], text: string, region: { start: number; oldEnd: number; newEnd: number }): number[] {
  const mid: number[] = [];
  let i = 1;
  while (i < old.length && old[i] < region.start) i++;
  const last = Math.min(text.length, region.newEnd + 1);
  for (let p = Math.max(1, region.start); p <= last; p++) {
    const c = text.charCodeAt(p - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(p) !== 10)) mid.push(p);
  }
  const delta = region.newEnd - region.oldEnd;
  let j = i;
  while (j < old.length && old[j] < region.oldEnd + 2) j++;
  // A copy with the region's line starts spliced in and the rest moved in place: a 17 MB file has 400,000
  // lines, and copying and adding run much faster than pushing them one by one.
  const out = old.slice(0, i).concat(mid, old.slice(j));
  if (delta !== 0) for (let k = i + mid.length; k < out.length; k++) out[k] += delta;
  return out;
}
