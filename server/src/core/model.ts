// The schema model: what the reader extracts from SQL text. Pure data, no LSP/VS Code types.
// Offsets are UTF-16 code-unit offsets into the file text (JavaScript string indices), which is what
// LSP positions count; `LineIndex` (positions.ts) turns them into {line, character}.

export type Dialect = 'postgresql' | 'mysql' | 'mariadb' | 'sqlite';
export type DialectSetting = Dialect | 'auto';

/** Half-open [start, end) offsets into the file's text. */
export interface Span { start: number; end: number }

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export interface Column {
  name: string;
  /** The type as written, normalized to single spaces (e.g. "varchar(255)", "integer[]"). '' when none (SQLite). */
  type: string;
  nullable: boolean;
  default?: string;
  /** GENERATED ALWAYS AS (…) / AS (…) STORED|VIRTUAL: maintained by the engine. */
  generated?: boolean;
  /** A trailing `-- …` on the column's line, or COMMENT '…' / COMMENT ON COLUMN. */
  comment?: string;
  /** CHECK constraints written on the column, as text. */
  checks?: string[];
  /** The file that added it (ADD COLUMN in a later migration); default: the table's file. */
  file?: string;
  /** Set by replay when the type is an enum made by CREATE TYPE … AS ENUM: its labels in order. */
  enumValues?: string[];
  span: Span;
  nameSpan: Span;
}

export interface KeyConstraint {
  name?: string;
  columns: string[];
  span: Span;
}

export interface ForeignKey {
  name?: string;
  columns: string[];
  references: {
    schema?: string;
    table: string;
    /** Resolved to the referenced table's primary key when written `REFERENCES t` without columns. */
    columns: string[];
    /** `ON DELETE` action as written, lower-cased (`set null`, `cascade`, …); absent when none is written. */
    onDelete?: string;
  };
  span: Span;
  /** File that declared it (ALTER TABLE may be in another file than the CREATE TABLE). */
  file?: string;
}

export interface Index {
  name?: string;
  schema?: string;
  table: string;
  /** Key columns in order. An expression key part is recorded as its text and flagged in `expressions`. */
  columns: string[];
  /** Same length as `columns`: true where that key part is an expression, not a plain column. */
  expressions: boolean[];
  include: string[];
  unique: boolean;
  partial: boolean;
  /** The WHERE predicate text of a partial index. */
  predicate?: string;
  span: Span;
  file: string;
  /** Declared inside CREATE TABLE (MySQL KEY/INDEX) rather than by CREATE INDEX. */
  inline?: boolean;
}

export interface CheckConstraint { name?: string; expression: string; span: Span }

/** `-- @fd a, b -> c` or `-- @key a, b` */
export interface Annotation {
  kind: 'fd' | 'key';
  determinant: string[];
  /** Empty for @key. */
  dependents: string[];
  span: Span;
  text: string;
}

export type TableKind = 'table' | 'partition' | 'as-select' | 'like';

export interface Table {
  name: string;
  schema?: string;
  file: string;
  dialect: Dialect;
  kind: TableKind;
  temporary?: boolean;
  /** PARTITION OF parent / LIKE source / AS SELECT: what it was derived from. */
  derivedFrom?: string;
  /** Things the reader knows it does not know (e.g. "columns of AS SELECT are not known"). */
  notes: string[];
  /** Which reader produced it. */
  reader: 'parser' | 'tolerant';
  columns: Column[];
  /** CREATE TABLE … AS SELECT: the select list's output columns (names; types where cast), which replay
   *  takes as the table's columns (the two-phase merge leaves the columns unknown, as before). */
  selectColumns?: Column[];
  primaryKey?: KeyConstraint;
  uniqueKeys: KeyConstraint[];
  foreignKeys: ForeignKey[];
  checks: CheckConstraint[];
  /** MySQL KEY/INDEX inside CREATE TABLE, and (after workspace merge) every index on the table. */
  indexes: Index[];
  comment?: string;
  annotations: Annotation[];
  /** The whole CREATE TABLE statement. */
  span: Span;
  /** The table name as written in CREATE TABLE. */
  nameSpan: Span;
}

