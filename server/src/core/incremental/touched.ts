// Which tables an edit can change the findings of: tables whose statement (or the comment block around it)
// overlaps the edited region, tables named by changed ALTER / CREATE INDEX / INSERT / COMMENT statements,
// then everything linked to them by foreign keys (referencing tables transitively, because dependency
// inference follows FK chains; referenced tables one step).
import type { FileModel, Table, WorkspaceModel } from '../model.ts';
import type { EditRegion } from './diff.ts';
import { copiesNamed, copyIndex, copyStartsOf, findTable } from '../workspace.ts';
import { remerged } from '../merge-record.ts';

export const nameKey = (name: string) => name.toLowerCase();

// Keys of the touched set: a table's lower-case name, and for the tables of copies 1, 2, … of a schema in one
// file (workspace.ts copyStartsOf) the name with the file and copy, so that an edit in one copy re-checks that
// copy, not all of them. Copy 0 keeps the bare name: other files can resolve names to it.
const copyKey = (name: string, file: string, k: number) => (k === 0 ? nameKey(name) : `${nameKey(name)}\u0000${file}#${k}`);

/** The keys of the table a statement of `model` at `offset` names (the copy it binds to, see copiesNamed). */
export function statementKeys(model: FileModel, schema: string | undefined, name: string, offset: number): string[] {
  const ks = copiesNamed(model, schema, name, offset);
  return ks.length ? ks.map((k) => copyKey(name, model.file, k)) : [nameKey(name)];
}

/** The key of a table of the workspace. */
export function tableKey(ws: WorkspaceModel, t: Table): string {
  const starts = ws.copyStarts?.get(t.file);
  return starts ? copyKey(t.name, t.file, copyIndex(starts, t.span.start)) : nameKey(t.name);
}

const addAll = (out: Set<string>, keys: string[]) => { for (const k of keys) out.add(k); };

/**
 * Adds the tables the statements of `model` in [start, end] belong to, and the nearest table on each side (unless
 * `neighbours` is false). `model` may be a part of the file's model (the pieces an edit re-read); `file` is the
 * whole, which decides the keys (the copy of a schema a statement is about). Returns whether `model` has a table
 * on each side.
 */
export function addTouched(model: FileModel, start: number, end: number, out: Set<string>, file: FileModel = model, neighbours = true): { before: boolean; after: boolean } {
  const overlaps = (s: { start: number; end: number }) => s.start <= end && s.end >= start;
  let afterStart = Infinity, beforeEnd = -1;
  let before: Table | undefined, after: Table | undefined;
  const own = (t: Table) => statementKeys(file, t.schema, t.name, t.span.start);
  for (const t of model.tables) {
    if (overlaps(t.span)) addAll(out, own(t));
    // The nearest tables on both sides: annotations and comments between statements belong to them.
    if (t.span.end <= start && t.span.end > beforeEnd) { beforeEnd = t.span.end; before = t; }
    if (t.span.start >= end && t.span.start < afterStart) { afterStart = t.span.start; after = t; }
  }
  if (neighbours && before !== undefined) addAll(out, own(before));
  if (neighbours && after !== undefined) addAll(out, own(after));
  for (const i of model.indexes) if (overlaps(i.span)) addAll(out, statementKeys(file, i.schema, i.table, i.span.start));
  for (const a of model.alterations) if (overlaps(a.span)) addAll(out, statementKeys(file, a.schema, a.table, a.span.start));
  for (const r of model.inserts) if (overlaps(r.span)) addAll(out, statementKeys(file, r.schema, r.table, r.span.start));
  for (const u of model.unreadable) if (u.tableName && overlaps(u.span)) addAll(out, statementKeys(file, undefined, u.tableName, u.span.start));
  return { before: before !== undefined, after: after !== undefined };
}

/**
 * True when the edit lies inside one CREATE TABLE statement, before and after it (the same table, the region
 * strictly within its span in the old and the new model): then it changed no text between statements, where the
 * comments and annotations of the tables around it are, and those tables need no new check on its account.
 */
export function insideOneTable(dropped: FileModel, read: FileModel, region: EditRegion): boolean {
  const within = (m: FileModel, end: number) => m.tables.find((t) => t.span.start < region.start && end < t.span.end);
  const a = within(dropped, region.oldEnd), b = within(read, region.newEnd);
  return !!a && !!b && nameKey(a.name) === nameKey(b.name) && a.schema === b.schema;
}

