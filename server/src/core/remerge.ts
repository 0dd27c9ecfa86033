// The merged workspace after an edit, from the previous one (workspace.ts mergeWorkspace's record): the same
// model a merge of the new file models builds, but only the tables whose statements changed are built again.
// Every other merged Table is the previous object, unchanged (per-table caches keyed by the object stay valid;
// their spans are the file models' span objects, which the incremental reader moves in place).
//
// Which statements changed is found by identity: the reader keeps the objects of the pieces an edit did not
// re-read, so each list of a file's model (tables, ALTERs, indexes, INSERTs) differs from the previous one in one
// run of objects. A changed table is rebuilt (copy of its CREATE TABLE, its ALTERs applied, column-less
// REFERENCES resolved, its indexes and rows attached), and so is a table a changed ALTER, index or INSERT goes
// to, and one whose column-less REFERENCES names a table whose primary key changed.
//
// Where a change can move names between tables, the previous model is no help and null is returned (the caller
// merges in full): a file's CREATE TABLE names changed (the lookups' "first declaration wins", the copies of a
// schema and the projects all follow from them), its dialect, the number of files, or a table derived from
// another (LIKE / INHERITS take the parent's columns; a partition takes none) is among those rebuilt.
import type { FileModel, InsertRows, KeyConstraint, Table, WorkspaceModel } from './model.ts';
import type { Alteration, Index } from './model.ts';
import { copyTable } from './replay.ts';
import { applyAlteration, copyStartsOf, projectAt, resolveColumnless, takesParentColumns } from './workspace.ts';
import { bareName, changedSlice, mergeRecords, remerged, type MergeRecord, type Slice, type Statement } from './merge-record.ts';
import { lc } from './lc.ts';

const tableKey = (t: Table) => (t.schema ? `${lc(t.schema)}.${lc(t.name)}` : lc(t.name));

interface FileChange { index: number; fm: FileModel; alters: Slice<Alteration> | null; indexes: Slice<Index> | null; inserts: Slice<InsertRows> | null }

/** What one merged table becomes: built from `source` with these statements. */
interface Rebuild { source: Table; alters: Alteration[]; attached: Index[]; rows: InsertRows[]; added: boolean; table?: Table }

