// Plan steps: split a dependency, a list column or a repeating group off the original table.
import type { Table } from '../model.ts';
import { qt, K, q, qList, integerType, needsFkIndex, type ColumnDef, type ForeignKeyDef } from './ddl.ts';
import { entityStem, isSnake, joinName, plural, singular, uniqueName } from './ident.ts';
import { explode, insertSelect } from './split.ts';
import { columnOf, copyType, parentKeyExprs, sameName, type TablePlan } from './plan.ts';
import { innodbKeyOverLimit } from './fk-compat.ts';
import { lc } from '../lc.ts';

/** Lower-cased names of every table in the workspace (new names must not clash). */
const takenByTables = new WeakMap<Table[], Set<string>>();

/** The workspace's names (shared, built once) plus the names one fix adds: not a copy per fix (16,000 tables). */
class TakenNames extends Set<string> {
  constructor(private readonly base: ReadonlySet<string>) { super(); }
  override has(name: string): boolean { return super.has(name) || this.base.has(name); }
}

/** Table names in use, for one fix: its steps add the names they create (has/add only). */
export function takenNames(tables: Table[]): Set<string> {
  let taken = takenByTables.get(tables);
  if (!taken) { taken = new Set(tables.map((t) => lc(t.name))); takenByTables.set(tables, taken); }
  return new TakenNames(taken);
}

/** Keys the original table will have after the plan (for deciding whether a FK needs its own index). */
export function keysOf(p: TablePlan): string[][] {
  const keys: string[][] = [];
  const pk = p.primaryKey ?? p.table.primaryKey?.columns;
  if (pk) keys.push(pk);
  keys.push(...p.table.uniqueKeys.map((u) => u.columns));
  keys.push(...p.table.indexes.map((i) => i.columns));
  for (const ix of p.indexes) if (sameName(ix.table, p.table.name)) keys.push(ix.columns);
  return keys;
}

/**
 * The key children reference: the primary key, else the first UNIQUE, else a new surrogate column
 * (the table has no key; the migration numbers the existing rows, so no row is lost).
 */
export function parentKey(p: TablePlan): string[] {
  if (p.table.primaryKey?.columns.length) return p.table.primaryKey.columns;
  const u = p.table.uniqueKeys.find((k) => k.columns.length);
  if (u) return u.columns;
  if (!p.surrogate) {
    const names = new Set(p.table.columns.map((c) => lc(c.name)));
    let base = joinName(p.table.name, p.table.name, isSnake(p.table.name) ? 'id' : 'ID');
    while (names.has(lc(base))) base += '_key';
    p.surrogate = base;
    p.warnings.push(`${p.table.name} has no primary key: added surrogate key ${base} so the new table can reference its rows.`);
  }
  return [p.surrogate];
}

function parentColumns(p: TablePlan, key: string[]): ColumnDef[] {
  return key.map((k) => (k === p.surrogate ? { name: k, type: integerType(p.e), notNull: true } : { name: k, type: copyType(columnOf(p.table, k)), notNull: true }));
}

function fkToParent(p: TablePlan, key: string[]): ForeignKeyDef {
  return { columns: key, table: p.table.name, refColumns: key };
}

