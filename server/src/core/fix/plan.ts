// A table rewrite as data (which tables are split off, which columns leave, which keys change), and
// its realization as schema edits + a data migration in the file's dialect. Every fix and "Normalize
// table" build a plan; only this file turns plans into SQL, so all rewrites share one migration order:
// create and fill the new tables first, reshape the original table last (never drop before copying).
import type { TextEdit } from '../findings.ts';
import type { Alteration, Column, Dialect, InsertRows, Table, View, WorkspaceModel } from '../model.ts';
import type { Options } from '../options.ts';
import { createIndex, createTable, foreignKeyClause, K, q, qList, qt, surrogateColumn, type Emitter, type ForeignKeyDef, type TableDef } from './ddl.ts';
import { FileEdits, insertionBefore, migrationFileName, statementBounds } from './edits.ts';
import { isMysqlFamily } from './ident.ts';
import { dropAnnotationsMentioning, parseCreateBody, rewriteBody, tableOptions } from './statement.ts';
import { detectStyle } from './style.ts';
import { rewriteSeeds, SeedLoss } from './seed.ts';
import { lc } from '../lc.ts';
import type { ReferenceTarget } from './reference.ts';
import { DATA_MIGRATION_HEADER } from '../migrations/plan.ts';
import { reverseMigration, type Reverse } from './reverse.ts';
import type { ViewRewrite } from './view-rewrite.ts';

export interface NewTable {
  def: TableDef;
  /** INSERT … SELECT statements that fill it from the original table (run before anything is dropped). */
  populate: string[];
  /** 'before': the original table references it; 'after': it references the original table. */
  placement: 'before' | 'after';
  /** What the table holds, so callers (tests, previews) can join it back to the original rows. */
  role: TableRole;
}

export type TableRole =
  | { kind: 'dependency'; key: string[] }
  | { kind: 'lookup'; column: string; valueColumn: string }
  | { kind: 'list'; column: string; valueColumn: string; delimiter: string; parentKey: string[]; /** the child's own surrogate key (values too long for a key): numbers, not data */ ownKey?: string }
  | { kind: 'group'; parentKey: string[]; ordinalColumn: string; slots: { ordinal: number; columns: { column: string; target: string }[] }[] }
  /** An existing table the original references; `copies` were dropped from the original (column → R's column). */
  | { kind: 'reference'; key: string[]; refKey: string[]; copies: { column: string; target: string }[] };

export interface TablePlan {
  table: Table;
  text: string;
  e: Emitter;
  newTables: NewTable[];
  dropColumns: string[];
  /** A surrogate key column added to a table that has no key (children need something to reference). */
  surrogate?: string;
  /** Foreign keys added to the original table. */
  foreignKeys: ForeignKeyDef[];
  /** Indexes to create (FK columns not covered by a key). */
  indexes: { table: string; columns: string[] }[];
  /** The original table's new primary key, when the old one loses a column. */
  primaryKey?: string[];
  warnings: string[];
  /** INSERT statements into the table (the same file's are rewritten into the new shape). */
  inserts: InsertRows[];
  /** UNIQUE keys of the original that lose a column: rebuilt as `to` ((K − Y) ∪ X), or moved away (null). */
  uniqueRewrites: { from: string[]; to: string[] | null; name?: string }[];
  /** Statements that stop the migration before anything changes (copies disagreeing with their source). */
  guards: string[];
  /** Copies dropped because an existing table holds them (see reference.ts). */
  references: { det: string[]; target: ReferenceTarget }[];
  /** Views created last (the old shape for readers, recreated dependent views). */
  views: string[];
  /**
   * The offset after the last later statement of the table's file that adds one of its keys (pg_dump adds
   * PRIMARY KEY / UNIQUE by ALTER TABLE at the end of the dump); a foreign key to the table needs the key.
   */
  keysEnd?: number;
  /** CREATE VIEW statements of the same file whose query names the table (SQLite's rebuild drops and re-creates them). */
  viewsOnTable: { name: string; text: string }[];
  /** Views that read a moved column, re-created over the new tables (see view-rewrite.ts). */
  viewRewrites: ViewRewrite[];
}

export interface Realized {
  edits: TextEdit[]; ddl: string; migration: string;
  /** The way back (reverse.ts), for migration folders that keep down files; else why there is none (absent: titles only). */
  down?: Reverse;
}

