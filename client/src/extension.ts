// VS Code client entry: starts the normlint language server (dist/server.js) and registers the
// commands. Diagnostics, hover, code actions and code lenses come from the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './client.ts';
import { Commands } from './protocol.ts';
import { createStatusItem } from './status.ts';
import { normalizeTable, ProposedContent, proposedScheme } from './commands/normalize.ts';
import { DependenciesContent, dependenciesScheme, showDependencies } from './commands/dependencies.ts';
import { ErdPanel } from './erd/panel.ts';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('normlint', { log: true });
  context.subscriptions.push(output);
  output.appendLine(`[client] normlint ${context.extension.packageJSON.version} activating`);

  const lc = createLanguageClient(context, output);
  client = lc;
  createStatusItem(context, lc, output);
  const deps = new DependenciesContent();
  const proposed = new ProposedContent();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(dependenciesScheme, deps),
    vscode.workspace.registerTextDocumentContentProvider(proposedScheme, proposed),
    vscode.commands.registerCommand(Commands.normalizeTable, (uri?: unknown, position?: unknown, to?: unknown) =>
      normalizeTable(lc, output, proposed, uri, position, to),
    ),
    vscode.commands.registerCommand(Commands.showDependencies, (uri?: unknown, position?: unknown) =>
      showDependencies(lc, deps, output, uri, position),
    ),
    vscode.commands.registerCommand(Commands.showErd, (uri?: unknown, position?: unknown) => ErdPanel.show(context, lc, output, uri, position)),
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      output.appendLine('[client] restarting the server');
      try {
        await lc.restart();
      } catch (err) {
        output.appendLine(`[client] restart failed: ${String(err)}`);
        void vscode.window.showErrorMessage('normlint: the language server failed to restart. See the "normlint" output.');
        return;
      }
      output.appendLine('[client] server restarted');
      void vscode.window.setStatusBarMessage('normlint: server restarted', 3000);
    }),
  );

  try {
    await lc.start();
    output.appendLine('[client] server started');
  } catch (err) {
    // Keep the commands registered (Restart server can recover); say clearly what failed.
    output.appendLine(`[client] server failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage('normlint: the language server failed to start. See the "normlint" output.');
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
