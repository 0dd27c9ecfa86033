// One ALTER TABLE action applied to a live (copied) table during replay, with the engine's side effects:
// a renamed column is renamed in keys, foreign keys (also other tables' that point at it) and indexes;
// a dropped column takes the keys, foreign keys and indexes on it along.
import type { AlterAction, CheckConstraint, Column, ForeignKey, Index, InsertRows, KeyConstraint, Table } from './model.ts';
import { dropRowColumn, pinColumns, renameRowColumn } from './replay-rows.ts';
import { engineName } from './replay-names.ts';
import { engineColumn } from './replay.ts';
import { lc } from './lc.ts';

/** Case-insensitive name equality; the length test first keeps the hot loops from lower-casing. */
const same = (a: string | undefined, b: string) => a !== undefined && a.length === b.length && (a === b || lc(a) === lc(b));

/** What replay-table needs of the replay state (replay.ts ReplayState). */
export interface Live {
  named<K extends KeyConstraint | ForeignKey>(t: Table, key: K, kind: 'pkey' | 'key' | 'fkey'): K;
  taken(t: Table, name: string): boolean;
  removeIndex(t: Table, idx: Index): void;
  replaceIndex(t: Table, old: Index, neu: Index): void;
  rewriteReferences(target: Table, rewrite: (fk: ForeignKey) => ForeignKey | null): void;
  renameTable(t: Table, to: string): void;
  /** Rewrites each INSERT already attached to t (replay-rows.ts). */
  reshapeRows(t: Table, change: (ins: InsertRows) => InsertRows): void;
}

export function applyTableAction(st: Live, t: Table, act: AlterAction, file: string): void {
  const at = (name: string) => t.columns.findIndex((c) => same(c.name, name));
  const setColumn = (name: string, change: (c: Column) => Column) => {
    const i = at(name);
    if (i >= 0) t.columns[i] = change(t.columns[i]);
  };
  const named = (name: string | undefined) => name !== undefined && st.taken(t, lc(name));
  switch (act.kind) {
    case 'add-column':
      if (at(act.column.name) >= 0) return;
      pinRows(st, t);
      t.columns.push(engineColumn(t, act.column.file ? act.column : { ...act.column, file }));
      return;
    case 'add-primary-key': {
      if (t.primaryKey) return; // "multiple primary keys are not allowed"
      t.primaryKey = st.named(t, act.key, 'pkey');
      const pk = new Set(act.key.columns.map(lc));
      t.columns = t.columns.map((c) => (pk.has(lc(c.name)) && c.nullable ? { ...c, nullable: false } : c));
      return;
    }
    // a constraint name already in use: the engine refuses the statement
    case 'add-unique': if (!named(act.key.name)) t.uniqueKeys.push(st.named(t, act.key, 'key')); return;
    case 'add-foreign-key': {
      if (named(act.fk.name)) return;
      const fk = st.named(t, act.fk.file ? act.fk : { ...act.fk, file }, 'fkey');
      t.foreignKeys.push(fk);
      return;
    }
    case 'add-check': {
      if (named(act.check.name)) return;
      const name = act.check.name ?? (t.dialect === 'sqlite' ? undefined : engineName(t.dialect, 'check', t.name, [], (n) => st.taken(t, n)));
      t.checks.push(name ? { ...act.check, name } : act.check);
      return;
    }
    case 'drop-column': return dropColumn(st, t, act.column);
    case 'rename-column': return renameColumn(st, t, act.from, act.to);
    case 'column-comment': setColumn(act.column, (c) => ({ ...c, comment: act.comment })); return;
    case 'table-comment': t.comment = act.comment; return;
    case 'rename-table': st.renameTable(t, act.to); return;
    case 'alter-column-type': setColumn(act.column, (c) => ({ ...c, type: act.type, enumValues: undefined })); return;
    case 'set-not-null': setColumn(act.column, (c) => ({ ...c, nullable: false })); return;
    case 'drop-not-null':
      if (t.primaryKey?.columns.some((c) => same(c, act.column))) return; // the engine refuses it on a key column
      setColumn(act.column, (c) => ({ ...c, nullable: true }));
      return;
    case 'set-default': setColumn(act.column, (c) => ({ ...c, default: act.default })); return;
    case 'drop-default': setColumn(act.column, (c) => { const { default: _d, ...rest } = c; return rest; }); return;
    case 'drop-constraint': return dropConstraint(st, t, act.name);
    case 'rename-constraint': return renameConstraint(st, t, act.from, act.to);
    case 'drop-foreign-key': t.foreignKeys = t.foreignKeys.filter((fk) => !same(fk.name, act.name)); return;
    case 'drop-index': {
      const idx = t.indexes.find((i) => same(i.name, act.name));
      if (idx) st.removeIndex(t, idx);
      else if (lc(act.name) === 'primary') t.primaryKey = undefined;
      else t.uniqueKeys = t.uniqueKeys.filter((k) => !same(k.name, act.name)); // MySQL: a UNIQUE key is its index
      return;
    }
    case 'rename-index': {
      const idx = t.indexes.find((i) => same(i.name, act.from));
      if (idx) st.replaceIndex(t, idx, { ...idx, name: act.to });
      else renameConstraint(st, t, act.from, act.to);
      return;
    }
    case 'modify-column': { // MySQL: the whole definition is replaced (nullability, type, default)
      const i = at(act.column.name);
      if (i >= 0) t.columns[i] = engineColumn(t, { ...act.column, file });
      return;
    }
    case 'change-column': {
      const i = at(act.from);
      if (i < 0) return;
      if (!same(act.from, act.column.name)) renameColumn(st, t, act.from, act.column.name);
      t.columns[i] = engineColumn(t, { ...act.column, file });
      return;
    }
    case 'drop-primary-key': t.primaryKey = undefined; return;
    case 'add-key-using-index': { // the index becomes the constraint and takes its name
      const idx = t.indexes.find((i) => same(i.name, act.index));
      if (!idx || idx.expressions.some(Boolean) || (act.key === 'primary' && t.primaryKey)) return;
      st.removeIndex(t, idx);
      const key: KeyConstraint = { name: act.name ?? idx.name, columns: [...idx.columns], span: idx.span };
      if (act.key === 'unique') { t.uniqueKeys.push(key); return; }
      t.primaryKey = key;
      const pk = new Set(key.columns.map(lc));
      t.columns = t.columns.map((c) => (pk.has(lc(c.name)) && c.nullable ? { ...c, nullable: false } : c));
      return;
    }
  }
}

