// "Keep as a view instead": for a copy kept for reads (deliberate denormalization), a view with the
// table's old shape over the normalized tables — a materialized view in PostgreSQL (reads stay as cheap
// as the copy; REFRESH MATERIALIZED VIEW after writes), a plain view elsewhere.
import { qt, K, q, type Emitter } from './ddl.ts';
import { joinName } from './ident.ts';
import { columnOf, sameName, type TablePlan } from './plan.ts';
import { lc } from '../lc.ts';
import type { Table, View, WorkspaceModel } from '../model.ts';
import { fileSeesTable } from '../workspace.ts';

/** The view's name: <table>_with_<first joined table>. */
export function viewName(p: TablePlan, taken: Set<string>): string {
  const joined = p.references[0]?.target.table.name ?? p.newTables[0]?.def.name ?? 'copies';
  let name = joinName(p.table.name, p.table.name, 'with', joined);
  for (let i = 2; taken.has(lc(name)); i++) name = `${joinName(p.table.name, p.table.name, 'with', joined)}_${i}`;
  taken.add(lc(name));
  return name;
}

/**
 * SELECT of every original column in order, the dropped ones read from the table that now holds them; null
 * when a dropped column comes from a list or group (no one-row join gives it). `castCopies`: a copy read
 * from an existing table is cast to the copy's own type (PostgreSQL's CREATE OR REPLACE VIEW keeps types).
 */
export function oldShapeSelect(p: TablePlan, opts: { castCopies?: boolean } = {}): string | null {
  const e: Emitter = p.e;
  const T = p.table;
  const source = new Map<string, string>();
  const joins: string[] = [];
  p.references.forEach((r, i) => {
    const a = `r${i + 1}`;
    joins.push(`${K(e, 'LEFT JOIN')} ${qt(e, r.target.table.name, r.target.table.schema ?? e.schema)} ${a} ${K(e, 'ON')} ${r.det.map((d, k) => `${a}.${q(e, r.target.refKey[k])} = t.${q(e, d)}`).join(` ${K(e, 'AND')} `)}`);
    for (const c of r.target.copies) {
      const own = columnOf(T, c.column)?.type ?? '', theirs = columnOf(r.target.table, c.target)?.type ?? '';
      const norm = (x: string) => x.toLowerCase().replace(/\s+/g, ' ').trim();
      const read = `${a}.${q(e, c.target)}`;
      source.set(lc(c.column), opts.castCopies && own && norm(own) !== norm(theirs) ? `${K(e, 'CAST')}(${read} ${K(e, 'AS')} ${own})` : read);
    }
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
  const nl = e.style.eol;
  return `${K(e, 'SELECT')} ${items.join(', ')}${nl}${K(e, 'FROM')} ${qt(e, T.name)} t${joins.length ? nl + joins.join(nl) : ''}`;
}

const viewsByName = new WeakMap<WorkspaceModel, Map<string, View[]>>();

/** The workspace's views whose query names `name`, in file order; grouped once per workspace, not scanned per fix. */
export function viewsNaming(ws: WorkspaceModel, name: string): View[] {
  let m = viewsByName.get(ws);
  if (!m) {
    m = new Map();
    for (const fm of ws.files) for (const v of fm.views ?? []) for (const n of new Set(v.names)) { const l = m.get(n); if (l) l.push(v); else m.set(n, [v]); }
    viewsByName.set(ws, m);
  }
  return m.get(lc(name)) ?? [];
}

const filesOf = new WeakMap<WorkspaceModel, Map<string, { dialect: string; creates: Set<string> }>>();

/**
 * Can view v read table T: files of different dialects are different databases; a view reads the table of
 * that name its own file creates, if any (another schema's same-named table is not it); and otherwise the one
 * its file's project resolves the name to.
 */
export function viewCanRead(ws: WorkspaceModel, v: View, T: Table): boolean {
  if (v.file === T.file) return true;
  let m = filesOf.get(ws);
  if (!m) filesOf.set(ws, (m = new Map(ws.files.map((f) => [f.file, { dialect: f.dialect, creates: new Set(f.tables.map((t) => lc(t.name))) }]))));
  const vf = m.get(v.file), tf = m.get(T.file);
  if (!vf || !tf || vf.dialect !== tf.dialect || vf.creates.has(lc(T.name))) return false;
  return fileSeesTable(ws, v.file, T, v.span.start);
}

/** CREATE [MATERIALIZED] VIEW name AS the old shape (null when it cannot be rebuilt by joins). */
export function oldShapeView(p: TablePlan, name: string): string | null {
  const select = oldShapeSelect(p);
  if (!select) return null;
  const head = p.e.dialect === 'postgresql' ? 'CREATE MATERIALIZED VIEW' : 'CREATE VIEW';
  return `${K(p.e, head)} ${qt(p.e, name)} ${K(p.e, 'AS')}${p.e.style.eol}${select}`;
}

