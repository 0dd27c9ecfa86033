// node-sql-parser as a test-only cross-check of the token reader (not in any bundle: it is 1.7 MB of
// the server bundle and was never run there). The token reader builds the
// model: it has positions, reads the 7.6 % of the corpus's CREATE TABLEs node-sql-parser rejects, and on
// the 92.4 % it accepts names exactly the same columns, primary key and foreign keys (measured by
// test/unit/reader-parser.test.ts). node-sql-parser parses at ~0.4 MB/s, 10–15× slower than the rest of
// the reader. A
// table is marked `reader: 'parser'` when node-sql-parser accepts the statement and its AST names the
// same columns and primary key, with a note when they disagree. Outcomes are cached per (dialect,
// statement text) in a bounded LRU, so an unchanged statement is never parsed twice.
import type { Dialect, Table } from '../../server/src/core/model.ts';
import { Parser as PgParser } from 'node-sql-parser/build/postgresql';
import { Parser as MyParser } from 'node-sql-parser/build/mysql';
import { Parser as MariaParser } from 'node-sql-parser/build/mariadb';
import { Parser as LiteParser } from 'node-sql-parser/build/sqlite';

/** What node-sql-parser saw in one CREATE TABLE: enough to cross-check the token reader. */
export interface AstSummary { table: string; columns: string[]; primaryKey: string[]; foreignKeys: { columns: string[]; table: string; refColumns: string[] }[] }
export type ParseOutcome = { ok: true; summary: AstSummary } | { ok: false; error: string };

const DATABASE: Record<Dialect, string> = { postgresql: 'PostgresQL', mysql: 'MySQL', mariadb: 'MariaDB', sqlite: 'Sqlite' };
let parsers: Partial<Record<Dialect, { astify(sql: string, opt: object): unknown }>> = {};
function parserFor(d: Dialect) {
  return (parsers[d] ??= new (d === 'postgresql' ? PgParser : d === 'mysql' ? MyParser : d === 'mariadb' ? MariaParser : LiteParser)() as never);
}

/** Statements longer than this are not given to node-sql-parser (its PEG parser is slow on huge input). */
const MAX_STATEMENT = 64 * 1024;
const CACHE_SIZE = 4096;
const cache = new Map<string, ParseOutcome>();
export const parseStats = { parsed: 0, cacheHits: 0, rejected: 0, skipped: 0 };

export function clearParseCache(): void { cache.clear(); }

export function parseCreateTable(statement: string, dialect: Dialect): ParseOutcome {
  const key = dialect + '\0' + statement;
  const hit = cache.get(key);
  if (hit) { cache.delete(key); cache.set(key, hit); parseStats.cacheHits++; return hit; } // LRU: move to newest
  let out: ParseOutcome;
  try {
    parseStats.parsed++;
    const ast = parserFor(dialect).astify(statement, { database: DATABASE[dialect] });
    out = { ok: true, summary: summarize(Array.isArray(ast) ? ast[0] : ast) };
  } catch (err) {
    parseStats.rejected++;
    out = { ok: false, error: firstLine((err as Error).message ?? String(err)) };
  }
  cache.set(key, out);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return out;
}

/** Marks `table.reader = 'parser'` when node-sql-parser reads `statement` the same way, else adds a note. */
export function validateCreateTable(table: Table, statement: string, dialect: Dialect): void {
  if (table.kind !== 'table' || statement.length > MAX_STATEMENT) { parseStats.skipped++; return; }
  const r = parseCreateTable(statement, dialect);
  if (!r.ok) return;
  const lc = (xs: string[]) => xs.map((x) => x.toLowerCase()).join(',');
  const same = lc(r.summary.columns) === lc(table.columns.map((c) => c.name))
    && lc(r.summary.primaryKey) === lc(table.primaryKey?.columns ?? []);
  if (same) table.reader = 'parser';
  else table.notes.push(`node-sql-parser reads this statement differently (columns ${r.summary.columns.join(', ')}); the token reader's view is used`);
}

function firstLine(s: string): string { const i = s.indexOf('\n'); return (i < 0 ? s : s.slice(0, i)).slice(0, 200); }

// ---- AST → summary (node-sql-parser v5 shapes) ----
type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function colName(c: Node | string | undefined): string {
  if (!c) return '';
  if (typeof c === 'string') return c;
  if (c.column !== undefined) return colName(c.column);
  if (c.expr !== undefined) return colName(c.expr);
  if (c.value !== undefined) return String(c.value);
  return '';
}

function summarize(ast: Node): AstSummary {
  const table = ast?.table?.[0]?.table ?? '';
  const out: AstSummary = { table, columns: [], primaryKey: [], foreignKeys: [] };
  for (const d of (ast?.create_definitions ?? []) as Node[]) {
    if (d.resource === 'column') {
      const name = colName(d.column);
      out.columns.push(name);
      if (d.primary_key) out.primaryKey = [name];
      const ref = d.reference_definition;
      if (ref) out.foreignKeys.push({ columns: [name], table: ref.table?.[0]?.table ?? '', refColumns: (ref.definition ?? []).map(colName) });
    } else if (d.resource === 'constraint') {
      const type = String(d.constraint_type ?? '').toLowerCase();
      const cols = (d.definition ?? []).map(colName);
      if (type === 'primary key') out.primaryKey = cols;
      else if (type.includes('foreign')) {
        const ref = d.reference_definition;
        out.foreignKeys.push({ columns: cols, table: ref?.table?.[0]?.table ?? '', refColumns: (ref?.definition ?? []).map(colName) });
      }
    }
  }
  return out;
}
