// Prepares a server WorkspaceEdit so that VS Code shows its Refactor Preview before changing
// anything. The LSP way to ask for confirmation is a change annotation with needsConfirmation;
// protocol2CodeConverter turns it into WorkspaceEditEntryMetadata { needsConfirmation: true },
// and applyEdit(edit, { isRefactoring: true }) then opens the preview instead of applying.
// Pure (no `vscode` import) so it is unit-tested directly.
import type {
  ChangeAnnotation,
  CreateFile,
  DeleteFile,
  RenameFile,
  TextDocumentEdit,
  TextEdit,
  AnnotatedTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const previewAnnotationId = 'normlint.preview';

type DocumentChange = TextDocumentEdit | CreateFile | RenameFile | DeleteFile;

function isTextDocumentEdit(change: DocumentChange): change is TextDocumentEdit {
  return (change as TextDocumentEdit).textDocument !== undefined;
}

/**
 * Returns a copy of `edit` in which every text edit and file operation carries one change
 * annotation that needs confirmation. A `changes` map is turned into `documentChanges`
 * (version null = "whatever is open") because only documentChanges can carry annotations.
 */
export function annotateForPreview(edit: WorkspaceEdit, label: string, description?: string): WorkspaceEdit {
  const annotation: ChangeAnnotation = { label, needsConfirmation: true, ...(description ? { description } : {}) };
  const annotate = (e: TextEdit | AnnotatedTextEdit): AnnotatedTextEdit => ({
    range: e.range,
    newText: e.newText,
    annotationId: previewAnnotationId,
  });
  // LSP 3.18 snippet edits carry `snippet` instead of `newText`: keep them whole, annotated.
  const annotateAny = (e: TextDocumentEdit['edits'][number]) =>
    'snippet' in e ? { ...e, annotationId: previewAnnotationId } : annotate(e);
  let changes: DocumentChange[];
  if (edit.documentChanges) {
    changes = (edit.documentChanges as DocumentChange[]).map((change) =>
      isTextDocumentEdit(change)
        ? { textDocument: change.textDocument, edits: change.edits.map(annotateAny) }
        : { ...change, annotationId: previewAnnotationId },
    );
  } else {
    changes = Object.entries(edit.changes ?? {}).map(([uri, edits]) => ({
      textDocument: { uri, version: null },
      edits: edits.map(annotate),
    }));
  }
  return {
    documentChanges: changes,
    changeAnnotations: { ...(edit.changeAnnotations ?? {}), [previewAnnotationId]: annotation },
  };
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
