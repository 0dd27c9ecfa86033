// Entry point of the reader: text → FileModel. Lex + split once, then read each statement by its head.
import type { Alteration, DialectSetting, FileModel, Index, InsertRows, SchemaEvent, Span, Table, Unreadable, View } from '../model.ts';
import { computeLineStarts, positionAt } from '../positions.ts';
import { readAlterTable, readCommentOn } from './alter.ts';
import { readSuppressions } from './comments.ts';
import { createIndexWord, readCreateIndex } from './create-index.ts';
import { createTableWord, readCreateTable } from './create-table.ts';
import { detectDialect } from './dialect.ts';
import { keepOnly } from './do-block.ts';
import { historyEvents, withBlockEvents } from './history.ts';
import { readCopy, readInsert, type RowBudget } from './insert.ts';
import { splitStatements } from './split.ts';
import { createViewWord, readCreateView } from './create-view.ts';

export { detectDialect } from './dialect.ts';

/** `detected`: the answer of detectDialect(text, dialect) when the caller has it already. */
export function readFile(text: string, file: string, dialect: DialectSetting = 'auto', detected = detectDialect(text, dialect)): FileModel {
  const { dialect: d, source } = detected;
  const { tokens: t, statements } = splitStatements(text, d);
  const tables: Table[] = [];
  const indexes: Index[] = [];
  const alterations: Alteration[] = [];
  const inserts: InsertRows[] = [];
  const views: View[] = [];
  const unreadable: Unreadable[] = [];
  let events: SchemaEvent[] = [];
  const blockDdl: Span[] = []; // DDL inside DO blocks that always runs: read below, as events only
  const budget: RowBudget = new Map();
  let prevEnd = 0;
  for (const st of statements) {
    const w0 = t.word(st.tokStart);
    const eventsBefore = events.length;
    if (w0 === 'insert' || w0 === 'replace') {
      const r = readInsert(t, st, file, budget);
      if (r) inserts.push(r);
    } else if (w0 === 'copy') {
      const r = readCopy(t, st, file, budget);
      if (r) inserts.push(r);
    } else if (w0 === 'create') {
      if (createTableWord(t, st) >= 0) {
        const r = readCreateTable(t, st, file, d, prevEnd);
        if (r.ok) {
          tables.push(r.table);
          indexes.push(...r.indexes);
          events.push({ kind: 'create-table', table: r.table }, ...r.indexes.map((index) => ({ kind: 'create-index' as const, index })));
        } else {
          unreadable.push({ span: shortSpan(text, st.start, st.end), file, message: r.message, tableName: r.tableName });
        }
      } else if (createIndexWord(t, st) >= 0) {
        const idx = readCreateIndex(t, st, file);
        if (idx) indexes.push(idx), events.push({ kind: 'create-index', index: idx });
      } else if (createViewWord(t, st) >= 0) {
        const v = readCreateView(t, st, file);
        if (v) views.push(v);
      } else if (t.is(st.tokStart + 1, 'schema')) {
        readSchemaElements(t, st, file, d, prevEnd, tables, indexes, unreadable, text, events);
      }
    } else if (w0 === 'alter' && t.is(st.tokStart + 1, 'table')) {
      const r = readAlterTable(t, st, file);
      if (r.alteration) alterations.push(r.alteration), events.push({ kind: 'alter', alteration: r.alteration });
      indexes.push(...r.indexes);
      for (const index of r.indexes) events.push({ kind: 'create-index', index });
    } else if (w0 === 'comment' && t.is(st.tokStart + 1, 'on')) {
      const a = readCommentOn(t, st, file);
      if (a) alterations.push(a), events.push({ kind: 'alter', alteration: a });
    }
    if (events.length === eventsBefore) historyEvents(t, st, file, events, blockDdl);
    prevEnd = st.end;
  }
  if (blockDdl.length) events = withBlockEvents(events, readFile(keepOnly(text, blockDdl), file, d).events);
  const lineStarts = computeLineStarts(text);
  const hashLines = t.comments.filter((c) => c.hash);
  const notices = hashLines.length && d !== 'mysql' && d !== 'mariadb'
    ? [{ span: { start: hashLines[0].start, end: hashLines[0].end }, message: `${hashLines.length} line${hashLines.length === 1 ? '' : 's'} starting with # ${hashLines.length === 1 ? 'was' : 'were'} read as comments, though # is a comment only in MySQL, not in ${d}` }]
    : [];
  return {
    file, dialect: d, dialectSource: source, tables, indexes, alterations, inserts, ...(views.length ? { views } : {}), unreadable, events,
    ...(notices.length ? { notices } : {}),
    ...(t.unterminated ? { unterminated: t.unterminated } : {}),
    suppressions: readSuppressions(text, t.comments, lineStarts), statementCount: statements.length, lineStarts,
  };
}

/** CREATE SCHEMA s CREATE TABLE … CREATE INDEX …: each embedded CREATE is read as its own statement. */
function readSchemaElements(
  t: ReturnType<typeof splitStatements>['tokens'], st: ReturnType<typeof splitStatements>['statements'][number],
  file: string, d: FileModel['dialect'], floor: number, tables: Table[], indexes: Index[], unreadable: Unreadable[], text: string,
  events: SchemaEvent[],
): void {
  const starts: number[] = [];
  for (let i = st.tokStart + 2; i < st.tokEnd; i++) if (t.is(i, 'create')) starts.push(i);
  starts.forEach((s, k) => {
    const e = k + 1 < starts.length ? starts[k + 1] : st.tokEnd;
    const sub = { tokStart: s, tokEnd: e, start: t.starts[s], end: t.ends[e - 1] };
    if (createTableWord(t, sub) >= 0) {
      const r = readCreateTable(t, sub, file, d, floor);
      if (r.ok) {
        tables.push(r.table), indexes.push(...r.indexes);
        events.push({ kind: 'create-table', table: r.table }, ...r.indexes.map((index) => ({ kind: 'create-index' as const, index })));
      } else unreadable.push({ span: shortSpan(text, sub.start, sub.end), file, message: r.message, tableName: r.tableName });
    } else if (createIndexWord(t, sub) >= 0) {
      const idx = readCreateIndex(t, sub, file);
      if (idx) indexes.push(idx), events.push({ kind: 'create-index', index: idx });
    }
  });
}

/** The first line of a statement: a short range for a diagnostic on an unreadable statement. */
function shortSpan(text: string, start: number, end: number): { start: number; end: number } {
  const nl = text.indexOf('\n', start);
  return { start, end: nl < 0 || nl > end ? end : nl };
}

export { positionAt };
