// The custom requests shared with the language server (fixed contract, see the team preamble /
// DESIGN.md). Types only: this file must stay importable by unit tests without `vscode`.
import type { Position, WorkspaceEdit } from 'vscode-languageserver-protocol';

export type NormalizeTarget = '3nf' | 'bcnf';

export interface NormalizeParams {
  uri: string;
  position: Position;
  to: NormalizeTarget;
}

export interface NormalizeResult {
  table: string;
  /** LSP edit; documentChanges carry the document version the server computed it for. */
  edit: WorkspaceEdit;
  warnings: string[];
  /** SVG of the table as it is and of the tables it becomes (the ER diagram's drawing), for the preview. */
  diagrams?: { before: string; after: string };
}

export interface DependenciesParams {
  uri: string;
  position: Position;
}

export interface DependencySource {
  source: string;
  detail: string;
}

export interface DependenciesResult {
  table: string;
  candidateKeys: string[][];
  dependencies: { determinant: string[]; dependents: string[]; sources: DependencySource[] }[];
  normalForm: string;
  markdown: string;
}

export interface StatusResult { analysing: boolean; dialect?: string; dialectSource?: string; setting: string; findings: number; files: number }

export const NormalizeRequest = 'normlint/normalize';
export const StatusRequest = 'normlint/status';
export const StatusChanged = 'normlint/statusChanged';
export const ShowDocumentation = 'normlint.showDocumentation';
export const DependenciesRequest = 'normlint/dependencies';

/** Command ids (contributed in package.json). */
export const Commands = {
  normalizeTable: 'normlint.normalizeTable',
  showDependencies: 'normlint.showDependencies',
  restartServer: 'normlint.restartServer',
  showErd: 'normlint.showErd',
} as const;
