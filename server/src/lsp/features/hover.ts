// textDocument/hover: one card — the column's on a column name, the table's on the table name (describe.ts).
import type { Hover } from 'vscode-languageserver/node';
import { offsetAt, rangeOf } from '../../core/positions.ts';
import type { ServerContext } from '../context.ts';
import type { Analysis } from '../analysis.ts';
import { tableAt, columnAt, tableMarkdown, columnMarkdown } from '../describe.ts';
import { findingsShown } from '../fileDiagnostics.ts';

export function registerHover(ctx: ServerContext, analysis: Analysis): void {
  ctx.connection.onHover(async (params, token): Promise<Hover | null> => {
    const { file, engine, entry } = await analysis.ready(params.textDocument.uri, token);
    const ws = engine.workspace;
    if (!entry || !ws || token.isCancellationRequested) return null;
    const offset = offsetAt(entry.model.lineStarts, params.position, entry.text.length);
    const table = ws.tables.find((t) => t.file === file && t.nameSpan.start <= offset && offset <= t.nameSpan.end) ?? tableAt(entry.model, ws.tables, offset);
    if (!table) return null;
    const column = columnAt(table, offset);
    const onName = table.nameSpan.start <= offset && offset <= table.nameSpan.end;
    if (!column && !onName) return null;
    const a = engine.analysisOf(table);
    if (!a) return null;
    const value = column ? columnMarkdown(table, a, column, ws.tables) : tableMarkdown(table, a, findingsShown(ctx, file));
    return { contents: { kind: 'markdown', value }, range: rangeOf(entry.model.lineStarts, column ? column.nameSpan : table.nameSpan) };
  });
}
