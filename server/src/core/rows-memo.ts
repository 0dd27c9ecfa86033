// Keys for what the rules derive from INSERT rows (kept in memo.ts's BoundedMemo), so that a keystroke outside
// the rows (a column typed into CREATE TABLE, another table, a comment) re-uses what was derived from thousands
// of unchanged rows instead of deriving it again per keystroke (issue 14: chinook's 15,000 rows).
//
// A key names rows by identity, not by value: the reader builds each row array once and nothing changes it
// afterwards, and a statement's rows are only ever cut to a prefix (the per-table row budget,
// incremental/reader.ts) — so a statement's first row object and the number of rows taken name the same
// values for as long as those objects live. An edited INSERT is read again into new row objects: a new key,
// so a changed value is never answered from a memo. Identity numbers are never reused.
import type { InsertRows } from './model.ts';

const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) { id = nextId++; ids.set(o, id); }
  return id;
}

/** The content of an INSERT's rows as a short key ('' when it has none). */
export function rowsKey(ins: InsertRows): string {
  return ins.rows.length > 0 ? `${idOf(ins.rows[0])}+${ins.rows.length}` : '';
}
