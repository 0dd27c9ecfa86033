// Merge file models into one workspace model: ALTERs applied, indexes and rows attached.
// File models stay immutable (they are cached by file text): every table that an ALTER, an index or a
// resolution touches is copied first. Must be cheap: the language server rebuilds it per edit.
// Two ways: plain schema files are merged in two phases (every CREATE first, then every ALTER: the
// files' order does not matter); a migrations folder is replayed (`{ replay: true }`, replay.ts): its
// events applied file by file in the given order, as the engine runs them.
// Tables are the same only within one schema of one project: files carry an optional `project` key.
import type { AlterAction, Alteration, FileModel, ForeignKey, Index, InsertRows, Table, WorkspaceModel } from './model.ts';
import { copyTable, replay, resolveReference, withEnumValues } from './replay.ts';
import { lc } from './lc.ts';
import { findIn, Lookups } from './lookups.ts';
import { addTo, bareName, changedSlice, mergeRecords, type MergeRecord } from './merge-record.ts';

const keyOf = (schema: string | undefined, name: string) => (schema ? `${lc(schema)}.${lc(name)}` : lc(name));

export interface WorkspaceOptions {
  /** Apply each file's events in the given order (a migrations folder: the caller orders and filters the files). */
  replay?: boolean;
}

/** What the workspace model keeps of the lookups (absent when there is one project and no copies of a schema). */
export function lookupsModel(lookups: Lookups, files: FileModel[], copies?: Map<string, number[]>): Pick<WorkspaceModel, 'projectOf' | 'projectLookup' | 'projectParent' | 'projectOfFile' | 'copyStarts'> {
  if (!files.some((f) => f.project !== undefined) && !copies?.size) return {};
  const projectOfFile = new Map(files.map((f) => [f.file, f.project ?? '']));
  return { projectOf: lookups.projectOf, projectLookup: lookups.byProject, projectParent: lookups.parent, projectOfFile, ...(copies?.size ? { copyStarts: copies } : {}) };
}

export function buildWorkspace(files: FileModel[], options: WorkspaceOptions = {}): WorkspaceModel {
  return options.replay ? replayWorkspace(files) : mergeWorkspace(files);
}

/**
 * The table `schema.name` as seen from `from`: in from's project first (then the project it falls back to).
 * Rules resolve references with this, not the global `lookup`, so that two schemas in one run never mix.
 */
export function findTable(ws: WorkspaceModel, from: Table, schema: string | undefined, name: string): Table | undefined {
  if (!ws.projectLookup) return (schema ? ws.lookup.get(keyOf(schema, name)) : undefined) ?? ws.lookup.get(lc(name));
  return findIn(ws.projectLookup, ws.projectParent ?? new Map(), ws.projectOf?.get(from) ?? '', schema, name);
}

/**
 * Can a statement of `file` at `offset` (an index, a row) be about table t: is t in the project of that place
 * (the file's, or the copy of the schema the offset is in: copyStarts) or one it falls back to?
 */
export function fileSeesTable(ws: WorkspaceModel, file: string, t: Table, offset?: number): boolean {
  if (!ws.projectOfFile) return true;
  const want = ws.projectOf?.get(t) ?? '';
  const base = ws.projectOfFile.get(file) ?? '';
  const starts = offset === undefined ? undefined : ws.copyStarts?.get(file);
  for (let p: string | undefined = starts ? copyProject(base, file, copyIndex(starts, offset!)) : base; p !== undefined; p = ws.projectParent?.get(p)) {
    if (p === want) return true;
    if (ws.projectLookup?.get(p)?.has(lc(t.name))) return false; // the file's project has its own table of that name
  }
  return false;
}

/**
 * A plain file that creates a name a second time holds copies of a schema (dumps concatenated, a script that
 * drops and re-creates its tables): each CREATE TABLE of a name the current copy already created starts the
 * next copy. A statement (ALTER, index, row, reference) is about the newest copy of its name up to that point,
 * as when the script runs with its DROPs; a name its copy does not create falls back to the copies before,
 * then to the file's first table of that name. Returns where copies 1, 2, … start ([] when each name is
 * created once, the usual file). Built once per file model.
 */
