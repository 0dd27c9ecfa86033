// Applies TextEdits to file texts the way an editor applies one WorkspaceEdit: all ranges refer to the
// original text, must not overlap, and are applied back to front. Overlap is an error (a bug in the fix).
import type { TextEdit } from '../../../server/src/core/findings.ts';

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].span.start < sorted[i - 1].span.end) throw new Error(`overlapping edits at ${sorted[i].span.start}`);
  }
  let out = text;
  for (const e of sorted.reverse()) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** Applies the edits of one file; createFile edits are returned separately. */
export function applyToFile(file: string, text: string, edits: TextEdit[]): { text: string; created: Map<string, string> } {
  const created = new Map<string, string>();
  for (const e of edits) if (e.createFile) created.set(e.file, e.newText);
  return { text: applyEdits(text, edits.filter((e) => !e.createFile && e.file === file)), created };
}
