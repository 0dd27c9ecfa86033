// "Keep as a view instead": for a copy kept for reads (deliberate denormalization), a view with the
// table's old shape over the normalized tables — a materialized view in PostgreSQL (reads stay as cheap
// as the copy; REFRESH MATERIALIZED VIEW after writes), a plain view elsewhere.
import { qt, K, q, type Emitter } from './ddl.ts';
import { joinName } from './ident.ts';
import { sameName, type TablePlan } from './plan.ts';
import { lc } from '../lc.ts';
import type { View, WorkspaceModel } from '../model.ts';

/** The view's name: <table>_with_<first joined table>. */
export function viewName(p: TablePlan, taken: Set<string>): string {
  const joined = p.references[0]?.target.table.name ?? p.newTables[0]?.def.name ?? 'copies';
  let name = joinName(p.table.name, p.table.name, 'with', joined);
  for (let i = 2; taken.has(lc(name)); i++) name = `${joinName(p.table.name, p.table.name, 'with', joined)}_${i}`;
  taken.add(lc(name));
  return name;
}

/**
 * CREATE [MATERIALIZED] VIEW with every original column in order, the dropped ones read from the table
 * that now holds them; null when a dropped column comes from a list or group (no one-row join gives it).
 */
export function oldShapeView(p: TablePlan, name: string): string | null {
  const e: Emitter = p.e;
  const T = p.table;
  const source = new Map<string, string>();
  const joins: string[] = [];
  p.references.forEach((r, i) => {
    const a = `r${i + 1}`;
    joins.push(`${K(e, 'LEFT JOIN')} ${qt(e, r.target.table.name, r.target.table.schema ?? e.schema)} ${a} ${K(e, 'ON')} ${r.det.map((d, k) => `${a}.${q(e, r.target.refKey[k])} = t.${q(e, d)}`).join(` ${K(e, 'AND')} `)}`);
    for (const c of r.target.copies) source.set(lc(c.column), `${a}.${q(e, c.target)}`);
  });
  // join each new table once its key is at hand: kept by the original, or read from a table joined before
  const kept = new Set(T.columns.map((c) => lc(c.name)).filter((c) => !p.dropColumns.some((d) => lc(d) === c)));
  const pending = p.newTables.map((nt, i) => ({ nt, a: `n${i + 1}` })).filter((x) => x.nt.role.kind === 'dependency');
  for (let progress = true; progress && pending.length;) {
    progress = false;
    for (let i = 0; i < pending.length; i++) {
      const { nt, a } = pending[i];
      const key = (nt.role as { key: string[] }).key;
      if (!key.every((k) => kept.has(lc(k)) || source.has(lc(k)))) continue;
      const via = (k: string) => (kept.has(lc(k)) ? `t.${q(e, k)}` : source.get(lc(k))!);
      joins.push(`${K(e, 'LEFT JOIN')} ${qt(e, nt.def.name)} ${a} ${K(e, 'ON')} ${key.map((k) => `${a}.${q(e, k)} = ${via(k)}`).join(` ${K(e, 'AND')} `)}`);
      for (const c of nt.def.columns) if (!key.some((k) => sameName(k, c.name)) && !source.has(lc(c.name))) source.set(lc(c.name), `${a}.${q(e, c.name)}`);
      pending.splice(i--, 1);
      progress = true;
    }
  }
  const dropped = new Set(p.dropColumns.map(lc));
  const items: string[] = [];
  for (const c of T.columns) {
    if (!dropped.has(lc(c.name))) { items.push(`t.${q(e, c.name)}`); continue; }
    const s = source.get(lc(c.name));
    if (!s) return null;
    items.push(`${s} ${K(e, 'AS')} ${q(e, c.name)}`);
  }
  const head = e.dialect === 'postgresql' ? 'CREATE MATERIALIZED VIEW' : 'CREATE VIEW';
  const nl = e.style.eol;
  return `${K(e, head)} ${qt(e, name)} ${K(e, 'AS')}${nl}${K(e, 'SELECT')} ${items.join(', ')}${nl}${K(e, 'FROM')} ${qt(e, T.name)} t${joins.length ? nl + joins.join(nl) : ''}`;
}

const viewsByName = new WeakMap<WorkspaceModel, Map<string, View[]>>();

/** The workspace's views whose query names `name`, in file order; grouped once per workspace, not scanned per fix. */
function viewsNaming(ws: WorkspaceModel, name: string): View[] {
  let m = viewsByName.get(ws);
  if (!m) {
    m = new Map();
    for (const fm of ws.files) for (const v of fm.views ?? []) for (const n of new Set(v.names)) { const l = m.get(n); if (l) l.push(v); else m.set(n, [v]); }
    viewsByName.set(ws, m);
  }
  return m.get(lc(name)) ?? [];
}

/**
 * Why the plan cannot run while views use what it drops: a view whose query names the table and a dropped
 * column (PostgreSQL refuses the DROP COLUMN, MariaDB/MySQL and SQLite leave the view broken). Names are
 * matched as words, so a view naming a same-named column of another table also stops it (never the reverse).
 */
export function dependentViewBlocker(p: TablePlan, ws: WorkspaceModel): string | null {
  const T = p.table;
  const dropped = p.dropColumns.map(lc);
  if (!dropped.length) return null;
  const uses: string[] = [];
  for (const v of viewsNaming(ws, T.name)) {
    // SQLite rebuilds the table: a view on it must be dropped and re-created, which needs its text
    if (p.e.dialect === 'sqlite' && v.file !== T.file) uses.push(`view ${v.name} (in ${v.file}) is on ${T.name}, which SQLite's rebuild drops`);
    const cols = dropped.filter((c) => v.names.includes(c));
    if (cols.length) uses.push(`${v.materialized ? 'materialized view' : 'view'} ${v.name} uses ${cols.map((c) => `${T.name}.${c}`).join(', ')}`);
  }
  if (!uses.length) return null;
  return `${uses.join('; ')}: PostgreSQL refuses to drop ${uses.length > 1 ? 'those columns' : 'it'} and MySQL/SQLite would leave the view broken; change or drop the view first (normlint does not rewrite view queries)`;
}