export function copyStartsOf(fm: FileModel): number[] {
  let starts = copyStartsCache.get(fm);
  if (starts) return starts;
  starts = [];
  let seen = new Set<string>();
  const sorted = fm.tables.every((t, i) => i === 0 || fm.tables[i - 1].span.start <= t.span.start);
  const order = sorted ? fm.tables : [...fm.tables].sort((a, b) => a.span.start - b.span.start);
  const at: number[] = [];
  order.forEach((t, i) => {
    const k = keyOf(t.schema, t.name);
    if (seen.has(k)) { starts.push(t.span.start); at.push(i); seen = new Set(); }
    seen.add(k);
  });
  copyStartsCache.set(fm, starts);
  if (sorted) copyStartTables.set(fm, at);
  return starts;
}
const copyStartsCache = new WeakMap<FileModel, number[]>();
/** Which tables (positions in fm.tables) start copies 1, 2, …, when fm.tables is in text order. */
const copyStartTables = new WeakMap<FileModel, number[]>();

/**
 * The copies of `now`, the model of `was` after an edit, when the edit kept the names and order of the file's
 * CREATE TABLEs (the reader keeps the objects of the tables it did not re-read): the same tables start the
 * copies, and each copy creates the same names. Carried over instead of computed again (a pass over every table
 * of the file per keystroke otherwise).
 */
export function carryCopies(was: FileModel, now: FileModel): void {
  const at = copyStartTables.get(was), names = copyNamesCache.get(was);
  if (!at || copyStartsCache.has(now)) return;
  const d = changedSlice(was.tables, now.tables);
  if (d && (d.removed.length !== d.added.length || d.removed.some((t, i) => keyOf(t.schema, t.name) !== keyOf(d.added[i].schema, d.added[i].name)))) return;
  // still in text order around the re-read tables
  const t = now.tables;
  if (d) for (let i = Math.max(1, d.at); i <= Math.min(t.length - 1, d.at + d.added.length); i++) if (t[i - 1].span.start > t[i].span.start) return;
  copyStartsCache.set(now, at.map((i) => t[i].span.start));
  copyStartTables.set(now, at);
  if (names) copyNamesCache.set(now, names);
}

/** The names (keyOf and bare) each copy of fm creates, copy 0 first; [] when fm holds no copies. */
export function copyNamesOf(fm: FileModel): Set<string>[] {
  let names = copyNamesCache.get(fm);
  if (names) return names;
  const starts = copyStartsOf(fm);
  names = starts.length ? Array.from({ length: starts.length + 1 }, () => new Set<string>()) : [];
  if (starts.length) for (const t of fm.tables) { const c = names[copyIndex(starts, t.span.start)]; c.add(keyOf(t.schema, t.name)); c.add(lc(t.name)); }
  copyNamesCache.set(fm, names);
  return names;
}
const copyNamesCache = new WeakMap<FileModel, Set<string>[]>();

/**
 * The copies of fm whose table the name at `offset` can be, as mergeWorkspace binds it: its own copy's, else the
 * nearest copy before that creates it, else the first copy creating it. [] when fm holds no copies or creates no
 * such table (the name is then another file's table).
 */
export function copiesNamed(fm: FileModel, schema: string | undefined, name: string, offset: number): number[] {
  const names = copyNamesOf(fm);
  if (!names.length) return [];
  const has = (k: number) => (schema !== undefined && names[k].has(keyOf(schema, name))) || names[k].has(lc(name));
  const own = copyIndex(copyStartsOf(fm), offset);
  for (let k = own; k >= 1; k--) if (has(k)) return [k];
  // copy 0 is the file's project, which also finds the names only later copies create (their first copy)
  if (has(0)) return [0];
  for (let k = own + 1; k < names.length; k++) if (has(k)) return [0, k];
  return [];
}

/** Which copy (0 = the first) the offset is in, from copyStartsOf(). */
export function copyIndex(starts: number[], offset: number): number {
  let lo = 0, hi = starts.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid] <= offset) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The project of copy k of a file whose statements are in project `base` (copy 0 is base itself). */
