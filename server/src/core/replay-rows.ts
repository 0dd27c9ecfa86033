// INSERT rows of a migration follow the later column changes of their table, as the engine's stored rows
// do: a renamed column keeps its values under the new name, a dropped column's values go, and rows
// inserted without a column list keep the columns they were inserted into once the table gains or loses
// one. Without this a later RENAME COLUMN made the rows name a column the table no longer has, and every
// rule reading rows left them out. File models stay immutable: changed InsertRows are new objects (a
// dropped column's rows are new arrays, so row-derived memos key them afresh).
import type { InsertRows } from './model.ts';
import { lc } from './lc.ts';

const same = (a: string, b: string) => a.length === b.length && (a === b || lc(a) === lc(b));

/** Rows without a column list name the columns they filled: the first ones, as the table was (`columns`). */
export function pinColumns(ins: InsertRows, columns: readonly string[]): InsertRows {
  if (ins.columns) return ins;
  let arity = 0;
  for (const r of ins.rows) if (r.length > arity) arity = r.length;
  return { ...ins, columns: columns.slice(0, arity || columns.length) };
}

export function renameRowColumn(ins: InsertRows, from: string, to: string): InsertRows {
  if (!ins.columns?.some((c) => same(c, from))) return ins;
  return { ...ins, columns: ins.columns.map((c) => (same(c, from) ? to : c)) };
}

export function dropRowColumn(ins: InsertRows, column: string): InsertRows {
  const k = ins.columns?.findIndex((c) => same(c, column)) ?? -1;
  if (k < 0) return ins;
  const without = <T>(xs: readonly T[]) => xs.filter((_, i) => i !== k);
  return { ...ins, columns: without(ins.columns!), rows: ins.rows.map((r) => (r.length > k ? without(r) : r)) };
}
