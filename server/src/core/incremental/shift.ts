// Moves the positions of findings kept from a previous analysis across an edit of one file, so findings of
// tables the edit did not touch stay valid without re-analysing them.
import type { Evidence, Finding, Fix, RelatedInfo, TextEdit } from '../findings.ts';
import type { Range, Span } from '../model.ts';
import { offsetAt, positionAt } from '../positions.ts';
import { mapOffset, type EditRegion } from './diff.ts';

export interface FileShift {
  file: string;
  region: EditRegion;
  oldLineStarts: number[];
  oldLength: number;
  newLineStarts: number[];
}

const mapSpan = (s: FileShift, span: Span): Span => ({ start: mapOffset(s.region, span.start), end: Math.max(mapOffset(s.region, span.start), mapOffset(s.region, span.end)) });
const spanRange = (s: FileShift, span: Span): Range => ({ start: positionAt(s.newLineStarts, span.start), end: positionAt(s.newLineStarts, span.end) });
const mapRange = (s: FileShift, r: Range): Range => {
  const span = mapSpan(s, { start: offsetAt(s.oldLineStarts, r.start, s.oldLength), end: offsetAt(s.oldLineStarts, r.end, s.oldLength) });
  return spanRange(s, span);
};

/** True when nothing of the finding lies at or after the edit (then it is returned unchanged). */
function untouchedBy(s: FileShift, f: Finding): boolean {
  return f.file !== s.file && f.fixes.every((x) => x.edits.every((e) => e.file !== s.file))
    && f.related.every((r) => r.file !== s.file) && f.evidence.every((e) => e.file !== s.file);
}

export function shiftFinding(s: FileShift, f: Finding): Finding {
  if (untouchedBy(s, f)) return f;
  const inFile = f.file === s.file;
  const span = inFile ? mapSpan(s, f.span) : f.span;
  return {
    ...f,
    span,
    range: inFile ? spanRange(s, span) : f.range,
    evidence: f.evidence.map((e) => shiftEvidence(s, e, f.file)),
    related: f.related.map((r): RelatedInfo => (r.file === s.file ? { ...r, range: mapRange(s, r.range) } : r)),
    fixes: f.fixes.map((x): Fix => ({ ...x, edits: x.edits.map((e) => shiftEdit(s, e)) })),
  };
}

function shiftEvidence(s: FileShift, e: Evidence, findingFile: string): Evidence {
  if ((e.file ?? findingFile) !== s.file) return e;
  if (e.span) {
    const span = mapSpan(s, e.span);
    return { ...e, span, range: spanRange(s, span) };
  }
  return e.range ? { ...e, range: mapRange(s, e.range) } : e;
}

function shiftEdit(s: FileShift, e: TextEdit): TextEdit {
  if (e.file !== s.file || e.createFile) return e;
  const span = mapSpan(s, e.span);
  return { ...e, span, range: spanRange(s, span) };
}

/**
 * Gives a new finding span objects of its own. Rules hand out the model's spans (a column's span as the
 * finding's), and the reader moves those in place on the next read of the file (reader.ts): a finding kept
 * across that read must not move twice (once with the model, once by shiftFinding).
 */
export function ownSpans(f: Finding): Finding {
  f.span = { start: f.span.start, end: f.span.end };
  f.evidence = f.evidence.map((e) => (e.span ? { ...e, span: { start: e.span.start, end: e.span.end } } : e));
  f.fixes = f.fixes.map(ownFixSpans);
  return f;
}

export const ownFixSpans = (x: Fix): Fix => ({ ...x, edits: x.edits.map((e) => ({ ...e, span: { start: e.span.start, end: e.span.end } })) });
