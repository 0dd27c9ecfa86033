// Reads a file in pieces: the core splitter cuts the text at statement boundaries (split.ts, "cuts") into
// pieces of at least MIN_PIECE characters, and each piece's statements are read on their own (readRange).
// Because the splitter is in its initial state at a cut, the pieces' models, concatenated, are the model of the
// whole text (readWhole; the tests compare them). The CLI reads every file this way once; the language server
// keeps the pieces of each file, so an edit re-reads the pieces from the one it starts in up to the first cut
// after it that was also a cut before (the old pieces from there on are the same statements, moved).
//
// Moving a piece moves its spans in place (no copy of the model). So a FileModel from this reader is valid
// until the next read of the same file by the same reader; what must outlive a read (the engine's findings)
// holds its own copies of spans (shift.ts ownSpans).
import type { Dialect, DialectSetting, FileModel, InsertRows, Span, Table } from '../model.ts';
import { computeLineStarts, lineStartsInSteps, positionAt, updateLineStarts } from '../positions.ts';
import { detectDialect, detectInSteps, newDetectCache, type DetectCache } from '../reader/dialect.ts';
import { ROW_CAP } from '../reader/insert.ts';
import { hashNotices, readRange, withNotices, type RangeRead } from '../reader/statements.ts';
import { diffRegion, type EditRegion } from './diff.ts';

/**
 * A piece ends at the first cut this far past its start. Smaller pieces make an edit re-read less text; larger
 * ones cost less per piece when merging (a keystroke in musicbrainz.sql, 4,000 lines, re-reads one of ~80).
 */
const MIN_PIECE = 2048;
const NO_LINES: number[] = [];

interface Piece {
  start: number;
  end: number;
  read: RangeRead;
  /** Every span of the piece's model, collected when it first moves. */
  spans?: Span[];
  /**
   * Read anew after an edit: its spans are collected when it first moves, not ahead (prepareMoves). Typing re-reads
   * the same piece on every keystroke, and collecting its spans after each one was work thrown away on the next.
   */
  edited?: true;
  /** The lower-case table names of its INSERTs as numbers (the row budget's keys, tableId), when first needed. */
  insertKeys?: number[];
  /** Its INSERTs as the row budget last cut them (by position; absent where not cut). */
  capped?: InsertRows[];
}

interface FileState {
  text: string; dialect: Dialect; pieces: Piece[]; model: FileModel;
  /** The pieces' models as one, before the row budget (merge()): the next read after an edit reuses its lists. */
  merged?: FileModel;
}

/** A read after an edit: its pieces k … k + fresh − 1 are new, the others the previous read's (from `resume` on, moved). */
interface Splice { prev: FileState; k: number; fresh: number; resume: number }

type ListKey = 'tables' | 'indexes' | 'alterations' | 'inserts' | 'unreadable' | 'events' | 'suppressions';

/**
 * What a read re-read, when it kept pieces of the previous read: the models of the pieces it dropped and of those
 * it read anew, and the nearest tables on both sides of them. Every other statement is the previous read's, moved.
 */
export interface ReadChange {
  dropped: FileModel[];
  read: FileModel[];
  /** The last table before the re-read pieces and the first one after them (in the new model). */
  neighbours: Table[];
}

export class IncrementalReader {
  private files = new Map<string, FileState>();
  private detectCaches = new Map<string, DetectCache>();
  stats = { piecesRead: 0, piecesReused: 0, piecesCopied: 0 };

