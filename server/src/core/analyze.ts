// The core's one entry point: files in, model and findings out. Used by the CLI and the language server.
import type { Finding } from './findings.ts';
import type { FileModel, Table, WorkspaceModel } from './model.ts';
import type { Options } from './options.ts';
import type { Rule, RuleContext } from './rule.ts';
import type { TableAnalysis } from './fd/types.ts';
import { readFile } from './reader/index.ts';
import { buildWorkspace } from './workspace.ts';
import { analyzeTable } from './fd/analyze.ts';
import { rules } from './rules/index.ts';
import { isSuppressed } from './suppress.ts';
import { rangeOf } from './positions.ts';

export interface SourceFile { file: string; text: string }

export interface AnalysisResult {
  workspace: WorkspaceModel;
  findings: Finding[];
  analysis(table: Table): TableAnalysis;
}

/** Reads and checks a set of files as one workspace. */
export function analyzeSources(sources: SourceFile[], options: Options, extras: AnalyzeExtras = {}): AnalysisResult {
  const files = sources.map((s) => readFile(s.text, s.file, options.dialect));
  const texts = new Map(sources.map((s) => [s.file, s.text]));
  return analyzeWorkspace(buildWorkspace(files), options, (f) => texts.get(f) ?? '', undefined, extras);
}

/** For callers that split one analysis into several calls (the language server, so as not to block its loop). */
export interface AnalyzeExtras {
  /** Dependency analyses to share between calls on the same workspace and options (filled as tables are analysed). */
  cache?: Map<Table, TableAnalysis>;
  /** Leave out the rules that check files rather than `ctx.tables` (`meta.scope: 'files'`): run them in one call only. */
  skipFileRules?: boolean;
  /** Where a rule's failure is logged, with its stack (default: stderr). */
  log?: (message: string) => void;
  /** The rules to run (default: the registry; tests inject a failing one). */
  rules?: readonly Rule[];
  /** false: leave fixes out (see RuleContext.withFixes). */
  withFixes?: boolean;
  /** false: fixes with titles only (see RuleContext.fixEdits). */
  fixEdits?: boolean;
}

const logToStderr = (message: string) => { console.error(message); };

/**
 * Runs the rules over a merged workspace. `onlyTables` limits checking to the tables an edit touched
 * (the language server passes them); findings of other tables are then not produced.
 */
export function analyzeWorkspace(
  workspace: WorkspaceModel,
  options: Options,
  textOf: (file: string) => string,
  onlyTables?: Table[],
  extras: AnalyzeExtras = {},
): AnalysisResult {
  const cache = extras.cache ?? new Map<Table, TableAnalysis>();
  const analysis = (t: Table) => {
    let a = cache.get(t);
    if (!a) { a = analyzeTable(t, workspace, options); cache.set(t, a); }
    return a;
  };
  const byFile = new Map(workspace.files.map((f) => [f.file, f]));
  const ctx: RuleContext = {
    workspace, options, analysis, textOf,
    fileOf: (f) => { const fm = byFile.get(f); if (!fm) throw new Error(`unknown file ${f}`); return fm; },
    tables: onlyTables ?? workspace.tables,
    ...(extras.withFixes === false ? { withFixes: false } : {}),
    ...(extras.fixEdits === false ? { fixEdits: false } : {}),
  };
  const findings: Finding[] = [];
  const log = extras.log ?? logToStderr;
  for (const rule of extras.rules ?? rules) {
    const setting = options.rules[rule.meta.id];
    if (setting === 'off') continue;
    if (extras.skipFileRules && rule.meta.scope === 'files') continue;
    for (const f of checkIsolated(rule, ctx, log)) {
      const fm = byFile.get(f.file);
      if (fm && isSuppressed(fm, f)) continue;
      if (setting) f.severity = setting;
      findings.push(f);
    }
  }
  findings.sort(compareFindings);
  return { workspace, findings, analysis };
}

/**
 * One rule over ctx.tables; a rule that throws is run again table by table, so one table it cannot handle
 * costs only that table's findings of that rule: the failing (rule, table) pairs become `internal-error`
 * findings and the stack goes to the log. The common case (no throw) costs one call.
 */
function checkIsolated(rule: Rule, ctx: RuleContext, log: (message: string) => void): Finding[] {
  try { return rule.check(ctx); } catch (err) {
    if (rule.meta.scope === 'files' || ctx.tables.length === 0) {
      log(`normlint: rule ${rule.meta.id} failed: ${stackOf(err)}`);
      const fm = ctx.workspace.files[0];
      return fm ? [internalError(rule, err, fm.file, '', { start: 0, end: 0 }, fm.lineStarts)] : [];
    }
  }
  const out: Finding[] = [];
  for (const table of ctx.tables) {
    try { for (const f of rule.check({ ...ctx, tables: [table] })) out.push(f); } catch (err) {
      const name = table.schema ? `${table.schema}.${table.name}` : table.name;
      log(`normlint: rule ${rule.meta.id} failed on table ${name} (${table.file}): ${stackOf(err)}`);
      const fm = ctx.workspace.files.find((f) => f.file === table.file);
      out.push(internalError(rule, err, table.file, table.name, table.nameSpan, fm?.lineStarts ?? [0], table.schema));
    }
  }
  return out;
}

function internalError(rule: Rule, err: unknown, file: string, table: string, span: { start: number; end: number }, lineStarts: number[], schema?: string): Finding {
  const what = table ? `on table ${schema ? `${schema}.` : ''}${table}` : 'on this workspace';
  const message = `normlint rule ${rule.meta.id} failed ${what} (${err instanceof Error ? err.message : String(err)}); the other rules and tables were still checked. Please report this.`;
  return {
    rule: 'internal-error', severity: 'info', message, file, table, schema, columns: [],
    evidence: [{ source: 'internal', detail: `${rule.meta.id}: ${err instanceof Error ? err.message : String(err)}` }],
    span, range: rangeOf(lineStarts, span), related: [], fixes: [],
  };
}

const stackOf = (err: unknown) => (err instanceof Error ? err.stack ?? err.message : String(err));

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1
    : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