export const copyProject = (base: string, file: string, k: number) => (k === 0 ? base : `${base}\u0000${file}#${k}`);

/**
 * Plain schema files are one schema unless they say otherwise:
 * - files of another dialect than most (each detected from the file's syntax) are another database: a MySQL
 *   file's tables are never a PostgreSQL file's;
 * - within one dialect, a file that creates a table an earlier file already creates (a second copy of a
 *   schema, another project's `customer`) is a schema of its own — its ALTERs, indexes, rows and references
 *   go to its own tables, and to the other files' for the names it does not create.
 * Without this, a folder run mixes the variants' indexes and rows.
 */
function separateSchemas(files: FileModel[], lookups: Lookups): FileModel[] {
  const counts = new Map<string, number>();
  for (const f of files) if (f.project === undefined && f.dialectSource === 'detected') counts.set(f.dialect, (counts.get(f.dialect) ?? 0) + 1);
  const usual = [...counts].sort((x, y) => y[1] - x[1])[0]?.[0];
  const created = new Map<string, Set<string>>();
  return files.map((fm) => {
    if (fm.project !== undefined || fm.tables.length === 0) return fm;
    const group = fm.dialectSource === 'detected' && fm.dialect !== usual ? `dialect:${fm.dialect}` : '';
    let seen = created.get(group);
    if (!seen) created.set(group, (seen = new Set()));
    const keys = fm.tables.map((t) => keyOf(t.schema, t.name));
    const redefines = keys.some((k) => seen!.has(k));
    for (const k of keys) seen.add(k);
    if (!redefines) return group === '' ? fm : { ...fm, project: group };
    const own = `file:${fm.file}`;
    lookups.parent.set(own, group);
    return { ...fm, project: own };
  });
}

function replayWorkspace(files: FileModel[]): WorkspaceModel {
  const st = replay(files);
  const tables = [...st.tables.values()];
  const lookups = new Lookups();
  for (const t of tables) lookups.register(t, st.projectOf.get(t) ?? '');
  for (const t of tables) {
    t.foreignKeys = t.foreignKeys.map((fk) => resolveReference(st, t, fk));
    withEnumValues(st, t);
  }
  inheritAll(tables, lookups);
  const indexes = tables.flatMap((t) => t.indexes);
  const types = new Map<string, string[]>();
  for (const [k, v] of st.types) {
    const [, schema, name] = k.split('\0');
    if (schema && !types.has(`${schema}.${name}`)) types.set(`${schema}.${name}`, v);
    if (!types.has(name)) types.set(name, v);
  }
  const rows = new Map<Table, InsertRows[]>();
  for (const [t, list] of st.rows) if (st.tables.get(st.keyOf(t)) === t) rows.set(t, list);
  return { files, tables, lookup: lookups.global, rows, indexes, types, ...lookupsModel(lookups, files) };
}

/**
 * The table takes columns from the one it is derived from (LIKE, INHERITS). A partition takes none (see inherit),
 * nor does CREATE TABLE … AS SELECT: their columns are their own, whatever the parent's are.
 */
export const takesParentColumns = (t: Table) => !!t.derivedFrom && t.kind !== 'partition' && t.kind !== 'as-select';

export function inheritAll(tables: Table[], lookups: Lookups): void {
  // LIKE / INHERITS: take the parent's columns and keys when the table declares none
  for (const t of tables) {
    if (!takesParentColumns(t) || !t.derivedFrom) continue;
    const dot = t.derivedFrom.lastIndexOf('.');
    const parent = lookups.find(lookups.projectOf.get(t) ?? '', dot > 0 ? t.derivedFrom.slice(0, dot) : undefined, t.derivedFrom.slice(dot + 1));
    if (!parent || parent === t) continue;
    inherit(t, parent);
  }
}

