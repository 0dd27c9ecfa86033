// Findings where the user acts: on a table built over several migrations, a finding goes to the
// latest migration that added one of its columns (the ADD COLUMN that completed the problem); the
// CREATE TABLE and the other columns' migrations become related information. Foreign-key findings
// already sit on the statement that added the key (ForeignKey.file).
import type { AnalysisResult } from '../analyze.ts';
import type { Finding, RelatedInfo } from '../findings.ts';
import type { Column, Table } from '../model.ts';
import { rangeOf } from '../positions.ts';
import type { MigrationPlan } from './plan.ts';
import { lc } from '../lc.ts';

/** The file that added the column: `Column.file` (replay), else the table's. */
const fileOfColumn = (t: Table, c: Column) => c.file ?? t.file;

export function relocateFindings(result: Pick<AnalysisResult, 'workspace' | 'findings'>, plan: MigrationPlan): Finding[] {
  const rank = new Map(plan.sources.map((s, i) => [s.file, i]));
  const files = new Map(result.workspace.files.map((f) => [f.file, f]));
  // the finding's table: the one of that name created in the finding's file (two folders may share names)
  const created = new Map<string, Table[]>();
  for (const t of result.workspace.tables) {
    const k = `${t.file}\0${lc(t.name)}`;
    const l = created.get(k);
    if (l) l.push(t); else created.set(k, [t]);
  }
  return result.findings.map((f) => {
    if (f.rule === 'fk-missing-index' || f.columns.length === 0) return f;
    const named = created.get(`${f.file}\0${lc(f.table)}`) ?? [];
    const t = named.find((x) => lc(x.schema ?? '') === lc(f.schema ?? '')) ?? named[0];
    if (!t) return f;
    const names = new Set([...f.columns, ...(f.determinant ?? [])].map(lc));
    const cols = t.columns.filter((c) => names.has(lc(c.name)));
    let latest: Column | undefined;
    for (const c of cols) {
      if (!latest || (rank.get(fileOfColumn(t, c)) ?? -1) > (rank.get(fileOfColumn(t, latest)) ?? -1)) latest = c;
    }
    if (!latest || fileOfColumn(t, latest) === t.file) return f;
    const file = fileOfColumn(t, latest);
    const fm = files.get(file);
    if (!fm) return f;
    const related: RelatedInfo[] = [{ file: f.file, range: f.range, message: `${t.name} created here` }];
    for (const c of cols) {
      const cf = fileOfColumn(t, c);
      const cm = files.get(cf);
      if (c !== latest && cf !== t.file && cm) related.push({ file: cf, range: rangeOf(cm.lineStarts, c.nameSpan), message: `${c.name} added here` });
    }
    return { ...f, file, span: latest.span, range: rangeOf(fm.lineStarts, latest.span), related: [...related, ...f.related] };
  });
}
