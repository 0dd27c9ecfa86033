// The core entry for a project that may hold migration folders (CLI and language server call it):
// plan the folders, read every file once, replay the folders in migrator order, then put each finding
// where the user acts (the migration that introduced it) and turn its fixes into new migrations.
import { analyzeSources, analyzeWorkspace, compareFindings, type AnalysisResult, type AnalyzeExtras, type SourceFile } from '../analyze.ts';
import type { Finding } from '../findings.ts';
import type { Dialect, FileModel, WorkspaceModel } from '../model.ts';
import type { Options } from '../options.ts';
import { readFile } from '../reader/index.ts';
import { buildWorkspace } from '../workspace.ts';
import { asNewMigration } from './new-migration.ts';
import { planMigrations, type MigrationFolder, type MigrationPlan } from './plan.ts';
import { relocateFindings } from './relocate.ts';
import { restoreTemplates } from './rendered.ts';

export { planMigrations, type MigrationFolder, type MigrationPlan, type MigrationsConfig } from './plan.ts';
export { classify, type Convention } from './conventions.ts';
export { normalizeInProject } from './normalize.ts';

export interface ProjectResult extends AnalysisResult {
  /** The migration folders found, with the convention and the order used (empty: plain schema files). */
  migrations: MigrationFolder[];
  /** Files read as nothing (down/undo migrations, V files a baseline replaces, excluded files) → why. */
  skipped: Map<string, string>;
  /** The plan the files were read by (order, renderings): what normalizeInProject needs. */
  plan: MigrationPlan;
}


const withProject = (fm: FileModel, project: string | undefined): FileModel => (project === undefined ? fm : { ...fm, project });

/**
 * Reads the planned files (`read` lets the language server reuse the models it has); a file whose dialect
 * was only a default takes its folder's usual dialect.
 */
export function readPlanned(plan: MigrationPlan, dialect: Options['dialect'], read = (s: SourceFile) => readFile(s.text, s.file, dialect)): FileModel[] {
  // each folder is its own project: two folders (a PostgreSQL and a SQLite variant) never share tables
  const projectOf = new Map(plan.folders.flatMap((d) => d.order.map((f) => [f, d.path] as const)));
  const files = plan.sources.map((s) => withProject(read(s), projectOf.get(s.file)));
  const byFile = new Map(files.map((f, i) => [f.file, i]));
  // a pop folder's history is one database's: its files for all databases are read in that dialect too
  for (const folder of plan.folders) {
    if (!folder.dialect) continue;
    for (const f of folder.order) {
      const i = byFile.get(f)!;
      if (files[i].dialect !== folder.dialect) files[i] = withProject(readFile(plan.sources[i].text, f, folder.dialect), folder.path);
    }
  }
  if (dialect !== 'auto') return files;
  for (const folder of plan.folders) {
    if (folder.dialect) continue;
    const counts = new Map<Dialect, number>();
    for (const f of folder.order) {
      const fm = files[byFile.get(f)!];
      if (fm.dialectSource === 'detected') counts.set(fm.dialect, (counts.get(fm.dialect) ?? 0) + 1);
    }
    const usual = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!usual) continue;
    for (const f of folder.order) {
      const i = byFile.get(f)!;
      if (files[i].dialectSource !== 'detected' && files[i].dialect !== usual) files[i] = withProject(readFile(plan.sources[i].text, f, usual), folder.path);
    }
  }
  return files;
}

export function analyzeProject(sources: SourceFile[], options: Options, extras: AnalyzeExtras = {}): ProjectResult {
  const plan = planMigrations(sources, options.migrationFolders, options.dialect);
  // which fixes stay is decided from their edits in migration folders (a fix becomes a new migration) and in
  // templated files (an edit over a placeholder is declined): titles-only fixes would not say
  if (extras.fixEdits === false && (plan.replay || plan.renderings.size > 0)) extras = { ...extras, fixEdits: true };
  if (!plan.replay) {
    const result = analyzeSources(plan.sources, options, extras);
    return { ...result, findings: restoreTemplates(result.findings, plan).sort(compareFindings), migrations: [], skipped: plan.skipped, plan };
  }
  const files = readPlanned(plan, options.dialect);
  const texts = new Map(plan.sources.map((s) => [s.file, s.text]));
  const result = analyzeWorkspace(buildWorkspace(files, { replay: true }), options, (f) => texts.get(f) ?? '', undefined, extras);
  return { ...result, findings: placeFindings(result, plan), migrations: plan.folders, skipped: plan.skipped, plan };
}

/**
 * For callers that keep their own file models (the language server): the replayed workspace of the
 * migration folders among `models` (and without normlint's own data-migration scripts), or null when
 * there is neither. A model is reused unless the migrator
 * runs another text (rendered placeholders, a dbmate down section cut off), which is then read again.
 */
export function replayWorkspace(models: FileModel[], textOf: (file: string) => string, options: Options): { workspace: WorkspaceModel; plan: MigrationPlan } | null {
  const plan = planMigrations(models.map((m) => ({ file: m.file, text: textOf(m.file) })), options.migrationFolders, options.dialect);
  if (!plan.replay && plan.sources.length === models.length && plan.sources.every((s) => s.text === textOf(s.file))) return null;
  const byFile = new Map(models.map((m) => [m.file, m]));
  const files = readPlanned(plan, options.dialect, (s) => {
    const m = byFile.get(s.file);
    return m && s.text === textOf(s.file) ? m : readFile(s.text, s.file, options.dialect);
  });
  return { workspace: buildWorkspace(files, { replay: plan.replay }), plan };
}

/**
 * The last step, for callers that run the rules themselves (the language server, in chunks): each
 * finding on the migration that introduced it, its fixes as new migrations, sorted.
 */
export function placeFindings(result: Pick<AnalysisResult, 'workspace' | 'findings'>, plan: MigrationPlan): Finding[] {
  const folderOf = new Map(plan.folders.flatMap((d) => d.order.map((f) => [f, d] as const)));
  const dialectOf = new Map(result.workspace.files.map((f) => [f.file, f.dialect]));
  return restoreTemplates(relocateFindings(result, plan).map((f) => withMigrationFixes(f, folderOf, dialectOf)), plan).sort(compareFindings);
}

/** Fixes that would edit a file of a migrations folder become that folder's next migration. */
function withMigrationFixes(f: Finding, folderOf: Map<string, MigrationFolder>, dialectOf: Map<string, Dialect>): Finding {
  if (!f.fixes.some((x) => x.edits.some((e) => !e.createFile && folderOf.has(e.file)))) return f;
  const dialect = dialectOf.get(f.file) ?? 'postgresql';
  const fixes = f.fixes.flatMap((x) => {
    const folder = x.edits.map((e) => folderOf.get(e.file)).find(Boolean);
    if (!folder) return [x];
    const m = asNewMigration(x, folder, dialect);
    return m ? [m] : [];
  });
  return { ...f, fixes };
}