/** X → Y: a new table (X, Y) keyed by X; the original keeps X with a foreign key to it. */
export function addDependencyTable(p: TablePlan, det: string[], deps: string[], taken: Set<string>, name?: string): string {
  const T = p.table;
  const detCols = det.map((d) => columnOf(T, d)?.name ?? d);
  const depCols = deps.map((d) => columnOf(T, d)?.name ?? d).filter((d) => !detCols.some((x) => sameName(x, d)));
  const tname = name ?? uniqueName(plural(entityStem(detCols)), taken, T.name);
  const e = p.e;
  const columns: ColumnDef[] = [
    ...detCols.map((c) => ({ name: c, type: copyType(columnOf(T, c)), notNull: true })),
    ...depCols.map((c) => ({ name: c, type: copyType(columnOf(T, c)), notNull: columnOf(T, c)?.nullable === false })),
  ];
  // Foreign keys of the original whose columns all move go with them.
  const moved = T.foreignKeys.filter((fk) => fk.columns.every((c) => depCols.some((d) => sameName(d, c))));
  const all = [...detCols, ...depCols];
  // Rows whose determinant is NULL carry no key for the new table. If such a row still has a dependent
  // value, that value would be lost: those rows are selected too, and the NOT NULL key makes the INSERT
  // fail, so the migration stops before anything is dropped. Rows with nothing to keep are skipped.
  const keyed = detCols.map((c) => `${q(e, c)} ${K(e, 'IS NOT NULL')}`).join(` ${K(e, 'AND')} `);
  const notNull = [detCols.length > 1 ? `(${keyed})` : keyed, ...depCols.map((c) => `${q(e, c)} ${K(e, 'IS NOT NULL')}`)].join(` ${K(e, 'OR')} `);
  p.newTables.push({
    def: { name: tname, columns, primaryKey: detCols, foreignKeys: moved.map((fk) => ({ columns: fk.columns, table: fk.references.table, refColumns: fk.references.columns })) },
    populate: [`${K(e, 'INSERT INTO')} ${qt(e, tname)} (${qList(e, all)})${e.style.eol}${K(e, 'SELECT DISTINCT')} ${qList(e, all)} ${K(e, 'FROM')} ${qt(e, T.name)} ${K(e, 'WHERE')} ${notNull}`],
    placement: 'before',
    role: { kind: 'dependency', key: detCols },
  });
  for (const d of depCols) if (!p.dropColumns.some((x) => sameName(x, d))) p.dropColumns.push(d);
  // UNIQUE keys that lose a column: inside the new table they move there; else (K − Y) ∪ X stays a key
  const nt = p.newTables[p.newTables.length - 1];
  for (const uk of T.uniqueKeys) {
    if (!uk.columns.some((c) => depCols.some((d) => sameName(d, c)))) continue;
    if (p.uniqueRewrites.some((u) => u.from === uk.columns)) continue;
    if (uk.columns.every((c) => all.some((a) => sameName(a, c)))) {
      if (!(uk.columns.length === detCols.length && uk.columns.every((c) => detCols.some((x) => sameName(x, c))))) (nt.def.uniques ??= []).push(uk.columns);
      p.uniqueRewrites.push({ from: uk.columns, to: null, name: uk.name });
    } else {
      const to = uk.columns.filter((c) => !depCols.some((d) => sameName(d, c)));
      for (const x of detCols) if (!to.some((c) => sameName(c, x))) to.push(x);
      p.uniqueRewrites.push({ from: uk.columns, to, name: uk.name });
    }
  }
  p.foreignKeys.push({ columns: detCols, table: tname, refColumns: detCols });
  // A key that loses a dependent column is rebuilt as (K − Y) ∪ X, which is still a key since X → Y.
  const pk = p.primaryKey ?? T.primaryKey?.columns;
  if (pk && pk.some((c) => depCols.some((d) => sameName(d, c)))) {
    const next = [...pk.filter((c) => !depCols.some((d) => sameName(d, c)))];
    for (const x of detCols) if (!next.some((c) => sameName(c, x))) next.push(x);
    p.primaryKey = next;
  }
  if (needsFkIndex(e, detCols, keysOf(p))) p.indexes.push({ table: T.name, columns: detCols });
  return tname;
}

export interface ListStep { column: string; delimiter: string; entity: boolean }

