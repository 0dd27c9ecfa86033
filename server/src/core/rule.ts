// The shape of a rule: one file per rule, `meta` + `check`. A rule returns findings with fixes as data.
import type { Finding, NormalForm, RuleId, Severity } from './findings.ts';
import type { FileModel, Table, WorkspaceModel } from './model.ts';
import type { Options } from './options.ts';
import type { TableAnalysis } from './fd/types.ts';

export interface RuleMeta {
  id: RuleId;
  description: string;
  defaultSeverity: Severity;
  normalForm: NormalForm | null;
  /** README anchor: the rule id. */
  docs: string;
  fixable: boolean;
  /** 'files': the rule checks files, not `ctx.tables` (run once when one analysis is split into chunks of tables). */
  scope?: 'files';
}

export interface RuleContext {
  workspace: WorkspaceModel;
  options: Options;
  /** Dependency analysis of a table (computed lazily and cached per analysis run). */
  analysis(table: Table): TableAnalysis;
  /** The file model a table / span belongs to. */
  fileOf(file: string): FileModel;
  /** The file's text (for fixes that need to copy or re-indent source). */
  textOf(file: string): string;
  /** Only these tables need checking (incremental re-analysis); undefined = all. */
  tables: Table[];
  /**
   * false: findings without their fixes (fixes: []), for callers that build them when asked for (the language
   * server's diagnostics; code actions re-run the rules on the findings' tables with fixes). Default: with fixes.
   */
  withFixes?: boolean;
  /**
   * false: fixes carry their titles (and declines) but no edits or migration text — for output that prints only
   * titles (the CLI's text, json and sarif). A fix is offered in this mode exactly when it is with edits.
   */
  fixEdits?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Finding[];
}
