// Dependencies the linter will see in a table Normalize creates. Inference is per table: a dependent
// already explained by one FD in the original (city → country) gets no second, data-only FD there, but in
// the new table `cities (city, region, country)` the key explains it and the rows show region → country.
// Normalize analyses each relation it would create as the re-lint will (its columns, its key, the original's
// rows projected and de-duplicated on that key), so it can split again or say why it does not.
import type { InsertRows, Table, Value, WorkspaceModel } from '../model.ts';
import { defaultOptions, type Options } from '../options.ts';
import { analyzeTable } from '../fd/analyze.ts';
import { lc } from '../lc.ts';

/** FDs (lower-cased names) that hold in the projection of `T` on `attrs` with primary key `key`. */
export function projectedDependencies(ws: WorkspaceModel, T: Table, attrs: string[], key: string[], options: Partial<Options>): { lhs: string[]; rhs: string[] }[] {
  const keep = new Set(attrs);
  const columns = T.columns.filter((c) => keep.has(lc(c.name)));
  const names = columns.map((c) => lc(c.name));
  const keyNames = key.map((k) => columns.find((c) => lc(c.name) === k)?.name ?? k);
  const within = (cols: string[]) => cols.every((c) => keep.has(lc(c)));
  const virtual: Table = {
    ...T,
    columns,
    primaryKey: { columns: keyNames, span: T.span },
    uniqueKeys: T.uniqueKeys.filter((u) => within(u.columns)),
    foreignKeys: T.foreignKeys.filter((f) => within(f.columns)),
    checks: [],
    indexes: [],
    annotations: T.annotations.filter((a) => within([...a.determinant, ...a.dependents])),
  };
  const rows = projectRows(T, ws.rows.get(T) ?? [], names, key);
  const view: WorkspaceModel = { ...ws, rows: new Map([...ws.rows, [virtual, rows]]) };
  const a = analyzeTable(virtual, view, { ...defaultOptions, ...options });
  return a.dependencies
    .filter((d) => !d.sources.every((s) => s.source === 'key'))
    .map((d) => ({ lhs: d.determinant.map(lc), rhs: d.dependents.map(lc) }));
}

/** The rows a new table gets: one per non-NULL key value (the first), the relation's columns only. */
function projectRows(T: Table, inserts: InsertRows[], names: string[], key: string[]): InsertRows[] {
  const order = T.columns.map((c) => lc(c.name));
  const seen = new Set<string>();
  const rows: Value[][] = [];
  for (const ins of inserts) {
    const cols = ins.columns ? ins.columns.map(lc) : order;
    const idx = names.map((n) => cols.indexOf(n));
    const kIdx = key.map((k) => cols.indexOf(k));
    if (idx.some((i) => i < 0) || kIdx.some((i) => i < 0)) continue;
    for (const r of ins.rows) {
      const k = kIdx.map((i) => r[i]);
      if (k.some((v) => v === null || v === undefined)) continue;
      const id = JSON.stringify(k);
      if (seen.has(id)) continue;
      seen.add(id);
      rows.push(idx.map((i) => r[i]));
    }
  }
  if (!rows.length) return [];
  const first = inserts[0];
  return [{ table: T.name, schema: T.schema, columns: null, rows, skippedRows: 0, span: first.span, file: first.file }];
}