export function remergeWorkspace(prev: WorkspaceModel, given: FileModel[]): WorkspaceModel | null {
  const rec = mergeRecords.get(prev);
  if (!rec || given.length !== rec.given.length) return null;
  const changes: FileChange[] = [];
  const pairs: [Table, Table][] = [];
  for (let i = 0; i < given.length; i++) {
    const was = rec.given[i], fm = given[i];
    if (was === fm) continue;
    if (was.file !== fm.file || was.project !== fm.project || was.dialect !== fm.dialect || was.dialectSource !== fm.dialectSource) return null;
    const tables = changedSlice(was.tables, fm.tables);
    if (tables) {
      if (tables.removed.length !== tables.added.length) return null;
      for (let j = 0; j < tables.added.length; j++) {
        const a = tables.removed[j], b = tables.added[j];
        if (tableKey(a) !== tableKey(b)) return null;
        pairs.push([a, b]);
      }
    }
    const c = { index: i, fm, alters: changedSlice(was.alterations, fm.alterations), indexes: changedSlice(was.indexes, fm.indexes), inserts: changedSlice(was.inserts, fm.inserts) };
    if (tables || c.alters || c.indexes || c.inserts) changes.push(c);
  }
  const fileIndex = new Map(given.map((f, i) => [f.file, i]));
  const copies = new Map(prev.copyStarts ?? []);
  for (const fm of given) if (copies.has(fm.file)) copies.set(fm.file, copyStartsOf(fm)); // cached per model

  const removed = new Set<Statement>();
  for (const c of changes) for (const s of [...c.alters?.removed ?? [], ...c.indexes?.removed ?? [], ...c.inserts?.removed ?? []]) removed.add(s);
  // The merged tables to build again, with the statements they get (lists of their own: the record's stay as
  // they are until the commit below).
  const rebuild = new Map<Table, Rebuild>();
  const keep = <T extends Statement>(l: T[] | undefined) => (l ?? []).filter((s) => !removed.has(s));
  const entry = (m: Table): Rebuild => {
    let r = rebuild.get(m);
    if (!r) rebuild.set(m, (r = { source: rec.sourceOf.get(m)!, alters: keep(rec.alters.get(m)), attached: keep(rec.attached.get(m)), rows: keep(prev.rows.get(m)), added: false }));
    return r;
  };
  for (const [was, now] of pairs) {
    const m = rec.mergedOf.get(was);
    if (!m) return null;
    entry(m).source = now;
  }
  for (const s of removed) { const m = rec.target.get(s); if (m) entry(m); }
  // Statements read anew go where a merge sends them: the names are as before, so the previous lookups find
  // the previous merged table (the one being rebuilt, when it is).
  for (const c of changes) {
    const fm = { file: c.fm.file, project: rec.projects[c.index] } as FileModel;
    const to = (s: Statement, project: string) => {
      const m = rec.lookups.find(project, s.schema, s.table);
      if (!m) return undefined;
      const r = entry(m);
      r.added = true;
      return r;
    };
    for (const a of c.alters?.added ?? []) to(a, projectAt(copies, rec.copyProjects, fm, a.span.start))?.alters.push(a);
    for (const x of c.indexes?.added ?? []) to(x, projectAt(copies, rec.copyProjects, fm, x.span.start))?.attached.push(x);
    for (const r of c.inserts?.added ?? []) {
      const project = r.file === fm.file ? projectAt(copies, rec.copyProjects, fm, r.span.start) : rec.projects[fileIndex.get(r.file) ?? -1] ?? fm.project ?? '';
      to(r, project)?.rows.push(r);
    }
  }
  // In merge order: files in order, statements in file order.
  const order = (a: Statement, b: Statement) => (fileIndex.get(a.file) ?? -1) - (fileIndex.get(b.file) ?? -1) || a.span.start - b.span.start;
  const build = (m: Table, r: Rebuild) => {
    if (derived(rec, m) || derived(rec, r.source)) return false;
    if (r.added) { r.alters.sort(order); r.attached.sort(order); r.rows.sort(order); }
    const t = copyTable(r.source);
    for (const a of r.alters) applyAlteration(t, a);
    r.table = t;
    return true;
  };
  for (const [m, r] of rebuild) if (!build(m, r)) return null;
  // A column-less REFERENCES to a table whose primary key changed takes the new key: its table is rebuilt too.
  for (const [m, r] of [...rebuild]) {
    if (sameKey(m.primaryKey, r.table!.primaryKey)) continue;
    for (const d of rec.columnless.get(lc(m.name)) ?? []) if (!rebuild.has(d) && rec.sourceOf.has(d) && !build(d, entry(d))) return null;
  }

  // Commit: from here on the record describes the new workspace. The previous workspace is retired: its lookup
  // maps become the new one's, changed in place (the engine keeps only the newest workspace; nothing reads an
  // older one's lookups after the merge that replaced it).
  const lookups = rec.lookups;
  for (const [m, r] of rebuild) {
    const base = rec.projects[fileIndex.get(m.file) ?? -1];
    lookups.substitute(m, r.table!, [...new Set([lookups.projectOf.get(m) ?? '', ...(base !== undefined ? [base] : [])])]);
  }
  const rows = rebuild.size ? new Map(prev.rows) : prev.rows;
  for (const s of removed) rec.target.delete(s);
  for (const [m, r] of rebuild) {
    const t = r.table!;
    forgetColumnless(rec, m);
    rec.mergedOf.delete(rec.sourceOf.get(m)!); rec.sourceOf.delete(m);
    rec.mergedOf.set(r.source, t); rec.sourceOf.set(t, r.source);
    rec.alters.delete(m); rec.attached.delete(m); rows.delete(m);
    if (r.alters.length) rec.alters.set(t, r.alters);
    if (r.attached.length) rec.attached.set(t, r.attached);
    if (r.rows.length) rows.set(t, r.rows);
    for (const list of [r.alters, r.attached, r.rows]) for (const s of list) rec.target.set(s, t);
  }
  for (const r of rebuild.values()) {
    const t = r.table!;
    resolveColumnless(t, lookups, rec.columnless);
    for (const x of r.attached) if (!t.indexes.includes(x)) t.indexes.push(x);
  }
  const tables = rebuild.size ? prev.tables.map((t) => rebuild.get(t)?.table ?? t) : prev.tables;
  const indexes = changes.some((c) => c.indexes) ? given.flatMap((f) => f.indexes) : prev.indexes;
  rec.given = given;
  const ws: WorkspaceModel = {
    files: given, tables, lookup: lookups.global, rows, indexes,
    ...(prev.projectOf ? { projectOf: lookups.projectOf, projectLookup: lookups.byProject, projectParent: lookups.parent, projectOfFile: prev.projectOfFile } : {}),
    ...(copies.size ? { copyStarts: copies } : {}),
  };
  mergeRecords.delete(prev);
  mergeRecords.set(ws, rec);
  remerged.delete(prev); // holds its own previous workspace: one link kept, not a chain of every keystroke's
  remerged.set(ws, { previous: prev, replaced: new Map([...rebuild].map(([m, r]) => [m, r.table!])), indexesChanged: indexes !== prev.indexes });
  return ws;
}

/**
 * The table takes columns from another (LIKE, INHERITS), or others take columns from its name: its columns are
 * not its own alone. A partition and its parent are neither (a partition keeps no columns of its own).
 */
function derived(rec: MergeRecord, t: Table): boolean {
  return takesParentColumns(t) || rec.derivedNames.has(lc(t.name));
}

function sameKey(a: KeyConstraint | undefined, b: KeyConstraint | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.columns.length !== b.columns.length) return false;
  return a.columns.every((c, i) => c === b.columns[i]);
}

/** Takes the previous merged table m out of the column-less references record (its source's and ALTERs' names). */
function forgetColumnless(rec: MergeRecord, m: Table): void {
  const was = rec.sourceOf.get(m)!;
  const fks = [...was.foreignKeys, ...(rec.alters.get(m) ?? []).flatMap((a) => a.actions.flatMap((x) => (x.kind === 'add-foreign-key' ? [x.fk] : [])))];
  for (const fk of fks) if (fk.references.columns.length === 0) rec.columnless.get(bareName(fk.references.table))?.delete(m);
}
