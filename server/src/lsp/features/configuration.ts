// Settings: the editor's `normlint` section (pulled per folder, or pushed) and `.normlintrc.json`. Editor
// setting problems are shown once per distinct text; `.normlintrc.json` problems are diagnostics on that file
// at the bad key (the JSON schema marks it too), never a toast on every change.
import { DidChangeConfigurationNotification, ShowMessageNotification, MessageType } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.ts';
import type { Analysis } from '../analysis.ts';
import { readSettings, mergeOptions, sameOptions } from '../settings.ts';
import { loadRc } from '../rcFile.ts';
import { rcDiagnostics } from '../rcDiagnostics.ts';
import { fileToUri } from '../uri.ts';

export class Configuration {
  pushed: unknown = undefined;
  private shownProblems = '';
  private rcWithProblems = new Set<string>();

  constructor(private readonly ctx: ServerContext, private readonly analysis: Analysis) {
    ctx.connection.onDidChangeConfiguration(async (change) => {
      const s = change.settings as { normlint?: unknown } | null | undefined;
      if (s && typeof s === 'object' && 'normlint' in s) this.pushed = s.normlint;
      await this.loadAll();
      this.analysis.afterBackgroundChange();
    });
  }

  async register(): Promise<void> {
    if (!this.ctx.caps.dynamicConfig) return; // others send didChangeConfiguration anyway, or never
    try { await this.ctx.connection.client.register(DidChangeConfigurationNotification.type, { section: 'normlint' }); } catch { /* ignored */ }
  }

  async loadAll(): Promise<void> {
    const { ctx } = this;
    const problems: string[] = [];
    const rcSeen = new Set<string>();
    for (const p of ctx.projects.all()) {
      let raw: unknown = this.pushed;
      if (ctx.caps.configuration) {
        try { raw = await ctx.connection.workspace.getConfiguration(p.uri ? { scopeUri: p.uri, section: 'normlint' } : { section: 'normlint' }); } catch (err) { ctx.log(`normlint: workspace/configuration failed: ${(err as Error).message}`); }
      }
      const s = readSettings(raw, 'normlint settings');
      problems.push(...s.problems);
      p.editorOptions = s.options;
      if (p.path) {
        const rc = await loadRc(p.path);
        p.rcOptions = rc.options;
        p.rcProblems = rc.problems;
        const uri = fileToUri(rc.path);
        // Sent when there are problems, and once more (empty) when they are fixed.
        if (rc.exists && (rc.problems.length || this.rcWithProblems.has(uri))) ctx.connection.sendDiagnostics({ uri, diagnostics: rcDiagnostics(rc.text, rc.problems) });
        if (rc.problems.length) rcSeen.add(uri);
        if (rc.problems.length) ctx.log(`normlint: ${rc.problems.join('; ')}`);
      }
      const next = mergeOptions(p.editorOptions, p.rcOptions);
      if (!sameOptions(next, p.engine.options) || p.engine.files.size === 0) p.engine.setOptions(next);
    }
    for (const uri of this.rcWithProblems) if (!rcSeen.has(uri)) ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.rcWithProblems = rcSeen;
    const text = problems.join('\n');
    if (text && text !== this.shownProblems) ctx.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `normlint: ${problems.join('; ')}` });
    this.shownProblems = text;
  }
}
