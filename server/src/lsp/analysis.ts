// Scheduling: runs an engine until its findings match the current text, then tells the client (pull: a
// refresh; push: publishDiagnostics) and the other listeners (code lens refresh, status). Requests wait for
// a settled engine without blocking the loop and answer at once when cancelled.
import { ResponseError, LSPErrorCodes, type CancellationToken, type Disposable } from 'vscode-languageserver/node';
import type { Engine } from '../core/incremental/engine.ts';
import type { ServerContext } from './context.ts';
import { diagnosticsOf, shownKey } from './fileDiagnostics.ts';

export class Analysis {
  /** Per document, how to cancel its scheduled push analysis. */
  private readonly timers = new Map<string, () => void>();
  private readonly published = new Map<string, string>();

  constructor(private readonly ctx: ServerContext) {}

  /**
   * Runs the engine until its findings match the current text of every file (an update that yields lets edits
   * in; they are analysed next), then announces the files whose findings changed. Nothing is announced while
   * edits are still unanalysed, so no diagnostics are published for an outdated version. Callers answer right
   * after the await: no message is handled between the end of the loop and their answer.
   */
  async update(engine: Engine, requested?: string): Promise<void> {
    const { ctx } = this;
    for (let runs = 0; engine.dirty || engine.busy; runs++) {
      if (runs > 1000) { ctx.log('normlint: the analysis does not settle; giving up for now'); return; }
      await engine.update();
    }
    if (!engine.unannounced.size) return;
    const changed = [...engine.unannounced];
    engine.unannounced.clear();
    // Pull: the requested file is being answered. Push: it is published here too (publish() sends a version once).
    const others = changed.filter((f) => (!ctx.caps.pull || f !== requested) && ctx.documentsByFile.has(f));
    if (ctx.caps.pull) { if (others.length && ctx.caps.diagnosticsRefresh) void ctx.connection.languages.diagnostics.refresh().catch(() => {}); }
    else for (const f of others) this.publish(f);
    for (const listener of ctx.onAnnounced) listener(changed);
  }

  /** Push mode: sends the diagnostics of an open document once per version and result. */
  publish(file: string): void {
    const { ctx } = this;
    const doc = ctx.documentsByFile.get(file);
    if (!doc) return;
    const engine = ctx.projects.forFile(file).engine;
    if (engine.dirty || engine.busy) { this.schedulePush(file); return; } // findings of an older version: wait
    const key = `${doc.version}|${shownKey(ctx, file)}`;
    if (this.published.get(doc.uri) === key) return;
    this.published.set(doc.uri, key);
    ctx.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsOf(ctx, file) });
  }

  forget(uri: string): void { this.published.delete(uri); }

  /**
   * Push mode: per document, wait a little after slow analyses (half their usual time, at most 100 ms) so a burst
   * of keystrokes costs one analysis. After quick ones (QUICK_MS or less) no wait: a keystroke's analysis costs less
   * than the wait would add to every keystroke, and edits arriving during one are analysed together in the next.
   */
  schedulePush(file: string): void {
    this.timers.get(file)?.();
    const engine = this.ctx.projects.forFile(file).engine;
    const run = async () => {
      this.timers.delete(file);
      try { await this.update(engine, file); } catch (err) { this.ctx.log(`normlint: ${(err as Error).stack}`); }
      this.publish(file);
    };
    if (engine.typicalUpdateMs <= QUICK_MS) {
      // after the messages already received (a burst's other changes) are handled
      const t = setImmediate(run);
      this.timers.set(file, () => clearImmediate(t));
    } else {
      const t = setTimeout(run, Math.min(100, Math.round(engine.typicalUpdateMs / 2)));
      this.timers.set(file, () => clearTimeout(t));
    }
  }

  /** After settings, indexing or disk changes: re-analyse and tell the client. */
  afterBackgroundChange(): void {
    for (const p of this.ctx.projects.all()) {
      if (!p.engine.dirty) continue;
      this.update(p.engine).catch((err) => this.ctx.log(`normlint: ${(err as Error)?.stack ?? err}`));
    }
  }

  /** update() for a request: throws RequestCancelled as soon as the request is cancelled while it waits. */
  async settled(engine: Engine, file: string | undefined, token: CancellationToken): Promise<void> {
    await this.ctx.settingsLoaded;
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (!engine.dirty && !engine.busy) { await this.update(engine, file); return; }
    let onCancel: Disposable | undefined;
    const cancelled = new Promise<'cancelled'>((r) => { onCancel = token.onCancellationRequested(() => r('cancelled')); });
    try {
      if (await Promise.race([this.update(engine, file), cancelled]) === 'cancelled') throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    } finally { onCancel?.dispose(); }
  }

  /** Brings the document's engine up to date before answering about it. */
  async ready(uri: string, token: CancellationToken) {
    const file = this.ctx.fileOf(uri);
    const p = this.ctx.projects.forFile(file);
    await this.settled(p.engine, file, token);
    return { file, engine: p.engine, entry: p.engine.files.get(file) };
  }
}

/** Incremental analyses this quick (their moving average, in ms) are run for a push client without waiting. */
const QUICK_MS = 20;
