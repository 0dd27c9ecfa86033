// Token-based readers for the pieces of a table definition — a column, a table constraint, a column
// list — shared by CREATE TABLE, ALTER TABLE and CREATE INDEX. Tolerant: they take what is there and
// never throw on a half-typed statement.
import type { CheckConstraint, Column, ForeignKey, KeyConstraint, Span } from '../model.ts';
import { stringValue, T as Kind } from './lexer.ts';
import { readQName, type Tokens } from './tokens.ts';
// A module-local alias of the token kinds: under per-file transpilers (tsx) an imported binding is a
// getter call on every use, which cost 4× on the lexer's hot loops.
const T = Kind;

/** Words that end a column's type and start its constraints. */
const COLUMN_STOP = new Set([
  'not', 'null', 'default', 'primary', 'unique', 'references', 'check', 'constraint', 'generated', 'as',
  'collate', 'comment', 'auto_increment', 'autoincrement', 'on', 'charset', 'identity', 'key', 'storage',
  'compression', 'invisible', 'visible', 'column_format', 'engine_attribute', 'srid', 'encode', 'sparse', 'with',
]);
// `with` ends a type unless it reads `with time zone` / `with local time zone` (handled below).

export type Element =
  | { kind: 'column'; column: Column; primaryKey?: KeyConstraint; unique?: KeyConstraint; foreignKeys: ForeignKey[] }
  | { kind: 'primary-key'; key: KeyConstraint }
  | { kind: 'unique'; key: KeyConstraint; indexName?: string }
  | { kind: 'foreign-key'; fk: ForeignKey }
  | { kind: 'check'; check: CheckConstraint }
  | { kind: 'index'; name?: string; columns: KeyPart[]; unique: boolean; span: Span }
  | { kind: 'like'; table: string; schema?: string }
  | { kind: 'skip'; why: string };

export interface KeyPart { name: string; expression: boolean }

const span = (t: Tokens, a: number, b: number): Span =>
  ({ start: t.starts[a], end: b > a ? t.ends[b - 1] : t.ends[a] });

/** Splits [a, b) at top-level commas into element ranges. */
export function splitTopLevel(t: Tokens, a: number, b: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let depth = 0, s = a;
  for (let i = a; i < b; i++) {
    if (t.kinds[i] !== T.Punct) continue;
    const c = t.text.charCodeAt(t.starts[i]);
    if (c === 40 || c === 91) depth++;
    else if (c === 41 || c === 93) depth--;
    else if (c === 44 && depth === 0) { if (i > s) out.push([s, i]); s = i + 1; }
  }
  if (b > s) out.push([s, b]);
  return out;
}

/** A parenthesized key list at `open` ('('): plain column names, expressions flagged. */
export function readKeyParts(t: Tokens, open: number, end: number): { parts: KeyPart[]; next: number } {
  if (!t.punct(open, '(')) return { parts: [], next: open };
  const close = t.close(open, end);
  const parts: KeyPart[] = [];
  for (const [a, b] of splitTopLevel(t, open + 1, close)) {
    const n = t.name(a);
    // `col`, `col DESC`, `col(10)` (MySQL prefix), `col COLLATE x`, `col opclass` are plain columns
    const plain = n !== null && (b === a + 1 || isKeyPartSuffix(t, a + 1, b));
    if (plain) parts.push({ name: n!, expression: false });
    else parts.push({ name: t.slice(a, b), expression: true });
  }
  return { parts, next: Math.min(close + 1, end) };
}

function isKeyPartSuffix(t: Tokens, a: number, b: number): boolean {
  if (t.punct(a, '(')) { // MySQL prefix length: name(10)
    return t.kinds[a + 1] === T.Number && t.punct(a + 2, ')') ? a + 3 >= b || isKeyPartSuffix(t, a + 3, b) : false;
  }
  // ASC/DESC, NULLS FIRST/LAST, COLLATE x, an operator class name (text_pattern_ops)
  for (let i = a; i < b; i++) {
    if (t.kinds[i] !== T.Word && t.kinds[i] !== T.QIdent && !t.punct(i, '.')) return false;
  }
  return true;
}

export const names = (parts: KeyPart[]) => parts.map((p) => p.name);

