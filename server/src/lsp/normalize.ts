// normlint/normalize: decompose the table under the cursor (3NF synthesis or BCNF) into a WorkspaceEdit the
// client previews before applying (change annotation with needsConfirmation). The decomposition is the
// fixes work's normalizeTable (in a migrations folder: core normalizeInProject); this only translates its edits.
import { ResponseError, ErrorCodes, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { AnalysisResult } from '../core/analyze.ts';
import type { Table } from '../core/model.ts';
import { normalizeTable } from '../core/fix/normalize.ts';
import { normalizeInProject, planMigrations } from '../core/migrations/index.ts';
import type { Engine } from '../core/incremental/engine.ts';
import { errorText } from '../core/incremental/engine.ts';
import { fixToWorkspaceEdit, type VersionOf } from './codeActions.ts';
import { beforeAfterSvg } from './features/erd.ts';

export interface NormalizeParams { uri: string; position: { line: number; character: number }; to: '3nf' | 'bcnf' }
export interface NormalizeResult { table: string; edit: WorkspaceEdit; warnings: string[]; diagrams?: { before: string; after: string } }

export const NORMALIZE_ANNOTATION = 'normlint: normalize table';

export function normalizeRequest(input: { engine: Engine; table: Table; to: '3nf' | 'bcnf'; uriOf(f: string): string; versionOf: VersionOf }): NormalizeResult | null {
  const { engine, table } = input;
  const ws = engine.workspace;
  if (!ws) return null;
  // The engine's findings are complete (kept + re-checked); the last run's own list may cover only the edited tables.
  const result: AnalysisResult = { workspace: ws, findings: engine.allFindings, analysis: (t) => engine.analysisOf(t)! };
  const text = engine.files.get(table.file)?.text ?? '';
  // in a migrations folder the decomposition is the folder's next migration, never an edit of one that has run
  const plan = planMigrations([...engine.files.values()].map((e) => ({ file: e.file, text: e.text })), engine.options.migrationFolders, engine.options.dialect);
  const name = table.schema ? `${table.schema}.${table.name}` : table.name;
  let out;
  try {
    out = plan.replay ? normalizeInProject(result, plan, table.file, name, input.to, engine.options, text) : normalizeTable(result, table.file, name, input.to, engine.options, text);
  } catch (err) {
    throw new ResponseError(ErrorCodes.InternalError, `normlint could not normalize ${table.name}: ${errorText(err)}`);
  }
  return {
    table: out.table,
    edit: fixToWorkspaceEdit(out.edits, input.uriOf, input.versionOf, NORMALIZE_ANNOTATION),
    warnings: out.warnings,
    ...beforeAfterSvg(result, table, out.ddl, engine.options),
  };
}