  /**
   * `edit`: the text the caller last read this file from and where `text` differs from it (the engine knows
   * it); used when it is the text of this reader's last read, else the difference is computed here. `change`
   * is null when nothing of the previous read was kept (first read, dialect changed).
   */
  read(text: string, file: string, setting: DialectSetting, edit?: { from: string; region: EditRegion | null }, detected?: ReturnType<typeof detectDialect>): { model: FileModel; change: ReadChange | null } {
    let cache = this.detectCaches.get(file);
    if (!cache) this.detectCaches.set(file, (cache = newDetectCache()));
    const prev = this.files.get(file);
    // where the text changed since the last read: detection re-tests only there when it last saw that text too
    const region = prev ? (edit && edit.from === prev.text ? edit.region : diffRegion(prev.text, text)) ?? null : undefined;
    const d = detected ?? detectDialect(text, setting, cache, prev && cache.text === prev.text ? region : undefined);
    if (!prev || prev.dialect !== d.dialect || prev.model.dialectSource !== d.source) {
      const lineStarts = computeLineStarts(text);
      return { model: this.keep(file, text, d, this.readFrom(text, file, d, 0, lineStarts), lineStarts).model, change: null };
    }
    const r = region ?? null;
    if (!r) return { model: prev.model, change: { dropped: [], read: [], neighbours: [] } };
    const lineStarts = updateLineStarts(prev.model.lineStarts, text, r);
    const old = prev.pieces;
    // Pieces that end at or before the edit are unchanged, their end still a cut (a cut depends only on the text
    // before it); the last piece ends at the text's end, not at a cut, so it is never kept before an append.
    let k = 0;
    while (k < old.length - 1 && old[k].end <= r.start) k++;
    const delta = r.newEnd - r.oldEnd;
    const oldAt = new Map<number, number>();
    for (let j = k; j < old.length; j++) if (old[j].start >= r.oldEnd) oldAt.set(old[j].start, j);
    const pieces = old.slice(0, k);
    const fresh: Piece[] = [];
    let pos = k < old.length ? old[k].start : 0;
    let resume = -1;
    for (;;) {
      const p = this.readPiece(text, file, d, pos, lineStarts);
      p.edited = true;
      pieces.push(p); fresh.push(p);
      if (p.end >= text.length) break;
      pos = p.end;
      // A cut past the edit that was a cut before: from here on the old pieces are the same text, moved.
      const j = pos >= r.newEnd ? oldAt.get(pos - delta) : undefined;
      if (j !== undefined) { resume = j; break; }
    }
    const lines = lineStarts.length - prev.model.lineStarts.length;
    if (resume >= 0) {
      for (let j = resume; j < old.length; j++) {
        const p = old[j];
        if (delta !== 0 || lines !== 0) movePiece(p, delta, lines);
        pieces.push(p);
        this.stats.piecesReused++;
      }
    }
    this.stats.piecesReused += k;
    const dropped = old.slice(k, resume >= 0 ? resume : old.length).map((p) => p.read.model);
    const neighbours: Table[] = [];
    const before = pieces[k - 1]?.read.model.tables;
    if (before?.length) neighbours.push(before[before.length - 1]);
    const after = pieces[k + fresh.length]?.read.model.tables;
    if (after?.length) neighbours.push(after[0]);
    const { model, whole } = this.keep(file, text, d, pieces, lineStarts, { prev, k, fresh: fresh.length, resume });
    // the row budget forced a read in one piece: nothing of the previous read was kept
    return { model, change: whole ? null : { dropped, read: fresh.map((p) => p.read.model), neighbours } };
  }

  /**
   * A first read in steps, so a caller can give its event loop a turn between them (the cold read of a 17 MB
   * file is seconds of work): dialect detection (a step per 64 KB tested), the line starts (a step per 1 MB),
   * each piece, the merge of the pieces and the file-wide row budget. Each `next()` yields the offset read up
   * to. Whatever this reader kept of `file` is forgotten; the result equals a first read()'s (change null). The
   * caller must not interleave other reads of `file` until the generator has returned.
   */
  *readInSteps(text: string, file: string, setting: DialectSetting): Generator<number, { model: FileModel; change: null }> {
    this.forget(file);
    const cache: DetectCache = newDetectCache();
    this.detectCaches.set(file, cache);
    const detecting = detectInSteps(text, setting, cache);
    let r = detecting.next();
    for (; !r.done; r = detecting.next()) yield 0;
    const d = r.value;
    yield 0;
    const lining = lineStartsInSteps(text);
    let l = lining.next();
    for (; !l.done; l = lining.next()) yield 0;
    const lineStarts = l.value;
    yield 0;
    const pieces: Piece[] = [];
    for (const p of this.piecesFrom(text, file, d, 0, lineStarts)) {
      pieces.push(p);
      yield p.end;
    }
    const merged = merge(pieces, file, d, lineStarts);
    yield text.length;
    const budget = budgetInSteps(merged, pieces);
    let b = budget.next();
    for (; !b.done; b = budget.next()) yield text.length;
    return { model: this.keep(file, text, d, pieces, lineStarts, undefined, { merged, budgeted: b.value }).model, change: null };
  }

  has(file: string): boolean { return this.files.has(file); }

  /**
   * Collects the span objects of the file's pieces ahead of the first edit (what movePiece would collect when it
   * first moves them: an edit near the top of a 17 MB file moves every piece after it), until `deadline`
   * (performance.now()). Returns true when every piece has them (but the few an edit read anew: `edited`).
   */
  prepareMoves(file: string, deadline: number): boolean {
    const st = this.files.get(file);
    if (!st) return true;
    for (const p of st.pieces) {
      if (p.spans || p.edited) continue;
      if (performance.now() >= deadline) return false;
      p.spans = spansOf(p.read);
    }
    return true;
  }

