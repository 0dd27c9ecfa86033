// A database engine the round-trip tests run emitted SQL in: PGlite (PostgreSQL in-process), SQLite
// (sql.js, wasm) or MariaDB (a real mariadbd the harness starts on loopback).
import type { Dialect } from '../../../server/src/core/model.ts';

export type Row = Record<string, unknown>;

export interface Engine {
  name: 'pglite' | 'sqlite' | 'mariadb';
  dialect: Dialect;
  /** Runs a script of one or more statements. */
  exec(sql: string): Promise<void>;
  /** Rows of one query, keys lower-cased. */
  query(sql: string): Promise<Row[]>;
  /** Column names of a table (lower-cased), in order; [] when it does not exist. */
  columns(table: string): Promise<string[]>;
  /** A fresh, empty database (drops everything the last case created). */
  reset(): Promise<void>;
  /** Turns foreign-key enforcement off while a test loads rows into a table whose parents it does not fill. */
  foreignKeyChecks(on: boolean): Promise<void>;
  close(): Promise<void>;
}

export const lowerKeys = (r: Row): Row => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));
