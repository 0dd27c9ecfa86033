// What each migration tool's file names look like, and what a file name says: its folder root, the key
// the migrator sorts it by, and whether it is an up (schema) file at all. Pure: paths in, facts out.

import type { SectionTool } from './sections.ts';

/** The single-file up/down tools come first: their markers are certain where a file name only suggests. */
export type Convention = SectionTool | 'prisma' | 'diesel' | 'golang-migrate' | 'pop' | 'sqlx' | 'flyway' | 'numbered';
/** golang-migrate before pop: a folder whose names carry no database reads the same under both (the tie goes to golang-migrate). */
export const CONVENTIONS: readonly Convention[] = ['goose', 'sql-migrate', 'dbmate', 'prisma', 'diesel', 'golang-migrate', 'pop', 'sqlx', 'flyway', 'numbered'];

/** How one file reads under a convention. */
export interface Classified {
  convention: Convention;
  /** The migrations folder: the file's folder, or its parent for one-folder-per-migration tools. */
  root: string;
  /** Path relative to root, with '/' separators. */
  rel: string;
  /** Numeric parts to sort by (version or timestamp), then `name`. */
  version: bigint[];
  name: string;
  /** down / undo / rollback: never schema. Flyway baselines and repeatables are kinds of their own. */
  role: 'up' | 'down' | 'baseline' | 'repeatable';
  /** pop: the database the file is for (`postgres`, `cockroach`, `mysql`, `sqlite3`), or `all`. */
  flavor?: PopFlavor | 'all';
}

export type PopFlavor = 'postgres' | 'cockroach' | 'mysql' | 'sqlite3';
/**
 * gobuffalo/pop and ory's popx: `<version>_<name>[.<database>][.autocommit].(up|down).sql`; a file naming a
 * database runs only on it (pop's CanonicalDialect names and their synonyms), one without on every database.
 */
const POP = /^(\d+)_([^.]+)(?:\.([a-z0-9]+))?(?:\.autocommit)?\.(up|down)\.sql$/;
const POP_FLAVORS: Record<string, PopFlavor> = {
  postgres: 'postgres', postgresql: 'postgres', pg: 'postgres', cockroach: 'cockroach', cockroachdb: 'cockroach', crdb: 'cockroach',
  mysql: 'mysql', mariadb: 'mysql', sqlite3: 'sqlite3', sqlite: 'sqlite3',
};

const norm = (p: string) => p.replace(/\\/g, '/');
const split = (p: string) => { const s = norm(p).lastIndexOf('/'); return [s < 0 ? '' : norm(p).slice(0, s), norm(p).slice(s + 1)]; };
const digits = (s: string) => s.split(/[._-]+/).filter((x) => /^\d+$/.test(x)).map((x) => BigInt(x));

/** A folder name per migration: `20230404095503_init` (Prisma), `2019-02-26-002946_create_user` (Diesel). */
const MIGRATION_DIR = /^(\d{4}-\d{2}-\d{2}-\d{6}(?:-\d{4})?|\d{8,14})_[^/]+$/;
/**
 * Up/down pairs: a version number (optionally after a `V`), any title, then up or down — `0001_name.up.sql`,
 * `0021_name_down.sql`, `2022…_name.postgres.up.sql`, `V0001.Initial_Schema.up.sql` (authelia's migrator).
 */
const UP_DOWN = /^v?(\d+)(?:[._-].*)?[._](up|down)\.sql$/i;
/** Flyway: `V1_2__x.sql`, `V1.2__x.sql`, `U1_2__x.sql` (undo), `B1_20_0__x.sql` (baseline), `R__x.sql`. */
const FLYWAY = /^([VUB])(\d+(?:[._]\d+)*)__.*\.sql$/i;
const FLYWAY_REPEATABLE = /^R__.+\.sql$/i;
/** `001_create.sql`, `20210425153745_create_history.sql`. */
const NUMBERED = /^(\d+)[_-].*\.sql$/i;
/** Folders named like migrations (`migrations`, `migrate`, `db_migrations`): where plain numbered files are migrations. */
export const MIGRATIONS_NAME = /migrat/i;

/**
 * Every reading of `file` a tool could give it (most specific first); empty = not a migration file.
 * `known`: the folder is known to be migrations (config, or already planned), whatever its name.
 */
