// Which foreign keys have no index to support them (used by the fk-missing-index rule; kept here with the
// other structural detectors so it stays pure and testable on hand-built tables).
//
// A foreign key is covered when its columns are the leading columns, in any order, of the primary key, a
// UNIQUE constraint or an index on the table — declared anywhere in the workspace. Only plain key columns
// count: INCLUDE columns are not searchable, and an expression key part is not the column. A partial index
// counts only when its predicate is `<fk col> IS NOT NULL` (for FK columns, AND-joined): rows with a NULL
// foreign key are never looked up by the referenced table's deletes/updates, so such an index serves them all.
import type { ForeignKey, Index, Table, WorkspaceModel } from '../model.ts';
import { fileSeesTable, findTable } from '../workspace.ts';

export interface CoverCandidate { label: string; columns: string[]; expressions?: boolean[]; predicate?: string; partial?: boolean }

export interface FkCoverage {
  fk: ForeignKey;
  covered: boolean;
  /** The key or index that covers it. */
  by?: string;
  /** Every key and index of the table that was considered. */
  considered: string[];
  /** When not covered: a key or index that holds the columns, but after others (`(tenant_id, device_id)`). */
  behind?: string;
}

const bare = (c: string) => c.trim().replace(/^[`"[]|[`"\]]$/g, '').replace(/\s*\(\d+\)$/, '').toLowerCase();

/** True when `pred` is `a IS NOT NULL [AND b IS NOT NULL …]` over FK columns only. */
export function isNotNullPredicate(pred: string, fkCols: Set<string>): boolean {
  let p = pred.trim();
  // Strip redundant outer parentheses, repeatedly: ((a IS NOT NULL)).
  for (;;) {
    if (!(p.startsWith('(') && p.endsWith(')'))) break;
    let depth = 0, closesAtEnd = true;
    for (let i = 0; i < p.length; i++) {
      if (p[i] === '(') depth++;
      else if (p[i] === ')') { depth--; if (depth === 0 && i < p.length - 1) { closesAtEnd = false; break; } }
    }
    if (!closesAtEnd) break;
    p = p.slice(1, -1).trim();
  }
  const parts = p.split(/\s+and\s+/i);
  return parts.length > 0 && parts.every((part) => {
    const m = /^\(*\s*([`"[]?[\w$]+[`"\]]?)\s+is\s+not\s+null\s*\)*$/i.exec(part.trim());
    return !!m && fkCols.has(bare(m[1]));
  });
}

/** Does a key or index with these leading plain columns cover the FK columns (any order)? */
export function covers(cand: CoverCandidate, fkCols: string[]): boolean {
  const want = new Set(fkCols.map(bare));
  if (cand.columns.length < want.size) return false;
  const lead = cand.columns.slice(0, want.size);
  if (cand.expressions && cand.expressions.slice(0, want.size).some(Boolean)) return false;
  if (!lead.every((c) => want.has(bare(c))) || new Set(lead.map(bare)).size !== want.size) return false;
  if (cand.partial) return cand.predicate !== undefined && isNotNullPredicate(cand.predicate, want);
  return true;
}

function sameTable(i: Index, t: Table, ws: WorkspaceModel): boolean {
  if (i.table.toLowerCase() !== t.name.toLowerCase() || !fileSeesTable(ws, i.file, t, i.span.start)) return false;
  if (i.schema && t.schema) return i.schema.toLowerCase() === t.schema.toLowerCase();
  if (i.schema || t.schema) {
    // One side qualified: it is this table when the name resolves to it.
    const key = (i.schema ? `${i.schema}.${i.table}` : i.table).toLowerCase();
    const found = findTable(ws, t, i.schema, i.table);
    return !found || found === t;
  }
  return true;
}

/** Keyed by the workspace's list of indexes: the merge after an edit keeps that list when no index changed. */
const indexesByName = new WeakMap<Index[], Map<string, Index[]>>();

/** Every index of the workspace whose table is written `name` (any schema), grouped once per workspace:
 *  scanning ws.indexes per table made the rules quadratic on large schemas. */
export function indexesNamed(ws: WorkspaceModel, name: string): Index[] {
  let byName = indexesByName.get(ws.indexes);
  if (!byName) {
    byName = new Map();
    for (const i of ws.indexes) {
      const k = i.table.toLowerCase();
      const list = byName.get(k);
      if (list) list.push(i); else byName.set(k, [i]);
    }
    indexesByName.set(ws.indexes, byName);
  }
  return byName.get(name.toLowerCase()) ?? [];
}

/** The indexes on the table, from the table itself and from anywhere in the workspace (deduplicated). */
export function indexesOf(t: Table, ws: WorkspaceModel): Index[] {
  const seen = new Set<Index>();
  const out: Index[] = [];
  for (const i of [...t.indexes, ...indexesNamed(ws, t.name).filter((x) => sameTable(x, t, ws))]) {
    if (seen.has(i)) continue;
    seen.add(i); out.push(i);
  }
  return out;
}

export function candidatesOf(t: Table, ws: WorkspaceModel): CoverCandidate[] {
  const out: CoverCandidate[] = [];
  if (t.primaryKey) out.push({ label: `PRIMARY KEY (${t.primaryKey.columns.join(', ')})`, columns: t.primaryKey.columns });
  for (const u of t.uniqueKeys) out.push({ label: `UNIQUE (${u.columns.join(', ')})`, columns: u.columns });
  for (const i of indexesOf(t, ws)) {
    const what = `${i.unique ? 'UNIQUE ' : ''}INDEX ${i.name ?? ''}`.trim();
    const cols = i.columns.join(', ') + (i.include.length ? `) INCLUDE (${i.include.join(', ')}` : '');
    out.push({
      label: `${what} (${cols})${i.partial ? ` WHERE ${i.predicate ?? '…'}` : ''}`,
      columns: i.columns, expressions: i.expressions, predicate: i.predicate, partial: i.partial,
    });
  }
  return out;
}

/** Coverage of every foreign key of the table. */
export function foreignKeyCoverage(t: Table, ws: WorkspaceModel): FkCoverage[] {
  if (!t.foreignKeys.length) return []; // (without the search of the workspace's indexes candidatesOf does)
  const cands = candidatesOf(t, ws);
  return t.foreignKeys.map((fk) => {
    const by = cands.find((c) => covers(c, fk.columns));
    const want = new Set(fk.columns.map(bare));
    const behind = by ? undefined : cands.find((c) => !c.partial && [...want].every((w) => c.columns.some((x) => bare(x) === w)));
    return { fk, covered: !!by, by: by?.label, considered: cands.map((c) => c.label), ...(behind ? { behind: behind.label } : {}) };
  });
}
