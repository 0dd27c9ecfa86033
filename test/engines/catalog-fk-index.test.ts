// An independent check of fk-missing-index: load each PostgreSQL corpus file into PGlite and each SQLite
// corpus file into sql.js, compute the unindexed foreign keys from the engine's own catalogs, and compare
// per file (counts and the FK sets) with normlint's findings. Same semantics as the rule: an FK is covered
// when its columns are the leading key columns (any order, no expressions, INCLUDE not counted) of an index
// (PK and UNIQUE constraints are indexes in both engines), a partial one only with `fk IS NOT NULL`.
//
// What PGlite cannot load is stripped (CREATE EXTENSION of extensions it does not ship, OWNER TO, GRANT,
// roles, psql meta-commands) or tolerated (a statement that fails is logged and skipped). When a CREATE
// TABLE fails, the comparison is limited to the tables the engine has, and the file is marked "partial".
// A file where nothing loads is skipped with a message. Run:
//   node --import tsx --test test/engines/catalog-fk-index.test.ts
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { tablefunc } from '@electric-sql/pglite/contrib/tablefunc';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { citext } from '@electric-sql/pglite/contrib/citext';
import initSqlJs from 'sql.js';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Dialect } from '../../server/src/core/model.ts';
import { corpusDir } from '../helpers/cases.ts';

const SHIPPED = new Set(['uuid-ossp', 'tablefunc', 'btree_gist', 'pgcrypto', 'citext', 'plpgsql']);

interface Row { file: string; fks: number; enginesFks: number; normlint: number; catalog: number; status: string }
const rows: Row[] = [];

after(() => {
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const lines = ['', 'fk-missing-index: normlint vs engine catalog', `${pad('file', 34)}${pad('FKs normlint', 14)}${pad('FKs catalog', 13)}${pad('unindexed normlint', 20)}${pad('unindexed catalog', 19)}status`];
  for (const r of rows) lines.push(`${pad(r.file, 34)}${pad(r.fks, 14)}${pad(r.enginesFks, 13)}${pad(r.normlint, 20)}${pad(r.catalog, 19)}${r.status}`);
  console.log(lines.join('\n'));
});

/** Splits SQL into statements: quotes, E'' strings, "idents", $tag$ bodies, comments, psql \meta lines. */
function splitSql(text: string): string[] {
  const out: string[] = [];
  let start = 0, i = 0;
  const n = text.length;
  const push = (end: number) => { const s = text.slice(start, end).trim(); if (s) out.push(s); };
  while (i < n) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') { while (i < n && text[i] !== '\n') i++; continue; }
    if (c === '/' && text[i + 1] === '*') {
      let depth = 1; i += 2;
      while (i < n && depth > 0) { if (text.startsWith('/*', i)) { depth++; i += 2; } else if (text.startsWith('*/', i)) { depth--; i += 2; } else i++; }
      continue;
    }
    if (c === '\\' && /^\s*$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i))) {
      // psql meta-command: the rest of the line, its own "statement" (dropped later).
      push(i); let j = text.indexOf('\n', i); if (j < 0) j = n; out.push(text.slice(i, j)); i = j; start = j; continue;
    }
    if (c === "'") {
      const escapes = /[eE]$/.test(text.slice(Math.max(0, i - 1), i)) && !/\w/.test(text[i - 2] ?? ' ');
      i++;
      while (i < n) { if (escapes && text[i] === '\\') { i += 2; continue; } if (text[i] === "'") { if (text[i + 1] === "'") { i += 2; continue; } break; } i++; }
      i++; continue;
    }
    if (c === '"') { i++; while (i < n && text[i] !== '"') i++; i++; continue; }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m && !/\w/.test(text[i - 1] ?? ' ')) { const end = text.indexOf(m[0], i + m[0].length); i = end < 0 ? n : end + m[0].length; continue; }
    }
    if (c === ';') { push(i); i++; start = i; continue; }
    i++;
  }
  push(n);
  return out;
}

/** The statement without the comment lines in front of it (pg_dump puts a header comment before each). */
function withoutLeadingComments(s: string): string {
  let t = s.trimStart();
  for (;;) {
    if (t.startsWith('--')) { const j = t.indexOf('\n'); t = j < 0 ? '' : t.slice(j + 1).trimStart(); continue; }
    if (t.startsWith('/*')) { const j = t.indexOf('*/'); t = j < 0 ? '' : t.slice(j + 2).trimStart(); continue; }
    return t;
  }
}