/** Reads `REFERENCES t [(cols)] [MATCH …] [ON DELETE …]` at i (the REFERENCES word). */
function readReferences(t: Tokens, i: number, end: number): { ref: ForeignKey['references']; next: number } | null {
  const q = readQName(t, i + 1, end);
  if (!q) return null;
  let j = q.next;
  let columns: string[] = [];
  if (t.punct(j, '(')) { const r = readKeyParts(t, j, end); columns = names(r.parts); j = r.next; }
  // skip MATCH / ON DELETE / ON UPDATE / DEFERRABLE … actions (ON DELETE is kept: SET NULL marks a snapshot)
  let onDelete: string | undefined;
  // within the statement: the tokens after it are the next statement's (and absent when a piece ends there)
  for (; j < end;) {
    if (t.is(j, 'match')) { j += 2; continue; }
    if (t.is(j, 'on') && (t.is(j + 1, 'delete') || t.is(j + 1, 'update'))) {
      const del = t.is(j + 1, 'delete');
      j += 2;
      if (j >= end) break; // ON DELETE with no action yet
      const two = t.is(j, 'set') || t.is(j, 'no');
      if (del) onDelete = two ? `${t.word(j)} ${t.word(j + 1)}` : t.word(j);
      if (two) j += 2; else j += 1;
      if (t.punct(j, '(')) j = t.close(j, end) + 1; // SET NULL (col) in PG 15
      continue;
    }
    if (t.is(j, 'deferrable')) { j++; continue; }
    if (t.is(j, 'not') && t.is(j + 1, 'deferrable')) { j += 2; continue; }
    if (t.is(j, 'initially')) { j += 2; continue; }
    if (t.is(j, 'not') && t.is(j + 1, 'valid')) { j += 2; continue; }
    break;
  }
  return { ref: { schema: q.schema, table: q.name, columns, ...(onDelete ? { onDelete } : {}) }, next: Math.min(j, end) };
}

function findOpen(t: Tokens, i: number, b: number): number {
  while (i < b && !t.punct(i, '(')) i++;
  return i;
}

/** A table-level element (constraint, MySQL index, LIKE) or a column, over tokens [a, b). */
export function readElement(t: Tokens, a: number, b: number, file: string): Element {
  let i = a;
  let name: string | undefined;
  const w = t.word(i);
  if (w === 'constraint') {
    const n = t.name(i + 1);
    if (n !== null && !isConstraintWord(t.word(i + 1))) { name = n; i += 2; } else i += 1;
    return readConstraint(t, i, a, b, name, file) ?? { kind: 'skip', why: `unknown constraint ${t.slice(a, b)}` };
  }
  if (isConstraintStart(t, i, b)) {
    return readConstraint(t, i, a, b, undefined, file) ?? { kind: 'skip', why: `unknown constraint ${t.slice(a, b)}` };
  }
  if (w === 'like') {
    const q = readQName(t, i + 1, b);
    if (q) return { kind: 'like', table: q.name, schema: q.schema };
  }
  if (w === 'period' && t.is(i + 1, 'for')) return { kind: 'skip', why: 'PERIOD FOR' };
  return readColumn(t, a, b, file);
}

function isConstraintWord(w: string): boolean {
  return w === 'primary' || w === 'unique' || w === 'foreign' || w === 'check' || w === 'exclude';
}

/** Does [i, b) start a table constraint / MySQL index rather than a column named like a keyword? */
function isConstraintStart(t: Tokens, i: number, b: number): boolean {
  const w = t.word(i);
  switch (w) {
    case 'primary': return t.is(i + 1, 'key');
    case 'foreign': return t.is(i + 1, 'key');
    case 'unique': return t.punct(i + 1, '(') || t.is(i + 1, 'key') || t.is(i + 1, 'index') || t.is(i + 1, 'nulls')
      || (t.isName(i + 1) && t.punct(i + 2, '(') && !isTypeWord(t.word(i + 1))) || t.is(i + 1, 'using');
    case 'check': return t.punct(i + 1, '(');
    case 'exclude': return t.is(i + 1, 'using') || t.punct(i + 1, '(');
    case 'key': case 'index':
      // `KEY idx (a)`, `INDEX (a)`, `KEY idx USING BTREE (a)`; but `key varchar(10)` is a column
      if (t.punct(i + 1, '(')) return true;
      return t.isName(i + 1) && (t.punct(i + 2, '(') || t.is(i + 2, 'using')) && !isTypeWord(t.word(i + 1));
    case 'fulltext': case 'spatial': // MySQL FULLTEXT [KEY|INDEX] [name] (cols); `fulltext tsvector` is a column
      return t.is(i + 1, 'key') || t.is(i + 1, 'index') || t.punct(i + 1, '(') || (t.isName(i + 1) && t.punct(i + 2, '('));
    default: return false;
  }
}

