// The INSERT rows the data source (data.ts) reads for one table, and what it derives from them remembered by
// the rows' content (rows-memo.ts). On a keystroke the table is analysed again, but its rows have not changed:
// the facts (which values group together, whether a column determines another in the rows, how likely by
// chance) come from the memo instead of from up to MAX_ROWS rows again. A fact is keyed by the content of
// the columns it reads — each column's values are named by the INSERTs that give them and the column's
// position in each — never by a column's name or place in CREATE TABLE, so typing a new column leaves the
// other columns' facts in place, while an edited INSERT has new rows and so new keys.
import type { InsertRows, Value } from '../../model.ts';
import type { TableContext } from '../context.ts';
import { lc } from '../context.ts';
import { BoundedMemo } from '../../memo.ts';
import { rowsKey } from '../../rows-memo.ts';

/** Rows looked at per table; enough to see redundancy, bounded for very large dumps. */
export const MAX_ROWS = 1000;

export type Row = (Value | undefined)[];
export type Groups = Map<string, number[]>;

/** An INSERT whose columns all exist in the table; `cols[k]` = the table column of its k-th value. */
interface Given { ins: InsertRows; cols: number[] }
/** How many rows each given INSERT adds (cumulative), up to MAX_ROWS: the same for the same content. */
interface Counts { total: number; ends: number[] }

const counts = new BoundedMemo<Counts>(2_500);
/** Bounded: a fact is a few numbers or an example pair, keyed by a few identity numbers per INSERT. */
const facts = new BoundedMemo<unknown>(25_000);

export class TableRows {
  private given: Given[] = [];
  private setKey = '';
  private colKeys = new Map<number, string>();
  private counts: Counts;
  private matrix: Row[] | null = null;
  private groups = new Map<number, Groups | null>();

  constructor(private t: TableContext, inserts: InsertRows[]) {
    const pos = new Map(t.names.map((n, i) => [n, i]));
    const all = t.names.map((_, i) => i);
    for (const ins of inserts) {
      if (ins.rows.length === 0) continue;
      const cols = ins.columns ? ins.columns.map((c) => pos.get(lc(c)) ?? -1) : all;
      if (cols.some((i) => i < 0)) continue; // rows naming columns the table does not have cannot be placed
      this.given.push({ ins, cols });
      // a row is taken when it has one value per column: the row set depends on the arity, not on names
      this.setKey += `,${rowsKey(ins)}@${cols.length}`;
    }
    this.counts = counts.get(this.setKey, () => {
      let total = 0;
      const ends: number[] = [];
      for (const { ins, cols } of this.given) {
        for (const r of ins.rows) {
          if (total >= MAX_ROWS) break;
          if (r.length === cols.length) total++;
        }
        ends.push(total);
      }
      return { total, ends };
    });
  }

  /** How many rows are looked at. */
  get total(): number { return this.counts.total; }

  /** The rows, as values in the table's column order (undefined = not given); built only when a fact is missing. */
  get rows(): Row[] {
    if (this.matrix) return this.matrix;
    const rows: Row[] = [];
    const n = this.t.names.length;
    for (const { ins, cols } of this.given) {
      if (rows.length >= MAX_ROWS) break;
      for (const r of ins.rows) {
        if (rows.length >= MAX_ROWS) break;
        if (r.length !== cols.length) continue;
        const row: Row = new Array(n);
        cols.forEach((ci, k) => { row[ci] = r[k]; });
        rows.push(row);
      }
    }
    return (this.matrix = rows);
  }

  /** Row indexes by value of column c, for computing a missing fact (this call only). */
  groupsOf(c: number, groupBy: (rows: Row[], c: number) => Groups | null): Groups | null {
    let g = this.groups.get(c);
    if (g === undefined) { g = groupBy(this.rows, c); this.groups.set(c, g); }
    return g;
  }

  /** The INSERT that row number i (0-based, as in the facts' examples) comes from. */
  originOf(i: number): InsertRows {
    const k = this.counts.ends.findIndex((end) => i < end);
    return this.given[k].ins;
  }

  /** A fact about column c, computed by `f` only when the memo has none for c's values. */
  column<T>(fact: string, c: number, f: () => T): T {
    return facts.get(`${fact}|${this.colKey(c)}`, f) as T;
  }

  /** A fact about the columns x and a together (their values row by row). */
  pair<T>(fact: string, x: number, a: number, f: () => T): T {
    return facts.get(`${fact}|${this.colKey(x)}|${this.colKey(a)}`, f) as T;
  }

  /** The content of column c: the row set and c's position in each INSERT (-1: not given; the last one counts). */
  private colKey(c: number): string {
    let k = this.colKeys.get(c);
    if (k === undefined) {
      k = this.setKey + '#' + this.given.map((g) => g.cols.lastIndexOf(c)).join(',');
      this.colKeys.set(c, k);
    }
    return k;
  }
}