/**
 * True when the edit changes something that applies to the whole file: the dialect it is read in, or where its
 * copies of a schema start (a CREATE TABLE of a name created before, typed or deleted: every later statement
 * may now be about another copy of its table — workspace.ts copyStartsOf).
 */
export function fileWideChange(oldCopies: number[], oldModel: FileModel, newModel: FileModel, region?: EditRegion): boolean {
  if (oldModel.dialect !== newModel.dialect) return true;
  const a = oldCopies, b = copyStartsOf(newModel);
  if (a.length !== b.length) return true;
  const moved = (s: number) => (region && s > region.oldEnd ? s + region.newEnd - region.oldEnd : s);
  return a.some((s, i) => moved(s) !== b[i]);
}

/** Grows the touched set along foreign keys. */
export function expandByForeignKeys(ws: WorkspaceModel, touched: Set<string>): void {
  const g = graphOf(ws);
  const direct = [...touched];
  for (const n of direct) for (const target of g.references.get(n)?.keys() ?? []) touched.add(target);
  const queue = [...direct];
  while (queue.length) {
    const n = queue.pop()!;
    for (const from of g.referencedBy.get(n)?.keys() ?? []) {
      if (!touched.has(from)) { touched.add(from); queue.push(from); }
    }
  }
}

/** The tables of ws whose key is in `keys`, in workspace order. */
export function tablesWithKeys(ws: WorkspaceModel, keys: Set<string>): Table[] {
  const g = graphOf(ws);
  const out: Table[] = [];
  for (const k of keys) for (const t of g.byKey.get(k) ?? []) out.push(t);
  return out.sort((a, b) => g.position.get(a)! - g.position.get(b)!);
}

/**
 * The foreign-key graph between table keys (edges counted: two tables of one key may hold the same reference),
 * and the tables of each key. Built once per workspace; a workspace the merge after an edit built from the previous
 * one (remerge.ts) takes the previous graph over and changes only the edges of the tables it replaced: the others
 * keep their keys and their references' keys (the names are as before).
 */
interface FkGraph {
  references: Map<string, Map<string, number>>;
  referencedBy: Map<string, Map<string, number>>;
  /** Each table's key and the keys its foreign keys reference. */
  edges: Map<Table, { from: string; targets: string[] }>;
  byKey: Map<string, Set<Table>>;
  position: Map<Table, number>;
}
const graphs = new WeakMap<WorkspaceModel, FkGraph>();

/** Builds the graph ahead of the first edit (the engine's warm-up). */
export function prepareGraph(ws: WorkspaceModel): void { graphOf(ws); }

function graphOf(ws: WorkspaceModel): FkGraph {
  let g = graphs.get(ws);
  if (g) return g;
  const from = remerged.get(ws);
  const previous = from && graphs.get(from.previous);
  if (from && previous) {
    g = previous;
    graphs.delete(from.previous);
    for (const [was, now] of from.replaced) {
      const e = g.edges.get(was);
      if (e) { for (const target of e.targets) { count(g.references, e.from, target, -1); count(g.referencedBy, target, e.from, -1); } g.edges.delete(was); g.byKey.get(e.from)?.delete(was); }
      const at = g.position.get(was);
      g.position.delete(was);
      if (at !== undefined) g.position.set(now, at);
      addTable(ws, g, now);
    }
  } else {
    g = { references: new Map(), referencedBy: new Map(), edges: new Map(), byKey: new Map(), position: new Map() };
    ws.tables.forEach((t, i) => { g!.position.set(t, i); addTable(ws, g!, t); });
  }
  graphs.set(ws, g);
  return g;
}

function addTable(ws: WorkspaceModel, g: FkGraph, t: Table): void {
  const from = tableKey(ws, t);
  const targets = t.foreignKeys.map((fk) => {
    const resolved = ws.copyStarts ? findTable(ws, t, fk.references.schema, fk.references.table) : undefined;
    return resolved ? tableKey(ws, resolved) : nameKey(fk.references.table);
  });
  for (const target of targets) { count(g.references, from, target, 1); count(g.referencedBy, target, from, 1); }
  g.edges.set(t, { from, targets });
  let s = g.byKey.get(from);
  if (!s) g.byKey.set(from, (s = new Set()));
  s.add(t);
}

