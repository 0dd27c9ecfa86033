// "Normalize table": 1NF steps (list columns, repeating groups) then 3NF by synthesis from a minimal
// cover, or BCNF by decomposition on request (warning for every dependency it no longer preserves).
import type { AnalysisResult } from '../analyze.ts';
import type { TextEdit } from '../findings.ts';
import type { Table } from '../model.ts';
import type { Options } from '../options.ts';
import { candidateKeys, closure, groupByLhs, minimalCover, projectFds, type FD } from '../fd/theory.ts';
import { needsFkIndex } from './ddl.ts';
import { rowsContradict, rowsLoseDependent } from './seed.ts';
import { addDependencyTable, addListColumn, addRepeatingGroup, takenNames, type GroupStep } from './extract.ts';
import { addReferenceDrop, referenceTarget } from './reference.ts';
import { planDependentViews } from './view-rewrite.ts';
import { innodbKeyBlocker } from './fk-compat.ts';
import { keptColumns, newPlan, planTables, realize, sameName, type Realized, type TableRole, type TablePlan } from './plan.ts';
import { lc } from '../lc.ts';
import { projectedDependencies } from './projected.ts';

/** Rounds of re-analysing the relations a decomposition creates (each adds only what the rows of a new table show). */
const FOLLOW_UP_ROUNDS = 3;

export interface NormalizeOutput {
  table: string; edits: TextEdit[]; ddl: string; migration: string; warnings: string[];
  /** The migration's way back, or why there is none (absent when nothing changes). */
  down?: Realized['down'];
  /** The new tables and what each holds (empty when nothing changes). */
  tables: { name: string; role: TableRole }[];
  /** The surrogate key added to a table that had none. */
  surrogate?: string;
  /** Columns the original table keeps. */
  kept: string[];
  /** Dependencies left unsplit, each with the reason (also among `warnings`); names as written. */
  declined: DeclinedSplit[];
}

export interface DeclinedSplit { determinant: string[]; dependents: string[]; reason: string }

interface Relation { attrs: string[]; key: string[] }

const ENTITY = /(tag|categor|course|skill|genre|label|keyword|topic|author|book|role|language|product|item|subject|interest|hobb|member|team|feature|class)/i;
const VALUE = /(phone|e?mail|url|link|number|address|date|value|note|comment|name)/i;

/** Values that name things (tags, courses) get a lookup table; phone numbers and the like a child table. */
export function looksLikeEntity(column: string): boolean {
  return ENTITY.test(column) && !VALUE.test(column);
}

/** The delimiter the sample values (rows, comment) use most; ',' when there is no evidence. */
export function guessDelimiter(samples: string[]): string {
  let best = ',', bestN = 0;
  for (const d of [',', ';', '|']) {
    const n = samples.reduce((s, v) => s + v.split(d).length - 1, 0);
    if (n > bestN) { best = d; bestN = n; }
  }
  return best;
}

function columnSamples(result: AnalysisResult, t: Table, column: string): string[] {
  const out: string[] = [];
  const comment = t.columns.find((c) => sameName(c.name, column))?.comment;
  if (comment) out.push(comment);
  const idx = t.columns.findIndex((c) => sameName(c.name, column));
  for (const ins of result.workspace.rows.get(t) ?? []) {
    const i = ins.columns ? ins.columns.findIndex((c) => sameName(c, column)) : idx;
    if (i < 0) continue;
    for (const r of ins.rows) if (typeof r[i] === 'string') out.push(r[i] as string);
  }
  return out;
}

