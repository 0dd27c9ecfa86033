// "normlint: Normalize table": asks for 3NF or BCNF (from the palette, the context menu and the code lens
// alike), asks the server to decompose the table under the cursor, shows the before/after diff and asks once
// (modal: Apply or Cancel). Apply applies the schema file's changes as one edit (one Undo restores it) and
// then creates the migration file; Cancel changes nothing and
// says nothing more. VS Code's Refactor Preview is not used: it lists edits that need confirmation unticked,
// so pressing its Apply applied nothing.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NormalizeRequest, type NormalizeParams, type NormalizeResult, type NormalizeTarget } from '../protocol.ts';
import { describeEdit, proposedFiles, splitNewFiles, staleDocuments, type ProposedFile } from '../previewEdit.ts';
import { showBeforeAfter } from '../erd/beforeAfter.ts';
import { resolveTarget } from './target.ts';

export const proposedScheme = 'normlint-proposed';

/** The proposed texts shown on the right of the diff (read-only, never linted: not a file or untitled document). */
export class ProposedContent implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  set(uri: vscode.Uri, text: string): void { this.texts.set(uri.toString(), text); this.changed.fire(uri); }
  delete(uri: vscode.Uri): void { this.texts.delete(uri.toString()); }
  provideTextDocumentContent(uri: vscode.Uri): string { return this.texts.get(uri.toString()) ?? ''; }
}

/** Arguments: (uri?, position?, to?). Without `to` the person picks 3NF or BCNF, 3NF first. */
export async function normalizeTable(
  client: LanguageClient,
  output: vscode.LogOutputChannel,
  proposed: ProposedContent,
  uriArg?: unknown,
  positionArg?: unknown,
  toArg?: unknown,
): Promise<void> {
  const target = resolveTarget(uriArg, positionArg);
  if (!target) {
    void vscode.window.showErrorMessage('normlint: open a SQL file and put the cursor inside a CREATE TABLE to normalize it.');
    return;
  }
  const to: NormalizeTarget | undefined = toArg === '3nf' || toArg === 'bcnf' ? toArg : await pickTarget();
  if (!to) return; // dismissed

  const params: NormalizeParams = { uri: target.uri.toString(), position: target.position, to };
  output.appendLine(`[normalize] ${params.uri} ${params.position.line + 1}:${params.position.character + 1} to ${to}`);
  let result: NormalizeResult | null;
  try {
    result = await client.sendRequest<NormalizeResult | null>(NormalizeRequest, params);
  } catch (err) {
    output.appendLine(`[normalize] request failed: ${String(err)}`);
    void vscode.window.showErrorMessage(`normlint: Normalize table failed: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  if (!result) {
    output.appendLine('[normalize] no CREATE TABLE at the cursor');
    void vscode.window.showInformationMessage('normlint: no CREATE TABLE at the cursor.');
    return;
  }
  for (const w of result.warnings ?? []) output.appendLine(`[normalize] warning: ${w}`);
  const label = `Normalize ${result.table} to ${to.toUpperCase()}`;
  output.appendLine(`[normalize] ${label}: ${describeEdit(result.edit)}`);

  const files = await proposedFiles(result.edit, textOf);
  const shown = await showDiff(proposed, files, label);
  const picture = showBeforeAfter(result.diagrams, label);
  const detail = [
    ...files.map((f) => `${f.created ? 'New file' : 'Changes'} ${vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))}`),
    ...(result.warnings ?? []),
  ].join('\n');
  const choice = await vscode.window.showInformationMessage(`${label}?`, { modal: true, detail }, 'Apply');
  await closeDiff(shown);
  picture?.dispose();
  for (const f of files) proposed.delete(proposedUri(f));
  if (choice !== 'Apply') { output.appendLine('[normalize] cancelled'); return; }

  // The person may have typed while the dialog was open: a stale edit would land on the wrong text.
  const versions = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d.version]));
  const stale = staleDocuments(result.edit, (uri) => versions.get(uri));
  if (stale.length) {
    output.appendLine(`[normalize] refused: ${stale.join(', ')} changed while the edit was computed`);
    void vscode.window.showWarningMessage('normlint: the file changed since Normalize was computed; run Normalize table again.');
    return;
  }
  // The schema file's changes first (one Undo there restores it), then the new migration file(s).
  const parts = splitNewFiles(result.edit);
  let applied = await vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(parts.existing), { isRefactoring: true });
  if (applied && parts.created) applied = await vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(parts.created), { isRefactoring: true });
  output.appendLine(`[normalize] ${applied ? 'applied' : 'not applied: VS Code refused the edit'}`);
  if (!applied) void vscode.window.showWarningMessage(`normlint: VS Code could not apply ${label}; see the "normlint" output.`);
}

async function textOf(uri: string): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (open) return open.getText();
  try { return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))); } catch { return ''; }
}

const proposedUri = (f: ProposedFile) => vscode.Uri.parse(f.uri).with({ scheme: proposedScheme });

/** Opens the diff of the main (first edited, existing) file; created files are listed in the dialog. */
async function showDiff(proposed: ProposedContent, files: ProposedFile[], label: string): Promise<vscode.Uri | undefined> {
  const main = files.find((f) => !f.created) ?? files[0];
  if (!main) return undefined;
  for (const f of files) proposed.set(proposedUri(f), f.after);
  const right = proposedUri(main);
  const left = main.created ? right.with({ query: 'before' }) : vscode.Uri.parse(main.uri);
  try {
    await vscode.commands.executeCommand('vscode.diff', left, right, `${label} (proposed)`, { preview: true });
    return right;
  } catch { return undefined; }
}

async function closeDiff(right: vscode.Uri | undefined): Promise<void> {
  if (!right) return;
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === right.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

async function pickTarget(): Promise<NormalizeTarget | undefined> {
  const items: (vscode.QuickPickItem & { to: NormalizeTarget })[] = [
    { label: '3NF', description: 'default', detail: 'Synthesis: keeps every dependency enforceable by keys.', to: '3nf' },
    { label: 'BCNF', detail: 'Every determinant becomes a key; some dependencies may need a check across tables.', to: 'bcnf' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'normlint: Normalize table', placeHolder: 'Normal form to reach' });
  return picked?.to;
}