/** A list column → child table (parent key, value), or lookup table + junction table for entities. */
export function addListColumn(p: TablePlan, info: ListStep, taken: Set<string>): void {
  const T = p.table;
  const e = p.e;
  const col = columnOf(T, info.column)?.name ?? info.column;
  const key = parentKey(p);
  const keyCols = parentColumns(p, key);
  const valueType = copyType(columnOf(T, col)) || (e.dialect === 'sqlite' ? 'TEXT' : K(e, 'VARCHAR(255)'));
  const singularCol = singular(col);
  const stem = entityStem([col]);
  const valueName = sameName(singularCol, col) ? (info.entity ? col : joinName(col, col, 'value')) : singularCol;
  const x = explode(e, T.name, parentKeyExprs(p, key), col, info.delimiter);
  const keyAs = x.keyAliases.map((a) => `parts.${a}`).join(', ');
  // InnoDB keys are at most 3,072 bytes: a value too long to be a key (varchar(1000) utf8mb4 is 4,000) gets a
  // child table with a surrogate key and a UNIQUE index over (parent key, SHA-256 of the value) instead
  const over = innodbKeyOverLimit(p, [...keyCols.map((c) => c.type), valueType]);
  if (over) {
    addHashedChild(p, { col, valueName, valueType, key, keyCols, x, keyAs, bytes: over, entity: info.entity, delimiter: info.delimiter }, taken);
  } else if (info.entity) {
    const lookup = uniqueName(plural(singular(stem)), taken, T.name);
    const junction = uniqueName(joinName(T.name, T.name, lookup), taken);
    p.newTables.push({
      def: { name: lookup, columns: [{ name: valueName, type: valueType, notNull: true }], primaryKey: [valueName], foreignKeys: [] },
      populate: [insertSelect(e, lookup, [valueName], x.with, `${K(e, 'SELECT DISTINCT')} parts.nl_token ${K(e, 'FROM')} ${x.from}`)],
      placement: 'after',
      role: { kind: 'lookup', column: col, valueColumn: valueName },
    });
    p.newTables.push({
      def: {
        name: junction, columns: [...keyCols, { name: valueName, type: valueType, notNull: true }], primaryKey: [...key, valueName],
        foreignKeys: [fkToParent(p, key), { columns: [valueName], table: lookup, refColumns: [valueName] }],
      },
      populate: [insertSelect(e, junction, [...key, valueName], x.with, `${K(e, 'SELECT DISTINCT')} ${keyAs}, parts.nl_token ${K(e, 'FROM')} ${x.from}`)],
      placement: 'after',
      role: { kind: 'list', column: col, valueColumn: valueName, delimiter: info.delimiter, parentKey: key },
    });
    if (needsFkIndex(e, [valueName], [[...key, valueName]])) p.indexes.push({ table: junction, columns: [valueName] });
  } else {
    const child = uniqueName(joinName(T.name, T.name, col), taken);
    p.newTables.push({
      def: { name: child, columns: [...keyCols, { name: valueName, type: valueType, notNull: true }], primaryKey: [...key, valueName], foreignKeys: [fkToParent(p, key)] },
      populate: [insertSelect(e, child, [...key, valueName], x.with, `${K(e, 'SELECT DISTINCT')} ${keyAs}, parts.nl_token ${K(e, 'FROM')} ${x.from}`)],
      placement: 'after',
      role: { kind: 'list', column: col, valueColumn: valueName, delimiter: info.delimiter, parentKey: key },
    });
  }
  if (!p.dropColumns.some((d) => sameName(d, col))) p.dropColumns.push(col);
  // a DEFAULT list gave new rows values; rows of the new table cannot have a default
  const def = columnOf(T, col)?.default;
  if (def && def.includes(info.delimiter)) p.warnings.push(`the DEFAULT ${def} of ${T.name}.${col} is a list; rows of ${p.newTables.at(-1)!.def.name} cannot have a default, so new ${T.name} rows get those values only if the application (or a trigger) inserts them.`);
}

/**
 * A list's values too long for an InnoDB key: child table (surrogate id, parent key, value, value_hash) with
 * UNIQUE (parent key, value_hash); value_hash is a stored generated column UNHEX(SHA2(value, 256)), so two
 * values are one only when their bytes are (the migration groups on the hash, not on the collation).
 */