export type Value = string | number | boolean | null;

/** Rows of one INSERT statement. `columns` are the listed column names, or null when not listed. */
export interface InsertRows {
  schema?: string;
  table: string;
  columns: string[] | null;
  rows: Value[][];
  /** Rows whose values the reader could not evaluate are kept out of `rows` and counted here. */
  skippedRows: number;
  /** Rows beyond the reader's per-table cap (rows only feed inference), counted but not stored. */
  rowsOmitted?: number;
  span: Span;
  file: string;
}

export type AlterAction =
  | { kind: 'add-column'; column: Column; ifNotExists?: boolean }
  | { kind: 'add-primary-key'; key: KeyConstraint }
  | { kind: 'add-unique'; key: KeyConstraint }
  | { kind: 'add-foreign-key'; fk: ForeignKey }
  | { kind: 'add-check'; check: CheckConstraint }
  | { kind: 'drop-column'; column: string }
  | { kind: 'rename-column'; from: string; to: string }
  | { kind: 'column-comment'; column: string; comment: string }
  | { kind: 'table-comment'; comment: string }
  // the statements schema histories are made of (applied by replay; the two-phase merge ignores them)
  | { kind: 'rename-table'; to: string }
  | { kind: 'alter-column-type'; column: string; type: string }
  | { kind: 'set-not-null'; column: string }
  | { kind: 'drop-not-null'; column: string }
  | { kind: 'set-default'; column: string; default: string }
  | { kind: 'drop-default'; column: string }
  /** PostgreSQL DROP CONSTRAINT / MySQL DROP CONSTRAINT|CHECK: a PK, unique, FK or check, by name. */
  | { kind: 'drop-constraint'; name: string; ifExists?: boolean }
  | { kind: 'rename-constraint'; from: string; to: string }
  | { kind: 'drop-foreign-key'; name: string }
  /** MySQL ALTER TABLE … DROP INDEX|KEY name (also a UNIQUE key's index). */
  | { kind: 'drop-index'; name: string }
  | { kind: 'rename-index'; from: string; to: string }
  /** MySQL MODIFY [COLUMN] col definition: the whole definition is replaced, the name stays. */
  | { kind: 'modify-column'; column: Column }
  /** MySQL CHANGE [COLUMN] old new definition. */
  | { kind: 'change-column'; from: string; column: Column }
  | { kind: 'drop-primary-key' }
  /** PostgreSQL ADD [CONSTRAINT n] PRIMARY KEY|UNIQUE USING INDEX idx: the index becomes the key (named n). */
  | { kind: 'add-key-using-index'; key: 'primary' | 'unique'; name?: string; index: string };

export interface Alteration {
  schema?: string;
  table: string;
  actions: AlterAction[];
  span: Span;
  file: string;
}

/** One schema-changing statement, in statement order. Replay applies these in order. */
export type SchemaEvent =
  | { kind: 'create-table'; table: Table }
  | { kind: 'create-index'; index: Index }
  | { kind: 'alter'; alteration: Alteration }
  | { kind: 'drop-table'; tables: { schema?: string; table: string }[]; ifExists: boolean; span: Span; file: string }
  | { kind: 'rename-table'; from: { schema?: string; table: string }; to: string; span: Span; file: string }
  | { kind: 'drop-index'; schema?: string; name: string; table?: string; span: Span; file: string }
  | { kind: 'rename-index'; schema?: string; from: string; to: string; span: Span; file: string }
  | { kind: 'create-type'; schema?: string; name: string; values: string[]; span: Span; file: string }
  | {
    kind: 'alter-type'; schema?: string; name: string; addValue?: string; renameTo?: string; span: Span; file: string;
    /** ADD VALUE … BEFORE|AFTER 'x'. */
    position?: { where: 'before' | 'after'; value: string };
    renameValue?: { from: string; to: string };
  }
  | { kind: 'drop-type'; types: { schema?: string; name: string }[]; span: Span; file: string }
  /** DDL the reader does not apply: a DO $$ … $$ block, templated SQL ({{ … }}, ${…}). */
  | { kind: 'not-read'; reason: string; span: Span; file: string };

