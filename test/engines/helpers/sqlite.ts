// SQLite via sql.js (wasm), in memory. Foreign keys are enforced (PRAGMA foreign_keys = ON) like a careful app.
import initSqlJs from 'sql.js';
import { lowerKeys, type Engine, type Row } from './engine.ts';

export async function openSqlite(): Promise<Engine> {
  const SQL = await initSqlJs();
  let db = new SQL.Database();
  db.exec('PRAGMA foreign_keys = ON;');
  const query = async (sql: string): Promise<Row[]> => {
    const res = db.exec(sql);
    if (!res.length) return [];
    const { columns, values } = res[res.length - 1];
    return values.map((v) => lowerKeys(Object.fromEntries(columns.map((c, i) => [c, v[i]]))));
  };
  return {
    name: 'sqlite',
    dialect: 'sqlite',
    async exec(sql) {
      // a failed script leaves no open transaction behind (the next BEGIN would fail)
      try { db.exec(sql); } catch (e) { try { db.exec('ROLLBACK'); } catch { /* none open */ } throw e; }
    },
    query,
    async columns(table) {
      const rows = await query(`PRAGMA table_info("${table.replace(/"/g, '""')}")`);
      return rows.map((r) => String(r.name).toLowerCase());
    },
    async reset() { db.close(); db = new SQL.Database(); db.exec('PRAGMA foreign_keys = ON;'); },
    async foreignKeyChecks(on) { db.exec(`PRAGMA foreign_keys = ${on ? 'ON' : 'OFF'};`); },
    async close() { db.close(); },
  };
}
