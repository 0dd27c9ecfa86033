// "normlint: Normalize table": asks the server to decompose the table under the cursor, then
// shows VS Code's Refactor Preview; nothing changes until the person presses Apply.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NormalizeRequest, type NormalizeParams, type NormalizeResult, type NormalizeTarget } from '../protocol.ts';
import { annotateForPreview, describeEdit, staleDocuments } from '../previewEdit.ts';
import { resolveTarget } from './target.ts';

/**
 * Arguments: (uri?, position?, to?). The code lens passes [uri, position] and goes straight to
 * 3NF (its default); the palette and the editor context menu pass no position (the menu passes the
 * file's uri), so the person picks 3NF or BCNF, 3NF preselected.
 */
export async function normalizeTable(
  client: LanguageClient,
  output: vscode.LogOutputChannel,
  uriArg?: unknown,
  positionArg?: unknown,
  toArg?: unknown,
): Promise<void> {
  const target = resolveTarget(uriArg, positionArg);
  if (!target) {
    void vscode.window.showErrorMessage('normlint: open a SQL file and put the cursor inside a CREATE TABLE to normalize it.');
    return;
  }
  let to: NormalizeTarget | undefined = toArg === '3nf' || toArg === 'bcnf' ? toArg : undefined;
  if (!to && target.fromArgs) to = '3nf';
  if (!to) to = await pickTarget();
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

  const versions = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d.version]));
  const stale = staleDocuments(result.edit, (uri) => versions.get(uri));
  if (stale.length) {
    output.appendLine(`[normalize] refused: ${stale.join(', ')} changed while the edit was computed`);
    // A stale edit would land on the wrong text: refuse rather than corrupt the file.
    void vscode.window.showWarningMessage('normlint: the file changed while the edit was computed; run Normalize table again.');
    return;
  }

  const label = `Normalize ${result.table} to ${to.toUpperCase()}`;
  const annotated = annotateForPreview(result.edit, label, (result.warnings ?? []).join(' '));
  output.appendLine(`[normalize] ${label}: ${describeEdit(annotated)}`);
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(annotated);
  if (result.warnings?.length) {
    // Non-modal so the preview stays usable; the full text is in the output channel too.
    void vscode.window.showWarningMessage(`normlint: ${result.table}: ${result.warnings.join(' ')}`);
  }
  // Opens the Refactor Preview. VS Code lists edits that need confirmation unticked: the person
  // ticks the file (or single edits) and presses Apply, so nothing changes without consent.
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  output.appendLine(`[normalize] ${applied ? 'applied' : 'not applied (discarded, or nothing ticked in the preview)'}`);
  if (!applied) {
    void vscode.window.showInformationMessage(`normlint: ${label} was not applied. To apply it, tick the changes in the Refactor Preview before pressing Apply.`);
  }
}

async function pickTarget(): Promise<NormalizeTarget | undefined> {
  const items: (vscode.QuickPickItem & { to: NormalizeTarget })[] = [
    { label: '3NF', description: 'default', detail: 'Synthesis: keeps every dependency enforceable by keys.', to: '3nf' },
    { label: 'BCNF', detail: 'Every determinant becomes a key; some dependencies may need a check across tables.', to: 'bcnf' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'normlint: Normalize table', placeHolder: 'Normal form to reach' });
  return picked?.to;
}
