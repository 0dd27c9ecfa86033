// Compares normlint's model of a replayed migrations folder with what a real engine holds after running
// it (../shared/migrations/expected/<folder>.json: cols, idx, cons). Matching is by lower-cased names,
// schema `public` when the model has none; a column matches when name, nullability and type family agree.
// The migrator's own bookkeeping table (__diesel_schema_migrations, harness's migrations) is left out.
import type { Finding } from '../../server/src/core/findings.ts';
import type { Table, WorkspaceModel } from '../../server/src/core/model.ts';

export interface Expected {
  cols: { s: string; t: string; c: string; ty: string; dt: string; n: 'YES' | 'NO' }[];
  idx: { s: string; t: string; name: string; u: boolean; p: boolean; partial: boolean; cols: string[] }[];
  cons: { s: string; t: string; name: string; ty: string; cols: string[]; reft: string | null; refcols: string[] }[];
  errors: unknown[];
}

export interface Figures {
  tables: [number, number]; columns: [number, number]; indexes: [number, number]; fks: [number, number];
  staleTables: string[]; staleFindings: string[];
  missing: { tables: string[]; columns: string[]; indexes: string[]; fks: string[] };
}

const lc = (s: string) => s.toLowerCase();
const unq = (s: string) => s.replace(/["`[\]]/g, '');
const tkey = (schema: string | undefined, name: string) => `${lc(unq(schema ?? 'public'))}.${lc(unq(name))}`;

const FAMILIES: [RegExp, string][] = [
  [/^(small|big)?serial\d?$|^int\d?$|^integer$|^(small|big|tiny|medium)int$/, 'integer'],
  [/^(numeric|decimal|real|float\d?|double( precision)?|money)$/, 'numeric'],
  [/^(text|varchar|character varying|char|character|bpchar|citext|string|name|(tiny|medium|long)text|nvarchar|nchar)$/, 'text'],
  [/^bool(ean)?$/, 'boolean'],
  [/^(timestamp|timestamptz|timestamp with(out)? time zone|date|datetime|time|timetz|time with(out)? time zone)$/, 'datetime'],
  [/^(json|jsonb)$/, 'json'],
  [/^(bytea|blob|binary|varbinary|(tiny|medium|long)blob)$/, 'binary'],
];

/** The coarse type family of a type name: integer, numeric, text, boolean, datetime, json, binary, array, or the name itself. */
export function family(type: string, dialect?: string): string {
  // MySQL's BOOLEAN is TINYINT(1), and BIT(1) is the other way to write a flag
  if ((dialect === 'mysql' || dialect === 'mariadb') && /^(bool(ean)?|tinyint|bit)\b/i.test(type)) return 'integer';
  if (/\[\s*\d*\s*\]\s*$|\barray\b/i.test(type) || type.startsWith('_')) return 'array';
  let t = lc(unq(type)).trim();
  t = t.replace(/\(.*?\)/g, '').replace(/\s+/g, ' ').trim();
  t = t.replace(/^.*\./, ''); // schema-qualified (auth.factor_type)
  t = t.replace(/ (unsigned|signed|zerofill)$/g, '');
  for (const [re, f] of FAMILIES) if (re.test(t)) return f;
  return t;
}

function modelIndexes(t: Table): { cols: string; u: boolean; partial: boolean }[] {
  const out: { cols: string; u: boolean; partial: boolean }[] = [];
  const key = (cols: string[], expr?: boolean[]) => cols.map((c, i) => (expr?.[i] ? '(expr)' : lc(unq(c)))).join(',');
  if (t.primaryKey) out.push({ cols: key(t.primaryKey.columns), u: true, partial: false });
  for (const u of t.uniqueKeys) out.push({ cols: key(u.columns), u: true, partial: false });
  // the catalog lists INCLUDE columns after the key columns
  for (const i of t.indexes) out.push({ cols: key([...i.columns, ...i.include], [...i.expressions, ...i.include.map(() => false)]), u: i.unique, partial: i.partial });
  return out;
}

/** Tables the migrator itself creates to record what ran (no migration file declares them). */
const BOOKKEEPING = new Set(['__diesel_schema_migrations', '_prisma_migrations', '_sqlx_migrations', 'schema_migrations', 'flyway_schema_history', 'migrations']);

export function compare(ws: WorkspaceModel, all: Expected, findings: Finding[]): Figures {
  // left out only when no migration declares it (supabase-auth's files create their schema_migrations)
  const declared = new Set(ws.tables.map((t) => lc(unq(t.name))));
  const own = (x: { t: string }) => !BOOKKEEPING.has(lc(x.t)) || declared.has(lc(x.t));
  const expected = { ...all, cols: all.cols.filter(own), idx: all.idx.filter(own), cons: all.cons.filter(own) };
  const expTables = new Set(expected.cols.map((c) => tkey(c.s, c.t)));
  const model = new Map<string, Table>();
  for (const t of ws.tables) if (t.kind !== 'partition' && !t.temporary) model.set(tkey(t.schema, t.name), t);
  const missing: Figures['missing'] = { tables: [], columns: [], indexes: [], fks: [] };
  let tablesOk = 0;
  for (const k of expTables) { if (model.has(k)) tablesOk++; else missing.tables.push(k); }
  const staleTables = [...model.keys()].filter((k) => !expTables.has(k));
  let colsOk = 0;
  const expCols = new Set<string>();
  for (const c of expected.cols) {
    const k = tkey(c.s, c.t);
    expCols.add(`${k}.${lc(c.c)}`);
    const col = model.get(k)?.columns.find((x) => lc(unq(x.name)) === lc(c.c));
    const fam = c.dt === 'ARRAY' ? 'array' : family(c.ty);
    if (col && col.nullable === (c.n === 'YES') && (col.type === '' || family(col.type) === fam)) colsOk++;
    else missing.columns.push(`${k}.${c.c} ${c.ty}${c.n === 'YES' ? '' : ' not null'}${col ? ` ≠ model ${col.type}${col.nullable ? '' : ' not null'}` : ' (absent)'}`);
  }
  // indexes: a multiset match by (table, key columns, unique, partial)
  const pool = new Map<string, number>();
  for (const [k, t] of model) for (const i of modelIndexes(t)) { const id = `${k}|${i.cols}|${i.u}|${i.partial}`; pool.set(id, (pool.get(id) ?? 0) + 1); }
  let idxOk = 0;
  for (const i of expected.idx) {
    const id = `${tkey(i.s, i.t)}|${i.cols.map(lc).join(',')}|${i.u}|${i.partial}`;
    const n = pool.get(id) ?? 0;
    if (n > 0) { idxOk++; pool.set(id, n - 1); } else missing.indexes.push(`${i.name} ${id}`);
  }
  const fkPool = new Map<string, number>();
  for (const [k, t] of model) for (const fk of t.foreignKeys) {
    const id = `${k}|${fk.columns.map((c) => lc(unq(c))).join(',')}|${lc(unq(fk.references.table))}|${fk.references.columns.map((c) => lc(unq(c))).join(',')}`;
    fkPool.set(id, (fkPool.get(id) ?? 0) + 1);
  }
  const expFks = expected.cons.filter((c) => c.ty === 'f');
  let fkOk = 0;
  for (const c of expFks) {
    const id = `${tkey(c.s, c.t)}|${c.cols.map(lc).join(',')}|${lc(c.reft ?? '').replace(/^.*\./, '')}|${c.refcols.map(lc).join(',')}`;
    const n = fkPool.get(id) ?? 0;
    if (n > 0) { fkOk++; fkPool.set(id, n - 1); } else missing.fks.push(`${c.name} ${id}`);
  }
  const staleFindings = findings.filter((f) => {
    if (!f.table) return false;
    const k = tkey(f.schema, f.table);
    if (!expTables.has(k)) return f.rule !== 'unreadable-statement';
    return [...f.columns, ...(f.determinant ?? [])].some((c) => !expCols.has(`${k}.${lc(unq(c))}`));
  }).map((f) => `${f.rule} ${f.schema ? f.schema + '.' : ''}${f.table}(${f.columns.join(', ')}) at ${f.file}:${f.range.start.line + 1}`);
  return {
    tables: [tablesOk, expTables.size], columns: [colsOk, expected.cols.length], indexes: [idxOk, expected.idx.length],
    fks: [fkOk, expFks.length], staleTables, staleFindings, missing,
  };
}

export const pct = ([a, b]: [number, number]) => (b === 0 ? 100 : (100 * a) / b);
