// SQL lexer with offsets. Pull-based and allocation-free per token: `next()` advances and sets
// `kind`, `start`, `end`. It knows the quoting and comment rules of PostgreSQL, MySQL/MariaDB and
// SQLite, so a `;` inside a string, dollar quote or comment never ends a statement.
import type { Dialect } from '../model.ts';

export enum T {
  EOF = 0,
  Word = 1,      // unquoted identifier or keyword
  QIdent = 2,    // "quoted", `backtick`, [bracket] identifier
  String = 3,    // '…', E'…', N'…', X'…', B'…', $tag$…$tag$
  Number = 4,
  Punct = 5,     // one character: ( ) , ; . = etc. (`::` is two Punct tokens)
  Delimiter = 6, // a custom MySQL DELIMITER (e.g. $$ or //) when it is not ';'
  Meta = 7,      // a psql `\` meta-command line, or a MySQL DELIMITER line
}

/** A comment: line (`--`, `#`) or block. Kept out of the token stream. */
export interface Comment { start: number; end: number; block: boolean; /** a `#` line outside MySQL (see FileModel.notices) */ hash?: true }

const isWordStart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
const isWordPart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
const isDigit = (c: number) => c >= 48 && c <= 57;

const UNCLOSED = (what: string) => `This ${what} is never closed: the rest of the file is inside it and is not checked.`;

export class Lexer {
  kind: T = T.EOF;
  start = 0;
  end = 0;
  /** True when the token is the first on its line (after whitespace/comments). */
  lineStart = true;
  /** Custom statement delimiter (MySQL DELIMITER); ';' by default. */
  delimiter = ';';
  readonly comments: Comment[] = [];
  /** Set when a comment, string, quoted identifier or dollar quote runs to the end of the text (FileModel.unterminated). */
  unterminated: { offset: number; message: string } | null = null;
  pos: number;
  private inVersionComment = 0; // depth of MySQL /*! … */ whose content is SQL
  private readonly mysql: boolean;
  private readonly pg: boolean;
  private readonly sqlite: boolean;

  constructor(readonly text: string, readonly dialect: Dialect, start = 0, readonly limit = text.length) {
    this.pos = start;
    this.mysql = dialect === 'mysql' || dialect === 'mariadb';
    this.pg = dialect === 'postgresql';
    this.sqlite = dialect === 'sqlite';
  }

  /** At top level: no custom DELIMITER in force and not inside a MySQL `/*! … *\/` (see splitStatements' cuts). */
  get topLevel(): boolean { return this.delimiter === ';' && this.inVersionComment === 0; }

  /** Advances to the next token. Returns its kind (T.EOF at the end). */
  next(): T {
    const s = this.text;
    const n = this.limit;
    let p = this.pos;
    let atLineStart = p === 0 || s.charCodeAt(p - 1) === 10 || s.charCodeAt(p - 1) === 13;
    for (;;) {
      // skip whitespace and comments
      while (p < n) {
        const c = s.charCodeAt(p);
        if (c === 10 || c === 13) { atLineStart = true; p++; continue; }
        if (c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0) { p++; continue; }
        break;
      }
      if (p >= n) { this.pos = n; this.start = this.end = n; this.kind = T.EOF; return T.EOF; }
      const c = s.charCodeAt(p);
      const c1 = p + 1 < n ? s.charCodeAt(p + 1) : 0;
      // custom delimiter (checked first: `$$` or `//` must end the statement, not open a quote/comment)
      if (this.delimiter !== ';' && c === this.delimiter.charCodeAt(0) && s.startsWith(this.delimiter, p)) {
        return this.emit(T.Delimiter, p, p + this.delimiter.length, atLineStart);
      }
      if (c === 45 && c1 === 45) { p = this.lineComment(p); continue; } // --
      if (c === 35 && this.mysql) { p = this.lineComment(p); continue; } // # (MySQL)
      // `#` starting a line elsewhere: not SQL, but what installers strip as comments (SMF, phpBB). Read as a
      // comment so that its words never become columns; the reader says so (FileModel.notices).
      if (c === 35 && atLineStart) { p = this.lineComment(p); this.comments[this.comments.length - 1].hash = true; continue; }
      if (c === 47 && c1 === 42) { // /*
        if (this.mysql && s.charCodeAt(p + 2) === 33) { // /*! … */ : its content is SQL
          p += 3;
          while (p < n && isDigit(s.charCodeAt(p))) p++;
          this.inVersionComment++;
          continue;
        }
        p = this.blockComment(p);
        continue;
      }
      if (this.inVersionComment > 0 && c === 42 && c1 === 47) { this.inVersionComment--; p += 2; continue; }
      if (atLineStart && c === 92 && !this.mysql) { // psql meta-command: \connect, \set, \.
        let e = p;
        while (e < n && s.charCodeAt(e) !== 10 && s.charCodeAt(e) !== 13) e++;
        return this.emit(T.Meta, p, e, true);
      }
      if (atLineStart && this.sqlite && c === 46 && isWordStart(c1)) { // sqlite3 shell: .mode, .read, .headers
        let e = p;
        while (e < n && s.charCodeAt(e) !== 10 && s.charCodeAt(e) !== 13) e++;
        return this.emit(T.Meta, p, e, true);
      }
      if (atLineStart && this.mysql && (c === 68 || c === 100) && this.isDelimiterLine(p)) {
        let e = p;
        while (e < n && s.charCodeAt(e) !== 10 && s.charCodeAt(e) !== 13) e++;
        const arg = s.slice(p + 9, e).trim().split(/\s+/)[0];
        this.delimiter = arg || ';';
        return this.emit(T.Meta, p, e, true);
      }
      return this.token(p, c, c1, atLineStart);
    }
  }