/** Statements PGlite is not asked to run: data (irrelevant to catalogs), roles, ownership, psql meta. */
function skipForPg(s: string): string | undefined {
  const head = withoutLeadingComments(s).slice(0, 200).toLowerCase();
  if (head.startsWith('\\')) return 'psql meta-command';
  if (/^(insert|copy|update|delete)\b/.test(head)) return 'data';
  // Each statement runs on its own, so one failure does not abort a whole BEGIN … COMMIT block.
  if (/^(begin|commit|rollback|end|start\s+transaction)\b/.test(head)) return 'transaction control';
  if (/^(grant|revoke)\b|^(create|alter|drop)\s+(role|user|group)\b|^set\s+(session\s+)?(role|session authorization)\b/.test(head)) return 'roles';
  if (/\bowner\s+to\b/.test(head) && /^alter\b/.test(head)) return 'ownership';
  const ext = /^create\s+extension\s+(?:if\s+not\s+exists\s+)?"?([\w-]+)"?/.exec(head);
  if (ext && !SHIPPED.has(ext[1])) return `extension ${ext[1]} not shipped with PGlite`;
  if (/^comment\s+on\s+extension\b/.test(head)) return 'extension comment';
  return undefined;
}

interface Fk { table: string; columns: string[] }
const key = (f: Fk) => `${f.table.toLowerCase()}(${f.columns.map((c) => c.toLowerCase()).join(', ')})`;
const sortKeys = (fs: Fk[]) => fs.map(key).sort();

/** The IS NOT NULL predicate check, written independently of the rule for the engine's deparsed text. */
function predicateIsNotNullOf(pred: string, cols: string[]): boolean {
  const parts = pred.replace(/^\(+|\)+$/g, '').split(/\)?\s+and\s+\(?/i);
  return parts.every((p) => {
    const m = /^\(*"?([^"()\s]+)"?\s+is\s+not\s+null\)*$/i.exec(p.trim());
    return !!m && cols.includes(m[1].toLowerCase());
  });
}

