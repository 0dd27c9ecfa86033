// Detects scalar columns that hold delimited lists ("nlp,transformer,bert"): a first-normal-form break.
// Evidence, strongest first: values (a comment showing one, a comment saying "comma separated", a
// DEFAULT, sample rows), then the name (tags, *_ids, *_list), then a plural name. A plural name alone is
// weak (`status`, `courses` as a count) and is returned as `weak` so callers can ignore it.
import { BoundedMemo, memoByString } from '../memo.ts';
import type { Evidence } from '../findings.ts';
import type { Column, InsertRows, Table, Value, WorkspaceModel } from '../model.ts';
import { hasListName, hasPluralName, isCountName, lastWord } from './names.ts';
import { type Delimiter, hasDelimiter, listShape, notAListReason } from './list-values.ts';
import { singular } from '../inflect.ts';
import { findTable } from '../workspace.ts';
import { rowsKey } from '../rows-memo.ts';
import { remerged } from '../merge-record.ts';

/** `value`: evidence from values (warning); `name`: a list name on a string column, or one delimited value repeated in the rows (info); `weak`: not reported. */
export type ListStrength = 'value' | 'name' | 'weak';

export interface ListColumnHit {
  column: string;
  strength: ListStrength;
  evidence: Evidence[];
  delimiter: Delimiter;
  /** Set when the items are written without a delimiter (`'<19><78>'`): why no migration can split them yet. */
  unsplittable?: string;
  /** Values name entities (tags, courses, *_ids): a lookup + junction table fits; else a child table. */
  entity: boolean;
}

type TypeClass = 'string' | 'untyped' | 'collection' | 'other';

/** String types can hold a list; arrays, JSON, SET, ENUM are typed (this rule is not about them). */
export function classifyType(type: string): Readonly<{ kind: TypeClass; length?: number }> {
  return typeClassOf(type);
}
/** Per type text, once (every column of every table asks; a 17 MB file has a few hundred distinct types). */
const typeClassOf = memoByString((type: string) => Object.freeze(typeClass(type)));

