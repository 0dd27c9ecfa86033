// Splitting a delimited string column into one row per trimmed, non-empty token, the dialect's own way:
// PostgreSQL unnest(string_to_array(…)), MySQL/MariaDB and SQLite a recursive CTE (no JSON quoting
// pitfalls when a value holds quotes or backslashes).
import { isMysqlFamily, sqlString } from './ident.ts';
import { qt, K, q, type Emitter } from './ddl.ts';

export interface Exploded {
  /** A WITH clause to put in front of the SELECT ('' when none). */
  with: string;
  /** A FROM item named `parts` with columns nl_k1…nl_kN (the keys) and nl_token. */
  from: string;
  keyAliases: string[];
}

/**
 * @param source the table holding the list column
 * @param keyExprs SQL expressions for the parent key, evaluated on alias `t` (e.g. `t.model_id`, `t.rowid`)
 */
export function explode(e: Emitter, source: string, keyExprs: string[], column: string, delimiter: string): Exploded {
  const keyAliases = keyExprs.map((_, i) => `nl_k${i + 1}`);
  const d = sqlString(delimiter, e.dialect);
  const col = `t.${q(e, column)}`;
  const keysAs = keyExprs.map((k, i) => `${k} ${K(e, 'AS')} ${keyAliases[i]}`).join(', ');
  if (e.dialect === 'postgresql') {
    return {
      with: '',
      from: `(${K(e, 'SELECT')} ${keysAs}, btrim(s.nl_token) ${K(e, 'AS')} nl_token ${K(e, 'FROM')} ${qt(e, source)} ${K(e, 'AS')} t ` +
        `${K(e, 'CROSS JOIN LATERAL')} unnest(string_to_array(${col}, ${d})) ${K(e, 'AS')} s(nl_token) ` +
        `${K(e, 'WHERE')} btrim(s.nl_token) <> '') ${K(e, 'AS')} parts`,
      keyAliases,
    };
  }
  const cols = [...keyAliases, 'nl_token', 'nl_rest'].join(', ');
  let anchor: string, step: string;
  if (isMysqlFamily(e.dialect)) {
    // SUBSTRING_INDEX takes the text before the first delimiter; the rest is NULL once none is left.
    const rest = (x: string) => `${K(e, 'CASE WHEN')} LOCATE(${d}, ${x}) > 0 ${K(e, 'THEN')} SUBSTRING(${x}, LOCATE(${d}, ${x}) + CHAR_LENGTH(${d})) ${K(e, 'END')}`;
    anchor = `${K(e, 'SELECT')} ${keysAs}, SUBSTRING_INDEX(${col}, ${d}, 1), ${rest(col)} ${K(e, 'FROM')} ${qt(e, source)} ${K(e, 'AS')} t ${K(e, 'WHERE')} ${col} ${K(e, 'IS NOT NULL')}`;
    step = `${K(e, 'SELECT')} ${keyAliases.join(', ')}, SUBSTRING_INDEX(nl_rest, ${d}, 1), ${rest('nl_rest')} ${K(e, 'FROM')} nl_split ${K(e, 'WHERE')} nl_rest ${K(e, 'IS NOT NULL')}`;
  } else {
    // SQLite: append one delimiter, then peel off the text before the first delimiter each step.
    anchor = `${K(e, 'SELECT')} ${keysAs}, '', ${col} || ${d} ${K(e, 'FROM')} ${qt(e, source)} ${K(e, 'AS')} t ${K(e, 'WHERE')} ${col} ${K(e, 'IS NOT NULL')}`;
    step = `${K(e, 'SELECT')} ${keyAliases.join(', ')}, substr(nl_rest, 1, instr(nl_rest, ${d}) - 1), substr(nl_rest, instr(nl_rest, ${d}) + length(${d})) ${K(e, 'FROM')} nl_split ${K(e, 'WHERE')} nl_rest <> ''`;
  }
  return {
    with: `${K(e, 'WITH RECURSIVE')} nl_split (${cols}) ${K(e, 'AS')} (${e.style.eol}  ${anchor}${e.style.eol}  ${K(e, 'UNION ALL')}${e.style.eol}  ${step}${e.style.eol})`,
    from: `(${K(e, 'SELECT')} ${keyAliases.join(', ')}, TRIM(nl_token) ${K(e, 'AS')} nl_token ${K(e, 'FROM')} nl_split ${K(e, 'WHERE')} TRIM(nl_token) <> '') ${K(e, 'AS')} parts`,
    keyAliases,
  };
}

/** INSERT INTO target (cols) [WITH …] SELECT …, with the WITH where the dialect accepts it; target is in the table's schema. */
export function insertSelect(e: Emitter, target: string, cols: string[], withClause: string, select: string): string {
  const head = `${K(e, 'INSERT INTO')} ${qt(e, target)} (${cols.map((c) => q(e, c)).join(', ')})`;
  if (!withClause) return `${head}${e.style.eol}${select}`;
  // SQLite wants the WITH before INSERT; PostgreSQL and MySQL/MariaDB accept it before the SELECT.
  if (e.dialect === 'sqlite') return `${withClause}${e.style.eol}${head}${e.style.eol}${select}`;
  return `${head}${e.style.eol}${withClause}${e.style.eol}${select}`;
}
