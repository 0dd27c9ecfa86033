// normlint/normalize: decompose the table under the cursor (3NF synthesis or BCNF) into a WorkspaceEdit the
// client previews before applying. The decomposition is the fixes work's normalizeTable; this only translates.
import { ResponseError, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Table } from '../core/model.ts';
import type { Engine } from './engine.ts';
import { fixToWorkspaceEdit, type VersionOf } from './codeActions.ts';

export interface NormalizeParams { uri: string; position: { line: number; character: number }; to: '3nf' | 'bcnf' }
export interface NormalizeResult { table: string; edit: WorkspaceEdit; warnings: string[] }

export const NORMALIZE_ANNOTATION = 'normlint: normalize table';

export function normalizeRequest(input: { engine: Engine; table: Table; to: '3nf' | 'bcnf'; uriOf(f: string): string; versionOf: VersionOf }): NormalizeResult | null {
  void fixToWorkspaceEdit;
  throw new ResponseError(-32603, `normlint: Normalize table is not available yet in this build (table ${input.table.name}).`);
}
