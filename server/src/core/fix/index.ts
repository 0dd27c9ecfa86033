// Fix builders the rules call. Each returns Fix data (DDL edits in the file's dialect and style, plus the
// data migration). Owned by the fixes work; rules import from here so they never build SQL themselves.
import type { Fix } from '../findings.ts';
import type { Table } from '../model.ts';
import type { RuleContext } from '../rule.ts';
import { addDependencyTable, addListColumn, addRepeatingGroup, takenNames } from './extract.ts';
import { rowsContradict, rowsLoseDependent } from './seed.ts';
import { keptColumns, newPlan, planTables, realize, realizeTitleOnly, type TablePlan, type TableRole } from './plan.ts';
import { addReferenceDrop, referenceTarget } from './reference.ts';
import { oldShapeView, viewName } from './view.ts';
import { planDependentViews } from './view-rewrite.ts';
import { innodbKeyBlocker } from './fk-compat.ts';

export interface ListColumnInfo {
  column: string;
  /** The delimiter seen in the evidence (',', ';', '|', ' '), ',' when unknown. */
  delimiter: string;
  /** True when the values name entities (tags, courses): a lookup table + junction table; else a child table. */
  entity: boolean;
}

export interface RepeatingGroupInfo {
  /** e.g. 'phone' for phone1..3, 'metric' for metric1_name/metric1_value… */
  stem: string;
  /** One member per slot, in slot order. `columns` maps the attribute ('' for a bare phone1) to the column name. */
  slots: { ordinal: number; columns: { attr: string; column: string }[] }[];
}

/** A fix with what its new tables hold (for previews and the engine round-trip tests). */
export interface FixDetail {
  fix: Fix;
  table: string;
  tables: { name: string; role: TableRole }[];
  kept: string[];
  surrogate?: string;
}

/** A refused rewrite: the reason travels to the editor as a fix with no edits and `declined` set. */
export class Declined extends Error {
  constructor(what: string, readonly reason: string) { super(`Cannot ${what} because ${reason}`); }
}

type Step = (p: TablePlan, taken: Set<string>, ctx: RuleContext) => string;

function detail(ctx: RuleContext, table: Table, step: Step, variant?: 'view'): FixDetail | null {
  try {
    const p = newPlan(table, ctx.textOf(table.file), ctx.workspace.rows.get(table) ?? [], ctx.workspace);
    const taken = takenNames(ctx.workspace.tables);
    let title = step(p, taken, ctx);
    const blocked = planDependentViews(p, ctx.workspace) ?? innodbKeyBlocker(p);
    if (blocked) throw new Declined(title.charAt(0).toLowerCase() + title.slice(1), blocked);
    if (variant === 'view') {
      const name = viewName(p, taken);
      const v = oldShapeView(p, name);
      if (!v) return null;
      p.views.push(v);
      title += `; keep the old shape as ${p.e.dialect === 'postgresql' ? 'materialized view' : 'view'} ${name} for reads`;
    }
    const r = ctx.fixEdits === false ? realizeTitleOnly(p) : realize(p, ctx.options);
    const note = p.surrogate ? ` (adds surrogate key ${p.surrogate}: the table has no key)` : '';
    return {
      fix: { title: title + note, kind: 'refactor', edits: r.edits, ...(r.migration ? { migration: r.migration } : {}), ...(r.down ? { down: r.down } : {}) },
      table: table.name, tables: planTables(p), kept: keptColumns(p), surrogate: p.surrogate,
    };
  } catch (e) {
    if (e instanceof Declined && !variant) {
      return { fix: { title: e.message, kind: 'refactor', edits: [], declined: e.reason }, table: table.name, tables: [], kept: table.columns.map((c) => c.name) };
    }
    // a statement whose column list cannot be read gets no fix rather than a wrong one
    return null;
  }
}