async function pgCatalog(text: string): Promise<{ all: Fk[]; unindexed: Fk[]; tables: Set<string>; failed: string[]; failedTables: string[] }> {
  const pg = await freshPg();
  const failed: string[] = [];
  const failedTables: string[] = [];
  try {
    for (const s of splitSql(text)) {
      if (skipForPg(s)) continue;
      try { await pg.exec(s); } catch (e) {
        const first = withoutLeadingComments(s).replace(/\s+/g, ' ').slice(0, 90);
        failed.push(`${first} — ${(e as Error).message}`);
        const m = /^create\s+(?:unlogged\s+|temp(?:orary)?\s+)?table\s+(?:if\s+not\s+exists\s+)?((?:"[^"]+"|[\w$]+)\.)?("[^"]+"|[\w$]+)/i.exec(withoutLeadingComments(s));
        if (m) failedTables.push(m[2].replace(/"/g, ''));
      }
    }
    const fks = await pg.query<{ relname: string; cols: string[]; attnums: number[]; conrelid: number }>(`
      SELECT r.relname, c.conrelid::int AS conrelid, c.conkey::int[] AS attnums,
             ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS cols
      FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace ns ON ns.oid = r.relnamespace
      WHERE c.contype = 'f' AND c.conparentid = 0 AND ns.nspname NOT IN ('pg_catalog', 'information_schema')`);
    const idx = await pg.query<{ indrelid: number; keys: number[]; nkey: number; pred: string | null }>(`
      SELECT i.indrelid::int AS indrelid, i.indkey::int2[]::int[] AS keys, i.indnkeyatts::int AS nkey, pg_get_expr(i.indpred, i.indrelid) AS pred
      FROM pg_index i`);
    const tables = await pg.query<{ relname: string }>(`
      SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND ns.nspname NOT IN ('pg_catalog', 'information_schema')`);
    const byRel = new Map<number, typeof idx.rows>();
    for (const r of idx.rows) byRel.set(r.indrelid, [...(byRel.get(r.indrelid) ?? []), r]);
    const all: Fk[] = [];
    const unindexed: Fk[] = [];
    for (const f of fks.rows) {
      const fk = { table: f.relname, columns: f.cols };
      all.push(fk);
      const want = new Set(f.attnums);
      const covered = (byRel.get(f.conrelid) ?? []).some((ix) => {
        const lead = ix.keys.slice(0, Math.min(ix.nkey, want.size));
        if (lead.length < want.size || lead.some((a) => a === 0 || !want.has(a)) || new Set(lead).size !== want.size) return false;
        return ix.pred === null || predicateIsNotNullOf(ix.pred, f.cols.map((c) => c.toLowerCase()));
      });
      if (!covered) unindexed.push(fk);
    }
    return { all, unindexed, tables: new Set(tables.rows.map((t) => t.relname.toLowerCase())), failed, failedTables };
  } finally { /* reused: freshPg() empties it for the next file */ }
}

let shared: PGlite | undefined;
after(async () => { await shared?.close(); });

/** One PGlite for all files (starting one costs seconds): every user schema is dropped between files. */
async function freshPg(): Promise<PGlite> {
  shared ??= await PGlite.create({ extensions: { uuid_ossp, tablefunc, btree_gist, pgcrypto, citext } });
  const schemas = await shared.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`);
  for (const { nspname } of schemas.rows) await shared.exec(`DROP SCHEMA "${nspname.replace(/"/g, '""')}" CASCADE`);
  await shared.exec(`CREATE SCHEMA public; SET search_path = "$user", public; RESET ALL;`);
  return shared;
}

let SQL: Awaited<ReturnType<typeof initSqlJs>> | undefined;

function sqliteCatalog(text: string): { all: Fk[]; unindexed: Fk[]; tables: Set<string>; failed: string[]; failedTables: string[] } {
  const db = new SQL!.Database();
  try {
    // sql.js runs the whole script with SQLite's own parser; a failure fails the file. Its build has no
    // FTS5, so full-text virtual tables (no foreign keys, no indexes) are left out.
    const stripped = text.replace(/CREATE\s+VIRTUAL\s+TABLE\s[^;]*USING\s+fts5\s*\([^;]*\);/gi, '');
    db.exec(stripped);
    const q = (sql: string) => { const r = db.exec(sql); return r.length ? r[0].values : []; };
    const tables = q(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).map((r) => String(r[0]));
    const all: Fk[] = [];
    const unindexed: Fk[] = [];
    for (const t of tables) {
      const esc = t.replace(/'/g, "''");
      const info = q(`PRAGMA table_info('${esc}')`); // cid, name, type, notnull, dflt, pk
      const pkCols = info.filter((r) => Number(r[5]) > 0);
      const withoutRowid = /without\s+rowid/i.test(String(q(`SELECT sql FROM sqlite_schema WHERE name = '${esc}'`)[0]?.[0] ?? ''));
      // An INTEGER PRIMARY KEY is the rowid itself: the table is stored in its order, no separate index.
      const rowidAlias = !withoutRowid && pkCols.length === 1 && String(pkCols[0][2]).toUpperCase() === 'INTEGER' ? String(pkCols[0][1]).toLowerCase() : undefined;
      const indexes: { cols: (string | null)[]; pred?: string }[] = [];
      for (const il of q(`PRAGMA index_list('${esc}')`)) { // seq, name, unique, origin, partial
        const name = String(il[1]);
        const xinfo = q(`PRAGMA index_xinfo('${name.replace(/'/g, "''")}')`).filter((r) => Number(r[5]) === 1); // key columns only
        const cols = xinfo.map((r) => (Number(r[1]) < 0 ? null : String(r[2]).toLowerCase()));
        let pred: string | undefined;
        if (Number(il[4]) === 1) {
          const sql = String(q(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = '${name.replace(/'/g, "''")}'`)[0]?.[0] ?? '');
          pred = /\bwhere\b([\s\S]*)$/i.exec(sql)?.[1]?.trim() ?? '';
        }
        indexes.push({ cols, pred });
      }
      const groups = new Map<number, { seq: number; from: string }[]>();
      for (const r of q(`PRAGMA foreign_key_list('${esc}')`)) { // id, seq, table, from, to, …
        const id = Number(r[0]);
        groups.set(id, [...(groups.get(id) ?? []), { seq: Number(r[1]), from: String(r[3]) }]);
      }
      for (const g of groups.values()) {
        const cols = g.sort((a, b) => a.seq - b.seq).map((x) => x.from);
        const fk = { table: t, columns: cols };
        all.push(fk);
        const want = new Set(cols.map((c) => c.toLowerCase()));
        const covered = (want.size === 1 && rowidAlias !== undefined && want.has(rowidAlias)) || indexes.some((ix) => {
          const lead = ix.cols.slice(0, want.size);
          if (lead.length < want.size || lead.some((c) => c === null || !want.has(c)) || new Set(lead).size !== want.size) return false;
          return ix.pred === undefined || predicateIsNotNullOf(ix.pred.replace(/;\s*$/, ''), [...want]);
        });
        if (!covered) unindexed.push(fk);
      }
    }
    const fts5 = text.length - stripped.length > 0 ? ['fts5 virtual tables left out (sql.js has no FTS5)'] : [];
    return { all, unindexed, tables: new Set(tables.map((t) => t.toLowerCase())), failed: fts5, failedTables: [] };
  } finally { db.close(); }
}

function normlintFks(file: string, text: string, dialect: Dialect) {
  const { workspace, findings } = analyzeSources([{ file, text }], { ...defaultOptions, dialect });
  const all: Fk[] = workspace.tables.flatMap((t) => t.foreignKeys.map((f) => ({ table: t.name, columns: f.columns })));
  const fkFindings = findings.filter((f) => f.rule === 'fk-missing-index');
  const unindexed: Fk[] = fkFindings.map((f) => ({ table: f.table, columns: f.columns }));
  // Every quick fix applied at once (edits from the end, so earlier offsets stay valid).
  const edits = fkFindings.flatMap((f) => f.fixes[0]?.edits ?? []).map((e, k) => ({ ...e, k }))
    .sort((a, b) => b.span.start - a.span.start || b.k - a.k);
  let fixed = text;
  for (const e of edits) fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
  return { all, unindexed, fixed };
}

for (const dialect of ['postgresql', 'sqlite'] as const) {
  const dir = join(corpusDir, dialect);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    test(`fk-missing-index vs ${dialect === 'postgresql' ? 'PGlite' : 'SQLite'} catalog: ${dialect}/${name}`, async (t) => {
      const text = readFileSync(join(dir, name), 'utf8');
      let cat;
      try {
        if (dialect === 'postgresql') cat = await pgCatalog(text);
        else { SQL ??= await initSqlJs(); cat = sqliteCatalog(text); }
      } catch (e) {
        rows.push({ file: `${dialect}/${name}`, fks: 0, enginesFks: 0, normlint: 0, catalog: 0, status: `did not load: ${(e as Error).message}` });
        t.skip(`${dialect}/${name} does not load into the engine: ${(e as Error).message}`);
        return;
      }
      if (cat.tables.size === 0) {
        rows.push({ file: `${dialect}/${name}`, fks: 0, enginesFks: 0, normlint: 0, catalog: 0, status: 'no table loaded' });
        t.skip(`${dialect}/${name}: no table loaded into the engine (${cat.failed.length} statements failed)`);
        return;
      }
      const nl = normlintFks(`${dialect}/${name}`, text, dialect);
      // Compare on the tables the engine actually has (a CREATE TABLE PGlite cannot run is not comparable).
      const loaded = (f: Fk) => cat.tables.has(f.table.toLowerCase());
      const nlUnindexed = nl.unindexed.filter(loaded);
      const nlAll = nl.all.filter(loaded);
      const partial = cat.failedTables.length > 0;
      const status = partial
        ? `partial: ${cat.failedTables.length} CREATE TABLE failed (${cat.failedTables.slice(0, 4).join(', ')}${cat.failedTables.length > 4 ? ', …' : ''}); compared on loaded tables`
        : cat.failed.length ? `loaded (${cat.failed.length} other statements failed or left out, e.g. ${cat.failed[0].slice(0, 60)})` : 'loaded';
      rows.push({ file: `${dialect}/${name}`, fks: nlAll.length, enginesFks: cat.all.length, normlint: nlUnindexed.length, catalog: cat.unindexed.length, status });
      if (cat.failed.length) t.diagnostic(`${cat.failed.length} statements failed in the engine, e.g. ${cat.failed.slice(0, 3).join(' | ')}`);
      assert.deepEqual(sortKeys(nlAll), sortKeys(cat.all), 'normlint reads the same foreign keys as the engine');
      assert.deepEqual(sortKeys(nlUnindexed), sortKeys(cat.unindexed), 'unindexed foreign keys differ from the catalog computation');
      if (cat.unindexed.length === 0) return;
      // The quick fixes are valid DDL for the engine and index every foreign key they were for.
      const after = dialect === 'postgresql' ? await pgCatalog(nl.fixed) : sqliteCatalog(nl.fixed);
      // (A fix for a table the engine could not create cannot run either: not the fix's fault.)
      const notLoaded = (f: string) => cat.failedTables.some((t) => new RegExp(`\\bon\\s+(\\S+\\.)?"?${t}"?\\s`, 'i').test(f));
      const newFailures = after.failed.filter((f) => !cat.failed.includes(f) && !notLoaded(f));
      assert.deepEqual(newFailures, [], 'the CREATE INDEX fixes ran without error');
      assert.deepEqual(sortKeys(after.unindexed), [], 'after applying every fix, no foreign key is unindexed');
      assert.equal(normlintFks(`${dialect}/${name}`, nl.fixed, dialect).unindexed.length, 0, 'normlint is clean after its fixes');
    });
  }
}
