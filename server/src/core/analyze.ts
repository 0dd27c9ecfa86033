// The core's one entry point: files in, model and findings out. Used by the CLI and the language server.
import type { Finding } from './findings.ts';
import type { FileModel, Table, WorkspaceModel } from './model.ts';
import type { Options } from './options.ts';
import type { RuleContext } from './rule.ts';
import type { TableAnalysis } from './fd/types.ts';
import { readFile } from './reader/index.ts';
import { buildWorkspace } from './workspace.ts';
import { analyzeTable } from './fd/analyze.ts';
import { rules } from './rules/index.ts';
import { isSuppressed } from './suppress.ts';

export interface SourceFile { file: string; text: string }

export interface AnalysisResult {
  workspace: WorkspaceModel;
  findings: Finding[];
  analysis(table: Table): TableAnalysis;
}

/** Reads and checks a set of files as one workspace. */
export function analyzeSources(sources: SourceFile[], options: Options): AnalysisResult {
  const files = sources.map((s) => readFile(s.text, s.file, options.dialect));
  const texts = new Map(sources.map((s) => [s.file, s.text]));
  return analyzeWorkspace(buildWorkspace(files), options, (f) => texts.get(f) ?? '');
}

/** For callers that split one analysis into several calls (the language server, so as not to block its loop). */
export interface AnalyzeExtras {
  /** Dependency analyses to share between calls on the same workspace and options (filled as tables are analysed). */
  cache?: Map<Table, TableAnalysis>;
  /** Leave out the rules that check files rather than `ctx.tables` (`meta.scope: 'files'`): run them in one call only. */
  skipFileRules?: boolean;
}

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
  };
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = options.rules[rule.meta.id];
    if (setting === 'off') continue;
    if (extras.skipFileRules && rule.meta.scope === 'files') continue;
    for (const f of rule.check(ctx)) {
      const fm = byFile.get(f.file);
      if (fm && isSuppressed(fm, f)) continue;
      if (setting) f.severity = setting;
      findings.push(f);
    }
  }
  findings.sort(compareFindings);
  return { workspace, findings, analysis };
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1
    : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