  private emit(kind: T, start: number, end: number, lineStart: boolean): T {
    this.kind = kind; this.start = start; this.end = end; this.pos = end; this.lineStart = lineStart;
    return kind;
  }

  private isDelimiterLine(p: number): boolean {
    const s = this.text;
    if (s.substr(p, 9).toLowerCase() !== 'delimiter') return false;
    const c = s.charCodeAt(p + 9);
    return c === 32 || c === 9;
  }

  private lineComment(p: number): number {
    const s = this.text, n = this.limit;
    let e = p;
    while (e < n) { const c = s.charCodeAt(e); if (c === 10 || c === 13) break; e++; }
    this.comments.push({ start: p, end: e, block: false });
    return e;
  }

  private blockComment(p: number): number {
    const end = blockCommentEnd(this.text, p, this.pg, this.limit);
    const e = end < 0 ? this.limit : end; // never closed: the comment runs to the end
    if (end < 0) this.unterminated = { offset: p, message: 'This /* comment is never closed: everything after it is a comment and is not checked.' };
    this.comments.push({ start: p, end: e, block: true });
    return e;
  }

  private token(p: number, c: number, c1: number, ls: boolean): T {
    const s = this.text, n = this.limit;
    // quoted strings with prefixes: E'…' (escapes), N'…', X'…', B'…', U&'…'
    if ((c === 69 || c === 101) && c1 === 39) return this.emit(T.String, p, this.quoted(p + 1, 39, true), ls);
    if ((c === 78 || c === 110 || c === 88 || c === 120 || c === 66 || c === 98) && c1 === 39) {
      return this.emit(T.String, p, this.quoted(p + 1, 39, this.mysql), ls);
    }
    if (isWordStart(c)) {
      let e = p + 1;
      if (this.delimiter === ';') while (e < n && isWordPart(s.charCodeAt(e))) e++;
      else { // the client finds a custom delimiter anywhere outside quotes: `END$$`
        const d0 = this.delimiter.charCodeAt(0);
        while (e < n && isWordPart(s.charCodeAt(e)) && !(s.charCodeAt(e) === d0 && s.startsWith(this.delimiter, e))) e++;
      }
      return this.emit(T.Word, p, e, ls);
    }
    if (isDigit(c) || (c === 46 && isDigit(c1))) return this.emit(T.Number, p, this.number(p), ls);
    switch (c) {
      case 39: return this.emit(T.String, p, this.quoted(p, 39, this.mysql), ls); // '
      case 34: return this.emit(this.mysql ? T.QIdent : T.QIdent, p, this.quoted(p, 34, this.mysql), ls); // "
      case 96: return this.emit(T.QIdent, p, this.quoted(p, 96, false), ls); // `
      case 91: // [ident] in SQLite (and T-SQL-flavoured dumps); elsewhere a bracket (array subscripts)
        if (this.sqlite) {
          let e = p + 1;
          while (e < n && s.charCodeAt(e) !== 93) e++;
          if (e >= n) this.unterminated = { offset: p, message: UNCLOSED('quoted identifier') };
          return this.emit(T.QIdent, p, Math.min(n, e + 1), ls);
        }
        break;
      case 36: { // $tag$ … $tag$ (PostgreSQL dollar quote) or $1 parameter
        if (this.pg) {
          let e = p + 1;
          while (e < n && isWordPart(s.charCodeAt(e)) && s.charCodeAt(e) !== 36) e++;
          if (s.charCodeAt(e) === 36 && !isDigit(c1)) {
            const tag = s.slice(p, e + 1);
            const close = s.indexOf(tag, e + 1);
            if (close < 0 || close + tag.length > n) this.unterminated = { offset: p, message: `This ${tag} quote is never closed: the rest of the file is inside it and is not checked.` };
            return this.emit(T.String, p, close < 0 || close + tag.length > n ? n : close + tag.length, ls);
          }
          if (isDigit(c1)) { let d = p + 1; while (d < n && isDigit(s.charCodeAt(d))) d++; return this.emit(T.Word, p, d, ls); }
        }
        break;
      }
    }
    return this.emit(T.Punct, p, p + 1, ls);
  }