/** Rebuilds slots from the grouped column names: metric1_name → stem metric, slot 1, attr name. */
export function groupFromColumns(columns: string[]): GroupStep | null {
  const parsed = columns.map((c) => /^(.*?[A-Za-z_])(\d+)(.*)$/.exec(c)).filter((m): m is RegExpExecArray => !!m);
  if (parsed.length !== columns.length || parsed.length === 0) return null;
  const stem = parsed[0][1];
  const slots = new Map<number, { attr: string; column: string }[]>();
  for (const m of parsed) {
    const n = Number(m[2]);
    if (!slots.has(n)) slots.set(n, []);
    slots.get(n)!.push({ attr: m[3].replace(/^_/, ''), column: m[0] });
  }
  return { stem: stem.replace(/_$/, ''), slots: [...slots.entries()].sort((a, b) => a[0] - b[0]).map(([ordinal, cols]) => ({ ordinal, columns: cols })) };
}

function findTable(result: AnalysisResult, file: string, name: string): Table {
  const want = lc(name);
  const t = result.workspace.tables.find((x) => x.file === file && (lc(x.name) === want || lc(`${x.schema ?? ''}.${x.name}`) === want))
    ?? result.workspace.tables.find((x) => lc(x.name) === want);
  if (!t) throw new Error(`unknown table ${name}${file ? ` in ${file}` : ''}`);
  return t;
}

const sub = (a: string[], b: string[]) => a.every((x) => b.includes(x));

function nullDeterminantLoss(result: AnalysisResult, t: Table): (lhs: string[], dep: string) => boolean {
  const inserts = result.workspace.rows.get(t) ?? [];
  return (lhs, dep) => rowsLoseDependent(t, inserts, lhs, dep);
}

/** 3NF synthesis: one relation per determinant group, plus a key relation, minus subsumed relations. */
function synthesize(attrs: string[], cover: FD[], keys: string[][]): Relation[] {
  let rels: Relation[] = groupByLhs(cover).map((fd) => ({ attrs: [...new Set([...fd.lhs, ...fd.rhs])], key: fd.lhs }));
  const covered = new Set(rels.flatMap((r) => r.attrs));
  // attributes in no FD belong with the key
  const loose = attrs.filter((a) => !covered.has(a));
  if (!rels.some((r) => keys.some((k) => sub(k, r.attrs)))) rels.push({ attrs: [...new Set([...keys[0], ...loose])], key: keys[0] });
  else if (loose.length) {
    const main = rels.find((r) => keys.some((k) => sub(k, r.attrs)))!;
    main.attrs.push(...loose.filter((a) => !main.attrs.includes(a)));
  }
  rels = rels.filter((r, i) => !rels.some((o, j) => j !== i && sub(r.attrs, o.attrs) && (o.attrs.length > r.attrs.length || j < i)));
  return rels.map((r) => ({ attrs: attrs.filter((a) => r.attrs.includes(a)), key: r.key }));
}

/** BCNF decomposition; returns the relations and the FDs of `cover` it does not preserve. */
function decomposeBcnf(attrs: string[], cover: FD[]): { rels: Relation[]; lost: FD[] } {
  const done: Relation[] = [];
  const todo: Relation[] = [{ attrs, key: [] }];
  let guard = 0;
  while (todo.length && guard++ < 100) {
    const r = todo.pop()!;
    const proj = r.attrs.length <= 12 ? projectFds(cover, r.attrs) : cover.filter((f) => sub(f.lhs, r.attrs) && sub(f.rhs, r.attrs));
    const bad = groupByLhs(proj).find((f) => { const c = closure(f.lhs, cover); return !r.attrs.every((a) => c.has(a)); });
    if (!bad) { done.push(r); continue; }
    const cl = closure(bad.lhs, cover);
    const r1 = r.attrs.filter((a) => cl.has(a));
    const r2 = r.attrs.filter((a) => !cl.has(a) || bad.lhs.includes(a));
    todo.push({ attrs: r2, key: r.key }, { attrs: r1, key: bad.lhs });
  }
  done.push(...todo);
  const lost = cover.filter((fd) => {
    let z = new Set(fd.lhs);
    for (let changed = true; changed;) {
      changed = false;
      for (const r of done) {
        const c = closure([...z].filter((a) => r.attrs.includes(a)), cover);
        for (const a of r.attrs) if (c.has(a) && !z.has(a)) { z.add(a); changed = true; }
      }
    }
    return !fd.rhs.every((a) => z.has(a));
  });
  return { rels: done.map((r) => ({ attrs: attrs.filter((a) => r.attrs.includes(a)), key: r.key })), lost };
}

