// The non-ALTER TABLE statements schema histories are made of, read into SchemaEvents (applied by
// replay, core/replay.ts): DROP TABLE, MySQL RENAME TABLE, DROP INDEX, ALTER INDEX … RENAME,
// CREATE TYPE … AS ENUM, ALTER TYPE, DO $$ … $$ blocks (do-block.ts), and templated SQL (not read). Each reader is a pure function of (tokens of one statement, file).
import type { SchemaEvent, Span } from '../model.ts';
import { readDoBlock } from './do-block.ts';
import { stringValue, T as Kind } from './lexer.ts';
import type { RawStatement } from './split.ts';
import { readQName, type Tokens } from './tokens.ts';
// A module-local alias of the token kinds (see tokens.ts).
const T = Kind;

const spanOf = (st: RawStatement) => ({ start: st.start, end: st.end });

/** DROP TABLE [IF EXISTS] a, b [CASCADE|RESTRICT]. */
export function readDropTable(t: Tokens, st: RawStatement, file: string): SchemaEvent | undefined {
  let i = st.tokStart + 1;
  if (t.is(i, 'temporary')) i++;
  if (!t.is(i, 'table')) return undefined;
  i++;
  const ifExists = t.is(i, 'if') && t.is(i + 1, 'exists');
  if (ifExists) i += 2;
  const tables: { schema?: string; table: string }[] = [];
  for (;;) {
    const q = readQName(t, i, st.tokEnd);
    if (!q) break;
    tables.push({ schema: q.schema, table: q.name });
    if (!t.punct(q.next, ',')) break;
    i = q.next + 1;
  }
  return tables.length ? { kind: 'drop-table', tables, ifExists, span: spanOf(st), file } : undefined;
}

/** MySQL RENAME TABLE a TO b[, c TO d]: one event per pair, in order. */
export function readRenameTable(t: Tokens, st: RawStatement, file: string): SchemaEvent[] {
  const out: SchemaEvent[] = [];
  if (!t.is(st.tokStart + 1, 'table')) return out;
  let i = st.tokStart + 2;
  for (;;) {
    const from = readQName(t, i, st.tokEnd);
    if (!from || !t.is(from.next, 'to')) break;
    const to = readQName(t, from.next + 1, st.tokEnd);
    if (!to) break;
    out.push({ kind: 'rename-table', from: { schema: from.schema, table: from.name }, to: to.name, span: spanOf(st), file });
    if (!t.punct(to.next, ',')) break;
    i = to.next + 1;
  }
  return out;
}

/** DROP INDEX [CONCURRENTLY] [IF EXISTS] [s.]a[, b] [CASCADE]; MySQL DROP INDEX a ON t. */
export function readDropIndex(t: Tokens, st: RawStatement, file: string): SchemaEvent[] {
  let i = st.tokStart + 2;
  if (t.is(i, 'concurrently')) i++;
  if (t.is(i, 'if') && t.is(i + 1, 'exists')) i += 2;
  const names: { schema?: string; name: string }[] = [];
  let table: string | undefined;
  for (;;) {
    const q = readQName(t, i, st.tokEnd);
    if (!q) break;
    names.push({ schema: q.schema, name: q.name });
    if (t.is(q.next, 'on')) { table = readQName(t, q.next + 1, st.tokEnd)?.name; break; }
    if (!t.punct(q.next, ',')) break;
    i = q.next + 1;
  }
  return names.map((n) => ({ kind: 'drop-index', schema: n.schema, name: n.name, table, span: spanOf(st), file }));
}

/** ALTER INDEX [IF EXISTS] [s.]a RENAME TO b. */
export function readAlterIndex(t: Tokens, st: RawStatement, file: string): SchemaEvent | undefined {
  let i = st.tokStart + 2;
  if (t.is(i, 'if') && t.is(i + 1, 'exists')) i += 2;
  const q = readQName(t, i, st.tokEnd);
  if (!q || !t.is(q.next, 'rename') || !t.is(q.next + 1, 'to')) return undefined;
  const to = t.name(q.next + 2);
  return to === null ? undefined : { kind: 'rename-index', schema: q.schema, from: q.name, to, span: spanOf(st), file };
}

