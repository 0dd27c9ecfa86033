// Whether a foreign key a fix adds between two existing tables can exist. InnoDB refuses one (errno 150,
// "Foreign key constraint is incorrectly formed") unless both tables are InnoDB and each column pair has the
// same type: the same integer type and sign (display widths aside), the same DECIMAL precision, and for
// strings the same character set and collation; a TEXT/BLOB column cannot be a key. PostgreSQL needs the
// two columns to be comparable (a number cannot reference a string). The reason is returned, to say why
// the foreign key is not added; null when it can be.
import type { Column, Dialect, Table } from '../model.ts';
import { isMysqlFamily } from './ident.ts';
import { tableOptions } from './statement.ts';
import { columnOf, type TablePlan } from './plan.ts';

const INT = /^(tinyint|smallint|mediumint|int|integer|bigint)\b(\s*\(\s*\d+\s*\))?(\s+unsigned)?/i;
const STRING = /^(national\s+)?(var)?char|^n?varchar|^(tiny|medium|long)?text\b|^enum|^set\b/i;

/** The parts of a MySQL column type that must agree for a foreign key (null: the type cannot be a key). */
function mysqlKeyType(type: string): string | null {
  const t = type.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^(tiny|medium|long)?(text|blob)\b/.test(t)) return null;
  const i = INT.exec(t);
  if (i) return `${i[1] === 'integer' ? 'int' : i[1]}${i[3] ? ' unsigned' : ''}`;
  if (STRING.test(t)) return 'string';
  return t.replace(/\s*(character set|charset|collate)\s+\w+/g, '').replace(/\s+/g, '');
}

const charsetIn = (s: string) => /(?:character\s+set|charset)\s*=?\s*(\w+)/i.exec(s)?.[1]?.toLowerCase();
const collateIn = (s: string) => /collate\s*=?\s*(\w+)/i.exec(s)?.[1]?.toLowerCase();

/** A table's options as written (ENGINE, CHARSET, COLLATE), when its statement is in `text`. */
function optionsOf(t: Table, textOf: (file: string) => string | undefined): string[] | undefined {
  const text = textOf(t.file);
  if (!text || t.span.end > text.length) return undefined;
  return tableOptions(text.slice(t.span.start, t.span.end));
}

function category(c: Column): 'number' | 'string' | 'other' {
  if (/int|serial|numeric|decimal|real|double|float/i.test(c.type)) return 'number';
  if (/char|text|string|citext/i.test(c.type)) return 'string';
  return 'other';
}

export function foreignKeyBlocker(dialect: Dialect, T: Table, cols: string[], R: Table, refCols: string[], textOf: (file: string) => string | undefined): string | null {
  const pairs = cols.map((c, i) => ({ a: columnOf(T, c), b: columnOf(R, refCols[i]) }));
  if (pairs.some((p) => !p.a || !p.b)) return null; // unknown columns: the engine will say
  const both = (f: (c: Column) => string) => pairs.map((p) => `${T.name}.${p.a!.name} ${f(p.a!)} → ${R.name}.${p.b!.name} ${f(p.b!)}`).join(', ');
  if (!isMysqlFamily(dialect)) {
    if (pairs.some((p) => category(p.a!) !== category(p.b!) && category(p.a!) !== 'other' && category(p.b!) !== 'other')) {
      return `the column types cannot be compared (${both((c) => c.type)})`;
    }
    return null;
  }
  const optsT = optionsOf(T, textOf) ?? [], optsR = optionsOf(R, textOf) ?? [];
  const engine = (o: string[]) => o.map((x) => /^ENGINE\s*=?\s*(\w+)/i.exec(x)?.[1]).find(Boolean);
  for (const [t, o] of [[T, optsT], [R, optsR]] as const) {
    const en = engine(o);
    if (en && !/^innodb$/i.test(en)) return `${t.name} is ${en}, which does not support foreign keys (both tables must be InnoDB)`;
  }
  for (const p of pairs) {
    const ka = mysqlKeyType(p.a!.type), kb = mysqlKeyType(p.b!.type);
    if (ka === null || kb === null) return `${ka === null ? `${T.name}.${p.a!.name}` : `${R.name}.${p.b!.name}`} is ${ka === null ? p.a!.type : p.b!.type}, which cannot be a foreign key column`;
    if (ka !== kb) return `InnoDB needs the same type on both sides (${both((c) => c.type)})`;
    if (ka !== 'string') continue;
    // a column's own CHARACTER SET / COLLATE wins over the table's; compared only when both sides say
    const cs = (c: Column, o: string[]) => charsetIn(c.type) ?? o.map(charsetIn).find(Boolean);
    const co = (c: Column, o: string[]) => collateIn(c.type) ?? o.map(collateIn).find(Boolean);
    const [csa, csb] = [cs(p.a!, optsT), cs(p.b!, optsR)], [coa, cob] = [co(p.a!, optsT), co(p.b!, optsR)];
    if ((csa && csb && csa !== csb) || (coa && cob && coa !== cob)) {
      return `InnoDB needs the same character set and collation on both sides (${T.name}.${p.a!.name} ${csa ?? ''} ${coa ?? ''} → ${R.name}.${p.b!.name} ${csb ?? ''} ${cob ?? ''})`.replace(/ +/g, ' ').replace(/ \)/, ')');
    }
  }
  return null;
}

