// PGlite for a migrations folder: the extensions the folders use (pg_trgm, citext, ltree, pgcrypto,
// uuid-ossp, as ../shared/migrations/expected was made), the folder replayed once and kept as a data
// directory, so each case starts from a copy of the migrated database instead of replaying it again.
// Names resolve in every schema the folder created (supabase-auth's tables live in schema auth).
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { splitStatements } from '../../../server/src/core/reader/split.ts';
import { lowerKeys, type Engine } from './engine.ts';

const extensions = { pg_trgm, citext, ltree, pgcrypto, uuid_ossp };

export interface FolderDb { engine: Engine; db: PGlite }

function wrap(db: PGlite, reset: () => Promise<void>): Engine {
  return {
    name: 'pglite',
    dialect: 'postgresql',
    async exec(sql) { try { await db.exec(sql); } catch (e) { await db.exec('ROLLBACK').catch(() => {}); throw e; } },
    async query(sql) { return (await db.query<Record<string, unknown>>(sql)).rows.map(lowerKeys); },
    async columns(table) {
      const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
      const r = await db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE (table_schema = $2 OR ($2 IS NULL AND table_schema = ANY (current_schemas(false)))) AND table_name::text IN ($1::text, lower($1::text)) ORDER BY ordinal_position`, [name.replace(/"/g, ''), schema?.replace(/"/g, '') ?? null]);
      return r.rows.map((x) => x.column_name.toLowerCase());
    },
    reset,
    async foreignKeyChecks(on) { await db.exec(`SET session_replication_role = ${on ? 'origin' : 'replica'};`); },
    async close() { await db.close(); },
  };
}

/** Runs a migration as the migrator would, but statement by statement: returns the statements the engine refused. */
export async function runMigration(db: PGlite, text: string): Promise<string[]> {
  try { await db.exec(text); return []; } catch { await db.exec('ROLLBACK').catch(() => {}); }
  const refused: string[] = [];
  for (const st of splitStatements(text, 'postgresql').statements) {
    const sql = text.slice(st.start, st.end);
    try { await db.exec(sql); } catch (e) { refused.push(`${sql.trim().slice(0, 60)}: ${(e as Error).message}`); await db.exec('ROLLBACK').catch(() => {}); }
  }
  return refused;
}

/** Replays `files` (the texts the migrator runs) and returns the data directory and the statements refused. */
export async function replayFolder(files: string[], schemas: string[]): Promise<{ dir: Blob; refused: string[] }> {
  const db = await PGlite.create({ extensions });
  try {
    for (const s of schemas) await db.exec(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    const refused: string[] = [];
    for (const text of files) refused.push(...await runMigration(db, text));
    const path = [...new Set([...schemas, 'public'])].join(', ');
    await db.exec(`ALTER DATABASE postgres SET search_path TO ${path}`);
    return { dir: await db.dumpDataDir('none'), refused };
  } finally { await db.close(); }
}

/** A fresh copy of the replayed database. */
export async function openCopy(dir: Blob): Promise<FolderDb> {
  const db = await PGlite.create({ extensions, loadDataDir: dir });
  return { db, engine: wrap(db, async () => { throw new Error('a folder copy is not reset: open another copy'); }) };
}