function typeClass(type: string): { kind: TypeClass; length?: number } {
  const t = type.trim().toLowerCase();
  if (!t) return { kind: 'untyped' };
  if (/\[\s*\d*\s*\]$/.test(t) || /^array\b|\barray$/.test(t) || /^(jsonb?|hstore|xml|tsvector|set\s*\(|enum\s*\()/.test(t)) return { kind: 'collection' };
  if (/(bytea|blob|binary|uuid|uniqueidentifier|inet|cidr|macaddr)/.test(t)) return { kind: 'other' };
  if (/(char|text|clob|string|citext|name$)/.test(t)) {
    const m = /\(\s*(\d+)/.exec(t);
    return { kind: 'string', length: m ? Number(m[1]) : undefined };
  }
  return { kind: 'other' };
}

const ENTITY_WORDS = /^(tags?|keywords?|labels?|categor(y|ies)|courses?|books?|authors?|genres?|skills?|roles?|groups?|permissions?|members?|users?|products?|items?|subjects?|topics?|languages?|actors?|artists?|services?)$/;

/** Values name other entities (tags, courses, *_ids) rather than being attributes (phones, e-mails). */
function namesEntities(name: string, table: Table, ws: WorkspaceModel): boolean {
  const w = lastWord(name);
  // BookID holding 'B101,B102', service_ids holding '1,2': identifiers of other rows.
  if (/^(ids?|codes?|nos?|keys?)$/.test(w) || ENTITY_WORDS.test(w)) return true;
  const one = singular(w);
  return !!findTable(ws, table, undefined, w) || !!findTable(ws, table, undefined, one) || table.name.toLowerCase() === one;
}

/** The table a plural column name names (`categories`, also after the schema's table prefix: `piwigo_categories`). */
function pluralNamesTable(name: string, table: Table, ws: WorkspaceModel): Table | undefined {
  const w = lastWord(name).toLowerCase();
  const prefix = tablePrefix(ws);
  return findTable(ws, table, undefined, w) ?? (prefix ? findTable(ws, table, undefined, `${prefix}_${w}`) : undefined);
}

const prefixCache = new WeakMap<WorkspaceModel, string | undefined>();
/** The prefix most of the schema's tables share (`piwigo` of piwigo_images, piwigo_categories, …), if any. */
function tablePrefix(ws: WorkspaceModel): string | undefined {
  if (prefixCache.has(ws)) return prefixCache.get(ws);
  // the merge after an edit (remerge.ts) keeps every table name: the previous workspace's prefix holds
  const from = remerged.get(ws);
  if (from && prefixCache.has(from.previous)) { prefixCache.set(ws, prefixCache.get(from.previous)); return prefixCache.get(ws); }
  const counts = new Map<string, number>();
  for (const t of ws.tables) { const i = t.name.indexOf('_'); if (i > 0) { const p = t.name.slice(0, i).toLowerCase(); counts.set(p, (counts.get(p) ?? 0) + 1); } }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
  const prefix = best && n >= 3 && n >= ws.tables.length / 2 ? best : undefined;
  prefixCache.set(ws, prefix);
  return prefix;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `x IN (…)` on the column: an enumeration of single values. */
function enumeratedByCheck(col: Column, table: Table): string | undefined {
  for (const c of col.checks ?? []) if (/\bin\s*\(/i.test(c)) return c;
  if (!table.checks.length) return undefined; // (no pattern to build per column: most tables have no CHECK)
  const re = new RegExp(`(^|[^\\w])["\`]?${escapeRe(col.name)}["\`]?\\s*\\)?\\s*(::\\s*\\w+\\s*)?in\\s*\\(`, 'i');
  for (const c of table.checks) if (re.test(c.expression)) return c.expression;
  return undefined;
}

/** MariaDB's JSON type is LONGTEXT with CHECK (json_valid(col)): a typed collection as well. */
function jsonChecked(col: Column, table: Table): boolean {
  if (!col.checks?.length && !table.checks.length) return false;
  const re = new RegExp(`json_valid\\s*\\(\\s*[\`"]?${escapeRe(col.name)}[\`"]?\\s*\\)`, 'i');
  return [...(col.checks ?? []), ...table.checks.map((c) => c.expression)].some((c) => re.test(c));
}

// English, and Chinese (逗号/分号/空格 + 分隔/分割/隔开 = separated by commas/semicolons/spaces), as in mall's schema.
// A bare "comma" is not enough: "must not contain commas" says the opposite.
const SEP_ZH = '\\s*(分隔|分割|隔开)';
/**
 * A CHECK whose pattern describes a delimited list: `tags ~ '^[a-z]+(,[a-z]+)*$'`, `GLOB '*,*'` style regexes
 * with a repeated "(,item)" group. Returns the delimiter and the constraint text.
 */
function listCheck(col: Column, table: Table): { delimiter: Delimiter; text: string } | undefined {
  if (!col.checks?.length && !table.checks.length) return undefined;
  const mentions = new RegExp(`(^|[^\\w])["\`]?${escapeRe(col.name)}["\`]?([^\\w]|$)`, 'i');
  const texts = [...(col.checks ?? []), ...table.checks.map((c) => c.expression).filter((e) => mentions.test(e))];
  for (const text of texts) {
    const m = /'[^']*\(\s*\\?([,;|])[^']*\)\s*[*+{][^']*'/.exec(text);
    if (m) return { delimiter: m[1] as Delimiter, text };
  }
  return undefined;
}

const DELIM_WORDS: [RegExp, Delimiter][] = [
  [new RegExp(`\\bcomma[-\\s]*(separated|delimited|seperated|list)\\b|\\bseparated\\s+by\\s+commas?\\b|\\bas\\s+csv\\b|(逗号|，)${SEP_ZH}`, 'i'), ','],
  [new RegExp(`\\bsemi-?colon[-\\s]*(separated|delimited)\\b|\\bseparated\\s+by\\s+semi-?colons?\\b|(分号|；)${SEP_ZH}`, 'i'), ';'],
  [/\bpipe[-\s]*(separated|delimited)\b|\bseparated\s+by\s+pipes?\b/i, '|'],
  [new RegExp(`\\b(space|whitespace)[-\\s]*(separated|delimited)\\b|\\bseparated\\s+by\\s+(white)?spaces?\\b|空格${SEP_ZH}`, 'i'), ' '],
  [/\bdelimited\b|以.{0,4}(分割|分隔|隔开)/i, ','],
  // "list of allowed ids", "separated by commas": the comment says several values share the cell
  [/\blist\s+of\s+\w+|\bseparated\s+by\b/i, ','],
];

/** Quoted strings in a comment: 'a', "b". */
function quotedIn(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]);
}

/** A comment listing alternatives: `'train', 'val', 'test'` or `'Billing' or 'Shipping'`. */
export function isEnumerationComment(text: string): boolean {
  return /(['"])[^'"]*\1\s*(,|\/|\||\bor\b)\s*(['"])[^'"]*\3/i.test(text);
}

interface CommentVerdict { evidence?: Evidence; delimiter?: Delimiter; enumeration?: boolean; unsplittable?: string }

function readComment(col: Column, file: string): CommentVerdict {
  const text = (col.comment ?? '').replace(/^\s*(--|#)\s*/, '');
  if (!text) return {};
  if (isEnumerationComment(text)) return { enumeration: true };
  // `'<19><78>'`: items in angle brackets with no delimiter between them — a list, reported without a
  // rewrite (a split at a delimiter would keep the items joined)
  const bracketed = /<[^<>\s]+>\s*<[^<>\s]+>/.exec(text);
  if (bracketed) {
    return {
      evidence: { source: 'comment', detail: `the comment shows items in angle brackets: '${bracketed[0]}'`, file, span: col.span },
      unsplittable: 'the items are written <a><b> with no delimiter between them, which the migration cannot split yet',
    };
  }
  for (const q of quotedIn(text)) {
    const shape = listShape(q, true);
    if (shape) return { delimiter: shape.delimiter, evidence: { source: 'comment', detail: `the comment shows a delimited value: '${q}'`, file, span: col.span } };
  }
  for (const [re, d] of DELIM_WORDS) {
    const m = re.exec(text);
    if (m) return { delimiter: d, evidence: { source: 'comment', detail: `the comment says the values are delimited: "${text.length > 80 ? text.slice(0, 77) + '…' : text}"`, file, span: col.span } };
  }
  return {};
}

/** The default's literal value, or undefined when it is not a string literal. */
function defaultString(def: string | undefined): string | undefined {
  // A list default is short; a huge one (a 10 MB line) is not evidence and would overflow the regex stack.
  if (!def || def.length > 4096) return undefined;
  const m = /^\s*(?:[nNeE])?'([^']*(?:''[^']*)*)'/.exec(def);
  return m ? m[1].replace(/''/g, "'") : undefined;
}

/** What the rows say of one column, in the few fields the message needs (a memo keeps these, not the values). */
interface RowsSummary { delimiter: Delimiter; lists: number; total: number; uniform: boolean; /** up to 3 distinct list values */ shown: string[] }
/** rowsShowLists per column content (rows-memo.ts): an edit outside a table's INSERTs does not split its values again. */
const summaries = new BoundedMemo<{ verdict: RowsSummary | undefined; firstUsed: number }>(10_000);

/**
 * Whether the INSERT rows of the table show lists in column `col`, and the first INSERT that gives the column
 * a value (where the evidence points).
 */
function rowsEvidence(table: Table, rows: InsertRows[], col: string, allowSpace: boolean): { verdict: RowsSummary | undefined; first?: InsertRows } {
  const lc = col.toLowerCase();
  // an INSERT without a column list gives the table's columns in order: looked up once, not per statement
  const own = table.columns.findIndex((c) => c.name.toLowerCase() === lc);
  const given: { ins: InsertRows; k: number }[] = [];
  let key = allowSpace ? 's' : 'n';
  for (const ins of rows) {
    const k = ins.columns ? ins.columns.findIndex((n) => n.toLowerCase() === lc) : own;
    if (k < 0 || ins.rows.length === 0) continue;
    given.push({ ins, k });
    key += `,${rowsKey(ins)}:${k}`;
  }
  if (given.length === 0) return { verdict: undefined };
  const { verdict, firstUsed } = summaries.get(key, () => {
    const values: string[] = [];
    let firstUsed = -1;
    given.forEach(({ ins, k }, i) => {
      for (const r of ins.rows) {
        const v: Value | undefined = r[k];
        if (typeof v === 'string' && v.trim()) { values.push(v); if (firstUsed < 0) firstUsed = i; }
      }
    });
    const rv = rowsShowLists(values, allowSpace);
    return { verdict: rv && { delimiter: rv.delimiter, lists: rv.lists.length, total: rv.total, uniform: rv.uniform, shown: [...new Set(rv.lists)].slice(0, 3) }, firstUsed };
  });
  return { verdict, first: given[firstUsed]?.ins };
}

/** Records that token `t` occurs in value number `i`. */
function addToken(tokens: Map<string, Set<number>>, t: string, i: number): void {
  const k = t.trim().toLowerCase();
  let rowsOf = tokens.get(k);
  if (!rowsOf) { rowsOf = new Set(); tokens.set(k, rowsOf); }
  rowsOf.add(i);
}

interface RowVerdict { delimiter: Delimiter; lists: string[]; total: number; uniform: boolean }

/**
 * Sample rows show lists when values joined by one delimiter are the rule, not the exception: most values
 * containing the delimiter split into short tokens, and on a larger sample a fair share of rows are lists
 * whose tokens recur across rows (tags repeat; prose fragments and titles do not).
 */
export function rowsShowLists(values: string[], allowSpace = false): RowVerdict | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  for (const d of (allowSpace ? [',', ';', '|', ' '] : [',', ';', '|']) as Delimiter[]) {
    // a list split by d contains d: without any, the per-value shapes and tokens below are not needed
    if (!values.some((v) => (d === ' ' ? /\s/.test(v) : v.includes(d)))) continue;
    const lists: string[] = [];
    const tokens = new Map<string, Set<number>>();
    let containing = 0;
    values.forEach((v, i) => {
      const shape = listShape(v, d === ' ');
      if (shape && shape.delimiter === d) {
        lists.push(v);
        for (const p of shape.parts) addToken(tokens, p, i);
        containing++;
        return;
      }
      if (hasDelimiter(v, d)) containing++;
      else if (!notAListReason(v)) addToken(tokens, v, i); // a one-element list: its token may recur
    });
    if (lists.length === 0) continue;
    // Most delimiter-bearing values must be list-shaped (prose with commas fails here).
    if (lists.length < 2 * (containing - lists.length)) continue;
    // Space lists need every value to be code-like: one stray "New York" and spaces are just text.
    if (d === ' ' && containing !== lists.length) continue;
    // A list column is not one odd value among many ("Vice President, Sales" among 9 job titles).
    if (n < 10 && lists.length < 0.25 * n) continue;
    if (n >= 10) {
      if (lists.length < 0.1 * n) continue;
      const recurring = [...tokens.values()].filter((s) => s.size >= 2).length;
      if (recurring === 0) continue;
    }
    // Lists vary from row to row; the same delimited string in every row that has one may as well be one label
    // containing the delimiter (MISP's attribute type 'regkey|value' beside 'regkey'): weaker evidence.
    return { delimiter: d, lists, total: n, uniform: lists.length >= 2 && new Set(lists).size === 1 };
  }
  return undefined;
}

/** Every list-column candidate of the table, with its evidence and strength. */
export function detectListColumns(table: Table, ws: WorkspaceModel): ListColumnHit[] {
  const hits: ListColumnHit[] = [];
  const fkCols = new Set(table.foreignKeys.flatMap((f) => f.columns.map((c) => c.toLowerCase())));
  const rows = ws.rows.get(table) ?? [];
  for (const col of table.columns) {
    if (col.generated || fkCols.has(col.name.toLowerCase())) continue;
    const type = classifyType(col.type);
    if (type.kind === 'collection' || type.kind === 'other') continue;
    // A char(2) flag or a varchar(5) code cannot hold a list worth the name.
    if (type.length !== undefined && type.length < 6) continue;
    if (enumeratedByCheck(col, table)) continue;
    if (jsonChecked(col, table)) continue;
    const comment = readComment(col, table.file);
    if (comment.enumeration) continue;

    const evidence: Evidence[] = [];
    let delimiter: Delimiter | undefined;
    let valueEvidence = false;
    if (comment.evidence) { evidence.push(comment.evidence); delimiter ??= comment.delimiter; valueEvidence = true; }

    const chk = listCheck(col, table);
    if (chk) {
      evidence.push({ source: 'default', detail: `CHECK (${chk.text}) describes a ${describe(chk.delimiter)} list`, file: table.file, span: col.span });
      delimiter ??= chk.delimiter; valueEvidence = true;
    }

    const def = defaultString(col.default);
    const defShape = def !== undefined ? listShape(def, hasListName(col.name)) : undefined;
    // Two items alone ('1800;3600', 'subnet,asc') may be two fields of one setting: a DEFAULT shows a list
    // only with three or more items, or when the name says so (list name or plural: roles)
    if (defShape && (defShape.parts.length >= 3 || hasListName(col.name) || hasPluralName(col.name) || valueEvidence)) {
      evidence.push({ source: 'default', detail: `DEFAULT '${def}' is a ${describe(defShape.delimiter)} list`, file: table.file, span: col.span });
      delimiter ??= defShape.delimiter; valueEvidence = true;
    }

    const listName = hasListName(col.name);
    const plural = !listName && hasPluralName(col.name) && !isCountName(col.name);
    // Space-separated rows only count for list-like names: spaces also join postal codes ("T5K 2N1") and names.
    const fromRows = isProseName(col.name) ? undefined : rowsEvidence(table, rows, col.name, listName || plural);
    const rv = fromRows?.verdict;
    if (fromRows && rv) {
      const shown = rv.shown.map((v) => `'${v.length > 40 ? v.slice(0, 37) + '…' : v}'`).join(', ');
      const detail = rv.uniform
        ? `${rv.lists} of ${rv.total} sample values are the same ${describe(rv.delimiter)} value ${shown}, which may be one label rather than a list`
        : `${rv.lists} of ${rv.total} sample values are ${describe(rv.delimiter)} lists: ${shown}`;
      evidence.push({ source: 'rows', detail, file: fromRows.first?.file, span: fromRows.first?.span });
      delimiter = rv.delimiter;
      if (!rv.uniform) valueEvidence = true;
    }

    // `forbidden_categories mediumtext` beside a (piwigo_)categories table: a plural that names rows of the
    // schema, in a column long enough for several of them, holds a list of those rows
    const rowsOf = plural && type.kind === 'string' && (type.length === undefined || type.length >= 100) ? pluralNamesTable(col.name, table, ws) : undefined;
    if (listName) evidence.push({ source: 'name', detail: `the name "${col.name}" says it holds several values`, file: table.file, span: col.nameSpan });
    else if (rowsOf) evidence.push({ source: 'name', detail: `the name "${col.name}" is plural and names the rows of ${rowsOf.name}`, file: table.file, span: col.nameSpan });
    else if (plural) evidence.push({ source: 'name', detail: `the name "${col.name}" is plural`, file: table.file, span: col.nameSpan });
    if (evidence.length === 0) continue;
    if (type.kind === 'string') evidence.push({ source: 'type', detail: `${col.type} is a string type (not an array or JSON)`, file: table.file, span: col.span });
    // Without a type (SQLite) only values can tell.
    if (type.kind === 'untyped' && !valueEvidence) continue;

    const strength: ListStrength = valueEvidence ? 'value' : listName || rowsOf || rv?.uniform ? 'name' : 'weak';
    hits.push({ column: col.name, strength, evidence, delimiter: delimiter ?? ',', ...(comment.unsplittable && !delimiter ? { unsplittable: comment.unsplittable } : {}), entity: namesEntities(col.name, table, ws) });
  }
  return hits;
}

/**
 * Singular names of one free-text value: a comma in a name, title or address is punctuation
 * ("Smith, L", "Vice President, Sales", "8, Rue Hanovre"), so sample rows alone do not make them lists.
 */
const PROSE_NAMES = /^(name|title|caption|subject|description|desc|comment|summary|note|remark|text|message|body|address|addr|street|city|location|label|headline|info)$/;
function isProseName(name: string): boolean {
  return PROSE_NAMES.test(lastWord(name));
}

function describe(d: Delimiter): string {
  return d === ',' ? 'comma-separated' : d === ';' ? 'semicolon-separated' : d === '|' ? 'pipe-separated' : 'space-separated';
}
