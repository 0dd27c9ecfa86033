// A pop folder (gobuffalo/pop, ory's popx: kratos, hydra, keto) holds one history per database: a file
// named for a database runs only there, a file without a name on every database, and of the files of one
// version the database's own replaces the one for all (popx sortAndFilter). normlint replays one of those
// histories, as that database runs it: the one --dialect names, else PostgreSQL's when the folder has files
// for it, else MySQL's, SQLite's, CockroachDB's. The other databases' files are skipped, each with why.
import type { Dialect, DialectSetting } from '../model.ts';
import type { Classified, PopFlavor } from './conventions.ts';

const PREFERRED: readonly PopFlavor[] = ['postgres', 'mysql', 'sqlite3', 'cockroach'];
const DIALECT: Record<PopFlavor, Dialect> = { postgres: 'postgresql', cockroach: 'postgresql', mysql: 'mysql', sqlite3: 'sqlite' };
const OF_SETTING: Partial<Record<DialectSetting, PopFlavor>> = { postgresql: 'postgres', mysql: 'mysql', mariadb: 'mysql', sqlite: 'sqlite3' };
const NAME: Record<PopFlavor, string> = { postgres: 'PostgreSQL', cockroach: 'CockroachDB', mysql: 'MySQL', sqlite3: 'SQLite' };

export interface PopHistory<M> {
  /** The database replayed (undefined when no file names one: every file runs everywhere). */
  flavor?: PopFlavor;
  dialect?: Dialect;
  /** The files that database runs. */
  apply: M[];
}

/** The history of one database among a pop folder's up files; `skip` hears every file left out, with why. */
export function popHistory<M extends { source: { file: string }; c: Classified }>(up: M[], setting: DialectSetting, skip: (file: string, reason: string) => void): PopHistory<M> {
  const present = new Set(up.map((m) => m.c.flavor).filter((f): f is PopFlavor => !!f && f !== 'all'));
  const wanted = OF_SETTING[setting];
  const flavor = wanted ?? PREFERRED.find((f) => present.has(f));
  if (!flavor) return { apply: up };
  const own = new Map<string, M>();
  for (const m of up) if (m.c.flavor === flavor) own.set(m.c.version.join('.'), m);
  const others = [...present].filter((f) => f !== flavor).map((f) => NAME[f]);
  const apply = up.filter((m) => {
    if (m.c.flavor === flavor) return true;
    if (m.c.flavor === 'all') {
      const mine = own.get(m.c.version.join('.'));
      if (!mine) return true;
      skip(m.source.file, `on ${NAME[flavor]} pop runs ${mine.c.rel} instead (a version's file for the database replaces the one for all)`);
      return false;
    }
    skip(m.source.file, `a ${NAME[m.c.flavor as PopFlavor]} migration: normlint replays this folder's ${NAME[flavor]} history${others.length ? ` (set the dialect to replay another: ${others.join(', ')} files are here too)` : ''}`);
    return false;
  });
  return { flavor, dialect: DIALECT[flavor], apply };
}
