// The language server: builds the shared context and wires one module per LSP feature (features/*). Analysis
// is incremental (core/incremental/engine.ts) and scheduled by analysis.ts; every feature only translates.
import { createConnection, ProposedFeatures, StreamMessageReader, TextDocumentSyncKind, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import { format } from 'node:util';
import { slicedJsonDecoder } from './json-decoder.ts';
import { OneWriteMessageWriter } from './message-writer.ts';
import { createContext } from './context.ts';
import { Analysis } from './analysis.ts';
import { uriToFile } from './uri.ts';
import { SHOW_DOCS_COMMAND, FIX_ALL } from './codeActions.ts';
import { Configuration } from './features/configuration.ts';
import { Indexing } from './features/indexing.ts';
import { registerDocumentSync } from './features/documentSync.ts';
import { registerDiagnostics } from './features/diagnostics.ts';
import { registerCodeActions } from './features/codeActions.ts';
import { registerHover } from './features/hover.ts';
import { registerCodeLens } from './features/codeLens.ts';
import { registerRequests } from './features/requests.ts';
import { registerStatus } from './features/status.ts';
import { registerErd } from './features/erd.ts';

export function startServer(connection: Connection = defaultConnection()): void {
  const ctx = createContext(connection);
  // A bug anywhere must cost one answer, not the server: log it and keep serving.
  process.on('uncaughtException', (err) => ctx.log(`normlint: uncaught exception: ${err.stack ?? err}`));
  process.on('unhandledRejection', (err) => ctx.log(`normlint: unhandled rejection: ${(err as Error)?.stack ?? err}`));
  const analysis = new Analysis(ctx);
  const config = new Configuration(ctx, analysis);
  const indexing = new Indexing(ctx, analysis, config);
  registerDocumentSync(ctx, analysis);
  registerDiagnostics(ctx, analysis);
  registerCodeActions(ctx, analysis);
  registerHover(ctx, analysis);
  registerCodeLens(ctx, analysis);
  registerRequests(ctx, analysis);
  registerStatus(ctx);
  registerErd(ctx, analysis);

  connection.onInitialize((params: InitializeParams) => {
    const caps = params.capabilities;
    Object.assign(ctx.caps, {
      pull: !!caps.textDocument?.diagnostic,
      diagnosticsRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
      codeLensRefresh: !!caps.workspace?.codeLens?.refreshSupport,
      configuration: !!caps.workspace?.configuration,
      dynamicConfig: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
      dynamicWatch: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      showDocument: !!caps.window?.showDocument?.support,
    });
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings !== undefined) config.pushed = init.settings;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    for (const f of folders) if (f.uri.startsWith('file:')) ctx.projects.addFolder(f.uri, uriToFile(f.uri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(ctx.caps.pull ? { diagnosticProvider: { identifier: 'normlint', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite', FIX_ALL] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_DOCS_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'normlint', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    // A client that never answers workspace/configuration must not hold every answer back.
    const fallback = setTimeout(() => ctx.markSettingsLoaded(), 3000);
    await config.register();
    await indexing.register();
    try { await config.loadAll(); } finally { clearTimeout(fallback); ctx.markSettingsLoaded(); }
    for (const p of ctx.projects.list) await indexing.indexProject(p);
    analysis.afterBackgroundChange();
  });

  ctx.documents.listen(connection);
  connection.listen();
}

/** stdio unless the client asked for another transport (--node-ipc, --socket=, --pipe=). */
function defaultConnection(): Connection {
  const transport = process.argv.some((a) => /^--(node-ipc|socket|pipe)/.test(a));
  return transport ? createConnection(ProposedFeatures.all) : stdioConnection();
}

/**
 * stdio with our decoder of the client's messages (json-decoder.ts: a 17 MB didOpen is decoded in slices, not
 * in one turn of the loop) and our writer (message-writer.ts: each message in one write). A reader given to
 * createConnection does not get what it does for the stdio streams, so that is done here: exit when the client
 * closes stdin, and console output goes to the client's log, not into the protocol on stdout.
 */
function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin, { charset: 'utf-8', contentTypeDecoder: slicedJsonDecoder });
  const connection = createConnection(ProposedFeatures.all, reader, new OneWriteMessageWriter(process.stdout));
  let shutdown = false;
  connection.onShutdown(() => { shutdown = true; });
  const exit = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  const toLog = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = console.info = console.debug = console.warn = console.error = toLog;
  return connection;
}