export function classify(file: string, known = false): Classified[] {
  const [dir, base] = split(file);
  const [parent, dirName] = split(dir);
  const out: Classified[] = [];
  const m = MIGRATION_DIR.exec(dirName);
  if (m && /^(migration|up|down)\.sql$/i.test(base)) {
    const lower = base.toLowerCase();
    const convention: Convention = lower === 'migration.sql' ? 'prisma' : 'diesel';
    // Diesel's version is the name's first part without its dashes, compared as a string: 2017-08-31-230457
    // runs after 20160811151953 (crates.io has both shapes); right-padded digits compare the same way
    const version = convention === 'diesel' ? [BigInt(m[1].replace(/-/g, '').padEnd(24, '0'))] : digits(m[1]);
    out.push({ convention, root: parent, rel: `${dirName}/${base}`, version, name: dirName, role: lower === 'down.sql' ? 'down' : 'up' });
  }
  let f: RegExpExecArray | null;
  if ((f = FLYWAY.exec(base))) {
    const kind = f[1].toUpperCase();
    out.push({ convention: 'flyway', root: dir, rel: base, version: digits(f[2]), name: base, role: kind === 'U' ? 'down' : kind === 'B' ? 'baseline' : 'up' });
  } else if (FLYWAY_REPEATABLE.test(base)) {
    out.push({ convention: 'flyway', root: dir, rel: base, version: [], name: base, role: 'repeatable' });
  }
  // a name that says its database is pop's (golang-migrate would run every database's file in one history)
  const pop = POP.exec(base);
  const flavor = pop ? (pop[3] === undefined || pop[3] === 'autocommit' ? 'all' : POP_FLAVORS[pop[3]]) : undefined;
  if (pop && flavor) out.push({ convention: 'pop', root: dir, rel: base, version: [BigInt(pop[1])], name: base, role: pop[4] === 'down' ? 'down' : 'up', flavor });
  if (flavor && flavor !== 'all') return out;
  if ((f = UP_DOWN.exec(base))) {
    out.push({ convention: 'golang-migrate', root: dir, rel: base, version: [BigInt(f[1])], name: base, role: f[2].toLowerCase() === 'down' ? 'down' : 'up' });
  } else if ((f = NUMBERED.exec(base))) {
    // sqlx names files by timestamp; short numbers are plain numbered files (only in a folder named like migrations)
    const timestamp = f[1].length >= 12;
    if (timestamp || known || MIGRATIONS_NAME.test(dir)) {
      out.push({ convention: timestamp ? 'sqlx' : 'numbered', root: dir, rel: base, version: [BigInt(f[1])], name: base, role: 'up' });
    }
  }
  return out;
}

/**
 * Which files each single-file up/down tool runs, by name: goose `<version>_x.sql` (the digits before the
 * first `_`, version > 0), dbmate `<digits>…sql`, sql-migrate any `.sql` (a leading number is its version).
 */
const TOOL_FILE: Record<SectionTool, RegExp> = { goose: /^0*([1-9]\d*)_.*\.sql$/i, dbmate: /^(\d+).*\.sql$/i, 'sql-migrate': /^(\d+)?.*\.sql$/i };

/** `file` as a migration of `tool` (its text carries the tool's markers, or the config names the tool), if the tool runs it. */
export function classifyTool(file: string, tool: SectionTool): Classified | undefined {
  const [dir, base] = split(file);
  const m = TOOL_FILE[tool].exec(base);
  if (!m) return undefined;
  return { convention: tool, root: dir, rel: base, version: m[1] ? [BigInt(m[1])] : [], name: base, role: 'up' };
}

const isTool = (c: Convention): c is SectionTool => c === 'goose' || c === 'sql-migrate' || c === 'dbmate';

/** Re-reads `file` as a given convention (config `"convention"`), if its name fits it. */
export function classifyAs(file: string, convention: Convention): Classified | undefined {
  if (isTool(convention)) return classifyTool(file, convention);
  const all = classify(file, true);
  return all.find((c) => c.convention === convention)
    // sqlx and plain numbered differ only in the width of the number
    ?? all.find((c) => (convention === 'numbered' || convention === 'sqlx') && (c.convention === 'numbered' || c.convention === 'sqlx'));
}

/**
 * Migrator order: version parts numerically (V1_2 < V1_10; missing parts count as 0), then name. dbmate
 * sorts by file name alone (1_a < 10_b < 2_c); sql-migrate puts names without a leading number after
 * the numbered ones.
 */
export function compareMigrations(a: Classified, b: Classified): number {
  if (a.convention === 'dbmate') return byName(a, b);
  if (a.convention === 'sql-migrate' && (a.version.length === 0) !== (b.version.length === 0)) return a.version.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.version.length, b.version.length); i++) {
    const x = a.version[i] ?? 0n, y = b.version[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return byName(a, b);
}

const byName = (a: Classified, b: Classified) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
