// Naming: an identifier column (`dept_id`, `DeptID`, `zip_code`, `empNo`) or a bare entity column
// (`framework`, `sku`, `course`) determines the columns named after the same entity (`dept_name`,
// `DeptName`, `framework_creator`, `sku_weight_grams`), also abbreviated (`StuName` ← `StudentID`,
// `InstrName` ← `InstructorID`) or glued (`username` ← `user_id`).
//
// Precision matters more than recall here: real schemas are mostly normalized, so a name match is
// dropped when the referenced table (by foreign key or by name) exists and has no such attribute
// (then the column describes this row, like `model_versions.model_path`), when the attribute part
// describes the row or the relationship (`order_date`, `item_quantity`, `user_id_hash`), when the
// dependent is itself a key, foreign-key or identifier column, for `x_type` beside `x_id` (the
// polymorphic-association pattern, where the id alone does not determine the type), and for `x_type`
// beside a bare `x` (a name shared by things of several kinds).
import type { Table, WorkspaceModel } from '../../model.ts';
import type { Inferred, TableContext } from '../context.ts';
import { lc } from '../context.ts';
import { findTable } from '../../workspace.ts';
import { remerged } from '../../merge-record.ts';
import { ENTITY_ATTRIBUTES, ID_WORDS, isEntityWord, isIdLike, isRowAttribute, isTextType, sameWord, singular, words } from '../names.ts';

type Form = 'id' | 'name-in-key' | 'bare';
interface Determinant { name: string; stem: string[]; form: Form; /** stem words run together: `user` for username */ glued: string }
interface Match { det: Determinant; attr: string[]; how: 'exact' | 'abbreviated' | 'glued' | 'same' }

const GLUED_ATTRIBUTES = ['name', 'title'];

export function namingDependencies(t: TableContext): Inferred[] {
  const dets = determinants(t);
  if (dets.length === 0) return [];
  const byDet = new Map<string, { det: Determinant; deps: string[]; weak?: string; details: string[] }>();
  const own = tableWords(t.table.name);
  for (let i = 0; i < t.names.length; i++) {
    const a = t.names[i];
    const col = t.cols.get(a)!;
    if (col.generated || t.idLike[i] || t.keyCols.has(a) || t.fkCols.has(a)) continue;
    const aw = t.words[i];
    const m = bestMatch(a, aw, dets);
    if (!m) continue;
    // `area_attribute_type` in table area_attribute is that table's own attribute, not area's
    if (startsWithWords(aw, own)) continue;
    // a column named after another table (`artist_credit` beside `artist`) refers to that entity
    if (m.how !== 'same' && namesTable(t, aw)) continue;
    if (isRowAttribute(m.attr)) continue;
    // polymorphic x_type/x_id, and what names that type (x_type_name, x_kind_code): without a foreign key the
    // id alone does not fix the kind (ids of several kinds, or one id reused by things of another kind)
    if ((m.attr[0] === 'type' || m.attr[0] === 'kind') && m.det.form === 'id' && !fkOf(t, m.det.name)) continue;
    // x_type beside a bare column x (package, package_type): one name is reused by things of several kinds
    // (a package name in several ecosystems), so the name alone does not fix the kind
    if (m.attr.length === 1 && (m.attr[0] === 'type' || m.attr[0] === 'kind') && m.det.form === 'bare' && !fkOf(t, m.det.name)) continue;
    // x_type beside x_value in a row keyed by (owner, x_name) — a name–value pair, such as a project's
    // variables: the type is that of the row's own value (how x_value is to be read or stored), and each
    // owner names its own pairs, so one name need not have one type across owners
    if ((m.attr[0] === 'type' || m.attr[0] === 'kind') && m.det.form === 'name-in-key' && hasValueOf(t, m.det.stem)) continue;
    // a user name or login beside a password is the row's own credential (an account on a mail or other
    // server), not a copy of the referenced user's name
    if (isLogin(aw) && hasPassword(t)) continue;
    const refs = referencedTables(t, m.det);
    const ref = refs.find((r) => hasAttribute(r, a, m.attr));
    if (refs.length && !ref) continue;
    const entityAttr = m.how !== 'same' && (ENTITY_ATTRIBUTES.has(m.attr[m.attr.length - 1]) || ENTITY_ATTRIBUTES.has(m.attr[0]));
    // confirmed by the referenced table, or a clear entity attribute of an identifier
    const strong = (m.det.form !== 'bare' && entityAttr) || !!ref;
    // Without a clear entity attribute (name, title, manager…) a name match is only believed when the
    // referenced table confirms it has the attribute; bare determinants always need one.
    if (!entityAttr && !(ref && m.det.form !== 'bare')) continue;
    if (m.how === 'abbreviated' && !entityAttr) continue; // abbreviations only for clear entity attributes (StuName, InstrName)
    let g = byDet.get(m.det.name);
    if (!g) { g = { det: m.det, deps: [], details: [] }; byDet.set(m.det.name, g); }
    g.deps.push(a);
    g.details.push(`${t.display(m.det.name)} → ${t.display(a)}${m.how === 'abbreviated' ? ' (abbreviated)' : ''}${ref ? ` (${ref.name} has it)` : ''}`);
    if (!strong) {
      g.weak = m.det.form === 'bare'
        ? `only the column names suggest it: ${t.display(m.det.name)} is not declared as a key or a reference`
        : `only the column names suggest it`;
    }
  }
  return [...byDet.values()].map((g) => {
    const col = t.cols.get(g.det.name)!;
    const ownKey = ownNaturalKey(t, g.det, g.deps);
    return {
      determinant: [g.det.name],
      dependents: g.deps,
      evidence: { source: 'naming' as const, detail: g.details.join(', '), file: t.table.file, span: col.nameSpan },
      weak: ownKey ?? g.weak,
      confidence: ownKey || (g.det.form === 'bare' && !bareNamesEntity(t, g.det.name, g.deps)) ? 'low' as const : 'medium' as const,
    };
  });
}