export function emitterFor(text: string, dialect: Dialect): Emitter {
  return { dialect, style: detectStyle(text, dialect) };
}

export function newPlan(table: Table, text: string, inserts: InsertRows[] = [], ws?: WorkspaceModel): TablePlan {
  const e = emitterFor(text, table.dialect);
  // A qualified table (PostgreSQL schema, MySQL/MariaDB database) keeps its qualifier on every name the fix
  // writes: the session's default schema is not the table's. SQLite names stay bare: its RENAME TO and
  // CREATE INDEX … ON take no qualifier, and a file's tables are in `main` anyway.
  if (table.schema && table.dialect !== 'sqlite') e.schema = table.schema;
  return { table, text, e, newTables: [], dropColumns: [], foreignKeys: [], indexes: [], warnings: [], inserts, uniqueRewrites: [], guards: [], references: [], views: [], keysEnd: ws && laterKeysEnd(ws, table, text), viewsOnTable: ws ? viewsNaming(ws, table, text) : [], viewRewrites: [] };
}

/** The file's views on the table, and the views on those (SQLite checks every view when a table is renamed), in file order. */
function viewsNaming(ws: WorkspaceModel, table: Table, text: string): { name: string; text: string }[] {
  const byName = fileIndexOf(ws).get(table.file)?.viewsNaming;
  const on = new Set([lc(table.name)]);
  const found = new Set<View>();
  // closure through the index: a view on the table, then the views naming that view, and so on
  for (const queue = [lc(table.name)]; queue.length;) {
    for (const v of byName?.get(queue.pop()!) ?? []) {
      if (v.span.end > text.length || found.has(v)) continue;
      found.add(v);
      if (!on.has(lc(v.name))) { on.add(lc(v.name)); queue.push(lc(v.name)); }
    }
  }
  return [...found].filter((v) => !sameName(v.name, table.name)).sort((a, b) => a.span.start - b.span.start).map((v) => ({ name: v.name, text: text.slice(v.span.start, v.span.end) }));
}

/** Per file of a workspace, built once (a plan per fix looked through every statement of a 16,000-table file). */
interface FileIndex {
  /** lower-case table name → the ALTER TABLEs naming it that add a PRIMARY KEY or UNIQUE, in file order */
  keyAlterations: Map<string, Alteration[]>;
  /** lower-case name → the file's views whose query names it, in file order */
  viewsNaming: Map<string, View[]>;
}
const fileIndexes = new WeakMap<WorkspaceModel, Map<string, FileIndex>>();

function fileIndexOf(ws: WorkspaceModel): Map<string, FileIndex> {
  let byFile = fileIndexes.get(ws);
  if (byFile) return byFile;
  byFile = new Map();
  const push = <T>(m: Map<string, T[]>, k: string, x: T) => { const l = m.get(k); if (l) l.push(x); else m.set(k, [x]); };
  for (const fm of ws.files) {
    if (byFile.has(fm.file)) continue; // the first model of a file, as ws.files.find() gave
    const ix: FileIndex = { keyAlterations: new Map(), viewsNaming: new Map() };
    for (const a of fm.alterations) if (a.actions.some((x) => x.kind === 'add-primary-key' || x.kind === 'add-unique')) push(ix.keyAlterations, lc(a.table), a);
    for (const v of fm.views ?? []) for (const n of new Set(v.names)) push(ix.viewsNaming, n, v);
    byFile.set(fm.file, ix);
  }
  fileIndexes.set(ws, byFile);
  return byFile;
}

/** The offset after the last later statement of the table's file that adds a PRIMARY KEY, UNIQUE or unique index to it. */
function laterKeysEnd(ws: WorkspaceModel, table: Table, text: string): number | undefined {
  const ends: number[] = [];
  for (const a of fileIndexOf(ws).get(table.file)?.keyAlterations.get(lc(table.name)) ?? []) {
    if (a.schema && table.schema && !sameName(a.schema, table.schema)) continue;
    ends.push(a.span.end);
  }
  for (const ix of table.indexes) if (ix.unique && !ix.inline && ix.file === table.file) ends.push(ix.span.end);
  const last = Math.max(...ends.filter((e) => e > table.span.end && e <= text.length));
  if (!Number.isFinite(last)) return undefined;
  let at = last;
  while (at < text.length && /[ \t]/.test(text[at])) at++;
  return text[at] === ';' ? at + 1 : last;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.some((y) => lc(x) === lc(y)));
