// TextEdits for the schema file: where new statements go, and minimal replacements (common prefix and
// suffix trimmed), so a fix is a few small non-overlapping edits the editor applies as one undo step.
import type { TextEdit } from '../findings.ts';
import type { Span, Table } from '../model.ts';
import { computeLineStarts, rangeOf } from '../positions.ts';

let lastText: string | undefined, lastStarts: number[] = [];

export class FileEdits {
  private readonly lineStarts: number[];
  constructor(readonly file: string, readonly text: string) {
    // fixes of one file share its line index
    if (text !== lastText) { lastText = text; lastStarts = computeLineStarts(text); }
    this.lineStarts = lastStarts;
  }

  edit(span: Span, newText: string): TextEdit {
    return { file: this.file, span, range: rangeOf(this.lineStarts, span), newText };
  }

  /** Replace [start, end) by `next`, trimmed to the part that actually changes (null when nothing does). */
  replaceMinimal(start: number, end: number, next: string): TextEdit | null {
    const old = this.text.slice(start, end);
    if (old === next) return null;
    let p = 0;
    while (p < old.length && p < next.length && old[p] === next[p]) p++;
    let s = 0;
    while (s < old.length - p && s < next.length - p && old[old.length - 1 - s] === next[next.length - 1 - s]) s++;
    return this.edit({ start: start + p, end: end - s }, next.slice(p, next.length - s));
  }
}

/** The statement's text span without a trailing ';', and the offset just after its ';' (if any). */
export function statementBounds(text: string, table: Table): { start: number; end: number; after: number; hasSemicolon: boolean } {
  let end = table.span.end;
  while (end > table.span.start && /\s/.test(text[end - 1])) end--;
  if (text[end - 1] === ';') return { start: table.span.start, end: end - 1, after: end, hasSemicolon: true };
  let j = end;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  if (text[j] === ';') return { start: table.span.start, end, after: j + 1, hasSemicolon: true };
  return { start: table.span.start, end, after: end, hasSemicolon: false };
}

/**
 * Where to insert statements that must come before the table: the start of its line, or above the
 * comment block over it when that block holds annotations (they must stay attached to the table).
 */
export function insertionBefore(text: string, table: Table): number {
  let at = table.span.start;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, at))) at = lineStart;
  let block = at, sawAnnotation = false;
  while (block > 0) {
    const prevEnd = block - 1; // the '\n' ending the previous line
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    const line = text.slice(prevStart, prevEnd);
    if (!/^\s*--/.test(line)) break;
    if (/@(fd|key)\b/.test(line)) sawAnnotation = true;
    block = prevStart;
  }
  return sawAnnotation ? block : at;
}

/** `<dir>/<basename>.migration-<table>.sql` beside the schema file (works for paths and file: URIs). */
export function migrationFileName(file: string, table: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const dir = file.slice(0, slash + 1);
  const base = file.slice(slash + 1).replace(/\.(sql|ddl)$/i, '');
  return `${dir}${base}.migration-${table.replace(/[^A-Za-z0-9_.-]/g, '_')}.sql`;
}
