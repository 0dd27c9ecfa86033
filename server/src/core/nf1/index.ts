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
  let perTable = verdicts.get(workspace);
  if (!perTable) { perTable = new WeakMap(); verdicts.set(workspace, perTable); }
  let v = perTable.get(table);
  if (v === undefined) {
    v = detectRepeatingGroups(table, workspace).length > 0
      || detectListColumns(table, workspace).some((h) => h.strength !== 'weak');
    perTable.set(table, v);
  }
  return v;
}

// Cached per workspace model and table object (both are rebuilt, never mutated, when the text changes).
const verdicts = new WeakMap<WorkspaceModel, WeakMap<Table, boolean>>();