  forget(file: string): void { this.files.delete(file); this.detectCaches.delete(file); }

  private readPiece(text: string, file: string, d: ReturnType<typeof detectDialect>, from: number, lineStarts: number[]): Piece {
    const read = readRange(text, file, d, from, from + MIN_PIECE, lineStarts);
    read.model.lineStarts = NO_LINES; // a piece outlives the read's lineStarts: the merged model carries them
    this.stats.piecesRead++;
    return { start: from, end: read.end, read };
  }

  private readFrom(text: string, file: string, d: ReturnType<typeof detectDialect>, from: number, lineStarts: number[]): Piece[] {
    return [...this.piecesFrom(text, file, d, from, lineStarts)];
  }

  /**
   * The pieces from `from` to the text's end, one at a time (readFrom and readInSteps share this loop). A piece
   * whose text is that of a piece read before in this loop (a file holding copies of a schema: dumps
   * concatenated) is a copy of that piece's model, moved, instead of a second read: the splitter is in its initial
   * state at both starts, so the same text gives the same statements and the same cut at its end. The last
   * piece is always read (it may end inside a comment or string).
   */
  private *piecesFrom(text: string, file: string, d: ReturnType<typeof detectDialect>, from: number, lineStarts: number[]): Generator<Piece> {
    const seen = new Map<string, Piece[]>();
    for (let pos = from; ;) {
      const head = pos + MIN_PIECE < text.length ? text.slice(pos, pos + MIN_PIECE) : null;
      const same = head === null ? undefined : seen.get(head)?.find((q) => pos + (q.end - q.start) < text.length && text.startsWith(text.slice(q.start, q.end), pos));
      const p = same ? copyPiece(same, pos, positionAt(lineStarts, pos).line - positionAt(lineStarts, same.start).line) : this.readPiece(text, file, d, pos, lineStarts);
      if (same) this.stats.piecesCopied++;
      else if (head !== null && p.end < text.length) { const l = seen.get(head); if (l) l.push(p); else seen.set(head, [p]); }
      yield p;
      if (p.end >= text.length) return;
      pos = p.end;
    }
  }

  /** Merges the pieces and keeps them for the next read; falls back to one piece when the row budget needs it. */
  private keep(file: string, text: string, d: ReturnType<typeof detectDialect>, pieces: Piece[], lineStarts: number[], splice?: Splice, done?: { merged: FileModel; budgeted: FileModel | null }): { model: FileModel; whole: boolean } {
    const merged = done?.merged ?? merge(pieces, file, d, lineStarts, splice);
    // no INSERT changed (the same list): the budget cuts them as before
    const prev = splice?.prev;
    let model = done ? done.budgeted
      : prev?.merged && merged.inserts === prev.merged.inserts && prev.pieces.length > 1 ? { ...merged, inserts: prev.model.inserts } : applyRowBudget(merged, pieces);
    const whole = !model;
    if (!model) {
      const whole = readRange(text, file, d, 0, Infinity, lineStarts);
      pieces = [{ start: 0, end: text.length, read: whole }];
      const notices = hashNotices(whole.hashLines, whole.firstHash, d.dialect);
      model = notices ? withNotices(whole.model, notices) : { ...whole.model };
      whole.model.lineStarts = NO_LINES;
    }
    this.files.set(file, { text, dialect: d.dialect, pieces, model, ...(whole ? {} : { merged }) });
    return { model, whole };
  }
}

/** Moves a piece by `delta` offsets and `lines` lines: its spans in place, its suppressions' lines. */
function movePiece(p: Piece, delta: number, lines: number): void {
  const m = p.read.model;
  p.spans ??= spansOf(p.read);
  if (delta !== 0) for (const s of p.spans) { s.start += delta; s.end += delta; }
  if (lines !== 0) for (const s of m.suppressions) s.line += lines;
  if (m.unterminated) m.unterminated.offset += delta;
  p.start += delta; p.end += delta;
}

/**
 * A copy of piece q's model at offset `at`, `lines` lines further: what reading q's text there gives. Copied
 * as movePiece moves: every span object shifted, suppression lines shifted; INSERT rows (values only) are shared.
 * Objects reached twice (a table from `tables` and from its event) are copied once.
 */
