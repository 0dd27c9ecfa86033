// Fix builders the rules call. Each returns Fix data (DDL edits in the file's dialect and style, plus the
// data migration). Owned by the fixes work; rules import from here so they never build SQL themselves.
import type { Fix } from '../findings.ts';
import type { Table } from '../model.ts';
import type { RuleContext } from '../rule.ts';

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

export function listColumnFixes(_ctx: RuleContext, _table: Table, _info: ListColumnInfo): Fix[] { return []; }
export function repeatingGroupFixes(_ctx: RuleContext, _table: Table, _group: RepeatingGroupInfo): Fix[] { return []; }
export function dependencyFixes(_ctx: RuleContext, _table: Table, _determinant: string[], _dependents: string[]): Fix[] { return []; }
