// Where a command acts: explicit arguments (code lens, context menu, other extensions) or the
// active editor's cursor.
import * as vscode from 'vscode';
import type { Position } from 'vscode-languageserver-protocol';

export interface CommandTarget {
  uri: vscode.Uri;
  position: Position;
  /** true when the position came from the arguments (code lens), not from the cursor. */
  fromArgs: boolean;
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value) return vscode.Uri.parse(value);
  return undefined;
}

function asPosition(value: unknown): Position | undefined {
  const p = value as { line?: unknown; character?: unknown } | undefined;
  if (p && typeof p.line === 'number' && typeof p.character === 'number') return { line: p.line, character: p.character };
  return undefined;
}

export function resolveTarget(uriArg?: unknown, positionArg?: unknown): CommandTarget | undefined {
  const uri = asUri(uriArg);
  const position = asPosition(positionArg);
  if (uri && position) return { uri, position, fromArgs: true };
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  // From the context menu the uri is the editor's own file: use its cursor.
  if (uri && editor.document.uri.toString() !== uri.toString()) return undefined;
  const cursor = editor.selection.active;
  return { uri: editor.document.uri, position: { line: cursor.line, character: cursor.character }, fromArgs: false };
}
