// The custom request `normlint/erd` (types only, shared by the server and the client): the ER diagram
// of the workspace, of one file, or of one table's neighbourhood — drawn by the core (SVG without
// styles; the webview themes it) and the places each table and column is declared, for click-to-jump.
import type { Position, Range } from 'vscode-languageserver-protocol';

/** `auto`: the workspace, or the neighbourhood of the table at `position` (else the one with most findings) above 60 tables. */
export type ErdScope = 'auto' | 'workspace' | 'file' | 'table';

export interface ErdParams {
  uri: string;
  scope: ErdScope;
  position?: Position;
  /** For scope `table`: the centre, by name; else the table at `position`. */
  table?: string;
  depth?: number;
}

export interface ErdEntityLocation {
  id: string;
  name: string;
  uri: string;
  range: Range;
  columns: { name: string; range: Range }[];
}

export interface ErdResult {
  /** What is shown: `auto` is resolved to one of the others. */
  scope: Exclude<ErdScope, 'auto'>;
  centre?: string;
  depth: number;
  /** Tables in the whole workspace, for the table picker. */
  tables: string[];
  svg: string;
  entities: ErdEntityLocation[];
  relationships: number;
}

export const ErdRequest = 'normlint/erd';
