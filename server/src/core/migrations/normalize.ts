// "Normalize table" in a migrations folder: the decomposition (fix/normalize.ts) becomes the folder's next
// migration (and its down file where the folder keeps them), never an edit of a migration that has run;
// in a templated folder the new file names the folder's placeholders. Outside a folder: as it is.
import type { AnalysisResult } from '../analyze.ts';
import { normalizeTable, type NormalizeOutput } from '../fix/normalize.ts';
import type { Options } from '../options.ts';
import { asNewMigration } from './new-migration.ts';
import type { MigrationPlan } from './plan.ts';
import { newFilesWriter } from './rendered.ts';
import { lc } from '../lc.ts';

/** `text`: the file as written; a templated file is read as the migrator renders it (the plan's text). */
export function normalizeInProject(result: AnalysisResult, plan: MigrationPlan, file: string, table: string, to: '3nf' | 'bcnf', options: Partial<Options>, text: string): NormalizeOutput {
  const folder = plan.folders.find((d) => d.order.includes(file));
  const read = plan.renderings.has(file) ? plan.sources.find((s) => s.file === file)?.text ?? text : text;
  // a finding sits on the migration that completed it (relocate.ts); Normalize looks for the table's
  // findings on the file that creates it, so the folder's findings on this table are put back there
  const T = folder ? result.workspace.tables.find((t) => t.file === file && (lc(t.name) === lc(table) || lc(`${t.schema ?? ''}.${t.name}`) === lc(table))) : undefined;
  const inFolder = new Set(folder?.order);
  const own = T ? { ...result, findings: result.findings.map((f) => (inFolder.has(f.file) && lc(f.table) === lc(T.name) && lc(f.schema ?? '') === lc(T.schema ?? '') ? { ...f, file: T.file } : f)) } : result;
  const out = normalizeTable(own, file, table, to, { ...options, migrations: folder ? 'inline' : options.migrations ?? 'inline' }, read);
  if (!folder || !out.migration) return out;
  const dialect = result.workspace.files.find((f) => f.file === file)?.dialect ?? 'postgresql';
  const fix = asNewMigration({ title: `Normalize ${out.table} to ${to === 'bcnf' ? 'BCNF' : '3NF'}`, kind: 'refactor', edits: out.edits, migration: out.migration, down: out.down }, folder, dialect);
  const back = newFilesWriter(plan);
  return { ...out, edits: (fix?.edits ?? []).map(back) };
}
