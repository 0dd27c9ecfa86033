// Replay: the schema a migrations folder builds, got by applying each file's events (model.ts SchemaEvent)
// in the given file order, statement by statement, as the engine runs them. A statement the engine
// would refuse (ALTER of a missing table, a second PRIMARY KEY, CREATE of an existing table) changes
// nothing, as in the engine. File models stay immutable: every table, column, key and index that an
// event changes is copied first.
import type { Column, Dialect, FileModel, ForeignKey, Index, InsertRows, KeyConstraint, SchemaEvent, Table } from './model.ts';
import { eventStart } from './reader/history.ts';
import { applyTableAction, type Live } from './replay-table.ts';
import { engineName } from './replay-names.ts';
import { lc } from './lc.ts';

/** Is `name` (any case) equal to `lower` (lower-cased)? The length test first keeps hot loops cheap. */
const is = (name: string | undefined, lower: string) => name !== undefined && name.length === lower.length && lc(name) === lower;

/** The replay state: live tables and indexes keyed by project, schema and name. */
export class ReplayState implements Live {
  readonly tables = new Map<string, Table>();
  readonly indexes = new Map<string, Index>();
  readonly types = new Map<string, string[]>();
  readonly projectOf = new Map<Table, string>();
  readonly rows = new Map<Table, InsertRows[]>();

  /** Unqualified names are in the default schema (PostgreSQL public, SQLite main, MySQL the current database). */
  schemaKey(schema: string | undefined, dialect: Dialect): string {
    if (!schema) return '';
    const s = lc(schema);
    return (dialect === 'postgresql' && s === 'public') || (dialect === 'sqlite' && s === 'main') ? '' : s;
  }

  tableKey(project: string, schema: string, name: string): string { return `${project}\0${schema}\0${lc(name)}`; }

  findTable(project: string, schema: string | undefined, name: string, dialect: Dialect): Table | undefined {
    const s = this.schemaKey(schema, dialect);
    const t = this.tables.get(this.tableKey(project, s, name));
    if (t || schema) return t;
    // unqualified and not in the default schema: a table of that name in another schema on the search path
    const suffix = `\0${lc(name)}`, prefix = `${project}\0`;
    for (const [k, v] of this.tables) if (k.startsWith(prefix) && k.endsWith(suffix)) return v;
    return undefined;
  }

  keyOf(t: Table): string { return this.tableKey(this.projectOf.get(t) ?? '', this.schemaKey(t.schema, t.dialect), t.name); }

  indexKey(t: Table, name: string): string { return `${this.projectOf.get(t) ?? ''}\0${this.schemaKey(t.schema, t.dialect)}\0${lc(name)}`; }

  /** Is `name` taken among the relation names of t's schema (indexes, and PK/unique constraints) or t's constraints? */
  taken(t: Table, name: string): boolean {
    const mysql = t.dialect === 'mysql' || t.dialect === 'mariadb'; // MySQL names indexes per table
    if (mysql ? t.indexes.some((i) => is(i.name, name)) : this.indexes.has(this.indexKey(t, name))) return true;
    for (const other of mysql ? [t] : this.tables.values()) {
      if (other.schema !== t.schema && this.schemaKey(other.schema, other.dialect) !== this.schemaKey(t.schema, t.dialect)) continue;
      if (is(other.primaryKey?.name, name) || other.uniqueKeys.some((k) => is(k.name, name))) return true;
      if (other === t && (other.foreignKeys.some((k) => is(k.name, name)) || other.checks.some((k) => is(k.name, name)))) return true;
    }
    return false;
  }

  /** The engine's name for an unnamed key: set on a copy, so DROP CONSTRAINT <default name> finds it. */
  named<K extends KeyConstraint | ForeignKey>(t: Table, key: K, kind: 'pkey' | 'key' | 'fkey'): K {
    if (key.name || t.dialect === 'sqlite') return key; // SQLite constraints have no names
    return { ...key, name: engineName(t.dialect, kind, t.name, key.columns, (n) => this.taken(t, n)) };
  }

