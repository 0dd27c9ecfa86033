// Declared keys: PRIMARY KEY, UNIQUE, unique indexes and `-- @key` determine every other column.
import type { Inferred, TableContext } from '../context.ts';

export function keyDependencies(t: TableContext): Inferred[] {
  return t.keys.map((k) => ({
    determinant: k.columns,
    dependents: t.names.filter((n) => !k.columns.includes(n)),
    evidence: { source: 'key' as const, detail: k.detail, file: k.file, span: k.span },
  })).filter((d) => d.dependents.length > 0);
}