function copyPiece(q: Piece, at: number, lines: number): Piece {
  const delta = at - q.start;
  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const done = copies.get(v);
    if (done !== undefined) return done;
    if (Array.isArray(v)) {
      const a: unknown[] = [];
      copies.set(v, a);
      for (const x of v) a.push(copy(x));
      return a;
    }
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 2 && typeof o.start === 'number' && typeof o.end === 'number') {
      const span = { start: o.start + delta, end: o.end + delta };
      copies.set(v, span);
      return span;
    }
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const k of keys) out[k] = k === 'rows' ? o[k] : copy(o[k]);
    return out;
  };
  const m = q.read.model;
  const model = { ...(copy(m) as FileModel), suppressions: m.suppressions.map((x) => ({ ...x, line: x.line + lines })), lineStarts: NO_LINES };
  const read: RangeRead = { ...q.read, model, end: q.read.end + delta, ...(q.read.firstHash ? { firstHash: copy(q.read.firstHash) as Span } : {}) };
  return { start: at, end: q.end + delta, read };
}

/** Every span object of a piece's model, once each (a table is reached from `tables` and from its event). */
function spansOf(r: RangeRead): Span[] {
  const out: Span[] = [];
  const seen = new Set<object>();
  const visit = (v: object) => {
    if (seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) { for (const x of v) if (x !== null && typeof x === 'object') visit(x); return; }
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) { out.push(o as unknown as Span); return; }
    // INSERT rows hold values only: not walked (a data file has millions)
    for (const k in o) { if (k === 'rows') continue; const x = o[k]; if (x !== null && typeof x === 'object') visit(x); }
  };
  const m = r.model;
  visit([m.tables, m.indexes, m.alterations, m.inserts, m.views ?? [], m.unreadable, m.events]);
  if (r.firstHash) visit(r.firstHash);
  return out;
}

/** The pieces' models as one, with the keys in the order of a read in one piece (views only when there are some). */
function merge(pieces: Piece[], file: string, d: ReturnType<typeof detectDialect>, lineStarts: number[], splice?: Splice): FileModel {
  if (pieces.length === 1) {
    const r = pieces[0].read;
    const notices = hashNotices(r.hashLines, r.firstHash, d.dialect);
    const m = { ...r.model, lineStarts };
    return notices ? withNotices(m, notices) : m;
  }
  const views: NonNullable<FileModel['views']> = [];
  for (const p of pieces) if (p.read.model.views) for (const x of p.read.model.views) views.push(x);
  const list = <K extends ListKey>(key: K) => (splice?.prev.merged && splice.prev.pieces.length > 1 ? spliced(pieces, splice, key) : joined(pieces, key));
  const out: FileModel = {
    file, dialect: d.dialect, dialectSource: d.source, tables: list('tables'), indexes: list('indexes'), alterations: list('alterations'), inserts: list('inserts'),
    ...(views.length ? { views } : {}), unreadable: list('unreadable'), events: list('events'), suppressions: list('suppressions'), statementCount: 0, lineStarts,
  };
  let hashLines = 0, firstHash: Span | undefined;
  for (const p of pieces) {
    const m = p.read.model;
    out.statementCount += m.statementCount;
    hashLines += p.read.hashLines;
    firstHash ??= p.read.firstHash;
  }
  // Only the last piece can end inside a comment or string: a cut is never inside one.
  const unterminated = pieces[pieces.length - 1].read.model.unterminated;
  const notices = hashNotices(hashLines, firstHash, d.dialect);
  const m = unterminated ? { ...withoutTail(out), unterminated, ...tail(out) } : out;
  return notices ? withNotices(m, notices) : m;
}

/** The pieces' lists of one kind, concatenated. */
function joined<K extends ListKey>(pieces: Piece[], key: K): FileModel[K] {
  const out: FileModel[K][number][] = [];
  for (const p of pieces) for (const x of p.read.model[key]) out.push(x);
  return out as FileModel[K];
}

/**
 * joined() after an edit, from the previous read's list: the items of the pieces before and after the new ones
 * are the previous list's head and tail (the same objects), so those are copied in one go — or the previous list
 * is the list, when neither the dropped pieces nor the new ones have an item of that kind (typing in a CREATE
 * TABLE changes no INSERT, index or ALTER list of a 17 MB file).
 */