/** A statement the reader could not understand. A CREATE TABLE here yields an `unreadable-statement` finding. */
export interface Unreadable {
  span: Span;
  file: string;
  message: string;
  /** Set when the statement looked like CREATE TABLE; the table is then not checked. */
  tableName?: string;
}

/** `normlint-disable…` comments. `rules` empty = all rules. Lines are 0-based. */
export type Suppression =
  | { kind: 'line'; line: number; rules: string[] }
  | { kind: 'next-line'; line: number; rules: string[] }
  | { kind: 'disable'; line: number; rules: string[] }
  | { kind: 'enable'; line: number; rules: string[] };

/** One statement as the splitter found it. */
export interface Statement {
  span: Span;
  /** The statement's text (no trailing delimiter). */
  text: string;
  /** First keywords, lower-cased, e.g. "create table", "insert", "alter table". */
  head: string;
}

/** A CREATE VIEW: what a rewrite needs to know is which names its query mentions (tables, columns). */
export interface View {
  schema?: string;
  name: string;
  materialized: boolean;
  /** Every identifier after the view's name, lower-cased, quotes removed. */
  names: string[];
  /** The query has a `*` (SELECT *, t.*): it reads every column of its tables. */
  star?: true;
  span: Span;
  file: string;
}

/**
 * Everything read from one file. Not changed by its users. The incremental reader (core/incremental/reader.ts)
 * moves the spans of statements after an edit in place when it reads the file again, so a model (and its spans)
 * describes the text it was read from until the next read of that file by the same reader.
 */
export interface FileModel {
  file: string;
  dialect: Dialect;
  /** How the dialect was decided. */
  dialectSource: 'setting' | 'detected' | 'default';
  tables: Table[];
  indexes: Index[];
  alterations: Alteration[];
  inserts: InsertRows[];
  /** CREATE VIEW statements (absent when the file has none). */
  views?: View[];
  unreadable: Unreadable[];
  /** What the reader did that the user should know about (e.g. `#` lines read as comments outside MySQL); reported as unreadable-statement infos. */
  notices?: { span: Span; message: string }[];
  /**
   * The text ends inside a comment, string, quoted identifier or dollar quote (as the lexer read it): where it
   * opens and a message saying why the rest of the file is quiet. Absent when the text ends at top level.
   */
  unterminated?: { offset: number; message: string };
  /** Every statement that changes the schema, in order (what replay applies). */
  events: SchemaEvent[];
  /** Which project the file belongs to (caller-supplied): tables are the same only within one schema of one
   *  project. Absent = the default project. */
  project?: string;
  suppressions: Suppression[];
  /** Annotations not attached to any table (reported as unreadable if malformed). */
  statementCount: number;
  /** Offsets where each line starts; used to turn spans into LSP ranges. */
  lineStarts: number[];
}

/** All files merged: ALTERs applied, indexes attached to their tables, INSERT rows attached. */
export interface WorkspaceModel {
  files: FileModel[];
  tables: Table[];
  /** Lower-cased "schema.name" and "name" → table (first declaration wins). */
  lookup: Map<string, Table>;
  /** Rows by table (same key as lookup, the table object itself). */
  rows: Map<Table, InsertRows[]>;
  /** Every index in the workspace, also those attached to tables. */
  indexes: Index[];
  /** After replay: enum types (CREATE TYPE … AS ENUM) by lower-cased "schema.name" and "name" → labels. */
  types?: Map<string, string[]>;
  /** The project of each table when files carry `project` (absent: one project). */
  projectOf?: Map<Table, string>;
  /** With projects: each project's lookup (same keys as `lookup`), and the project a miss falls back to. */
  projectLookup?: Map<string, Map<string, Table>>;
  projectParent?: Map<string, string>;
  /** With projects: the project of each file's statements. */
  projectOfFile?: Map<string, string>;
  /** Files holding copies of a schema (a name created twice): where copies 1, 2, … start (workspace.ts copyStartsOf). */
  copyStarts?: Map<string, number[]>;
}
