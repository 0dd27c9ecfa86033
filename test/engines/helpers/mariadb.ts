// A real MariaDB for the tests: mariadbd from Debian's mariadb-server, started on 127.0.0.1 with a free
// port and a temporary datadir (mariadb-install-db), run as root with --user=root, stopped and removed at
// close. Installs the package with scripts/setup/mariadb.sh when it is missing. If MariaDB cannot be
// installed or started, openMariadb throws with the reason (tests fail) unless NORMLINT_SKIP_MARIADB=1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { lowerKeys, type Engine } from './engine.ts';

export const skipMariadb = process.env.NORMLINT_SKIP_MARIADB === '1';

const repo = resolve(import.meta.dirname, '../../..');

function which(cmd: string, fallback: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  return existsSync(fallback) ? fallback : null;
}

/** Paths of mariadbd and mariadb-install-db, installing mariadb-server if needed. */
export function ensureMariadb(): { server: string; installDb: string } {
  let server = which('mariadbd', '/usr/sbin/mariadbd');
  let installDb = which('mariadb-install-db', '/usr/bin/mariadb-install-db');
  if (!server || !installDb) {
    const r = spawnSync('bash', [join(repo, 'scripts/setup/mariadb.sh')], { encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) throw new Error(`MariaDB is not installed and scripts/setup/mariadb.sh failed (exit ${r.status}): ${(r.stderr || r.stdout).slice(-800)}`);
    server = which('mariadbd', '/usr/sbin/mariadbd');
    installDb = which('mariadb-install-db', '/usr/bin/mariadb-install-db');
  }
  if (!server || !installDb) throw new Error('MariaDB: mariadbd / mariadb-install-db not found after installing mariadb-server');
  return { server, installDb };
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => res(p)); });
  });
}

async function connectWithRetry(port: number, proc: ChildProcess, log: string, timeoutMs = 60_000): Promise<Connection> {
  const t0 = Date.now();
  let last: unknown;
  while (Date.now() - t0 < timeoutMs) {
    if (proc.exitCode !== null) throw new Error(`mariadbd exited with code ${proc.exitCode}: ${tail(log)}`);
    try {
      return await createConnection({ host: '127.0.0.1', port, user: 'root', multipleStatements: true, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
    } catch (e) { last = e; await new Promise((r) => setTimeout(r, 250)); }
  }
  throw new Error(`mariadbd did not accept connections within ${timeoutMs} ms: ${(last as Error)?.message}; ${tail(log)}`);
}

const tail = (file: string) => { try { return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n'); } catch { return ''; } };

export async function openMariadb(): Promise<Engine> {
  const { server, installDb } = ensureMariadb();
  const dir = mkdtempSync(join(tmpdir(), 'normlint-mariadb-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const inst = spawnSync(installDb, ['--no-defaults', `--datadir=${data}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8', timeout: 120_000 });
  if (inst.status !== 0) { rmSync(dir, { recursive: true, force: true }); throw new Error(`mariadb-install-db failed: ${(inst.stderr || inst.stdout).slice(-800)}`); }
  const port = await freePort();
  const proc = spawn(server, [
    '--no-defaults', `--datadir=${data}`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${join(dir, 'sock')}`,
    `--pid-file=${join(dir, 'pid')}`, '--user=root', '--innodb-buffer-pool-size=32M', '--skip-log-bin', `--log-error=${log}`,
  ], { stdio: 'ignore' });
  const stop = async () => {
    if (proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (proc.exitCode === null) { proc.kill('SIGKILL'); await exited; }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let conn: Connection;
  try { conn = await connectWithRetry(port, proc, log); } catch (e) { await stop(); throw e; }
  const db = 'normlint_rt';
  let n = 0;
  const fresh = async () => { n++; await conn.query(`DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db} CHARACTER SET utf8mb4; USE ${db};`); };
  await fresh();
  return {
    name: 'mariadb',
    dialect: 'mariadb',
    async exec(sql) { await conn.query(sql); },
    async query(sql) {
      const [rows] = await conn.query(sql);
      const list = Array.isArray(rows) ? rows : [];
      // a multi-statement script returns one result per statement: take the last row set
      const last = list.length && Array.isArray(list[list.length - 1]) ? list[list.length - 1] as unknown[] : list;
      return (last as Record<string, unknown>[]).map(lowerKeys);
    },
    async columns(table) {
      const [rows] = await conn.query('SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position', [table]);
      return (rows as { c: string }[]).map((r) => r.c.toLowerCase());
    },
    reset: fresh,
    async foreignKeyChecks(on) { await conn.query(`SET FOREIGN_KEY_CHECKS = ${on ? 1 : 0}`); },
    async close() { try { await conn.end(); } finally { await stop(); } },
  };
}
