// The status bar's data: normlint/status {uri?} → whether the engines are analysing, the dialect of that
// file (what `auto` chose, from the reader's model) and the setting, and the findings shown in the workspace
// (the same count as `normlint check`). normlint/statusChanged tells the client when to ask again.
import type { ServerContext } from '../context.ts';
import { findingsShown } from '../fileDiagnostics.ts';

/** dialectSource: 'detected' (auto read it from the syntax), 'default' (auto found nothing dialect-specific), 'setting'. */
export interface StatusResult { analysing: boolean; dialect?: string; dialectSource?: string; setting: string; findings: number; files: number }

export const STATUS_REQUEST = 'normlint/status';
export const STATUS_CHANGED = 'normlint/statusChanged';

export function registerStatus(ctx: ServerContext): void {
  ctx.onAnnounced.push(() => { void ctx.connection.sendNotification(STATUS_CHANGED, {}); });
  ctx.connection.onRequest(STATUS_REQUEST, (params: { uri?: string } | undefined): StatusResult => {
    let findings = 0, files = 0, analysing = false;
    for (const p of ctx.projects.all()) {
      if (p.engine.dirty || p.engine.busy) analysing = true;
      for (const file of p.engine.files.keys()) { files++; findings += findingsShown(ctx, file).length; }
    }
    const file = params?.uri ? ctx.fileOf(params.uri) : undefined;
    const p = file ? ctx.projects.forFile(file) : ctx.projects.list[0] ?? ctx.projects.loose;
    const entry = file ? p.engine.files.get(file) : undefined;
    return { analysing, dialect: entry?.model.dialect, dialectSource: entry?.model.dialectSource, setting: p.engine.options.dialect, findings, files };
  });
}
