// What a plain merge (workspace.ts mergeWorkspace) remembers of how it built each merged table, so that the
// next merge after an edit (remerge.ts) rebuilds only the tables whose statements changed and keeps the other
// merged Table objects as they are (same objects: caches keyed by a table stay valid).
import type { Alteration, FileModel, Index, InsertRows, Table, WorkspaceModel } from './model.ts';
import type { Lookups } from './lookups.ts';

export type Statement = Alteration | Index | InsertRows;

export interface MergeRecord {
  /** The file models merged, in order (remerge compares their statement lists by identity). */
  given: FileModel[];
  /** Per file, in order: the project its statements are in (separateSchemas). */
  projects: string[];
  /** Per file holding copies of a schema: the project of each copy (copy 0's is the file's). */
  copyProjects: Map<string, string[]>;
  lookups: Lookups;
  /** Merged table → the CREATE TABLE it copies, and back. */
  sourceOf: Map<Table, Table>;
  mergedOf: Map<Table, Table>;
  /** The merged table each ALTER, CREATE INDEX and INSERT went to (absent: it names no table). */
  target: Map<Statement, Table>;
  /** Per merged table: the ALTERs and file indexes that went to it, in merge order. */
  alters: Map<Table, Alteration[]>;
  attached: Map<Table, Index[]>;
  /** Lower-case name a REFERENCES without columns names → the merged tables holding such a reference. */
  columnless: Map<string, Set<Table>>;
  /** Lower-case bare names tables are derived from (PARTITION OF, LIKE, INHERITS). */
  derivedNames: Set<string>;
}

export const mergeRecords = new WeakMap<WorkspaceModel, MergeRecord>();

/** Appends `x` to the list of `t` in `m`. */
export function addTo<T>(m: Map<Table, T[]>, t: Table, x: T): void {
  const l = m.get(t);
  if (l) l.push(x); else m.set(t, [x]);
}

/** The lower-case bare name of a `schema.name` or `name` reference. */
export const bareName = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/** A workspace built by remerge.ts: the one it came from and the merged tables it replaced (previous → new). */
export interface Remerged { previous: WorkspaceModel; replaced: Map<Table, Table>; indexesChanged: boolean }
export const remerged = new WeakMap<WorkspaceModel, Remerged>();

export interface Slice<T> { removed: T[]; added: T[]; /** Where both runs start. */ at: number }

/** The run of objects in which `now` differs from `was` (common prefix and suffix by identity); null when none. */
export function changedSlice<T>(was: T[], now: T[]): Slice<T> | null {
  if (was === now) return null;
  const n = Math.min(was.length, now.length);
  let p = 0;
  while (p < n && was[p] === now[p]) p++;
  let s = 0;
  while (s < n - p && was[was.length - 1 - s] === now[now.length - 1 - s]) s++;
  if (p === was.length && p === now.length) return null;
  return { removed: was.slice(p, was.length - s), added: now.slice(p, now.length - s), at: p };
}
