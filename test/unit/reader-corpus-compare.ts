// Compares a `schema --format json` document with the engines' view of a corpus file
// (../shared/corpus/expected/<dialect>/<name>.json). Shared by the corpus test and the figures script.
export interface ExpectedTable {
  columns: string[]; pk: string[]; uniques: string[][];
  fks: { columns: string[]; table: string; refColumns: string[] }[]; partition: boolean;
}
export interface Expected { tables: Record<string, ExpectedTable> }
export interface SchemaTable {
  name: string; columns: { name: string }[]; primaryKey: string[] | null;
  foreignKeys: { columns: string[]; references: { table: string; columns: string[] } }[];
}

export interface Tally { tables: number; found: number; columns: number; pk: number; fk: number; strictColumns: number; strictFk: number; problems: string[] }

const lc = (xs: string[]) => xs.map((x) => x.toLowerCase());
const fkKey = (cols: string[], table: string, ref: string[]) => `${lc(cols).join(',')}->${table.toLowerCase()}(${lc(ref).join(',')})`;

/**
 * The expected files key tables by lower-cased unqualified name, so same-named tables of different
 * schemas (test."Foo" and test.foo) appear there as one entry with the columns and foreign keys of all
 * of them concatenated in file order, and the first primary key. Ours are grouped the same way to compare.
 */
function mergeByName(tables: SchemaTable[]): Map<string, SchemaTable> {
  const byName = new Map<string, SchemaTable>();
  for (const t of tables) {
    const k = t.name.toLowerCase();
    const m = byName.get(k);
    if (!m) { byName.set(k, { ...t, columns: [...t.columns], foreignKeys: [...t.foreignKeys] }); continue; }
    m.columns.push(...t.columns);
    m.foreignKeys.push(...t.foreignKeys);
    if (!m.primaryKey?.length) m.primaryKey = t.primaryKey;
  }
  return byName;
}

/**
 * `declared` (optional): the same tables without ALTER TABLE ADD/DROP/RENAME COLUMN applied. The PostgreSQL
 * expected files come from PostgreSQL's parser statement by statement: they include ALTER … ADD CONSTRAINT
 * but not ALTER … ADD/DROP COLUMN, while the MariaDB/SQLite ones come from the engines, which apply them.
 * A table's columns / foreign keys count as right when they match either view; `strict` counts only the
 * merged (engine) view.
 */
export function compareSchema(expected: Expected, tables: SchemaTable[], label: string, declared?: SchemaTable[]): Tally {
  const byName = mergeByName(tables);
  const alt = declared ? mergeByName(declared) : undefined;
  // `REFERENCES t` without columns is [] in the expected files; we resolve it to t's primary key
  const pkOf = (table: string) => expected.tables[table.toLowerCase()]?.pk ?? [];
  const tally: Tally = { tables: 0, found: 0, columns: 0, pk: 0, fk: 0, strictColumns: 0, strictFk: 0, problems: [] };
  for (const [name, exp] of Object.entries(expected.tables)) {
    tally.tables++;
    const got = byName.get(name);
    if (!got) { tally.problems.push(`${label}: table ${name} not found`); continue; }
    tally.found++;
    const cols = lc(got.columns.map((c) => c.name));
    const altCols = lc(alt?.get(name)?.columns.map((c) => c.name) ?? []);
    const expCols = lc(exp.columns).join(',');
    if (cols.join(',') === expCols) tally.strictColumns++;
    if (cols.join(',') === expCols || (alt && altCols.join(',') === expCols)) tally.columns++;
    else tally.problems.push(`${label}: ${name} columns [${cols}] expected [${lc(exp.columns)}]`);
    const pk = lc(got.primaryKey ?? []);
    if (pk.join(',') === lc(exp.pk).join(',')) tally.pk++;
    else tally.problems.push(`${label}: ${name} pk [${pk}] expected [${lc(exp.pk)}]`);
    const fksOf = (t: SchemaTable | undefined) => (t?.foreignKeys ?? []).map((f) => fkKey(f.columns, f.references.table, f.references.columns)).sort().join(';');
    const gotFks = fksOf(got);
    const expFks = exp.fks.map((f) => fkKey(f.columns, f.table, f.refColumns.length ? f.refColumns : pkOf(f.table))).sort().join(';');
    if (gotFks === expFks) tally.strictFk++;
    if (gotFks === expFks || (alt && fksOf(alt.get(name)) === expFks)) tally.fk++;
    else tally.problems.push(`${label}: ${name} fks [${gotFks}] expected [${expFks}]`);
  }
  return tally;
}