  /** End offset of a quoted run starting at `p` (the opening quote). Doubled quotes escape; backslash too when `backslash`. */
  private quoted(p: number, q: number, backslash: boolean): number {
    const s = this.text, n = this.limit;
    let e = p + 1;
    while (e < n) {
      const c = s.charCodeAt(e);
      if (backslash && c === 92) { e += 2; continue; }
      if (c === q) {
        if (s.charCodeAt(e + 1) === q && e + 1 < n) { e += 2; continue; }
        return e + 1;
      }
      e++;
    }
    // unterminated: runs to the end (a half-typed statement)
    this.unterminated = { offset: p, message: UNCLOSED(q === 39 ? 'string' : 'quoted identifier') };
    return n;
  }

  private number(p: number): number {
    const s = this.text, n = this.limit;
    let e = p;
    if (s.charCodeAt(e) === 48 && (s.charCodeAt(e + 1) | 32) === 120) { // 0x…
      e += 2;
      while (e < n && /[0-9a-fA-F]/.test(s[e])) e++;
      return e;
    }
    while (e < n && isDigit(s.charCodeAt(e))) e++;
    if (s.charCodeAt(e) === 46 && s.charCodeAt(e + 1) !== 46) { e++; while (e < n && isDigit(s.charCodeAt(e))) e++; }
    const x = s.charCodeAt(e);
    if (x === 101 || x === 69) {
      let f = e + 1;
      const sg = s.charCodeAt(f);
      if (sg === 43 || sg === 45) f++;
      if (isDigit(s.charCodeAt(f))) { e = f; while (e < n && isDigit(s.charCodeAt(e))) e++; }
    }
    // 1abc is an identifier in MySQL (e.g. table `1st`); keep it one token
    while (e < n && isWordPart(s.charCodeAt(e))) e++;
    return e;
  }
}

/**
 * End of the block comment opening at `p` (its `/*`): just past the closing `*\/`, or -1 when it is never
 * closed before `limit`. PostgreSQL nests block comments (`nested`); other dialects close at the first `*\/`.
 * Shared by the lexer and the language server's own fast scans (segment starts, unterminated text).
 */
export function blockCommentEnd(s: string, p: number, nested: boolean, limit = s.length): number {
  let depth = 1, e = p + 2;
  while (e < limit) {
    const c = s.charCodeAt(e);
    if (c === 42 && s.charCodeAt(e + 1) === 47) { e += 2; if (--depth === 0 || !nested) return Math.min(e, limit); continue; }
    if (nested && c === 47 && s.charCodeAt(e + 1) === 42) { depth++; e += 2; continue; }
    e++;
  }
  return -1;
}

/** The value of a string token: quotes removed, escapes resolved. */
export function stringValue(raw: string, dialect: Dialect): string {
  let q = raw;
  let escapes = dialect === 'mysql' || dialect === 'mariadb';
  const c0 = q.charCodeAt(0);
  if (c0 === 36) { // $tag$…$tag$
    const t = q.indexOf('$', 1);
    const tag = q.slice(0, t + 1);
    return q.endsWith(tag) && q.length >= 2 * tag.length ? q.slice(tag.length, q.length - tag.length) : q.slice(tag.length);
  }
  if (c0 !== 39 && c0 !== 34) {
    if ((c0 | 32) === 101) escapes = true; // E'…'
    q = q.slice(1);
  }
  const quote = q[0];
  let body = q.endsWith(quote) && q.length >= 2 ? q.slice(1, -1) : q.slice(1);
  if (body.indexOf(quote + quote) >= 0) body = body.split(quote + quote).join(quote);
  if (escapes && body.indexOf('\\') >= 0) body = unescapeBackslashes(body);
  return body;
}

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', Z: '\x1a', '\\': '\\', "'": "'", '"': '"' };

function unescapeBackslashes(s: string): string {
  return s.replace(/\\(.)/gs, (_m, ch: string) => ESC[ch] ?? ch);
}

/** The name of an identifier token: quotes removed (doubled quotes resolved). */
export function identValue(raw: string): string {
  const c = raw.charCodeAt(0);
  if (c === 34 || c === 96) {
    const q = raw[0];
    const body = raw.endsWith(q) && raw.length >= 2 ? raw.slice(1, -1) : raw.slice(1);
    return body.indexOf(q + q) >= 0 ? body.split(q + q).join(q) : body;
  }
  if (c === 91) return raw.endsWith(']') ? raw.slice(1, -1) : raw.slice(1);
  return raw;
}
