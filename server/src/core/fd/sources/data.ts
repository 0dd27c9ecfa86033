// Data: INSERT rows anywhere in the workspace. A single column X determines A in the rows when every
// repeated value of X comes with the same value of A. Sample rows are few and coincidences are many, so:
// - reported only when the rows show the redundancy: some X value repeats (with its A value), X takes
//   at least two values, and so does A (a constant column is "determined" by anything); fewer than three
//   rows never count;
// - never when X is unique in the data (then nothing is stored twice), or a foreign key (copies of a
//   referenced table are the reference source's job), and never for dependents that are keys, foreign
//   keys or identifiers (`CourseID → InstructorID` in a five-row sample is a design question, not a copy);
// - names and types must fit: the determinant is a category-like value (not a time, measure, flag,
//   free text or contact detail), the dependent a descriptive attribute (not a row attribute);
// - the repetition must be unlikely to be chance: P(coincidence) = Π over repeated groups of
//   Σ_a p(a)^size (the chance that a group of rows agrees on the dependent anyway) must be below 0.6,
//   and the determinant must be named as a classifier (rating, grade, course, state, city…) or as an
//   identifier (product_id, dept_code): in real dumps, columns of one underlying entity agree with each
//   other by the hundreds (points, flags, amounts, snapshots), so only a column that names a
//   classification or an entity is believed to determine others on that test alone; any other short text
//   column ("plain" determinant, issue 15's data-only miss) must pass a stricter one (plainStrength): two or
//   more of its values repeating with one value of a text dependent that has 3+ values, chance < 1%, no
//   free text, neither column in another dependency — high only on 20+ rows, 3+ repeating values, chance
//   < 0.1% and a determinant that repeats; else a low info. Measured on the 18 real files and the corpus:
//   a looser first version (any dependent, free-text determinants allowed) added 1 warning and 7 low infos,
//   all false (demo rows, seeds copied per template); this one adds none (docs/evaluation/dependencies.md);
// - a dependency whose determinant is NULL in rows that still hold the dependent is low (an info): the
//   dependent is recorded for its own sake there, so the rows do not show it is a fact of the determinant,
//   and no table keyed by the determinant could keep it (most northwind suppliers have a country but
//   no region);
// - places only determine coarser places (city → state → country, never country → city);
// - a 1:1 pair is reported once, with the identifier-like (else the earlier) column as determinant;
// - a dependent already explained by another source only gains this as confirming evidence
//   (`confirm`), a dependent gets at most one data FD, and data FDs implied by other FDs are dropped;
import type { InsertRows, Value } from '../../model.ts';
import type { Inferred, TableContext } from '../context.ts';
import { isIdLike, isIdLikeWords, isRowAttribute, isTextType, words } from '../names.ts';
import { closure, type FD } from '../theory.ts';
import { TableRows } from './data-rows.ts';

/** Above this many columns the pairwise check is skipped (wide tables are rarely sampled meaningfully). */
const MAX_COLUMNS = 64;

interface Example { idx: number[]; xv: Value | undefined; av: Value | undefined; /** rows that repeat an earlier row's pair: Σ (group size − 1) */ repeats: number }
interface Holds {
  det: number; dep: number; example: Example; origin: InsertRows; /** set for a determinant not named as a classifier or identifier */ plain?: 'high' | 'low';
  /** Rows with no determinant value that still hold a dependent value (see make). */
  orphans: number;
}

