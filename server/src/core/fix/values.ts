// The VALUES tuples of an INSERT statement, read from its text: every value keeps its source text (so a
// rewrite copies it exactly) and, for plain literals, its value (so lists can be split and keys compared).
// Independent of the reader's sample rows, which are capped for large dumps.
import type { Dialect, Value } from '../model.ts';
import { isMysqlFamily } from './ident.ts';

export interface RawValue {
  raw: string;
  /** The literal's value; undefined for an expression (function call, cast, …). */
  value: Value | undefined;
}

export const NULL_VALUE: RawValue = { raw: 'NULL', value: null };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', Z: '\x1a' };

/** The body of a quoted string: '' is a quote; with `backslash`, \x escapes too (MySQL, PostgreSQL E''). */
function unquote(body: string, backslash: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (backslash && c === '\\' && i + 1 < body.length) { out += ESCAPES[body[i + 1]] ?? body[i + 1]; i++; }
    else if (c === "'" && body[i + 1] === "'") { out += "'"; i++; }
    else out += c;
  }
  return out;
}

export function decode(raw: string, dialect: Dialect): Value | undefined {
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return unquote(raw.slice(1, -1), isMysqlFamily(dialect));
  if (raw.length >= 3 && /^[Ee]'/.test(raw) && raw.endsWith("'")) return unquote(raw.slice(2, -1), true);
  // N'…': national character literal (PostgreSQL, MySQL, SQL Server dumps)
  if (raw.length >= 3 && /^[Nn]'/.test(raw) && raw.endsWith("'")) return unquote(raw.slice(2, -1), isMysqlFamily(dialect));
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) return Number(raw);
  if (/^null$/i.test(raw)) return null;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  return undefined;
}

/** The tuples after VALUES in `stmt`, or null when it is not a plain INSERT … VALUES. */
export function readValues(stmt: string, dialect: Dialect): RawValue[][] | null {
  const head = /^\s*INSERT\s+(?:(?:IGNORE|LOW_PRIORITY|DELAYED|HIGH_PRIORITY|OR\s+\w+)\s+)*INTO\s+[^(]*?(?:\([^)]*\))?\s*VALUES\s*/i.exec(stmt);
  if (!head) return null;
  const mysql = isMysqlFamily(dialect);
  const s = stmt;
  let i = head[0].length;
  const rows: RawValue[][] = [];
  const skipSpace = () => {
    for (;;) {
      while (i < s.length && /\s/.test(s[i])) i++;
      if (s.startsWith('--', i)) { const j = s.indexOf('\n', i); i = j < 0 ? s.length : j + 1; continue; }
      if (s.startsWith('/*', i)) { const j = s.indexOf('*/', i + 2); i = j < 0 ? s.length : j + 2; continue; }
      return;
    }
  };
  for (;;) {
    skipSpace();
    if (s[i] !== '(') break;
    const values: RawValue[] = [];
    let start = ++i, depth = 0;
    const push = (end: number) => { const raw = s.slice(start, end).trim(); values.push({ raw, value: decode(raw, dialect) }); };
    while (i < s.length) {
      const c = s[i];
      if (c === "'") {
        const backslash = mysql || (i > 0 && /[Ee]/.test(s[i - 1]) && !/\w/.test(s[i - 2] ?? ''));
        i++;
        while (i < s.length) {
          if (backslash && s[i] === '\\') { i += 2; continue; }
          if (s[i] === "'") { if (s[i + 1] === "'") { i += 2; continue; } break; }
          i++;
        }
        i++;
      } else if (c === '"' || c === '`') {
        const j = s.indexOf(c, i + 1); i = j < 0 ? s.length : j + 1;
      } else if (c === '(') { depth++; i++; }
      else if (c === ')') {
        if (depth === 0) { push(i); i++; break; }
        depth--; i++;
      } else if (c === ',' && depth === 0) { push(i); start = ++i; }
      else if (c === '-' && s[i + 1] === '-') { const j = s.indexOf('\n', i); i = j < 0 ? s.length : j; }
      else i++;
    }
    rows.push(values);
    skipSpace();
    if (s[i] !== ',') break;
    i++;
  }
  skipSpace();
  // anything but the end (ON CONFLICT, RETURNING, ON DUPLICATE KEY …) is not ours to rewrite
  if (i < s.length && !/^;?\s*$/.test(s.slice(i))) return null;
  return rows;
}