/** InnoDB's limit on one index's key (DYNAMIC/COMPRESSED rows, the default since MySQL 5.7 / MariaDB 10.2). */
const INNODB_KEY_BYTES = 3072;
const BYTES_PER_CHAR: Record<string, number> = { latin1: 1, ascii: 1, binary: 1, utf8: 3, utf8mb3: 3, ucs2: 2, utf16: 4, utf32: 4, utf8mb4: 4 };

/** The most bytes a key column takes in InnoDB (strings: length × the character set's widest character; utf8mb4 when unknown). */
function keyBytes(type: string, tableCharset: string | undefined): number {
  const t = type.toLowerCase();
  if (/^(tiny|medium|long)?(text|blob)\b/.test(t) || !t) return 255 * (BYTES_PER_CHAR[charsetIn(t) ?? tableCharset ?? 'utf8mb4'] ?? 4); // written as VARCHAR(255)
  const s = /^(?:national\s+)?(?:var)?char(?:acter)?(?:\s+varying)?\s*\(\s*(\d+)\s*\)|^n?varchar\s*\(\s*(\d+)\s*\)/.exec(t);
  if (s) return Number(s[1] ?? s[2]) * (BYTES_PER_CHAR[charsetIn(t) ?? tableCharset ?? 'utf8mb4'] ?? 4);
  const b = /^(?:var)?binary\s*\(\s*(\d+)\s*\)/.exec(t);
  if (b) return Number(b[1]);
  return 16;
}

/** The bytes a key over these column types takes when that is over InnoDB's limit (MySQL/MariaDB only), else null. */
export function innodbKeyOverLimit(p: TablePlan, types: string[]): number | null {
  if (!isMysqlFamily(p.e.dialect)) return null;
  const opts = p.table.span.end <= p.text.length ? tableOptions(p.text.slice(p.table.span.start, p.table.span.end)) : [];
  const bytes = types.reduce((n, t) => n + keyBytes(t, opts.map(charsetIn).find(Boolean)), 0);
  return bytes > INNODB_KEY_BYTES ? bytes : null;
}

/**
 * Why InnoDB could not create the plan's keys: a new table's primary key over 3,072 bytes (a varchar(1000)
 * utf8mb4 value is 4,000), or a foreign key from a TEXT/BLOB column of the original (no full-length key on
 * it). Null when none, or outside MySQL/MariaDB.
 */
export function innodbKeyBlocker(p: TablePlan): string | null {
  if (!isMysqlFamily(p.e.dialect)) return null;
  const T = p.table;
  const opts = p.table.span.end <= p.text.length ? tableOptions(p.text.slice(T.span.start, T.span.end)) : [];
  const cs = opts.map(charsetIn).find(Boolean);
  for (const nt of p.newTables) {
    const bytes = nt.def.primaryKey.reduce((n, k) => n + keyBytes(nt.def.columns.find((c) => c.name === k)?.type ?? '', cs), 0);
    if (bytes > INNODB_KEY_BYTES) return `the key of ${nt.def.name} (${nt.def.primaryKey.join(', ')}) takes up to ${bytes.toLocaleString('en')} bytes, over InnoDB's ${INNODB_KEY_BYTES.toLocaleString('en')}-byte limit (a surrogate key with a hash or prefix index would be needed)`;
  }
  for (const fk of p.foreignKeys) {
    const text = fk.columns.map((c) => columnOf(T, c)).find((c) => c && mysqlKeyType(c.type) === null);
    if (text) return `${T.name}.${text.name} is ${text.type}, which InnoDB cannot use in a foreign key (no full-length index on it)`;
  }
  return null;
}