/**
 * The row's own undeclared natural key, or undefined: a mandatory string identifier (`PartNum`) that no
 * foreign key or table identifies, beside a one-column surrogate primary key, whose entity names every
 * name column of the table (`PartName` in `fac_Supplies (SupplyID, PartNum, PartName, MinQty)`): a table
 * with no name of its own is a table of that entity, so the copy is of its own key. Then only a low hint.
 */
function ownNaturalKey(t: TableContext, det: Determinant, deps: string[]): string | undefined {
  if (det.form !== 'id' || t.keyCols.has(det.name) || fkOf(t, det.name)) return undefined;
  const col = t.cols.get(det.name)!;
  const pk = t.table.primaryKey?.columns ?? [];
  if (col.nullable || !isTextType(col.type) || pk.length !== 1 || lc(pk[0]) === det.name) return undefined;
  const names = t.names.filter((n, i) => n !== det.name && NAME_WORDS.has(t.words[i][t.words[i].length - 1]));
  if (names.length === 0 || !names.every((n) => deps.includes(n))) return undefined;
  if (referencedTables(t, det).length > 0) return undefined;
  return `${t.display(det.name)} may be this row's own key rather than another entity's (no table or foreign key is a ${det.stem.join('_')}, and ${t.table.name} has no name of its own; then declare it UNIQUE)`;
}

const NAME_WORDS = new Set(['name', 'title', 'label']);

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass']);
/** `username`, `user_name`, `login`, `login_name`: the name an account signs in with. */
const isLogin = (w: string[]) => w.includes('login') || w.join('') === 'username' || (w.includes('user') && w[w.length - 1] === 'name');
const hasPassword = (t: TableContext) => t.words.some((w) => w.some((x) => PASSWORD_WORDS.has(x)));
/** True when the table has the column `<stem>_value` (`var_value` for `var_name`): the row is a name–value pair. */
const hasValueOf = (t: TableContext, stem: string[]) => t.words.some((w) => w.length === stem.length + 1 && w[stem.length] === 'value' && stem.every((x, i) => x === w[i]));

/**
 * A bare column (`framework`) names an entity, so that its name is medium evidence, when it is a key or
 * foreign-key column, or a short string with at least two columns named as its entity attributes
 * (`framework_creator`, `framework_year`); one `x_attr` beside a bare `x` is only a low hint.
 */
function bareNamesEntity(t: TableContext, name: string, deps: string[]): boolean {
  if (t.keyCols.has(name) || t.fkCols.has(name)) return true;
  return isShortString(t.cols.get(name)!.type) && deps.length >= 2;
}

