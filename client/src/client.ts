// Creates the LanguageClient that runs dist/server.js (a Node module) over IPC.
import * as vscode from 'vscode';
import { ShowDocumentation } from './protocol.ts';
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
    // patterns catch files another extension claimed for a different SQL language id. Only files and
    // untitled documents: a diff's proposed side or the Refactor Preview's copy is not the schema
    // (linting it would count every finding twice).
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'untitled', language: 'sql' },
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
    middleware: {
      // "Show documentation": the rule's page shipped in the extension, in the Markdown preview (offline).
      executeCommand: async (command, args, next) => {
        if (command !== ShowDocumentation || typeof args[0] !== 'string') return next(command, args);
        const page = vscode.Uri.file(context.asAbsolutePath(`docs/rules/${args[0]}.md`));
        try {
          await vscode.workspace.fs.stat(page);
          await vscode.commands.executeCommand('markdown.showPreview', page);
        } catch {
          return next(command, args); // no bundled page: the server opens the web page
        }
      },
    },
    traceOutputChannel: output,
  };
  return new LanguageClient('normlint', 'normlint', serverOptions, clientOptions);
}