export const sameName = (a: string, b: string) => lc(a) === lc(b);
export function columnOf(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => sameName(c.name, name));
}

/** The type to give a copy of a column: serial types become their integer type (the copy is not generated). */
export function copyType(c: Column | undefined): string {
  if (!c) return '';
  const t = c.type.trim();
  const m = /^(small|big)?serial\d?$/i.exec(t);
  if (m) return m[1] ? `${m[1]}int`.toUpperCase() : 'INTEGER';
  return t;
}

/** How a child's migration reads the parent key: the key columns, or SQLite's rowid for a new surrogate. */
export function parentKeyExprs(p: TablePlan, key: string[], alias = 't'): string[] {
  if (p.surrogate && p.e.dialect === 'sqlite') return [`${alias}.rowid`];
  return key.map((k) => `${alias}.${q(p.e, k)}`);
}

/** True when the SQL text names one of the columns as a word (quoted or bare). */
function mentions(sql: string, columns: string[]): boolean {
  return columns.some((c) => new RegExp(`(^|[^A-Za-z0-9_$])[\`"\\[]?${c.replace(/[$]/g, '\\$')}[\`"\\]]?($|[^A-Za-z0-9_$])`, 'i').test(sql));
}

/** The column list of the table's CREATE TABLE; throws when it cannot be read (the fix is then left out). */
function createBody(p: TablePlan, stmt: string) {
  const body = parseCreateBody(stmt);
  if (!body) throw new Error(`cannot read the column list of CREATE TABLE ${p.table.name}`);
  return body;
}

/**
 * For fixes asked for with titles only (RuleContext.fixEdits false): no edits and no migration, but the same
 * refusal as realize() when the statement cannot be rewritten, so a title is printed exactly when the fix exists.
 */
export function realizeTitleOnly(p: TablePlan): Realized {
  const b = statementBounds(p.text, p.table);
  createBody(p, p.text.slice(b.start, b.end));
  return { edits: [], ddl: '', migration: '' };
}

/** The rewritten CREATE TABLE text of the original table (no trailing ';'). */
function rewrittenStatement(p: TablePlan, stmt: string): string {
  const body = createBody(p, stmt);
  const drop = new Set<number>();
  const replace = new Map<number, string>();
  const dropped = new Set(p.dropColumns.map(lc));
  let pkItem = -1;
  body.items.forEach((it, i) => {
    if (it.kind === 'column' && it.name && dropped.has(lc(it.name))) drop.add(i);
    if ((it.kind === 'unique' || it.kind === 'foreign-key') && it.columns.some((c) => dropped.has(lc(c)))) {
      const rw = it.kind === 'unique' ? p.uniqueRewrites.find((u) => sameSet(u.from, it.columns)) : undefined;
      if (rw?.to) replace.set(i, `${K(p.e, 'UNIQUE')} (${qList(p.e, rw.to)})`); else drop.add(i);
    }
    // an index over a moved column cannot stay (MySQL: "Key column doesn't exist"); the engine drops it with the column
    if (it.kind === 'index' && it.columns.some((c) => dropped.has(lc(c)))) drop.add(i);
    // a CHECK naming a moved column goes with it (the column's own CHECKs already do)
    if (it.kind === 'check' && mentions(stmt.slice(it.start, it.end), p.dropColumns)) {
      drop.add(i);
      p.warnings.push(`the CHECK ${stmt.slice(it.start, it.end).replace(/\s+/g, ' ')} uses a moved column; it is dropped from ${p.table.name}.`);
    }
    if (it.kind === 'primary-key') pkItem = i;
  });
  const append: string[] = [];
  if (p.primaryKey) {
    const pk = `${K(p.e, 'PRIMARY KEY')} (${qList(p.e, p.primaryKey)})`;
    if (pkItem >= 0) replace.set(pkItem, pk); else append.push(pk);
  }
  for (const fk of p.foreignKeys) append.push(foreignKeyClause(p.e, fk));
  const prepend = p.surrogate ? [surrogateColumn(p.e, p.surrogate)] : [];
  const out = rewriteBody(stmt, body, { drop, replace, append, prepend, indent: p.e.style.indent });
  return dropAnnotationsMentioning(out, p.dropColumns);
}

