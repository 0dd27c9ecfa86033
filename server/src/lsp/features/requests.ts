// The custom requests of DESIGN.md: normlint/dependencies (the report) and normlint/normalize (the edit).
import { offsetAt } from '../../core/positions.ts';
import type { ServerContext } from '../context.ts';
import type { Analysis } from '../analysis.ts';
import { tableAt, dependenciesOf, reportMarkdown, type DependenciesResult } from '../describe.ts';
import { normalizeRequest, type NormalizeParams } from '../normalize.ts';

export function registerRequests(ctx: ServerContext, analysis: Analysis): void {
  ctx.connection.onRequest('normlint/dependencies', async (params: { uri: string; position: { line: number; character: number } }, token): Promise<DependenciesResult | null> => {
    const { engine, entry } = await analysis.ready(params.uri, token);
    const ws = engine.workspace;
    if (!entry || !ws || token.isCancellationRequested) return null;
    const table = tableAt(entry.model, ws.tables, offsetAt(entry.model.lineStarts, params.position, entry.text.length));
    const a = table && engine.analysisOf(table);
    if (!table || !a) return null;
    return {
      table: table.name, candidateKeys: a.candidateKeys, dependencies: dependenciesOf(table, a), normalForm: a.normalForm,
      markdown: reportMarkdown(table, a, engine.findingsOf(entry.file)),
    };
  });

  ctx.connection.onRequest('normlint/normalize', async (params: NormalizeParams, token) => {
    const { engine, entry } = await analysis.ready(params.uri, token);
    const ws = engine.workspace;
    if (!entry || !ws || token.isCancellationRequested) return null;
    const table = tableAt(entry.model, ws.tables, offsetAt(entry.model.lineStarts, params.position, entry.text.length));
    if (!table) return null;
    return normalizeRequest({ engine, table, to: params.to === 'bcnf' ? 'bcnf' : '3nf', uriOf: ctx.uriOf, versionOf: ctx.versionOf });
  });
}
