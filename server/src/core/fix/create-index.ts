// The quick fix of fk-missing-index: `CREATE INDEX <table>_<columns>_idx ON <table> (<cols>);` in the
// file's dialect and keyword case, inserted after the CREATE TABLE (or after the last statement in that
// file touching the table, so it lands after the ALTER TABLE that added the columns or key).
import type { Fix } from '../findings.ts';
import type { FileModel, ForeignKey, Table, WorkspaceModel } from '../model.ts';
import type { RuleContext } from '../rule.ts';
import { rangeOf } from '../positions.ts';
import { quoteIdent } from './ident.ts';
import { detectStyle } from './style.ts';

const PG_MAX_IDENT = 63;

/** Was the identifier written quoted at this offset? Then it must stay quoted (case-sensitive name). */
function writtenQuoted(text: string, offset: number | undefined): boolean {
  return offset !== undefined && /^["`[]/.test(text.slice(offset, offset + 1));
}

/** The index name `<table>_<col>[_<col>…]_idx`, unique in the workspace, within PostgreSQL's 63 bytes. */
export function indexName(table: string, columns: string[], taken: Set<string>): string {
  let base = `${table}_${columns.join('_')}_idx`.replace(/[^A-Za-z0-9_$]/g, '_');
  if (base.length > PG_MAX_IDENT) base = base.slice(0, PG_MAX_IDENT - 4) + '_idx';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, PG_MAX_IDENT - 1 - String(i).length)}${i}`;
  return name;
}

/** End offset of the statement starting before `end`: just after its `;` (and any comment on that line). */
function afterStatement(text: string, end: number): { at: number; lineEnd: boolean } {
  let i = end;
  // The `;` may sit on a line of its own (sakila: `)\n;`): look past whitespace for it.
  let k = end;
  while (k < text.length && /\s/.test(text[k])) k++;
  if (text[k] === ';') i = k + 1;
  // Keep a trailing `-- comment` on the same line with its statement.
  let j = i;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  if (text.startsWith('--', j)) { const nl = text.indexOf('\n', j); return { at: nl < 0 ? text.length : nl, lineEnd: true }; }
  if (j >= text.length || text[j] === '\n' || text[j] === '\r') return { at: i, lineEnd: true };
  return { at: i, lineEnd: false };
}

const takenIndexNames = new WeakMap<WorkspaceModel, Set<string>>();

/** Index names already used in the workspace, gathered once per workspace (not once per finding). */
function indexNamesOf(ws: WorkspaceModel): Set<string> {
  let taken = takenIndexNames.get(ws);
  if (!taken) { taken = new Set(ws.indexes.map((i) => (i.name ?? '').toLowerCase())); takenIndexNames.set(ws, taken); }
  return taken;
}

/** Per file, built once (not once per finding: 16,000 tables in one file made this quadratic). */
interface FileStatements {
  /** lower-case table name → the end offsets of the ALTER TABLE and separate CREATE INDEX statements on it, with their schema. */
  lastEnds: Map<string, { schema?: string; end: number }[]>;
  /** ALTER TABLE statements sorted by start, to find the one holding an offset by binary search. */
  alterations: FileModel['alterations'];
}
const statementsByFile = new WeakMap<FileModel, FileStatements>();

function statementsOf(fm: FileModel): FileStatements {
  let s = statementsByFile.get(fm);
  if (s) return s;
  const lastEnds = new Map<string, { schema?: string; end: number }[]>();
  const add = (table: string, schema: string | undefined, end: number) => {
    const k = table.toLowerCase();
    let l = lastEnds.get(k);
    if (!l) lastEnds.set(k, (l = []));
    l.push({ schema, end });
  };
  for (const a of fm.alterations) add(a.table, a.schema, a.span.end);
  for (const i of fm.indexes) if (!i.inline) add(i.table, i.schema, i.span.end);
  s = { lastEnds, alterations: [...fm.alterations].sort((a, b) => a.span.start - b.span.start) };
  statementsByFile.set(fm, s);
  return s;
}

/** The ALTER TABLE statement of `fm` whose text holds `span` (the one that declared a foreign key), if any. */
function alterationHolding(fm: FileModel, span: { start: number; end: number }) {
  const list = statementsOf(fm).alterations;
  let lo = 0, hi = list.length - 1, at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].span.start <= span.start) { at = mid; lo = mid + 1; } else hi = mid - 1;
  }
  // statements do not overlap: only the last one starting at or before the span can hold it
  const a = list[at];
  return a && span.end <= a.span.end ? a : undefined;
}

/** The file's line break: CRLF when it has any. Looked up once per text (a 17 MB file has thousands of fixes). */
const eols = new Map<string, string>();
function eolOf(text: string): string {
  let eol = eols.get(text);
  if (eol === undefined) {
    if (eols.size >= 4) eols.delete(eols.keys().next().value!);
    eol = /\r\n/.test(text) ? '\r\n' : '\n';
    eols.set(text, eol);
  }
  return eol;
}

/** The CREATE INDEX statement text for a foreign key of `table` (no trailing newline). */
export function createIndexStatement(ctx: RuleContext, table: Table, fk: ForeignKey): string {
  const text = ctx.textOf(table.file);
  const style = detectStyle(text, table.dialect);
  const name = indexName(table.name, fk.columns, indexNamesOf(ctx.workspace));
  const tableQuoted = writtenQuoted(text, table.nameSpan?.start);
  // The names come from their declarations: quoted there → quoted here; written bare → bare unless the
  // name needs quotes. The file-wide quoting habit must not decide, since in PostgreSQL quoting a name
  // that was declared bare ("LocationID" for LocationID) names a different, missing column.
  const bareStyle = { ...style, quoteAll: false, quoted: undefined };
  const q = (n: string, forced: boolean) => (forced ? (table.dialect === 'mysql' || table.dialect === 'mariadb' ? '`' + n + '`' : `"${n.replace(/"/g, '""')}"`) : quoteIdent(n, table.dialect, bareStyle));
  const colQuoted = (c: string) => {
    const col = table.columns.find((x) => x.name.toLowerCase() === c.toLowerCase());
    // a column added by a later migration (ALTER TABLE … ADD COLUMN) was written in that file
    return writtenQuoted(col?.file && col.file !== table.file ? ctx.textOf(col.file) : text, col?.nameSpan.start);
  };
  // The schema as the table or, failing that, the ALTER TABLE that declared the FK names it
  // (AdventureWorks: CREATE SCHEMA Person CREATE TABLE Address … / ALTER TABLE Person.Address ADD …).
  const alter = alterationHolding(ctx.fileOf(fk.file ?? table.file), fk.span);
  const schema = table.schema ?? alter?.schema;
  const target = (schema ? q(schema, false) + '.' : '') + q(table.name, tableQuoted);
  const cols = fk.columns.map((c) => q(c, colQuoted(c))).join(', ');
  const k = (s: string) => (style.keywordCase === 'lower' ? s.toLowerCase() : s);
  return `${k('CREATE INDEX')} ${q(name, tableQuoted)} ${k('ON')} ${target} (${cols});`;
}