/** The tables a plan creates, and the existing tables it now relies on for dropped copies. */
export function planTables(p: TablePlan): { name: string; role: TableRole }[] {
  return [
    ...p.newTables.map((t) => ({ name: t.def.name, role: t.role })),
    ...p.references.map((r) => ({ name: r.target.table.name, role: { kind: 'reference' as const, key: r.det, refKey: r.target.refKey, copies: r.target.copies } })),
  ];
}

/** Columns the original table keeps, in order (plus the surrogate first). */
export function keptColumns(p: TablePlan): string[] {
  const dropped = new Set(p.dropColumns.map(lc));
  const kept = p.table.columns.filter((c) => !dropped.has(lc(c.name))).map((c) => c.name);
  return p.surrogate ? [p.surrogate, ...kept] : kept;
}

function indexStatements(p: TablePlan): string[] {
  return p.indexes.map((ix) => createIndex(p.e, ix.table, ix.columns) + ';');
}

/** The migration script: create + fill new tables, then reshape the original table. */
function migration(p: TablePlan, newStmt: string, existingIndexes: string[]): string {
  const { e, table } = p;
  const nl = e.style.eol;
  const T = qt(e, table.name);
  const out: string[] = [];
  out.push(`${DATA_MIGRATION_HEADER}${table.name} (${e.dialect}). Run once, in this order: new tables are`);
  out.push(`-- created and filled before any column is dropped. A duplicate-key error while filling means the data`);
  out.push(`-- contradicts the dependency, a NOT NULL error means rows with no determinant still hold a dependent`);
  out.push(`-- value (the split would lose it); nothing has been dropped at that point.`);
  if (isMysqlFamily(e.dialect)) out.push(`-- ${e.dialect === 'mariadb' ? 'MariaDB' : 'MySQL'} commits each CREATE/ALTER at once: if a step fails, drop the tables this script created before running it again.`);
  if (e.dialect === 'sqlite') out.push(`PRAGMA foreign_keys = OFF;`);
  if (!isMysqlFamily(e.dialect)) out.push(`${K(e, 'BEGIN')};`);
  out.push(...p.guards);
  if (p.surrogate && e.dialect !== 'sqlite') {
    out.push(`${K(e, 'ALTER TABLE')} ${T} ${K(e, 'ADD COLUMN')} ${surrogateColumn(e, p.surrogate)}${isMysqlFamily(e.dialect) ? ' ' + K(e, 'FIRST') : ''};`);
  }
  for (const nt of p.newTables) {
    out.push(createTable(e, nt.def) + ';');
    for (const s of nt.populate) out.push(s + ';');
  }
  // views reading moved columns now read the new tables (PostgreSQL would refuse the DROP COLUMN otherwise)
  for (const v of p.viewRewrites) if (e.dialect !== 'sqlite') out.push((v.dropFirst ?? v.statement) + ';');
  const dropped = p.dropColumns;
  if (e.dialect === 'sqlite') {
    // SQLite cannot add constraints to an existing table: rebuild it (the documented 12-step procedure).
    out.push(`-- SQLite: ${table.name} is rebuilt; its indexes and the views of this file on it are re-created below, triggers are not.`);
    const tmp = `${table.name}__normlint_new`;
    const rel = { start: table.nameSpan.start - table.span.start, end: table.nameSpan.end - table.span.start };
    out.push(newStmt.slice(0, rel.start) + q(e, tmp) + newStmt.slice(rel.end) + ';');
    const kept = keptColumns(p);
    const src = kept.map((c) => (c === p.surrogate ? 'rowid' : q(e, c)));
    out.push(`${K(e, 'INSERT INTO')} ${q(e, tmp)} (${qList(e, kept)}) ${K(e, 'SELECT')} ${src.join(', ')} ${K(e, 'FROM')} ${T};`);
    // views on the table would stop the rename ("error in view …"): dropped here, re-created as written below
    for (const v of [...p.viewsOnTable].reverse()) out.push(`${K(e, 'DROP VIEW')} ${q(e, v.name)};`);
    out.push(`${K(e, 'DROP TABLE')} ${T};`);
    out.push(`${K(e, 'ALTER TABLE')} ${q(e, tmp)} ${K(e, 'RENAME TO')} ${T};`);
    for (const v of p.viewsOnTable) out.push((p.viewRewrites.find((r) => sameName(r.view.name, v.name))?.statement ?? v.text) + ';');
    for (const ix of existingIndexes) out.push(ix + ';');
    out.push(...indexStatements(p));
  } else if (isMysqlFamily(e.dialect)) {
    const parts: string[] = [];
    // InnoDB refuses to drop a column a foreign key uses: drop the constraint first (unnamed ones get
    // <table>_ibfk_<n> in declaration order)
    table.foreignKeys.forEach((fk, i) => {
      if (fk.columns.some((c) => dropped.some((d) => sameName(d, c)))) parts.push(`${K(e, 'DROP FOREIGN KEY')} ${q(e, fk.name ?? `${table.name}_ibfk_${i + 1}`)}`);
    });
    if (p.primaryKey) parts.push(K(e, 'DROP PRIMARY KEY'));
    // InnoDB would shrink a UNIQUE index to its remaining columns (and fail on duplicates): drop it, add
    // the rebuilt one. Unnamed UNIQUE indexes are named after their first column.
    for (const u of p.uniqueRewrites) parts.push(`${K(e, 'DROP INDEX')} ${q(e, u.name ?? u.from[0])}`);
    for (const c of dropped) parts.push(`${K(e, 'DROP COLUMN')} ${q(e, c)}`);
    if (p.primaryKey) parts.push(`${K(e, 'ADD PRIMARY KEY')} (${qList(e, p.primaryKey)})`);
    for (const u of p.uniqueRewrites) if (u.to) parts.push(`${K(e, 'ADD UNIQUE')} (${qList(e, u.to)})`);
    for (const fk of p.foreignKeys) parts.push(`${K(e, 'ADD')} ${foreignKeyClause(e, fk)}`);
    if (parts.length) out.push(`${K(e, 'ALTER TABLE')} ${T}${nl}  ${parts.join(',' + nl + '  ')};`);
  } else {
    // PostgreSQL drops a primary key together with any of its columns; the new one is added after.
    const parts: string[] = dropped.map((c) => `${K(e, 'DROP COLUMN')} ${q(e, c)}`);
    if (p.primaryKey) parts.push(`${K(e, 'ADD PRIMARY KEY')} (${qList(e, p.primaryKey)})`);
    // a UNIQUE constraint goes with any of its dropped columns; the rebuilt one is added back
    for (const u of p.uniqueRewrites) if (u.to) parts.push(`${K(e, 'ADD UNIQUE')} (${qList(e, u.to)})`);
    for (const fk of p.foreignKeys) parts.push(`${K(e, 'ADD')} ${foreignKeyClause(e, fk)}`);
    if (parts.length) out.push(`${K(e, 'ALTER TABLE')} ${T}${nl}  ${parts.join(',' + nl + '  ')};`);
    out.push(...indexStatements(p));
  }
  for (const v of p.viewRewrites) if (v.dropFirst) out.push(v.statement + ';');
  for (const v of p.views) out.push(v + ';');
  if (!isMysqlFamily(e.dialect)) out.push(`${K(e, 'COMMIT')};`);
  if (e.dialect === 'sqlite') out.push(`PRAGMA foreign_keys = ON;`);
  return out.join(nl) + nl;
}

