// Identifiers in emitted SQL: quoting per dialect, and names for the tables and columns a fix creates.
import type { Dialect } from '../model.ts';
import type { SqlStyle } from './style.ts';

// Words that cannot be bare identifiers in at least one supported dialect (a conservative union of the
// reserved words that plausibly turn up as table or column names).
const RESERVED = new Set(`all alter analyse analyze and any array as asc asymmetric authorization between binary both case cast
check collate column constraint create cross current_date current_time current_timestamp current_user default deferrable
delete desc distinct do drop else end except exists false fetch for foreign freeze from full grant group having ilike in
index initially inner insert intersect into is isnull join key keys lateral leading left like limit localtime
localtimestamp match natural not notnull null offset on only or order outer over overlaps partition placing primary range
read references returning right row rows select session_user set similar some symmetric table then to trailing true union
unique update usage user using values variadic verbose when where window with`.split(/\s+/));

export const isMysqlFamily = (d: Dialect) => d === 'mysql' || d === 'mariadb';

/** Quotes `name` when the dialect needs it (or the file quotes everything). */
export function quoteIdent(name: string, dialect: Dialect, style?: SqlStyle): string {
  const bare = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name.toLowerCase());
  // PostgreSQL folds bare names to lower case: a mixed-case name the file quotes must stay quoted
  const caseMatters = dialect === 'postgresql' && name !== name.toLowerCase() && !!style?.quoted?.has(name);
  if (bare && !style?.quoteAll && !caseMatters) return name;
  if (isMysqlFamily(dialect)) return '`' + name.replace(/`/g, '``') + '`';
  return '"' + name.replace(/"/g, '""') + '"';
}

/** A string literal in the dialect (MySQL also escapes backslashes). */
export function sqlString(s: string, dialect: Dialect): string {
  let v = s.replace(/'/g, "''");
  if (isMysqlFamily(dialect)) v = v.replace(/\\/g, '\\\\');
  return `'${v}'`;
}

/** Keyword text in the file's case. */
export function kw(text: string, style: SqlStyle): string {
  return style.keywordCase === 'lower' ? text.toLowerCase() : text.toUpperCase();
}

const ID_SUFFIX = /(?:_id|_code|_no|_num|_key|_name|Id|ID|Code|No|Num|Key)$/;

/** The entity a determinant names: model_id → model, StudentID → Student, framework → framework. */
export function entityStem(columns: string[]): string {
  if (columns.length !== 1) return columns.map((c) => c.replace(ID_SUFFIX, '') || c).join('_');
  const c = columns[0];
  const s = c.replace(ID_SUFFIX, '');
  // 'postal_code', 'zip_code': the suffix is part of the thing's name
  if (/(postal|zip|post)$/i.test(s)) return c;
  return s.length >= 2 ? s : c;
}

// English plural and singular, keeping the word's case: the project's one inflector (core/inflect.ts).
export { plural, singular } from '../inflect.ts';

/** True when the name is written snake_case (or all lower-case), so derived names use '_'. */
export function isSnake(name: string): boolean {
  return name.includes('_') || name === name.toLowerCase();
}

/** Joins name parts the way `like` is written: snake → a_b, Camel → AB (first part kept). */
export function joinName(like: string, ...parts: string[]): string {
  if (isSnake(like)) return parts.filter(Boolean).join('_');
  return parts.filter(Boolean).map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join('');
}

/**
 * `base`, or (when taken, case-insensitive) `<owner>_<base>`, then numbered. Adds the result to `taken`.
 * `owner` is the table the new one is split from: products taken → oms_order_item_products.
 */
export function uniqueName(base: string, taken: Set<string>, owner?: string): string {
  let name = base;
  if (taken.has(name.toLowerCase()) && owner && !base.toLowerCase().startsWith(owner.toLowerCase())) name = joinName(owner, owner, base);
  const first = name;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${first}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}