function count(m: Map<string, Map<string, number>>, a: string, b: string, by: number): void {
  let inner = m.get(a);
  if (!inner) m.set(a, (inner = new Map()));
  const n = (inner.get(b) ?? 0) + by;
  if (n > 0) inner.set(b, n); else inner.delete(b);
}

/**
 * Statements outside the edited region normally only move. An unterminated quote or comment typed in the
 * region changes how the rest of its piece is split, though: any statement outside the region that is not
 * the same statement moved (same table, same length) marks its table touched. `oldModel`/`newModel` may be
 * parts (the pieces dropped and read anew) of `oldFile`/`newFile`, which decide the keys.
 */
export function addMovedStatementChanges(oldModel: FileModel, newModel: FileModel, region: EditRegion, out: Set<string>, oldFile = oldModel, newFile = newModel): void {
  // Usually every statement outside the region is the same one moved, in the same order: checked without
  // building a key per statement (a 17 MB file has tens of thousands); only when not is each one looked up.
  if (sameMoved(oldModel, newModel, region)) return;
  const delta = region.newEnd - region.oldEnd;
  const outsideOld = (s: { start: number; end: number }) => s.end < region.start || s.start > region.oldEnd;
  const outsideNew = (s: { start: number; end: number }) => s.end < region.start || s.start > region.newEnd;
  const moved = (s: { start: number; end: number }) => (s.start > region.oldEnd ? `${s.start + delta}:${s.end + delta}` : `${s.start}:${s.end}`);
  const here = (s: { start: number; end: number }) => `${s.start}:${s.end}`;
  type Item = { table: string; schema?: string; span: { start: number; end: number } };
  const items = (m: FileModel): Item[] => [
    ...m.tables.map((t) => ({ table: t.name, schema: t.schema, span: t.span })),
    ...m.indexes.map((i) => ({ table: i.table, schema: i.schema, span: i.span })),
    ...m.alterations.map((a) => ({ table: a.table, schema: a.schema, span: a.span })),
    ...m.inserts.map((r) => ({ table: r.table, schema: r.schema, span: r.span })),
    ...m.unreadable.filter((u) => u.tableName).map((u) => ({ table: u.tableName!, span: u.span })),
  ];
  const oldKeys = new Map<string, Item>();
  for (const it of items(oldModel)) if (outsideOld(it.span)) oldKeys.set(`${nameKey(it.table)}|${moved(it.span)}`, it);
  const newKeys = new Set<string>();
  for (const it of items(newModel)) {
    if (!outsideNew(it.span)) continue;
    const k = `${nameKey(it.table)}|${here(it.span)}`;
    newKeys.add(k);
    if (!oldKeys.has(k)) addAll(out, statementKeys(newFile, it.schema, it.table, it.span.start));
  }
  for (const [k, it] of oldKeys) if (!newKeys.has(k)) addAll(out, statementKeys(oldFile, it.schema, it.table, it.span.start));
}

type Named = { span: { start: number; end: number } };

/** True when, list by list, the statements outside the region are the old ones moved (same name, moved span). */
function sameMoved(oldModel: FileModel, newModel: FileModel, region: EditRegion): boolean {
  const same = <T extends Named>(a: T[], b: T[], name: (x: T) => string | undefined) => {
    const delta = region.newEnd - region.oldEnd;
    let i = 0, j = 0;
    for (;;) {
      while (i < a.length && !(a[i].span.end < region.start || a[i].span.start > region.oldEnd)) i++;
      while (j < b.length && !(b[j].span.end < region.start || b[j].span.start > region.newEnd)) j++;
      if (i >= a.length || j >= b.length) return i >= a.length && j >= b.length;
      const x = a[i].span, y = b[j].span;
      const move = x.start > region.oldEnd ? delta : 0;
      if (x.start + move !== y.start || x.end + move !== y.end) return false;
      const n = name(a[i]), m = name(b[j]);
      if (n !== m && (n === undefined || m === undefined || nameKey(n) !== nameKey(m))) return false;
      i++; j++;
    }
  };
  return same(oldModel.tables, newModel.tables, (t) => t.name)
    && same(oldModel.indexes, newModel.indexes, (x) => x.table)
    && same(oldModel.alterations, newModel.alterations, (x) => x.table)
    && same(oldModel.inserts, newModel.inserts, (x) => x.table)
    && same(oldModel.unreadable.filter((u) => u.tableName), newModel.unreadable.filter((u) => u.tableName), (x) => x.tableName);
}