const renamed = (cols: string[], from: string, to: string) => cols.map((c) => (same(c, from) ? to : c));
const has = (cols: string[], name: string) => cols.some((c) => same(c, name));

/** Rows inserted without a column list name the columns they filled, before the table's columns change. */
function pinRows(st: Live, t: Table): void {
  const names = t.columns.map((c) => c.name);
  st.reshapeRows(t, (ins) => pinColumns(ins, names));
}

function renameColumn(st: Live, t: Table, from: string, to: string): void {
  const i = t.columns.findIndex((c) => same(c.name, from));
  if (i < 0 || t.columns.some((c) => same(c.name, to))) return;
  pinRows(st, t);
  st.reshapeRows(t, (ins) => renameRowColumn(ins, from, to));
  // expressions (index key parts, partial predicates, checks) name the column too: the engine shows the new name
  const mentions = mentioning(from);
  const inText = (e: string) => (mentions(e) ? replaceWord(e, from, to) : e);
  const col = t.columns[i];
  t.columns[i] = { ...col, name: to, ...(col.checks ? { checks: col.checks.map(inText) } : {}) };
  const key = <K extends KeyConstraint>(k: K): K => (has(k.columns, from) ? { ...k, columns: renamed(k.columns, from, to) } : k);
  if (t.primaryKey) t.primaryKey = key(t.primaryKey);
  t.uniqueKeys = t.uniqueKeys.map(key);
  // other tables' foreign keys that point at this column follow first (a self-reference is rewritten here too)
  st.rewriteReferences(t, (fk) => (has(fk.references.columns, from)
    ? { ...fk, references: { ...fk.references, columns: renamed(fk.references.columns, from, to) } } : fk));
  t.foreignKeys = t.foreignKeys.map((fk) => (has(fk.columns, from) ? { ...fk, columns: renamed(fk.columns, from, to) } : fk));
  t.checks = t.checks.map((c) => (mentions(c.expression) ? { ...c, expression: inText(c.expression) } : c));
  for (const idx of [...t.indexes]) {
    const inExpr = idx.columns.some((c, k) => idx.expressions[k] && mentions(c)) || (idx.predicate !== undefined && mentions(idx.predicate));
    if (!inExpr && !has(idx.columns, from) && !has(idx.include, from)) continue;
    st.replaceIndex(t, idx, {
      ...idx, columns: idx.columns.map((c, k) => (idx.expressions[k] ? inText(c) : same(c, from) ? to : c)), include: renamed(idx.include, from, to),
      ...(idx.predicate !== undefined ? { predicate: inText(idx.predicate) } : {}),
    });
  }
}

