// Incremental reading of a large file: the text is cut at statement boundaries into segments of a few KB,
// each segment is read on its own (and cached by its text), and the segment models are merged with their
// offsets and lines moved into place. A keystroke then re-reads one segment instead of lexing the file.
//
// Only used where it provably gives the same FileModel as reading the whole file: no block bodies
// (triggers, procedures, DELIMITER) that hide `;` inside a statement, the INSERT row budget re-applied
// file-wide, cuts only after a line ending in `;` at top level; and on every cold read the merged model is compared with
// the whole-file model, falling back for good on any difference.
import type { Dialect, DialectSetting, FileModel, Suppression } from '../model.ts';
import { computeLineStarts } from '../positions.ts';
import { readFile, detectDialect } from '../reader/index.ts';
import type { DetectCache } from '../reader/dialect.ts';
import { ROW_CAP } from '../reader/insert.ts';
import { blockCommentEnd } from '../reader/lexer.ts';
import { diffRegion, type EditRegion } from './diff.ts';

const MIN_SEGMENT = 2048;
/**
 * Above this size a second model (the segments' while the cold read's is still in use) costs more memory than
 * the whole reads cost time (17 MB file: 1.85 GB peak instead of 0.84 GB).
 */
const MAX_SEGMENTED = 4_000_000;
/** NORMLINT_SEGMENTS=0 turns segmented reading off (whole-file reads only), to compare speed and memory. */
const DISABLED = process.env.NORMLINT_SEGMENTS === '0';
// PostgreSQL bodies are quoted ($$ … $$, '…', which the scan follows) except BEGIN ATOMIC; elsewhere
// triggers, procedures and functions have BEGIN … END bodies with `;` inside.
const PG_BLOCK_BODIES = /\bBEGIN\s+ATOMIC\b/i;
const BLOCK_BODIES = /\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:DEFINER\s*=\s*\S+\s+)?(?:TRIGGER|PROCEDURE|FUNCTION|EVENT)\b|^\s*DELIMITER\b|\bBEGIN\s+ATOMIC\b|\bCREATE\s+(?:TEMP(?:ORARY)?\s+)?RULE\b/im;

/** Offsets where a segment may start: just after a line that ends in `;` outside comments, strings and parentheses. */
export function segmentStarts(text: string, dialect: Dialect, resume?: Resume): number[] | null {
  const mysql = dialect === 'mysql' || dialect === 'mariadb';
  const n = text.length;
  // Starts before the edit are unchanged; scanning resumes at the last of them (a top-level position).
  const starts = resume ? resume.kept : [0];
  let last = starts[starts.length - 1], depth = 0, i = last, lastSignificant = -1;
  while (i < n) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c === 10) {
      if (depth === 0 && lastSignificant >= 0 && text.charCodeAt(lastSignificant) === 59 && i + 1 - last >= MIN_SEGMENT && i + 1 < n) {
        starts.push(i + 1);
        last = i + 1;
        // Past the edit, at a start the old scan also had: from here on the old scan's result holds, moved.
        if (resume && last > resume.newEnd && resume.old.has(last - resume.delta)) {
          for (const o of resume.after) if (o > last - resume.delta) starts.push(o + resume.delta);
          return starts;
        }
      }
      lastSignificant = -1;
      i++;
      continue;
    }
    if (c === 45 && next === 45) { const e = text.indexOf('\n', i); if (e < 0) break; lastSignificant = -2; i = e; continue; }
    if (c === 35 && mysql) { const e = text.indexOf('\n', i); if (e < 0) break; lastSignificant = -2; i = e; continue; }
    if (c === 47 && next === 42) {
      const e = blockCommentEnd(text, i, dialect === 'postgresql');
      if (e < 0) return null;
      i = e;
      lastSignificant = -2;
      continue;
    }
    if (c === 39 || c === 34 || c === 96) {
      const escapes = c !== 96 && (mysql || (c === 39 && i > 0 && /[eE]/.test(text[i - 1]) && !/\w/.test(text[i - 2] ?? '')));
      i++;
      for (;;) {
        if (i >= n) return null;
        const d = text.charCodeAt(i);
        if (escapes && d === 92) { i += 2; continue; }
        if (d === c) { if (text.charCodeAt(i + 1) === c) { i += 2; continue; } i++; break; }
        i++;
      }
      lastSignificant = i - 1;
      continue;
    }
    if (c === 36 && dialect === 'postgresql') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m && !(i > 0 && /[\w$]/.test(text[i - 1]))) {
        const end = text.indexOf(m[0], i + m[0].length);
        if (end < 0) return null;
        i = end + m[0].length;
        lastSignificant = i - 1;
        continue;
      }
    }
    if (c === 40) depth++;
    else if (c === 41) depth = Math.max(0, depth - 1);
    if (c !== 32 && c !== 9 && c !== 13) lastSignificant = i;
    i++;
  }
  return starts;
}

