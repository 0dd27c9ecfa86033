// Reads and rewrites the body of one CREATE TABLE statement as text, so a rewrite keeps everything it
// does not change (comments, CHECKs, defaults, table options) byte for byte.
import { codeOnly } from './style.ts';

export type ItemKind = 'column' | 'primary-key' | 'unique' | 'foreign-key' | 'index' | 'check' | 'other';

export interface BodyItem {
  /** Offsets into the statement text; [start, end) is the item without separators or comments around it. */
  start: number;
  end: number;
  kind: ItemKind;
  /** Column name (kind 'column'). */
  name?: string;
  /** Key columns (primary-key, unique, foreign-key). */
  columns: string[];
}

export interface CreateBody { open: number; close: number; items: BodyItem[] }

const unquote = (s: string) => s.replace(/^["`\[]|["`\]]$/g, '');

function keyList(s: string): string[] {
  return s.split(',').map((p) => unquote(p.trim().split(/\s+/)[0].replace(/\(\d+\)$/, ''))).filter(Boolean);
}

function classify(code: string): { kind: ItemKind; name?: string; columns: string[] } {
  const c = code.replace(/^constraint\s+("[^"]*"|`[^`]*`|\S+)\s+/i, '');
  let m = /^primary\s+key\s*(?:\w+\s*)?\(([^)]*)\)/i.exec(c);
  if (m) return { kind: 'primary-key', columns: keyList(m[1]) };
  m = /^unique(?:\s+(?:key|index))?\s*(?:("[^"]*"|`[^`]*`|\w+)\s*)?\(([^)]*)\)/i.exec(c);
  if (m) return { kind: 'unique', columns: keyList(m[2]) };
  m = /^foreign\s+key\s*(?:\w+\s*)?\(([^)]*)\)/i.exec(c);
  if (m) return { kind: 'foreign-key', columns: keyList(m[1]) };
  // MySQL KEY/INDEX/FULLTEXT/SPATIAL items: their columns, so a rewrite drops those over a moved column
  m = /^(?:(?:fulltext|spatial)\s+)?(?:key|index)\s*(?:(?:"[^"]*"|`[^`]*`|\w+)\s*)?(?:using\s+\w+\s*)?\(([^)]*)\)/i.exec(c);
  if (m) return { kind: 'index', columns: keyList(m[1]) };
  if (/^check\b/i.test(c)) return { kind: 'check', columns: [] };
  if (/^(constraint|check|key|index|fulltext|spatial|exclude|period|like)\b/i.test(code)) return { kind: 'other', columns: [] };
  const name = /^("(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|[^\s(]+)/.exec(code)?.[1] ?? '';
  return { kind: 'column', name: unquote(name).replace(/""/g, '"'), columns: [] };
}

/** Splits the parenthesized body of `CREATE TABLE name ( … )` into items. Null when there is none. */
export function parseCreateBody(text: string): CreateBody | null {
  const code = codeOnly(text);
  const open = code.indexOf('(');
  if (open < 0) return null;
  let depth = 0, close = -1;
  const commas: number[] = [];
  let quote = '';
  for (let i = open; i < code.length; i++) {
    const ch = code[i];
    if (quote) { if (ch === quote) quote = ''; continue; }
    if (ch === '"' || ch === '`') { quote = ch; continue; }
    if (ch === '(') depth++;
    else if (ch === ')') { if (--depth === 0) { close = i; break; } }
    else if (ch === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return null;
  const bounds = [open, ...commas, close];
  const items: BodyItem[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    let s = bounds[k] + 1, e = bounds[k + 1];
    while (s < e && /\s/.test(code[s])) s++;
    while (e > s && /\s/.test(code[e - 1])) e--;
    if (s >= e) continue;
    items.push({ start: s, end: e, ...classify(code.slice(s, e)) });
  }
  return { open, close, items };
}

export interface BodyRewrite {
  drop?: Set<number>;
  replace?: Map<number, string>;
  prepend?: string[];
  append?: string[];
  indent: string;
}

/** Position of the first ',' in `sep` that is code (not inside a comment), or -1. */
function commaIn(sep: string): number {
  const code = codeOnly(sep);
  return code.indexOf(',');
}

/** Splits a separator into the part that belongs to the item before it and the gap before the next one. */
function splitSep(sep: string): { trailing: string; gap: string } {
  const nl = sep.lastIndexOf('\n');
  if (nl < 0) return { trailing: sep.replace(/\s+$/, ''), gap: sep.slice(sep.replace(/\s+$/, '').length) };
  return { trailing: sep.slice(0, nl).replace(/\r$/, ''), gap: sep.slice(sep.slice(0, nl).replace(/\r$/, '').length) };
}

const withComma = (t: string) => (commaIn(t) >= 0 ? t : ',' + t);
const withoutComma = (t: string) => { const i = commaIn(t); return i < 0 ? t : t.slice(0, i) + t.slice(i + 1); };

/** Applies drops, replacements and new items to the body; returns the new statement text. */
export function rewriteBody(text: string, body: CreateBody, rw: BodyRewrite): string {
  const { items } = body;
  const n = items.length;
  const sepAfter = (i: number) => text.slice(items[i].end, i + 1 < n ? items[i + 1].start : body.close);
  const leading = text.slice(body.open + 1, items[0]?.start ?? body.close);
  const lastGap = n ? splitSep(sepAfter(n - 1)).gap : '';
  const multiline = /\n/.test(leading) || /\n/.test(lastGap);
  const newGap = multiline ? (/\r\n/.test(text) ? '\r\n' : '\n') + rw.indent : ' ';
  // Each output item carries what follows it on its own line (its comma and comment) and the whitespace
  // that leads into the next item.
  type Out = { text: string; trailing: string; gap: string };
  const out: Out[] = [];
  for (const p of rw.prepend ?? []) out.push({ text: p, trailing: '', gap: splitSep(leading).gap || newGap });
  for (let i = 0; i < n; i++) {
    if (rw.drop?.has(i)) continue;
    const { trailing, gap } = splitSep(sepAfter(i));
    out.push({ text: rw.replace?.get(i) ?? text.slice(items[i].start, items[i].end), trailing, gap: i === n - 1 || !gap ? newGap : gap });
  }
  for (const a of rw.append ?? []) out.push({ text: a, trailing: '', gap: newGap });
  let s = text.slice(0, body.open + 1) + leading;
  out.forEach((o, k) => {
    if (k === out.length - 1) s += o.text + withoutComma(o.trailing) + lastGap;
    else s += o.text + withComma(o.trailing) + o.gap;
  });
  return s + text.slice(body.close);
}

/** Removes `-- @fd` / `-- @key` comment lines that mention any of `columns` (they no longer apply). */
export function dropAnnotationsMentioning(text: string, columns: string[]): string {
  const gone = new Set(columns.map((c) => c.toLowerCase()));
  return text.replace(/^[ \t]*--[ \t]*@(?:fd|key)\b([^\n]*)\r?\n/gm, (line, rest: string) => {
    const names = rest.split(/->|→|,|\s+/).map((w) => unquote(w.trim()).toLowerCase()).filter(Boolean);
    return names.some((w) => gone.has(w)) ? '' : line;
  });
}

/**
 * The physical options a new table split off this one must share (MySQL/MariaDB): ENGINE, CHARSET and
 * COLLATE after the body. A foreign key between tables of different charsets or engines fails (errno 150).
 */
export function tableOptions(stmt: string): string[] {
  const body = parseCreateBody(stmt);
  if (!body) return [];
  const tail = codeOnly(stmt).slice(body.close + 1);
  const out: string[] = [];
  const re = /\b(ENGINE|(?:DEFAULT\s+)?(?:CHARSET|CHARACTER\s+SET)|(?:DEFAULT\s+)?COLLATE)\s*=?\s*([A-Za-z0-9_]+)/gi;
  for (let m; (m = re.exec(tail));) out.push(stmt.slice(body.close + 1 + m.index, body.close + 1 + m.index + m[0].length));
  return out;
}