/**
 * Normalizes one table. `text` is the file's current text (the edits refer to it).
 * Throws with a clear message for an unknown table.
 */
export function normalizeTable(result: AnalysisResult, file: string, table: string, to: '3nf' | 'bcnf', options: Pick<Options, 'migrations'> & Partial<Options>, text: string): NormalizeOutput {
  const T = findTable(result, file, table);
  const p: TablePlan = newPlan(T, text, result.workspace.rows.get(T) ?? [], result.workspace);
  const taken = takenNames(result.workspace.tables);
  const warnings = p.warnings;

  // 1NF: list columns and repeating groups, as the rules found them.
  for (const f of result.findings.filter((x) => x.table === T.name && x.file === T.file)) {
    if (f.rule === 'list-column') {
      // a list the rule could not offer a split for (items with no delimiter) stays as it is
      if (f.declinedFixes?.length) { warnings.push(`${f.columns.join(', ')} kept: ${f.declinedFixes[0].reason}`); continue; }
      for (const col of f.columns) {
        const entity = f.fixes.some((fx) => /lookup table/.test(fx.title)) || (!f.fixes.length && looksLikeEntity(col));
        addListColumn(p, { column: col, delimiter: guessDelimiter(columnSamples(result, T, col)), entity }, taken);
      }
    } else if (f.rule === 'repeating-group') {
      const g = groupFromColumns(f.columns);
      if (g) addRepeatingGroup(p, g, taken); else warnings.push(`could not read the repeating group ${f.columns.join(', ')}`);
    }
  }

  // Dependencies over the columns that stay (lower-cased for the theory functions).
  const moved = new Set(p.dropColumns.map(lc));
  const cols = T.columns.filter((c) => !c.generated && !moved.has(lc(c.name)));
  const attrs = cols.map((c) => lc(c.name));
  const nameOf = new Map(cols.map((c) => [lc(c.name), c.name]));
  const a = result.analysis(T);
  const fds: FD[] = [];
  const nullLoss = nullDeterminantLoss(result, T);
  const declinedSplits: DeclinedSplit[] = [];
  const decline = (determinant: string[], dependents: string[], reason: string) => {
    declinedSplits.push({ determinant, dependents, reason });
    warnings.push(`not splitting ${determinant.join(', ')} → ${dependents.join(', ')}: ${reason}.`);
  };
  const inserts = result.workspace.rows.get(T) ?? [];
  const judged = new Set<string>(), refused = new Set<string>();
  /**
   * The dependents of lhs a split can take. The others are declined once each, with the reason: the rows
   * contradict lhs → x (the new table would get two rows for one key), or rows with no lhs hold an x.
   */
  const splittable = (lhs: string[], rhs: string[]): string[] => {
    const det = lhs.map((x) => nameOf.get(x) ?? x);
    const lost: string[] = [];
    for (const x of rhs) {
      const k = `${lhs} ${x}`;
      if (judged.has(k)) continue;
      judged.add(k);
      const dep = nameOf.get(x) ?? x;
      const against = rowsContradict(T, inserts, det, dep);
      if (against) { refused.add(k); decline(det, [dep], `the INSERT rows contradict it (${against})`); } else if (nullLoss(lhs, x)) { refused.add(k); lost.push(dep); }
    }
    if (lost.length) decline(det, lost, `INSERT rows with no ${det.join(', ')} still have a ${lost.join(', ')}, which the split would lose`);
    return rhs.filter((x) => !refused.has(`${lhs} ${x}`));
  };
  for (const d of a.dependencies) {
    const lhs = d.determinant.map(lc), rhs = d.dependents.map(lc).filter((x) => attrs.includes(x));
    if (!sub(lhs, attrs) || !rhs.length) continue;
    const kept = splittable(lhs, rhs);
    if (kept.length) fds.push({ lhs, rhs: kept });
  }
  let keys = a.candidateKeys.map((k) => k.map(lc)).filter((k) => sub(k, attrs));
  if (T.primaryKey && sub(T.primaryKey.columns.map(lc), attrs)) keys.unshift(T.primaryKey.columns.map(lc));
  for (const k of keys) fds.push({ lhs: k, rhs: attrs });
  if (!keys.length) keys = candidateKeys(attrs, fds).keys;
  let cover: FD[] = [];
  let rels: Relation[] = [];
  let lostFds: FD[] = [];
  // Decompose, then analyse each relation as the re-lint will see the new table; split again on what that
  // finds (a few rounds: each one only adds dependencies).
  for (let round = 0; ; round++) {
    cover = minimalCover(fds);
    if (to === 'bcnf') ({ rels, lost: lostFds } = decomposeBcnf(attrs, cover));
    else rels = synthesize(attrs, cover, keys);
    if (round === FOLLOW_UP_ROUNDS || rels.length < 2) break;
    const extra: FD[] = [];
    for (const r of rels) {
      const key = r.key.length ? r.key : candidateKeys(r.attrs, cover).keys[0];
      for (const fd of projectedDependencies(result.workspace, T, r.attrs, key, options)) {
        const implied = closure(fd.lhs, [...cover, ...extra]);
        const rhs = fd.rhs.filter((x) => r.attrs.includes(x) && !fd.lhs.includes(x) && !implied.has(x));
        if (!rhs.length || !sub(fd.lhs, r.attrs)) continue;
        const kept = splittable(fd.lhs, rhs);
        if (kept.length) extra.push({ lhs: fd.lhs, rhs: kept });
      }
    }
    if (!extra.length) break;
    fds.push(...extra);
  }
  for (const fd of lostFds) warnings.push(`BCNF decomposition does not preserve ${fd.lhs.map((x) => nameOf.get(x)).join(', ')} → ${fd.rhs.map((x) => nameOf.get(x)).join(', ')}; enforce it with a trigger or keep 3NF.`);
  const superkey = (r: Relation) => { const c = closure(r.attrs, cover); return attrs.every((x) => c.has(x)); };
  const pk = T.primaryKey?.columns.map(lc);
  const main = rels.find((r) => pk && sub(pk, r.attrs)) ?? rels.find(superkey) ?? rels[0];
  const others = rels.filter((r) => r !== main);

  if (others.length) {
    // Referenced relations first, so foreign keys resolve when the tables are created and filled.
    const order: Relation[] = [];
    const visit = (r: Relation, seen: Set<Relation>) => {
      if (order.includes(r) || seen.has(r)) return;
      seen.add(r);
      for (const o of others) if (o !== r && o.key.length && sub(o.key, r.attrs) && !sub(r.key, o.key)) visit(o, seen);
      order.push(r);
    };
    for (const r of others) visit(r, new Set());
    const names = new Map<Relation, string>();
    const mainAttrs = new Set(main.attrs);
    const referenced = new Set<Relation>();
    for (const r of order) {
      const key = r.key.length ? r.key : candidateKeys(r.attrs, cover).keys[0];
      const det = key.map((x) => nameOf.get(x)!), deps = r.attrs.filter((x) => !key.includes(x)).map((x) => nameOf.get(x)!);
      r.key = key;
      // copies of a table that exists are dropped, not split into a second table of the same entity
      const ref = key.every((k) => mainAttrs.has(k)) ? referenceTarget(result.workspace, T, det, deps) : null;
      if (ref && 'conflict' in ref) {
        decline(det, deps, ref.conflict);
        for (const a of r.attrs) mainAttrs.add(a);
        referenced.add(r);
        continue;
      }
      if (ref) {
        addReferenceDrop(p, det, ref.target);
        names.set(r, ref.target.table.name);
        referenced.add(r);
        continue;
      }
      names.set(r, addDependencyTable(p, det, deps, taken));
    }
    // addDependencyTable wired every relation to the original table; keep only the links the original
    // still has columns for, and link relations to each other where one holds another's key.
    p.foreignKeys = p.foreignKeys.filter((fk) => fk.columns.every((c) => mainAttrs.has(lc(c))));
    p.indexes = p.indexes.filter((ix) => !sameName(ix.table, T.name) || ix.columns.every((c) => mainAttrs.has(lc(c))));
    for (const r of order) {
      if (referenced.has(r)) continue;
      const nt = p.newTables.find((t) => t.def.name === names.get(r))!;
      for (const o of order) {
        if (o === r || referenced.has(o) || !sub(o.key, r.attrs) || sub(o.key, r.key)) continue;
        const cols = o.key.map((x) => nameOf.get(x)!);
        nt.def.foreignKeys.push({ columns: cols, table: names.get(o)!, refColumns: cols });
        if (needsFkIndex(p.e, cols, [nt.def.primaryKey])) p.indexes.push({ table: nt.def.name, columns: cols });
      }
      if (!sub(r.key, main.attrs) && !order.some((o) => o !== r && sub(r.key, o.attrs))) {
        warnings.push(`${names.get(r)} is not referenced by a foreign key: no other relation holds its key ${r.key.map((x) => nameOf.get(x)).join(', ')}.`);
      }
    }
    p.dropColumns = [...new Set([...p.dropColumns.filter((c) => moved.has(lc(c))), ...cols.filter((c) => !mainAttrs.has(lc(c.name))).map((c) => c.name)])];
    for (const u of p.uniqueRewrites) {
      if (u.to && !u.to.every((c) => mainAttrs.has(lc(c)))) {
        warnings.push(`UNIQUE (${u.from.join(', ')}) of ${T.name} has no equivalent after the split; it is dropped.`);
        u.to = null;
      }
    }
    // The original's key after the split: its primary key when it survives, else a key of what stays.
    if (pk && !sub(pk, main.attrs)) {
      const k = keys.find((x) => sub(x, main.attrs)) ?? candidateKeys(main.attrs, cover).keys[0];
      p.primaryKey = k.map((x) => nameOf.get(x)!);
      if (p.newTables.some((t) => t.placement === 'after')) warnings.push(`the primary key of ${T.name} changes; check the child tables' foreign keys.`);
    } else if (pk) {
      p.primaryKey = undefined;
    }
  }
  if (!p.newTables.length && !p.references.length) {
    return { table: T.name, edits: [], ddl: '', migration: '', tables: [], kept: T.columns.map((c) => c.name), declined: declinedSplits, warnings: [...warnings, declinedSplits.length
      ? `${T.name} is not rewritten: every dependency that would split it is declined above.`
      : `${T.name} is already in ${to === 'bcnf' ? 'BCNF' : '3NF'} as far as the known dependencies go.`] };
  }
  const blocked = planDependentViews(p, result.workspace) ?? innodbKeyBlocker(p);
  if (blocked) {
    return { table: T.name, edits: [], ddl: '', migration: '', tables: [], kept: T.columns.map((c) => c.name), declined: declinedSplits, warnings: [...warnings, `${T.name} is not rewritten: ${blocked}.`] };
  }
  const r = realize(p, options);
  return {
    table: T.name, edits: r.edits, ddl: r.ddl, migration: r.migration, down: r.down, warnings,
    tables: planTables(p), surrogate: p.surrogate, kept: keptColumns(p), declined: declinedSplits,
  };
}
