// The language server: wires LSP messages to the engines. Analysis is incremental (see engine.ts); a long one
// (a cold open, a file-wide change) yields to the loop between chunks of tables, so requests are answered
// meanwhile. Everything here is translation, scheduling and I/O.
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification, ShowMessageNotification, MessageType, FileChangeType, ResponseError, LSPErrorCodes,
  type Connection, type InitializeParams, type Diagnostic, type CodeLens, type Hover, type CancellationToken, type Disposable,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { offsetAt, rangeOf } from '../core/positions.ts';
import type { Finding } from '../core/findings.ts';
import { uriToFile, fileToUri } from './uri.ts';
import { Projects, type Project } from './projects.ts';
import { findSqlFiles, readSqlFile, isFile, yieldToLoop, SQL_FILE } from './indexer.ts';
import { toDiagnostic, problemDiagnostic } from './diagnostics.ts';
import { readSettings, mergeOptions, sameOptions } from './settings.ts';
import { loadRc, RC_NAME } from './rcFile.ts';
import { codeActions, SHOW_DOCS_COMMAND } from './codeActions.ts';
import { tableAt, columnAt, tableMarkdown, dependenciesOf, type DependenciesResult } from './describe.ts';
import { normalizeRequest, type NormalizeParams } from './normalize.ts';
import type { Engine } from './engine.ts';