  addIndex(t: Table, idx: Index): void {
    let index = { ...idx, table: t.name, schema: t.schema };
    if (!index.name) {
      const cols = index.columns.map((c, i) => (index.expressions[i] ? 'expr' : c));
      index = { ...index, name: engineName(t.dialect, 'idx', t.name, cols, (n) => this.taken(t, n)) };
    } else if (this.indexes.has(this.indexKey(t, index.name))) return; // IF NOT EXISTS, or an error
    this.indexes.set(this.indexKey(t, index.name!), index);
    t.indexes.push(index);
  }

  removeIndex(t: Table, idx: Index): void {
    if (idx.name) this.indexes.delete(this.indexKey(t, idx.name));
    t.indexes = t.indexes.filter((x) => x !== idx);
  }

  /** Replaces an index by its changed copy (renamed, table renamed, column renamed). */
  replaceIndex(t: Table, old: Index, neu: Index): void {
    if (old.name) this.indexes.delete(this.indexKey(t, old.name));
    if (neu.name) this.indexes.set(this.indexKey(t, neu.name), neu);
    t.indexes = t.indexes.map((x) => (x === old ? neu : x));
  }

  /** Does this foreign key (of a table in `project`) point at `target`? */
  pointsAt(fk: ForeignKey, project: string, from: Table, target: Table, targetName = lc(target.name)): boolean {
    if (!is(fk.references.table, targetName)) return false;
    return this.findTable(project, fk.references.schema, fk.references.table, from.dialect) === target;
  }

  /** Every live table's foreign keys that point at `target`, for the caller to rewrite. */
  rewriteReferences(target: Table, rewrite: (fk: ForeignKey) => ForeignKey | null): void {
    const project = this.projectOf.get(target) ?? '';
    const targetName = lc(target.name);
    for (const t of this.tables.values()) {
      if (t.foreignKeys.length === 0 || (this.projectOf.get(t) ?? '') !== project) continue;
      let out: ForeignKey[] | undefined; // allocated at the first foreign key that points at target
      t.foreignKeys.forEach((fk, k) => {
        if (!this.pointsAt(fk, project, t, target, targetName)) { out?.push(fk); return; }
        out ??= t.foreignKeys.slice(0, k);
        const r = rewrite(fk);
        if (r) out.push(r);
      });
      if (out) t.foreignKeys = out;
    }
  }

  reshapeRows(t: Table, change: (ins: InsertRows) => InsertRows): void {
    const list = this.rows.get(t);
    if (list) this.rows.set(t, list.map(change));
  }

  dropTable(t: Table): void {
    // PostgreSQL drops the foreign keys that point at it (DROP … CASCADE; without it the DROP fails unless
    // they are gone). SQLite and MySQL (FOREIGN_KEY_CHECKS=0) keep them by name: the rebuild idiom relies on it.
    if (t.dialect === 'postgresql') this.rewriteReferences(t, () => null);
    this.tables.delete(this.keyOf(t));
    for (const idx of t.indexes) if (idx.name) this.indexes.delete(this.indexKey(t, idx.name));
    this.rows.delete(t);
  }

  renameTable(t: Table, to: string): void {
    if (this.findTable(this.projectOf.get(t) ?? '', t.schema, to, t.dialect)) return; // the engine refuses
    this.rewriteReferences(t, (fk) => ({ ...fk, references: { ...fk.references, table: to } }));
    this.tables.delete(this.keyOf(t));
    t.name = to;
    this.tables.set(this.keyOf(t), t);
    for (const idx of [...t.indexes]) this.replaceIndex(t, idx, { ...idx, table: to });
  }
}

