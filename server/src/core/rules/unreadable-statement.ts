// A CREATE TABLE the reader could not understand: its table is not checked, and the user must know.
import type { Finding } from '../findings.ts';
import type { Rule } from '../rule.ts';
import { rangeOf } from '../positions.ts';

export const unreadableStatement: Rule = {
  meta: {
    id: 'unreadable-statement',
    description: 'A CREATE TABLE statement normlint could not read; its table is not checked.',
    defaultSeverity: 'info',
    normalForm: null,
    docs: 'unreadable-statement',
    fixable: false,
    scope: 'files',
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const fm of ctx.workspace.files) {
      for (const u of fm.unreadable) {
        if (!u.tableName) continue;
        out.push({
          rule: 'unreadable-statement', severity: 'info',
          message: `normlint could not read CREATE TABLE ${u.tableName}: ${u.message}. This table is not checked.`,
          file: fm.file, table: u.tableName, columns: [], evidence: [{ source: 'parser', detail: u.message }],
          span: u.span, range: rangeOf(fm.lineStarts, u.span), related: [], fixes: [],
        });
      }
    }
    return out;
  },
};