export function startServer(connection: Connection = defaultConnection()): void {
  const documents = new TextDocuments(TextDocument);
  const log = (m: string) => connection.console.log(m);
  // A bug anywhere must cost one answer, not the server: log it and keep serving.
  process.on('uncaughtException', (err) => log(`normlint: uncaught exception: ${err.stack ?? err}`));
  process.on('unhandledRejection', (err) => log(`normlint: unhandled rejection: ${(err as Error)?.stack ?? err}`));
  const projects = new Projects(log);
  let pull = false, refreshSupport = false, dynamicConfig = false, dynamicWatch = false, configSupport = false, showDocumentSupport = false;
  let pushedSettings: unknown = undefined;
  const timers = new Map<string, NodeJS.Timeout>();
  let shownProblems = '';

  const fileOf = (uri: string) => uriToFile(uri);
  const uriOf = (file: string) => documentsByFile.get(file)?.uri ?? projects.forFile(file).engine.files.get(file)?.uri ?? fileToUri(file);
  const documentsByFile = new Map<string, TextDocument>();
  const versionOf = (file: string) => documentsByFile.get(file)?.version ?? null;

  connection.onInitialize((params: InitializeParams) => {
    const caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    configSupport = !!caps.workspace?.configuration;
    dynamicConfig = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    dynamicWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    showDocumentSupport = !!caps.window?.showDocument?.support;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings !== undefined) pushedSettings = init.settings;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    for (const f of folders) if (f.uri.startsWith('file:')) projects.addFolder(f.uri, uriToFile(f.uri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(pull ? { diagnosticProvider: { identifier: 'normlint', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_DOCS_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'normlint', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    // Only where the client allows dynamic registration (others send didChangeConfiguration anyway, or never).
    if (dynamicConfig) {
      try { await connection.client.register(DidChangeConfigurationNotification.type, { section: 'normlint' }); } catch { /* ignored */ }
    }
    if (dynamicWatch) {
      try {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{sql,ddl,SQL,DDL}' }, { globPattern: `**/${RC_NAME}` }] });
      } catch { /* no file watching: open documents still work */ }
    }
    if (projects.list.length) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders(async (ev) => {
          for (const r of ev.removed) projects.removeFolder(r.uri);
          for (const a of ev.added) if (a.uri.startsWith('file:')) await indexProject(projects.addFolder(a.uri, uriToFile(a.uri)));
          for (const p of projects.all()) p.engine.setOptions(p.engine.options);
          afterBackgroundChange();
        });
      } catch { /* folder change notifications not supported */ }
    }
    await loadAllSettings();
    for (const p of projects.list) await indexProject(p);
    afterBackgroundChange();
  });

  // ---- settings --------------------------------------------------------------------------------------
  async function loadAllSettings(): Promise<void> {
    const problems: string[] = [];
    for (const p of projects.all()) {
      let raw: unknown = pushedSettings;
      if (configSupport) {
        try { raw = await connection.workspace.getConfiguration(p.uri ? { scopeUri: p.uri, section: 'normlint' } : { section: 'normlint' }); } catch (err) { log(`normlint: workspace/configuration failed: ${(err as Error).message}`); }
      }
      const s = readSettings(raw, 'normlint settings');
      problems.push(...s.problems);
      p.editorOptions = s.options;
      if (p.path) {
        const rc = await loadRc(p.path);
        p.rcOptions = rc.options;
        p.rcProblems = rc.problems;
        if (rc.exists) connection.sendDiagnostics({ uri: fileToUri(rc.path), diagnostics: rc.problems.map((m) => ({ ...problemDiagnostic(m), code: undefined, codeDescription: undefined })) });
        problems.push(...rc.problems);
      }
      const next = mergeOptions(p.editorOptions, p.rcOptions);
      if (!sameOptions(next, p.engine.options) || p.engine.files.size === 0) p.engine.setOptions(next);
    }
    const text = problems.join('\n');
    if (text && text !== shownProblems) connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `normlint: ${problems.join('; ')}` });
    shownProblems = text;
  }

  connection.onDidChangeConfiguration(async (change) => {
    const s = change.settings as { normlint?: unknown } | null | undefined;
    if (s && typeof s === 'object' && 'normlint' in s) pushedSettings = s.normlint;
    await loadAllSettings();
    afterBackgroundChange();
  });

  // ---- indexing ---------------------------------------------------------------------------------------
  async function indexProject(p: Project): Promise<void> {
    const t0 = performance.now();
    const paths = await findSqlFiles(p.path, log);
    const read: { path: string; text: string }[] = [];
    for (const path of paths) {
      if (documentsByFile.has(path)) continue;
      try {
        const d = await readSqlFile(path);
        if (d.problem) log(`normlint: ${path}: ${d.problem}`);
        read.push({ path, text: d.text });
      } catch (err) { log(`normlint: cannot read ${path}: ${(err as Error).message}`); }
    }
    // Open documents win over disk content (they may have been opened while we were reading).
    for (const r of read) if (!documentsByFile.has(r.path)) p.engine.setFile(r.path, fileToUri(r.path), r.text, null);
    // Read the files one per loop turn so edits and requests are answered meanwhile.
    for (const r of read) { p.engine.preRead(r.path); await yieldToLoop(); }
    log(`normlint: indexed ${read.length} file(s) under ${p.path} in ${Math.round(performance.now() - t0)} ms`);
  }

  connection.onDidChangeWatchedFiles(async (ev) => {
    let settings = false;
    for (const c of ev.changes) {
      const file = fileOf(c.uri);
      if (file.endsWith(RC_NAME)) { settings = true; continue; }
      if (!SQL_FILE.test(file) || documentsByFile.has(file)) continue;
      const p = projects.forFile(file);
      if (p === projects.loose) continue;
      if (c.type === FileChangeType.Deleted) p.engine.removeFile(file);
      else if (await isFile(file)) {
        try { p.engine.setFile(file, c.uri, (await readSqlFile(file)).text, null); } catch (err) { log(`normlint: cannot read ${file}: ${(err as Error).message}`); }
      }
    }
    if (settings) await loadAllSettings();
    afterBackgroundChange();
  });

  // ---- documents --------------------------------------------------------------------------------------
  documents.onDidOpen((e) => {
    const file = fileOf(e.document.uri);
    documentsByFile.set(file, e.document);
    projects.forFile(file).engine.setFile(file, e.document.uri, e.document.getText(), e.document.version);
    if (!pull) schedulePush(file);
  });
  documents.onDidChangeContent((e) => {
    const file = fileOf(e.document.uri);
    documentsByFile.set(file, e.document);
    projects.forFile(file).engine.setFile(file, e.document.uri, e.document.getText(), e.document.version);
    if (!pull) schedulePush(file);
  });
  documents.onDidClose(async (e) => {
    const file = fileOf(e.document.uri);
    documentsByFile.delete(file);
    const p = projects.forFile(file);
    published.delete(e.document.uri);
    if (!pull) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    // A file of the workspace goes back to its content on disk; anything else leaves the workspace.
    if (p !== projects.loose && SQL_FILE.test(file) && await isFile(file)) {
      if (documentsByFile.has(file)) return;
      try { p.engine.setFile(file, e.document.uri, (await readSqlFile(file)).text, null); } catch { p.engine.removeFile(file); }
    } else p.engine.removeFile(file);
    afterBackgroundChange();
  });

  // ---- diagnostics ------------------------------------------------------------------------------------
  /**
   * Runs the engine until its findings match the current text of every file (an update that yields lets edits
   * in; they are analysed next), then refreshes/pushes the other open files whose findings changed. Nothing is
   * announced while edits are still unanalysed, so no diagnostics are published for an outdated version.
   * Callers answer right after the await: no message is handled between the end of the loop and their answer.
   */
  async function update(engine: Engine, requested?: string): Promise<void> {
    for (let runs = 0; engine.dirty || engine.busy; runs++) {
      if (runs > 1000) { log('normlint: the analysis does not settle; giving up for now'); return; }
      await engine.update();
      if (engine.unprimed.size) schedulePrime(engine);
    }
    if (!engine.unannounced.size) return;
    // Pull: the requested file is being answered. Push: it is published here too (publish() sends a version once).
    const others = [...engine.unannounced].filter((f) => (!pull || f !== requested) && documentsByFile.has(f));
    engine.unannounced.clear();
    if (pull) { if (others.length && refreshSupport) void connection.languages.diagnostics.refresh().catch(() => {}); }
    else for (const f of others) publish(f);
  }

  function diagnosticsOf(file: string): Diagnostic[] {
    const engine = projects.forFile(file).engine;
    const entry = engine.files.get(file);
    const out: Diagnostic[] = [];
    if (entry?.problem) out.push(problemDiagnostic(entry.problem));
    else if (entry?.notice) {
      const at = rangeOf(entry.model.lineStarts, { start: entry.notice.offset, end: entry.notice.offset + 1 });
      out.push({ ...problemDiagnostic(entry.notice.message), range: at, severity: 2 });
    }
    if (engine.failure) out.push(problemDiagnostic(engine.failure));
    const version = versionOf(file);
    for (const f of engine.findingsOf(file)) out.push(toDiagnostic(f, uriOf, version));
    return out;
  }

  function publish(file: string): void {
    const doc = documentsByFile.get(file);
    if (!doc) return;
    const engine = projects.forFile(file).engine;
    if (engine.dirty || engine.busy) { schedulePush(file); return; } // findings of an older version: wait
    // Several waiters can end with the same update: send what they saw once.
    const entry = engine.files.get(file);
    const key = `${doc.version}|${engine.resultIdOf(file)}|${entry?.problem ?? ''}|${entry?.notice?.offset ?? ''}|${engine.failure ?? ''}`;
    if (published.get(doc.uri) === key) return;
    published.set(doc.uri, key);
    connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsOf(file) });
  }
  const published = new Map<string, string>();

  /** Push mode: per document, wait a little (longer after slow analyses) so a burst of keystrokes costs one analysis. */
  function schedulePush(file: string): void {
    const old = timers.get(file);
    if (old) clearTimeout(old);
    const engine = projects.forFile(file).engine;
    const delay = Math.min(100, Math.max(2, Math.round(engine.typicalUpdateMs / 2)));
    timers.set(file, setTimeout(async () => {
      timers.delete(file);
      try { await update(engine, file); } catch (err) { log(`normlint: ${(err as Error).stack}`); }
      publish(file);
    }, delay));
  }

  /** In idle time, one file per turn: build the segment caches of files read whole, for fast first edits. */
  const priming = new Set<Engine>();
  function schedulePrime(engine: Engine): void {
    if (priming.has(engine)) return;
    priming.add(engine);
    const step = () => {
      if (engine.dirty || engine.busy) { setTimeout(step, 200); return; } // typing or analysing: wait
      if (engine.primeOne()) setTimeout(step, 20);
      else priming.delete(engine);
    };
    setTimeout(step, 200);
  }

  /** After settings, indexing or disk changes: re-analyse and tell the client. */
  function afterBackgroundChange(): void {
    for (const p of projects.all()) {
      if (!p.engine.dirty) continue;
      update(p.engine).catch((err) => log(`normlint: ${(err as Error)?.stack ?? err}`));
    }
  }

  /** update() for a request: throws RequestCancelled as soon as the request is cancelled while it waits. */
  async function settled(engine: Engine, file: string, token: CancellationToken): Promise<void> {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (!engine.dirty && !engine.busy) { await update(engine, file); return; }
    let onCancel: Disposable | undefined;
    const cancelled = new Promise<'cancelled'>((r) => { onCancel = token.onCancellationRequested(() => r('cancelled')); });
    try {
      if (await Promise.race([update(engine, file), cancelled]) === 'cancelled') throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    } finally { onCancel?.dispose(); }
  }

  connection.languages.diagnostics.on(async (params, token) => {
    const file = fileOf(params.textDocument.uri);
    const p = projects.forFile(file);
    await settled(p.engine, file, token);
    const entry = p.engine.files.get(file);
    // The id covers findings and file-level problems, so "unchanged" is only said when nothing shown changed.
    const resultId = `${p.engine.resultIdOf(file)}:${hash(`${entry?.problem ?? ''}|${entry?.notice?.offset ?? ''}|${p.engine.failure ?? ''}`)}`;
    if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: diagnosticsOf(file) };
  });

  // ---- code actions, hover, code lens -----------------------------------------------------------------
  /**
   * Brings the document's engine up to date before answering about it (a long analysis is waited for without
   * blocking the loop). A cancellation while waiting is answered at once.
   */
  async function ready(uri: string, token: CancellationToken) {
    const file = fileOf(uri);
    const p = projects.forFile(file);
    await settled(p.engine, file, token);
    const entry = p.engine.files.get(file);
    return { file, engine: p.engine, entry };
  }

  connection.onCodeAction(async (params, token) => {
    const { file, engine, entry } = await ready(params.textDocument.uri, token);
    if (!entry || token.isCancellationRequested) return null;
    return codeActions({
      uri: params.textDocument.uri, file, text: entry.text, range: params.range, findings: engine.findingsOf(file),
      diagnostics: params.context.diagnostics, toDiagnostic: (f: Finding) => toDiagnostic(f, uriOf, versionOf(file)),
      uriOf, versionOf, only: params.context.only,
    });
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== SHOW_DOCS_COMMAND) return;
    const url = String(params.arguments?.[0] ?? '');
    if (showDocumentSupport) await connection.window.showDocument({ uri: url, external: true });
    else connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `normlint documentation: ${url}` });
  });

  connection.onHover(async (params, token): Promise<Hover | null> => {
    const { engine, entry } = await ready(params.textDocument.uri, token);
    const ws = engine.workspace;
    if (!entry || !ws || token.isCancellationRequested) return null;
    const offset = offsetAt(entry.model.lineStarts, params.position, entry.text.length);
    const table = ws.tables.find((t) => t.file === entry.file && t.nameSpan.start <= offset && offset <= t.nameSpan.end)
      ?? tableAt(entry.model, ws.tables, offset);
    if (!table) return null;
    const column = columnAt(table, offset);
    const onName = table.nameSpan.start <= offset && offset <= table.nameSpan.end;
    if (!column && !onName) return null;
    const a = engine.analysisOf(table);
    if (!a) return null;
    return { contents: { kind: 'markdown', value: tableMarkdown(table, a, engine.findingsOf(entry.file), column) }, range: rangeOfSpan(entry.model.lineStarts, column ? column.nameSpan : table.nameSpan) };
  });

  connection.onCodeLens(async (params, token): Promise<CodeLens[] | null> => {
    const { engine, entry } = await ready(params.textDocument.uri, token);
    const ws = engine.workspace;
    if (!entry || !ws || token.isCancellationRequested) return null;
    const lenses: CodeLens[] = [];
    const findings = engine.findingsOf(entry.file);
    const count = new Map<string, number>();
    for (const f of findings) count.set(f.table.toLowerCase(), (count.get(f.table.toLowerCase()) ?? 0) + 1);
    for (const t of ws.tables) {
      if (t.file !== entry.file) continue;
      if (token.isCancellationRequested) return null;
      const a = engine.analysisOf(t);
      if (!a) continue;
      const pos = rangeOfSpan(entry.model.lineStarts, t.span).start;
      const range = { start: pos, end: pos };
      const n = count.get(t.name.toLowerCase()) ?? 0;
      lenses.push({ range, command: { title: `${a.normalForm} · ${n === 0 ? 'no findings' : n === 1 ? '1 finding' : `${n} findings`}`, command: '' } });
      if (a.normalForm !== 'BCNF') lenses.push({ range, command: { title: 'Normalize', command: 'normlint.normalizeTable', arguments: [entry.uri, rangeOfSpan(entry.model.lineStarts, t.nameSpan).start] } });
    }
    return lenses;
  });

  // ---- custom requests --------------------------------------------------------------------------------
  connection.onRequest('normlint/dependencies', async (params: { uri: string; position: { line: number; character: number } }, token): Promise<DependenciesResult | null> => {
    const { engine, entry } = await ready(params.uri, token);
    const ws = engine.workspace;
    if (!entry || !ws || token.isCancellationRequested) return null;
    const table = tableAt(entry.model, ws.tables, offsetAt(entry.model.lineStarts, params.position, entry.text.length));
    if (!table) return null;
    const a = engine.analysisOf(table);
    if (!a) return null;
    return {
      table: table.name, candidateKeys: a.candidateKeys, dependencies: dependenciesOf(table, a), normalForm: a.normalForm,
      markdown: tableMarkdown(table, a, engine.findingsOf(entry.file)),
    };
  });

  connection.onRequest('normlint/normalize', async (params: NormalizeParams, token) => {
    const { engine, entry } = await ready(params.uri, token);
    const ws = engine.workspace;
    if (!entry || !ws || token.isCancellationRequested) return null;
    const table = tableAt(entry.model, ws.tables, offsetAt(entry.model.lineStarts, params.position, entry.text.length));
    if (!table) return null;
    return normalizeRequest({ engine, table, to: params.to === 'bcnf' ? 'bcnf' : '3nf', uriOf, versionOf });
  });

  documents.listen(connection);
  connection.listen();
}

const rangeOfSpan = rangeOf;

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/** stdio unless the client asked for another transport (--node-ipc, --socket=, --pipe=). */
function defaultConnection(): Connection {
  const transport = process.argv.some((a) => /^--(node-ipc|stdio|socket|pipe)/.test(a));
  return transport ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
}
