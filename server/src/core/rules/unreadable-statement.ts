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
      for (const n of fm.notices ?? []) {
        out.push({
          rule: 'unreadable-statement', severity: 'info', message: `${n.message}.`, file: fm.file, table: '', columns: [],
          evidence: [{ source: 'parser', detail: n.message }], span: n.span, range: rangeOf(fm.lineStarts, n.span), related: [], fixes: [],
        });
      }
      // DDL the replay cannot apply (DO blocks with control flow, templated SQL): one info per file, at the
      // first such statement, naming all of them, so a folder never ends up with fewer tables in silence
      const notRead = (fm.events ?? []).filter((e) => e.kind === 'not-read');
      if (notRead.length) {
        const first = notRead[0].span;
        out.push({
          rule: 'unreadable-statement', severity: 'info',
          message: `${notRead.length} statement${notRead.length === 1 ? '' : 's'} of this file ${notRead.length === 1 ? 'was' : 'were'} not read, so the schema may lack what ${notRead.length === 1 ? 'it creates' : 'they create'}: ${notRead.slice(0, 3).map((e) => `line ${rangeOf(fm.lineStarts, e.span).start.line + 1}: ${e.reason}`).join('; ')}${notRead.length > 3 ? `; and ${notRead.length - 3} more` : ''}`,
          file: fm.file, table: '', columns: [], evidence: notRead.map((e) => ({ source: 'parser' as const, detail: e.reason, file: fm.file, span: e.span, range: rangeOf(fm.lineStarts, e.span) })),
          span: first, range: rangeOf(fm.lineStarts, first), related: [], fixes: [],
        });
      }
    }
    return out;
  },
};
