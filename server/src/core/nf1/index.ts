// First-normal-form detection shared by the list-column / repeating-group rules and the normal-form
// computation (fd/analyze.ts). Owned by the 1NF work.
import type { Table, WorkspaceModel } from '../model.ts';
import { detectListColumns } from './list-column.ts';
import { detectRepeatingGroups } from './repeating-group.ts';

export { detectListColumns, classifyType, isEnumerationComment, rowsShowLists } from './list-column.ts';
export type { ListColumnHit, ListStrength } from './list-column.ts';
export { detectRepeatingGroups, numberedParts } from './repeating-group.ts';
export type { RepeatingGroupHit } from './repeating-group.ts';
export { listShape } from './list-values.ts';
export { foreignKeyCoverage, covers, isNotNullPredicate } from './fk-coverage.ts';

/**
 * True when the table has a list column or a repeating group that the rules report (so it is not in 1NF).
 * Weak list evidence (a plural name alone) does not count, exactly as the list-column rule does not report it.
 */
export function breaksFirstNormalForm(table: Table, workspace: WorkspaceModel): boolean {
  return repeatingGroupsOf(table, workspace).length > 0 || listColumnsOf(table, workspace).some((h) => h.strength !== 'weak');
}

/** The detectors' hits, computed once per workspace model and table object: the rules and the
 *  normal-form computation ask for the same table (both objects are rebuilt, never mutated, on edits). */
export const listColumnsOf = cachedPerTable((t, ws) => detectListColumns(t, ws));
export const repeatingGroupsOf = cachedPerTable((t, ws) => detectRepeatingGroups(t, ws));

function cachedPerTable<T>(detect: (t: Table, ws: WorkspaceModel) => T): (t: Table, ws: WorkspaceModel) => T {
  const byWorkspace = new WeakMap<WorkspaceModel, WeakMap<Table, T>>();
  return (t, ws) => {
    let perTable = byWorkspace.get(ws);
    if (!perTable) { perTable = new WeakMap(); byWorkspace.set(ws, perTable); }
    let v = perTable.get(t);
    if (v === undefined) { v = detect(t, ws); perTable.set(t, v); }
    return v;
  };
}