export function dataDependencies(t: TableContext, others: Inferred[]): { added: Inferred[]; confirms: Inferred[] } {
  const none = { added: [], confirms: [] };
  if (!t.options.dataInference) return none;
  const inserts = t.workspace.rows.get(t.table);
  if (!inserts || inserts.length === 0 || t.names.length > MAX_COLUMNS) return none;
  // Only classifier-named or identifier-like columns can be data determinants: find them before touching rows.
  const soleKeys = new Set(t.keys.filter((k) => k.columns.length === 1).map((k) => k.columns[0]));
  const dets = t.names.map((xn, x) => x).filter((x) => {
    const xn = t.names[x];
    const c = t.cols.get(xn)!;
    // a column that alone is a declared key is unique: it never shows redundancy
    if (c.generated || t.fkCols.has(xn) || soleKeys.has(xn)) return false;
    return isNamedDeterminant(c.name, c.type) || isPlainDeterminant(c.name, c.type);
  });
  if (dets.length === 0) return none;
  const deps = t.names.map((an, a) => a).filter((a) => {
    const an = t.names[a];
    const c = t.cols.get(an)!;
    if (c.generated || t.keyCols.has(an) || t.fkCols.has(an) || isIdLike(c.name)) return false;
    const aw = words(c.name);
    return !isRowAttribute(aw) && !aw.some((w) => FREE_TEXT.has(w));
  });
  if (deps.length === 0) return none;
  // What the rows show is remembered by their content (data-rows.ts): the functions below run on the rows only
  // for facts not seen before, and an edit elsewhere in the file re-uses the rest.
  const view = new TableRows(t, inserts);
  if (view.total < 3) return none;
  const gOf = (c: number) => view.groupsOf(c, groupBy);
  const distinct = (c: number) => view.column('distinct', c, () => gOf(c)?.size ?? 0);
  const holds: Holds[] = [];
  for (const x of dets) {
    const xn = t.names[x];
    const nx = distinct(x);
    // constant, or unique: no redundancy visible
    if (nx < 2 || nx === view.column('nonNull', x, () => countNonNull(view.rows, x))) continue;
    for (const a of deps) {
      if (a === x) continue;
      if (!placeOrderOk(words(t.display(xn)), words(t.display(t.names[a])))) continue;
      const example = view.pair('determines', x, a, () => determines(view.rows, gOf(x)!, x, a));
      if (example === null) continue;
      const na = distinct(a);
      if (na < 2) continue;
      const chance = view.pair('chance', x, a, () => coincidence(gOf(x)!, gOf(a)!));
      if (chance >= 0.6) continue;
      const c = t.cols.get(xn)!;
      let plain: Holds['plain'];
      if (!isNamedDeterminant(c.name, c.type)) {
        // Any other text column: only a pattern the rows repeat, unlikely by chance, counts (see plainStrength).
        const dc = t.cols.get(t.names[a])!;
        plain = isTextType(dc.type) && na >= 3 ? view.pair('plain', x, a, () => plainStrength(view.rows, gOf(x)!, x, chance)) : undefined;
        if (!plain) continue;
      }
      holds.push({ det: x, dep: a, example, origin: view.originOf(example.idx[0]), plain, orphans: view.pair('orphans', x, a, () => orphanRows(view.rows, x, a)) });
    }
  }
  // 1:1 pairs once: keep the direction whose determinant is named (classifier or identifier), then
  // identifier-like, else the earlier column.
  const kept = holds.filter((h) => {
    const back = holds.find((o) => o.det === h.dep && o.dep === h.det);
    if (!back) return true;
    if (!h.plain !== !back.plain) return !h.plain;
    const hId = isIdLike(t.display(t.names[h.det])), bId = isIdLike(t.display(t.names[back.det]));
    if (hId !== bId) return hId;
    return h.det < back.det;
  });
  const explained = new Set(others.filter((o) => o.evidence.source !== 'key').flatMap((o) => o.dependents));
  const confirms: Inferred[] = [];
  const fresh: Holds[] = [];
  for (const h of kept) {
    const det = t.names[h.det], dep = t.names[h.dep];
    const sameFd = others.some((o) => o.evidence.source !== 'key' && o.determinant.length === 1 && o.determinant[0] === det && o.dependents.includes(dep));
    if (sameFd) confirms.push(make(t, h));
    else if (!explained.has(dep)) fresh.push(h);
  }
  dropExplainedPlain(t, fresh, others);
  // One data FD per dependent: several columns agreeing with it (product_id, product_sku_id, sku_code →
  // product_brand) are one redundancy. Prefer a determinant the schema already knows, else the earlier column.
  const known = new Set(others.filter((o) => o.evidence.source !== 'key').flatMap((o) => o.determinant));
  const byDep = new Map<number, Holds>();
  for (const h of fresh) {
    const cur = byDep.get(h.dep);
    const better = (x: Holds) => (known.has(t.names[x.det]) ? 0 : 1) * 1000 + x.det;
    if (!cur || better(h) < better(cur)) byDep.set(h.dep, h);
  }
  fresh.splice(0, fresh.length, ...[...byDep.values()].sort((a, b) => a.det - b.det || a.dep - b.dep));
  // Drop data FDs implied by the others (X → Y → Z makes X → Z redundant).
  const all: FD[] = [...others.map((o) => ({ lhs: o.determinant, rhs: o.dependents })), ...fresh.map((h) => ({ lhs: [t.names[h.det]], rhs: [t.names[h.dep]] }))];
  const added = fresh.filter((h, i) => {
    const without = all.filter((_, j) => j !== others.length + i);
    return !closure([t.names[h.det]], without).has(t.names[h.dep]);
  }).map((h) => make(t, h));
  return { added, confirms };
}

/** Rows that must repeat a (determinant, dependent) pair for data evidence to be high. */
const MIN_REPEATS = 2;