const TYPE_WORDS = new Set(['varchar', 'char', 'character', 'int', 'integer', 'bigint', 'smallint', 'tinyint', 'text',
  'decimal', 'numeric', 'float', 'double', 'real', 'bit', 'binary', 'varbinary', 'enum', 'set', 'nvarchar', 'nchar', 'timestamp', 'time', 'datetime']);
const isTypeWord = (w: string) => TYPE_WORDS.has(w);

function readConstraint(t: Tokens, i: number, a: number, b: number, name: string | undefined, file: string): Element | null {
  const sp = span(t, a, b);
  const w = t.word(i);
  if (w === 'primary') {
    const open = findOpen(t, i + 2, b);
    const { parts } = readKeyParts(t, open, b);
    return { kind: 'primary-key', key: { name, columns: names(parts), span: sp } };
  }
  if (w === 'unique') {
    let j = i + 1;
    if (t.is(j, 'key') || t.is(j, 'index')) j++;
    let indexName: string | undefined;
    if (t.isName(j) && !t.punct(j, '(') && !t.is(j, 'nulls') && !t.is(j, 'using')) { indexName = t.name(j)!; }
    const open = findOpen(t, j, b);
    const { parts } = readKeyParts(t, open, b);
    return { kind: 'unique', key: { name: name ?? indexName, columns: names(parts), span: sp }, indexName };
  }
  if (w === 'foreign') {
    const open = findOpen(t, i + 2, b);
    const { parts, next } = readKeyParts(t, open, b);
    let j = next;
    while (j < b && !t.is(j, 'references')) j++;
    const r = j < b ? readReferences(t, j, b) : null;
    if (!r) return { kind: 'skip', why: 'FOREIGN KEY without REFERENCES' };
    return { kind: 'foreign-key', fk: { name, columns: names(parts), references: r.ref, span: sp, file } };
  }
  if (w === 'check') {
    const close = t.close(i + 1, b);
    return { kind: 'check', check: { name, expression: t.slice(i + 2, close), span: sp } };
  }
  if (w === 'exclude') return { kind: 'skip', why: 'EXCLUDE constraint' };
  if (w === 'key' || w === 'index' || w === 'fulltext' || w === 'spatial') {
    let j = i + 1;
    if (t.is(j, 'key') || t.is(j, 'index')) j++;
    let idxName: string | undefined;
    if (t.isName(j) && !t.is(j, 'using')) { idxName = t.name(j)!; j++; }
    const open = findOpen(t, j, b);
    const { parts } = readKeyParts(t, open, b);
    return { kind: 'index', name: idxName ?? name, columns: parts, unique: false, span: sp };
  }
  return null;
}