/** A shallow copy whose arrays may be changed without touching the file model's table. */
export function copyTable(t: Table): Table {
  return {
    ...t, notes: [...t.notes], columns: [...t.columns], uniqueKeys: [...t.uniqueKeys], foreignKeys: [...t.foreignKeys],
    checks: [...t.checks], indexes: [...t.indexes], annotations: [...t.annotations],
  };
}

/** Runs every file's events in order. Returns the live state; workspace.ts turns it into a WorkspaceModel. */
export function replay(files: FileModel[]): ReplayState {
  const st = new ReplayState();
  for (const fm of files) {
    const project = fm.project ?? '';
    // INSERT rows belong to the table live at that point of the file (a table dropped later takes them along)
    let k = 0;
    const inserts = fm.inserts;
    for (const ev of fm.events) {
      const at = eventStart(ev);
      for (; k < inserts.length && inserts[k].span.start < at; k++) attachRows(st, project, fm.dialect, inserts[k]);
      applyEvent(st, project, fm.dialect, ev);
    }
    for (; k < inserts.length; k++) attachRows(st, project, fm.dialect, inserts[k]);
  }
  return st;
}

function attachRows(st: ReplayState, project: string, dialect: Dialect, ins: InsertRows): void {
  const t = st.findTable(project, ins.schema, ins.table, dialect);
  if (!t) return;
  let list = st.rows.get(t);
  if (!list) st.rows.set(t, (list = []));
  list.push(ins);
}

function applyEvent(st: ReplayState, project: string, dialect: Dialect, ev: SchemaEvent): void {
  switch (ev.kind) {
    case 'create-table': return createTable(st, project, ev.table);
    case 'create-index': {
      const t = st.findTable(project, ev.index.schema, ev.index.table, dialect);
      if (t) st.addIndex(t, ev.index);
      return;
    }
    case 'alter': {
      const a = ev.alteration;
      const t = st.findTable(project, a.schema, a.table, dialect);
      if (t) for (const act of a.actions) applyTableAction(st, t, act, a.file);
      return;
    }
    case 'drop-table':
      for (const n of ev.tables) { const t = st.findTable(project, n.schema, n.table, dialect); if (t) st.dropTable(t); }
      return;
    case 'rename-table': {
      const t = st.findTable(project, ev.from.schema, ev.from.table, dialect);
      if (t) st.renameTable(t, ev.to);
      return;
    }
    case 'drop-index': return dropIndex(st, project, dialect, ev);
    case 'rename-index': return renameIndex(st, project, dialect, ev);
    case 'create-type': {
      const key = typeKey(project, st.schemaKey(ev.schema, dialect), ev.name);
      if (!st.types.has(key)) st.types.set(key, [...ev.values]);
      return;
    }
    case 'alter-type': return alterType(st, project, dialect, ev);
    case 'drop-type': // (with CASCADE the engine drops the columns of that type too; without, the DROP needs none left)
      for (const n of ev.types) st.types.delete(typeKey(project, st.schemaKey(n.schema, dialect), n.name));
      return;
    case 'not-read': return;
  }
}

function createTable(st: ReplayState, project: string, src: Table): void {
  // an existing table stays as it is (CREATE TABLE IF NOT EXISTS, or the engine's error)
  if (st.tables.has(st.tableKey(project, st.schemaKey(src.schema, src.dialect), src.name))) return;
  const t = copyTable(src);
  t.indexes = [];
  if (t.kind === 'as-select' && t.columns.length === 0 && t.selectColumns) { // a real table, whatever it was made from
    t.columns = t.selectColumns;
    t.kind = 'table';
    t.notes = t.notes.filter((n) => !n.startsWith('columns of CREATE TABLE … AS SELECT')).concat('columns are the AS SELECT list (types only where cast)');
  }
  t.columns = t.columns.map((c) => engineColumn(t, c));
  st.projectOf.set(t, project);
  st.tables.set(st.keyOf(t), t);
  // LIKE copies the source's columns as they are now
  if (t.kind === 'like' && t.columns.length === 0 && t.derivedFrom) {
    const dot = t.derivedFrom.lastIndexOf('.');
    const from = st.findTable(project, dot > 0 ? t.derivedFrom.slice(0, dot) : undefined, t.derivedFrom.slice(dot + 1), t.dialect);
    if (from) t.columns = [...from.columns];
  }
  if (t.primaryKey) t.primaryKey = st.named(t, t.primaryKey, 'pkey');
  t.uniqueKeys = t.uniqueKeys.map((k) => st.named(t, k, 'key'));
  t.foreignKeys = t.foreignKeys.map((k) => resolveReference(st, t, st.named(t, k, 'fkey')));
}

