// Fix builders the rules call. Each returns Fix data (DDL edits in the file's dialect and style, plus the
// data migration). Owned by the fixes work; rules import from here so they never build SQL themselves.
import type { Fix } from '../findings.ts';
import type { Table } from '../model.ts';
import type { RuleContext } from '../rule.ts';
import { addDependencyTable, addListColumn, addRepeatingGroup, takenNames } from './extract.ts';
import { rowsLoseDependent } from './seed.ts';
import { keptColumns, newPlan, realize, type TablePlan, type TableRole } from './plan.ts';

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

function detail(ctx: RuleContext, table: Table, step: (p: TablePlan, taken: Set<string>) => string): FixDetail | null {
  try {
    const p = newPlan(table, ctx.textOf(table.file), ctx.workspace.rows.get(table) ?? []);
    const title = step(p, takenNames(ctx.workspace.tables));
    const r = realize(p, ctx.options);
    const note = p.surrogate ? ` (adds surrogate key ${p.surrogate}: the table has no key)` : '';
    return {
      fix: { title: title + note, kind: 'refactor', edits: r.edits, migration: r.migration },
      table: table.name, tables: p.newTables.map((t) => ({ name: t.def.name, role: t.role })), kept: keptColumns(p), surrogate: p.surrogate,
    };
  } catch {
    // a statement whose column list cannot be read gets no fix rather than a wrong one
    return null;
  }
}

const build = (ctx: RuleContext, table: Table, step: (p: TablePlan, taken: Set<string>) => string): Fix[] => {
  const d = detail(ctx, table, step);
  return d ? [d.fix] : [];
};

const listStep = (info: ListColumnInfo) => (p: TablePlan, taken: Set<string>) => {
  addListColumn(p, info, taken);
  const names = p.newTables.map((t) => t.def.name);
  return info.entity
    ? `Move ${info.column} into lookup table ${names[0]} and junction table ${names[1]}`
    : `Move ${info.column} into child table ${names[0]}`;
};
const groupStep = (group: RepeatingGroupInfo) => (p: TablePlan, taken: Set<string>) => {
  addRepeatingGroup(p, group, taken);
  return `Move ${group.stem}1..${group.slots.length} into child table ${p.newTables[0].def.name}`;
};
const dependencyStep = (determinant: string[], dependents: string[]) => (p: TablePlan, taken: Set<string>) => {
  // rows with no determinant but a dependent value cannot be split without losing it: offer no fix
  const lost = dependents.filter((d) => rowsLoseDependent(p.table, p.inserts, determinant, d));
  if (lost.length) throw new Error(`rows with no ${determinant.join(', ')} hold ${lost.join(', ')}`);
  const name = addDependencyTable(p, determinant, dependents, taken);
  return `Extract ${determinant.join(', ')} → ${dependents.join(', ')} into new table ${name}`;
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

export function dependencyFixes(ctx: RuleContext, table: Table, determinant: string[], dependents: string[]): Fix[] {
  return build(ctx, table, dependencyStep(determinant, dependents));
}
