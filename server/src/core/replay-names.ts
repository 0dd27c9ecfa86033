// The names an engine gives unnamed constraints and indexes, so a later DROP CONSTRAINT / DROP INDEX by
// that name finds them. PostgreSQL: <table>_<cols>_<pkey|key|fkey|check|idx>, cut to 63 bytes the way
// makeObjectName does and numbered on collision (ChooseRelationName); MySQL: PRIMARY, the first column
// for keys and indexes, <table>_ibfk_<n> for foreign keys.
import type { Dialect } from './model.ts';

const PG_MAX = 63;

/** PostgreSQL makeObjectName: shorten the longer of name1/name2 until `name1_name2_label` fits. */
function makeObjectName(name1: string, name2: string, label: string): string {
  let n1 = name1, n2 = name2;
  const overhead = (label ? label.length + 1 : 0) + (n2 ? 1 : 0);
  while (n1.length + n2.length > PG_MAX - overhead) {
    if (n1.length > n2.length) n1 = n1.slice(0, -1); else n2 = n2.slice(0, -1);
  }
  return [n1, n2, label].filter(Boolean).join('_');
}

export type NameKind = 'pkey' | 'key' | 'fkey' | 'check' | 'idx';

/** The engine's name for an unnamed constraint/index of `table` on `columns`; `taken` holds lower-cased names in use. */
export function engineName(dialect: Dialect, kind: NameKind, table: string, columns: string[], taken: (n: string) => boolean): string {
  if (dialect === 'mysql' || dialect === 'mariadb') return mysqlName(kind, table, columns, taken);
  const cols = kind === 'pkey' ? '' : columns.join('_');
  const base = makeObjectName(table, cols, kind);
  if (!taken(base.toLowerCase())) return base;
  for (let n = 1; ; n++) {
    const c = makeObjectName(table, cols, `${kind}${n}`);
    if (!taken(c.toLowerCase())) return c;
  }
}

function mysqlName(kind: NameKind, table: string, columns: string[], taken: (n: string) => boolean): string {
  if (kind === 'pkey') return 'PRIMARY';
  if (kind === 'fkey' || kind === 'check') {
    const label = kind === 'fkey' ? 'ibfk' : 'chk';
    for (let n = 1; ; n++) if (!taken(`${table}_${label}_${n}`.toLowerCase())) return `${table}_${label}_${n}`;
  }
  const first = columns[0] ?? table;
  if (!taken(first.toLowerCase())) return first;
  for (let n = 2; ; n++) if (!taken(`${first}_${n}`.toLowerCase())) return `${first}_${n}`;
}