/** `from` replaced by `to` where it stands as a word (quoted or not) in an expression. */
function replaceWord(expr: string, from: string, to: string): string {
  const esc = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return expr.replace(new RegExp(`(^|[^A-Za-z0-9_$"\`])(["\`]?)${esc}\\2(?=[^A-Za-z0-9_$]|$)`, 'gi'), (_m, pre: string, q: string) => `${pre}${q}${to}${q}`);
}

/** Does an expression (index key part, CHECK) mention the column? A word match, quotes allowed. */
const mentioning = (column: string) => {
  const re = new RegExp(`(^|[^A-Za-z0-9_$])["\`]?${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["\`]?([^A-Za-z0-9_$]|$)`, 'i');
  return (expr: string) => re.test(expr);
};

function dropColumn(st: Live, t: Table, column: string): void {
  const i = t.columns.findIndex((c) => same(c.name, column));
  if (i < 0) return;
  pinRows(st, t);
  st.reshapeRows(t, (ins) => dropRowColumn(ins, column));
  t.columns.splice(i, 1);
  const dropsKey = (k: KeyConstraint) => has(k.columns, column);
  // what pointed at a key that goes goes too (DROP COLUMN … CASCADE; without it the DROP fails)
  const goneKeys = [t.primaryKey, ...t.uniqueKeys].filter((k): k is KeyConstraint => !!k && dropsKey(k));
  if (goneKeys.length) st.rewriteReferences(t, (fk) => (has(fk.references.columns, column) ? null : fk));
  if (t.primaryKey && dropsKey(t.primaryKey)) t.primaryKey = undefined;
  t.uniqueKeys = t.uniqueKeys.filter((k) => !dropsKey(k));
  t.foreignKeys = t.foreignKeys.filter((fk) => !has(fk.columns, column));
  const mentions = mentioning(column);
  t.checks = t.checks.filter((c: CheckConstraint) => !mentions(c.expression));
  for (const idx of [...t.indexes]) {
    const on = idx.columns.some((c, k) => (idx.expressions[k] ? mentions(c) : same(c, column)))
      || has(idx.include, column) || (idx.predicate !== undefined && mentions(idx.predicate));
    if (on) st.removeIndex(t, idx);
  }
}

function dropConstraint(st: Live, t: Table, name: string): void {
  if (same(t.primaryKey?.name, name)) { t.primaryKey = undefined; return; }
  const n = t.uniqueKeys.length + t.foreignKeys.length + t.checks.length;
  t.uniqueKeys = t.uniqueKeys.filter((k) => !same(k.name, name));
  t.foreignKeys = t.foreignKeys.filter((k) => !same(k.name, name));
  t.checks = t.checks.filter((k) => !same(k.name, name));
  if (t.uniqueKeys.length + t.foreignKeys.length + t.checks.length === n) {
    // MySQL 8 DROP CONSTRAINT also drops a UNIQUE index by name
    const idx = t.indexes.find((i) => i.unique && same(i.name, name));
    if (idx && (t.dialect === 'mysql' || t.dialect === 'mariadb')) st.removeIndex(t, idx);
  }
}

function renameConstraint(st: Live, t: Table, from: string, to: string): void {
  if (same(t.primaryKey?.name, from)) { t.primaryKey = { ...t.primaryKey!, name: to }; return; }
  const rename = <K extends { name?: string }>(list: K[]): boolean => {
    const k = list.findIndex((x) => same(x.name, from));
    if (k >= 0) list[k] = { ...list[k], name: to };
    return k >= 0;
  };
  if (rename(t.uniqueKeys) || rename(t.foreignKeys) || rename(t.checks)) return;
  const idx = t.indexes.find((i) => same(i.name, from));
  if (idx) st.replaceIndex(t, idx, { ...idx, name: to });
}