function make(t: TableContext, h: Holds): Inferred {
  const det = t.display(t.names[h.det]), dep = t.display(t.names[h.dep]);
  // Rows with no determinant that still hold the dependent (suppliers with no region but a country) record
  // the dependent for its own sake: the rows show a correlation where the determinant is set, not that the
  // dependent is a fact of it, and no table keyed by the determinant could keep those values. Low: an info.
  const orphaned = h.orphans > 0 ? `${h.orphans} INSERT row${h.orphans > 1 ? 's' : ''} with no ${det} still ${h.orphans > 1 ? 'have' : 'has'} a ${dep}, so ${dep} is recorded for its own sake too (a table keyed by ${det} could not hold ${h.orphans > 1 ? 'those values' : 'that value'})` : undefined;
  return {
    // one repeated pair (Ontario → Canada twice) is medium: still the textbook 3NF case (shared case 43),
    // but weaker than a pattern the rows repeat
    confidence: orphaned ? 'low' : h.plain ?? (h.example.repeats >= MIN_REPEATS ? 'high' : 'medium'),
    ...(orphaned ? { weak: orphaned } : {}),
    determinant: [t.names[h.det]],
    dependents: [t.names[h.dep]],
    evidence: {
      source: 'data',
      detail: `INSERT rows ${h.example.idx.map((i) => i + 1).join(' and ')}: ${t.display(t.names[h.det])} ${fmt(h.example.xv)} → ${t.display(t.names[h.dep])} ${fmt(h.example.av)}`,
      file: h.origin.file, span: h.origin.span,
    },
  };
}

const fmt = (v: Value | undefined) => (typeof v === 'string' ? `'${v}'` : String(v));
const keyOf = (v: Value | undefined) => (typeof v === 'string' ? 's' + v : String(v));

/** Row indexes by value of column x (NULL and missing values left out); null when the column has no values. */
function groupBy(rows: (Value | undefined)[][], x: number): Map<string, number[]> | null {
  const m = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i][x];
    if (v === undefined || v === null) continue;
    const k = keyOf(v);
    const g = m.get(k);
    if (g) g.push(i); else m.set(k, [i]);
  }
  return m.size ? m : null;
}

/** Rows where column x is NULL and column a holds a value (a missing value, undefined, is not counted). */
function orphanRows(rows: (Value | undefined)[][], x: number, a: number): number {
  let n = 0;
  for (const r of rows) if (r[x] === null && r[a] !== null && r[a] !== undefined) n++;
  return n;
}

function countNonNull(rows: (Value | undefined)[][], x: number): number {
  let n = 0;
  for (const r of rows) if (r[x] !== undefined && r[x] !== null) n++;
  return n;
}

/** When every group of equal x values has one value of column a: an example of a repeated pair; else null. */
function determines(rows: (Value | undefined)[][], gx: Map<string, number[]>, x: number, a: number): Example | null {
  let example: Example | null = null;
  let repeated = false;
  for (const [, idx] of gx) {
    const first = rows[idx[0]][a];
    if (first === undefined) return null; // the column was not given in some INSERT: unknown
    for (let k = 1; k < idx.length; k++) if (rows[idx[k]][a] !== first) return null; // values are primitives
    if (idx.length > 1 && first !== undefined && first !== null) {
      repeated = true;
      if (example === null) example = { idx: idx.slice(0, 2), xv: rows[idx[0]][x], av: first, repeats: 0 };
      example.repeats += idx.length - 1;
    }
  }
  return repeated ? example : null;
}

/** Words of columns holding free text or contact details: neither determinants nor copies worth reporting from data. */
const FREE_TEXT = new Set([
  'name', 'title', 'description', 'desc', 'note', 'notes', 'comment', 'comments', 'text', 'body', 'content', 'html',
  'info', 'story', 'summary', 'keywords', 'keyword', 'phone', 'fax', 'mobile', 'email', 'mail', 'address', 'street',
  'url', 'uri', 'link', 'pic', 'pics', 'image', 'img', 'photo', 'picture', 'icon', 'logo', 'avatar', 'path', 'file',
  'letter', 'label', 'subtitle', 'sub', 'detail', 'details', 'attr', 'attrs', 'attribute', 'pwd', 'password',
]);

/** Determinants named as a classification: sample rows over these are meant to show what the class determines. */
const CLASSIFIERS = new Set([
  'rating', 'grade', 'level', 'rank', 'class', 'category', 'course', 'subject', 'department', 'dept', 'state',
  'region', 'province', 'county', 'city', 'country', 'zip', 'postal', 'postcode', 'brand', 'genre', 'tier', 'band',
  'plan', 'team', 'group', 'division', 'major', 'degree', 'type', 'kind', 'instructor', 'teacher', 'professor',
]);

/** A determinant named as a classification or an identifier: believed on a single repeated pair. */
function isNamedDeterminant(name: string, type: string): boolean {
  return (isClassifier(words(name)) || isIdLike(name)) && isCategoryColumn(name, type);
}