interface Shifted { offset: number; line: number; model: FileModel }

/** What an incremental segmentStarts needs from the previous scan of the same file. */
export interface Resume { kept: number[]; old: Set<number>; after: number[]; delta: number; newEnd: number }

function resumeFrom(prevStarts: number[], r: EditRegion): Resume {
  const kept = prevStarts.filter((s) => s <= r.start);
  const after = prevStarts.filter((s) => s >= r.oldEnd);
  return { kept: kept.length ? kept : [0], old: new Set(after), after, delta: r.newEnd - r.oldEnd, newEnd: r.newEnd };
}

/** Reads files in segments; keeps the segment models of the last read of each file. */
export class SegmentedReader {
  private last = new Map<string, Shifted[]>();
  private lastText = new Map<string, string>();
  private lastDialect = new Map<string, Dialect>();
  /** Files where segmenting is not exact: always read whole. */
  private whole = new Set<string>();
  stats = { segmentsRead: 0, segmentsReused: 0 };
  /**
   * Set by read() when it reused segments of the previous read: the models of the segments it dropped and of those
   * it read anew. Everything else in the file model is the previous read's statements, moved.
   */
  lastChanged: { dropped: FileModel[]; read: FileModel[] } | null = null;
  private detectCaches = new Map<string, DetectCache>();

  /** detectDialect re-tests only the chunks of the text that changed since the last read of the file. */
  private detect(text: string, file: string, setting: DialectSetting): ReturnType<typeof detectDialect> {
    let cache = this.detectCaches.get(file);
    if (!cache) this.detectCaches.set(file, (cache = new Map()));
    return detectDialect(text, setting, cache);
  }