const SERIAL = /^(small|big)?serial[248]?$/i;

/**
 * A column as the engine holds it: PostgreSQL serial types are NOT NULL integers with a sequence default,
 * and a primary-key column stays NOT NULL when redefined (MySQL MODIFY/CHANGE without NOT NULL makes it so).
 */
export function engineColumn(t: Table, c: Column): Column {
  if (!c.nullable) return c;
  const inKey = t.primaryKey?.columns.some((k) => k.toLowerCase() === c.name.toLowerCase());
  return inKey || (t.dialect === 'postgresql' && SERIAL.test(c.type)) ? { ...c, nullable: false } : c;
}

/** `REFERENCES t` without columns means t's primary key (as it is when the key is made). */
export function resolveReference(st: ReplayState, from: Table, fk: ForeignKey): ForeignKey {
  if (fk.references.columns.length > 0) return fk;
  const target = fk.references.table.toLowerCase() === from.name.toLowerCase() && !fk.references.schema
    ? from : st.findTable(st.projectOf.get(from) ?? '', fk.references.schema, fk.references.table, from.dialect);
  if (!target?.primaryKey) return fk;
  return { ...fk, references: { ...fk.references, columns: [...target.primaryKey.columns] } };
}

function dropIndex(st: ReplayState, project: string, dialect: Dialect, ev: SchemaEvent & { kind: 'drop-index' }): void {
  const hit = findIndex(st, project, dialect, ev.schema, ev.name, ev.table);
  if (hit) { st.removeIndex(hit.table, hit.index); return; }
  // MySQL: DROP INDEX on a UNIQUE key drops the key (it is that index); PostgreSQL refuses it
  if (dialect !== 'mysql' && dialect !== 'mariadb') return;
  const t = ev.table ? st.findTable(project, ev.schema, ev.table, dialect) : undefined;
  if (!t) return;
  if (lc(ev.name) === 'primary') { t.primaryKey = undefined; return; }
  t.uniqueKeys = t.uniqueKeys.filter((k) => !k.name || lc(k.name) !== lc(ev.name));
}

function renameIndex(st: ReplayState, project: string, dialect: Dialect, ev: SchemaEvent & { kind: 'rename-index' }): void {
  const hit = findIndex(st, project, dialect, ev.schema, ev.from);
  if (hit) { st.replaceIndex(hit.table, hit.index, { ...hit.index, name: ev.to }); return; }
  // the index of a PRIMARY KEY / UNIQUE constraint: renaming it renames the constraint
  for (const t of st.tables.values()) {
    if ((st.projectOf.get(t) ?? '') !== project) continue;
    if (ev.schema && st.schemaKey(ev.schema, dialect) !== st.schemaKey(t.schema, t.dialect)) continue;
    if (t.primaryKey?.name && lc(t.primaryKey.name) === lc(ev.from)) { t.primaryKey = { ...t.primaryKey, name: ev.to }; return; }
    const k = t.uniqueKeys.findIndex((u) => u.name && lc(u.name) === lc(ev.from));
    if (k >= 0) { t.uniqueKeys[k] = { ...t.uniqueKeys[k], name: ev.to }; return; }
  }
}

