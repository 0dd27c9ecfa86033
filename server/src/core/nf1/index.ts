// First-normal-form detection shared by the list-column / repeating-group rules and the normal-form
// computation (fd/analyze.ts). Owned by the 1NF work.
import type { Table, WorkspaceModel } from '../model.ts';

/** True when the table has a list column or a repeating group (so it is not in 1NF). */
export function breaksFirstNormalForm(_table: Table, _workspace: WorkspaceModel): boolean {
  return false;
}
