// `-- @fd a, b -> c, d` (or →) written in or above the CREATE TABLE: a dependency the author declares.
import type { Inferred, TableContext } from '../context.ts';
import { lc } from '../context.ts';

export function annotationDependencies(t: TableContext): Inferred[] {
  const out: Inferred[] = [];
  for (const a of t.table.annotations) {
    if (a.kind !== 'fd') continue;
    // Names that are not columns of this table cannot take part; the reader reports malformed annotations.
    const determinant = a.determinant.map(lc).filter((c) => t.cols.has(c));
    const dependents = a.dependents.map(lc).filter((c) => t.cols.has(c) && !determinant.includes(c));
    if (determinant.length !== a.determinant.length || dependents.length === 0) continue;
    out.push({ determinant, dependents, evidence: { source: 'annotation', detail: a.text.trim(), file: t.table.file, span: a.span } });
  }
  return out;
}

/** `@fd` / `@key` annotations that name columns the table does not have: said, not silently dropped. */
export function annotationProblems(t: TableContext): string[] {
  const out: string[] = [];
  for (const a of t.table.annotations) {
    const missing = [...a.determinant, ...a.dependents].filter((c) => !t.cols.has(lc(c)));
    if (missing.length) out.push(`${a.text.trim()}: ${missing.join(', ')} ${missing.length > 1 ? 'are not columns' : 'is not a column'} of ${t.table.name}; the annotation is ignored${a.kind === 'fd' && a.determinant.every((c) => t.cols.has(lc(c))) ? ' for those columns' : ''}`);
  }
  return out;
}
