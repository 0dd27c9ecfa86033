// Before / after diagrams for Normalize: the table as it is with the tables it references or is referenced
// by, and the tables the decomposition's DDL makes of it with the same neighbours (whose foreign keys now
// resolve to the new tables). The new tables are read and checked like any file, so their colour and
// badge say what normlint would still report on them.
import { analyzeWorkspace, type AnalysisResult } from '../analyze.ts';
import type { Table } from '../model.ts';
import type { Options } from '../options.ts';
import { readFile } from '../reader/index.ts';
import { buildWorkspace } from '../workspace.ts';
import { lc } from '../lc.ts';
import { buildDiagram, entityId, neighbourhood, restrict, type Diagram } from './model.ts';

export function normalizeDiagrams(result: AnalysisResult, table: Table, ddl: string, options: Options): { before: Diagram; after: Diagram } {
  const before = neighbourhood(buildDiagram(result.workspace, result.findings), entityId(table), 1);
  // the new DDL as a file that replaces the tables it creates (else it would be a second schema beside them)
  const file = `${table.file}#normalized`;
  const model = readFile(ddl, file, table.dialect);
  const replaced = new Set(model.tables.map((t) => lc(t.name)));
  const rest = result.workspace.files.map((f) => (f.tables.some((t) => replaced.has(lc(t.name))) ? { ...f, tables: f.tables.filter((t) => !replaced.has(lc(t.name))) } : f));
  const ws = buildWorkspace([...rest, model]);
  const fresh = ws.tables.filter((t) => t.file === file);
  const checked = analyzeWorkspace(ws, options, (f) => (f === file ? ddl : ''), fresh, { skipFileRules: true });
  const all = buildDiagram(ws, checked.findings);
  const neighbours = new Set(before.entities.filter((e) => e.id !== entityId(table)).map((e) => e.id));
  const keep = new Set(all.entities.filter((e) => e.file === file || (neighbours.has(e.id) && e.file !== file)).map((e) => e.id));
  return { before, after: restrict(all, keep) };
}