/** CREATE TYPE [s.]name AS ENUM ('a', 'b'). Other CREATE TYPEs (composite, range) are not enums: ignored. */
export function readCreateType(t: Tokens, st: RawStatement, file: string): SchemaEvent | undefined {
  const q = readQName(t, st.tokStart + 2, st.tokEnd);
  if (!q || !t.is(q.next, 'as') || !t.is(q.next + 1, 'enum') || !t.punct(q.next + 2, '(')) return undefined;
  const close = t.close(q.next + 2, st.tokEnd);
  const values: string[] = [];
  for (let j = q.next + 3; j < close; j++) if (t.kinds[j] === T.String) values.push(stringValue(t.raw(j), t.dialect));
  return { kind: 'create-type', schema: q.schema, name: q.name, values, span: spanOf(st), file };
}

/** DROP TYPE [IF EXISTS] a, b [CASCADE]. */
export function readDropType(t: Tokens, st: RawStatement, file: string): SchemaEvent | undefined {
  let i = st.tokStart + 2;
  if (t.is(i, 'if') && t.is(i + 1, 'exists')) i += 2;
  const types: { schema?: string; name: string }[] = [];
  for (let q = readQName(t, i, st.tokEnd); q; q = t.punct(q.next, ',') ? readQName(t, q.next + 1, st.tokEnd) : null) {
    types.push({ schema: q.schema, name: q.name });
  }
  return types.length ? { kind: 'drop-type', types, span: spanOf(st), file } : undefined;
}

/** ALTER TYPE [s.]name ADD VALUE [IF NOT EXISTS] 'x' [BEFORE|AFTER 'y'] | RENAME TO n | RENAME VALUE 'a' TO 'b'. */
export function readAlterType(t: Tokens, st: RawStatement, file: string): SchemaEvent | undefined {
  const q = readQName(t, st.tokStart + 2, st.tokEnd);
  if (!q) return undefined;
  const base = { kind: 'alter-type' as const, schema: q.schema, name: q.name, span: spanOf(st), file };
  let i = q.next;
  if (t.is(i, 'add') && t.is(i + 1, 'value')) {
    i += 2;
    if (t.is(i, 'if') && t.is(i + 1, 'not') && t.is(i + 2, 'exists')) i += 3;
    if (t.kinds[i] !== T.String) return undefined;
    const addValue = stringValue(t.raw(i), t.dialect);
    const where = t.word(i + 1);
    if ((where === 'before' || where === 'after') && t.kinds[i + 2] === T.String) {
      return { ...base, addValue, position: { where, value: stringValue(t.raw(i + 2), t.dialect) } };
    }
    return { ...base, addValue };
  }
  if (t.is(i, 'rename') && t.is(i + 1, 'to')) {
    const n = t.name(i + 2);
    return n === null ? undefined : { ...base, renameTo: n };
  }
  if (t.is(i, 'rename') && t.is(i + 1, 'value') && t.kinds[i + 2] === T.String && t.is(i + 3, 'to') && t.kinds[i + 4] === T.String) {
    return { ...base, renameValue: { from: stringValue(t.raw(i + 2), t.dialect), to: stringValue(t.raw(i + 4), t.dialect) } };
  }
  return undefined;
}

const DDL = /\b(create|alter|drop)\s+(?:unique\s+)?(table|index|type|column|constraint)\b|\balter\s+table\b|\badd\s+(?:column|constraint)\b/i;

const TEMPLATE = /\{\{[\s\S]*?\}\}|\$\{[^}]*\}|\{\$[A-Za-z_][^}]*\}/;

/** A statement holding template placeholders ({{ … }}, ${…}, PHP's {$prefix}) is not SQL until rendered. */
export function templateIn(text: string): string | undefined {
  return TEMPLATE.exec(text)?.[0];
}

export function notReadTemplate(t: Tokens, st: RawStatement, file: string, placeholder: string): SchemaEvent {
  const text = t.slice(st.tokStart, st.tokEnd);
  return {
    kind: 'not-read', reason: `templated SQL (${placeholder}): ${snippet(text, 0)} … is not read (set "placeholders" to render it)`,
    span: spanOf(st), file,
  };
}

