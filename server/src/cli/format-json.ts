// `check --format json` and `schema --format json` (DESIGN.md contract; 0-based LSP positions).
import type { AnalysisResult } from '../core/analyze.ts';
import type { Evidence, Finding } from '../core/findings.ts';
import type { Table } from '../core/model.ts';
import type { MigrationFolder } from '../core/migrations/plan.ts';

function evidenceJson(e: Evidence) {
  return { source: e.source, detail: e.detail, ...(e.file ? { file: e.file } : {}), ...(e.range ? { range: e.range } : {}) };
}

export function findingJson(f: Finding) {
  return {
    file: f.file, rule: f.rule, severity: f.severity, message: f.message, table: f.table, columns: f.columns,
    ...(f.determinant ? { determinant: f.determinant } : {}),
    evidence: f.evidence.map(evidenceJson), ...(f.confidence ? { confidence: f.confidence } : {}), range: f.range, fixes: f.fixes.map((x) => ({ title: x.title })),
  };
}

export function checkJson(findings: Finding[]): string {
  return JSON.stringify({ version: 1, findings: findings.map(findingJson) }, null, 2);
}

export function tableJson(t: Table, result: AnalysisResult) {
  const a = result.analysis(t);
  return {
    name: t.name, schema: t.schema ?? null, file: t.file,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })),
    primaryKey: t.primaryKey ? t.primaryKey.columns : null,
    uniqueKeys: t.uniqueKeys.map((u) => u.columns),
    foreignKeys: t.foreignKeys.map((fk) => ({ columns: fk.columns, references: { table: fk.references.table, columns: fk.references.columns } })),
    indexes: t.indexes.map((i) => ({ columns: i.columns, unique: i.unique, partial: i.partial })),
    candidateKeys: a.candidateKeys,
    dependencies: a.dependencies.map((d) => ({
      determinant: d.determinant, dependents: d.dependents, sources: d.sources.map(evidenceJson),
      ...(d.confidence ? { confidence: d.confidence } : {}),
    })),
    normalForm: a.normalForm,
  };
}

/**
 * `migrations`: each folder replayed, its convention (a pop folder: the database replayed, `flavor` and `dialect`), the files in the order applied and the files left out.
 * `files`: each file read, with its dialect and where that came from (`setting`, `detected` from its syntax,
 * or the `default` when nothing told) — the same answer the language server's status shows.
 */
export function schemaJson(result: AnalysisResult & { migrations?: MigrationFolder[] }): string {
  const migrations = (result.migrations ?? []).map((m) => ({ path: m.path, convention: m.convention, ...(m.flavor ? { flavor: m.flavor, dialect: m.dialect } : {}), order: m.order, skipped: m.skipped }));
  const files = result.workspace.files.map((f) => ({ file: f.file, dialect: f.dialect, dialectSource: f.dialectSource }));
  return JSON.stringify({ version: 1, tables: result.workspace.tables.map((t) => tableJson(t, result)), migrations, files }, null, 2);
}
