// Merge file models into one workspace model: ALTERs applied, indexes and rows attached.
// File models stay immutable (they are cached by file text): every table that an ALTER, an index or a
// resolution touches is copied first. Must be cheap: the language server rebuilds it per edit.
import type { AlterAction, FileModel, ForeignKey, Index, InsertRows, Table, WorkspaceModel } from './model.ts';

const lc = (s: string) => s.toLowerCase();
const keyOf = (schema: string | undefined, name: string) => (schema ? `${lc(schema)}.${lc(name)}` : lc(name));

/** A shallow copy whose arrays may be changed without touching the file model's table. */
function copyTable(t: Table): Table {
  return {
    ...t, notes: [...t.notes], columns: [...t.columns], uniqueKeys: [...t.uniqueKeys], foreignKeys: [...t.foreignKeys],
    checks: [...t.checks], indexes: [...t.indexes], annotations: [...t.annotations],
  };
}

export function buildWorkspace(files: FileModel[]): WorkspaceModel {
  const tables: Table[] = [];
  const lookup = new Map<string, Table>();
  const register = (t: Table) => {
    const full = keyOf(t.schema, t.name);
    if (!lookup.has(full)) lookup.set(full, t);
    if (!lookup.has(lc(t.name))) lookup.set(lc(t.name), t);
  };
  for (const fm of files) for (const t of fm.tables) { const c = copyTable(t); tables.push(c); register(c); }
  const find = (schema: string | undefined, name: string): Table | undefined =>
    (schema ? lookup.get(keyOf(schema, name)) : undefined) ?? lookup.get(lc(name))
    ?? (schema === undefined ? undefined : lookup.get(lc(name)));

  // ALTER TABLE / COMMENT ON, in file order
  for (const fm of files) {
    for (const a of fm.alterations) {
      const t = find(a.schema, a.table);
      if (!t) continue;
      for (const act of a.actions) applyAction(t, act, a.file);
    }
  }
  // partitions / LIKE / INHERITS: take the parent's columns and keys when the table declares none
  for (const t of tables) {
    if (!t.derivedFrom || t.kind === 'as-select') continue;
    const dot = t.derivedFrom.lastIndexOf('.');
    const parent = find(dot > 0 ? t.derivedFrom.slice(0, dot) : undefined, t.derivedFrom.slice(dot + 1));
    if (!parent || parent === t) continue;
    inherit(t, parent);
  }
  // REFERENCES t without columns → t's primary key
  for (const t of tables) {
    for (let k = 0; k < t.foreignKeys.length; k++) {
      const fk = t.foreignKeys[k];
      if (fk.references.columns.length > 0) continue;
      const target = find(fk.references.schema, fk.references.table);
      if (target?.primaryKey) {
        t.foreignKeys[k] = { ...fk, references: { ...fk.references, columns: [...target.primaryKey.columns] } } as ForeignKey;
      }
    }
  }
  // indexes: attach to their tables
  const indexes: Index[] = [];
  for (const fm of files) {
    for (const idx of fm.indexes) {
      indexes.push(idx);
      const t = find(idx.schema, idx.table);
      if (t && !t.indexes.includes(idx)) t.indexes.push(idx);
    }
  }
  // rows by table
  const rows = new Map<Table, InsertRows[]>();
  for (const fm of files) {
    for (const ins of fm.inserts) {
      const t = find(ins.schema, ins.table);
      if (!t) continue;
      let list = rows.get(t);
      if (!list) rows.set(t, (list = []));
      list.push(ins);
    }
  }
  return { files, tables, lookup, rows, indexes };
}

function applyAction(t: Table, act: AlterAction, file: string): void {
  const idx = (name: string) => t.columns.findIndex((c) => lc(c.name) === lc(name));
  switch (act.kind) {
    case 'add-column': if (idx(act.column.name) < 0) t.columns.push(act.column); break;
    case 'add-primary-key': {
      t.primaryKey = act.key;
      const pk = new Set(act.key.columns.map(lc));
      t.columns = t.columns.map((c) => (pk.has(lc(c.name)) && c.nullable ? { ...c, nullable: false } : c));
      break;
    }
    case 'add-unique': t.uniqueKeys.push(act.key); break;
    case 'add-foreign-key': t.foreignKeys.push(act.fk.file ? act.fk : { ...act.fk, file }); break;
    case 'add-check': t.checks.push(act.check); break;
    case 'drop-column': { const i = idx(act.column); if (i >= 0) t.columns.splice(i, 1); break; }
    case 'rename-column': {
      const i = idx(act.from);
      if (i >= 0) t.columns[i] = { ...t.columns[i], name: act.to };
      break;
    }
    case 'column-comment': {
      const i = idx(act.column);
      if (i >= 0) t.columns[i] = { ...t.columns[i], comment: act.comment };
      break;
    }
    case 'table-comment': t.comment = act.comment; break;
  }
}

function inherit(t: Table, parent: Table): void {
  // A partition is storage of its parent: its rows are the parent's rows and the parent is what gets
  // checked, so it keeps no columns of its own (no duplicate findings per partition).
  if (t.kind === 'partition') return;
  if (t.kind === 'like') { if (t.columns.length === 0) t.columns = [...parent.columns]; return; }
  // INHERITS: the parent's columns come first, then the table's own
  const own = new Set(t.columns.map((c) => lc(c.name)));
  t.columns = [...parent.columns.filter((c) => !own.has(lc(c.name))), ...t.columns];
}
