// The pure half of "Normalize table": what each file will read after the server's WorkspaceEdit (for the
// diff the person confirms), whether an open document moved on since the server computed the edit, and a
// one-line summary. The edit carries no needsConfirmation: VS Code's Refactor Preview lists such edits
// unticked, so its Apply applied nothing; the client shows the diff and asks once instead.
// Pure (no `vscode` import) so it is unit-tested directly.
import type { CreateFile, DeleteFile, RenameFile, TextDocumentEdit, WorkspaceEdit, Range } from 'vscode-languageserver-protocol';

type DocumentChange = TextDocumentEdit | CreateFile | RenameFile | DeleteFile;

function isTextDocumentEdit(change: DocumentChange): change is TextDocumentEdit {
  return (change as TextDocumentEdit).textDocument !== undefined;
}

/** Every change of the edit as [uri, edits]; a `changes` map counts as unversioned document edits. */
function textChanges(edit: WorkspaceEdit): { uri: string; created: boolean; edits: { range: Range; newText: string }[] }[] {
  const out: { uri: string; created: boolean; edits: { range: Range; newText: string }[] }[] = [];
  const created = new Set<string>();
  for (const c of (edit.documentChanges ?? []) as DocumentChange[]) {
    if (!isTextDocumentEdit(c)) { if (c.kind === 'create') created.add(c.uri); continue; }
    out.push({ uri: c.textDocument.uri, created: created.has(c.textDocument.uri), edits: c.edits.map((e) => ({ range: e.range, newText: 'newText' in e ? e.newText : '' })) });
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.push({ uri, created: false, edits });
  for (const uri of created) if (!out.some((o) => o.uri === uri)) out.push({ uri, created: true, edits: [] });
  return out;
}

/** Applies LSP text edits (non-overlapping, positions against `text`) and returns the new text. */
export function applyTextEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const offset = (p: Range['start']) => {
    if (p.line >= starts.length) return text.length;
    const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    return Math.min(starts[p.line] + p.character, lineEnd);
  };
  const sorted = edits.map((e, i) => ({ s: offset(e.range.start), e: offset(e.range.end), t: e.newText, i }))
    .sort((a, b) => b.s - a.s || b.e - a.e || b.i - a.i);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

export interface ProposedFile { uri: string; created: boolean; before: string; after: string }

/** What each file of the edit reads before and after; `textOf(uri)` is the open or on-disk text ('' when none). */
export async function proposedFiles(edit: WorkspaceEdit, textOf: (uri: string) => Promise<string>): Promise<ProposedFile[]> {
  const byUri = new Map<string, ProposedFile>();
  for (const c of textChanges(edit)) {
    let f = byUri.get(c.uri);
    if (!f) {
      const before = c.created ? '' : await textOf(c.uri);
      byUri.set(c.uri, (f = { uri: c.uri, created: c.created, before, after: before }));
    }
    f.after = applyTextEdits(f.after, c.edits);
  }
  return [...byUri.values()];
}

/**
 * Splits the edit into the changes of existing files and the new files (created, then filled). Applied one
 * after the other, one Undo in the schema file restores it exactly: a single edit spanning a created file
 * is one cross-file undo element, which VS Code does not undo from the schema file alone.
 */
export function splitNewFiles(edit: WorkspaceEdit): { existing: WorkspaceEdit; created: WorkspaceEdit | undefined } {
  const changes = (edit.documentChanges ?? []) as DocumentChange[];
  const created = new Set(changes.filter((c): c is CreateFile => !isTextDocumentEdit(c) && c.kind === 'create').map((c) => c.uri));
  if (!created.size) return { existing: edit, created: undefined };
  const isNew = (c: DocumentChange) => (isTextDocumentEdit(c) ? created.has(c.textDocument.uri) : c.kind === 'create' && created.has(c.uri));
  const pick = (list: DocumentChange[]): WorkspaceEdit => ({ documentChanges: list, ...(edit.changeAnnotations ? { changeAnnotations: edit.changeAnnotations } : {}) });
  return { existing: { ...pick(changes.filter((c) => !isNew(c))), ...(edit.changes ? { changes: edit.changes } : {}) }, created: pick(changes.filter(isNew)) };
}

/**
 * The documents whose open version differs from the version the server computed the edit for.
 * `openVersion(uri)` returns the version of an open document, or undefined when it is not open
 * (then the server read it from disk and the edit is applied to the file as is).
 */
export function staleDocuments(edit: WorkspaceEdit, openVersion: (uri: string) => number | undefined): string[] {
  const stale: string[] = [];
  for (const change of (edit.documentChanges ?? []) as DocumentChange[]) {
    if (!isTextDocumentEdit(change)) continue;
    const wanted = change.textDocument.version;
    if (wanted === null || wanted === undefined) continue;
    const actual = openVersion(change.textDocument.uri);
    if (actual !== undefined && actual !== wanted) stale.push(change.textDocument.uri);
  }
  return stale;
}


/** Counts edited documents and file operations, for the log line. */
export function describeEdit(edit: WorkspaceEdit): string {
  const changes = (edit.documentChanges ?? []) as DocumentChange[];
  const docs = new Set<string>();
  let edits = 0;
  let fileOps = 0;
  for (const c of changes) {
    if (isTextDocumentEdit(c)) {
      docs.add(c.textDocument.uri);
      edits += c.edits.length;
    } else fileOps++;
  }
  for (const [uri, list] of Object.entries(edit.changes ?? {})) {
    docs.add(uri);
    edits += list.length;
  }
  return `${edits} text edit(s) in ${docs.size} file(s)${fileOps ? `, ${fileOps} file operation(s)` : ''}`;
}
