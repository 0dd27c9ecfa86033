// The workspace index: every .sql/.ddl file of each folder is read from disk (closed files count: keys and
// indexes in other files), and kept current from file-watcher events. Open documents win over disk content.
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.ts';
import type { Analysis } from '../analysis.ts';
import type { Configuration } from './configuration.ts';
import type { Project } from '../projects.ts';
import { findSqlFiles, readSqlFile, isFile, yieldToLoop, SQL_FILE } from '../indexer.ts';
import { RC_NAME } from '../rcFile.ts';
import { fileToUri, uriToFile } from '../uri.ts';

export class Indexing {
  constructor(private readonly ctx: ServerContext, private readonly analysis: Analysis, private readonly config: Configuration) {
    ctx.connection.onDidChangeWatchedFiles(async (ev) => {
      let settings = false;
      for (const c of ev.changes) {
        const file = ctx.fileOf(c.uri);
        if (file.endsWith(RC_NAME)) { settings = true; continue; }
        if (!SQL_FILE.test(file) || ctx.documentsByFile.has(file)) continue;
        const p = ctx.projects.forFile(file);
        if (p === ctx.projects.loose) continue;
        if (c.type === FileChangeType.Deleted) p.engine.removeFile(file);
        else if (await isFile(file)) {
          try { p.engine.setFile(file, c.uri, (await readSqlFile(file)).text, null); } catch (err) { ctx.log(`normlint: cannot read ${file}: ${(err as Error).message}`); }
        }
      }
      if (settings) await this.config.loadAll();
      this.analysis.afterBackgroundChange();
    });
  }

  async register(): Promise<void> {
    const { ctx } = this;
    if (ctx.caps.dynamicWatch) {
      try {
        await ctx.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{sql,ddl,SQL,DDL}' }, { globPattern: `**/${RC_NAME}` }] });
      } catch { /* no file watching: open documents still work */ }
    }
    if (ctx.projects.list.length) {
      try {
        ctx.connection.workspace.onDidChangeWorkspaceFolders(async (ev) => {
          for (const r of ev.removed) ctx.projects.removeFolder(r.uri);
          for (const a of ev.added) if (a.uri.startsWith('file:')) await this.indexProject(ctx.projects.addFolder(a.uri, uriToFile(a.uri)));
          for (const p of ctx.projects.all()) p.engine.setOptions(p.engine.options);
          this.analysis.afterBackgroundChange();
        });
      } catch { /* folder change notifications not supported */ }
    }
  }

  async indexProject(p: Project): Promise<void> {
    const { ctx } = this;
    const t0 = performance.now();
    const paths = await findSqlFiles(p.path, ctx.log);
    const read: { path: string; text: string }[] = [];
    for (const path of paths) {
      if (ctx.documentsByFile.has(path)) continue;
      try {
        const d = await readSqlFile(path);
        if (d.problem) ctx.log(`normlint: ${path}: ${d.problem}`);
        read.push({ path, text: d.text });
      } catch (err) { ctx.log(`normlint: cannot read ${path}: ${(err as Error).message}`); }
    }
    // Open documents win over disk content (they may have been opened while we were reading).
    for (const r of read) if (!ctx.documentsByFile.has(r.path)) p.engine.setFile(r.path, fileToUri(r.path), r.text, null);
    // Read the files one per loop turn (a big one in steps) so edits and requests are answered meanwhile.
    for (const r of read) { await p.engine.readAhead(r.path); await yieldToLoop(); }
    ctx.log(`normlint: indexed ${read.length} file(s) under ${p.path} in ${Math.round(performance.now() - t0)} ms`);
  }
}
