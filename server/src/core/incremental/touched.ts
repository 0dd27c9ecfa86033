// Which tables an edit can change the findings of: tables whose statement (or the comment block around it)
// overlaps the edited region, tables named by changed ALTER / CREATE INDEX / INSERT / COMMENT statements,
// then everything linked to them by foreign keys (referencing tables transitively, because dependency
// inference follows FK chains; referenced tables one step).
import type { FileModel, WorkspaceModel } from '../model.ts';
import type { EditRegion } from './diff.ts';

export const nameKey = (name: string) => name.toLowerCase();

/** Adds the tables the model's statements in [start, end] belong to; false when the edit changes file-wide state. */
export function addTouched(model: FileModel, start: number, end: number, out: Set<string>): void {
  const overlaps = (s: { start: number; end: number }) => s.start <= end && s.end >= start;
  let before: string | undefined, after: string | undefined, afterStart = Infinity, beforeEnd = -1;
  for (const t of model.tables) {
    if (overlaps(t.span)) out.add(nameKey(t.name));
    // The nearest tables on both sides: annotations and comments between statements belong to them.
    if (t.span.end <= start && t.span.end > beforeEnd) { beforeEnd = t.span.end; before = t.name; }
    if (t.span.start >= end && t.span.start < afterStart) { afterStart = t.span.start; after = t.name; }
  }
  if (before !== undefined) out.add(nameKey(before));
  if (after !== undefined) out.add(nameKey(after));
  for (const i of model.indexes) if (overlaps(i.span)) out.add(nameKey(i.table));
  for (const a of model.alterations) if (overlaps(a.span)) out.add(nameKey(a.table));
  for (const r of model.inserts) if (overlaps(r.span)) out.add(nameKey(r.table));
  for (const u of model.unreadable) if (u.tableName && overlaps(u.span)) out.add(nameKey(u.tableName));
}

/** True when the edit changes something that applies to the whole file: the dialect it is read in. */
export function fileWideChange(oldModel: FileModel, newModel: FileModel): boolean {
  return oldModel.dialect !== newModel.dialect;
}

/** Grows the touched set along foreign keys. */
export function expandByForeignKeys(ws: WorkspaceModel, touched: Set<string>): void {
  const referencedBy = new Map<string, string[]>();
  const references = new Map<string, string[]>();
  for (const t of ws.tables) {
    for (const fk of t.foreignKeys) {
      const target = nameKey(fk.references.table);
      const from = nameKey(t.name);
      let l = referencedBy.get(target);
      if (!l) referencedBy.set(target, (l = []));
      l.push(from);
      let r = references.get(from);
      if (!r) references.set(from, (r = []));
      r.push(target);
    }
  }
  const direct = [...touched];
  for (const n of direct) for (const target of references.get(n) ?? []) touched.add(target);
  const queue = [...direct];
  while (queue.length) {
    const n = queue.pop()!;
    for (const from of referencedBy.get(n) ?? []) {
      if (!touched.has(from)) { touched.add(from); queue.push(from); }
    }
  }
}

/**
 * Statements outside the edited region normally only move. An unterminated quote or comment typed in the
 * region changes how the rest of the file is split, though: any statement outside the region that is not
 * the same statement moved (same table, same length) marks its table touched.
 */
export function addMovedStatementChanges(oldModel: FileModel, newModel: FileModel, region: EditRegion, out: Set<string>): void {
  // Usually every statement outside the region is the same one moved, in the same order: checked without
  // building a key per statement (a 17 MB file has tens of thousands); only when not is each one looked up.
  if (sameMoved(oldModel, newModel, region)) return;
  const delta = region.newEnd - region.oldEnd;
  const outsideOld = (s: { start: number; end: number }) => s.end < region.start || s.start > region.oldEnd;
  const outsideNew = (s: { start: number; end: number }) => s.end < region.start || s.start > region.newEnd;
  const moved = (s: { start: number; end: number }) => (s.start > region.oldEnd ? `${s.start + delta}:${s.end + delta}` : `${s.start}:${s.end}`);
  const here = (s: { start: number; end: number }) => `${s.start}:${s.end}`;
  type Item = { table: string; span: { start: number; end: number } };
  const items = (m: FileModel): Item[] => [
    ...m.tables.map((t) => ({ table: t.name, span: t.span })),
    ...m.indexes.map((i) => ({ table: i.table, span: i.span })),
    ...m.alterations.map((a) => ({ table: a.table, span: a.span })),
    ...m.inserts.map((r) => ({ table: r.table, span: r.span })),
    ...m.unreadable.filter((u) => u.tableName).map((u) => ({ table: u.tableName!, span: u.span })),
  ];
  const oldKeys = new Set<string>();
  for (const it of items(oldModel)) if (outsideOld(it.span)) oldKeys.add(`${nameKey(it.table)}|${moved(it.span)}`);
  const newKeys = new Set<string>();
  for (const it of items(newModel)) {
    if (!outsideNew(it.span)) continue;
    const k = `${nameKey(it.table)}|${here(it.span)}`;
    newKeys.add(k);
    if (!oldKeys.has(k)) out.add(nameKey(it.table));
  }
  for (const k of oldKeys) if (!newKeys.has(k)) out.add(k.slice(0, k.indexOf('|')));
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
