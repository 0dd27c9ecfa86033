// PostgreSQL in-process (PGlite). Each reset starts a new instance: cheaper than dropping schemas.
import { PGlite } from '@electric-sql/pglite';
import { lowerKeys, type Engine } from './engine.ts';

export async function openPglite(): Promise<Engine> {
  const db = new PGlite();
  await db.waitReady;
  return {
    name: 'pglite',
    dialect: 'postgresql',
    async exec(sql) {
      // like psql with ON_ERROR_STOP: a failed script leaves no open (aborted) transaction behind
      try { await db.exec(sql); } catch (e) { await db.exec('ROLLBACK').catch(() => {}); throw e; }
    },
    async query(sql) { return (await db.query<Record<string, unknown>>(sql)).rows.map(lowerKeys); },
    async columns(table) {
      // Unquoted names fold to lower case; quoted ones keep theirs: try as written, then folded.
      const r = await db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name::text IN ($1::text, lower($1::text)) ORDER BY ordinal_position`, [table]);
      return r.rows.map((x) => x.column_name.toLowerCase());
    },
    async reset() {
      await db.exec('ROLLBACK').catch(() => {});
      await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    },
    async foreignKeyChecks(on) { await db.exec(`SET session_replication_role = ${on ? 'origin' : 'replica'};`); },
    async close() { await db.close(); },
  };
}
