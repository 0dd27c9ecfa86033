// The file's tokens in flat typed arrays (no object per token: INSERT bodies hold millions of them),
// plus the small helpers the statement readers use to look at them.
import type { Dialect } from '../model.ts';
import { identValue, T as Kind, type Comment } from './lexer.ts';
// A module-local alias of the token kinds: under per-file transpilers (tsx) an imported binding is a
// getter call on every use, which cost 4× on the lexer's hot loops.
const T = Kind;

export class Tokens {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  count = 0;
  comments: Comment[] = [];
  /** The lexer's Lexer.unterminated after the whole text (see FileModel.unterminated). */
  unterminated: { offset: number; message: string } | null = null;

  constructor(readonly text: string, readonly dialect: Dialect, capacity = 256) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(kind: Kind, start: number, end: number): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = kind; this.starts[i] = start; this.ends[i] = end;
  }

  private grow(): void {
    const cap = this.kinds.length * 2;
    const k = new Uint8Array(cap); k.set(this.kinds); this.kinds = k;
    const s = new Int32Array(cap); s.set(this.starts); this.starts = s;
    const e = new Int32Array(cap); e.set(this.ends); this.ends = e;
  }

  raw(i: number): string { return this.text.slice(this.starts[i], this.ends[i]); }

  /** Lower-cased text of a Word token, '' for other kinds (so keyword tests never match quoted names). */
  word(i: number): string {
    return this.kinds[i] === T.Word ? this.text.slice(this.starts[i], this.ends[i]).toLowerCase() : '';
  }

  is(i: number, w: string): boolean {
    if (this.kinds[i] !== T.Word || this.ends[i] - this.starts[i] !== w.length) return false;
    return this.text.slice(this.starts[i], this.ends[i]).toLowerCase() === w;
  }

  punct(i: number, ch: string): boolean {
    return this.kinds[i] === T.Punct && this.text.charCodeAt(this.starts[i]) === ch.charCodeAt(0);
  }

  /** An identifier's name (quotes removed) for a Word or QIdent token; null otherwise. */
  name(i: number): string | null {
    const k = this.kinds[i];
    if (k === T.Word) return this.raw(i);
    if (k === T.QIdent) return identValue(this.raw(i));
    if (k === T.String && this.text.charCodeAt(this.starts[i]) === 39 && (this.dialect === 'mysql' || this.dialect === 'mariadb' || this.dialect === 'sqlite')) {
      return identValue('"' + this.raw(i).slice(1, -1) + '"'); // 'name' used as an identifier (MySQL/SQLite allow it in DDL)
    }
    return null;
  }

  isName(i: number): boolean { const k = this.kinds[i]; return k === T.Word || k === T.QIdent; }

  /** Index of the matching ')' for the '(' at i (or `end` when unbalanced). */
  close(i: number, end: number): number {
    let depth = 0;
    for (let j = i; j < end; j++) {
      if (this.kinds[j] !== T.Punct) continue;
      const c = this.text.charCodeAt(this.starts[j]);
      if (c === 40) depth++;
      else if (c === 41 && --depth === 0) return j;
    }
    return end;
  }

  /** Text of tokens [a, b) as written (comments included), trimmed. */
  slice(a: number, b: number): string {
    if (b <= a) return '';
    return this.text.slice(this.starts[a], this.ends[b - 1]);
  }
}

/** A qualified name read at token i: `a`, `a.b`, `a.b.c`. `next` is the token after it. */
export interface QName { schema?: string; name: string; first: number; last: number; next: number }

export function readQName(t: Tokens, i: number, end: number): QName | null {
  if (i >= end) return null;
  const first = t.name(i);
  if (first === null) return null;
  const parts = [first];
  let j = i + 1;
  while (j + 1 < end && t.punct(j, '.') && t.name(j + 1) !== null ) {
    parts.push(t.name(j + 1)!);
    j += 2;
  }
  const name = parts[parts.length - 1];
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  return { schema, name, first: i, last: j - 1, next: j };
}
