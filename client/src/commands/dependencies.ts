// "normlint: Show dependencies of this table": the server's markdown report (candidate keys,
// dependencies with their evidence, normal form), shown as a read-only virtual document in the
// Markdown preview beside the editor.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DependenciesRequest, type DependenciesParams, type DependenciesResult } from '../protocol.ts';
import { resolveTarget } from './target.ts';

export const dependenciesScheme = 'normlint-dependencies';

/** Holds the reports shown so far, keyed by the virtual document's uri. */
export class DependenciesContent implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, markdown: string): void {
    this.reports.set(uri.toString(), markdown);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '_No report: run "normlint: Show dependencies of this table" again._';
  }
}

export async function showDependencies(
  client: LanguageClient,
  content: DependenciesContent,
  output: vscode.LogOutputChannel,
  uriArg?: unknown,
  positionArg?: unknown,
): Promise<void> {
  const target = resolveTarget(uriArg, positionArg);
  if (!target) {
    void vscode.window.showErrorMessage('normlint: open a SQL file and put the cursor inside a CREATE TABLE.');
    return;
  }
  const params: DependenciesParams = { uri: target.uri.toString(), position: target.position };
  let result: DependenciesResult | null;
  try {
    result = await client.sendRequest<DependenciesResult | null>(DependenciesRequest, params);
  } catch (err) {
    output.appendLine(`[dependencies] request failed: ${String(err)}`);
    void vscode.window.showErrorMessage(`normlint: Show dependencies failed: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  if (!result) {
    void vscode.window.showInformationMessage('normlint: no CREATE TABLE at the cursor.');
    return;
  }
  const uri = vscode.Uri.from({ scheme: dependenciesScheme, path: `/${result.table}.md` });
  content.set(uri, result.markdown);
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    // No Markdown extension (minimal editors): show the markdown source instead.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}
