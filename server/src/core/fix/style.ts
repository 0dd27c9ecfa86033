// The file's writing style, so new DDL looks like the DDL around it: keyword case, indentation,
// identifier quoting and line endings. Detected from the text (comments and strings skipped).
import type { Dialect } from '../model.ts';

export interface SqlStyle {
  /** Keywords as written in the file: 'upper' (CREATE TABLE) or 'lower' (create table). */
  keywordCase: 'upper' | 'lower';
  /** Indentation of column lines inside CREATE TABLE. */
  indent: string;
  /** True when the file quotes (nearly) every identifier, e.g. "user_id" or `user_id`. */
  quoteAll: boolean;
  /** '\r\n' when the file uses CRLF. */
  eol: string;
  /** Identifiers the file writes quoted (PostgreSQL keeps their case only when quoted). */
  quoted?: Set<string>;
}

export const defaultStyle: SqlStyle = { keywordCase: 'upper', indent: '    ', quoteAll: false, eol: '\n' };

const KEYWORDS = new Set(['create', 'table', 'primary', 'key', 'references', 'foreign', 'not', 'null', 'unique', 'insert', 'into', 'values', 'index', 'on', 'default', 'constraint']);

/** Text with comments and string literals blanked (same length, so offsets stay valid). */
export function codeOnly(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-' || c === '#') {
      let j = text.indexOf('\n', i); if (j < 0) j = text.length;
      out += ' '.repeat(j - i); i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      let j = text.indexOf('*/', i + 2); j = j < 0 ? text.length : j + 2;
      out += text.slice(i, j).replace(/[^\n]/g, ' '); i = j;
    } else if (c === "'") {
      let j = i + 1;
      while (j < text.length) { if (text[j] === "'") { if (text[j + 1] === "'") { j += 2; continue; } break; } if (text[j] === '\\') j++; j++; }
      j = Math.min(text.length, j + 1);
      out += "'" + text.slice(i + 1, j - 1).replace(/[^\n]/g, ' ') + (j - i > 1 ? "'" : ''); i = j;
    } else { out += c; i++; }
  }
  return out;
}

// Every fix of a file asks for its style: remember the last few answers (keyed by the text itself).
// (a string's hash is computed once per string, so the lookup does not rescan a large file).
const cache = new Map<string, Partial<Record<Dialect, SqlStyle>>>();

export function detectStyle(text: string, dialect: Dialect): SqlStyle {
  let byDialect = cache.get(text);
  if (!byDialect) {
    if (cache.size >= 4) cache.delete(cache.keys().next().value!);
    byDialect = {};
    cache.set(text, byDialect);
  }
  return (byDialect[dialect] ??= detect(text.length > 200_000 ? text.slice(0, 200_000) : text, dialect));
}

function detect(text: string, dialect: Dialect): SqlStyle {
  const code = codeOnly(text);
  let upper = 0, lower = 0;
  for (const m of code.matchAll(/\b[A-Za-z]+\b/g)) {
    const w = m[0];
    if (!KEYWORDS.has(w.toLowerCase())) continue;
    if (w === w.toUpperCase()) upper++; else if (w === w.toLowerCase()) lower++;
  }
  // Indentation: the most common leading whitespace of lines inside parentheses of CREATE TABLE bodies.
  const counts = new Map<string, number>();
  for (const m of code.matchAll(/create\s+(?:\w+\s+)*?table[^(]*\(([^;]*)/gi)) {
    for (const line of m[1].split(/\r?\n/).slice(1)) {
      const ind = /^([ \t]+)\S/.exec(line)?.[1];
      if (ind) counts.set(ind, (counts.get(ind) ?? 0) + 1);
    }
  }
  let indent = defaultStyle.indent, best = 0;
  for (const [ind, n] of counts) if (n > best || (n === best && ind.length < indent.length)) { indent = ind; best = n; }
  // Quoting: count quoted vs bare identifiers in column positions (first word of body lines).
  const q = dialect === 'mysql' || dialect === 'mariadb' ? '`' : '"';
  let quoted = 0, bare = 0;
  for (const m of code.matchAll(/^[ \t]+(\S+)/gm)) {
    if (m[1].startsWith(q)) quoted++; else if (/^[A-Za-z_]\w*$/.test(m[1]) && !KEYWORDS.has(m[1].toLowerCase()) && !/^(primary|foreign|unique|check|key|index|constraint)$/i.test(m[1])) bare++;
  }
  const quotedNames = new Set<string>();
  for (const m of code.matchAll(q === '`' ? /`([^`]+)`/g : /"([^"]+)"/g)) quotedNames.add(m[1]);
  return {
    quoted: quotedNames,
    keywordCase: lower > upper ? 'lower' : 'upper',
    indent,
    quoteAll: quoted > 0 && quoted >= 3 * bare,
    eol: /\r\n/.test(text) ? '\r\n' : '\n',
  };
}