/** `varchar(50)`, `char(3)`: a string short enough to be a name or code, not free text. */
function isShortString(type: string): boolean {
  const m = /^(?:n?var)?char(?:acter)?(?: varying)?\s*\(\s*(\d+)/i.exec(type.trim());
  return !!m && Number(m[1]) <= 100;
}

/** Free text, documents and payloads: a bare column of this kind never determines `x_<attr>`. */
export function isPayload(type: string, comment: string | undefined): boolean {
  return /^(tiny|medium|long)text|^(json|jsonb|xml|blob|bytea|clob|longblob|mediumblob)\b/i.test(type.trim())
    || /\b(json|xml|serialized|encoded|payload|html|markdown)\b/i.test(comment ?? '');
}

const det = (name: string, stem: string[], form: Form): Determinant => ({ name, stem, form, glued: stem.join('') });

function determinants(t: TableContext): Determinant[] {
  const out: Determinant[] = [];
  // A column that alone is a declared key determines everything anyway: nothing to learn from its name.
  const soleKey = new Set<string>();
  const inCompositeKey = new Set<string>();
  for (const k of t.keys) {
    if (k.columns.length === 1) soleKey.add(k.columns[0]);
    else for (const c of k.columns) inCompositeKey.add(c);
  }
  const own = ownStems(t);
  for (let i = 0; i < t.names.length; i++) {
    const n = t.names[i];
    const col = t.cols.get(n)!;
    if (col.generated || soleKey.has(n)) continue;
    const w = t.words[i];
    const last = w[w.length - 1];
    // `TRIGGER_NAME` in QRTZ_TRIGGERS, `app_code` in a table of `app_*` columns: the row's own identity, not
    // another entity — unless another table is that entity (`brand_id` in sms_home_brand, with pms_brand)
    if (w.length >= 2 && own.has(w.slice(0, -1).join('_')) && referencedTables(t, det(n, w.slice(0, -1), ID_WORDS.has(last) ? 'id' : 'name-in-key')).length === 0) continue;
    // `products_id` in (products_id, language_id): the other attributes are per language, not the product's alone
    if (w.length >= 2 && perLanguageKeyPart(t, n)) continue;
    if (w.length >= 2 && ID_WORDS.has(last)) out.push(det(n, w.slice(0, -1), 'id'));
    else if (w.length >= 2 && last === 'name' && inCompositeKey.has(n)) out.push(det(n, w.slice(0, -1), 'name-in-key'));
    else if (w.length === 1 && singular(w[0]) === w[0] && isEntityWord(w) && isTextType(col.type) && !isPayload(col.type, col.comment)) out.push(det(n, w, 'bare'));
  }
  return out;
}

/**
 * Word stems that name the row itself: the table's name, also without a module prefix (`trigger` of
 * QRTZ_TRIGGERS, `connection` of guacamole_connection), and a prefix all columns but one share (`app`
 * of app_id, app_code, app_name, … in table `api`).
 */
function ownStems(t: TableContext): Set<string> {
  const out = new Set<string>();
  const tw = tableWords(t.table.name);
  const first = new Map<string, number>();
  for (const w of t.words) if (w.length >= 2) first.set(w[0], (first.get(w[0]) ?? 0) + 1);
  // leading words no column starts with are a module prefix (QRTZ_, guacamole_); `Student` of
  // StudentCourses is not (StudentID is a column): a junction table is not its parts' own row
  for (let i = 0; i < tw.length; i++) {
    out.add(tw.slice(i).join('_'));
    if (first.has(tw[i])) break;
  }
  // (three columns suffice when the table's name starts with the prefix: l_id, l_code, l_name in `lang`)
  const glued = tw.join('');
  for (const [p, n] of first) if (n >= t.names.length - 1 && (t.names.length >= 4 || (t.names.length === 3 && glued.startsWith(p)))) out.add(p);
  return out;
}

const LANGUAGE_WORDS = new Set(['language', 'languages', 'lang', 'langs', 'locale', 'locales', 'culture', 'i18n', 'translation']);

/** True when the column is part of a composite key whose other columns are all a language or locale. */
function perLanguageKeyPart(t: TableContext, n: string): boolean {
  return t.keys.some((k) => k.columns.length >= 2 && k.columns.includes(n)
    && k.columns.every((c) => c === n || words(t.display(c)).some((w) => LANGUAGE_WORDS.has(w))));
}

/** The determinant whose stem the column's name starts with: exact beats abbreviated, longer stems and identifiers win. */
function bestMatch(name: string, w: string[], dets: Determinant[]): Match | undefined {
  let matches: Match[] | undefined;
  const w0 = w[0];
  for (const det of dets) {
    if (det.name === name) continue;
    const s = det.stem;
    let m: Match | undefined;
    if (w.length > s.length) {
      if (s[0] === w0 && s.every((x, i) => x === w[i])) m = { det, attr: w.slice(s.length), how: 'exact' };
      else if (sameWord(s[0], w0) && s.every((x, i) => sameWord(x, w[i]))) m = { det, attr: w.slice(s.length), how: 'abbreviated' };
    } else if (det.form === 'id' && w.length === s.length && s.every((x, i) => x === w[i])) {
      // `team` beside `team_id`: the entity's name stored beside its identifier (the `<x>_id → <x>` shape);
      // believed only when the entity's table has that column (object/object_id, credential/credentialId are not)
      m = { det, attr: w, how: 'same' };
    } else if (w.length === 1 && w0.length > det.glued.length && w0.startsWith(det.glued)) {
      const rest = w0.slice(det.glued.length);
      if (GLUED_ATTRIBUTES.includes(rest)) m = { det, attr: [rest], how: 'glued' };
    }
    if (m) (matches ??= []).push(m);
  }
  if (!matches) return undefined;
  const rank = (m: Match) => (m.how === 'abbreviated' ? 0 : 1000) + m.det.stem.length * 10 + (m.det.form === 'bare' ? 0 : 1);
  matches.sort((a, b) => rank(b) - rank(a));
  // Two different determinants with the same rank (e.g. `co_name` beside `course_id` and `company_id`): ambiguous.
  if (matches.length > 1 && rank(matches[0]) === rank(matches[1]) && matches[0].how === 'abbreviated') return undefined;
  return matches[0];
}

function fkOf(t: TableContext, col: string) {
  return t.table.foreignKeys.find((f) => f.columns.length === 1 && lc(f.columns[0]) === col);
}

/**
 * The tables the determinant may identify, best first: its foreign key's target; else tables named after
 * its stem (`departments`), or prefixed (`pms_product`, `cms_subject_category`), those sharing more of
 * this table's name prefix first (cms_subject → cms_subject_category before cms_help_category).
 */
function referencedTables(t: TableContext, det: Determinant): Table[] {
  const fk = fkOf(t, det.name);
  if (fk) { const r = lookupRef(t, fk.references.schema, fk.references.table); return r ? [r] : []; }
  const cands = entityTables(t.workspace, det);
  if (cands.length === 0) return [];
  const mine = words(t.table.name);
  const scored: { r: Table; score: number }[] = [];
  for (const c of cands) {
    if (c.table === t.table) continue;
    // `pms_product` (a one-word module prefix) or `cms_subject_category` beside `cms_subject`
    let common = 0;
    while (common < c.words.length && common < mine.length && c.words[common] === mine[common]) common++;
    if (!c.exact && !c.modulePrefix && common === 0) continue;
    scored.push({ r: c.table, score: c.exact ? 1000 : common });
  }
  return scored.sort((a, b) => b.score - a.score).map((x) => x.r);
}

interface EntityTable { table: Table; words: string[]; exact: boolean; modulePrefix: boolean }
const entityTableCache = new WeakMap<WorkspaceModel, Map<string, EntityTable[]>>();

/**
 * Tables that may be the entity a determinant names, independent of the table asking (cached per
 * workspace): named after the stem, or ending with `_<stem>`; not tables that have the determinant
 * column themselves (those refer to the entity too); with a one-column primary key.
 */
function entityTables(ws: WorkspaceModel, det: Determinant): EntityTable[] {
  let cache = entityTableCache.get(ws);
  if (!cache) { cache = new Map(); entityTableCache.set(ws, cache); }
  const key = `${det.form}\u0000${det.name}\u0000${det.stem.join('_')}`;
  let out = cache.get(key);
  if (out) return out;
  out = [];
  const stem = det.stem;
  const names = new Set([stem.join('_'), stem.join(''), stem.join('_') + 's', stem.join('') + 's', stem.join('_') + 'es']);
  const index = tablesBySuffix(ws);
  const seen = new Set<Table>();
  for (const n of names) for (const r of index.get(n) ?? []) {
    if (seen.has(r)) continue;
    seen.add(r);
    const rn = lc(r.name);
    const rw = words(r.name);
    const exact = names.has(rn);
    const modulePrefix = [...names].some((x) => rn.endsWith('_' + x) && rw.length - words(x).length === 1);
    const pk = r.primaryKey?.columns ?? [];
    // a table that has the determinant column refers to the entity too, unless it is its primary key
    if (r.columns.some((c) => lc(c.name) === det.name) && !(pk.length === 1 && lc(pk[0]) === det.name)) continue;
    if (!(pk.length === 1 && (lc(pk[0]) === det.name || lc(pk[0]) === 'id' || det.form !== 'id'))) continue;
    out.push({ table: r, words: rw, exact, modulePrefix });
  }
  cache.set(key, out);
  return out;
}

const suffixIndex = new WeakMap<WorkspaceModel, Map<string, Table[]>>();

/** Tables by lower-cased name and by every `_`-suffix of it (`pms_product` under `pms_product` and `product`), built once per workspace. */
function tablesBySuffix(ws: WorkspaceModel): Map<string, Table[]> {
  let m = suffixIndex.get(ws);
  if (m) return m;
  // After an edit (remerge.ts): the names are as before, so the previous index with the rebuilt tables in place
  // of the ones they replace (taken over: the previous workspace builds its own again if asked).
  const from = remerged.get(ws);
  const prev = from && suffixIndex.get(from.previous);
  if (from && prev) {
    suffixIndex.delete(from.previous);
    for (const [was, now] of from.replaced) {
      for (const k of suffixKeys(lc(was.name))) {
        const l = prev.get(k);
        const i = l ? l.indexOf(was) : -1;
        if (i >= 0) l![i] = now;
      }
    }
    suffixIndex.set(ws, prev);
    return prev;
  }
  m = new Map();
  const names = new Set<string>();
  for (const r of ws.tables) {
    const rn = lc(r.name);
    // first declaration wins, as in workspace.lookup (copies of a schema do not multiply candidates)
    if (names.has(rn)) continue;
    names.add(rn);
    for (const k of suffixKeys(rn)) { const l = m.get(k); if (l) l.push(r); else m.set(k, [r]); }
  }
  suffixIndex.set(ws, m);
  return m;
}

/** A lower-case name and every `_`-suffix of it. */
function suffixKeys(rn: string): Set<string> {
  const keys = new Set([rn]);
  for (let i = rn.indexOf('_'); i >= 0; i = rn.indexOf('_', i + 1)) keys.add(rn.slice(i + 1));
  return keys;
}

const refCache = new WeakMap<WorkspaceModel, Map<string, Table | null>>();

/** The table a reference names (schema-qualified first), cached per workspace. */
export function lookupRef(t: TableContext, schema: string | undefined, table: string): Table | undefined {
  let m = refCache.get(t.workspace);
  if (!m) { m = new Map(); refCache.set(t.workspace, m); }
  const project = t.workspace.projectOf?.get(t.table) ?? '';
  const key = project + '\0' + (schema ? schema + '.' + table : table);
  let r = m.get(key);
  if (r === undefined) {
    r = findTable(t.workspace, t.table, schema, table) ?? null;
    m.set(key, r);
  }
  return r ?? undefined;
}

const tableWordCache = new Map<string, string[]>();
function tableWords(name: string): string[] {
  let tw = tableWordCache.get(name);
  if (!tw) {
    const w = words(name);
    tw = w.length ? [...w.slice(0, -1), singular(w[w.length - 1])] : w;
    if (tableWordCache.size > 20000) tableWordCache.clear();
    tableWordCache.set(name, tw);
  }
  return tw;
}

function startsWithWords(w: string[], p: string[]): boolean {
  return p.length > 0 && p.length <= w.length && p.every((x, i) => x === w[i] || (i === p.length - 1 && singular(w[i]) === x));
}

/** True when the words name a table of the workspace (`artist_credit`, `customer`). */
function namesTable(t: TableContext, w: string[]): boolean {
  const n = w.join('_');
  return [n, n + 's', n + 'es'].some((x) => { const r = findTable(t.workspace, t.table, undefined, x); return !!r && r !== t.table; });
}

/** True when the referenced table has the attribute the column is named after (`name` for `model_name`, or the same name). */
function hasAttribute(r: Table, column: string, attr: string[]): boolean {
  const rw = words(r.name);
  const own = singular(rw[rw.length - 1] ?? '');
  return r.columns.some((c) => {
    const w = words(c.name);
    if (lc(c.name) === column) return true;
    if (w.join('_') === attr.join('_')) return true;
    // `category_name` in categories for a `category_name`-style attribute written `cat_name`
    return w.length === attr.length + 1 && sameWord(w[0], own) && attr.every((x, i) => x === w[i + 1]);
  });
}
