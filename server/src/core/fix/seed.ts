// Seed rows: INSERT statements into the rewritten table in the same file are rewritten into the new
// shape (rows for the new tables, then the original's remaining columns), so the schema file still loads
// after the fix. Mirrors the SQL migration in JavaScript; values are copied as written in the file.
import type { InsertRows, Table, Value } from '../model.ts';
import { qt, K, q, qList } from './ddl.ts';
import { isMysqlFamily } from './ident.ts';
import type { NewTable, TablePlan } from './plan.ts';
import { lc } from '../lc.ts';
import { decode, NULL_VALUE, readValues, type RawValue } from './values.ts';

export function literal(v: Value, p: TablePlan): string {
  if (v === null || v === undefined) return K(p.e, 'NULL');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return p.e.dialect === 'sqlite' ? (v ? '1' : '0') : K(p.e, v ? 'TRUE' : 'FALSE');
  let s = v.replace(/'/g, "''");
  if (isMysqlFamily(p.e.dialect)) s = s.replace(/\\/g, '\\\\');
  return `'${s}'`;
}

const raw = (p: TablePlan, v: Value): RawValue => ({ raw: literal(v, p), value: v });
const isNull = (v: RawValue) => v.value === null;
/** Equality of values for keys: by value when it is a literal, else by its text. */
const keyOf = (vs: RawValue[]) => JSON.stringify(vs.map((v) => (v.value === undefined ? ['expr', v.raw] : v.value)));

function insert(p: TablePlan, table: string, cols: string[], rows: RawValue[][]): string {
  const nl = p.e.style.eol, ind = p.e.style.indent;
  return `${K(p.e, 'INSERT INTO')} ${qt(p.e, table)} (${qList(p.e, cols)}) ${K(p.e, 'VALUES')}${nl}` +
    rows.map((r) => `${ind}(${r.map((v) => v.raw).join(', ')})`).join(',' + nl);
}

/** The seed rows cannot be expressed in the new shape without losing values. */
export class SeedLoss extends Error {}

export interface SeedRewrite { span: { start: number; end: number }; text: string }

/** Replacement texts for the same-file INSERTs into the plan's table ([] when there are none). */
export function rewriteSeeds(p: TablePlan, inserts: InsertRows[]): SeedRewrite[] {
  const own = inserts.filter((i) => i.file === p.table.file).sort((a, b) => a.span.start - b.span.start);
  if (!own.length) return [];
  const other = inserts.filter((i) => i.file !== p.table.file);
  if (other.length) p.warnings.push(`INSERT statements into ${p.table.name} in ${other[0].file} still use the old columns; the migration converts the data, update those by hand.`);
  const dropped = new Set(p.dropColumns.map(lc));
  const seen = new Map<NewTable, Map<string, string>>();
  const conflicts = new Set<NewTable>();
  let surrogate = 0;
  const out: SeedRewrite[] = [];
  // a column an INSERT leaves out gets its DEFAULT in the engine: a literal one goes to the new tables too
  // ('news,misc' → two junction rows); an expression (nextval, now()) stays NULL as before
  const omitted = (c: string): RawValue => {
    const d = p.table.columns.find((x) => lc(x.name) === lc(c))?.default?.trim().replace(/::[\w\s]+(\(\d+\))?$/, '');
    const v = d === undefined ? undefined : decode(d, p.e.dialect);
    return v === undefined || v === null ? NULL_VALUE : { raw: d!, value: v };
  };
  for (const ins of own) {
    const tuples = readValues(p.text.slice(ins.span.start, ins.span.end), p.e.dialect);
    if (!tuples) throw new SeedLoss(`an INSERT into ${p.table.name} is not a plain INSERT … VALUES normlint can rewrite`);
    const names = (ins.columns ?? p.table.columns.filter((c) => !c.generated).map((c) => c.name)).map(lc);
    const keptCols = p.table.columns.filter((c) => !c.generated && !dropped.has(lc(c.name)) && names.includes(lc(c.name))).map((c) => c.name);
    const before = new Map<NewTable, RawValue[][]>(), after = new Map<NewTable, RawValue[][]>();
    const tRows: RawValue[][] = [];
    for (const row of tuples) {
      if (row.length !== names.length) throw new SeedLoss(`an INSERT row into ${p.table.name} has ${row.length} values for ${names.length} columns`);
      const get = (c: string): RawValue => { const i = names.indexOf(lc(c)); return i < 0 ? omitted(c) : row[i]; };
      const parent = new Map<string, RawValue>();
      const parentOf = (key: string[]) => key.map((k) => {
        if (!parent.has(k)) parent.set(k, k === p.surrogate ? raw(p, ++surrogate) : get(k));
        return parent.get(k)!;
      });
      if (p.surrogate) parentOf([p.surrogate]);
      for (const nt of p.newTables) {
        const add = (target: Map<NewTable, RawValue[][]>, r: RawValue[], key: RawValue[]) => {
          const s = seen.get(nt) ?? new Map<string, string>(); seen.set(nt, s);
          const k = keyOf(key), v = keyOf(r);
          if (s.has(k)) {
            if (s.get(k) !== v && !conflicts.has(nt)) {
              conflicts.add(nt);
              p.warnings.push(`the INSERT rows of ${p.table.name} contradict the dependency behind ${nt.def.name} (key ${k} has two different rows); the seed keeps the first, the migration will stop with a duplicate-key error.`);
            }
            return;
          }
          s.set(k, v);
          (target.get(nt) ?? target.set(nt, []).get(nt)!).push(r);
        };
        const role = nt.role;
        if (role.kind === 'dependency') {
          const key = role.key.map(get);
          if (key.some(isNull)) {
            const lost = nt.def.columns.filter((c) => !role.key.includes(c.name) && !isNull(get(c.name)));
            if (lost.length) throw new SeedLoss(`INSERT rows of ${p.table.name} have no ${role.key.join(', ')} but a ${lost.map((c) => c.name).join(', ')}: the split would lose it`);
            continue;
          }
          add(before, nt.def.columns.map((c) => get(c.name)), key);
        } else if (role.kind === 'lookup' || role.kind === 'list') {
          const v = get(role.column);
          if (v.value === undefined) throw new SeedLoss(`an INSERT into ${p.table.name} sets ${role.column} with an expression normlint cannot split`);
          const list = p.newTables.find((x) => x.role.kind === 'list' && x.role.column === role.column)!.role as { delimiter: string };
          const tokens = v.value === null ? [] : [...new Set(String(v.value).split(list.delimiter).map((s) => s.trim()).filter(Boolean))];
          for (const tok of tokens) {
            if (role.kind === 'lookup') add(after, [raw(p, tok)], [raw(p, tok)]);
            else { const pk = parentOf(role.parentKey); add(after, [...pk, raw(p, tok)], [...pk, raw(p, tok)]); }
          }
        } else if (role.kind === 'group') {
          const pk = parentOf(role.parentKey);
          for (const s of role.slots) {
            if (s.columns.every((c) => isNull(get(c.column)))) continue;
            const attrs = nt.def.columns.slice(role.parentKey.length + 1).map((c) => { const m = s.columns.find((x) => x.target === c.name); return m ? get(m.column) : NULL_VALUE; });
            add(after, [...pk, raw(p, s.ordinal), ...attrs], [...pk, raw(p, s.ordinal)]);
          }
        }
      }
      tRows.push(keptCols.map(get));
    }
    const parts: string[] = [];
    // referenced tables first (the plan's order), then the original's rows, then its children
    const emit = (m: Map<NewTable, RawValue[][]>) => { for (const nt of p.newTables) { const rows = m.get(nt); if (rows) parts.push(insert(p, nt.def.name, nt.def.columns.filter((c) => !c.surrogate && !c.generated).map((c) => c.name), rows)); } };
    emit(before);
    if (tRows.length) parts.push(insert(p, p.table.name, keptCols, tRows));
    emit(after);
    out.push({ span: ins.span, text: parts.join(';' + p.e.style.eol + p.e.style.eol) });
  }
  return out;
}

/** Whether the rows have a NULL in determinant `lhs` but a value in `dep` (names compared case-insensitively). */
export function rowsLoseDependent(t: Table, inserts: InsertRows[], lhs: string[], dep: string): boolean {
  const order = t.columns.map((c) => lc(c.name));
  return inserts.some((ins) => {
    const names = ins.columns ? ins.columns.map(lc) : order;
    const li = lhs.map((x) => names.indexOf(lc(x))), di = names.indexOf(lc(dep));
    if (di < 0 || li.some((i) => i < 0)) return false;
    return ins.rows.some((r) => r[di] !== null && li.some((i) => r[i] === null));
  });
}

/**
 * Where the rows contradict `lhs → dep`: one value of `lhs` with two different values of `dep` (NULL counts
 * as a value: the new table would need two rows for one key). Null when every repeated `lhs` agrees.
 * Text compares exactly, so values a case-insensitive collation would merge also count as different.
 */
export function rowsContradict(t: Table, inserts: InsertRows[], lhs: string[], dep: string): string | null {
  const order = t.columns.map((c) => lc(c.name));
  const seen = new Map<string, Value>();
  for (const ins of inserts) {
    const names = ins.columns ? ins.columns.map(lc) : order;
    const li = lhs.map((x) => names.indexOf(lc(x))), di = names.indexOf(lc(dep));
    if (di < 0 || li.some((i) => i < 0)) continue;
    for (const r of ins.rows) {
      if (li.some((i) => r[i] === null || r[i] === undefined)) continue;
      const k = JSON.stringify(li.map((i) => r[i]));
      if (!seen.has(k)) { seen.set(k, r[di]); continue; }
      const a = seen.get(k)!;
      if (a !== r[di]) return `${lhs.join(', ')} ${li.map((i) => show(r[i])).join(', ')} has ${dep} ${show(a)} and ${show(r[di])}`;
    }
  }
  return null;
}

const show = (v: Value | undefined) => (v === null || v === undefined ? 'NULL' : typeof v === 'string' ? `'${v.length > 40 ? v.slice(0, 40) + '…' : v}'` : String(v));
