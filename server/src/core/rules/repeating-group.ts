// repeating-group (1NF): numbered column families (phone1..3, metric1_name/metric1_value…, q1_target..q4_target).
import type { Finding } from '../findings.ts';
import type { Rule } from '../rule.ts';
import { rangeOf } from '../positions.ts';
import { repeatingGroupsOf } from '../nf1/index.ts';
import { repeatingGroupFixes, splitDeclined } from '../fix/index.ts';

export const repeatingGroup: Rule = {
  meta: {
    id: 'repeating-group',
    description: 'Numbered columns repeat one attribute (phone1, phone2…): a repeating group, breaks 1NF.',
    defaultSeverity: 'warning',
    normalForm: '1NF',
    docs: 'repeating-group',
    fixable: true,
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const table of ctx.tables) {
      const fm = ctx.fileOf(table.file);
      for (const hit of repeatingGroupsOf(table, ctx.workspace)) {
        const cols = hit.columns.map((c) => table.columns.find((x) => x.name === c)!);
        const span = { start: Math.min(...cols.map((c) => c.span.start)), end: Math.max(...cols.map((c) => c.span.end)) };
        const n = hit.slots.length;
        out.push({
          rule: 'repeating-group', severity: hit.weak ? 'info' : 'warning',
          message: `Columns ${hit.columns.join(', ')} of ${table.name} repeat "${hit.stem}" ${n} times: a repeating group (1NF). A ${ordinal(n + 1)} value needs a schema change; store one row per value in a child table.${hit.weak ? ` A weaker hint: ${hit.weak}.` : ''}`,
          file: table.file, table: table.name, schema: table.schema, columns: hit.columns, normalForm: '1NF',
          evidence: hit.evidence, span, range: rangeOf(fm.lineStarts, span), related: [],
          ...(ctx.withFixes === false ? { fixes: [] } : splitDeclined(repeatingGroupFixes(ctx, table, { stem: hit.stem, slots: hit.slots }))),
        });
      }
    }
    return out;
  },
};

/** 3 → "3rd", 11 → "11th": the message counts the slot a schema change would have to add. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
