// What the linter reads from comments: trailing column comments, `@fd` / `@key` annotations, and
// `normlint-disable…` suppressions (DESIGN.md "Comments the linter reads").
import type { Annotation, Suppression } from '../model.ts';
import { positionAt } from '../positions.ts';
import type { Comment } from './lexer.ts';

/** Index of the first comment whose start is ≥ offset. Comments are in file order. */
export function firstCommentFrom(comments: Comment[], offset: number): number {
  let lo = 0, hi = comments.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (comments[mid].start < offset) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The text of a comment without its markers (line or block markers), trimmed. */
export function commentBody(text: string, c: Comment): string {
  let s = text.slice(c.start, c.end);
  if (c.block) s = s.replace(/^\/\*+/, '').replace(/\*+\/$/, '');
  else s = s.replace(/^(--|#)/, '');
  return s.trim();
}

/**
 * A `-- …` comment on the same line after offset `after` and before `limit` (the next real token):
 * a column's trailing comment. Only separators (`,`) may sit between.
 */
export function trailingComment(text: string, comments: Comment[], after: number, limit: number): Comment | undefined {
  const k = firstCommentFrom(comments, after);
  const c = comments[k];
  if (!c || c.start >= limit) return undefined;
  for (let i = after; i < c.start; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) return undefined;
  }
  return c;
}

const FD_RE = /@fd\s+(.+?)\s*(?:->|→)\s*(.+)$/;
const KEY_RE = /@key\s+(.+)$/;
const splitNames = (s: string) => s.split(',').map((x) => x.trim().replace(/^["`\[]|["`\]]$/g, '')).filter(Boolean);

/** Annotations in one comment (a block comment may hold several lines). */
export function annotationsIn(text: string, c: Comment): Annotation[] {
  const raw = text.slice(c.start, c.end);
  if (raw.indexOf('@') < 0) return [];
  const out: Annotation[] = [];
  let lineOffset = c.start;
  for (const line of raw.split('\n')) {
    const body = line.replace(/^\s*(--|#|\/\*+|\*)?/, '').replace(/\*+\/\s*$/, '').trim();
    const fd = FD_RE.exec(body);
    const key = fd ? null : KEY_RE.exec(body);
    const at = line.indexOf('@');
    const span = { start: lineOffset + Math.max(0, at), end: lineOffset + line.replace(/\r$/, '').length };
    if (fd) {
      const determinant = splitNames(fd[1]);
      const dependents = splitNames(fd[2]);
      if (determinant.length && dependents.length) out.push({ kind: 'fd', determinant, dependents, span, text: body });
    } else if (key) {
      const determinant = splitNames(key[1]);
      if (determinant.length) out.push({ kind: 'key', determinant, dependents: [], span, text: body });
    }
    lineOffset += line.length + 1;
  }
  return out;
}

/**
 * The comments "directly above" a statement: a run of comments separated only by whitespace without a
 * blank line, the last one ending right before the statement (again without a blank line).
 */
export function commentsAbove(text: string, comments: Comment[], stmtStart: number, floor: number): Comment[] {
  const out: Comment[] = [];
  let k = firstCommentFrom(comments, stmtStart) - 1;
  let edge = stmtStart;
  while (k >= 0) {
    const c = comments[k];
    if (c.end > edge || c.start < floor) break;
    if (!onlySpaceNoBlankLine(text, c.end, edge) || !startsLine(text, c.start)) break;
    out.unshift(c);
    edge = c.start;
    k--;
  }
  return out;
}

/** Only whitespace between the line's start and offset `p` (a comment on its own line, not after code). */
function startsLine(text: string, p: number): boolean {
  for (let i = p - 1; i >= 0; i--) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) return true;
    if (ch !== 32 && ch !== 9) return false;
  }
  return true;
}

function onlySpaceNoBlankLine(text: string, a: number, b: number): boolean {
  let newlines = 0;
  for (let i = a; i < b; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) { if (++newlines > 1) return false; }
    else if (ch !== 32 && ch !== 9 && ch !== 13) return false;
  }
  return true;
}

const SUPPRESS_RE = /normlint-(disable-next-line|disable-line|disable|enable)\b([^\n]*)/g;

/** Every normlint-disable… comment in the file, sorted by line. */
export function readSuppressions(text: string, comments: Comment[], lineStarts: number[]): Suppression[] {
  const out: Suppression[] = [];
  for (const c of comments) {
    const raw = text.slice(c.start, c.end);
    if (raw.indexOf('normlint-') < 0) continue;
    SUPPRESS_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SUPPRESS_RE.exec(raw))) {
      const line = positionAt(lineStarts, c.start + m.index).line;
      const rules = m[2].replace(/\*\/.*$/, '').split(' --')[0].split(/[\s,]+/).map((r) => r.trim()).filter((r) => /^[a-z][a-z0-9-]*$/.test(r));
      const kind = m[1] === 'disable-next-line' ? 'next-line' : m[1] === 'disable-line' ? 'line' : m[1] === 'disable' ? 'disable' : 'enable';
      out.push({ kind, line, rules } as Suppression);
    }
  }
  out.sort((a, b) => a.line - b.line);
  return out;
}
