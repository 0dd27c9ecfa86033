// CREATE TABLE → Table, read from tokens (so every table, column and constraint has its position).
// Handles TEMP/UNLOGGED/IF NOT EXISTS, PARTITION OF, LIKE, AS SELECT, INHERITS, MySQL inline KEYs,
// SQLite WITHOUT ROWID, and half-typed statements (whatever is there is read).
import type { Dialect, Index, Table } from '../model.ts';
import { annotationsIn, commentBody, commentsAbove, firstCommentFrom, trailingComment } from './comments.ts';
import { readElement, splitTopLevel } from './elements.ts';
import { readSelectColumns } from './select-list.ts';
import { T as Kind } from './lexer.ts';
import type { RawStatement } from './split.ts';
import { readQName, type Tokens } from './tokens.ts';
// A module-local alias of the token kinds: under per-file transpilers (tsx) an imported binding is a
// getter call on every use, which cost 4× on the lexer's hot loops.
const T = Kind;

const CREATE_MODIFIERS = new Set(['or', 'replace', 'global', 'local', 'temp', 'temporary', 'unlogged', 'virtual', 'foreign', 'external']);

/** Token index of the TABLE word when the statement is CREATE … TABLE, else -1. */
export function createTableWord(t: Tokens, st: RawStatement): number {
  if (!t.is(st.tokStart, 'create')) return -1;
  for (let i = st.tokStart + 1; i < st.tokEnd && i < st.tokStart + 5; i++) {
    if (t.is(i, 'table')) return i;
    if (!CREATE_MODIFIERS.has(t.word(i))) return -1;
  }
  return -1;
}

export type CreateTableResult =
  | { ok: true; table: Table; indexes: Index[] }
  | { ok: false; message: string; tableName?: string };

