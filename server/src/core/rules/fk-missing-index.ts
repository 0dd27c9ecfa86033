// fk-missing-index: a foreign key whose columns do not lead any PK, UNIQUE or index (declared anywhere in
// the workspace). Deleting or updating a referenced row then scans the whole referencing table, and joins
// along the key cannot use an index. Never on MySQL/MariaDB: InnoDB creates an index for every foreign key.
import type { Finding } from '../findings.ts';
import type { Rule } from '../rule.ts';
import { rangeOf } from '../positions.ts';
import { foreignKeyCoverage } from '../nf1/fk-coverage.ts';
import { createIndexFix } from '../fix/create-index.ts';

export const fkMissingIndex: Rule = {
  meta: {
    id: 'fk-missing-index',
    description: 'A foreign key has no index on its columns (not the leading columns of a PK, UNIQUE or index).',
    defaultSeverity: 'warning',
    normalForm: null,
    docs: 'fk-missing-index',
    fixable: true,
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const table of ctx.tables) {
      if (table.dialect === 'mysql' || table.dialect === 'mariadb') continue;
      for (const cov of foreignKeyCoverage(table, ctx.workspace)) {
        if (cov.covered) continue;
        const { fk } = cov;
        const file = fk.file ?? table.file;
        const fm = ctx.fileOf(file);
        const refCols = fk.references.columns.length ? `(${fk.references.columns.join(', ')})` : '';
        const ref = `${fk.references.schema ? fk.references.schema + '.' : ''}${fk.references.table}${refCols}`;
        out.push({
          rule: 'fk-missing-index', severity: 'warning',
          // An index that holds the columns after others (tenant_id, device_id) cannot be searched by them
          // alone; naming it tells the reader why it does not count.
          message: `Foreign key ${table.name}(${fk.columns.join(', ')}) → ${ref} has ${cov.behind ? `no index that starts with its columns (${cov.behind} has them only after other columns)` : 'no index'}: deletes and updates on ${fk.references.table} scan ${table.name}, and joins cannot use an index.`,
          file, table: table.name, schema: table.schema, columns: fk.columns,
          evidence: [
            { source: 'foreign-key', detail: `FOREIGN KEY (${fk.columns.join(', ')}) REFERENCES ${ref}`, file, span: fk.span },
            { source: 'index', detail: cov.considered.length ? `no key or index starts with (${fk.columns.join(', ')}); considered: ${cov.considered.join('; ')}` : `${table.name} has no key or index` },
          ],
          span: fk.span, range: rangeOf(fm.lineStarts, fk.span), related: [],
          fixes: ctx.withFixes === false ? [] : [createIndexFix(ctx, table, fk)],
        });
      }
    }
    return out;
  },
};
