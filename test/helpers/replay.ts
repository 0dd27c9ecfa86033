// Replays small invented histories (one SQL string per migration file, in order) and shows the resulting
// model compactly, so replay tests can assert the whole table at once.
import { readFile } from '../../server/src/core/reader/index.ts';
import { buildWorkspace } from '../../server/src/core/workspace.ts';
import type { Dialect, FileModel, Table, WorkspaceModel } from '../../server/src/core/model.ts';

export function replayed(files: string[], dialect: Dialect = 'postgresql', project?: string): WorkspaceModel {
  const models: FileModel[] = files.map((sql, i) => ({ ...readFile(sql, `${String(i + 1).padStart(3, '0')}.sql`, dialect), ...(project ? { project } : {}) }));
  return buildWorkspace(models, { replay: true });
}

/** The table by name (asserting it is there is the caller's job: undefined when absent). */
export const table = (ws: WorkspaceModel, name: string): Table | undefined => ws.tables.find((t) => t.name === name);

/** A table as plain data: columns "name type [not null]", keys, foreign keys and indexes as short strings. */
export function shape(t: Table | undefined) {
  if (!t) return undefined;
  return {
    columns: t.columns.map((c) => `${c.name} ${c.type}${c.nullable ? '' : ' not null'}`),
    pk: t.primaryKey ? `${t.primaryKey.name ?? ''}(${t.primaryKey.columns.join(',')})` : undefined,
    unique: t.uniqueKeys.map((k) => `${k.name ?? ''}(${k.columns.join(',')})`),
    fks: t.foreignKeys.map((f) => `${f.name ?? ''}(${f.columns.join(',')})->${f.references.table}(${f.references.columns.join(',')})`),
    indexes: t.indexes.map((i) => `${i.name}(${i.columns.join(',')})${i.unique ? ' unique' : ''}`),
  };
}

export const names = (ws: WorkspaceModel) => ws.tables.map((t) => (t.schema ? `${t.schema}.${t.name}` : t.name));