/** CREATE INDEX statements on the original table that survive the rewrite (SQLite rebuild re-creates them). */
function survivingIndexes(p: TablePlan): string[] {
  const dropped = new Set(p.dropColumns.map(lc));
  return p.table.indexes
    .filter((ix) => !ix.inline && ix.span.end <= p.text.length && !ix.columns.some((c) => dropped.has(lc(c))))
    .map((ix) => p.text.slice(ix.span.start, ix.span.end).replace(/;\s*$/, ''))
    .filter((s) => /^\s*create\b/i.test(s));
}

export function realize(p: TablePlan, options: Pick<Options, 'migrations'>): Realized {
  const { text, table, e } = p;
  const nl = e.style.eol;
  const fe = new FileEdits(table.file, text);
  const b = statementBounds(text, table);
  const stmt = text.slice(b.start, b.end);
  if (isMysqlFamily(e.dialect)) {
    const opts = tableOptions(stmt);
    for (const nt of p.newTables) nt.def.options ??= opts;
    // MyISAM and the like parse FOREIGN KEY clauses and ignore them: none is emitted, and the warning says so
    const engine = opts.map((o) => /^ENGINE\s*=?\s*(\w+)/i.exec(o)?.[1]).find(Boolean);
    if (engine && !/^innodb$/i.test(engine) && (p.foreignKeys.length || p.newTables.some((t) => t.def.foreignKeys.length))) {
      p.warnings.push(`no FOREIGN KEYs are written: ${table.name} is ${engine} and the new tables share its engine, which does not support them (only InnoDB does).`);
      for (const nt of p.newTables) nt.def.foreignKeys = [];
      p.foreignKeys = [];
    }
  }
  const newStmt = rewrittenStatement(p, stmt);
  const before = p.newTables.filter((t) => t.placement === 'before').map((t) => createTable(e, t.def) + ';');
  // Tables that reference the original come after it; indexes come last (their tables exist by then).
  // A key of the table that a later statement adds (pg_dump's ALTER TABLE … ADD CONSTRAINT) does not exist
  // yet where the new tables go: in the file, their foreign keys to it are added after that statement, as
  // pg_dump does. (SQLite checks a parent key only when rows change; the migration runs on a database
  // that has the key.)
  const late = p.keysEnd !== undefined && p.keysEnd > b.after && e.dialect !== 'sqlite';
  const toTable = (fk: ForeignKeyDef) => late && sameName(fk.table, table.name);
  const lateFks = p.newTables.flatMap((t) => t.def.foreignKeys.filter(toTable).map((fk) => `${K(e, 'ALTER TABLE')} ${qt(e, t.def.name)} ${K(e, 'ADD')} ${foreignKeyClause(e, fk)};`));
  const after = [
    ...p.newTables.filter((t) => t.placement === 'after').map((t) => createTable(e, { ...t.def, foreignKeys: t.def.foreignKeys.filter((fk) => !toTable(fk)) }) + ';'),
    ...indexStatements(p),
    ...p.views.map((v) => v + ';'),
  ];
  let mig = migration(p, newStmt, survivingIndexes(p));
  const ddl = [...before, newStmt + ';', ...after].join(nl + nl) + nl;
  const edits: TextEdit[] = [];
  if (before.length) {
    const at = insertionBefore(text, table);
    edits.push(fe.edit({ start: at, end: at }, before.join(nl + nl) + nl + nl));
  }
  const body = fe.replaceMinimal(b.start, b.end, newStmt);
  if (body) edits.push(body);
  for (const v of p.viewRewrites) {
    const ed = fe.replaceMinimal(v.view.span.start, v.end, v.fileText);
    if (ed) edits.push(ed);
  }
  let seeds: ReturnType<typeof rewriteSeeds> = [];
  try { seeds = rewriteSeeds(p, p.inserts); } catch (e) {
    if (!(e instanceof SeedLoss)) throw e;
    // leave the INSERTs as they are: the migration refuses this data too, and says why
    p.warnings.push(`${e.message}; the INSERT statements are left unchanged.`);
  }
  for (const sr of seeds) {
    if (sr.span.start < b.after) { p.warnings.push(`an INSERT into ${table.name} comes before its CREATE TABLE; not rewritten.`); continue; }
    const ed = fe.replaceMinimal(sr.span.start, sr.span.end, sr.text);
    if (ed) edits.push(ed);
  }
  // warnings travel with the migration (also into the inline comment block and the migration file)
  if (p.warnings.length) mig = p.warnings.map((w) => `-- warning: ${w}`).join(nl) + nl + mig;
  let tail = after.length ? nl + nl + after.join(nl + nl) : '';
  if (options.migrations === 'inline') {
    tail += nl + nl + mig.trimEnd().split(/\r?\n/).map((l) => (l.startsWith('--') ? l : '-- ' + l)).join(nl);
  }
  if (tail) edits.push(fe.edit({ start: b.after, end: b.after }, (b.hasSemicolon ? '' : ';') + tail));
  if (lateFks.length) edits.push(fe.edit({ start: p.keysEnd!, end: p.keysEnd! }, nl + nl + lateFks.join(nl + nl)));
  if (options.migrations === 'file') {
    const file = migrationFileName(table.file, table.name);
    edits.push({ file, span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: mig, createFile: true });
  }
  return { edits, ddl, migration: mig, down: reverseMigration(p) };
}