function mergeWorkspace(given: FileModel[]): WorkspaceModel {
  const steps = mergeInSteps(given);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** Statements, tables, indexes or rows merged between two steps of mergeInSteps (a few milliseconds). */
const MERGE_STEP = 1024;

/**
 * buildWorkspace for plain schema files as a generator: a step after every MERGE_STEP items of each phase, so
 * the language server's first analysis of a 17 MB file (16,000 tables, hundreds of milliseconds to merge) can give
 * its loop turns. The same model as mergeWorkspace; `files` must not change until it has returned.
 */
export function* mergeInSteps(given: FileModel[]): Generator<void, WorkspaceModel> {
  let n = 0;
  const tables: Table[] = [];
  const lookups = new Lookups();
  const files = separateSchemas(given, lookups);
  yield;
  const copies = new Map<string, number[]>();
  const rec: MergeRecord = {
    given, projects: files.map((f) => f.project ?? ''), copyProjects: new Map(), lookups, sourceOf: new Map(), mergedOf: new Map(),
    target: new Map(), alters: new Map(), attached: new Map(), columnless: new Map(), derivedNames: new Set(),
  };
  /** Per file holding copies: the project of each copy (copy 0's is the file's). */
  const copyProjects = rec.copyProjects;
  for (const fm of files) {
    const base = fm.project ?? '';
    const starts = copyStartsOf(fm);
    if (starts.length) {
      copies.set(fm.file, starts);
      const ps = Array.from({ length: starts.length + 1 }, (_, k) => copyProject(base, fm.file, k));
      copyProjects.set(fm.file, ps);
      for (let k = 1; k < ps.length; k++) lookups.parent.set(ps[k], ps[k - 1]);
    }
    for (const t of fm.tables) {
      const c = copyTable(t);
      tables.push(c);
      rec.sourceOf.set(c, t); rec.mergedOf.set(t, c);
      if (takesParentColumns(t)) rec.derivedNames.add(bareName(t.derivedFrom!));
      const k = starts.length ? copyIndex(starts, t.span.start) : 0;
      lookups.register(c, k ? copyProjects.get(fm.file)![k] : base);
      if (k > 0) lookups.registerName(c, base); // found from the copies before it when they lack the name
      if (++n % MERGE_STEP === 0) yield;
    }
  }
  const projectOfFile = new Map(files.map((f) => [f.file, f.project ?? '']));
  const find = (project: string, schema: string | undefined, name: string) => lookups.find(project, schema, name);
  // Consecutive statements on one table (a dump's ALTERs, its data) resolve it once. Registration is over
  // before the first call, so a lookup gives the same table every time while merging.
  let last: { project: string; schema?: string; name: string; t: Table | undefined } | undefined;
  const findLast = (project: string, schema: string | undefined, name: string) => {
    if (!last || last.name !== name || last.project !== project || last.schema !== schema) last = { project, schema, name, t: find(project, schema, name) };
    return last.t;
  };

  // ALTER TABLE / COMMENT ON, in file order
  for (const fm of files) {
    for (const a of fm.alterations) {
      const t = findLast(projectAt(copies, copyProjects, fm, a.span.start), a.schema, a.table);
      if (!t) continue;
      rec.target.set(a, t); addTo(rec.alters, t, a);
      applyAlteration(t, a);
      if (++n % MERGE_STEP === 0) yield;
    }
  }
  inheritAll(tables, lookups);
  yield;
  for (const t of tables) resolveColumnless(t, lookups, rec.columnless);
  // indexes: attach to their tables
  const indexes: Index[] = [];
  for (const fm of files) {
    for (const idx of fm.indexes) {
      indexes.push(idx);
      const t = find(projectAt(copies, copyProjects, fm, idx.span.start), idx.schema, idx.table);
      if (++n % MERGE_STEP === 0) yield;
      if (!t) continue;
      rec.target.set(idx, t); addTo(rec.attached, t, idx);
      if (!t.indexes.includes(idx)) t.indexes.push(idx);
    }
  }
  // rows by table
  const rows = new Map<Table, InsertRows[]>();
  for (const fm of files) {
    for (const ins of fm.inserts) {
      const t = findLast(ins.file === fm.file ? projectAt(copies, copyProjects, fm, ins.span.start) : projectOfFile.get(ins.file) ?? fm.project ?? '', ins.schema, ins.table);
      if (!t) continue;
      if (!t) continue;
      rec.target.set(ins, t); addTo(rows, t, ins);
      if (++n % MERGE_STEP === 0) yield;
    }
  }
  const ws: WorkspaceModel = { files: given, tables, lookup: lookups.global, rows, indexes, ...lookupsModel(lookups, files, copies) };
  mergeRecords.set(ws, rec);
  return ws;
}

/** The project a statement of fm at `offset` is about (its copy's: copyStartsOf). */
export function projectAt(copies: Map<string, number[]>, copyProjects: Map<string, string[]>, fm: FileModel, offset: number): string {
  const starts = copies.get(fm.file);
  return starts ? copyProjects.get(fm.file)![copyIndex(starts, offset)] : fm.project ?? '';
}

export function applyAlteration(t: Table, a: Alteration): void {
  for (const act of a.actions) applyAction(t, act, a.file);
}

/**
 * REFERENCES t without columns → t's primary key (t as merged: after its ALTERs). Records the reference in
 * `columnless` by the name it gives, so that a change of that table's key can rebuild t.
 */
export function resolveColumnless(t: Table, lookups: Lookups, columnless: Map<string, Set<Table>>): void {
  for (let k = 0; k < t.foreignKeys.length; k++) {
    const fk = t.foreignKeys[k];
    if (fk.references.columns.length > 0) continue;
    const name = bareName(fk.references.table);
    let s = columnless.get(name);
    if (!s) columnless.set(name, (s = new Set()));
    s.add(t);
    const target = lookups.find(lookups.projectOf.get(t) ?? '', fk.references.schema, fk.references.table);
    if (target?.primaryKey) {
      t.foreignKeys[k] = { ...fk, references: { ...fk.references, columns: [...target.primaryKey.columns] } } as ForeignKey;
    }
  }
}

export function applyAction(t: Table, act: AlterAction, file: string): void {
  const idx = (name: string) => { const n = lc(name); return t.columns.findIndex((c) => c.name === name || lc(c.name) === n); };
  switch (act.kind) {
    case 'add-column': if (idx(act.column.name) < 0) t.columns.push(act.column); break;
    case 'add-primary-key': {
      t.primaryKey = act.key;
      const pk = new Set(act.key.columns.map(lc));
      t.columns = t.columns.map((c) => (pk.has(lc(c.name)) && c.nullable ? { ...c, nullable: false } : c));
      break;
    }
    case 'add-unique': t.uniqueKeys.push(act.key); break;
    case 'add-foreign-key': t.foreignKeys.push(act.fk.file ? act.fk : { ...act.fk, file }); break;
    case 'add-check': t.checks.push(act.check); break;
    case 'drop-column': { const i = idx(act.column); if (i >= 0) t.columns.splice(i, 1); break; }
    case 'rename-column': {
      const i = idx(act.from);
      if (i >= 0) t.columns[i] = { ...t.columns[i], name: act.to };
      break;
    }
    case 'change-column': { // as before replay: only the rename is applied
      const i = idx(act.from);
      if (i >= 0 && lc(act.from) !== lc(act.column.name)) t.columns[i] = { ...t.columns[i], name: act.column.name };
      break;
    }
    case 'column-comment': {
      const i = idx(act.column);
      if (i >= 0) t.columns[i] = { ...t.columns[i], comment: act.comment };
      break;
    }
    case 'table-comment': t.comment = act.comment; break;
  }
}

function inherit(t: Table, parent: Table): void {
  // A partition is storage of its parent: its rows are the parent's rows and the parent is what gets
  // checked, so it keeps no columns of its own (no duplicate findings per partition).
  if (t.kind === 'partition') return;
  if (t.kind === 'like') { if (t.columns.length === 0) t.columns = [...parent.columns]; return; }
  // INHERITS: the parent's columns come first, then the table's own
  const own = new Set(t.columns.map((c) => lc(c.name)));
  t.columns = [...parent.columns.filter((c) => !own.has(lc(c.name))), ...t.columns];
}
