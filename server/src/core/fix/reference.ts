// Copies of an existing table's columns: X → Y where X identifies a row of a table R that already holds
// Y (`employees.dept_name` with `dept_id REFERENCES departments`, or `experiments.model_name` beside
// `models (model_id, name)`). The fix drops the copies (after a guard that stops the migration while any
// copy disagrees with R) and, when X has no foreign key yet, adds one to R: no second table of the same
// entity, and never two foreign keys on the same columns to different tables.
import { plural, singular } from '../inflect.ts';
import type { Table, WorkspaceModel } from '../model.ts';
import { qt, K, needsFkIndex, q, type Emitter } from './ddl.ts';
import { keysOf } from './extract.ts';
import { entityStem, isMysqlFamily, sqlString } from './ident.ts';
import { columnOf, sameName, type TablePlan } from './plan.ts';
import { lc } from '../lc.ts';
import { findTable } from '../workspace.ts';
import { foreignKeyBlocker } from './fk-compat.ts';

export interface ReferenceTarget {
  table: Table;
  /** R's columns the determinant matches, in determinant order. */
  refKey: string[];
  /** Each copy and the column of R it copies. */
  copies: { column: string; target: string }[];
  /** True when the table already has the foreign key X → R. */
  hasForeignKey: boolean;
}

export type ReferenceLookup = { target: ReferenceTarget } | { conflict: string } | null;

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.some((y) => sameName(x, y)));

/** The table `schema.name` as seen from T (its project: two schemas in one run never mix). */
const resolve = (ws: WorkspaceModel, from: Table, schema: string | undefined, name: string): Table | undefined => findTable(ws, from, schema, name);

/** Tables named after the determinant's entity (`models` for model_id) with a one-column key `model_id` or `id`. */
function entityTable(ws: WorkspaceModel, T: Table, det: string): Table | undefined {
  const stem = lc(entityStem([det]));
  if (stem === lc(det)) return undefined;
  for (const name of new Set([plural(stem), stem, singular(stem)])) {
    const r = resolve(ws, T, T.schema, name);
    const pk = r?.primaryKey?.columns ?? [];
    if (r && r !== T && pk.length === 1 && (sameName(pk[0], det) || sameName(pk[0], 'id'))) return r;
  }
  return undefined;
}

/** The column of R that `copy` copies: the same name, or the name without the entity prefix (model_name → name). */
function copiedColumn(R: Table, refKey: string[], det: string[], copy: string): string | undefined {
  const key = new Set(refKey.map(lc));
  const cands = R.columns.filter((c) => !key.has(lc(c.name)));
  const same = cands.find((c) => sameName(c.name, copy));
  if (same) return same.name;
  const prefixes = new Set([lc(entityStem(det)), lc(singular(R.name))]);
  for (const p of prefixes) {
    if (!lc(copy).startsWith(p + '_')) continue;
    const rest = lc(copy).slice(p.length + 1);
    const hit = cands.find((c) => lc(c.name) === rest);
    if (hit) return hit.name;
  }
  return undefined;
}

/** The existing table X identifies and the columns of it that Y copies; a conflict when X already references a table lacking some of Y. */
export function referenceTarget(ws: WorkspaceModel, T: Table, det: string[], deps: string[]): ReferenceLookup {
  const fk = T.foreignKeys.find((f) => sameSet(f.columns, det));
  let R: Table | undefined;
  let refKey: string[];
  if (fk) {
    R = resolve(ws, T, fk.references.schema ?? T.schema, fk.references.table);
    if (!R || R === T) return null;
    const rk = fk.references.columns.length ? fk.references.columns : R.primaryKey?.columns ?? [];
    refKey = det.map((d) => rk[fk.columns.findIndex((c) => sameName(c, d))]);
    if (refKey.some((k) => !k)) return null;
  } else {
    if (det.length !== 1) return null;
    R = entityTable(ws, T, det[0]);
    if (!R) return null;
    refKey = R.primaryKey!.columns;
  }
  const copies = deps.map((d) => ({ column: columnOf(T, d)?.name ?? d, target: copiedColumn(R!, refKey, det, d) }));
  const inKey = copies.map((c) => c.column).filter((c) => [T.primaryKey?.columns ?? [], ...T.uniqueKeys.map((u) => u.columns)].some((k) => k.some((x) => sameName(x, c))));
  if (inKey.length) return { conflict: `${inKey.join(', ')} ${inKey.length > 1 ? 'are' : 'is'} part of a key of ${T.name}; dropping ${inKey.length > 1 ? 'them' : 'it'} changes what identifies a row` };
  const missing = copies.filter((c) => !c.target).map((c) => c.column);
  if (missing.length === 0) return { target: { table: R, refKey, copies: copies as ReferenceTarget['copies'], hasForeignKey: !!fk } };
  if (fk) return { conflict: `${det.join(', ')} already references ${R.name}, which has no column for ${missing.join(', ')} (a new table would give ${det.join(', ')} a second foreign key to another table); add ${missing.length > 1 ? 'them' : 'it'} to ${R.name} first` };
  return null;
}

/** `t.a = r.b AND …` */
function joinOn(e: Emitter, det: string[], refKey: string[]): string {
  return det.map((d, i) => `r.${q(e, refKey[i])} = t.${q(e, d)}`).join(` ${K(e, 'AND')} `);
}