  /**
   * `edit`: the text the caller last read and where `text` differs from it (the engine has it already); used when
   * that is the text of this reader's last read, else the difference is computed here. `whole`: the caller's
   * whole-file read of this same text and setting, to check the first segmented read against (else read here).
   */
  read(text: string, file: string, setting: DialectSetting, edit?: { from: string; region: EditRegion | null }, whole?: FileModel): FileModel {
    // The first segmented read of a file is checked against the whole-file read.
    const verify = !this.last.has(file);
    this.lastChanged = null;
    if (text.length < 4 * MIN_SEGMENT || text.length > MAX_SEGMENTED || DISABLED) return readFile(text, file, setting);
    const detected = this.detect(text, file, setting);
    const readWhole = () => readFile(text, file, setting, detected);
    if (this.whole.has(file)) return readWhole();
    if ((detected.dialect === 'postgresql' ? PG_BLOCK_BODIES : BLOCK_BODIES).test(text)) return readWhole();
    // Segments read in another dialect are not reused (their tables carry that dialect).
    const prevSegs = this.lastDialect.get(file) === detected.dialect ? this.last.get(file) : undefined;
    const prevText = this.lastText.get(file);
    const r = prevSegs && prevText !== undefined
      ? (edit && edit.from === prevText ? edit.region : diffRegion(prevText, text)) ?? { start: text.length, oldEnd: text.length, newEnd: text.length }
      : undefined;
    const resume = prevSegs && r ? resumeFrom(prevSegs.map((x) => x.offset), r) : undefined;
    const starts = segmentStarts(text, detected.dialect, resume);
    if (!starts || starts.length < 2) return readWhole();
    const lineStarts = computeLineStarts(text);
    // Previous segments by offset: before the edit a segment is reused in place, after it moved by the edit's delta.
    const prevAt = new Map<number, { seg: Shifted; end: number }>();
    if (prevSegs && prevText !== undefined) prevSegs.forEach((seg, k) => prevAt.set(seg.offset, { seg, end: k + 1 < prevSegs.length ? prevSegs[k + 1].offset : prevText.length }));
    const delta = r ? r.newEnd - r.oldEnd : 0;
    const segs: Shifted[] = [];
    const reused = new Set<Shifted>();
    const fresh: FileModel[] = [];
    let line = 0;
    for (let k = 0; k < starts.length; k++) {
      const offset = starts[k];
      const end = k + 1 < starts.length ? starts[k + 1] : text.length;
      while (lineStarts[line] < offset) line++;
      if (r) {
        const before = end <= r.start ? prevAt.get(offset) : undefined;
        if (before && before.end === end) { segs.push(before.seg); reused.add(before.seg); this.stats.segmentsReused++; continue; }
        const moved = offset >= r.newEnd ? prevAt.get(offset - delta) : undefined;
        if (moved && moved.end === end - delta) {
          // The same statements moved: one copy with the net move.
          this.stats.segmentsReused++;
          reused.add(moved.seg);
          segs.push(moved.seg.offset === offset && moved.seg.line === line ? moved.seg : { offset, line, model: shiftModel(moved.seg.model, offset - moved.seg.offset, line - moved.seg.line) });
          continue;
        }
      }
      this.stats.segmentsRead++;
      const model = shiftModel(readFile(text.slice(offset, end), file, detected.dialect), offset, line);
      fresh.push(model);
      segs.push({ offset, line, model });
    }
    const merged = applyRowBudget(merge(segs, file, detected.dialect, detected.source, lineStarts));
    if (!merged) { this.forgetSegments(file); this.whole.add(file); return readWhole(); }
    if (verify) {
      const reference = whole ?? readFile(text, file, setting);
      if (!sameModel(reference, merged)) {
        this.forgetSegments(file);
        this.whole.add(file);
        return reference;
      }
    }
    if (prevSegs && r) this.lastChanged = { dropped: prevSegs.filter((s) => !reused.has(s)).map((s) => s.model), read: fresh };
    this.last.set(file, segs);
    this.lastText.set(file, text);
    this.lastDialect.set(file, detected.dialect);
    return merged;
  }

  private forgetSegments(file: string): void { this.last.delete(file); this.lastText.delete(file); }

  has(file: string): boolean { return this.last.has(file) || this.whole.has(file); }

  forget(file: string): void { this.forgetSegments(file); this.whole.delete(file); this.detectCaches.delete(file); }
}

/**
 * The reader keeps at most ROW_CAP rows per table across the whole file and only counts the rest. Segments
 * are read with their own budget, so the merged rows are cut to the file-wide budget here. Exact except when
 * the cap falls inside an INSERT that also has unreadable rows (whether those count as skipped or omitted
 * depends on where they are): then null, and the file is read whole.
 */
