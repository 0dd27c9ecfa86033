// The pure half of the client's Normalize (client/src/previewEdit.ts): the texts shown in the diff the person
// confirms, stale documents detected from the versions, the log summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, proposedFiles, splitNewFiles, staleDocuments, describeEdit } from '../../client/src/previewEdit.ts';

const uri = 'file:///ws/schema.sql';
const mig = 'file:///ws/schema.migration.sql';
const r = (l: number, c: number, l2 = l, c2 = c) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });

const serverEdit: WorkspaceEdit = {
  documentChanges: [
    { textDocument: { uri, version: 7 }, edits: [{ range: r(1, 0, 2, 0), newText: 'CREATE TABLE a (x INT);\n' }, { range: r(3, 0), newText: 'CREATE TABLE b (y INT);\n' }] },
    { kind: 'create', uri: mig, options: { ignoreIfExists: true } },
    { textDocument: { uri: mig, version: null }, edits: [{ range: r(0, 0), newText: 'INSERT INTO b SELECT 1;\n' }] },
  ],
};

test('the proposed texts: edits applied to the current text, a created file from empty', async () => {
  const files = await proposedFiles(serverEdit, async (u) => (u === uri ? 'line0\nold table\nline2\n' : 'never read'));
  assert.deepEqual(files.map((f) => [f.uri, f.created]), [[uri, false], [mig, true]]);
  assert.equal(files[0].before, 'line0\nold table\nline2\n');
  assert.equal(files[0].after, 'line0\nCREATE TABLE a (x INT);\nline2\nCREATE TABLE b (y INT);\n');
  assert.equal(files[1].before, '');
  assert.equal(files[1].after, 'INSERT INTO b SELECT 1;\n');
});

test('inserts at the same place keep their order; a `changes` map counts too', async () => {
  assert.equal(applyTextEdits('ab', [{ range: r(0, 1), newText: '1' }, { range: r(0, 1), newText: '2' }]), 'a12b');
  const files = await proposedFiles({ changes: { [uri]: [{ range: r(0, 0, 0, 1), newText: 'X' }] } }, async () => 'abc');
  assert.equal(files[0].after, 'Xbc');
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

test('splitNewFiles: the existing files\' changes apart from the created files (separate Undo)', () => {
  const { existing, created } = splitNewFiles(serverEdit);
  assert.deepEqual(describeEdit(existing), '2 text edit(s) in 1 file(s)');
  assert.deepEqual(describeEdit(created!), '1 text edit(s) in 1 file(s), 1 file operation(s)');
  assert.equal(splitNewFiles({ documentChanges: [serverEdit.documentChanges![0]] }).created, undefined);
});
