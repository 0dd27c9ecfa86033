// list-column (1NF): a scalar column holding delimited lists. Severity follows the evidence: values
// (comment example, "comma separated", DEFAULT, sample rows) → warning; a list name alone (tags, *_ids,
// *_list) → info; a plural name alone is too weak to report (`status`, `notes`, `courses` as a count).
// A list whose items have no delimiter (`'<19><78>'`) is reported with the rewrite declined.
import type { Finding } from '../findings.ts';
import type { Rule } from '../rule.ts';
import { rangeOf } from '../positions.ts';
import { listColumnsOf } from '../nf1/index.ts';
import { listColumnFixes, splitDeclined } from '../fix/index.ts';

export const listColumn: Rule = {
  meta: {
    id: 'list-column',
    description: 'A scalar column holds delimited lists (several values in one cell): not atomic, breaks 1NF.',
    defaultSeverity: 'warning',
    normalForm: '1NF',
    docs: 'list-column',
    fixable: true,
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const table of ctx.tables) {
      const fm = ctx.fileOf(table.file);
      for (const hit of listColumnsOf(table, ctx.workspace)) {
        if (hit.strength === 'weak') continue;
        const col = table.columns.find((c) => c.name === hit.column)!;
        const why = hit.evidence.filter((e) => e.source !== 'type').map((e) => e.detail).join('; ');
        out.push({
          rule: 'list-column',
          severity: hit.strength === 'value' ? 'warning' : 'info',
          message: `Column ${table.name}.${hit.column} holds delimited lists (${why}). A cell should hold one value (1NF): move the values to their own table.`,
          file: table.file, table: table.name, schema: table.schema, columns: [hit.column], normalForm: '1NF',
          evidence: hit.evidence, span: col.span, range: rangeOf(fm.lineStarts, col.span), related: [],
          ...(hit.unsplittable
            ? { fixes: [], declinedFixes: [{ title: `Cannot move ${hit.column} to its own table because ${hit.unsplittable}`, reason: hit.unsplittable }] }
            : ctx.withFixes === false ? { fixes: [] } : splitDeclined(listColumnFixes(ctx, table, { column: hit.column, delimiter: hit.delimiter, entity: hit.entity }))),
        });
      }
    }
    return out;
  },
};