/** An index by (schema-qualified) name; with `table` (MySQL DROP INDEX … ON t) on that table. */
function findIndex(st: ReplayState, project: string, dialect: Dialect, schema: string | undefined, name: string, table?: string):
  { table: Table; index: Index } | undefined {
  if (table) {
    const t = st.findTable(project, schema, table, dialect);
    const index = t?.indexes.find((i) => is(i.name, lc(name)));
    return t && index ? { table: t, index } : undefined;
  }
  // unqualified: only the default schema, as the engine's search_path
  const index = st.indexes.get(`${project}\0${st.schemaKey(schema, dialect)}\0${lc(name)}`);
  const t = index && st.tables.get(st.tableKey(project, st.schemaKey(index.schema, dialect), index.table));
  return index && t ? { table: t, index } : undefined;
}

export const typeKey = (project: string, schema: string, name: string) => `${project}\0${schema}\0${lc(name)}`;

function alterType(st: ReplayState, project: string, dialect: Dialect, ev: SchemaEvent & { kind: 'alter-type' }): void {
  const key = typeKey(project, st.schemaKey(ev.schema, dialect), ev.name);
  const values = st.types.get(key);
  if (!values) return;
  if (ev.addValue !== undefined && !values.includes(ev.addValue)) {
    const at = ev.position ? values.indexOf(ev.position.value) : -1;
    if (at < 0) values.push(ev.addValue);
    else values.splice(ev.position!.where === 'before' ? at : at + 1, 0, ev.addValue);
  }
  if (ev.renameValue) { const i = values.indexOf(ev.renameValue.from); if (i >= 0) values[i] = ev.renameValue.to; }
  if (ev.renameTo) {
    st.types.delete(key);
    st.types.set(typeKey(project, st.schemaKey(ev.schema, dialect), ev.renameTo), values);
    // columns of that type follow (the engine refers to the type, not its name)
    for (const t of st.tables.values()) {
      if ((st.projectOf.get(t) ?? '') !== project) continue;
      t.columns = t.columns.map((c) => (bareType(c.type) === lc(ev.name) ? { ...c, type: c.type.replace(/[^.\s[\]]+(?=(\[\])*$)/, ev.renameTo!) } : c));
    }
  }
}

/** The type's name without schema, quotes and array marks, lower-cased: `"public"."Role"[]` → role. */
export function bareType(type: string): string {
  const noArr = type.replace(/(\s*\[\s*\d*\s*\])+$/, '');
  const last = noArr.slice(noArr.lastIndexOf('.') + 1);
  return lc(last.replace(/^["`]|["`]$/g, ''));
}

/** Columns whose type is an enum of their project: the labels, on a copy of the column. */
export function withEnumValues(st: ReplayState, t: Table): void {
  if (st.types.size === 0) return;
  const project = st.projectOf.get(t) ?? '';
  const byName = enumsByName(st);
  t.columns = t.columns.map((c): Column => {
    const name = bareType(c.type);
    const candidates = byName.get(`${project}\0${name}`);
    if (!candidates) return c;
    const dot = c.type.replace(/(\[\])+$/, '').lastIndexOf('.');
    const schema = dot > 0 ? c.type.slice(0, dot).replace(/["`]/g, '') : undefined;
    // unqualified: the default schema's type, else one of that name elsewhere on the search path
    const values = st.types.get(typeKey(project, st.schemaKey(schema, t.dialect), name)) ?? (schema ? undefined : candidates[0]);
    return values ? { ...c, enumValues: [...values] } : c;
  });
}

const byNameCache = new WeakMap<ReplayState, Map<string, string[][]>>();

/** Enum labels by "project\0name" (any schema), built once per replay. */
function enumsByName(st: ReplayState): Map<string, string[][]> {
  let m = byNameCache.get(st);
  if (m) return m;
  m = new Map();
  for (const [k, v] of st.types) {
    const [project, , name] = k.split('\0');
    const key = `${project}\0${name}`;
    const list = m.get(key);
    if (list) list.push(v); else m.set(key, [v]);
  }
  byNameCache.set(st, m);
  return m;
}