const build = (ctx: RuleContext, table: Table, step: Step, withView = false): Fix[] => {
  const d = detail(ctx, table, step);
  if (!d) return [];
  const v = withView && !d.fix.declined ? detail(ctx, table, step, 'view') : null;
  return v ? [d.fix, v.fix] : [d.fix];
};

const listStep = (info: ListColumnInfo): Step => (p, taken) => {
  addListColumn(p, info, taken);
  const names = p.newTables.map((t) => t.def.name);
  return info.entity && names.length > 1
    ? `Move ${info.column} into lookup table ${names[0]} and junction table ${names[1]}`
    : `Move ${info.column} into child table ${names[0]}`;
};
const groupStep = (group: RepeatingGroupInfo): Step => (p, taken) => {
  addRepeatingGroup(p, group, taken);
  return `Move ${group.stem}1..${group.slots.length} into child table ${p.newTables[0].def.name}`;
};
const dependencyStep = (determinant: string[], dependents: string[]): Step => (p, taken, ctx) => {
  const what = `${determinant.join(', ')} → ${dependents.join(', ')}`;
  const ref = referenceTarget(ctx.workspace, p.table, determinant, dependents);
  if (ref && 'conflict' in ref) throw new Declined(`extract ${what}`, ref.conflict);
  if (ref) {
    const r = ref.target;
    const blocked = addReferenceDrop(p, determinant, r);
    const copies = r.copies.map((c) => c.column).join(', ');
    const fk = r.hasForeignKey ? '' : blocked ? ` (no FOREIGN KEY to ${r.table.name}: ${blocked})` : `; add FOREIGN KEY (${determinant.join(', ')}) REFERENCES ${r.table.name}`;
    return `Drop ${copies} (a copy of ${r.table.name}.${r.copies.map((c) => c.target).join(', ')})${fk}`;
  }
  // rows with no determinant but a dependent value cannot be split without losing it: say so
  // the table's own rows say the dependency does not hold: the new table's key would be duplicated
  const against = dependents.map((d) => rowsContradict(p.table, p.inserts, determinant, d)).find(Boolean);
  if (against) throw new Declined(`extract ${what}`, `the INSERT rows contradict it (${against})`);
  const lost = dependents.filter((d) => rowsLoseDependent(p.table, p.inserts, determinant, d));
  if (lost.length) throw new Declined(`extract ${what}`, `INSERT rows with no ${determinant.join(', ')} hold a ${lost.join(', ')} the split would lose`);
  const name = addDependencyTable(p, determinant, dependents, taken);
  return `Extract ${what} into new table ${name}`;
};

export const listColumnFixDetail = (ctx: RuleContext, table: Table, info: ListColumnInfo) => detail(ctx, table, listStep(info));
export const repeatingGroupFixDetail = (ctx: RuleContext, table: Table, group: RepeatingGroupInfo) => detail(ctx, table, groupStep(group));
export const dependencyFixDetail = (ctx: RuleContext, table: Table, determinant: string[], dependents: string[]) => detail(ctx, table, dependencyStep(determinant, dependents));

export function listColumnFixes(ctx: RuleContext, table: Table, info: ListColumnInfo): Fix[] {
  return build(ctx, table, listStep(info));
}

export function repeatingGroupFixes(ctx: RuleContext, table: Table, group: RepeatingGroupInfo): Fix[] {
  return build(ctx, table, groupStep(group));
}

/** Offered fixes and the refused ones (title "Cannot … because …", reason) for Finding.fixes / declinedFixes. */
export function splitDeclined(fixes: Fix[]): { fixes: Fix[]; declinedFixes?: { title: string; reason: string }[] } {
  const declined = fixes.filter((f) => f.declined).map((f) => ({ title: f.title, reason: f.declined! }));
  return { fixes: fixes.filter((f) => !f.declined), ...(declined.length ? { declinedFixes: declined } : {}) };
}

export function dependencyFixes(ctx: RuleContext, table: Table, determinant: string[], dependents: string[]): Fix[] {
  return build(ctx, table, dependencyStep(determinant, dependents), true);
}
