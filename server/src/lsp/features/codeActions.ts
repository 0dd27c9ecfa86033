// textDocument/codeAction and "Show documentation": the actions are built by ../codeActions.ts from the
// engine's findings; documentation is the bundled docs/rules/<rule>.md (offline), else the web page.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ShowMessageNotification, MessageType } from 'vscode-languageserver/node';
import type { Finding } from '../../core/findings.ts';
import type { ServerContext } from '../context.ts';
import type { Analysis } from '../analysis.ts';
import { codeActions, FIX_ALL, isSafe, rangesOverlap, SHOW_DOCS_COMMAND } from '../codeActions.ts';
import { toDiagnostic, docsUrl } from '../diagnostics.ts';
import { findingsShown } from '../fileDiagnostics.ts';
import { fileToUri } from '../uri.ts';

/** The rule's page shipped beside the bundle (dist/server.js → docs/rules/<rule>.md). */
export function ruleDocPath(rule: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(rule)) return undefined;
  const path = resolve(__dirname, '..', 'docs', 'rules', `${rule}.md`);
  return existsSync(path) ? path : undefined;
}

export function registerCodeActions(ctx: ServerContext, analysis: Analysis): void {
  ctx.connection.onCodeAction(async (params, token) => {
    const { file, entry } = await analysis.ready(params.textDocument.uri, token);
    if (!entry || token.isCancellationRequested) return null;
    // Fixes are built when asked for: those of the findings at the range, and the file's others only for
    // "Fix all" (offered when the range has a safe fix, or asked for by kind).
    const engine = ctx.projects.forFile(file).engine;
    const shown = findingsShown(ctx, file);
    const hit = engine.withCurrentFixes(shown.filter((f) => rangesOverlap(f.range, params.range)));
    const fixAll = params.context.only?.some((k) => FIX_ALL.startsWith(k) || k === FIX_ALL) || hit.some((f) => f.fixes.some(isSafe));
    return codeActions({
      uri: params.textDocument.uri, file, text: entry.text, range: params.range,
      findings: fixAll ? engine.withCurrentFixes(shown) : shown,
      diagnostics: params.context.diagnostics, toDiagnostic: (f: Finding) => toDiagnostic(f, ctx.uriOf, ctx.versionOf(file)),
      uriOf: ctx.uriOf, versionOf: ctx.versionOf, only: params.context.only,
    });
  });

  ctx.connection.onExecuteCommand(async (params) => {
    if (params.command !== SHOW_DOCS_COMMAND) return;
    const rule = String(params.arguments?.[0] ?? '');
    const local = ruleDocPath(rule);
    const target = local ? fileToUri(local) : String(params.arguments?.[1] ?? docsUrl(rule));
    if (ctx.caps.showDocument) await ctx.connection.window.showDocument({ uri: target, external: !local });
    else ctx.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `normlint documentation: ${target}` });
  });
}