/** Rows whose copy disagrees with the referenced row (a non-NULL copy with no referenced row or another value). */
export function disagreement(e: Emitter, T: Table, det: string[], r: ReferenceTarget): { from: string; where: string } {
  const from = `${qt(e, T.name)} t ${K(e, 'LEFT JOIN')} ${qt(e, r.table.name, r.table.schema ?? e.schema)} r ${K(e, 'ON')} ${joinOn(e, det, r.refKey)}`;
  const where = r.copies.map((c) => `(t.${q(e, c.column)} ${K(e, 'IS NOT NULL')} ${K(e, 'AND')} (r.${q(e, c.target)} ${K(e, 'IS NULL')} ${K(e, 'OR')} t.${q(e, c.column)} <> r.${q(e, c.target)}))`).join(` ${K(e, 'OR')} `);
  return { from, where };
}

/**
 * Statements that stop the migration while a copy disagrees: PostgreSQL raises in a DO block; MySQL,
 * MariaDB and SQLite insert the count of such rows into a temporary table whose CHECK demands 0.
 * Clients stop at the error (mysql by default, sqlite3 with -bail, psql aborts the transaction).
 */
export function guardStatements(e: Emitter, T: Table, det: string[], r: ReferenceTarget): string[] {
  const { from, where } = disagreement(e, T, det, r);
  const list = r.copies.map((c) => `t.${q(e, c.column)}, r.${q(e, c.target)} ${K(e, 'AS')} ${q(e, `${r.table.name}_${c.target}`)}`).join(', ');
  const keyCols = (T.primaryKey?.columns ?? det).map((c) => `t.${q(e, c)}`).join(', ');
  const what = `${T.name} rows whose ${r.copies.map((c) => c.column).join(', ')} disagree with ${r.table.name}`;
  const out = [`-- guard: nothing is dropped while ${what}. List them with:`,
    `--   ${K(e, 'SELECT')} ${keyCols}, ${list} ${K(e, 'FROM')} ${from} ${K(e, 'WHERE')} ${where};`];
  if (e.dialect === 'postgresql') {
    const msg = `normlint: ${what}; nothing was dropped`;
    out.push(`${K(e, 'DO')} $normlint$ ${K(e, 'BEGIN')} ${K(e, 'IF EXISTS')} (${K(e, 'SELECT')} 1 ${K(e, 'FROM')} ${from} ${K(e, 'WHERE')} ${where}) ${K(e, 'THEN')} ${K(e, 'RAISE EXCEPTION')} ${sqlString(msg, e.dialect)}; ${K(e, 'END IF')}; ${K(e, 'END')} $normlint$;`);
    return out;
  }
  const guard = 'normlint_guard';
  const check = `${T.name}_copies_agree_with_${r.table.name}`.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 60);
  const temp = K(e, isMysqlFamily(e.dialect) ? 'CREATE TEMPORARY TABLE' : 'CREATE TEMP TABLE');
  // a guard left by an earlier, stopped run of the script (same session) is replaced
  out.push(isMysqlFamily(e.dialect) ? `${K(e, 'DROP TEMPORARY TABLE IF EXISTS')} ${guard};` : `${K(e, 'DROP TABLE IF EXISTS')} temp.${guard};`);
  out.push(`${temp} ${guard} (disagreeing_rows ${K(e, 'INTEGER')}, ${K(e, 'CONSTRAINT')} ${q(e, check)} ${K(e, 'CHECK')} (disagreeing_rows = 0));`);
  out.push(`${K(e, 'INSERT INTO')} ${guard} ${K(e, 'SELECT COUNT')}(*) ${K(e, 'FROM')} ${from} ${K(e, 'WHERE')} ${where};`);
  out.push(isMysqlFamily(e.dialect) ? `${K(e, 'DROP TEMPORARY TABLE')} ${guard};` : `${K(e, 'DROP TABLE')} temp.${guard};`);
  return out;
}

/**
 * Plan step: drop the copies of R's columns (guarded), adding the foreign key X → R when missing and the
 * engine can have it. Returns why a missing foreign key is not added (null when added or already there).
 */
export function addReferenceDrop(p: TablePlan, det: string[], r: ReferenceTarget): string | null {
  const T = p.table;
  const detCols = det.map((d) => columnOf(T, d)?.name ?? d);
  p.guards.push(...guardStatements(p.e, T, detCols, r));
  for (const c of r.copies) if (!p.dropColumns.some((x) => sameName(x, c.column))) p.dropColumns.push(c.column);
  // a foreign key the engine would refuse (errno 150 in InnoDB) is not added: the copies still go, the reason is told
  const blocker = r.hasForeignKey ? null : foreignKeyBlocker(p.e.dialect, T, detCols, r.table, r.refKey, (f) => (f === T.file ? p.text : undefined));
  if (blocker) p.warnings.push(`no FOREIGN KEY (${detCols.join(', ')}) REFERENCES ${r.table.name} is added: ${blocker}.`);
  else if (!r.hasForeignKey) {
    p.foreignKeys.push({ columns: detCols, table: r.table.name, refColumns: r.refKey, ...(r.table.schema ? { schema: r.table.schema } : {}) });
    // the new foreign key gets the index it needs (InnoDB makes its own)
    if (needsFkIndex(p.e, detCols, keysOf(p))) p.indexes.push({ table: T.name, columns: detCols });
  }
  p.references.push({ det: detCols, target: r });
  return blocker;
}