const snippet = (text: string, at: number) => text.slice(at, at + 60).replace(/\s+/g, ' ').trim();

const normPlaceholder = (p: string) => p.replace(/\s+/g, ' ').replace(/^(\{\{|\$\{) ?/, '$1').replace(/ ?(\}\}|\})$/, '$1');

/** One placeholder replaced: where its value sits in the rendered text and where the template sat in the file. */
export interface RenderedPiece { at: number; length: number; originalAt: number; originalLength: number }

/**
 * Renders template placeholders from a config map, e.g. {"{{ index .Options \"Namespace\" }}": "auth"}.
 * Keys match whatever the whitespace inside the braces (`{{index .Options "Namespace" }}` too). Pure; the
 * result is the text to read, and the pieces replaced (in order) so that spans can be mapped back to the
 * file as written (migrations/rendered.ts). Unknown placeholders stay.
 */
export function renderTracked(text: string, placeholders: Record<string, string>): { text: string; pieces: RenderedPiece[] } {
  const keys = Object.keys(placeholders);
  const pieces: RenderedPiece[] = [];
  if (keys.length === 0 || (text.indexOf('{{') < 0 && text.indexOf('${') < 0 && text.indexOf('{$') < 0)) return { text, pieces };
  const map = new Map(keys.map((k) => [normPlaceholder(k), placeholders[k]]));
  let delta = 0;
  const rendered = text.replace(new RegExp(TEMPLATE.source, 'g'), (m: string, at: number) => {
    const value = map.get(normPlaceholder(m));
    if (value === undefined) return m;
    pieces.push({ at: at + delta, length: value.length, originalAt: at, originalLength: m.length });
    delta += value.length - m.length;
    return value;
  });
  return { text: rendered, pieces };
}

export const renderPlaceholders = (text: string, placeholders: Record<string, string>): string => renderTracked(text, placeholders).text;

/** The history events of a statement index.ts did not read (CREATE TABLE/INDEX and ALTER TABLE are read there). */
export function historyEvents(t: Tokens, st: RawStatement, file: string, out: SchemaEvent[], blockDdl: Span[]): void {
  const w0 = t.word(st.tokStart), w1 = t.word(st.tokStart + 1);
  const text = t.text.slice(st.start, st.end);
  const placeholder = templateIn(text);
  if (placeholder !== undefined) {
    if (DDL.test(text)) out.push(notReadTemplate(t, st, file, placeholder));
    return;
  }
  if (w0 === 'drop' && (w1 === 'table' || w1 === 'temporary')) { const e = readDropTable(t, st, file); if (e) out.push(e); }
  else if (w0 === 'drop' && w1 === 'index') out.push(...readDropIndex(t, st, file));
  else if (w0 === 'rename' && w1 === 'table') out.push(...readRenameTable(t, st, file));
  else if (w0 === 'alter' && w1 === 'index') { const e = readAlterIndex(t, st, file); if (e) out.push(e); }
  else if (w0 === 'create' && w1 === 'type') { const e = readCreateType(t, st, file); if (e) out.push(e); }
  else if (w0 === 'alter' && w1 === 'type') { const e = readAlterType(t, st, file); if (e) out.push(e); }
  else if (w0 === 'drop' && w1 === 'type') { const e = readDropType(t, st, file); if (e) out.push(e); }
  else if (w0 === 'do') {
    const r = readDoBlock(t, st, file);
    if (r) { blockDdl.push(...r.apply); if (r.notRead) out.push(r.notRead); }
  }
}

export const eventStart = (ev: SchemaEvent): number =>
  ev.kind === 'create-table' ? ev.table.span.start : ev.kind === 'create-index' ? ev.index.span.start
    : ev.kind === 'alter' ? ev.alteration.span.start : ev.span.start;

/** The events of a file's DO-block DDL (read from the file with all else blanked) put in statement order. */
export function withBlockEvents(events: SchemaEvent[], block: SchemaEvent[]): SchemaEvent[] {
  if (!block.length) return events;
  return [...events, ...block].sort((a, b) => eventStart(a) - eventStart(b));
}