function applyRowBudget(m: FileModel): FileModel | null {
  const kept = new Map<string, number>();
  let changed = false;
  const inserts = m.inserts.map((r) => {
    const key = r.table.toLowerCase();
    const k = kept.get(key) ?? 0;
    const localOmitted = r.rowsOmitted ?? 0;
    if (k >= ROW_CAP) {
      // The whole-file read evaluates none of these rows: all are counted as omitted.
      kept.set(key, k);
      const total = r.rows.length + r.skippedRows + localOmitted;
      if (total === 0) return r;
      changed = true;
      return { ...r, rows: [], skippedRows: 0, rowsOmitted: total };
    }
    if (k + r.rows.length <= ROW_CAP && !localOmitted) { kept.set(key, k + r.rows.length); return r; }
    if (r.skippedRows > 0) return undefined;
    const room = ROW_CAP - k;
    kept.set(key, ROW_CAP);
    changed = true;
    return { ...r, rows: r.rows.slice(0, room), rowsOmitted: r.rows.length - room + localOmitted };
  });
  if (inserts.some((r) => r === undefined)) return null;
  return changed ? { ...m, inserts: inserts as FileModel['inserts'] } : m;
}

/** Deep equality by JSON, item by item (no file-sized strings: a 17 MB file's model stringifies to ~100 MB). */
function sameModel(a: FileModel, b: FileModel): boolean {
  const ra = a as unknown as Record<string, unknown>, rb = b as unknown as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.join() !== Object.keys(rb).join()) return false;
  for (const k of keys) {
    const x = ra[k], y = rb[k];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (JSON.stringify(x[i]) !== JSON.stringify(y[i])) return false;
    } else if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

/** The segments' models as one, with readFile's fields in readFile's order (views only when there are some). */
function merge(segs: Shifted[], file: string, dialect: Dialect, source: FileModel['dialectSource'], lineStarts: number[]): FileModel {
  const views: NonNullable<FileModel['views']> = [];
  for (const s of segs) for (const x of s.model.views ?? []) views.push(x);
  const out: FileModel = { file, dialect, dialectSource: source, tables: [], indexes: [], alterations: [], inserts: [], ...(views.length ? { views } : {}), unreadable: [], events: [], suppressions: [], statementCount: 0, lineStarts };
  for (const s of segs) {
    const m = s.model;
    for (const x of m.tables) out.tables.push(x);
    for (const x of m.indexes) out.indexes.push(x);
    for (const x of m.alterations) out.alterations.push(x);
    for (const x of m.inserts) out.inserts.push(x);
    for (const x of m.unreadable) out.unreadable.push(x);
    for (const x of m.events) out.events.push(x);
    for (const x of m.suppressions) out.suppressions.push(x);
    out.statementCount += m.statementCount;
  }
  return out;
}

/**
 * A deep copy with every span moved by `delta` and every suppression line by `lines`. Row values are shared;
 * an object reached twice (a table in `tables` and in its create-table event) is copied once.
 */
export function shiftModel(m: FileModel, delta: number, lines: number): FileModel {
  if (delta === 0 && lines === 0) return m;
  const seen = new Map<object, unknown>();
  const copy = (v: unknown, key?: string): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      // Arrays of names and values hold no spans: shared, like the rows.
      if (key === 'rows' || !v.some((x) => x !== null && typeof x === 'object')) return v;
      const a = new Array(v.length);
      for (let i = 0; i < v.length; i++) a[i] = copy(v[i]);
      return a;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) return { start: o.start + delta, end: (o.end as number) + delta };
    const done = seen.get(o);
    if (done) return done;
    const r: Record<string, unknown> = {};
    seen.set(o, r);
    for (const k in o) { const x = o[k]; r[k] = x !== null && typeof x === 'object' ? copy(x, k) : x; }
    return r;
  };
  return {
    ...m,
    tables: copy(m.tables) as FileModel['tables'],
    indexes: copy(m.indexes) as FileModel['indexes'],
    alterations: copy(m.alterations) as FileModel['alterations'],
    inserts: copy(m.inserts) as FileModel['inserts'],
    unreadable: copy(m.unreadable) as FileModel['unreadable'],
    events: copy(m.events) as FileModel['events'],
    ...(m.views ? { views: copy(m.views) as FileModel['views'] } : {}),
    suppressions: m.suppressions.map((s): Suppression => ({ ...s, line: s.line + lines })),
  };
}
