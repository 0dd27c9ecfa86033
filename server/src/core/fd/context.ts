// What every dependency source needs to know about one table, with column names lower-cased
// (SQL compares unquoted names case-insensitively; findings report them as written).
import type { Confidence, Evidence } from '../findings.ts';
import type { Column, Table, WorkspaceModel } from '../model.ts';
import type { Options } from '../options.ts';
import { isIdLikeWords, words } from './names.ts';

/** One dependency found by one source, in lower-cased column names. */
export interface Inferred {
  determinant: string[];
  dependents: string[];
  evidence: Evidence;
  /** Set when the evidence is weaker than usual: the reason, for the message. */
  weak?: string;
  /** Strength of this source's evidence; absent = the source's usual strength (see fd/confidence.ts). */
  confidence?: Confidence;
}

export interface DeclaredKey { columns: string[]; detail: string; span?: { start: number; end: number }; file: string }

export interface TableContext {
  table: Table;
  workspace: WorkspaceModel;
  options: Options;
  /** Lower-cased name → column. */
  cols: Map<string, Column>;
  /** Lower-cased names in declaration order. */
  names: string[];
  /** PRIMARY KEY, UNIQUE constraints, unique non-partial plain-column indexes, @key. */
  keys: DeclaredKey[];
  /** Columns of any declared key. */
  keyCols: Set<string>;
  /** Columns of any foreign key. */
  fkCols: Set<string>;
  /** Words of each column name as written (aligned with `names`): `DeptID` → [dept, id]. */
  words: string[][];
  /** Identifier-like column names (aligned with `names`): `dept_id`, `ZipCode`, `uuid`. */
  idLike: boolean[];
  /** The column as written. */
  display(name: string): string;
}

import { lc } from '../lc.ts';
export { lc };

export function tableContext(table: Table, workspace: WorkspaceModel, options: Options): TableContext {
  const cols = new Map<string, Column>();
  const names: string[] = [];
  const ws: string[][] = [];
  const idLike: boolean[] = [];
  for (const c of table.columns) {
    const l = lc(c.name);
    if (cols.has(l)) continue;
    cols.set(l, c);
    names.push(l);
    const w = words(c.name);
    ws.push(w);
    idLike.push(isIdLikeWords(w));
  }
  const keys: DeclaredKey[] = [];
  const addKey = (columns: string[], detail: () => string, span: { start: number; end: number } | undefined, file: string) => {
    if (columns.length === 0) return;
    const lower: string[] = [];
    for (const c of columns) {
      const l = lc(c);
      if (!cols.has(l)) return;
      if (!lower.includes(l)) lower.push(l);
    }
    for (const k of keys) if (k.columns.length === lower.length && k.columns.every((c) => lower.includes(c))) return;
    keys.push({ columns: lower, detail: detail(), span, file });
  };
  const pk = table.primaryKey;
  if (pk) addKey(pk.columns, () => `PRIMARY KEY (${pk.columns.join(', ')})`, pk.span, table.file);
  for (const u of table.uniqueKeys) addKey(u.columns, () => `UNIQUE (${u.columns.join(', ')})`, u.span, table.file);
  for (const ix of table.indexes) {
    if (!ix.unique || ix.partial || ix.expressions.some(Boolean)) continue;
    addKey(ix.columns, () => `UNIQUE INDEX ${ix.name ? ix.name + ' ' : ''}(${ix.columns.join(', ')})`, ix.span, ix.file);
  }
  for (const a of table.annotations) if (a.kind === 'key') addKey(a.determinant, () => `@key ${a.determinant.join(', ')}`, a.span, table.file);
  const keyCols = new Set<string>();
  for (const k of keys) for (const c of k.columns) keyCols.add(c);
  const fkCols = new Set<string>();
  for (const f of table.foreignKeys) for (const c of f.columns) fkCols.add(lc(c));
  return {
    table, workspace, options, cols, names, keys, keyCols, fkCols, words: ws, idLike,
    display: (n) => (cols.get(n) ?? cols.get(lc(n)))?.name ?? n,
  };
}
