// The statement loop of the reader: lex + split a range of the text, then read each statement by its head.
import type { Alteration, Dialect, FileModel, Index, InsertRows, SchemaEvent, Span, Table, Unreadable, View } from '../model.ts';
import { readAlterTable, readCommentOn } from './alter.ts';
import { readSuppressions } from './comments.ts';
import { createIndexWord, readCreateIndex } from './create-index.ts';
import { createTableWord, readCreateTable } from './create-table.ts';
import { keepOnly } from './do-block.ts';
import { historyEvents, withBlockEvents } from './history.ts';
import { readCopy, readInsert, type RowBudget } from './insert.ts';
import { splitStatements } from './split.ts';
import { createViewWord, readCreateView } from './create-view.ts';

/** What one read of [from, end) gives: the model of its statements and what merging pieces needs. */
export interface RangeRead {
  model: FileModel;
  /** Where the range ends: the first cut at or after `minCut`, or the text's end. */
  end: number;
  /** `#` lines read as comments outside MySQL: how many, and the first (FileModel.notices). */
  hashLines: number;
  firstHash?: Span;
}

/**
 * Reads the statements from offset `from` (0 or a cut, see splitStatements) to the first cut at or after
 * `minCut` (Infinity: to the end). Spans are offsets in the whole text, suppression lines lines of the whole
 * text (`lineStarts` is the whole text's). Reading the pieces of a text one after another and concatenating
 * the models gives the model of the whole text (core/incremental/reader.ts merges them).
 */
export function readRange(text: string, file: string, detected: { dialect: Dialect; source: FileModel['dialectSource'] }, from: number, minCut: number, lineStarts: number[]): RangeRead {
  const { dialect: d, source } = detected;
  const { tokens: t, statements, end } = splitStatements(text, d, from, minCut);
  const tables: Table[] = [];
  const indexes: Index[] = [];
  const alterations: Alteration[] = [];
  const inserts: InsertRows[] = [];
  const views: View[] = [];
  const unreadable: Unreadable[] = [];
  let events: SchemaEvent[] = [];
  const blockDdl: Span[] = []; // DDL inside DO blocks that always runs: read below, as events only
  const budget: RowBudget = new Map();
  let prevEnd = from;
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
  // DDL of DO blocks: read from the text with everything else blanked (same offsets), over this range only
  if (blockDdl.length) events = withBlockEvents(events, readRange(keepOnly(text, blockDdl), file, { dialect: d, source }, from, end, lineStarts).model.events);
  const hash = t.comments.filter((c) => c.hash);
  const model: FileModel = {
    file, dialect: d, dialectSource: source, tables, indexes, alterations, inserts, ...(views.length ? { views } : {}), unreadable, events,
    ...(t.unterminated ? { unterminated: t.unterminated } : {}),
    suppressions: readSuppressions(text, t.comments, lineStarts), statementCount: statements.length, lineStarts,
  };
  return { model, end, hashLines: hash.length, ...(hash.length ? { firstHash: { start: hash[0].start, end: hash[0].end } } : {}) };
}

/** The model with `notices` in the reader's key order (after events, before unterminated). */
export function withNotices(m: FileModel, notices: NonNullable<FileModel['notices']>): FileModel {
  const { unterminated, suppressions, statementCount, lineStarts, ...head } = m;
  return { ...head, notices, ...(unterminated ? { unterminated } : {}), suppressions, statementCount, lineStarts };
}

/**
 * FileModel.notices: `#` lines read as comments outside MySQL. Comes before `unterminated` and the rest in the
 * model's key order (the CLI's JSON prints models as they are).
 */
export function hashNotices(count: number, first: Span | undefined, d: Dialect): FileModel['notices'] {
  if (!count || !first || d === 'mysql' || d === 'mariadb') return undefined;
  return [{ span: first, message: `${count} line${count === 1 ? '' : 's'} starting with # ${count === 1 ? 'was' : 'were'} read as comments, though # is a comment only in MySQL, not in ${d}` }];
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

