// normlint/erd: the core's diagram of the workspace, a file, or a table's neighbourhood, as SVG plus the
// LSP locations of each table and column (the webview jumps there on click). Translation only: the
// model, layout and drawing are the core's (core/erd).
import type { CancellationToken } from 'vscode-languageserver/node';
import { offsetAt, rangeOf } from '../../core/positions.ts';
import { buildDiagram, DEFAULT_DEPTH, entityId, findEntity, neighbourhood, NEIGHBOURHOOD_THRESHOLD, type Diagram } from '../../core/erd/model.ts';
import { toSvg } from '../../core/erd/svg.ts';
import { normalizeDiagrams } from '../../core/erd/normalized.ts';
import type { AnalysisResult } from '../../core/analyze.ts';
import type { Table } from '../../core/model.ts';
import type { Options } from '../../core/options.ts';
import type { ServerContext } from '../context.ts';
import type { Analysis } from '../analysis.ts';
import { tableAt } from '../describe.ts';
import { findingsShown } from '../fileDiagnostics.ts';
import { ErdRequest, type ErdParams, type ErdResult } from '../../../../client/src/erd/protocol.ts';

export function registerErd(ctx: ServerContext, analysis: Analysis): void {
  ctx.connection.onRequest(ErdRequest, (params: ErdParams, token: CancellationToken) => erd(ctx, analysis, params, token));
}

async function erd(ctx: ServerContext, analysis: Analysis, params: ErdParams, token: CancellationToken): Promise<ErdResult | null> {
  const { file, engine, entry } = await analysis.ready(params.uri, token);
  const ws = engine.workspace;
  if (!ws || token.isCancellationRequested) return null;
  const findings = ws.files.flatMap((f) => findingsShown(ctx, f.file));
  const all = buildDiagram(ws, findings);
  const depth = params.depth ?? DEFAULT_DEPTH;
  let scope = params.scope === 'auto' ? (all.entities.length > NEIGHBOURHOOD_THRESHOLD ? 'table' : 'workspace') : params.scope;
  let diagram: Diagram = all;
  let centre: string | undefined;
  if (scope === 'file') diagram = buildDiagram(ws, findings, { files: [file] });
  if (scope === 'table') {
    const atCursor = entry && params.position ? tableAt(entry.model, ws.tables, offsetAt(entry.model.lineStarts, params.position, entry.text.length)) : undefined;
    const named = params.table !== undefined ? findEntity(all, params.table)
      : atCursor ? all.entities.find((e) => e.id === entityId(atCursor))
      // nothing chosen: the table with most findings (the first one when none has any)
      : [...all.entities].sort((a, b) => b.findings - a.findings)[0];
    if (named) { centre = named.id; diagram = neighbourhood(all, named.id, depth); } else { scope = 'workspace'; }
  }
  const lineStartsOf = (f: string) => engine.files.get(f)?.model.lineStarts ?? [0];
  return {
    scope, depth, ...(centre ? { centre } : {}),
    tables: all.entities.map((e) => e.name),
    svg: toSvg(diagram),
    relationships: diagram.relationships.length,
    entities: diagram.entities.map((e) => {
      const ls = lineStartsOf(e.file);
      return { id: e.id, name: e.name, uri: ctx.uriOf(e.file), range: rangeOf(ls, e.nameSpan), columns: e.columns.map((c) => ({ name: c.name, range: rangeOf(ls, c.nameSpan) })) };
    }),
  };
}

/** For the Normalize preview: the table as it is and the tables it becomes (none when the DDL is empty or cannot be drawn). */
export function beforeAfterSvg(result: AnalysisResult, table: Table, ddl: string, options: Options): { diagrams?: { before: string; after: string } } {
  if (!ddl.trim()) return {};
  try {
    const { before, after } = normalizeDiagrams(result, table, ddl, options);
    return { diagrams: { before: toSvg(before), after: toSvg(after) } };
  } catch {
    return {};   // the preview goes on without the picture
  }
}