/** The fix: one edit inserting the CREATE INDEX after the table's last statement in the FK's file. */
export function createIndexFix(ctx: RuleContext, table: Table, fk: ForeignKey): Fix {
  const stmt = createIndexStatement(ctx, table, fk);
  const title = `Create index ${stmt.replace(/^create index\s+/i, '').replace(/\s+on\s+.*$/i, '')} on ${table.name} (${fk.columns.join(', ')})`;
  if (ctx.fixEdits === false) return { title, kind: 'quickfix', isPreferred: true, edits: [] };
  const file = fk.file ?? table.file;
  const text = ctx.textOf(file);
  const fm = ctx.fileOf(file);
  let end: number;
  if (file === table.file) {
    end = table.span.end;
    const sameSchema = (s?: string) => !s || !table.schema || s.toLowerCase() === table.schema.toLowerCase();
    for (const x of statementsOf(fm).lastEnds.get(table.name.toLowerCase()) ?? []) if (sameSchema(x.schema) && x.end > end) end = x.end;
  } else {
    // The FK came from an ALTER TABLE in another file: put the index right after that statement.
    const alter = alterationHolding(fm, fk.span);
    end = alter ? alter.span.end : fk.span.end;
  }
  const { at, lineEnd } = afterStatement(text, end);
  const eol = eolOf(text);
  const newText = lineEnd ? `${eol}${stmt}` : `${eol}${stmt}${eol}`;
  const span = { start: at, end: at };
  return {
    title,
    kind: 'quickfix',
    isPreferred: true,
    edits: [{ file, span, range: rangeOf(fm.lineStarts, span), newText }],
  };
}