function addHashedChild(p: TablePlan, a: { col: string; valueName: string; valueType: string; key: string[]; keyCols: ColumnDef[]; x: ReturnType<typeof explode>; keyAs: string; bytes: number; entity: boolean; delimiter: string }, taken: Set<string>): void {
  const T = p.table, e = p.e;
  const child = uniqueName(joinName(T.name, T.name, a.col), taken);
  const names = new Set([...a.key, a.valueName].map(lc));
  const fresh = (base: string) => { let n = base; while (names.has(lc(n))) n += '_key'; names.add(lc(n)); return n; };
  const id = fresh(joinName(child, child, 'id')), hash = fresh(joinName(a.valueName, a.valueName, 'hash'));
  const hashOf = (v: string) => `UNHEX(SHA2(${v}, 256))`;
  p.newTables.push({
    def: {
      name: child,
      columns: [{ name: id, type: '', surrogate: true }, ...a.keyCols, { name: a.valueName, type: a.valueType, notNull: true },
        { name: hash, type: `${K(e, 'BINARY(32) GENERATED ALWAYS AS')} (${hashOf(q(e, a.valueName))}) ${K(e, 'STORED')}`, generated: true }],
      primaryKey: [id], uniques: [[...a.key, hash]], foreignKeys: [fkToParent(p, a.key)],
    },
    populate: [insertSelect(e, child, [...a.key, a.valueName], a.x.with, `${K(e, 'SELECT')} ${a.keyAs}, ${K(e, 'MIN')}(parts.nl_token) ${K(e, 'FROM')} ${a.x.from} ${K(e, 'GROUP BY')} ${a.keyAs}, ${hashOf('parts.nl_token')}`)],
    placement: 'after',
    role: { kind: 'list', column: a.col, valueColumn: a.valueName, delimiter: a.delimiter, parentKey: a.key, ownKey: id },
  });
  p.warnings.push(`a key over ${T.name}.${a.col} values takes up to ${a.bytes.toLocaleString('en')} bytes, over InnoDB's 3,072-byte limit: ${child} has a surrogate key ${id} and a UNIQUE index over (${[...a.key, hash].join(', ')}), ${hash} being the SHA-256 of the value${a.entity ? ', and there is no lookup table (its key would be the value)' : ''}.`);
}

export interface GroupStep { stem: string; slots: { ordinal: number; columns: { attr: string; column: string }[] }[] }

/** phone1..3 / metricN_name, metricN_value → child table (parent key, ordinal, attributes). */
export function addRepeatingGroup(p: TablePlan, g: GroupStep, taken: Set<string>): void {
  const T = p.table;
  const e = p.e;
  const key = parentKey(p);
  const stem = g.stem.replace(/[_\s]+$/, '');
  const child = uniqueName(joinName(T.name, T.name, plural(stem)), taken);
  // Plain 'slot': '<stem>_no' reads as an identifier determining '<stem>_name', and '<stem>_slot' as an
  // attribute of a bare '<stem>' value column (naming heuristics), both false dependencies.
  let ordinal = isSnake(stem) && isSnake(T.name) ? 'slot' : 'Slot';
  while (key.some((k) => sameName(k, ordinal))) ordinal += '_no';
  const attrs = [...new Set(g.slots.flatMap((s) => s.columns.map((c) => c.attr)))];
  const attrCol = (a: string) => (a ? joinName(stem, stem, a.replace(/^_/, '')) : stem);
  const typeOf = (a: string) => copyType(columnOf(T, g.slots.find((s) => s.columns.some((c) => c.attr === a))!.columns.find((c) => c.attr === a)!.column));
  p.newTables.push({
    def: {
      name: child,
      columns: [...parentColumns(p, key), { name: ordinal, type: integerType(e), notNull: true }, ...attrs.map((a) => ({ name: attrCol(a), type: typeOf(a) }))],
      primaryKey: [...key, ordinal],
      foreignKeys: [fkToParent(p, key)],
    },
    populate: [
      `${K(e, 'INSERT INTO')} ${qt(e, child)} (${qList(e, [...key, ordinal, ...attrs.map(attrCol)])})${e.style.eol}` +
      g.slots.map((s) => {
        const vals = attrs.map((a) => { const c = s.columns.find((x) => x.attr === a); return c ? `t.${q(e, c.column)}` : K(e, 'NULL'); });
        const present = s.columns.map((c) => `t.${q(e, c.column)} ${K(e, 'IS NOT NULL')}`).join(` ${K(e, 'OR')} `);
        return `${K(e, 'SELECT')} ${parentKeyExprs(p, key).join(', ')}, ${s.ordinal}, ${vals.join(', ')} ${K(e, 'FROM')} ${qt(e, T.name)} ${K(e, 'AS')} t ${K(e, 'WHERE')} ${present}`;
      }).join(`${e.style.eol}${K(e, 'UNION ALL')}${e.style.eol}`),
    ],
    placement: 'after',
    role: { kind: 'group', parentKey: key, ordinalColumn: ordinal, slots: g.slots.map((s) => ({ ordinal: s.ordinal, columns: s.columns.map((c) => ({ column: c.column, target: attrCol(c.attr) })) })) },
  });
  for (const s of g.slots) for (const c of s.columns) if (!p.dropColumns.some((d) => sameName(d, c.column))) p.dropColumns.push(c.column);
}
