// Creates the LanguageClient that runs dist/server.js (a Node module) over IPC.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    // F5 debugging of the server: attach to port 6009.
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The built-in `sql` language covers .sql (and .ddl, which package.json maps to sql); the
    // patterns catch files another extension claimed for a different SQL language id.
    documentSelector: [
      { language: 'sql' },
      { scheme: 'file', pattern: '**/*.sql' },
      { scheme: 'file', pattern: '**/*.ddl' },
    ],
    synchronize: {
      // Pushes the `normlint` settings on change, so they apply without a reload.
      configurationSection: 'normlint',
      // Other schema files define keys and indexes that count (workspace index), and the config file changes options.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.sql,*.ddl,.normlintrc.json}'),
    },
    outputChannel: output,
    traceOutputChannel: output,
  };
  return new LanguageClient('normlint', 'normlint', serverOptions, clientOptions);
}
