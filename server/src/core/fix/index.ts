// Fix builders the rules call. Each returns Fix data (DDL edits in the file's dialect and style, plus the
// data migration). Owned by the fixes work; rules import from here so they never build SQL themselves.
import type { Fix } from '../findings.ts';
import type { Table } from '../model.ts';
import type { RuleContext } from '../rule.ts';
import { addDependencyTable, addListColumn, addRepeatingGroup, takenNames } from './extract.ts';
import { newPlan, realize, type TablePlan } from './plan.ts';

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

/** Builds one fix from a plan step; a table whose text cannot be rewritten gets no fix (never a wrong one). */
function build(ctx: RuleContext, table: Table, step: (p: TablePlan, taken: Set<string>) => string): Fix[] {
  try {
    const p = newPlan(table, ctx.textOf(table.file));
    const title = step(p, takenNames(ctx.workspace.tables));
    const r = realize(p, ctx.options);
    const note = p.surrogate ? ` (adds surrogate key ${p.surrogate}: the table has no key)` : '';
    return [{ title: title + note, kind: 'quickfix', edits: r.edits, migration: r.migration, isPreferred: true }];
  } catch {
    return [];
  }
}

export function listColumnFixes(ctx: RuleContext, table: Table, info: ListColumnInfo): Fix[] {
  return build(ctx, table, (p, taken) => {
    addListColumn(p, info, taken);
    const names = p.newTables.map((t) => t.def.name);
    return info.entity
      ? `Move ${info.column} into lookup table ${names[0]} and junction table ${names[1]}`
      : `Move ${info.column} into child table ${names[0]}`;
  });
}

export function repeatingGroupFixes(ctx: RuleContext, table: Table, group: RepeatingGroupInfo): Fix[] {
  return build(ctx, table, (p, taken) => {
    addRepeatingGroup(p, group, taken);
    return `Move ${group.stem}1..${group.slots.length} into child table ${p.newTables[0].def.name}`;
  });
}

export function dependencyFixes(ctx: RuleContext, table: Table, determinant: string[], dependents: string[]): Fix[] {
  return build(ctx, table, (p, taken) => {
    const name = addDependencyTable(p, determinant, dependents, taken);
    return `Extract ${determinant.join(', ')} → ${dependents.join(', ')} into new table ${name}`;
  });
}