/** A column definition over [a, b): name, type, then constraints in any order. */
export function readColumn(t: Tokens, a: number, b: number, file: string): Element {
  const colName = t.name(a);
  if (colName === null) return { kind: 'skip', why: `not a column: ${t.slice(a, b).slice(0, 40)}` };
  // type: words, (…) arguments, [] array marks, until a constraint keyword at depth 0
  let i = a + 1;
  const typeStart = i;
  while (i < b) {
    const w = t.word(i);
    if (w && COLUMN_STOP.has(w)) {
      if (w === 'with' && (t.is(i + 1, 'time') || t.is(i + 1, 'local'))) { i += t.is(i + 1, 'local') ? 4 : 3; continue; }
      if (!(w === 'key' && i === typeStart)) break;
    }
    if (w === 'character' && t.is(i + 1, 'set')) break;
    if (t.punct(i, '(')) { i = t.close(i, b) + 1; continue; }
    if (t.kinds[i] === T.String && i > typeStart && t.word(i - 1) !== 'enum') break;
    i++;
  }
  const type = normalizeType(t, typeStart, Math.min(i, b));
  const column: Column = {
    name: colName, type, nullable: true, span: span(t, a, b), nameSpan: { start: t.starts[a], end: t.ends[a] },
  };
  const out: Element & { kind: 'column' } = { kind: 'column', column, foreignKeys: [] };
  let constraintName: string | undefined;
  while (i < b) {
    const w = t.word(i);
    switch (w) {
      case 'constraint': constraintName = t.name(i + 1) ?? undefined; i += 2; continue;
      case 'not':
        if (t.is(i + 1, 'null')) { column.nullable = false; i += 2; continue; }
        i++; continue;
      case 'null': i++; continue;
      case 'primary':
        column.nullable = false;
        out.primaryKey = { name: constraintName, columns: [colName], span: span(t, i, Math.min(b, i + 2)) };
        i += 2; constraintName = undefined; continue;
      case 'key': // MySQL: `id INT KEY` means PRIMARY KEY
        if (!out.unique) { column.nullable = false; out.primaryKey = { name: constraintName, columns: [colName], span: span(t, i, i + 1) }; }
        i++; continue;
      case 'unique': {
        const e = t.is(i + 1, 'key') ? i + 2 : i + 1;
        out.unique = { name: constraintName, columns: [colName], span: span(t, i, e) };
        i = e; constraintName = undefined; continue;
      }
      case 'references': {
        const r = readReferences(t, i, b);
        if (!r) { i++; continue; }
        out.foreignKeys.push({ name: constraintName, columns: [colName], references: r.ref, span: span(t, i, r.next), file });
        i = r.next; constraintName = undefined; continue;
      }
      case 'check': {
        if (!t.punct(i + 1, '(')) { i++; continue; }
        const close = t.close(i + 1, b);
        (column.checks ??= []).push(t.slice(i + 2, close));
        i = close + 1; continue;
      }
      case 'default': {
        const s = i + 1;
        let e = s;
        if (e < b) e = skipOne(t, e, b);
        while (e < b && !isDefaultStop(t, e)) e = skipOne(t, e, b);
        column.default = t.slice(s, e);
        i = e; continue;
      }
      case 'generated': {
        // GENERATED ALWAYS AS (expr) [STORED] is computed; GENERATED … AS IDENTITY is a key, not derived
        let j = i + 1;
        while (j < b && !t.is(j, 'as')) j++;
        if (t.is(j + 1, 'identity')) { i = j + 2; if (t.punct(i, '(')) i = t.close(i, b) + 1; continue; }
        column.generated = true;
        i = t.punct(j + 1, '(') ? t.close(j + 1, b) + 1 : j + 1; continue;
      }
      case 'as':
        if (t.punct(i + 1, '(')) { column.generated = true; i = t.close(i + 1, b) + 1; continue; }
        i++; continue;
      case 'comment':
        if (t.kinds[i + 1] === T.String) { column.comment = stringValue(t.raw(i + 1), t.dialect); i += 2; continue; }
        i++; continue;
      default:
        if (t.punct(i, '(')) { i = t.close(i, b) + 1; continue; }
        i++;
    }
  }
  return out;
}

/** Skips one operand: a token, or a parenthesized group, or a function call name(…). */
function skipOne(t: Tokens, i: number, b: number): number {
  if (t.punct(i, '(')) return t.close(i, b) + 1;
  if (t.punct(i + 1, '(') && t.kinds[i] === T.Word) return t.close(i + 1, b) + 1;
  return i + 1;
}

function isDefaultStop(t: Tokens, i: number): boolean {
  const w = t.word(i);
  if (!w) return false;
  if (w === 'on') return t.is(i + 1, 'update');
  return w === 'not' || w === 'null' || w === 'primary' || w === 'unique' || w === 'references' || w === 'check'
    || w === 'constraint' || w === 'generated' || w === 'collate' || w === 'comment' || w === 'auto_increment'
    || w === 'autoincrement' || w === 'key';
}

/** The type as written, single-spaced, without spaces before `(` / inside `()` (e.g. "varchar(255)", "integer[]"). */
export function normalizeType(t: Tokens, a: number, b: number): string {
  let out = '';
  for (let i = a; i < b; i++) {
    const raw = t.raw(i);
    const glue = i === a || t.punct(i, '(') || t.punct(i, ')') || t.punct(i, ',') || t.punct(i - 1, ',') || t.punct(i, '[') || t.punct(i, ']')
      || t.punct(i - 1, '(') || t.punct(i - 1, '[') || t.punct(i, '.') || t.punct(i - 1, '.');
    out += (glue ? '' : ' ') + raw;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
