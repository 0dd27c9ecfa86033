// textDocument/codeLens: "<normal form> · N findings" and "Normalize" above each CREATE TABLE. Lenses are
// refreshed whenever an analysis changes what files show, so they never lag behind the diagnostics (also on
// hidden editors after a settings change).
import { CodeLensRefreshRequest, type CodeLens } from 'vscode-languageserver/node';
import { rangeOf } from '../../core/positions.ts';
import type { ServerContext } from '../context.ts';
import type { Analysis } from '../analysis.ts';
import { normalFormLabel } from '../describe.ts';
import { findingsShown } from '../fileDiagnostics.ts';

export function registerCodeLens(ctx: ServerContext, analysis: Analysis): void {
  ctx.onAnnounced.push(() => {
    if (ctx.caps.codeLensRefresh) void ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => {});
  });
  ctx.connection.onCodeLens(async (params, token): Promise<CodeLens[] | null> => {
    const { file, engine, entry } = await analysis.ready(params.textDocument.uri, token);
    const ws = engine.workspace;
    if (!entry || !ws || token.isCancellationRequested) return null;
    const count = new Map<string, number>();
    for (const f of findingsShown(ctx, file)) count.set(f.table.toLowerCase(), (count.get(f.table.toLowerCase()) ?? 0) + 1);
    const lenses: CodeLens[] = [];
    for (const t of ws.tables) {
      if (t.file !== file) continue;
      const a = engine.analysisOf(t);
      if (!a) continue;
      const pos = rangeOf(entry.model.lineStarts, t.span).start;
      const range = { start: pos, end: pos };
      const n = count.get(t.name.toLowerCase()) ?? 0;
      lenses.push({ range, command: { title: `${normalFormLabel(t, a)} · ${n === 0 ? 'no findings' : n === 1 ? '1 finding' : `${n} findings`}`, command: '' } });
      // No `to`: the client asks 3NF or BCNF, as from the palette.
      lenses.push({ range, command: { title: 'ER diagram', command: 'normlint.showErd', arguments: [entry.uri, rangeOf(entry.model.lineStarts, t.nameSpan).start] } });
      if (a.normalForm !== 'BCNF') lenses.push({ range, command: { title: 'Normalize', command: 'normlint.normalizeTable', arguments: [entry.uri, rangeOf(entry.model.lineStarts, t.nameSpan).start] } });
    }
    return lenses;
  });
}