function spliced<K extends ListKey>(pieces: Piece[], s: Splice, key: K): FileModel[K] {
  const old = s.prev.pieces, was = s.prev.merged![key] as FileModel[K][number][];
  const end = s.resume >= 0 ? s.resume : old.length;
  let same = true;
  for (let j = s.k; j < end && same; j++) if (old[j].read.model[key].length) same = false;
  for (let j = s.k; j < s.k + s.fresh && same; j++) if (pieces[j].read.model[key].length) same = false;
  if (same) return was as FileModel[K];
  let head = 0, tail = 0;
  for (let j = 0; j < s.k; j++) head += old[j].read.model[key].length;
  for (let j = end; j < old.length; j++) tail += old[j].read.model[key].length;
  const out = was.slice(0, head);
  for (let j = s.k; j < s.k + s.fresh; j++) for (const x of pieces[j].read.model[key]) out.push(x);
  return (tail ? out.concat(was.slice(was.length - tail)) : out) as FileModel[K];
}

const withoutTail = ({ suppressions: _s, statementCount: _c, lineStarts: _l, ...head }: FileModel) => head;
const tail = (m: FileModel) => ({ suppressions: m.suppressions, statementCount: m.statementCount, lineStarts: m.lineStarts });

/**
 * The reader keeps at most ROW_CAP rows per table across the whole file and only counts the rest. Pieces
 * are read with their own budget, so the merged rows are cut to the file-wide budget here. Exact except when
 * the cap falls inside an INSERT that also has unreadable rows (whether those count as skipped or omitted
 * depends on where they are): then null, and the file is read in one piece.
 */
function applyRowBudget(m: FileModel, pieces: Piece[]): FileModel | null {
  const steps = budgetInSteps(m, pieces);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** INSERT statements budgeted between two steps of budgetInSteps (a 17 MB dump has 34,000). */
const BUDGET_STEP = 1024;

/** applyRowBudget as a generator: a step per BUDGET_STEP statements (readInSteps). */
function* budgetInSteps(m: FileModel, pieces: Piece[]): Generator<void, FileModel | null> {
  // Run on every keystroke over every INSERT of the file: each piece keeps its tables' names as small numbers
  // (no case folding or string hashing per INSERT then) and the cut INSERTs it gave last time.
  const kept = new Int32Array(tableIds.size + pieces.reduce((n, p) => n + (p.insertKeys ? 0 : p.read.model.inserts.length), 0));
  let changed = false;
  const inserts: InsertRows[] = [];
  for (const p of pieces) {
    const own = p.read.model.inserts;
    const keys = (p.insertKeys ??= own.map((r) => tableId(r.table.toLowerCase())));
    for (let j = 0; j < own.length; j++) {
      if (inserts.length % BUDGET_STEP === BUDGET_STEP - 1) yield;
      const r = own[j], key = keys[j];
      const k = kept[key];
      const localOmitted = r.rowsOmitted ?? 0;
      if (k >= ROW_CAP) {
        // A read in one piece evaluates none of these rows: all are counted as omitted.
        const total = r.rows.length + r.skippedRows + localOmitted;
        if (total === 0) { inserts.push(r); continue; }
        changed = true;
        inserts.push(capped(p, j, 0, total));
        continue;
      }
      if (k + r.rows.length <= ROW_CAP && !localOmitted) { kept[key] = k + r.rows.length; inserts.push(r); continue; }
      if (r.skippedRows > 0) return null;
      const room = ROW_CAP - k;
      kept[key] = ROW_CAP;
      changed = true;
      inserts.push(capped(p, j, room, r.rows.length - room + localOmitted));
    }
  }
  return changed ? { ...m, inserts } : m;
}

/** Lower-case table names as small numbers (the row budget's keys), shared by every file. */
const tableIds = new Map<string, number>();
const tableId = (name: string) => { let id = tableIds.get(name); if (id === undefined) tableIds.set(name, (id = tableIds.size)); return id; };

/**
 * The piece's INSERT j with its first `room` rows kept and `omitted` counted, the same object for the same budget
 * on every merge: the workspace merge after an edit finds what changed by identity (remerge.ts), and a cut INSERT
 * in a piece the edit did not touch has not changed.
 */
function capped(p: Piece, j: number, room: number, omitted: number): InsertRows {
  const r = p.read.model.inserts[j];
  const c = p.capped?.[j];
  if (c && c.rows.length === room && c.rowsOmitted === omitted) return c;
  const out = room === 0 ? { ...r, rows: [], skippedRows: 0, rowsOmitted: omitted } : { ...r, rows: r.rows.slice(0, room), rowsOmitted: omitted };
  (p.capped ??= [])[j] = out;
  return out;
}
