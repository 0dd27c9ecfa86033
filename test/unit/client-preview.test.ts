// The client's preparation of a Normalize edit (client/src/previewEdit.ts): every change gets a
// change annotation that needs confirmation (so VS Code shows the Refactor Preview), stale
// documents are detected from the versions, and nothing else about the edit changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceEdit, TextDocumentEdit, CreateFile, AnnotatedTextEdit } from 'vscode-languageserver-protocol';
import { annotateForPreview, previewAnnotationId, staleDocuments, describeEdit } from '../../client/src/previewEdit.ts';

const uri = 'file:///ws/schema.sql';
const mig = 'file:///ws/schema.migration.sql';
const r = (l: number, c: number, l2 = l, c2 = c) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });

const serverEdit: WorkspaceEdit = {
  documentChanges: [
    { textDocument: { uri, version: 7 }, edits: [{ range: r(3, 0, 8, 2), newText: 'CREATE TABLE a (...);' }, { range: r(9, 0), newText: '\nCREATE TABLE b (...);' }] },
    { kind: 'create', uri: mig, options: { ignoreIfExists: true } },
    { textDocument: { uri: mig, version: null }, edits: [{ range: r(0, 0), newText: 'INSERT INTO b SELECT ...;' }] },
  ],
};

test('every text edit and file operation needs confirmation, under one label', () => {
  const out = annotateForPreview(serverEdit, 'Normalize Courses to 3NF', 'a warning');
  assert.deepEqual(out.changeAnnotations?.[previewAnnotationId], { label: 'Normalize Courses to 3NF', needsConfirmation: true, description: 'a warning' });
  const changes = out.documentChanges as (TextDocumentEdit | CreateFile)[];
  assert.equal(changes.length, 3, 'same changes, same order');
  const first = changes[0] as TextDocumentEdit;
  assert.deepEqual(first.textDocument, { uri, version: 7 }, 'the version is kept');
  assert.deepEqual(first.edits.map((e) => (e as AnnotatedTextEdit).annotationId), [previewAnnotationId, previewAnnotationId]);
  assert.deepEqual(first.edits.map((e) => (e as AnnotatedTextEdit).newText), ['CREATE TABLE a (...);', '\nCREATE TABLE b (...);']);
  assert.equal((changes[1] as CreateFile).kind, 'create');
  assert.equal((changes[1] as CreateFile).annotationId, previewAnnotationId);
  assert.equal(((changes[2] as TextDocumentEdit).edits[0] as AnnotatedTextEdit).annotationId, previewAnnotationId);
  assert.equal((serverEdit.documentChanges![0] as TextDocumentEdit).edits[0].hasOwnProperty('annotationId'), false, 'the input is not mutated');
});

test('a `changes` map becomes annotated documentChanges; server annotations are kept', () => {
  const out = annotateForPreview({ changes: { [uri]: [{ range: r(1, 0), newText: 'x' }] }, changeAnnotations: { other: { label: 'o' } } }, 'L');
  assert.equal(out.changes, undefined);
  const [only] = out.documentChanges as TextDocumentEdit[];
  assert.deepEqual(only.textDocument, { uri, version: null });
  assert.equal((only.edits[0] as AnnotatedTextEdit).annotationId, previewAnnotationId);
  assert.deepEqual(Object.keys(out.changeAnnotations ?? {}).sort(), [previewAnnotationId, 'other'].sort());
  assert.equal(out.changeAnnotations?.[previewAnnotationId].description, undefined, 'no empty description');
});

test('stale documents: an open document whose version moved on is refused', () => {
  assert.deepEqual(staleDocuments(serverEdit, (u) => (u === uri ? 7 : undefined)), [], 'same version');
  assert.deepEqual(staleDocuments(serverEdit, (u) => (u === uri ? 8 : undefined)), [uri], 'edited since');
  assert.deepEqual(staleDocuments(serverEdit, () => undefined), [], 'not open: applied to the file as is');
  assert.deepEqual(staleDocuments(serverEdit, () => 3).filter((u) => u === mig), [], 'version null is never stale');
});

test('describeEdit counts edits, files and file operations', () => {
  assert.equal(describeEdit(serverEdit), '3 text edit(s) in 2 file(s), 1 file operation(s)');
  assert.equal(describeEdit({ changes: { [uri]: [{ range: r(0, 0), newText: '' }] } }), '1 text edit(s) in 1 file(s)');
});
