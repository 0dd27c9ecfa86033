// Lossless-join check: rebuild the original rows from the normalized tables (join the extracted tables
// back on their keys, gather list values and repeating-group slots from the child tables) and compare
// them, as a multiset, with the rows the original table held before the migration.
import type { NormalizeOutput } from '../../../server/src/core/fix/normalize.ts';
import type { Engine, Row } from './engine.ts';
import { quoteIdent } from '../../../server/src/core/fix/ident.ts';

const lc = (s: string) => s.toLowerCase();

function canon(v: unknown): string {
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'bigint') return JSON.stringify(v.toString());
  if (v instanceof Uint8Array) return JSON.stringify(Buffer.from(v).toString('hex'));
  if (typeof v === 'number') return JSON.stringify(String(v));
  return JSON.stringify(v ?? null);
}

const tokens = (v: unknown, delim: string) =>
  JSON.stringify([...new Set(v == null ? [] : String(v).split(delim).map((s) => s.trim()).filter(Boolean))].sort());

export interface LosslessResult { ok: boolean; problems: string[]; originalCount: number; rebuiltCount: number }

/** `quote`: how the migration wrote table names (bare by default; a quoting file passes its own). */
export async function checkLossless(engine: Engine, out: Pick<NormalizeOutput, 'table' | 'tables'>, original: Row[], quote?: (name: string) => string): Promise<LosslessResult> {
  const q = quote ?? ((n: string) => quoteIdent(n, engine.dialect));
  const cols = Object.keys(original[0] ?? {});
  const listOf = new Map<string, string>();
  for (const t of out.tables) if (t.role.kind === 'list') listOf.set(lc(t.role.column), t.role.delimiter);
  const key = (r: Row) => cols.map((c) => (listOf.has(c) ? tokens(r[c], listOf.get(c)!) : canon(r[c]))).join('|');

  const rowsOf = new Map<string, Row[]>();
  for (const t of out.tables) rowsOf.set(t.name, await engine.query(`SELECT * FROM ${q(t.name)}`));
  const main = await engine.query(`SELECT * FROM ${q(out.table)}`);
  const pk = (r: Row, cs: string[]) => cs.map((c) => canon(r[lc(c)])).join('|');
  // rows of each new table indexed by the key the original joins on (dependency key / parent key)
  const index = new Map<string, Map<string, Row[]>>();
  const byKey = (table: string, cols: string[]) => {
    let m = index.get(table);
    if (!m) {
      m = new Map();
      for (const x of rowsOf.get(table)!) { const k = pk(x, cols); (m.get(k) ?? m.set(k, []).get(k)!).push(x); }
      index.set(table, m);
    }
    return m;
  };
  const rebuilt = main.map((r0) => {
    const r: Row = { ...r0 };
    const joined = new Set<string>();
    for (let changed = true; changed;) {
      changed = false;
      for (const t of out.tables) {
        if (t.role.kind === 'reference' && !joined.has(t.name)) {
          // dropped copies come back from the existing table they copied
          const role = t.role;
          const k = role.key.map(lc);
          if (!k.every((c) => c in r)) continue;
          joined.add(t.name); changed = true;
          const hit = byKey(t.name, role.refKey).get(pk(r, k))?.[0];
          for (const c of role.copies) r[lc(c.column)] = hit ? hit[lc(c.target)] : null;
          continue;
        }
        if (t.role.kind !== 'dependency' || joined.has(t.name)) continue;
        const k = t.role.key.map(lc);
        if (!k.every((c) => c in r)) continue;
        joined.add(t.name); changed = true;
        const hit = byKey(t.name, k).get(pk(r, k))?.[0];
        const sample = rowsOf.get(t.name)![0] ?? {};
        for (const c of Object.keys(hit ?? sample)) if (!k.includes(c)) r[c] = hit ? hit[c] : null;
      }
    }
    for (const t of out.tables) {
      const role = t.role;
      if (role.kind === 'list') {
        const mine = byKey(t.name, role.parentKey).get(pk(r, role.parentKey)) ?? [];
        r[lc(role.column)] = mine.map((x) => x[lc(role.valueColumn)]).join(role.delimiter);
      } else if (role.kind === 'group') {
        const mine = byKey(t.name, role.parentKey).get(pk(r, role.parentKey)) ?? [];
        for (const s of role.slots) {
          const hit = mine.find((x) => Number(x[lc(role.ordinalColumn)]) === s.ordinal);
          for (const c of s.columns) r[lc(c.column)] = hit ? hit[lc(c.target)] : null;
        }
      }
    }
    return r;
  });
  const a = original.map(key).sort(), b = rebuilt.map(key).sort();
  const problems: string[] = [];
  if (a.length !== b.length) problems.push(`row count: original ${a.length}, rebuilt ${b.length}`);
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const ca = count(a), cb = count(b);
  for (const [k, n] of ca) if (cb.get(k) !== n) problems.push(`original row ${k} ×${n}, rebuilt ×${cb.get(k) ?? 0}`);
  for (const [k, n] of cb) if (!ca.has(k)) problems.push(`rebuilt row not in original: ${k} ×${n}`);
  return { ok: problems.length === 0, problems: problems.slice(0, 5), originalCount: a.length, rebuiltCount: b.length };
}