export function readCreateTable(t: Tokens, st: RawStatement, file: string, dialect: Dialect, floor: number): CreateTableResult {
  const end = st.tokEnd;
  const tableWord = createTableWord(t, st);
  let temporary = false, virtual = false, foreign = false;
  for (let i = st.tokStart + 1; i < tableWord; i++) {
    const w = t.word(i);
    if (w === 'temp' || w === 'temporary') temporary = true;
    if (w === 'virtual') virtual = true;
    if (w === 'foreign' || w === 'external') foreign = true;
  }
  let i = tableWord + 1;
  if (t.is(i, 'if') && t.is(i + 1, 'not') && t.is(i + 2, 'exists')) i += 3;
  const q = readQName(t, i, end);
  if (!q) return { ok: false, message: 'no table name after CREATE TABLE' };
  const table: Table = {
    name: q.name, schema: q.schema, file, dialect, kind: 'table', notes: [], reader: 'tolerant',
    columns: [], uniqueKeys: [], foreignKeys: [], checks: [], indexes: [], annotations: [],
    span: { start: st.start, end: st.end }, nameSpan: { start: t.starts[q.last], end: t.ends[q.last] },
  };
  if (temporary) table.temporary = true;
  const indexes: Index[] = [];
  i = q.next;
  if (virtual) table.notes.push('virtual table: columns are defined by its module');
  if (foreign) table.notes.push('foreign table: its data lives outside the database');
  if (t.is(i, 'partition') && t.is(i + 1, 'of')) {
    const parent = readQName(t, i + 2, end);
    table.kind = 'partition';
    if (parent) table.derivedFrom = parent.schema ? `${parent.schema}.${parent.name}` : parent.name;
    table.notes.push('a partition: columns and keys come from its parent table');
    i = parent ? parent.next : i + 2;
  } else if (t.is(i, 'of') && !t.punct(i + 1, '(')) {
    table.notes.push('a typed table (OF type): columns come from the type');
    i += 2;
  }
  // CREATE TABLE t [(cols)] WITH (storage) / TABLESPACE x / ON COMMIT … AS SELECT
  let asAt = i;
  while (asAt < end && (t.is(asAt, 'with') || t.is(asAt, 'tablespace') || t.is(asAt, 'on') || t.is(asAt, 'engine'))) {
    if (t.punct(asAt + 1, '(')) asAt = t.close(asAt + 1, end) + 1;
    else asAt += t.is(asAt, 'on') ? 3 : 2;
  }
  if (t.is(asAt, 'as')) i = asAt;
  if (t.is(i, 'as') || t.is(i, 'like')) {
    if (t.is(i, 'as')) {
      table.kind = 'as-select';
      table.notes.push('columns of CREATE TABLE … AS SELECT are not known');
      const cols = readSelectColumns(t, i + 1, end);
      if (cols) table.selectColumns = cols;
    }
    else {
      const src = readQName(t, i + 1, end);
      table.kind = 'like';
      if (src) table.derivedFrom = src.schema ? `${src.schema}.${src.name}` : src.name;
      table.notes.push('columns come from the LIKE source table');
    }
    attachAnnotations(t, table, st, floor);
    return { ok: true, table, indexes };
  }
  if (!t.punct(i, '(')) {
    if (table.kind === 'partition' || virtual) { attachAnnotations(t, table, st, floor); return { ok: true, table, indexes }; }
    if (i >= end) return { ok: false, message: 'no column list yet', tableName: q.name };
    return { ok: false, message: `expected "(" after the table name, found "${t.raw(i)}"`, tableName: q.name };
  }
  const close = t.close(i, end);
  const elements = splitTopLevel(t, i + 1, close);
  if (virtual) { // SQLite: CREATE VIRTUAL TABLE t USING fts5(a, b) — module arguments, not typed columns
    attachAnnotations(t, table, st, floor);
    return { ok: true, table, indexes };
  }
  for (let e = 0; e < elements.length; e++) {
    const [a, b] = elements[e];
    // `#` inside a definition is a MySQL comment; elsewhere the definition cannot be read with confidence,
    // and a guess would invent columns from the comment's words: the statement is unreadable instead
    if (dialect !== 'mysql' && dialect !== 'mariadb') {
      for (let k = a; k < b; k++) if (t.punct(k, '#')) {
        return { ok: false, message: `a definition contains #, which starts a comment only in MySQL, not in ${dialect}`, tableName: q.name };
      }
    }
    const el = readElement(t, a, b, file);
    switch (el.kind) {
      case 'column': {
        const nextStart = e + 1 < elements.length ? t.starts[elements[e + 1][0]] : t.starts[close];
        const c = trailingComment(t.text, t.comments, t.ends[b - 1], nextStart);
        if (c && el.column.comment === undefined) {
          const body = commentBody(t.text, c);
          if (!/^(normlint-|@fd\b|@key\b)/.test(body)) el.column.comment = body; // directives are not descriptions
        }
        table.columns.push(el.column);
        if (el.primaryKey) { if (!table.primaryKey) table.primaryKey = el.primaryKey; }
        if (el.unique) table.uniqueKeys.push(el.unique);
        table.foreignKeys.push(...el.foreignKeys);
        break;
      }
      case 'primary-key': if (el.key.columns.length) table.primaryKey = el.key; break;
      case 'unique': if (el.key.columns.length) table.uniqueKeys.push(el.key); break;
      case 'foreign-key': table.foreignKeys.push(el.fk); break;
      case 'check': table.checks.push(el.check); break;
      case 'index':
        indexes.push({
          name: el.name, schema: q.schema, table: q.name, columns: el.columns.map((p) => p.name),
          expressions: el.columns.map((p) => p.expression), include: [], unique: el.unique, partial: false,
          span: el.span, file, inline: true,
        });
        break;
      case 'like': table.kind = 'like'; table.derivedFrom = el.schema ? `${el.schema}.${el.table}` : el.table;
        table.notes.push('columns come from the LIKE source table'); break;
      case 'skip': break;
    }
  }
  // primary-key columns are NOT NULL
  if (table.primaryKey) {
    const pk = new Set(table.primaryKey.columns.map((c) => c.toLowerCase()));
    for (const c of table.columns) if (pk.has(c.name.toLowerCase())) c.nullable = false;
  }
  if (close >= end) table.notes.push('the column list is not closed (statement still being typed?)');
  // options after the column list: INHERITS (…), table COMMENT='…' (MySQL)
  for (let j = close + 1; j < end; j++) {
    if (t.is(j, 'inherits') && t.punct(j + 1, '(')) {
      const p = readQName(t, j + 2, end);
      if (p) { table.derivedFrom = p.schema ? `${p.schema}.${p.name}` : p.name; table.notes.push(`inherits columns from ${p.name}`); }
    }
    if (t.is(j, 'comment')) {
      let k = j + 1;
      if (t.punct(k, '=')) k++;
      if (t.kinds[k] === T.String) table.comment = stringOf(t, k);
    }
  }
  attachAnnotations(t, table, st, floor);
  if (table.columns.length === 0 && table.kind === 'table' && !table.derivedFrom && elements.length > 0) {
    return { ok: false, message: 'no column could be read', tableName: q.name };
  }
  return { ok: true, table, indexes };
}

function stringOf(t: Tokens, k: number): string {
  const raw = t.raw(k);
  const quote = raw[0];
  const body = raw.slice(1, raw.endsWith(quote) && raw.length > 1 ? -1 : undefined);
  return body.split(quote + quote).join(quote).replace(/\\(.)/g, '$1');
}

/** `@fd` / `@key` annotations inside the statement or in the comment block directly above it. */
function attachAnnotations(t: Tokens, table: Table, st: RawStatement, floor: number): void {
  const above = commentsAbove(t.text, t.comments, st.start, floor);
  for (const c of above) table.annotations.push(...annotationsIn(t.text, c));
  for (let k = firstCommentFrom(t.comments, st.start); k < t.comments.length && t.comments[k].start < st.end; k++) {
    table.annotations.push(...annotationsIn(t.text, t.comments[k]));
  }
}