/**
 * Any other text column (not an enum, not a time, measure, flag, state or bookkeeping column by name) may
 * determine another column when the rows show it plainly (see plainStrength).
 */
function isPlainDeterminant(name: string, type: string): boolean {
  const w = words(name);
  return isTextType(type) && !/text|blob/i.test(type) && !isRowAttribute(w) && !w.some((x) => FREE_TEXT.has(x));
}

/** Rows below this never make a plain data FD strong: a handful of sample rows agree by chance. */
const PLAIN_MIN_ROWS = 20;
/** Distinct determinant values that must each repeat with their dependent value. */
const PLAIN_MIN_GROUPS = 3;
/** Longest average determinant value that is still a code or a category, not free text. */
const PLAIN_MAX_LENGTH = 40;

/**
 * How strong the rows are for a plain (unnamed) determinant, or undefined when they are too weak to say
 * anything: at least two distinct values must each repeat with their dependent value and the agreement
 * must be unlikely by chance (< 1%); strong (a warning) only on 20+ rows, 3+ such values, chance < 0.1%,
 * a determinant that repeats (at most half its values distinct) and is short text (a code or category);
 * otherwise low (free text, a handful of rows): an info, hidden by default.
 */
function plainStrength(rows: (Value | undefined)[][], gx: Map<string, number[]>, x: number, chance: number): 'high' | 'low' | undefined {
  let repeatedGroups = 0;
  for (const [, idx] of gx) if (idx.length > 1) repeatedGroups++;
  if (repeatedGroups < 2 || chance >= 0.01) return undefined;
  const n = countNonNull(rows, x);
  let len = 0;
  for (const [, idx] of gx) { const v = rows[idx[0]][x]; len += String(v).length * idx.length; }
  if (len / n > PLAIN_MAX_LENGTH) return undefined; // free text: agreement in sample rows says nothing
  const strong = rows.length >= PLAIN_MIN_ROWS && repeatedGroups >= PLAIN_MIN_GROUPS && chance < 0.001 && gx.size * 2 <= n;
  return strong ? 'high' : 'low';
}

/**
 * Plain data FDs the schema already explains are dropped: when the determinant or the dependent takes part
 * in another dependency (both are copies of one entity, or the pair is part of a known chain).
 */
function dropExplainedPlain(t: TableContext, fresh: Holds[], others: Inferred[]): void {
  const involved = new Set<string>();
  for (const o of others) if (o.evidence.source !== 'key') { o.determinant.forEach((c) => involved.add(c)); o.dependents.forEach((c) => involved.add(c)); }
  for (const h of fresh) if (!h.plain) { involved.add(t.names[h.det]); involved.add(t.names[h.dep]); }
  const keep = fresh.filter((h) => !h.plain || (!involved.has(t.names[h.det]) && !involved.has(t.names[h.dep])));
  fresh.splice(0, fresh.length, ...keep);
}

function isClassifier(w: string[]): boolean {
  return w.some((x) => CLASSIFIERS.has(x));
}

/** A determinant worth a data FD: a category-like value, not a time, a measure, a flag, free text or a contact detail. */
function isCategoryColumn(name: string, type: string): boolean {
  const w = words(name);
  if (w.some((x) => FREE_TEXT.has(x)) || (isRowAttribute(w) && !isClassifier(w) && !isIdLikeWords(w))) return false;
  return !/\[\]|^(bool|boolean|bit|date|time|timestamp|datetime|interval|json|jsonb|blob|bytea|binary|varbinary|real|float|double|decimal|numeric|money|xml)/i.test(type.trim());
}

/** Finer places determine coarser ones only. */
const PLACE_RANK: Record<string, number> = { zip: 0, postal: 0, postcode: 0, city: 1, town: 1, county: 2, region: 2, state: 2, province: 2, country: 3 };
function placeOrderOk(det: string[], dep: string[]): boolean {
  const r = (w: string[]) => { for (const x of w) if (x in PLACE_RANK) return PLACE_RANK[x]; return undefined; };
  const a = r(det), b = r(dep);
  return a === undefined || b === undefined || a < b;
}

/** The chance that the repeated groups of the determinant agree on the dependent by accident. */
function coincidence(gx: Map<string, number[]>, ga: Map<string, number[]>): number {
  let total = 0;
  for (const [, idx] of ga) total += idx.length;
  const p = [...ga.values()].map((idx) => idx.length / total);
  let chance = 1;
  for (const [, idx] of gx) {
    if (idx.length < 2) continue;
    let s = 0;
    for (const q of p) s += Math.pow(q, idx.length);
    chance *= s;
    if (chance < 1e-12) break;
  }
  return chance;
}
