// The down migration of a table rewrite, for migration folders that keep one (Diesel, golang-migrate with
// .down.sql files): put the moved columns back and fill them from the tables the up migration created,
// then drop those tables. Only where the way back is certain: PostgreSQL (DROP TABLE … CASCADE takes the
// foreign keys to the new tables along; MySQL and SQLite name or rebuild them differently), and a rewrite
// that keeps the table's keys (a changed primary key or a rebuilt UNIQUE has no name to drop it by).
// Returns the script, or the reason there is none.
import type { Column } from '../model.ts';
import { createIndex, foreignKeyClause, indexName, K, q, qt } from './ddl.ts';
import { columnOf, copyType, sameName, type TablePlan } from './plan.ts';
import { lc } from '../lc.ts';

export type Reverse = { down: string } | { none: string };

/** PostgreSQL's own name for an unnamed constraint: `<table>_<columns>_<suffix>` (when it fits in 63 bytes). */
const pgDefaultName = (table: string, columns: string[], suffix: string) => {
  const n = `${table}_${columns.join('_')}_${suffix}`;
  return Buffer.byteLength(n) <= 63 ? n : undefined;
};

export function reverseMigration(p: TablePlan): Reverse {
  const { e, table } = p;
  if (e.dialect !== 'postgresql') return { none: `a down migration is written for PostgreSQL only (${e.dialect} names or rebuilds the constraints differently)` };
  if (p.primaryKey) return { none: `the primary key of ${table.name} changes, and the way back would need the new key's name` };
  if (p.uniqueRewrites.length) return { none: `a UNIQUE key of ${table.name} is rebuilt or moved, and the way back would need its name` };
  const existing = new Set((p.viewsOnTable ?? []).map((v) => lc(v.name)));
  const T = qt(e, table.name);
  const nl = e.style.eol;
  const out: string[] = [`${K(e, 'BEGIN')};`];
  // views the up created go first (they read the new tables)
  for (const v of [...p.views].reverse()) {
    const m = /^\s*create\s+(?:or\s+replace\s+)?(materialized\s+)?view\s+((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)/i.exec(v);
    if (!m) return { none: 'a view the up migration creates cannot be read back' };
    if (existing.has(lc(m[2].replace(/"/g, '').split('.').pop()!))) return { none: `the up migration re-creates the view ${m[2]}; the way back would need its old text` };
    out.push(`${K(e, m[1] ? 'DROP MATERIALIZED VIEW' : 'DROP VIEW')} ${m[2]};`);
  }
  const dropped = p.dropColumns.map((d) => columnOf(table, d)).filter((c): c is Column => !!c);
  if (dropped.length !== p.dropColumns.length) return { none: 'a moved column is not in the table model' };
  // the columns come back nullable and are filled; NOT NULL and DEFAULT follow once they hold their values
  for (const c of dropped) out.push(`${K(e, 'ALTER TABLE')} ${T} ${K(e, 'ADD COLUMN')} ${q(e, c.name)} ${copyType(c)};`);
  const present = new Set(table.columns.map((c) => lc(c.name)).filter((c) => !p.dropColumns.some((d) => lc(d) === c)));
  if (p.surrogate) present.add(lc(p.surrogate));
  const on = (alias: string, cols: string[], parentCols = cols) => cols.map((k, i) => `${alias}.${q(e, k)} = ${T}.${q(e, parentCols[i])}`).join(` ${K(e, 'AND')} `);
  const fills: { needs: string[]; gives: string[]; sql: string[] }[] = [];
  for (const nt of p.newTables) {
    const N = qt(e, nt.def.name);
    const r = nt.role;
    if (r.kind === 'dependency') {
      const gives = nt.def.columns.map((c) => c.name).filter((c) => !r.key.some((k) => sameName(k, c)) && dropped.some((d) => sameName(d.name, c)));
      if (gives.length) fills.push({ needs: r.key, gives, sql: [`${K(e, 'UPDATE')} ${T} ${K(e, 'SET')} ${gives.map((c) => `${q(e, c)} = n.${q(e, c)}`).join(', ')} ${K(e, 'FROM')} ${N} n ${K(e, 'WHERE')} ${on('n', r.key)};`] });
    } else if (r.kind === 'list') {
      // the items come back joined in value order (the split kept no item order); a row with none gets NULL,
      // or '' where the column is NOT NULL
      const agg = `(${K(e, 'SELECT')} string_agg(j.${q(e, r.valueColumn)}::text, '${r.delimiter.replace(/'/g, "''")}' ${K(e, 'ORDER BY')} j.${q(e, r.valueColumn)}) ${K(e, 'FROM')} ${N} j ${K(e, 'WHERE')} ${on('j', r.parentKey)})`;
      const notNull = dropped.some((d) => sameName(d.name, r.column) && !d.nullable);
      fills.push({ needs: r.parentKey, gives: [r.column], sql: [`${K(e, 'UPDATE')} ${T} ${K(e, 'SET')} ${q(e, r.column)} = ${notNull ? `${K(e, 'COALESCE')}(${agg}, '')` : agg};`] });
    } else if (r.kind === 'group') {
      const sql = r.slots.map((s) => `${K(e, 'UPDATE')} ${T} ${K(e, 'SET')} ${s.columns.map((c) => `${q(e, c.column)} = g.${q(e, c.target)}`).join(', ')} ${K(e, 'FROM')} ${N} g ${K(e, 'WHERE')} ${on('g', r.parentKey)} ${K(e, 'AND')} g.${q(e, r.ordinalColumn)} = ${s.ordinal};`);
      fills.push({ needs: r.parentKey, gives: r.slots.flatMap((s) => s.columns.map((c) => c.column)), sql });
    }
  }
  for (const ref of p.references) {
    const R = qt(e, ref.target.table.name, ref.target.table.schema ?? e.schema);
    const gives = ref.target.copies.map((c) => c.column);
    fills.push({ needs: ref.det, gives, sql: [`${K(e, 'UPDATE')} ${T} ${K(e, 'SET')} ${ref.target.copies.map((c) => `${q(e, c.column)} = r.${q(e, c.target)}`).join(', ')} ${K(e, 'FROM')} ${R} r ${K(e, 'WHERE')} ${ref.target.refKey.map((k, i) => `r.${q(e, k)} = ${T}.${q(e, ref.det[i])}`).join(` ${K(e, 'AND')} `)};`] });
  }
  // a table keyed on a column another new table gives back is filled after that one (3NF chains)
  for (let left = fills; left.length;) {
    const ready = left.filter((f) => f.needs.every((k) => present.has(lc(k))));
    if (!ready.length) return { none: 'the moved columns cannot be joined back to the table in any order' };
    for (const f of ready) { out.push(...f.sql); for (const g of f.gives) present.add(lc(g)); }
    left = left.filter((f) => !ready.includes(f));
  }
  const missing = dropped.filter((c) => !present.has(lc(c.name)));
  if (missing.length) return { none: `no new table holds ${missing.map((c) => c.name).join(', ')} to fill it back` };
  for (const c of dropped) {
    if (c.default !== undefined) out.push(`${K(e, 'ALTER TABLE')} ${T} ${K(e, 'ALTER COLUMN')} ${q(e, c.name)} ${K(e, 'SET DEFAULT')} ${c.default};`);
    if (!c.nullable) out.push(`${K(e, 'ALTER TABLE')} ${T} ${K(e, 'ALTER COLUMN')} ${q(e, c.name)} ${K(e, 'SET NOT NULL')};`);
  }
  // foreign keys to an existing table (dropped copies) and indexes the up added on the table
  for (const fk of p.foreignKeys) {
    if (p.newTables.some((nt) => sameName(nt.def.name, fk.table))) continue; // goes with DROP TABLE … CASCADE
    const name = pgDefaultName(table.name, fk.columns, 'fkey');
    if (!name) return { none: `the foreign key ${table.name} (${fk.columns.join(', ')}) has no name short enough to drop it by` };
    out.push(`${K(e, 'ALTER TABLE')} ${T} ${K(e, 'DROP CONSTRAINT')} ${q(e, name)};`);
  }
  for (const ix of p.indexes) if (sameName(ix.table, table.name)) out.push(`${K(e, 'DROP INDEX')} ${qt(e, indexName(ix.table, ix.columns))};`);
  // views the up re-created over the new tables (view-rewrite.ts) read the table again, as written, before
  // those tables go (DROP … CASCADE would take them along); the columns and their types are the old ones
  for (const r of p.viewRewrites ?? []) {
    if (r.view.star) return { none: `view ${r.view.name} reads every column of ${table.name} (*), and the columns come back in another order` };
    const old = p.text.slice(r.view.span.start, r.end);
    if (r.dropFirst) out.push(`${K(e, 'DROP MATERIALIZED VIEW')} ${r.view.schema ? q(e, r.view.schema) + '.' : ''}${q(e, r.view.name)};`, old + ';');
    else out.push(old.replace(/^(\s*)create\s+(?:or\s+replace\s+)?/i, `$1${K(e, 'CREATE OR REPLACE')} `) + ';');
  }
  for (const nt of [...p.newTables].reverse()) out.push(`${K(e, 'DROP TABLE')} ${qt(e, nt.def.name)} ${K(e, 'CASCADE')};`);
  if (p.surrogate) out.push(`${K(e, 'ALTER TABLE')} ${T} ${K(e, 'DROP COLUMN')} ${q(e, p.surrogate)};`);
  // what PostgreSQL dropped with the columns: their foreign keys and indexes
  for (const fk of table.foreignKeys) {
    if (!fk.columns.some((c) => dropped.some((d) => sameName(d.name, c)))) continue;
    const clause = foreignKeyClause(e, { columns: fk.columns, table: fk.references.table, refColumns: fk.references.columns, schema: fk.references.schema });
    out.push(`${K(e, 'ALTER TABLE')} ${T} ${K(e, 'ADD')} ${fk.name ? `${K(e, 'CONSTRAINT')} ${q(e, fk.name)} ` : ''}${clause};`);
  }
  for (const ix of table.indexes) {
    if (!ix.columns.some((c) => dropped.some((d) => sameName(d.name, c)))) continue;
    if (ix.expressions.some(Boolean) || ix.include.length) return { none: `the index ${ix.name ?? ''} on a moved column has expressions the way back cannot rebuild` };
    let s = createIndex(e, table.name, ix.columns, ix.name ?? indexName(table.name, ix.columns));
    if (ix.unique) s = s.replace(/^(create)(\s+)/i, `$1${K(e, ' UNIQUE')}$2`);
    if (ix.partial && ix.predicate) s += ` ${K(e, 'WHERE')} ${ix.predicate}`;
    out.push(s + ';');
  }
  out.push(`${K(e, 'COMMIT')};`);
  return { down: `-- ${table.name}: the moved columns come back at the end of the table${nl}${out.join(nl)}${nl}` };
}

