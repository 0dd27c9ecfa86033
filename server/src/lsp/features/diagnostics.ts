// Diagnostics to the client. Pull: textDocument/diagnostic for open documents and workspace/diagnostic for
// every other file of the workspace (closed files keep their problems). Push clients get closed files
// published too. Same result ids for both, so "unchanged" is only said when nothing shown changed.
import type { WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.ts';
import type { Analysis } from '../analysis.ts';
import { diagnosticsOf, shownKey } from '../fileDiagnostics.ts';

export function registerDiagnostics(ctx: ServerContext, analysis: Analysis): void {
  ctx.connection.languages.diagnostics.on(async (params, token) => {
    const file = ctx.fileOf(params.textDocument.uri);
    const p = ctx.projects.forFile(file);
    if (!p.engine.files.has(file)) return { kind: 'full', items: [] }; // not a schema document (a preview copy)
    await analysis.settled(p.engine, file, token);
    const resultId = shownKey(ctx, file);
    if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: diagnosticsOf(ctx, file) };
  });

  ctx.connection.languages.diagnostics.onWorkspace(async (params, token) => {
    const previous = new Map(params.previousResultIds.map((r) => [r.uri, r.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const p of ctx.projects.list) {
      await analysis.settled(p.engine, undefined, token);
      for (const [file, entry] of p.engine.files) {
        if (ctx.documentsByFile.has(file)) continue; // open documents are pulled one by one
        const resultId = shownKey(ctx, file);
        if (previous.get(entry.uri) === resultId) items.push({ kind: 'unchanged', uri: entry.uri, version: null, resultId });
        else items.push({ kind: 'full', uri: entry.uri, version: null, resultId, items: diagnosticsOf(ctx, file) });
      }
    }
    return { items };
  });

  // Push clients: a closed workspace file's diagnostics are published (and kept current) as well.
  const sent = new Map<string, string>();
  ctx.onAnnounced.push((files) => {
    if (ctx.caps.pull) return;
    for (const file of files) {
      if (ctx.documentsByFile.has(file)) continue;
      const p = ctx.projects.forFile(file);
      const entry = p.engine.files.get(file);
      if (p === ctx.projects.loose || !entry) continue;
      const key = shownKey(ctx, file);
      if (sent.get(entry.uri) === key) continue;
      sent.set(entry.uri, key);
      ctx.connection.sendDiagnostics({ uri: entry.uri, diagnostics: diagnosticsOf(ctx, file) });
    }
  });
}
